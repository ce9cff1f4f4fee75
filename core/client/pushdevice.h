#pragma once

#include "client/activationlink.h"
#include "client/pushchallenge.h"
#include "client/pushregistration.h"
#include "clock.h"
#include "crypto/eckey.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

class QNetworkReply;

namespace twofold::client {

// How the channel waits after a failure: exponential backoff with jitter, capped.
struct RetrySchedule
{
    int initialDelayMs = 1000;
    int maxDelayMs = 60'000;
    // A value in [0, 1]: the delay is half the backoff plus this share of the other half.
    // Empty means random; tests fix it.
    std::function<double()> jitter;
    // A poll answered sooner than this with nothing new waits like a failure, so a server that
    // never holds the poll open cannot make the device spin.
    int quietPollMs = 1000;
    int pollTimeoutMs = 120'000; // longer than the server's long poll
    int requestTimeoutMs = 30'000;

    int delayMs(int attempt) const;
};

// One push device of one user on one server: activation, the signed long poll that receives
// sign-in requests (challenges), and the signed answers. The caller keeps the private key
// (the OS keychain) and the registration; this class only uses them. Every connection is
// pinned to the certificate fingerprint from the activation link, whoever signed it.
class PushDevice final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PushDevice)

public:
    enum class Answer { Approve, Deny, Fraud };
    Q_ENUM(Answer)
    enum class State { Inactive, Activating, Connecting, Connected, Retrying, Revoked };
    Q_ENUM(State)

    // clock signs the timestamps (null: the system clock) and must outlive the device.
    explicit PushDevice(EcKey key, const Clock *clock = nullptr, QObject *parent = nullptr);
    PushDevice(EcKey key, PushRegistration registration, const Clock *clock = nullptr,
               QObject *parent = nullptr);
    ~PushDevice() override;

    const PushRegistration &registration() const { return m_registration; }
    State state() const { return m_state; }
    void setRetrySchedule(RetrySchedule schedule);
    // Requests started so far; tests count them to prove that a dead server costs nothing.
    int requestCount() const { return m_requests; }
    QList<PushChallenge> openChallenges() const { return m_open.values(); }

    // Registers the key with the server named in the link; activated() or failed() follows.
    void activate(const ActivationLink &link, const QString &deviceName);
    // Starts the long poll; it runs until stop() or revocation, retrying with backoff.
    void start();
    void stop();
    // After the computer wakes up (or its network comes back): the held poll is likely dead and
    // a retry may be minutes away, so drop both and poll again now, as on a first attempt.
    void reconnect();
    // answered() or answerFailed() follows. number: what the user typed, 0 when none was asked.
    void answer(const QString &txid, Answer answer, int number = 0);
    // The device revokes itself; revoked() or revokeFailed() follows.
    void revoke();
    // serverTimeReceived() follows; for a clock-skew warning.
    void requestServerTime();

    static QString answerName(Answer answer);

signals:
    void activated(const QString &deviceId);
    void failed(const QString &reason);
    void stateChanged(twofold::client::PushDevice::State state);
    void retrying(int delayMs, const QString &reason);
    // The server answered a poll at once with nothing new (it should hold it): the next poll
    // waits, with the same backoff as after a failure.
    void pollDelayed(int delayMs);
    void revoked();
    // Only after the server's signature and the device id have been checked.
    void challengeReceived(const twofold::client::PushChallenge &challenge);
    // No longer open on the server: answered elsewhere, expired or cancelled.
    void challengeClosed(const QString &txid);
    void challengeRejected(const QString &txid, const QString &reason);
    void answered(const QString &txid, const QString &result, const QString &message);
    void answerFailed(const QString &txid, const QString &reason);
    void revokeFailed(const QString &reason);
    void certificateChanged(const QByteArray &pinned, const QByteArray &presented);
    void serverTimeReceived(qint64 serverTime, qint64 localTime);

private:
    QNetworkReply *send(const QByteArray &method, const QString &path, const QString &query,
                        const QByteArray &body, bool sign, int timeoutMs);
    Error errorOf(QNetworkReply *reply, const QJsonObject &body) const;
    void poll();
    void pollFinished(QNetworkReply *reply);
    void retryLater(const QString &reason);
    void setState(State state);
    void becomeRevoked();
    void dropPoll();

    EcKey m_key;
    PushRegistration m_registration;
    std::optional<EcKey> m_serverKey;
    SystemClock m_systemClock;
    const Clock &m_clock;
    RetrySchedule m_schedule;
    QNetworkAccessManager m_network;
    State m_state = State::Inactive;
    bool m_running = false;
    bool m_synced = false; // the current connection has had its first, immediate answer
    QPointer<QNetworkReply> m_poll;
    QTimer m_pollTimer;
    QElapsedTimer m_pollStarted;
    int m_attempt = 0; // failures in a row
    int m_quiet = 0; // quick answers without news in a row
    int m_requests = 0;
    QHash<QString, PushChallenge> m_open; // checked challenges the server still lists
    QStringList m_listed; // every txid of the last list, sent back as "seen"
    QSet<QString> m_rejected; // listed but failed the checks; reported once
};

} // namespace twofold::client
