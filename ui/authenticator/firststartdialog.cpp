#include "authenticator/firststartdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace twofold::ui {

FirstStartDialog::FirstStartDialog(QWidget *parent)
    : QDialog(parent)
    , m_keychain(
          new QRadioButton(tr("System &keychain — unlocks when you sign in to this computer")))
    , m_password(new QRadioButton(tr("A &password — you type it to unlock")))
    , m_both(new QRadioButton(tr("&Both — the keychain, with the password as a fallback")))
    , m_keychainStatus(new QLabel(tr("Checking for a system keychain…")))
    , m_passwordEdit(new QLineEdit)
    , m_confirmEdit(new QLineEdit)
    , m_problem(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setWindowTitle(tr("Protect your accounts"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("<b>Welcome to Twofold.</b><br>Your accounts are kept in an "
                                "encrypted vault on this computer. How should it be unlocked?"));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    for (QRadioButton *b : { m_both, m_keychain, m_password }) {
        layout->addWidget(b);
        connect(b, &QRadioButton::toggled, this, &FirstStartDialog::updateState);
    }
    m_keychainStatus->setWordWrap(true);
    m_keychainStatus->setIndent(20);
    layout->addWidget(m_keychainStatus);

    auto *form = new QFormLayout;
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_confirmEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setAccessibleName(tr("Password"));
    m_confirmEdit->setAccessibleName(tr("Repeat the password"));
    form->addRow(tr("Pass&word:"), m_passwordEdit);
    form->addRow(tr("&Repeat:"), m_confirmEdit);
    layout->addLayout(form);
    auto *hint = new QLabel(tr("There is no way to recover a forgotten password. Keep an "
                               "encrypted backup (File → Export) somewhere safe."));
    hint->setWordWrap(true);
    layout->addWidget(hint);
    m_problem->setWordWrap(true);
    m_problem->setMinimumHeight(m_problem->fontMetrics().height() * 2);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b"));
    layout->addWidget(m_problem);
    layout->addStretch();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create &vault"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &FirstStartDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &FirstStartDialog::reject);
    connect(m_passwordEdit, &QLineEdit::textChanged, this, [this] { m_problem->clear(); });

    m_password->setChecked(true);
    m_keychain->setEnabled(false);
    m_both->setEnabled(false);
    setMinimumWidth(520);
    updateState();
    adjustSize();
}

void FirstStartDialog::setKeychainAvailable(bool available, const QString &message)
{
    m_keychainAvailable = available;
    m_keychain->setEnabled(available);
    m_both->setEnabled(available);
    if (available) {
        m_keychainStatus->setText(tr("A system keychain is available."));
        m_both->setChecked(true);
    } else {
        m_keychainStatus->setText(
            tr("No system keychain is available here (%1). Choose a password; you can add "
               "the keychain later in Settings once one is running.")
                .arg(message));
        m_password->setChecked(true);
    }
    updateState();
    adjustSize(); // wrapped labels changed height
}

FirstStartDialog::Protection FirstStartDialog::protection() const
{
    if (m_keychain->isChecked())
        return Protection::Keychain;
    return m_both->isChecked() ? Protection::Both : Protection::Password;
}

QString FirstStartDialog::password() const
{
    return protection() == Protection::Keychain ? QString() : m_passwordEdit->text();
}

void FirstStartDialog::updateState()
{
    const bool needsPassword = protection() != Protection::Keychain;
    m_passwordEdit->setEnabled(needsPassword);
    m_confirmEdit->setEnabled(needsPassword);
    m_problem->clear();
}

void FirstStartDialog::accept()
{
    if (protection() != Protection::Keychain) {
        if (m_passwordEdit->text().size() < minimumPasswordLength) {
            m_problem->setText(
                tr("Use at least %n characters for the password.", nullptr, minimumPasswordLength));
            m_passwordEdit->setFocus();
            return;
        }
        if (m_passwordEdit->text() != m_confirmEdit->text()) {
            m_problem->setText(tr("The two passwords are not the same. Type them again."));
            m_confirmEdit->selectAll();
            m_confirmEdit->setFocus();
            return;
        }
    }
    QDialog::accept();
}

} // namespace twofold::ui
