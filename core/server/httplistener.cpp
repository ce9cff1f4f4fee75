#include "httplistener.h"

#include "crypto/tlsserversocket.h"
#include "serverlog.h"

#include <QTimer>

#include <unistd.h>
// A connection's buffers can be freed when empty, which Qt 6.4 offers no public API for.
#include <QtCore/private/qiodevice_p.h>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

// Once used, each of a socket's buffers keeps a block (16 KiB to read, 32 KiB to write) for the
// life of the connection. With a block size of 0, each is freed when it has been emptied, so an
// idle keep-alive or a parked long poll keeps none.
void freeBuffersWhenEmpty(QIODevice *device)
{
    auto *d = static_cast<QIODevicePrivate *>(QObjectPrivate::get(device));
    for (QRingBuffer &buffer : d->readBuffers)
        buffer.setChunkSize(0);
    for (QRingBuffer &buffer : d->writeBuffers)
        buffer.setChunkSize(0);
}

} // namespace

HttpListener::HttpListener(std::shared_ptr<TlsServerContext> tls, qint64 maxRequestBytes,
                           int requestSeconds, QObject *parent)
    : QTcpServer(parent)
    , m_tls(std::move(tls))
    , m_maxRequestBytes(maxRequestBytes)
    , m_requestSeconds(requestSeconds)
{
}

void HttpListener::setParked(QTcpSocket *socket, bool parked)
{
    if (parked)
        m_parked.insert(socket);
    else
        m_parked.remove(socket);
}

void HttpListener::allowLargeBodies(const QList<QByteArray> &pathPrefixes, qint64 maxBytes)
{
    m_largePaths = pathPrefixes;
    m_maxLargeBytes = maxBytes;
}

void HttpListener::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = m_tls ? new TlsServerSocket(m_tls, this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    freeBuffersWhenEmpty(socket);
    m_open.insert(socket);
    // Bytes received since the last response, and a deadline for the request they belong to.
    // Connected before the HTTP server's own slot, so this sees every chunk first.
    auto received = std::make_shared<qint64>(0);
    auto limit = std::make_shared<qint64>(m_maxRequestBytes);
    auto *deadline = new QTimer(socket);
    deadline->setSingleShot(true);
    deadline->setInterval(m_requestSeconds * 1000);
    connect(deadline, &QTimer::timeout, socket, [this, socket] {
        if (!m_parked.contains(socket))
            socket->abort();
    });
    connect(socket, &QIODevice::readyRead, socket, [this, socket, received, limit, deadline] {
        if (*received == 0) {
            deadline->start();
            // The request line ("POST /path HTTP/1.1") is in the first chunk: it picks the limit.
            const QByteArray start = socket->peek(512);
            const QByteArray target = start.mid(start.indexOf(' ') + 1);
            *limit = std::any_of(m_largePaths.cbegin(), m_largePaths.cend(),
                                 [&](const QByteArray &p) { return target.startsWith(p); })
                ? m_maxLargeBytes
                : m_maxRequestBytes;
        }
        *received += socket->bytesAvailable();
        // Headers and some slack on top of the largest body we accept.
        if (*received > *limit + 16 * 1024)
            socket->abort();
    });
    connect(socket, &QIODevice::bytesWritten, socket, [received, deadline] {
        *received = 0;
        deadline->stop();
    });
    connect(socket, &QObject::destroyed, this, [this, socket] {
        m_parked.remove(socket);
        m_open.remove(socket);
    });
    // The handshake must finish within the same limit as a request.
    deadline->start();
    if (auto *tls = qobject_cast<TlsServerSocket *>(socket)) {
        connect(tls, &TlsServerSocket::encrypted, deadline, &QTimer::stop);
        // When a client cannot connect, OpenSSL's reason (plain HTTP on the TLS port, no shared
        // protocol version or cipher) is what its operator needs.
        connect(tls, &QAbstractSocket::errorOccurred, this, [tls](QAbstractSocket::SocketError e) {
            if (e == QAbstractSocket::SslHandshakeFailedError)
                logEvent(u"info"_s, u"tls handshake failed"_s,
                         { { u"peer"_s, tls->peerAddress().toString() },
                           { u"reason"_s, tls->errorString() } });
        });
    }
    addPendingConnection(socket);
}

} // namespace twofold::server
