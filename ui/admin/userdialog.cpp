#include "admin/userdialog.h"

#include "client/adminclient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

UserDialog::UserDialog(client::AdminClient &client, const QJsonObject &user, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_creating(user.isEmpty())
    , m_username(new QLineEdit(user.value(u"username"_s).toString(), this))
    , m_email(new QLineEdit(user.value(u"email"_s).toString(), this))
    , m_phone(new QLineEdit(user.value(u"phone"_s).toString(), this))
    , m_group(new QLineEdit(user.value(u"group"_s).toString(), this))
    , m_pin(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(m_creating ? tr("New user") : tr("Edit %1").arg(m_username->text()));
    m_username->setReadOnly(!m_creating);
    m_username->setPlaceholderText(tr("as in the directory, e.g. alice"));
    m_email->setPlaceholderText(u"alice@example.org"_s);
    m_phone->setPlaceholderText(tr("with country code, e.g. +31 6 12345678"));
    m_group->setPlaceholderText(tr("optional; the group's policy applies"));
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setPlaceholderText(user.value(u"voice_pin"_s).toBool()
                                  ? tr("set; type a new one to change it")
                                  : tr("optional, 4 to 8 digits"));
    m_status->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(tr("&Phone:"), m_phone);
    form->addRow(tr("&Group:"), m_group);
    form->addRow(tr("Voice &PIN:"), m_pin);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(m_creating ? tr("&Create") : tr("&Save"));
    connect(buttons, &QDialogButtonBox::accepted, this, &UserDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    (m_creating ? m_username : m_email)->setFocus();
    resize(440, sizeHint().height());
}

void UserDialog::setField(const QString &key, const QString &value)
{
    const QHash<QString, QLineEdit *> fields { { u"username"_s, m_username },
                                               { u"email"_s, m_email },
                                               { u"phone"_s, m_phone },
                                               { u"group"_s, m_group },
                                               { u"voice_pin"_s, m_pin } };
    if (QLineEdit *field = fields.value(key))
        field->setText(value);
}

void UserDialog::submit()
{
    if (m_username->text().trimmed().isEmpty()) {
        m_status->setText(tr("Enter a username."));
        return m_username->setFocus();
    }
    QJsonObject body { { u"email"_s, m_email->text().trimmed() },
                       { u"phone"_s, m_phone->text().trimmed() },
                       { u"group"_s, m_group->text().trimmed() } };
    if (!m_pin->text().isEmpty())
        body[u"voice_pin"_s] = m_pin->text();
    client::AdminReply *reply;
    if (m_creating) {
        body[u"username"_s] = m_username->text().trimmed();
        reply = m_client.send("POST"_ba, u"users"_s, body);
    } else {
        reply = m_client.send(
            "PATCH"_ba, u"users/"_s + client::AdminClient::argument(m_username->text()), body);
    }
    m_status->setText(tr("Saving…"));
    reply->then(
        this,
        [this](const QJsonObject &user) {
            m_result = user;
            accept();
        },
        [this](const Error &error) { m_status->setText(error.message); });
}

} // namespace twofold::ui
