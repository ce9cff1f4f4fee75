// The limits and refusals of a twofold-server process: body size, request time, bad bodies,
// Duo's signature errors (judged with duo_client's own signer), and plain HTTP off loopback.
#include "duoscript.h"
#include "serverprocess.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>

using namespace Qt::StringLiterals;
using namespace twofold::test;

namespace {

constexpr int maxBody = 4096;
constexpr int requestSeconds = 2;
// A bound that the request-time limit must beat by far; never a wait for time to pass.
constexpr int disconnectBoundMs = 30'000;

} // namespace

class tst_ServerLimits final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void bodyTooLarge_data();
    void bodyTooLarge();
    void stalledClientIsDisconnected_data();
    void stalledClientIsDisconnected();
    void aFailedHandshakeIsLogged();
    void badBodies_data();
    void badBodies();
    void signatures_data();
    void signatures();
    void helpPrintsAndRunsNothing_data();
    void helpPrintsAndRunsNothing();
    void plainHttpOnlyOnLoopback_data();
    void plainHttpOnlyOnLoopback();
    void plainHttpServesLoopback();
    void damagedTlsFilesSayWhatToDo_data();
    void damagedTlsFilesSayWhatToDo();

private:
    ServerData m_data;
    ServerData::Application m_app;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<DuoScript> m_duo;
};

void tst_ServerLimits::initTestCase()
{
    QVERIFY2(m_data.init(), m_data.lastRun());
    auto app = m_data.addApplication(u"VPN"_s);
    QVERIFY2(app, m_data.lastRun());
    m_app = *app;
    QVERIFY2(m_data.addUser(u"alice"_s), m_data.lastRun());
    QVERIFY(m_data.setConfig({ { u"limits"_s,
                                 QJsonObject { { u"max_body_bytes"_s, maxBody },
                                               { u"request_seconds"_s, requestSeconds } } } }));
    m_server = std::make_unique<ServerProcess>(m_data);
    QVERIFY2(m_server->start(), qPrintable(m_server->log()));
    m_duo = std::make_unique<DuoScript>(m_app.ikey, m_app.skey, m_server->port(),
                                        m_data.certificatePath());
    QVERIFY2(m_duo->start(), "/usr/bin/python3 is missing");
}

void tst_ServerLimits::cleanupTestCase()
{
    m_duo.reset();
    if (m_server) {
        // Whatever came before, the server is still up and stops cleanly.
        QVERIFY2(m_server->isRunning(), qPrintable(m_server->log()));
        QCOMPARE(m_server->terminate(), 0);
    }
}

void tst_ServerLimits::bodyTooLarge_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("mayClose"); // far beyond the limit the connection may just be closed
    QTest::newRow("one byte over the limit") << maxBody + 1 << false;
    QTest::newRow("a little over the limit") << maxBody + 1000 << false;
    QTest::newRow("far over the limit") << 4 * 1024 * 1024 << true;
}

void tst_ServerLimits::bodyTooLarge()
{
    QFETCH(int, size);
    QFETCH(bool, mayClose);
    const QString body = u"username=alice&factor=passcode&passcode="_s.leftJustified(size, u'1');
    const QJsonObject answer = m_duo->call(
        u"signed"_s,
        { { u"method"_s, u"POST"_s }, { u"path"_s, u"/auth/v2/auth"_s }, { u"body"_s, body } });
    if (mayClose && !answer.value(u"ok"_s).toBool()) {
        QVERIFY2(answer.contains(u"exception"_s), m_duo->describe(answer));
        return;
    }
    QVERIFY2(answer.value(u"ok"_s).toBool(), m_duo->describe(answer));
    QCOMPARE(answer.value(u"status"_s).toInt(), 413);
    const QJsonObject json = answer.value(u"body"_s).toObject();
    QCOMPARE(json.value(u"stat"_s).toString(), u"FAIL"_s);
    QCOMPARE(json.value(u"code"_s).toInt(), 41300);
    QVERIFY2(json.value(u"message_detail"_s).toString().contains(QString::number(maxBody)),
             m_duo->describe(answer));

    // A body at the limit is read and judged on its merits.
    const QJsonObject atLimit = m_duo->call(u"signed"_s,
                                            { { u"method"_s, u"POST"_s },
                                              { u"path"_s, u"/auth/v2/auth"_s },
                                              { u"body"_s, body.left(maxBody) } });
    QVERIFY2(atLimit.value(u"status"_s).toInt() != 413, m_duo->describe(atLimit));
}

void tst_ServerLimits::stalledClientIsDisconnected_data()
{
    QTest::addColumn<bool>("handshake");
    QTest::addColumn<QByteArray>("sent");
    QTest::newRow("stalls before the TLS handshake") << false << QByteArray();
    QTest::newRow("stalls after half the headers")
        << true << "POST /auth/v2/auth HTTP/1.1\r\nHost: loc"_ba;
    QTest::newRow("stalls after half the body")
        << true
        << "POST /auth/v2/auth HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
           "application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nusername=al"_ba;
}

void tst_ServerLimits::stalledClientIsDisconnected()
{
    QFETCH(bool, handshake);
    QFETCH(QByteArray, sent);
    QSslSocket socket;
    QSignalSpy disconnected(&socket, &QAbstractSocket::disconnected);
    if (handshake) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(m_data.certificatePath()));
        socket.setSslConfiguration(tls);
        socket.connectToHostEncrypted(u"localhost"_s, m_server->port());
        QVERIFY2(socket.waitForEncrypted(disconnectBoundMs), qPrintable(socket.errorString()));
        socket.write(sent);
        QVERIFY(socket.waitForBytesWritten(disconnectBoundMs));
    } else {
        socket.connectToHost(u"127.0.0.1"_s, m_server->port());
        QVERIFY(socket.waitForConnected(disconnectBoundMs));
    }
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    // request_seconds (2 s) after the first byte, the server closes the connection.
    QVERIFY2(disconnected.wait(disconnectBoundMs), qPrintable(m_server->log()));
    QVERIFY(socket.readAll().isEmpty()); // no half answer either

    // The server is still serving.
    const QJsonObject ping = m_duo->call(u"ping"_s);
    QVERIFY2(ping.value(u"ok"_s).toBool(), m_duo->describe(ping));
}

// A client speaking plain HTTP to the TLS port is refused, and the log says who and why.
void tst_ServerLimits::aFailedHandshakeIsLogged()
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_server->port());
    QVERIFY(socket.waitForConnected(disconnectBoundMs));
    socket.write("GET /auth/v2/ping HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QVERIFY(socket.state() == QAbstractSocket::UnconnectedState
            || socket.waitForDisconnected(disconnectBoundMs));
    const auto logged = [this] {
        for (const QString &line : m_server->log().split(u'\n')) {
            const QJsonObject event = QJsonDocument::fromJson(line.toUtf8()).object();
            if (event.value(u"event"_s).toString() == u"tls handshake failed"_s)
                return event;
        }
        return QJsonObject();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!logged().isEmpty(), disconnectBoundMs);
    QCOMPARE(logged().value(u"level"_s).toString(), u"info"_s);
    QCOMPARE(logged().value(u"peer"_s).toString(), u"127.0.0.1"_s);
    QCOMPARE(logged().value(u"reason"_s).toString(), u"TLS handshake failed: http request."_s);
}

void tst_ServerLimits::badBodies_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<QString>("detail"); // words the message must have

    const auto json = [](const QString &body) {
        return QJsonObject { { u"method"_s, u"POST"_s },
                             { u"path"_s, u"/auth/v2/preauth"_s },
                             { u"sig_version"_s, 4 },
                             { u"body"_s, body } };
    };
    const auto form = [](const QString &body, const QString &type) {
        return QJsonObject { { u"method"_s, u"POST"_s },
                             { u"path"_s, u"/auth/v2/preauth"_s },
                             { u"body"_s, body },
                             { u"content_type"_s, type } };
    };
    const auto params = [](const QString &path, const QJsonObject &values) {
        return QJsonObject { { u"method"_s, u"POST"_s },
                             { u"path"_s, path },
                             { u"params"_s, values } };
    };
    QTest::newRow("JSON that does not parse") << json(u"{\"username\": "_s) << u"JSON"_s;
    QTest::newRow("JSON that is not an object") << json(u"[\"alice\"]"_s) << u"object"_s;
    QTest::newRow("form with a broken percent escape")
        << form(u"username=%zz"_s, u"application/x-www-form-urlencoded"_s) << u"percent"_s;
    QTest::newRow("body of an unknown type")
        << form(u"alice"_s, u"text/plain"_s) << u"text/plain"_s;
    QTest::newRow("preauth without a username")
        << params(u"/auth/v2/preauth"_s, { { u"ipaddr"_s, u"10.0.0.1"_s } }) << u"username"_s;
    QTest::newRow("auth without a factor")
        << params(u"/auth/v2/auth"_s, { { u"username"_s, u"alice"_s } }) << u"factor"_s;
    QTest::newRow("auth with an unknown factor") << params(
        u"/auth/v2/auth"_s, { { u"username"_s, u"alice"_s }, { u"factor"_s, u"pigeon"_s } })
                                                 << u"factor"_s;
    QTest::newRow("passcode auth without a passcode") << params(
        u"/auth/v2/auth"_s, { { u"username"_s, u"alice"_s }, { u"factor"_s, u"passcode"_s } })
                                                      << u"passcode"_s;
}

void tst_ServerLimits::badBodies()
{
    QFETCH(QJsonObject, request);
    QFETCH(QString, detail);
    const QJsonObject answer = m_duo->call(u"signed"_s, request);
    QVERIFY2(answer.value(u"ok"_s).toBool(), m_duo->describe(answer));
    QCOMPARE(answer.value(u"status"_s).toInt(), 400);
    const QJsonObject body = answer.value(u"body"_s).toObject();
    QCOMPARE(body.value(u"stat"_s).toString(), u"FAIL"_s);
    QCOMPARE(body.value(u"code"_s).toInt(), 40002);
    QVERIFY2(body.value(u"message_detail"_s).toString().contains(detail), m_duo->describe(answer));
}

void tst_ServerLimits::signatures_data()
{
    QTest::addColumn<QJsonObject>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code"); // Duo's error code, 0 for success

    const QJsonObject check { { u"method"_s, u"GET"_s }, { u"path"_s, u"/auth/v2/check"_s } };
    const auto with = [&check](const QJsonObject &changes) {
        QJsonObject request = check;
        for (auto it = changes.begin(); it != changes.end(); ++it)
            request[it.key()] = it.value();
        return request;
    };
    QTest::newRow("signed now: accepted") << check << 200 << 0;
    QTest::newRow("signed 4 minutes ago: accepted")
        << with({ { u"date_offset"_s, -240 } }) << 200 << 0;
    QTest::newRow("v4 signature over a JSON body: accepted")
        << QJsonObject { { u"method"_s, u"POST"_s },
                         { u"path"_s, u"/auth/v2/preauth"_s },
                         { u"sig_version"_s, 4 },
                         { u"params"_s, QJsonObject { { u"username"_s, u"alice"_s } } } }
        << 200 << 0;
    QTest::newRow("no credentials") << QJsonObject { { u"raw"_s, true } } << 401 << 40101;
    QTest::newRow("unknown integration key")
        << with({ { u"ikey"_s, u"DIXXXXXXXXXXXXXXXXXX"_s } }) << 401 << 40102;
    QTest::newRow("wrong secret key")
        << with({ { u"skey"_s, u"not-the-secret-key-of-this-application!!"_s } }) << 401 << 40103;
    QTest::newRow("date 10 minutes old") << with({ { u"date_offset"_s, -600 } }) << 401 << 40104;
    QTest::newRow("date 10 minutes ahead") << with({ { u"date_offset"_s, 600 } }) << 401 << 40104;
    QTest::newRow("no date") << with({ { u"drop_date"_s, true } }) << 401 << 40104;
    QTest::newRow("signed params differ from those sent")
        << QJsonObject { { u"method"_s, u"POST"_s },
                         { u"path"_s, u"/auth/v2/preauth"_s },
                         { u"params"_s, QJsonObject { { u"username"_s, u"alice"_s } } },
                         { u"body"_s, u"username=mallory"_s } }
        << 401 << 40103;
}

void tst_ServerLimits::signatures()
{
    QFETCH(QJsonObject, request);
    QFETCH(int, status);
    QFETCH(int, code);
    const QJsonObject answer = request.value(u"raw"_s).toBool()
        ? m_duo->call(u"raw"_s, { { u"method"_s, u"GET"_s }, { u"path"_s, u"/auth/v2/check"_s } })
        : m_duo->call(u"signed"_s, request);
    QVERIFY2(answer.value(u"ok"_s).toBool(), m_duo->describe(answer));
    QCOMPARE(answer.value(u"status"_s).toInt(), status);
    const QJsonObject body = answer.value(u"body"_s).toObject();
    if (code == 0) {
        QCOMPARE(body.value(u"stat"_s).toString(), u"OK"_s);
        return;
    }
    QCOMPARE(body.value(u"stat"_s).toString(), u"FAIL"_s);
    QCOMPARE(body.value(u"code"_s).toInt(), code);
    QVERIFY2(!body.value(u"message"_s).toString().isEmpty(), m_duo->describe(answer));
    // The error never shows the secret key it was checked with.
    QVERIFY(!QJsonDocument(body).toJson().contains(m_app.skey.toUtf8()));
}

void tst_ServerLimits::helpPrintsAndRunsNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    // serve would listen until killed, init would refuse the existing data directory.
    for (const char *command : { "serve", "init" }) {
        for (const char *help : { "--help", "-h", "--help-all" })
            QTest::addRow("%s %s", command, help)
                << QStringList { QString::fromLatin1(command), QString::fromLatin1(help) };
    }
}

void tst_ServerLimits::helpPrintsAndRunsNothing()
{
    QFETCH(QStringList, arguments);
    const ProgramRun run = m_data.run(arguments);
    QVERIFY2(run.failure.isEmpty() && run.exitCode == 0, run.describe(arguments));
    // The command's own usage, not the program's path.
    QVERIFY2(
        run.out.startsWith(u"Usage: twofold-server "_s + arguments.constFirst() + u" [options]"_s),
        run.describe(arguments));
}

void tst_ServerLimits::plainHttpOnlyOnLoopback_data()
{
    QTest::addColumn<QString>("listen");
    QTest::newRow("all IPv4 addresses") << u"0.0.0.0:0"_s;
    QTest::newRow("all IPv6 addresses") << u"[::]:0"_s;
    QTest::newRow("a public address") << u"192.0.2.1:0"_s;
}

void tst_ServerLimits::plainHttpOnlyOnLoopback()
{
    QFETCH(QString, listen);
    const QStringList arguments { u"serve"_s, u"--plain-http"_s, u"--listen"_s, listen };
    const ProgramRun run = m_data.run(arguments);
    QVERIFY2(run.failure.isEmpty() && run.exitCode == 1, run.describe(arguments));
    QVERIFY2(run.err.contains(u"loopback"_s), run.describe(arguments));
}

void tst_ServerLimits::damagedTlsFilesSayWhatToDo_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("reason");
    QTest::newRow("certificate") << u"tls.crt"_s << u"The TLS certificate is not a PEM"_s;
    QTest::newRow("key") << u"tls.key"_s << u"The TLS key cannot be used"_s;
}

void tst_ServerLimits::damagedTlsFilesSayWhatToDo()
{
    QFETCH(QString, file);
    QFETCH(QString, reason);
    ServerData data;
    QVERIFY2(data.init(), data.lastRun());
    QFile damaged(QDir(data.dataDir()).filePath(file));
    QVERIFY(damaged.open(QIODevice::WriteOnly | QIODevice::Truncate));
    damaged.write("-----BEGIN GARBAGE-----\n");
    damaged.close();
    const QStringList arguments { u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s };
    const ProgramRun run = data.run(arguments);
    QVERIFY2(run.failure.isEmpty() && run.exitCode == 1, run.describe(arguments));
    QVERIFY2(run.err.contains(reason), run.describe(arguments));
    QVERIFY2(run.err.contains(u"back from a backup, or replace both"_s), run.describe(arguments));
}

void tst_ServerLimits::plainHttpServesLoopback()
{
    ServerProcess plain(m_data);
    QVERIFY2(plain.start({ u"--plain-http"_s }), qPrintable(plain.log()));
    QVERIFY(plain.log().contains(u"\"tls\":false"_s));
    // duo_client speaks plain HTTP when ca_certs is "HTTP".
    DuoScript duo(m_app.ikey, m_app.skey, plain.port(), u"HTTP"_s);
    QVERIFY(duo.start());
    const QJsonObject check = duo.call(u"check"_s);
    QVERIFY2(check.value(u"ok"_s).toBool(), duo.describe(check));
    QCOMPARE(plain.terminate(), 0);
}

QTEST_GUILESS_MAIN(tst_ServerLimits)
#include "tst_serverlimits.moc"
