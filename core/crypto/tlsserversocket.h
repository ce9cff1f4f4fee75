#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QTcpSocket>

#include <memory>

class QSocketNotifier;
struct ssl_st;

namespace twofold {

// The server side of TLS (1.2 or 1.3, OpenSSL's default ciphers): one certificate chain and its
// key, shared by every connection. Thread-safe once made.
class TlsServerContext final
{
public:
    // certificateChainPem: the leaf first, then any intermediates. The key is P-256, as
    // `twofold-server init` makes it.
    static Result<std::shared_ptr<TlsServerContext>> fromPem(QByteArrayView certificateChainPem,
                                                             QByteArrayView privateKeyPem);
    ~TlsServerContext();

private:
    friend class TlsServerSocket;
    struct State;
    explicit TlsServerContext(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

// An accepted TCP connection that speaks TLS on its own descriptor, for QHttpServer and anything
// else that takes a QTcpSocket: reads give the plain text, writes are encrypted. It exists
// because QSslSocket costs about twice as much memory per connection (a second, inner socket,
// memory BIOs and a private configuration), and a server holding 10,000 device long polls pays
// that 10,000 times. The peer's certificate is not asked for. A failed handshake (a client that
// does not trust the certificate, or does not speak TLS) closes the connection with
// SslHandshakeFailedError, and errorString() gives OpenSSL's reason.
class TlsServerSocket final : public QTcpSocket
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsServerSocket)

public:
    TlsServerSocket(std::shared_ptr<TlsServerContext> context, QObject *parent = nullptr);
    ~TlsServerSocket() override;

    // Takes an accepted descriptor; the handshake starts when the client's hello arrives.
    bool setSocketDescriptor(qintptr descriptor, SocketState state = ConnectedState,
                             OpenMode mode = ReadWrite) override;
    qintptr socketDescriptor() const override { return m_fd; }
    // Writes what is queued, then closes (with a TLS close_notify); abort() closes at once.
    void disconnectFromHost() override;
    qint64 bytesToWrite() const override;
    bool isEncrypted() const { return m_encrypted; }

signals:
    void encrypted();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void readable();
    void writable();
    bool handshake();
    void wantWrite(bool on);
    void finish(bool graceful);
    void fail(SocketError error, const QString &reason);

    std::shared_ptr<TlsServerContext> m_context;
    ssl_st *m_ssl = nullptr;
    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr; // made on the first write
    QByteArray m_pending; // written, not yet taken by TLS
    bool m_encrypted = false;
};

} // namespace twofold
