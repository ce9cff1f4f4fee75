#pragma once

#include "result.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QMultiHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace twofold::server {

class HttpListener;
class Server;
struct DuoRequest;

// One request on its way through the API: what the log line needs.
struct Exchange
{
    QString method;
    QString path;
    QString remote;
    QString who; // "app:DI…", "admin:name", "device:…", or empty
    QElapsedTimer timer;
};

// The HTTP API of twofold-server: Duo's Auth API v2 for relying applications, /admin/v1 for the
// admin mode and twofold-cli, and /v1/device for push devices. Long polls are parked responders
// that are answered when their transaction changes, at their deadline, or at shutdown.
class HttpApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpApi)

public:
    explicit HttpApi(Server &server, QObject *parent = nullptr);
    ~HttpApi() override;

    // TLS uses the data directory's certificate; plain HTTP only on a loopback address.
    Result<quint16> listen(const QHostAddress &address, quint16 port, bool tls);
    // Stops accepting connections and answers every parked request now; drained() follows
    // when the last answer is written.
    void shutdown();
    int parkedCount() const { return int(m_parked.size()); }

signals:
    void drained();

public:
    // For the route files.
    using Poll = std::function<std::optional<std::pair<int, QJsonObject>>(bool final)>;
    void logRequest(const Exchange &exchange, int status);
    void respond(QHttpServerResponder &responder, Exchange &exchange, int status,
                 const QJsonObject &body);
    // Parks a request under key until wake(key) makes poll return a value, or the deadline
    // passes, when poll(true) must return one.
    void park(const QString &key, QHttpServerResponder &&responder, Exchange exchange,
              qint64 deadlineMs, Poll poll);
    void wake(const QString &key);
    static Exchange exchangeFor(const QHttpServerRequest &request);
    static DuoRequest duoRequest(const QHttpServerRequest &request);
    // maxBytes 0: the configured limit for requests (file imports pass their own).
    bool bodyTooLarge(const QHttpServerRequest &request, QHttpServerResponder &responder,
                      Exchange &exchange, qint64 maxBytes = 0);

private:
    struct Parked;
    void addDuoRoutes();
    void addAdminRoutes();
    void addDeviceRoutes();
    void addProviderRoutes();
    void answerParked(const std::shared_ptr<Parked> &parked, bool final);
    void recheckParked();

    Server &m_server;
    QHttpServer m_http;
    QPointer<HttpListener> m_listener;
    QMultiHash<QString, std::shared_ptr<Parked>> m_parked;
    bool m_shuttingDown = false;
    // SQLite has no NOTIFY: while requests are parked, another process's commit (a CLI answering
    // a call, a second server) is noticed by PRAGMA data_version and re-polls them.
    QTimer m_recheck;
    qint64 m_dataVersion = -1;
};

} // namespace twofold::server
