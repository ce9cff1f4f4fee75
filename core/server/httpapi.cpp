#include "httpapi.h"

#include "crypto/secure.h"
#include "crypto/tlsserversocket.h"
#include "duo/duosignature.h"
#include "httplistener.h"
#include "server.h"
#include "serverlog.h"

#include <QFile>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace twofold::server {

struct HttpApi::Parked
{
    QString key;
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    Exchange exchange;
    Poll poll;
    QTimer deadline {};
};

HttpApi::HttpApi(Server &server, QObject *parent)
    : QObject(parent)
    , m_server(server)
{
    connect(&m_server.verifier(), &Verifier::transactionChanged, this,
            [this](const QString &txid) { wake(u"txn:"_s + txid); });
    connect(&m_server.verifier(), &Verifier::pushCreated, this,
            [this](const QString &user) { wake(u"push:"_s + user); });
    connect(&m_server.verifier(), &Verifier::fraudReported, this,
            [this](const QString &) { wake(u"fraud"_s); });
    addDuoRoutes();
    addAdminRoutes();
    addDeviceRoutes();
    addProviderRoutes();
    m_recheck.setInterval(200);
    connect(&m_recheck, &QTimer::timeout, this, &HttpApi::recheckParked);
}

HttpApi::~HttpApi()
{
    // Parked responders refer to sockets the listener owns; drop them first.
    m_parked.clear();
}

Result<quint16> HttpApi::listen(const QHostAddress &address, quint16 port, bool tls)
{
    std::shared_ptr<TlsServerContext> context;
    if (tls) {
        QFile certFile(m_server.config().certificatePath());
        QFile keyFile(m_server.config().certificateKeyPath());
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return Error {
                ErrorCode::Config,
                u"Cannot read the TLS certificate or key in %1; run twofold-server init."_s.arg(
                    m_server.config().dataDir)
            };
        QByteArray keyPem = keyFile.readAll();
        auto made = TlsServerContext::fromPem(certFile.readAll(), keyPem);
        scrub(keyPem);
        if (!made)
            return Error { ErrorCode::Config,
                           u"%1 Put tls.crt and tls.key in %2 back from a backup, or replace "
                           u"both with a certificate and its ECDSA P-256 key."_s.arg(
                               made.error().message, m_server.config().dataDir) };
        context = std::move(*made);
    } else if (!address.isLoopback()) {
        return Error { ErrorCode::Config,
                       u"Plain HTTP is allowed on loopback only; use TLS to listen on %1."_s.arg(
                           address.toString()) };
    }
    const ServerConfig &config = m_server.config();
    auto *listener = new HttpListener(context, config.maxBodyBytes, config.requestSeconds, this);
    listener->allowLargeBodies({ "/admin/v1/users/import", "/admin/v1/tokens/import" },
                               config.maxImportBytes);
    if (!listener->listen(address, port)) {
        const QString reason = listener->errorString();
        delete listener;
        return Error {
            ErrorCode::Config,
            u"Cannot listen on %1 port %2: %3"_s.arg(address.toString()).arg(port).arg(reason)
        };
    }
    m_http.bind(listener);
    m_listener = listener;
    return listener->serverPort();
}

void HttpApi::shutdown()
{
    m_shuttingDown = true;
    if (m_listener)
        m_listener->close();
    const auto parked = m_parked.values();
    for (const auto &p : parked)
        answerParked(p, true);
    // Let the answers reach the sockets before the process goes.
    QTimer::singleShot(100, this, &HttpApi::drained);
}

Exchange HttpApi::exchangeFor(const QHttpServerRequest &request)
{
    static const QHash<QHttpServerRequest::Method, QString> names {
        { QHttpServerRequest::Method::Get, u"GET"_s },
        { QHttpServerRequest::Method::Post, u"POST"_s },
        { QHttpServerRequest::Method::Put, u"PUT"_s },
        { QHttpServerRequest::Method::Delete, u"DELETE"_s },
        { QHttpServerRequest::Method::Patch, u"PATCH"_s },
        { QHttpServerRequest::Method::Head, u"HEAD"_s },
        { QHttpServerRequest::Method::Options, u"OPTIONS"_s },
    };
    Exchange exchange { names.value(request.method(), u"OTHER"_s),
                        request.url().path(),
                        request.remoteAddress().toString(),
                        {},
                        {} };
    exchange.timer.start();
    return exchange;
}

DuoRequest HttpApi::duoRequest(const QHttpServerRequest &request)
{
    DuoRequest duo;
    duo.method = exchangeFor(request).method.toLatin1();
    duo.host = request.value("Host");
    duo.path = request.url().path(QUrl::FullyEncoded).toLatin1();
    duo.query = request.url().query(QUrl::FullyEncoded).toLatin1();
    duo.body = request.body();
    duo.contentType = request.value("Content-Type");
    for (const auto &header : request.headers())
        duo.headers.append({ header.first, header.second });
    return duo;
}

void HttpApi::respond(QHttpServerResponder &responder, Exchange &exchange, int status,
                      const QJsonObject &body)
{
    responder.write(QJsonDocument(body), { { "Cache-Control", "no-store" } },
                    static_cast<QHttpServerResponder::StatusCode>(status));
    logRequest(exchange, status);
}

void HttpApi::logRequest(const Exchange &exchange, int status)
{
    QJsonObject fields { { u"method"_s, exchange.method },
                         { u"path"_s, exchange.path },
                         { u"status"_s, status },
                         { u"remote"_s, exchange.remote },
                         { u"ms"_s, double(exchange.timer.nsecsElapsed() / 1000) / 1000.0 } };
    if (!exchange.who.isEmpty())
        fields[u"who"_s] = exchange.who;
    logEvent(status >= 500 ? u"error"_s : u"info"_s, u"request"_s, fields);
}

bool HttpApi::bodyTooLarge(const QHttpServerRequest &request, QHttpServerResponder &responder,
                           Exchange &exchange, qint64 maxBytes)
{
    const qint64 limit = maxBytes > 0 ? maxBytes : m_server.config().maxBodyBytes;
    if (request.body().size() <= limit)
        return false;
    const QString detail = u"The body is larger than %1 bytes."_s.arg(limit);
    // Duo's error shape, plus "error" as the admin API words it.
    respond(responder, exchange, 413,
            { { u"stat"_s, u"FAIL"_s },
              { u"code"_s, 41300 },
              { u"message"_s, u"Request too large"_s },
              { u"message_detail"_s, detail },
              { u"error"_s, detail } });
    return true;
}

void HttpApi::park(const QString &key, QHttpServerResponder &&responder, Exchange exchange,
                   qint64 deadlineMs, Poll poll)
{
    auto parked = std::shared_ptr<Parked>(
        new Parked { key, std::move(responder), nullptr, std::move(exchange), std::move(poll) });
    parked->socket = parked->responder.socket();
    if (m_shuttingDown) {
        answerParked(parked, true);
        return;
    }
    if (m_listener && parked->socket)
        m_listener->setParked(parked->socket, true);
    parked->deadline.setSingleShot(true);
    parked->deadline.setTimerType(Qt::CoarseTimer);
    std::weak_ptr<Parked> weak = parked;
    connect(&parked->deadline, &QTimer::timeout, this, [this, weak] {
        if (auto p = weak.lock())
            answerParked(p, true);
    });
    parked->deadline.start(int(std::clamp<qint64>(deadlineMs, 0, 10 * 60 * 1000)));
    m_parked.insert(key, parked);
    if (!m_server.storage().isPostgres() && !m_recheck.isActive()) {
        m_dataVersion
            = m_server.storage().scalar(u"PRAGMA data_version"_s).value_or(-1).toLongLong();
        m_recheck.start();
    }
}

void HttpApi::recheckParked()
{
    if (m_parked.isEmpty()) {
        m_recheck.stop();
        return;
    }
    const qint64 version
        = m_server.storage().scalar(u"PRAGMA data_version"_s).value_or(-1).toLongLong();
    if (version == m_dataVersion)
        return;
    m_dataVersion = version;
    const auto parked = m_parked.values();
    for (const auto &p : parked)
        answerParked(p, false);
}

void HttpApi::wake(const QString &key)
{
    const auto waiting = m_parked.values(key);
    for (const auto &p : waiting)
        answerParked(p, false);
}

void HttpApi::answerParked(const std::shared_ptr<Parked> &parked, bool final)
{
    if (!parked->socket) {
        // The client went away; there is no one to answer.
        m_parked.remove(parked->key, parked);
        return;
    }
    auto answer = parked->poll(final);
    if (!answer)
        return;
    m_parked.remove(parked->key, parked);
    parked->deadline.stop();
    if (m_listener)
        m_listener->setParked(parked->socket, false);
    respond(parked->responder, parked->exchange, answer->first, answer->second);
}

} // namespace twofold::server
