#pragma once

#include "context.h"
#include "directory.h"

#include <QJsonObject>
#include <QObject>

namespace twofold::server {

class TelephonyProvider;

struct AuthRequest
{
    QString ikey; // the relying application
    QString user; // username or user_id
    QString factor; // auto, push, passcode, sms, phone
    QString passcode;
    QString device; // "auto" or a device id from preauth
    QString clientIp;
    bool async = false;
};

// A verification's state in Duo's terms: result waiting|allow|deny, and a finer status.
struct AuthOutcome
{
    QString result;
    QString status;
    QString statusMsg;
    QString txid; // for async and push/phone
    int number = 0; // number matching: what the sign-in screen shows, 0 when none
    qint64 expires = 0;

    bool waiting() const { return result == u"waiting"; }
    QJsonObject toJson() const; // the Duo response object
};

// A fraud report from a push answer or a phone call, for the admin mode's alert list.
struct FraudAlert
{
    QString id, userId, username, source, txid, clientIp;
    qint64 created = 0;
    qint64 resolved = 0; // 0 while open; unblocking the user resolves it

    QJsonObject toJson() const;
};

// Decides verifications: preauth, passcodes of every kind, push and phone transactions,
// lockout, replay, fraud. Each decision goes to the audit log.
class Verifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Verifier)

public:
    Verifier(Context &context, Directory &directory, TelephonyProvider &provider,
             QObject *parent = nullptr);

    Result<QJsonObject> preauth(const QString &ikey, const QString &user, const QString &clientIp);
    Result<AuthOutcome> auth(const AuthRequest &request);
    // The state of a transaction the application started; expired ones become "timeout".
    Result<AuthOutcome> status(const QString &txid, const QString &ikey);

    // A push answer from a device that the device API has authenticated: approve, deny, fraud.
    Result<AuthOutcome> answerPush(const QString &txid, const QString &deviceId,
                                   const QString &answer, int number);
    Result<void> reportFraud(const QString &userId, const QString &source, const QString &txid,
                             const QString &clientIp);
    // Alerts created at or after `since` (Unix seconds), newest first.
    Result<QList<FraudAlert>> fraudAlerts(qint64 since, bool unresolvedOnly, int limit) const;

signals:
    void transactionChanged(const QString &txid);
    void pushCreated(const QString &userId);
    void fraudReported(const QString &userId);

private:
    struct Transaction;
    AuthOutcome checkPasscode(const User &user, const QString &ikey, const QString &code,
                              const Policy &policy);
    AuthOutcome startPush(const User &user, const AuthRequest &request, const Policy &policy);
    AuthOutcome startPhone(const User &user, const AuthRequest &request, const Policy &policy);
    AuthOutcome sendSms(const User &user, const AuthRequest &request, const Policy &policy);
    void recordFailure(const User &user, const Policy &policy);
    Result<void> finish(const QString &txid, const QString &status, const QString &message);
    std::optional<Transaction> transaction(const QString &txid);
    void callAnswered(const QString &txid, const QString &keys);
    void callFailed(const QString &txid, const QString &reason);
    void audit(const QString &ikey, const QString &action, const QString &subject,
               const AuthOutcome &outcome, QJsonObject details = {});
    Result<AuthOutcome> storeAsync(const User &user, const AuthRequest &request,
                                   AuthOutcome outcome);

    Context &m_context;
    Directory &m_directory;
    TelephonyProvider &m_provider;
};

} // namespace twofold::server
