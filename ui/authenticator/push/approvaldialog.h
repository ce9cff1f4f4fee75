#pragma once

#include "client/pushchallenge.h"
#include "client/pushdevice.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace twofold {
class Clock;
}

namespace twofold::ui {

// One sign-in request, shown on top and focused: which application, which user and server,
// from which address and when, and how long is left. With number matching the user types the
// number the sign-in screen shows. "I didn't try to sign in" reports fraud after a confirmation.
class ApprovalDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApprovalDialog)

public:
    ApprovalDialog(const client::PushChallenge &challenge, const QString &serverName,
                   const Clock &clock, QWidget *parent = nullptr);

    const client::PushChallenge &challenge() const { return m_challenge; }
    QString contextText() const; // what the dialog says about the request (tests)
    QString status() const;
    QLineEdit *numberField() const { return m_number; }

    // As the buttons do; reportFraud() still asks to confirm unless confirmed is true.
    void approve();
    void deny();
    void reportFraud(bool confirmed = false);
    void showResult(const QString &text, bool error); // the server's answer to the answer
    void endRequest(const QString &reason); // answered elsewhere, expired or cancelled

signals:
    void answerChosen(const QString &txid, twofold::client::PushDevice::Answer answer, int number);

private:
    void tick();
    void choose(client::PushDevice::Answer answer);

    const client::PushChallenge m_challenge;
    const Clock &m_clock;
    QLabel *m_context;
    QLabel *m_countdown;
    QLineEdit *m_number;
    QLabel *m_status;
    QPushButton *m_approve;
    QPushButton *m_deny;
    QPushButton *m_fraud;
    QTimer *m_timer;
};

} // namespace twofold::ui
