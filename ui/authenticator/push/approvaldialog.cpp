#include "authenticator/push/approvaldialog.h"

#include "clock.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

using Answer = client::PushDevice::Answer;

ApprovalDialog::ApprovalDialog(const client::PushChallenge &challenge, const QString &serverName,
                               const Clock &clock, QWidget *parent)
    : QDialog(parent)
    , m_challenge(challenge)
    , m_clock(clock)
    , m_context(new QLabel(this))
    , m_countdown(new QLabel(this))
    , m_number(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_approve(new QPushButton(tr("&Approve"), this))
    , m_deny(new QPushButton(tr("&Deny"), this))
    , m_fraud(new QPushButton(tr("I did&n't try to sign in"), this))
    , m_timer(new QTimer(this))
{
    setWindowTitle(tr("Sign-in request — %1").arg(challenge.application));
    setWindowFlag(Qt::WindowStaysOnTopHint);
    auto *title = new QLabel(tr("Are you signing in to %1?").arg(challenge.application), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    title->setWordWrap(true);

    const QString when = QLocale().toString(QDateTime::fromSecsSinceEpoch(challenge.created),
                                            QLocale::ShortFormat);
    m_context->setText(tr("User: %1\nServer: %2\nFrom address: %3\nRequested: %4")
                           .arg(challenge.username, serverName,
                                challenge.clientIp.isEmpty() ? tr("unknown") : challenge.clientIp,
                                when));
    m_context->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_context);
    m_number->setVisible(challenge.numberRequired);
    if (challenge.numberRequired) {
        auto *form = new QFormLayout;
        m_number->setValidator(new QIntValidator(0, 99, m_number));
        m_number->setMaxLength(2);
        m_number->setAccessibleName(tr("Number shown on the sign-in screen"));
        auto *label = new QLabel(tr("Type the &number shown on the sign-in screen:"), this);
        label->setBuddy(m_number);
        form->addRow(label, m_number);
        layout->addLayout(form);
        connect(m_number, &QLineEdit::returnPressed, this, &ApprovalDialog::approve);
        connect(m_number, &QLineEdit::textEdited, m_status, &QLabel::clear);
    }
    layout->addWidget(m_countdown);
    layout->addWidget(m_status);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_fraud);
    buttons->addStretch();
    buttons->addWidget(m_deny);
    buttons->addWidget(m_approve);
    layout->addLayout(buttons);
    // No default button: Enter must never approve a request the person has not read.
    m_approve->setAutoDefault(false);
    m_deny->setAutoDefault(false);
    m_fraud->setAutoDefault(false);
    connect(m_approve, &QPushButton::clicked, this, &ApprovalDialog::approve);
    connect(m_deny, &QPushButton::clicked, this, &ApprovalDialog::deny);
    connect(m_fraud, &QPushButton::clicked, this, [this] { reportFraud(); });

    m_timer->setInterval(1000); // the countdown shows whole seconds
    connect(m_timer, &QTimer::timeout, this, &ApprovalDialog::tick);
    m_timer->start();
    tick();
    setMinimumWidth(480);
    (challenge.numberRequired ? static_cast<QWidget *>(m_number) : m_deny)->setFocus();
}

QString ApprovalDialog::contextText() const
{
    return windowTitle() + u'\n' + m_context->text();
}

QString ApprovalDialog::status() const
{
    return m_status->text();
}

void ApprovalDialog::tick()
{
    const qint64 left = m_challenge.expires - m_clock.currentSecsSinceEpoch();
    if (left <= 0)
        return endRequest(tr("This request has expired. If you are signing in, start again."));
    m_countdown->setText(
        tr("Expires in %1:%2").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0')));
}

void ApprovalDialog::approve()
{
    if (m_challenge.numberRequired && m_number->text().isEmpty()) {
        m_status->setText(tr("Type the number that the sign-in screen shows first."));
        return m_number->setFocus();
    }
    choose(Answer::Approve);
}

void ApprovalDialog::deny()
{
    choose(Answer::Deny);
}

void ApprovalDialog::reportFraud(bool confirmed)
{
    if (!confirmed
        && QMessageBox::warning(this, tr("Report a sign-in you did not start?"),
                                tr("The request is denied, your account on %1 is blocked so that "
                                   "nobody can keep trying, and your helpdesk is told. Do this "
                                   "when someone else may know your password.")
                                    .arg(m_challenge.application),
                                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
        return;
    choose(Answer::Fraud);
}

void ApprovalDialog::choose(Answer answer)
{
    for (QWidget *widget :
         std::initializer_list<QWidget *> { m_approve, m_deny, m_fraud, m_number })
        widget->setEnabled(false);
    m_status->setText(tr("Sending your answer…"));
    emit answerChosen(m_challenge.txid, answer, m_number->text().toInt());
}

void ApprovalDialog::showResult(const QString &text, bool error)
{
    m_timer->stop();
    m_countdown->clear();
    m_status->setText(text);
    if (error) {
        for (QWidget *widget :
             std::initializer_list<QWidget *> { m_approve, m_deny, m_fraud, m_number })
            widget->setEnabled(true);
    }
}

void ApprovalDialog::endRequest(const QString &reason)
{
    m_timer->stop();
    m_countdown->clear();
    m_status->setText(reason);
    for (QWidget *widget :
         std::initializer_list<QWidget *> { m_approve, m_deny, m_fraud, m_number })
        widget->setEnabled(false);
}

} // namespace twofold::ui
