#include "authenticator/lockview.h"

#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

LockView::LockView(QWidget *parent)
    : QWidget(parent)
    , m_password(new QLineEdit)
    , m_unlock(new QPushButton(tr("&Unlock")))
    , m_keychain(new QPushButton(tr("Unlock with the system &keychain")))
    , m_status(new QLabel)
{
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(2);
    auto *box = new QWidget;
    box->setMaximumWidth(360);
    box->setMinimumWidth(320);
    auto *layout = new QVBoxLayout(box);
    auto *icon = new QLabel;
    icon->setPixmap(QIcon(u":/icons/locked.svg"_s).pixmap(64, 64));
    icon->setAlignment(Qt::AlignCenter);
    icon->setMinimumHeight(76);
    layout->addWidget(icon);
    auto *title = new QLabel(tr("Twofold is locked"));
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    title->setFont(f);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    auto *hint = new QLabel(tr("Your codes are hidden. Enter your password to see them."));
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    layout->addWidget(hint);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Password"));
    m_password->setAccessibleName(tr("Password"));
    layout->addWidget(m_password);
    m_unlock->setDefault(true);
    layout->addWidget(m_unlock);
    layout->addWidget(m_keychain);
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignCenter);
    m_status->setAccessibleName(tr("Unlock status"));
    layout->addWidget(m_status);
    outer->addWidget(box, 0, Qt::AlignHCenter);
    outer->addStretch(3);

    const auto submit = [this] {
        if (!m_password->text().isEmpty())
            emit passwordEntered(m_password->text());
    };
    connect(m_password, &QLineEdit::returnPressed, this, submit);
    connect(m_unlock, &QPushButton::clicked, this, submit);
    connect(m_keychain, &QPushButton::clicked, this, &LockView::keychainRequested);
}

void LockView::setMethods(bool password, bool keychain)
{
    m_password->setVisible(password);
    m_unlock->setVisible(password);
    m_keychain->setVisible(keychain);
}

void LockView::setBusy(bool busy)
{
    m_password->setEnabled(!busy);
    m_unlock->setEnabled(!busy);
    m_keychain->setEnabled(!busy);
    if (busy)
        m_status->setText(tr("Unlocking…"));
    else
        m_status->clear();
}

void LockView::showError(const QString &message)
{
    m_status->setText(message);
    m_password->selectAll();
    m_password->setFocus();
}

void LockView::focusPassword()
{
    m_password->clear();
    if (m_password->isVisible())
        m_password->setFocus();
}

} // namespace twofold::ui
