#pragma once

#include <QObject>
#include <QString>
#include <QStringView>

namespace twofold::server {

// A text message to send; id is the server's own and unique.
struct TextMessage
{
    QString id;
    QString to;
    QString body;
};

// A call to place. greeting is what the call says first; with askPin the person keys a PIN
// before #. 0# reports fraud.
struct PhoneCall
{
    QString id;
    QString to;
    QString greeting;
    bool askPin = false;
};

// Sends text messages and places calls through one telephony service (ARCHITECTURE.md, "SMS and
// voice providers"). Everything is asynchronous; the outcome arrives as one of the signals.
// Reasons are for the helpdesk: they never carry a secret.
class TelephonyProvider : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual QString name() const = 0; // "outbox", "webhook", "twilio"
    virtual void sendText(const TextMessage &message) = 0;
    virtual void placeCall(const PhoneCall &call) = 0;

signals:
    void textSent(const QString &id);
    void textFailed(const QString &id, const QString &reason);
    // The keys pressed: "#", "1234#", "0#", or "" when none.
    void callAnswered(const QString &id, const QString &keys);
    void callFailed(const QString &id, const QString &reason); // busy, no answer, provider error
};

// keys as callAnswered reports them: 0-9, * and #, at most 32.
inline bool isKeypadAnswer(QStringView keys)
{
    if (keys.size() > 32)
        return false;
    for (const QChar c : keys) {
        if (!(c >= u'0' && c <= u'9') && c != u'*' && c != u'#')
            return false;
    }
    return true;
}

} // namespace twofold::server
