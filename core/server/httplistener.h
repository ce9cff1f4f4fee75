#pragma once

#include <QPointer>
#include <QSet>
#include <QTcpServer>

#include <memory>

namespace twofold {
class TlsServerContext;
}

namespace twofold::server {

// Accepts connections for the HTTP API, with TLS when configured, and guards each one: a
// request must arrive in full within requestSeconds and carry at most maxRequestBytes, or the
// connection is closed. Connections parked in a long poll are exempt from the time limit.
class HttpListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpListener)

public:
    HttpListener(std::shared_ptr<TlsServerContext> tls, qint64 maxRequestBytes, int requestSeconds,
                 QObject *parent = nullptr);

    void setParked(QTcpSocket *socket, bool parked);
    // Requests whose path starts with one of these may carry up to maxBytes (file imports).
    void allowLargeBodies(const QList<QByteArray> &pathPrefixes, qint64 maxBytes);
    int openConnections() const { return int(m_open.size()); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    std::shared_ptr<TlsServerContext> m_tls; // none: plain HTTP
    qint64 m_maxRequestBytes;
    QList<QByteArray> m_largePaths;
    qint64 m_maxLargeBytes = 0;
    int m_requestSeconds;
    QSet<QTcpSocket *> m_parked;
    QSet<QTcpSocket *> m_open;
};

} // namespace twofold::server
