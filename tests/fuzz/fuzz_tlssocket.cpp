// libFuzzer target: TlsServerSocket, the server's TLS connection, driven over loopback TCP by a
// script of client and server moves. The first byte picks the client:
//   even: a raw TCP client; the rest of the input is what it sends, in chunks of a length byte
//         then that many bytes (a TLS handshake from garbage, or a hello cut anywhere);
//   odd:  a QSslSocket client that completes the handshake; then each byte is a move, with
//         the next byte as its size where it has one:
//           0 client sends   1 server sends   2 server sends and at once closes gracefully
//           3 server aborts  4 client closes  5 client sends raw bytes under its TLS (a corrupt
//           record)
// Checked: no crash, leak or undefined behaviour (ASan, UBSan); every byte the client sent
// arrives at the server unchanged and in order, and every byte the server wrote before a
// graceful close reaches the client, unless a corrupt record ended the connection; a failed
// connection always says why (errorString).
#include "crypto/certificate.h"
#include "crypto/tlsserversocket.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace twofold;

namespace {

[[noreturn]] void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_tlssocket: %s\n  %s\n", what, detail.toUtf8().constData());
    std::abort();
}

class TlsServer final : public QTcpServer
{
public:
    std::shared_ptr<TlsServerContext> context;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new TlsServerSocket(context, this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            ::close(int(descriptor));
            return;
        }
        addPendingConnection(socket);
    }
};

struct Setup
{
    QByteArray certificatePem;
    TlsServer server;
};

Setup *setup = nullptr;

// Runs the event loop until done(), or for at most boundMs: a move that leaves the sockets
// waiting (half a record) ends there instead of hanging the fuzzer. Loopback delivers a write
// at once, so a short bound is enough to let the other side act on it.
template<typename Done> bool spin(Done done, int boundMs = 2000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > boundMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

// The server's side of a client's connection.
QPointer<TlsServerSocket> accepted()
{
    if (!spin([] { return setup->server.hasPendingConnections(); }))
        fail("no connection on loopback");
    return qobject_cast<TlsServerSocket *>(setup->server.nextPendingConnection());
}

QByteArray take(QByteArrayView &input, qsizetype size)
{
    const QByteArrayView part = input.first(qMin(size, input.size()));
    input = input.sliced(part.size());
    return part.toByteArray();
}

int sizeByte(QByteArrayView &input)
{
    return input.isEmpty() ? 0 : uchar(take(input, 1).at(0));
}

QByteArray pattern(qsizetype size, qsizetype offset)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((offset + i) * 131 % 251);
    return bytes;
}

void checkFailureSaysWhy(const TlsServerSocket *socket)
{
    if (socket && socket->error() != QAbstractSocket::UnknownSocketError
        && socket->errorString().isEmpty())
        fail("a failed connection gives no reason");
}

void rawClient(QByteArrayView input)
{
    QTcpSocket client;
    client.connectToHost(u"127.0.0.1"_s, setup->server.serverPort());
    QPointer<TlsServerSocket> server = accepted();
    if (!spin([&] { return client.state() == QAbstractSocket::ConnectedState; }))
        fail("the raw client did not connect");
    while (!input.isEmpty() && client.state() == QAbstractSocket::ConnectedState) {
        client.write(take(input, sizeByte(input)));
        client.flush();
        spin([&] { return !server || server->state() != QAbstractSocket::ConnectedState; }, 10);
    }
    checkFailureSaysWhy(server);
    client.abort();
    spin([&] { return !server || server->state() == QAbstractSocket::UnconnectedState; });
    delete server;
}

void tlsClient(QByteArrayView input)
{
    QSslSocket client;
    QSslConfiguration configuration = client.sslConfiguration();
    configuration.setCaCertificates({ QSslCertificate(setup->certificatePem) });
    client.setSslConfiguration(configuration);
    client.connectToHostEncrypted(u"127.0.0.1"_s, setup->server.serverPort());
    QPointer<TlsServerSocket> server = accepted();
    if (!spin([&] { return client.isEncrypted() && server && server->isEncrypted(); }))
        fail("the handshake with a trusting client did not finish",
             client.errorString() + u" / "_s + (server ? server->errorString() : QString()));

    QByteArray sentByClient, receivedByServer, sentByServer, receivedByClient;
    bool corrupted = false, serverClosed = false, clientClosed = false;
    const auto drain = [&] {
        if (server && server->isOpen())
            receivedByServer += server->readAll();
        if (client.isOpen())
            receivedByClient += client.readAll();
    };
    QObject::connect(server, &QIODevice::readyRead, server, drain);
    QObject::connect(&client, &QIODevice::readyRead, &client, drain);

    // One side writes size bytes that continue its stream; the other must read them all.
    const auto send = [&](bool open, QIODevice *from, qsizetype size, QByteArray &sent,
                          const QByteArray &received) {
        const QByteArray data = pattern(size, sent.size());
        if (!open)
            return;
        from->write(data);
        sent += data;
        spin([&] {
            drain();
            return received.size() >= sent.size();
        });
    };
    const auto unit = [&input](int bytes) { return sizeByte(input) * bytes; };

    while (!input.isEmpty()) {
        const bool open = server && !serverClosed && !clientClosed && !corrupted;
        switch (uchar(take(input, 1).at(0)) % 6) {
        case 0:
            send(open, &client, unit(97), sentByClient, receivedByServer);
            break;
        case 1:
            send(open, server.data(), unit(131), sentByServer, receivedByClient);
            break;
        case 2: {
            // Up to 256 KiB, more than the socket buffers take: the close waits for the queue.
            const QByteArray data = pattern(sizeByte(input) * 1031, sentByServer.size());
            if (open) {
                server->write(data);
                sentByServer += data;
            }
            if (server && !serverClosed) {
                serverClosed = true;
                server->disconnectFromHost();
                spin([&] {
                    drain();
                    return client.state() == QAbstractSocket::UnconnectedState;
                });
                if (!corrupted && receivedByClient != sentByServer)
                    fail("a graceful close lost what the server had written",
                         u"%1 of %2"_s.arg(receivedByClient.size()).arg(sentByServer.size()));
            }
            break;
        }
        case 3:
            if (server && !serverClosed) {
                serverClosed = true;
                server->abort();
            }
            break;
        case 4:
            if (!clientClosed) {
                clientClosed = true;
                client.disconnectFromHost();
                spin([&] {
                    drain();
                    return !server || server->state() == QAbstractSocket::UnconnectedState;
                });
            }
            break;
        case 5: {
            const QByteArray raw = take(input, sizeByte(input));
            if (!clientClosed && client.socketDescriptor() >= 0 && !raw.isEmpty()) {
                corrupted = true;
                (void)::write(int(client.socketDescriptor()), raw.constData(), size_t(raw.size()));
                spin(
                    [&] {
                        drain();
                        return !server || server->state() != QAbstractSocket::ConnectedState;
                    },
                    50);
            }
            break;
        }
        }
        if (receivedByServer != sentByClient.left(receivedByServer.size()))
            fail("the server read bytes the client did not send");
        if (receivedByClient != sentByServer.left(receivedByClient.size()))
            fail("the client read bytes the server did not send");
    }
    drain();
    if (!corrupted && !clientClosed && receivedByServer != sentByClient)
        fail("the server did not receive all the client sent",
             u"%1 of %2"_s.arg(receivedByServer.size()).arg(sentByClient.size()));
    checkFailureSaysWhy(server);
    client.abort();
    spin([&] { return !server || server->state() == QAbstractSocket::UnconnectedState; });
    delete server;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    const Result<EcKey> key = EcKey::generate();
    const Result<SelfSignedCertificate> certificate = key
        ? createSelfSignedCertificate(*key, { u"localhost"_s }, { u"127.0.0.1"_s }, 1)
        : Result<SelfSignedCertificate>(key.error());
    if (!certificate)
        fail("no test certificate", certificate.error().message);
    auto context = TlsServerContext::fromPem(certificate->pem, key->privatePem());
    if (!context)
        fail("no TLS context", context.error().message);
    setup = new Setup;
    setup->certificatePem = certificate->pem;
    setup->server.context = *context;
    if (!setup->server.listen(QHostAddress::LocalHost))
        fail("cannot listen on loopback");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const bool tls = input.front() % 2 == 1;
    input = input.sliced(1);
    if (tls)
        tlsClient(input);
    else
        rawClient(input);
    return 0;
}
