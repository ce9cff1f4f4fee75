#include "tlsserversocket.h"

#include "eckey_p.h"

#include <QPointer>
#include <QSocketNotifier>
// As QSslSocket does, decrypted data goes straight into the device's read buffer; and abort()
// marks the socket in its private part, where disconnectFromHost() must tell it from close().
#include <QtNetwork/private/qabstractsocket_p.h>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace twofold {

namespace {

// OpenSSL's reason for the last failure on this thread, for a person reading the log.
QString lastSslError(const QString &fallback)
{
    const unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (code == 0)
        return fallback;
    const char *reason = ERR_reason_error_string(code);
    return reason ? QString::fromLatin1(reason) : fallback;
}

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

// A BIO on the connection's descriptor, as OpenSSL's own socket BIO but that a write to a
// connection the client has closed fails with EPIPE instead of killing the process by SIGPIPE.
int socketOf(BIO *bio)
{
    return int(reinterpret_cast<intptr_t>(BIO_get_data(bio)));
}

int socketWrite(BIO *bio, const char *data, int size)
{
    BIO_clear_retry_flags(bio);
    const ssize_t n = ::send(socketOf(bio), data, size_t(size), MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        BIO_set_retry_write(bio);
    return int(n);
}

int socketRead(BIO *bio, char *data, int size)
{
    BIO_clear_retry_flags(bio);
    const ssize_t n = ::recv(socketOf(bio), data, size_t(size), 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        BIO_set_retry_read(bio);
    return int(n);
}

long socketControl(BIO *, int command, long, void *)
{
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

const BIO_METHOD *socketMethod()
{
    static BIO_METHOD *method = [] {
        BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "twofold socket");
        if (m) {
            BIO_meth_set_write(m, socketWrite);
            BIO_meth_set_read(m, socketRead);
            BIO_meth_set_ctrl(m, socketControl);
        }
        return m;
    }();
    return method;
}

quint16 portOf(const sockaddr_storage &address)
{
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in &>(address).sin_port);
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 &>(address).sin6_port);
    return 0;
}

} // namespace

struct TlsServerContext::State
{
    SSL_CTX *ctx = nullptr;
    ~State() { SSL_CTX_free(ctx); }
};

TlsServerContext::TlsServerContext(std::unique_ptr<State> state)
    : m_state(std::move(state))
{
}

TlsServerContext::~TlsServerContext() = default;

Result<std::shared_ptr<TlsServerContext>>
TlsServerContext::fromPem(QByteArrayView certificateChainPem, QByteArrayView privateKeyPem)
{
    ERR_clear_error();
    auto state = std::make_unique<State>();
    state->ctx = SSL_CTX_new(TLS_server_method());
    if (!state->ctx)
        return Error { ErrorCode::Crypto, lastSslError(u"OpenSSL cannot make a TLS context."_s) };
    SSL_CTX *ctx = state->ctx;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    // Partial writes let a large response go out as the socket takes it; idle connections keep
    // no read or write buffer.
    SSL_CTX_set_mode(ctx,
                     SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE
                         | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // Resumption works by tickets, which the server does not store; no session cache grows
    // with the number of clients.
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(ctx, 1);

    const Bio chain(BIO_new_mem_buf(certificateChainPem.data(), int(certificateChainPem.size())),
                    BIO_free);
    const Certificate leaf(PEM_read_bio_X509(chain.get(), nullptr, nullptr, nullptr), X509_free);
    if (!leaf || SSL_CTX_use_certificate(ctx, leaf.get()) != 1)
        return Error { ErrorCode::Config,
                       u"The TLS certificate is not a PEM certificate OpenSSL can use (%1)."_s.arg(
                           lastSslError(u"unreadable"_s)) };
    while (X509 *intermediate = PEM_read_bio_X509(chain.get(), nullptr, nullptr, nullptr)) {
        if (SSL_CTX_add0_chain_cert(ctx, intermediate) != 1) {
            X509_free(intermediate);
            return Error { ErrorCode::Config,
                           u"An intermediate certificate cannot be used (%1)."_s.arg(
                               lastSslError(u"unreadable"_s)) };
        }
    }
    ERR_clear_error(); // the end of the chain reads as "no start line"

    const Result<EcKey> key = EcKey::fromPrivatePem(privateKeyPem);
    if (!key)
        return Error { ErrorCode::Config,
                       u"The TLS key cannot be used: %1"_s.arg(key.error().message) };
    if (SSL_CTX_use_PrivateKey(ctx, EcKeyNative::pkey(*key)) != 1
        || SSL_CTX_check_private_key(ctx) != 1)
        return Error { ErrorCode::Config,
                       u"The TLS key does not belong to the certificate (%1)."_s.arg(
                           lastSslError(u"mismatch"_s)) };
    return std::shared_ptr<TlsServerContext>(new TlsServerContext(std::move(state)));
}

TlsServerSocket::TlsServerSocket(std::shared_ptr<TlsServerContext> context, QObject *parent)
    : QTcpSocket(parent)
    , m_context(std::move(context))
{
}

TlsServerSocket::~TlsServerSocket()
{
    delete m_readNotifier;
    delete m_writeNotifier;
    SSL_free(m_ssl);
    if (m_fd != -1)
        ::close(m_fd);
    // QAbstractSocket's destructor would abort a connected socket; this one is closed already.
    setSocketState(UnconnectedState);
}

bool TlsServerSocket::setSocketDescriptor(qintptr descriptor, SocketState state, OpenMode mode)
{
    const int fd = int(descriptor);
    const int flags = ::fcntl(fd, F_GETFL);
    if (m_fd != -1 || !m_context || flags == -1 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1)
        return false;
    ERR_clear_error();
    m_ssl = SSL_new(m_context->m_state->ctx);
    BIO *bio = socketMethod() ? BIO_new(socketMethod()) : nullptr;
    if (!m_ssl || !bio) {
        BIO_free(bio);
        SSL_free(std::exchange(m_ssl, nullptr));
        setSocketError(SslInternalError);
        setErrorString(lastSslError(u"OpenSSL cannot start a TLS connection."_s));
        return false;
    }
    BIO_set_data(bio, reinterpret_cast<void *>(intptr_t(fd)));
    BIO_set_init(bio, 1);
    SSL_set_bio(m_ssl, bio, bio); // the SSL owns it now
    SSL_set_accept_state(m_ssl);
    m_fd = fd;

    sockaddr_storage address {};
    socklen_t length = sizeof address;
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        setPeerAddress(QHostAddress(reinterpret_cast<const sockaddr *>(&address)));
        setPeerPort(portOf(address));
    }
    length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0) {
        setLocalAddress(QHostAddress(reinterpret_cast<const sockaddr *>(&address)));
        setLocalPort(portOf(address));
    }
    m_readNotifier = new QSocketNotifier(descriptor, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &TlsServerSocket::readable);
    setSocketState(state);
    QIODevice::open(mode);
    return true;
}

qint64 TlsServerSocket::bytesToWrite() const
{
    return m_pending.size();
}

qint64 TlsServerSocket::readData(char *, qint64)
{
    // Everything decrypted is in the read buffer already (readable()).
    return state() == UnconnectedState ? -1 : 0;
}

qint64 TlsServerSocket::writeData(const char *data, qint64 size)
{
    if (state() != ConnectedState || !m_ssl)
        return -1;
    // Collected and written once control returns to the event loop, so that a response's header
    // and body leave in one TLS record and one TCP segment.
    if (m_pending.isEmpty())
        QMetaObject::invokeMethod(this, &TlsServerSocket::writable, Qt::QueuedConnection);
    m_pending.append(data, qsizetype(size));
    return size;
}

bool TlsServerSocket::handshake()
{
    ERR_clear_error();
    const int result = SSL_do_handshake(m_ssl);
    if (result == 1) {
        m_encrypted = true;
        if (!m_pending.isEmpty())
            wantWrite(true);
        QPointer<TlsServerSocket> alive(this);
        emit encrypted();
        return alive && m_ssl;
    }
    switch (SSL_get_error(m_ssl, result)) {
    case SSL_ERROR_WANT_READ:
        wantWrite(false);
        return false;
    case SSL_ERROR_WANT_WRITE:
        wantWrite(true);
        return false;
    case SSL_ERROR_SYSCALL:
        if (ERR_peek_last_error() == 0) {
            fail(RemoteHostClosedError, u"The client closed the connection in the handshake."_s);
            return false;
        }
        [[fallthrough]];
    default: {
        fail(SslHandshakeFailedError,
             u"TLS handshake failed: %1."_s.arg(lastSslError(u"unknown reason"_s)));
        return false;
    }
    }
}

void TlsServerSocket::readable()
{
    if (!m_ssl || (!m_encrypted && !handshake()))
        return;
    QPointer<TlsServerSocket> alive(this);
    // Everything the socket holds is read now: data left in TLS's buffer would not wake the
    // notifier again, and data left in the socket would wake it forever.
    auto &buffer = static_cast<QAbstractSocketPrivate *>(QObjectPrivate::get(this))->buffer;
    qint64 received = 0;
    bool closed = false;
    char chunk[16 * 1024];
    while (m_ssl) {
        ERR_clear_error();
        const int n = SSL_read(m_ssl, chunk, int(sizeof chunk));
        if (n > 0) {
            buffer.append(chunk, n);
            received += n;
            continue;
        }
        const int error = SSL_get_error(m_ssl, n);
        if (error == SSL_ERROR_WANT_WRITE)
            wantWrite(true);
        // Anything else: close_notify, the end of the stream, or a record that fails to decrypt.
        closed = error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE;
        break;
    }
    if (received > 0)
        emit readyRead();
    if (alive && closed && m_ssl)
        fail(RemoteHostClosedError, u"The client closed the connection."_s);
}

void TlsServerSocket::writable()
{
    if (!m_ssl || (!m_encrypted && !handshake()))
        return;
    qint64 written = 0;
    bool blocked = false;
    while (!m_pending.isEmpty()) {
        ERR_clear_error();
        const int n = SSL_write(m_ssl, m_pending.constData(),
                                int(std::min<qsizetype>(m_pending.size(), 1 << 20)));
        if (n > 0) {
            m_pending.remove(0, n);
            written += n;
            continue;
        }
        const int error = SSL_get_error(m_ssl, n);
        if (error != SSL_ERROR_WANT_WRITE) {
            fail(RemoteHostClosedError, lastSslError(u"The connection broke while writing."_s));
            return;
        }
        blocked = true;
        break;
    }
    wantWrite(blocked);
    if (m_pending.isEmpty())
        m_pending = QByteArray();
    QPointer<TlsServerSocket> alive(this);
    if (written > 0)
        emit bytesWritten(written);
    if (alive && m_pending.isEmpty() && state() == ClosingState)
        finish(true);
}

void TlsServerSocket::wantWrite(bool on)
{
    if (on && !m_writeNotifier) {
        m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
        connect(m_writeNotifier, &QSocketNotifier::activated, this, &TlsServerSocket::writable);
    }
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(on);
}

void TlsServerSocket::disconnectFromHost()
{
    if (state() == UnconnectedState)
        return;
    auto *d = static_cast<QAbstractSocketPrivate *>(QObjectPrivate::get(this));
    const bool aborting = std::exchange(d->abortCalled, false);
    if (aborting)
        m_pending.clear();
    if (state() != ClosingState) {
        setSocketState(ClosingState);
        emit stateChanged(ClosingState);
    }
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
    if (m_pending.isEmpty() || !m_ssl)
        finish(!aborting);
    // else writable() finishes once the queue is written.
}

void TlsServerSocket::fail(SocketError error, const QString &reason)
{
    setSocketError(error);
    setErrorString(reason);
    QPointer<TlsServerSocket> alive(this);
    emit errorOccurred(error);
    if (alive)
        finish(false);
}

void TlsServerSocket::finish(bool graceful)
{
    if (!m_ssl)
        return;
    if (graceful && m_encrypted) {
        ERR_clear_error();
        SSL_shutdown(m_ssl); // our close_notify, if the socket takes it; no waiting for theirs
    }
    ERR_clear_error();
    SSL_free(std::exchange(m_ssl, nullptr));
    // Notifiers go before the descriptor, which the next connection may get. This may run in a
    // notifier's own signal, so they are deleted later.
    for (QSocketNotifier *notifier :
         { std::exchange(m_readNotifier, nullptr), std::exchange(m_writeNotifier, nullptr) }) {
        if (notifier) {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
    }
    ::close(std::exchange(m_fd, -1));
    m_pending = QByteArray();
    const SocketState previous = state();
    setSocketState(UnconnectedState);
    emit stateChanged(UnconnectedState);
    emit readChannelFinished();
    if (previous == ConnectedState || previous == ClosingState)
        emit disconnected();
}

} // namespace twofold
