#pragma once

// A small client of twofold-server's admin API (/admin/v1) for integration tests: HTTPS with
// the data directory's own certificate as the only trusted one, sign-in with the admin's
// password and a TOTP code computed from the otpauth URI that `admin add` printed.

#include "otp/otpauthuri.h"
#include "otp/otpgenerator.h"
#include "programrun.h"
#include "serverprocess.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

#include <optional>

namespace twofold::test {

// An administrator as `twofold-server admin add` made them.
struct AdminLogin
{
    QString username;
    QString password;
    QString otpauthUri;
    QString role;
    qint64 lastStep = -1; // a TOTP step is accepted once: the next sign-in uses a later one
};

// `admin add NAME --role ROLE` on the data directory; nullopt with `why` when it fails.
inline std::optional<AdminLogin> addAdmin(const ServerData &data, const QString &username,
                                          const QString &role, QString *why = nullptr)
{
    const QStringList arguments { QStringLiteral("admin"),
                                  QStringLiteral("add"),
                                  username,
                                  QStringLiteral("--role"),
                                  role,
                                  QStringLiteral("--data"),
                                  QFileInfo(data.certificatePath()).absolutePath() };
    const ProgramRun run = runProgram(QStringLiteral(TWOFOLD_SERVER_BIN), arguments);
    static const QRegularExpression password(QStringLiteral("^password: (\\S+)$"),
                                             QRegularExpression::MultilineOption);
    static const QRegularExpression otpauth(QStringLiteral("^otpauth: (\\S+)$"),
                                            QRegularExpression::MultilineOption);
    AdminLogin login { username, password.match(run.out).captured(1),
                       otpauth.match(run.out).captured(1), role };
    if (!run.ok() || login.password.isEmpty() || login.otpauthUri.isEmpty()) {
        if (why)
            *why = QString::fromUtf8(run.describe(arguments));
        return std::nullopt;
    }
    return login;
}

// One answer of the API. json is the body when it is a JSON object.
struct ApiReply
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QByteArray contentType;
    QString networkError;

    // For QVERIFY2: the status and what the server said.
    QByteArray describe() const
    {
        return QByteArray::number(status) + ' ' + body.left(2000) + ' ' + networkError.toUtf8();
    }
};

class AdminClient final
{
    Q_DISABLE_COPY_MOVE(AdminClient)

public:
    static constexpr int timeoutMs = 180'000; // a bound for a hung request, never a wait for time

    AdminClient(const ServerProcess &server, const QString &certificatePath)
        : m_server(server)
    {
        m_ssl = QSslConfiguration::defaultConfiguration();
        m_ssl.setCaCertificates(QSslCertificate::fromPath(certificatePath));
        m_ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    }

    QString token() const { return m_token; }
    void setToken(const QString &token) { m_token = token; }

    // The TOTP code an authenticator app shows for the login: the current step, or the next one
    // when the current one was used (the server accepts each step once, and one step ahead).
    static QString nextCode(AdminLogin &login)
    {
        auto params = OtpAuthUri::parse(login.otpauthUri);
        if (!params)
            return {};
        const OtpGenerator generator(*params);
        const qint64 step = std::max<qint64>(
            qint64(generator.timeStep(QDateTime::currentSecsSinceEpoch())), login.lastStep + 1);
        login.lastStep = step;
        return generator.codeForCounter(quint64(step)).value_or(QString());
    }

    // POST /admin/v1/session; on success the client holds the token.
    ApiReply signIn(AdminLogin &login)
    {
        ApiReply reply = send("POST", QStringLiteral("/admin/v1/session"),
                              QJsonObject { { QStringLiteral("username"), login.username },
                                            { QStringLiteral("password"), login.password },
                                            { QStringLiteral("code"), nextCode(login) } });
        if (reply.status == 200)
            m_token = reply.json.value(QStringLiteral("token")).toString();
        return reply;
    }

    // Starts a request and returns at once; finish() waits for its answer.
    QNetworkReply *start(const QByteArray &method, const QString &pathAndQuery,
                         const QByteArray &body = {}, const QByteArray &contentType = {},
                         const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(
            QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_server.port()).arg(pathAndQuery)));
        request.setSslConfiguration(m_ssl);
        request.setTransferTimeout(timeoutMs);
        if (!m_token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
        if (!contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        if (method == "GET")
            return m_network.get(request);
        return m_network.sendCustomRequest(request, method, body);
    }

    static ApiReply finish(QNetworkReply *reply)
    {
        ApiReply answer;
        if (!reply->isFinished()) {
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
            loop.exec();
        }
        if (!reply->isFinished()) {
            answer.networkError = QStringLiteral("no answer in time");
            reply->abort();
        }
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        if (reply->error() != QNetworkReply::NoError && answer.status == 0)
            answer.networkError = reply->errorString();
        answer.json = QJsonDocument::fromJson(answer.body).object();
        reply->deleteLater();
        return answer;
    }

    ApiReply send(const QByteArray &method, const QString &pathAndQuery,
                  const QByteArray &body = {}, const QByteArray &contentType = {},
                  const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return finish(start(method, pathAndQuery, body, contentType, headers));
    }

    ApiReply send(const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body)
    {
        return send(method, pathAndQuery, QJsonDocument(body).toJson(QJsonDocument::Compact),
                    "application/json");
    }

    ApiReply get(const QString &pathAndQuery) { return send("GET", pathAndQuery); }

private:
    const ServerProcess &m_server;
    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl;
    QString m_token;
};

// A path segment or query value, percent-encoded.
inline QString encoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace twofold::test
