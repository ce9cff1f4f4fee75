#include "crypto/certificate.h"
#include "crypto/tlsserversocket.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace twofold;

namespace {

// Accepts every connection as a TlsServerSocket, as the server's HttpListener does.
class TlsServer final : public QTcpServer
{
public:
    explicit TlsServer(std::shared_ptr<TlsServerContext> context)
        : m_context(std::move(context))
    {
    }
    QList<QPointer<TlsServerSocket>> accepted;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new TlsServerSocket(m_context, this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            ::close(int(descriptor));
            return;
        }
        accepted << socket;
        addPendingConnection(socket);
    }

private:
    std::shared_ptr<TlsServerContext> m_context;
};

QByteArray noise(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(size);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

constexpr qsizetype bigSize = 8 * 1024 * 1024; // far more than the kernel's socket buffers

} // namespace

class tst_TlsServerSocket final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void contextRefusesBadInput_data();
    void contextRefusesBadInput();
    void requestAndAnswerOverTls();
    void largeAnswerIsWrittenInFullBeforeTheClose();
    void abortDropsWhatIsQueued();
    void clientGoneWhileWritingIsAnError();
    void brokenPipeIsAnErrorNotASignal();
    void clientClosingIsNoticed();
    void plainHttpClientFailsTheHandshake();

private:
    // A client trusting the test certificate, connected and encrypted, and the server's socket.
    TlsServerSocket *connectClient(QSslSocket &client);

    QByteArray m_certPem;
    QByteArray m_keyPem;
    std::shared_ptr<TlsServerContext> m_context;
    std::unique_ptr<TlsServer> m_server;
};

void tst_TlsServerSocket::initTestCase()
{
    QVERIFY(QSslSocket::supportsSsl());
    const Result<EcKey> key = EcKey::generate();
    QVERIFY(key);
    const Result<SelfSignedCertificate> cert
        = createSelfSignedCertificate(*key, { u"localhost"_s }, { u"127.0.0.1"_s }, 1);
    QVERIFY(cert);
    m_certPem = cert->pem;
    m_keyPem = key->privatePem();
    auto context = TlsServerContext::fromPem(m_certPem, m_keyPem);
    QVERIFY2(context, qPrintable(context ? QString() : context.error().message));
    m_context = *context;
}

void tst_TlsServerSocket::init()
{
    m_server = std::make_unique<TlsServer>(m_context);
    QVERIFY(m_server->listen(QHostAddress::LocalHost));
}

void tst_TlsServerSocket::cleanup()
{
    m_server.reset();
}

TlsServerSocket *tst_TlsServerSocket::connectClient(QSslSocket &client)
{
    QSslConfiguration configuration = client.sslConfiguration();
    configuration.setCaCertificates({ QSslCertificate(m_certPem) });
    client.setSslConfiguration(configuration);
    client.connectToHostEncrypted(u"127.0.0.1"_s, m_server->serverPort());
    if (!QTest::qWaitFor([&] { return client.isEncrypted() && !m_server->accepted.isEmpty(); }))
        return nullptr;
    TlsServerSocket *server = m_server->accepted.constLast();
    // The server finishes its side when the client's Finished arrives.
    const bool encrypted = QTest::qWaitFor([&] { return server && server->isEncrypted(); });
    return encrypted ? server : nullptr;
}

void tst_TlsServerSocket::contextRefusesBadInput_data()
{
    QTest::addColumn<QByteArray>("cert");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("message");
    const QByteArray otherKey = EcKey::generate()->privatePem();
    QTest::newRow("no certificate") << QByteArray("not a certificate") << m_keyPem
                                    << u"The TLS certificate is not a PEM certificate"_s;
    QTest::newRow("no key") << m_certPem << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n")
                            << u"The TLS key cannot be used: "_s;
    QTest::newRow("another certificate's key")
        << m_certPem << otherKey << u"The TLS key does not belong to the certificate"_s;
}

void tst_TlsServerSocket::contextRefusesBadInput()
{
    QFETCH(QByteArray, cert);
    QFETCH(QByteArray, key);
    QFETCH(QString, message);
    const auto context = TlsServerContext::fromPem(cert, key);
    QVERIFY(!context);
    QVERIFY2(context.error().message.startsWith(message), qPrintable(context.error().message));
    QCOMPARE(context.error().code, ErrorCode::Config);
}

void tst_TlsServerSocket::requestAndAnswerOverTls()
{
    QSslSocket client;
    TlsServerSocket *server = connectClient(client);
    QVERIFY(server);
    QCOMPARE(server->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(server->peerAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(server->peerPort(), client.localPort());
    QCOMPARE(server->localPort(), m_server->serverPort());
    QVERIFY(client.sessionProtocol() >= QSsl::TlsV1_2);

    // Two requests on one connection, each answered; the answer's two writes arrive as one.
    for (const QByteArray &request : { QByteArray("GET /one"), QByteArray("GET /two") }) {
        QSignalSpy readable(server, &QIODevice::readyRead);
        client.write(request);
        QVERIFY(readable.wait());
        QCOMPARE(server->bytesAvailable(), request.size());
        QCOMPARE(server->peek(4), QByteArray("GET "));
        QCOMPARE(server->readAll(), request);
        QSignalSpy written(server, &QIODevice::bytesWritten);
        server->write("answer to ");
        server->write(request);
        QCOMPARE(server->bytesToWrite(), 10 + request.size());
        QVERIFY(written.wait());
        QCOMPARE(written.constFirst().constFirst().toLongLong(), 10 + request.size());
        QTRY_COMPARE(client.bytesAvailable(), 10 + request.size());
        QCOMPARE(client.readAll(), "answer to " + request);
    }
}

void tst_TlsServerSocket::largeAnswerIsWrittenInFullBeforeTheClose()
{
    QSslSocket client;
    TlsServerSocket *server = connectClient(client);
    QVERIFY(server);
    const QByteArray answer = noise(bigSize);
    qint64 reported = 0;
    connect(server, &QIODevice::bytesWritten, this, [&](qint64 n) { reported += n; });
    QSignalSpy disconnected(server, &QAbstractSocket::disconnected);
    QCOMPARE(server->write(answer), bigSize);
    server->disconnectFromHost(); // must write the queue first
    QCOMPARE(server->state(), QAbstractSocket::ClosingState);
    QByteArray received;
    connect(&client, &QIODevice::readyRead, this, [&] { received += client.readAll(); });
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 60000);
    received += client.readAll();
    QCOMPARE(received.size(), bigSize);
    QVERIFY(received == answer);
    QCOMPARE(reported, bigSize);
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(server->state(), QAbstractSocket::UnconnectedState);
    // The client saw our close_notify, not a bare end of stream.
    QCOMPARE(client.error(), QAbstractSocket::RemoteHostClosedError);
}

void tst_TlsServerSocket::abortDropsWhatIsQueued()
{
    QSslSocket client;
    TlsServerSocket *server = connectClient(client);
    QVERIFY(server);
    QSignalSpy disconnected(server, &QAbstractSocket::disconnected);
    server->write(noise(bigSize));
    server->abort();
    QCOMPARE(server->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(server->bytesToWrite(), 0);
    QCOMPARE(disconnected.size(), 1);
    QTest::ignoreMessage(QtWarningMsg,
                         "QIODevice::write (twofold::TlsServerSocket): device not open");
    QCOMPARE(server->write("late"), -1);
    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
    QVERIFY(client.readAll().size() < bigSize);
}

void tst_TlsServerSocket::clientGoneWhileWritingIsAnError()
{
    QSslSocket client;
    TlsServerSocket *server = connectClient(client);
    QVERIFY(server);
    QSignalSpy errors(server, &QAbstractSocket::errorOccurred);
    QSignalSpy disconnected(server, &QAbstractSocket::disconnected);
    client.abort();
    // The first writes go out; the client's host answers them with a reset, which the next
    // write meets.
    const QByteArray chunk = noise(64 * 1024);
    QVERIFY(QTest::qWaitFor(
        [&] {
            if (server->state() == QAbstractSocket::ConnectedState
                && server->bytesToWrite() < bigSize)
                server->write(chunk);
            return !disconnected.isEmpty();
        },
        30000));
    QCOMPARE(disconnected.size(), 1);
    QVERIFY(!errors.isEmpty());
    QCOMPARE(server->state(), QAbstractSocket::UnconnectedState);
}

void tst_TlsServerSocket::brokenPipeIsAnErrorNotASignal()
{
    QSslSocket client;
    TlsServerSocket *server = connectClient(client);
    QVERIFY(server);
    QSignalSpy errors(server, &QAbstractSocket::errorOccurred);
    QSignalSpy disconnected(server, &QAbstractSocket::disconnected);
    // A write into a connection shut for writing fails with EPIPE, and a plain send() also
    // raises SIGPIPE, which ends the process. Qt's client sockets ignore SIGPIPE for the whole
    // process, but a server that only accepts TLS connections may never make one: here, as
    // there, the signal keeps its default action.
    const auto previous = std::signal(SIGPIPE, SIG_DFL);
    QCOMPARE(::shutdown(int(server->socketDescriptor()), SHUT_WR), 0);
    server->write("answer");
    const bool ended = disconnected.wait();
    std::signal(SIGPIPE, previous);
    QVERIFY(ended);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(server->state(), QAbstractSocket::UnconnectedState);
}

void tst_TlsServerSocket::clientClosingIsNoticed()
{
    QSslSocket client;
    TlsServerSocket *server = connectClient(client);
    QVERIFY(server);
    QSignalSpy disconnected(server, &QAbstractSocket::disconnected);
    QSignalSpy errors(server, &QAbstractSocket::errorOccurred);
    client.disconnectFromHost();
    QVERIFY(disconnected.wait());
    QCOMPARE(server->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(errors.constFirst().constFirst().value<QAbstractSocket::SocketError>(),
             QAbstractSocket::RemoteHostClosedError);
}

void tst_TlsServerSocket::plainHttpClientFailsTheHandshake()
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(client.waitForConnected());
    QTRY_COMPARE(m_server->accepted.size(), 1);
    TlsServerSocket *server = m_server->accepted.constFirst();
    QSignalSpy disconnected(server, &QAbstractSocket::disconnected);
    client.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QVERIFY(disconnected.wait());
    QCOMPARE(server->error(), QAbstractSocket::SslHandshakeFailedError);
    // OpenSSL's own words for it.
    QCOMPARE(server->errorString(), u"TLS handshake failed: http request."_s);
    QVERIFY(!server->isEncrypted());
    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
}

QTEST_GUILESS_MAIN(tst_TlsServerSocket)
#include "tst_tlsserversocket.moc"
