#include "admin/testverificationdialog.h"

#include "client/adminclient.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTime>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

TestVerificationDialog::TestVerificationDialog(client::AdminClient &client, const QString &username,
                                               QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_username(username)
    , m_method(new QComboBox(this))
    , m_passcode(new QLineEdit(this))
    , m_send(new QPushButton(tr("&Send"), this))
    , m_log(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Test verification for %1").arg(username));
    m_method->addItem(tr("Push approval"), u"push"_s);
    m_method->addItem(tr("SMS code"), u"sms"_s);
    m_method->addItem(tr("Voice call"), u"phone"_s);
    m_method->addItem(tr("Code from the user's app or token"), u"passcode"_s);
    m_passcode->setPlaceholderText(tr("the code the user reads out"));
    m_passcode->setAccessibleName(tr("Code"));
    m_passcode->setEnabled(false);
    connect(m_method, &QComboBox::currentIndexChanged, this,
            [this] { m_passcode->setEnabled(m_method->currentData().toString() == u"passcode"); });
    m_log->setReadOnly(true);
    m_log->setAccessibleName(tr("Progress"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Method:"), m_method);
    form->addRow(tr("&Code:"), m_passcode);
    connect(m_send, &QPushButton::clicked, this,
            [this] { start(m_method->currentData().toString(), m_passcode->text().remove(u' ')); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_send, QDialogButtonBox::ActionRole);
    m_send->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_log, 1);
    layout->addWidget(buttons);
    resize(520, 360);
}

TestVerificationDialog::~TestVerificationDialog()
{
    if (m_poll)
        m_poll->abort();
}

QString TestVerificationDialog::log() const
{
    return m_log->toPlainText();
}

void TestVerificationDialog::start(const QString &method, const QString &passcode)
{
    if (m_poll)
        m_poll->abort();
    m_result.clear();
    m_send->setEnabled(false);
    QJsonObject body { { u"method"_s, method } };
    if (method == u"passcode")
        body[u"passcode"_s] = passcode;
    m_log->appendPlainText(tr("%1  Sending…").arg(QTime::currentTime().toString()));
    m_client
        .send("POST"_ba, u"users/"_s + client::AdminClient::argument(m_username) + u"/test"_s, body)
        ->then(
            this,
            [this](const QJsonObject &answer) {
                report(answer);
                if (answer.value(u"result"_s).toString() == u"waiting")
                    follow(answer.value(u"txid"_s).toString());
            },
            [this](const Error &error) {
                m_log->appendPlainText(error.message);
                m_send->setEnabled(true);
            });
}

void TestVerificationDialog::follow(const QString &txid)
{
    // A long poll: the server answers when the status changes or the transaction ends.
    QUrlQuery query;
    query.addQueryItem(u"wait"_s, u"true"_s);
    m_poll = m_client.get(u"transactions/"_s + client::AdminClient::argument(txid), query,
                          client::AdminClient::requestTimeoutMs + 60'000);
    m_poll->then(
        this,
        [this, txid](const QJsonObject &answer) {
            report(answer);
            if (answer.value(u"result"_s).toString() == u"waiting")
                follow(txid);
        },
        [this](const Error &error) {
            m_log->appendPlainText(error.message);
            m_send->setEnabled(true);
        });
}

void TestVerificationDialog::report(const QJsonObject &answer)
{
    const QString result = answer.value(u"result"_s).toString();
    QString line = u"%1  %2: %3"_s.arg(QTime::currentTime().toString(), result,
                                       answer.value(u"status_msg"_s).toString());
    if (answer.contains(u"number"_s))
        line += tr(" (number to match: %1)").arg(answer.value(u"number"_s).toString());
    m_log->appendPlainText(line);
    if (result != u"waiting") {
        m_result = result;
        m_send->setEnabled(true);
        emit verificationFinished(result);
    }
}

} // namespace twofold::ui
