#include "authenticator/editaccountdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QIcon>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace twofold::ui {

QStringList EditAccountDialog::iconNames()
{
    QStringList names;
    const QStringList files = QDir(u":/icons/accounts"_s).entryList({ u"*.svg"_s }, QDir::Files);
    for (const QString &f : files)
        names.append(f.chopped(4));
    return names;
}

EditAccountDialog::EditAccountDialog(const vault::Account &account, const QStringList &groups,
                                     QWidget *parent)
    : QDialog(parent)
    , m_account(account)
    , m_issuer(new QLineEdit(account.otp.issuer))
    , m_name(new QLineEdit(account.otp.account))
    , m_group(new QComboBox)
    , m_icon(new QComboBox)
{
    setWindowTitle(tr("Edit account"));
    auto *form = new QFormLayout(this);
    m_issuer->setAccessibleName(tr("Issuer"));
    m_name->setAccessibleName(tr("Account name"));
    m_issuer->setPlaceholderText(tr("The service, e.g. GitHub"));
    m_name->setPlaceholderText(tr("Your user name or email there"));
    form->addRow(tr("&Issuer:"), m_issuer);
    form->addRow(tr("&Account:"), m_name);

    m_group->setEditable(true);
    m_group->addItem(QString());
    m_group->addItems(groups);
    m_group->setCurrentText(account.group);
    m_group->setAccessibleName(tr("Group"));
    m_group->lineEdit()->setPlaceholderText(tr("No group"));
    form->addRow(tr("&Group:"), m_group);

    m_icon->addItem(tr("Issuer's initial"), QString());
    for (const QString &name : iconNames())
        m_icon->addItem(QIcon(u":/icons/accounts/"_s + name + u".svg"_s), name, name);
    m_icon->setCurrentIndex(std::max(0, m_icon->findData(account.icon)));
    m_icon->setAccessibleName(tr("Icon"));
    form->addRow(tr("I&con:"), m_icon);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &EditAccountDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &EditAccountDialog::reject);
    const auto validate = [this, buttons] {
        // An account needs something to be recognised by.
        buttons->button(QDialogButtonBox::Save)
            ->setEnabled(!m_issuer->text().trimmed().isEmpty()
                         || !m_name->text().trimmed().isEmpty());
    };
    connect(m_issuer, &QLineEdit::textChanged, this, validate);
    connect(m_name, &QLineEdit::textChanged, this, validate);
    setMinimumWidth(420);
}

vault::Account EditAccountDialog::account() const
{
    vault::Account a = m_account;
    a.otp.issuer = m_issuer->text().trimmed();
    a.otp.account = m_name->text().trimmed();
    a.group = m_group->currentText().trimmed();
    a.icon = m_icon->currentData().toString();
    return a;
}

} // namespace twofold::ui
