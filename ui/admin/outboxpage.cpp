#include "admin/outboxpage.h"

#include "admin/adminsession.h"
#include "admin/jsontablemodel.h"
#include "admin/statuslabel.h"
#include "client/adminclient.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTableView>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

QString kindTitle(const QString &kind)
{
    if (kind == u"sms")
        return OutboxPage::tr("SMS");
    if (kind == u"call")
        return OutboxPage::tr("Voice call");
    return kind;
}

// What the message says, or for a call its state; the keys are masked by the server.
QString content(const QJsonObject &message)
{
    const QString status = message.value(u"status"_s).toString();
    if (message.value(u"kind"_s).toString() != u"call")
        return message.value(u"body"_s).toString();
    QString state = status;
    if (status == u"ringing")
        state = OutboxPage::tr("Ringing: waiting for keys");
    else if (status == u"answered")
        state = OutboxPage::tr("Answered (%1)").arg(message.value(u"keys"_s).toString());
    const QString greeting = message.value(u"body"_s).toString();
    return greeting.isEmpty() ? state : state + u" — "_s + greeting;
}

} // namespace

OutboxPage::OutboxPage(client::AdminClient &client, const AdminSession &session, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_session(session)
    , m_model(new JsonTableModel(
          { JsonTableModel::time(tr("Time"), u"created"_s),
            { tr("Kind"),
              [](const QJsonObject &message) -> QVariant {
                  return kindTitle(message.value(u"kind"_s).toString());
              } },
            JsonTableModel::text(tr("To"), u"to"_s),
            { tr("Text or status"),
              [](const QJsonObject &message) -> QVariant { return content(message); } } },
          this))
    , m_table(new QTableView(this))
    , m_keys(new QLineEdit(this))
    , m_answer(new QPushButton(tr("&Answer call"), this))
    , m_refresh(new QPushButton(tr("&Refresh"), this))
    , m_status(new StatusLabel(this))
{
    setUpTable(m_table, m_model, tr("Outbox messages and calls, newest first"));
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &OutboxPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OutboxPage::updateButtons);

    m_keys->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[0-9*#]{0,32}"_s), m_keys));
    m_keys->setPlaceholderText(tr("such as # or 1234#"));
    m_keys->setAccessibleName(tr("Keys to press on the call"));
    auto *keysLabel = new QLabel(tr("&Keypad:"), this);
    keysLabel->setBuddy(m_keys);
    connect(m_keys, &QLineEdit::textChanged, this, &OutboxPage::updateButtons);
    connect(m_keys, &QLineEdit::returnPressed, this, &OutboxPage::answerSelected);
    connect(m_answer, &QPushButton::clicked, this, &OutboxPage::answerSelected);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setToolTip(
        tr("Refresh (%1)")
            .arg(QKeySequence(QKeySequence::Refresh).toString(QKeySequence::NativeText)));
    connect(m_refresh, &QPushButton::clicked, this, &OutboxPage::refresh);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_refresh);
    actions->addStretch();
    actions->addWidget(keysLabel);
    actions->addWidget(m_keys);
    actions->addWidget(m_answer);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addLayout(actions);
    updateButtons();
}

QString OutboxPage::status() const
{
    return m_status->text();
}

void OutboxPage::refresh()
{
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, u"200"_s);
    const int generation = ++m_generation;
    m_client.get(u"outbox"_s, query)
        ->then(
            this,
            [this, generation](const QJsonObject &answer) {
                if (generation != m_generation)
                    return;
                m_model->setRows(objectsOf(answer.value(u"messages"_s)));
                if (!m_note.isEmpty())
                    m_status->showInfo(std::exchange(m_note, {}));
                else if (m_model->rowCount() == 0)
                    m_status->showInfo(tr("The outbox is empty. Send a test SMS or call to a "
                                          "user, then refresh (F5)."));
                else
                    m_status->showInfo(tr("To answer a ringing call, select it, type the keys "
                                          "the user would press and choose Answer call."));
            },
            [this, generation](const Error &error) {
                if (generation == m_generation)
                    m_status->showError(error.message);
            });
}

QString OutboxPage::ringingCallId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    const QJsonObject &message = m_model->rowObject(rows.first().row());
    if (message.value(u"kind"_s).toString() != u"call"
        || message.value(u"status"_s).toString() != u"ringing")
        return {};
    return message.value(u"id"_s).toString();
}

void OutboxPage::updateButtons()
{
    const bool ringing = !ringingCallId().isEmpty();
    m_session.guard(m_keys, u"outbox.answer"_s, ringing);
    m_session.guard(m_answer, u"outbox.answer"_s, ringing && !m_keys->text().isEmpty());
}

void OutboxPage::answerSelected()
{
    const QString id = ringingCallId();
    if (id.isEmpty())
        return m_status->showError(tr("Select a ringing call first."));
    if (m_keys->text().isEmpty())
        return m_status->showError(tr("Type the keys to press, such as # or 1234#."));
    answerCall(id, m_keys->text());
}

void OutboxPage::answerCall(const QString &callId, const QString &keys)
{
    m_client
        .send("POST"_ba, u"outbox/"_s + client::AdminClient::argument(callId) + u"/answer"_s,
              { { u"keys"_s, keys } })
        ->then(
            this,
            [this](const QJsonObject &) {
                m_keys->clear();
                m_note = tr("The call was answered.");
                m_status->showInfo(m_note);
                refresh();
            },
            [this](const Error &error) { m_status->showError(error.message); });
}

} // namespace twofold::ui
