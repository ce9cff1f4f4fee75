#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QNetworkReply;

namespace twofold::client {

// One answer of the admin API. It reports once, by finished(); until then its getters are empty.
class AdminReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminReply)

public:
    ~AdminReply() override;

    bool isOk() const { return m_finished && !m_error; }
    int status() const { return m_status; } // HTTP status; 0 when no answer came
    const QJsonObject &json() const { return m_json; } // the body, for JSON answers
    const QByteArray &body() const { return m_body; } // the raw body (CSV export)
    // Why the call failed, worded for the person at the console; nullopt on success.
    const std::optional<Error> &error() const { return m_error; }
    // Set when the server's certificate was refused: what it presented (lower-case hex SHA-256).
    const QByteArray &presentedFingerprint() const { return m_presented; }
    void abort();
    // Calls ok with the body on success, failed with the error otherwise, then deletes the reply;
    // if context goes first, the reply is cancelled and deleted with it.
    void then(QObject *context, std::function<void(const QJsonObject &)> ok,
              std::function<void(const Error &)> failed);

signals:
    void finished();

private:
    friend class AdminClient;
    explicit AdminReply(QNetworkReply *reply, QObject *parent);
    void complete(const QByteArray &pinned, const QUrl &server);

    QPointer<QNetworkReply> m_reply;
    bool m_finished = false;
    int m_status = 0;
    QJsonObject m_json;
    QByteArray m_body;
    std::optional<Error> m_error;
    QByteArray m_presented;
};

// The admin API of twofold-server (/admin/v1), for admin mode and scripts. The server's TLS
// certificate is pinned by fingerprint, as SSH pins host keys: an empty pin refuses every
// certificate and reports what was presented, so the caller can ask the person to trust it.
class AdminClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminClient)

public:
    explicit AdminClient(QObject *parent = nullptr);

    void setServer(const QUrl &url, const QByteArray &pinnedFingerprint);
    const QUrl &server() const { return m_server; }
    const QByteArray &pinnedFingerprint() const { return m_pinned; }

    // POST /session with a password and the admin's TOTP code; on success the token is kept.
    AdminReply *signIn(const QString &username, const QString &password, const QString &code);
    void signOut(); // ends the session on the server and forgets the token
    bool isSignedIn() const { return !m_token.isEmpty(); }
    const QString &username() const { return m_username; }
    const QString &role() const { return m_role; }

    // path is relative to /admin/v1/, e.g. "users" or "users/alice/block"; arguments that come
    // from people must go through argument().
    AdminReply *get(const QString &path, const QUrlQuery &query = {}, int timeoutMs = 0);
    AdminReply *send(const QByteArray &verb, const QString &path, const QJsonObject &body = {});
    using Headers = QList<std::pair<QByteArray, QByteArray>>;
    // A file as the body (CSV, PSKC); secrets that go with it belong in headers, not the query.
    AdminReply *upload(const QString &path, const QUrlQuery &query, const QByteArray &body,
                       const QByteArray &contentType, const Headers &headers = {});
    static QString argument(const QString &value); // one path segment, percent-encoded

    static constexpr int requestTimeoutMs = 30'000;

signals:
    void sessionEnded(const QString &reason); // the server no longer accepts the token

private:
    AdminReply *request(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                        const QByteArray &body, const QByteArray &contentType, int timeoutMs,
                        const Headers &headers = {});

    QNetworkAccessManager m_network;
    QUrl m_server;
    QByteArray m_pinned;
    QString m_token;
    QString m_username;
    QString m_role;
};

} // namespace twofold::client
