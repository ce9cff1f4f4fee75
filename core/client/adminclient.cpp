#include "client/adminclient.h"

#include "client/pinnedcertificate.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace twofold::client {

namespace {

// The server's "code" names the error; the status alone is the fallback.
ErrorCode errorCodeFor(int status, const QString &code)
{
    static const QHash<QString, ErrorCode> byName {
        { u"not_authenticated"_s, ErrorCode::NotAuthenticated },
        { u"permission_denied"_s, ErrorCode::PermissionDenied },
        { u"policy_denied"_s, ErrorCode::PolicyDenied },
        { u"not_found"_s, ErrorCode::NotFound },
        { u"already_exists"_s, ErrorCode::AlreadyExists },
        { u"locked"_s, ErrorCode::UserLocked },
        { u"rate_limited"_s, ErrorCode::RateLimited },
        { u"code_rejected"_s, ErrorCode::CodeRejected },
        { u"token_key_needed"_s, ErrorCode::TokenKeyNeeded },
        { u"token_key_wrong"_s, ErrorCode::TokenKeyWrong },
    };
    if (const auto it = byName.constFind(code); it != byName.cend())
        return *it;
    return status >= 400 && status < 500 ? ErrorCode::InvalidArgument : ErrorCode::Io;
}

} // namespace

AdminReply::AdminReply(QNetworkReply *reply, QObject *parent)
    : QObject(parent)
    , m_reply(reply)
{
}

AdminReply::~AdminReply()
{
    // Deleted before its answer came: the request is cancelled and its network reply freed.
    if (m_reply && !m_finished) {
        QObject::disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void AdminReply::abort()
{
    if (m_reply)
        m_reply->abort();
}

void AdminReply::then(QObject *context, std::function<void(const QJsonObject &)> ok,
                      std::function<void(const Error &)> failed)
{
    connect(context, &QObject::destroyed, this, &QObject::deleteLater);
    connect(this, &AdminReply::finished, context,
            [this, ok = std::move(ok), failed = std::move(failed)] {
                deleteLater();
                if (isOk())
                    ok(m_json);
                else if (failed)
                    failed(*m_error);
            });
}

void AdminReply::complete(const QByteArray &pinned, const QUrl &server)
{
    QNetworkReply *reply = m_reply;
    m_finished = true;
    m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen()) // an aborted reply is closed
        m_body = reply->readAll(); // an audit CSV export can be large
    if (reply->header(QNetworkRequest::ContentTypeHeader)
            .toString()
            .startsWith(u"application/json"))
        m_json = QJsonDocument::fromJson(m_body).object();

    if (PinnedCertificate::refused(reply)) {
        m_presented = PinnedCertificate::refusedFingerprint(reply);
        if (pinned.isEmpty())
            m_error = Error { ErrorCode::CertificateUnknown,
                              u"This is the first connection to %1. Check that the certificate's "
                              u"SHA-256 fingerprint is the one twofold-server printed when it "
                              u"was set up before you trust it."_s.arg(server.toDisplayString()) };
        else
            m_error = Error {
                ErrorCode::CertificateChanged,
                u"The certificate of %1 has changed since you last signed in (it was %2…, it is "
                u"now %3…). If its administrator replaced the certificate, trust the new one; "
                u"otherwise someone may be intercepting the connection: do not sign in."_s.arg(
                    server.toDisplayString(), QString::fromLatin1(pinned.left(16)),
                    m_presented.isEmpty() ? u"none"_s : QString::fromLatin1(m_presented.left(16)))
            };
    } else if (m_status == 0) {
        m_error = Error { ErrorCode::Io,
                          u"Cannot reach the server at %1: %2. Check the address and that "
                          u"twofold-server is running."_s.arg(server.toDisplayString(),
                                                              reply->errorString()) };
    } else if (m_status >= 300) {
        QString message = m_json.value(u"error"_s).toString();
        for (const QJsonValue &line : m_json.value(u"lines"_s).toArray())
            message += u'\n' + line.toString();
        if (message.isEmpty())
            message = u"The server answered with HTTP status %1."_s.arg(m_status);
        m_error = Error { errorCodeFor(m_status, m_json.value(u"code"_s).toString()), message };
    }
    reply->deleteLater();
    emit finished();
}

AdminClient::AdminClient(QObject *parent)
    : QObject(parent)
{
    m_network.setAutoDeleteReplies(false);
}

void AdminClient::setServer(const QUrl &url, const QByteArray &pinnedFingerprint)
{
    if (url != m_server)
        m_token.clear();
    m_server = url;
    m_pinned = pinnedFingerprint;
}

AdminReply *AdminClient::signIn(const QString &username, const QString &password,
                                const QString &code)
{
    m_token.clear();
    AdminReply *reply
        = send("POST"_ba, u"session"_s,
               { { u"username"_s, username }, { u"password"_s, password }, { u"code"_s, code } });
    connect(reply, &AdminReply::finished, this, [this, reply] {
        if (!reply->isOk())
            return;
        m_token = reply->json().value(u"token"_s).toString();
        m_username = reply->json().value(u"username"_s).toString();
        m_role = reply->json().value(u"role"_s).toString();
    });
    return reply;
}

void AdminClient::signOut()
{
    if (m_token.isEmpty())
        return;
    AdminReply *reply = send("DELETE"_ba, u"session"_s);
    connect(reply, &AdminReply::finished, reply, &QObject::deleteLater);
    m_token.clear();
    m_role.clear();
}

AdminReply *AdminClient::get(const QString &path, const QUrlQuery &query, int timeoutMs)
{
    return request("GET"_ba, path, query, {}, {}, timeoutMs > 0 ? timeoutMs : requestTimeoutMs);
}

AdminReply *AdminClient::send(const QByteArray &verb, const QString &path, const QJsonObject &body)
{
    return request(verb, path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact),
                   "application/json"_ba, requestTimeoutMs);
}

AdminReply *AdminClient::upload(const QString &path, const QUrlQuery &query, const QByteArray &body,
                                const QByteArray &contentType, const Headers &headers)
{
    return request("POST"_ba, path, query, body, contentType, requestTimeoutMs, headers);
}

QString AdminClient::argument(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

AdminReply *AdminClient::request(const QByteArray &verb, const QString &path,
                                 const QUrlQuery &query, const QByteArray &body,
                                 const QByteArray &contentType, int timeoutMs,
                                 const Headers &headers)
{
    QUrl url = m_server;
    QString base = url.path(QUrl::FullyEncoded);
    if (!base.endsWith(u'/'))
        base += u'/';
    url.setPath(base + u"admin/v1/"_s + path, QUrl::StrictMode);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request(url);
    const bool tls = url.scheme() == u"https";
    if (tls)
        PinnedCertificate::prepare(request);
    request.setTransferTimeout(timeoutMs);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *network = m_network.sendCustomRequest(request, verb, body);
    if (tls)
        PinnedCertificate::enforce(network, m_pinned);
    auto *reply = new AdminReply(network, this);
    const QString token = m_token;
    connect(network, &QNetworkReply::finished, reply, [this, reply, token] {
        reply->complete(m_pinned, m_server);
        // A token the server stopped accepting (expired, signed out elsewhere) ends the session.
        if (reply->status() == 401 && !token.isEmpty() && token == m_token) {
            m_token.clear();
            emit sessionEnded(reply->error() ? reply->error()->message : QString());
        }
    });
    return reply;
}

} // namespace twofold::client
