// PushDevice without twofold-server: a dead server costs a bounded number of requests, spaced by
// exponential backoff with jitter, and never a busy loop; against a TLS endpoint with canned
// answers, what a real server never does (forged challenges, polls answered at once) is refused.
#include "client/pushdevice.h"
#include "client/pushprotocol.h"
#include "crypto/certificate.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::client;

namespace {

// A loopback port that nothing listens on: connections are refused at once.
quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

// A TLS endpoint with a self-signed certificate that answers every HTTP/1.1 request with the
// current canned response, and keeps what it was asked.
class CannedServer final : public QObject
{
public:
    struct Request
    {
        QByteArray method, target, body;
        QHash<QByteArray, QByteArray> headers; // lower-case names
    };

    CannedServer()
    {
        const EcKey key = EcKey::generate().value();
        const auto certificate
            = createSelfSignedCertificate(key, { u"localhost"_s }, { u"127.0.0.1"_s }, 1).value();
        fingerprint = certificateSha256Fingerprint(certificate.pem);
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(QSslCertificate(certificate.pem, QSsl::Pem));
        configuration.setPrivateKey(QSslKey(key.privatePem(), QSsl::Ec, QSsl::Pem));
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(configuration);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (m_server.hasPendingConnections())
                serve(m_server.nextPendingConnection());
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    quint16 port() const { return m_server.serverPort(); }
    void answer(int status, const QJsonObject &body)
    {
        m_status = status;
        m_body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }

    QByteArray fingerprint;
    QList<Request> requests;

private:
    void serve(QTcpSocket *socket)
    {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            QByteArray &buffer = m_buffers[socket];
            buffer += socket->readAll();
            qsizetype end;
            while ((end = buffer.indexOf("\r\n\r\n")) >= 0) {
                Request request;
                const QList<QByteArray> lines = buffer.left(end).split('\n');
                const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                request.method = first.value(0);
                request.target = first.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon > 0)
                        request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                               lines[i].mid(colon + 1).trimmed());
                }
                const qsizetype length = request.headers.value("content-length").toLongLong();
                if (buffer.size() < end + 4 + length)
                    return; // the body is still on its way
                request.body = buffer.mid(end + 4, length);
                buffer.remove(0, end + 4 + length);
                requests.append(request);
                socket->write("HTTP/1.1 " + QByteArray::number(m_status)
                              + " Canned\r\nContent-Type: application/json\r\nContent-Length: "
                              + QByteArray::number(m_body.size()) + "\r\n\r\n" + m_body);
            }
        });
    }

    QSslServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_status = 200;
    QByteArray m_body = R"({"stat":"OK","response":{"challenges":[]}})";
};

QJsonObject challenges(const QJsonArray &list)
{
    return { { u"stat"_s, u"OK"_s }, { u"response"_s, QJsonObject { { u"challenges"_s, list } } } };
}

PushRegistration registrationFor(quint16 port, const EcKey &serverKey)
{
    PushRegistration r;
    r.serverUrl = QUrl(u"https://127.0.0.1:%1"_s.arg(port));
    r.fingerprint = QByteArray(64, 'a');
    r.deviceId = u"DPTESTDEVICE"_s;
    r.username = u"alice"_s;
    r.serverPublicKey = serverKey.publicPem();
    return r;
}

} // namespace

class TestPushDevice : public QObject
{
    Q_OBJECT

private slots:
    void backoffDelays_data();
    void backoffDelays();
    void deadServerCostsOneRequestPerDelay_data();
    void deadServerCostsOneRequestPerDelay();
    void stopEndsRetrying();
    void notActivatedRefusesToStart();
    void answerNames();
    void pollsAnsweredAtOnceBackOff();
    void challengeChecks_data();
    void challengeChecks();
    void anotherCertificateGetsNothing();
    void revokedStopsPolling();
    void clockSkewIsReportedAndRetried();
    void answerIsSignedAsDocumented();
};

namespace {

std::unique_ptr<PushDevice> deviceFor(const CannedServer &server, const EcKey &deviceKey,
                                      const EcKey &serverKey, const Clock *clock = nullptr)
{
    PushRegistration registration = registrationFor(server.port(), serverKey);
    registration.fingerprint = server.fingerprint;
    auto device = std::make_unique<PushDevice>(deviceKey, registration, clock);
    RetrySchedule schedule;
    schedule.initialDelayMs = 20;
    schedule.maxDelayMs = 80;
    schedule.jitter = [] { return 1.0; };
    schedule.quietPollMs = 60'000; // every answer here comes at once
    device->setRetrySchedule(schedule);
    return device;
}

// The request signature over the canonical string written out by hand.
bool signedAsDocumented(const CannedServer::Request &request, const EcKey &deviceKey)
{
    const QByteArray canonical = "twofold-request-v1\n" + request.method + '\n' + request.target
        + '\n' + request.headers.value("x-twofold-timestamp") + '\n'
        + QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
    return deviceKey.verify(canonical,
                            QByteArray::fromBase64(request.headers.value("x-twofold-signature")));
}

} // namespace

void TestPushDevice::backoffDelays_data()
{
    QTest::addColumn<double>("jitter");
    QTest::addColumn<QList<int>>("delays");

    // Initial 100 ms, doubling, capped at 1000 ms; the jitter picks within the upper half.
    QTest::newRow("largest jitter gives the full backoff")
        << 1.0 << QList<int> { 100, 200, 400, 800, 1000, 1000, 1000 };
    QTest::newRow("no jitter gives half the backoff")
        << 0.0 << QList<int> { 50, 100, 200, 400, 500, 500, 500 };
    QTest::newRow("middle jitter") << 0.5 << QList<int> { 75, 150, 300, 600, 750, 750, 750 };
    QTest::newRow("jitter out of range is clamped")
        << 7.0 << QList<int> { 100, 200, 400, 800, 1000, 1000, 1000 };
}

void TestPushDevice::backoffDelays()
{
    QFETCH(double, jitter);
    QFETCH(QList<int>, delays);
    RetrySchedule schedule;
    schedule.initialDelayMs = 100;
    schedule.maxDelayMs = 1000;
    schedule.jitter = [jitter] { return jitter; };
    for (int attempt = 0; attempt < delays.size(); ++attempt)
        QCOMPARE(schedule.delayMs(attempt), delays[attempt]);
    // Far into a long outage the shift must not overflow.
    QCOMPARE(schedule.delayMs(1000), delays.last());
}

void TestPushDevice::deadServerCostsOneRequestPerDelay_data()
{
    QTest::addColumn<double>("jitter");
    QTest::newRow("full backoff") << 1.0;
    QTest::newRow("half backoff") << 0.0;
}

void TestPushDevice::deadServerCostsOneRequestPerDelay()
{
    QFETCH(double, jitter);
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    const EcKey serverKey = EcKey::generate().value();
    PushDevice device(EcKey::generate().value(), registrationFor(port, serverKey));
    RetrySchedule schedule;
    schedule.initialDelayMs = 20;
    schedule.maxDelayMs = 80;
    schedule.jitter = [jitter] { return jitter; };
    device.setRetrySchedule(schedule);
    QSignalSpy retrying(&device, &PushDevice::retrying);
    QSignalSpy states(&device, &PushDevice::stateChanged);
    device.start();
    QCOMPARE(device.state(), PushDevice::State::Connecting);
    constexpr int failures = 7;
    while (retrying.size() < failures)
        QVERIFY(retrying.wait(10'000));
    // One request per failure: every retry waited its delay, none was sent in a loop.
    QCOMPARE(device.requestCount(), failures);
    QList<int> delays;
    for (const QList<QVariant> &signal : std::as_const(retrying)) {
        delays << signal.at(0).toInt();
        QVERIFY(signal.at(1).toString().contains(u"Cannot reach the server"));
    }
    const QList<int> expected = jitter == 1.0 ? QList<int> { 20, 40, 80, 80, 80, 80, 80 }
                                              : QList<int> { 10, 20, 40, 40, 40, 40, 40 };
    QCOMPARE(delays, expected);
    QCOMPARE(device.state(), PushDevice::State::Retrying);
    // Connecting, then Retrying once: the state does not flap with every attempt.
    QCOMPARE(states.size(), 2);
    QCOMPARE(states.at(0).at(0).value<PushDevice::State>(), PushDevice::State::Connecting);
    QCOMPARE(states.at(1).at(0).value<PushDevice::State>(), PushDevice::State::Retrying);
    device.stop();
}

void TestPushDevice::stopEndsRetrying()
{
    const EcKey serverKey = EcKey::generate().value();
    PushDevice device(EcKey::generate().value(), registrationFor(closedPort(), serverKey));
    RetrySchedule schedule;
    schedule.initialDelayMs = 10;
    schedule.maxDelayMs = 40;
    schedule.jitter = [] { return 1.0; };
    device.setRetrySchedule(schedule);
    QSignalSpy retrying(&device, &PushDevice::retrying);
    device.start();
    while (retrying.size() < 3)
        QVERIFY(retrying.wait(10'000));
    device.stop();
    QCOMPARE(device.state(), PushDevice::State::Inactive);
    QCOMPARE(device.requestCount(), 3);
    // A new start begins a new schedule: the first delay again, one request for it.
    device.start();
    QVERIFY(retrying.wait(10'000));
    QCOMPARE(retrying.size(), 4);
    QCOMPARE(retrying.last().at(0).toInt(), 10);
    QCOMPARE(device.requestCount(), 4);
    device.stop();
}

void TestPushDevice::notActivatedRefusesToStart()
{
    PushDevice device(EcKey::generate().value());
    QSignalSpy failed(&device, &PushDevice::failed);
    device.start();
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().at(0).toString().contains(u"not activated"));
    QCOMPARE(device.requestCount(), 0);
    QCOMPARE(device.state(), PushDevice::State::Inactive);
}

void TestPushDevice::answerNames()
{
    QCOMPARE(PushDevice::answerName(PushDevice::Answer::Approve), u"approve"_s);
    QCOMPARE(PushDevice::answerName(PushDevice::Answer::Deny), u"deny"_s);
    QCOMPARE(PushDevice::answerName(PushDevice::Answer::Fraud), u"fraud"_s);
}

void TestPushDevice::pollsAnsweredAtOnceBackOff()
{
    // A server that never holds a poll cannot make the device spin: the first answer is news,
    // every quick answer without news after it waits like a failure.
    CannedServer server;
    const EcKey deviceKey = EcKey::generate().value();
    auto device = deviceFor(server, deviceKey, EcKey::generate().value());
    QSignalSpy delayed(device.get(), &PushDevice::pollDelayed);
    QSignalSpy states(device.get(), &PushDevice::stateChanged);
    QList<int> requestsAtDelay;
    connect(device.get(), &PushDevice::pollDelayed, this,
            [&] { requestsAtDelay << device->requestCount(); });
    device->start();
    QVERIFY(QTest::qWaitFor([&] { return delayed.size() >= 5; }, 10'000));
    device->stop();
    QList<int> delays;
    for (const QList<QVariant> &signal : std::as_const(delayed))
        delays << signal.at(0).toInt();
    QCOMPARE(delays.mid(0, 5), (QList<int> { 20, 40, 80, 80, 80 }));
    QCOMPARE(requestsAtDelay.mid(0, 5), (QList<int> { 2, 3, 4, 5, 6 }));
    QCOMPARE(states.at(0).at(0).value<PushDevice::State>(), PushDevice::State::Connecting);
    QCOMPARE(states.at(1).at(0).value<PushDevice::State>(), PushDevice::State::Connected);
    QCOMPARE(states.at(2).at(0).value<PushDevice::State>(), PushDevice::State::Inactive);
    // The first poll asks for an answer at once; the later ones say what they have seen. All
    // are signed over the method, the target with its query, the time and the body's hash.
    QVERIFY(server.requests.size() >= 6);
    QCOMPARE(server.requests[0].target, "/v1/device/challenges"_ba);
    QCOMPARE(server.requests[1].target, "/v1/device/challenges?seen="_ba);
    for (const CannedServer::Request &request : std::as_const(server.requests)) {
        QCOMPARE(request.method, "GET"_ba);
        QCOMPARE(request.headers.value("x-twofold-device"), "DPTESTDEVICE"_ba);
        QVERIFY(signedAsDocumented(request, deviceKey));
    }
}

void TestPushDevice::challengeChecks_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("reason"); // empty: the challenge is shown

    QTest::newRow("signed by the server for this device") << u""_s << u""_s;
    QTest::newRow("signed by another key") << u"otherkey"_s << u"signature"_s;
    QTest::newRow("signed for another device") << u"otherdevice"_s << u"another device"_s;
    QTest::newRow("altered after signing") << u"altered"_s << u"signature"_s;
    QTest::newRow("no expiry") << u"incomplete"_s << u"expires"_s;
    QTest::newRow("no signature") << u"unsigned"_s << u"signature"_s;
}

void TestPushDevice::challengeChecks()
{
    QFETCH(QString, fault);
    QFETCH(QString, reason);
    const EcKey serverKey = EcKey::generate().value();
    PushChallenge c;
    c.txid = u"TXCANNED1"_s;
    c.deviceId = fault == u"otherdevice" ? u"DPOTHERDEVICE"_s : u"DPTESTDEVICE"_s;
    c.username = u"alice"_s;
    c.application = u"Staff VPN"_s;
    c.clientIp = u"198.51.100.7"_s;
    c.created = 1'700'000'000;
    c.expires = c.created + 60;
    c.serverTime = c.created;
    c.numberRequired = true;
    c.signature = (fault == u"otherkey" ? EcKey::generate().value() : serverKey)
                      .sign(c.canonical())
                      .value();
    QJsonObject json = c.toJson();
    if (fault == u"altered")
        json[u"application"_s] = u"Payroll"_s;
    if (fault == u"incomplete")
        json.remove(u"expires"_s);
    if (fault == u"unsigned")
        json.remove(u"signature"_s);

    CannedServer server;
    server.answer(200, challenges({ json }));
    auto device = deviceFor(server, EcKey::generate().value(), serverKey);
    QSignalSpy received(device.get(), &PushDevice::challengeReceived);
    QSignalSpy rejected(device.get(), &PushDevice::challengeRejected);
    device->start();
    // Three polls list the same challenge: it is reported once, either way.
    QVERIFY(QTest::qWaitFor([&] { return device->requestCount() >= 3; }, 10'000));
    device->stop();
    if (reason.isEmpty()) {
        QCOMPARE(rejected.size(), 0);
        QCOMPARE(received.size(), 1);
        const auto shown = received.first().at(0).value<PushChallenge>();
        QCOMPARE(shown.txid, c.txid);
        QCOMPARE(shown.application, c.application);
        QCOMPARE(shown.expires, c.expires);
        QVERIFY(shown.numberRequired);
        return;
    }
    QCOMPARE(received.size(), 0);
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().at(0).toString(), c.txid);
    QVERIFY2(rejected.first().at(1).toString().contains(reason),
             qPrintable(rejected.first().at(1).toString()));
    QVERIFY(device->openChallenges().isEmpty());
}

void TestPushDevice::anotherCertificateGetsNothing()
{
    CannedServer server;
    PushRegistration registration = registrationFor(server.port(), EcKey::generate().value());
    registration.fingerprint = QByteArray(64, 'b'); // pinned: a certificate the server lacks
    PushDevice device(EcKey::generate().value(), registration);
    QSignalSpy retrying(&device, &PushDevice::retrying);
    QSignalSpy changed(&device, &PushDevice::certificateChanged);
    device.start();
    QVERIFY(retrying.wait(10'000));
    device.stop();
    QVERIFY2(retrying.first().at(1).toString().contains(u"certificate has changed"),
             qPrintable(retrying.first().at(1).toString()));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toByteArray(), QByteArray(64, 'b'));
    QCOMPARE(changed.first().at(1).toByteArray(), server.fingerprint);
    QVERIFY(server.requests.isEmpty()); // not one byte of a request was sent
}

void TestPushDevice::revokedStopsPolling()
{
    CannedServer server;
    server.answer(401,
                  { { u"stat"_s, u"FAIL"_s },
                    { u"code"_s, 40102 },
                    { u"message"_s, u"This device has been revoked."_s } });
    auto device = deviceFor(server, EcKey::generate().value(), EcKey::generate().value());
    QSignalSpy revoked(device.get(), &PushDevice::revoked);
    QSignalSpy retrying(device.get(), &PushDevice::retrying);
    device->start();
    QVERIFY(revoked.wait(10'000));
    QCOMPARE(device->state(), PushDevice::State::Revoked);
    QCOMPARE(device->requestCount(), 1);
    QCOMPARE(retrying.size(), 0);
    // A revoked device stays quiet until it is activated again.
    device->stop();
    QCOMPARE(device->state(), PushDevice::State::Revoked);
}

void TestPushDevice::clockSkewIsReportedAndRetried()
{
    CannedServer server;
    const QString message = u"The signed time is 120 seconds ahead of the server's clock."_s;
    server.answer(401,
                  { { u"stat"_s, u"FAIL"_s }, { u"code"_s, 40104 }, { u"message"_s, message } });
    auto device = deviceFor(server, EcKey::generate().value(), EcKey::generate().value());
    QSignalSpy retrying(device.get(), &PushDevice::retrying);
    device->start();
    QVERIFY(retrying.wait(10'000));
    device->stop();
    QCOMPARE(retrying.first().at(1).toString(), message);
    QCOMPARE(retrying.first().at(0).toInt(), 20);
}

void TestPushDevice::answerIsSignedAsDocumented()
{
    CannedServer server;
    server.answer(200,
                  { { u"stat"_s, u"OK"_s },
                    { u"response"_s,
                      QJsonObject { { u"txid"_s, u"TXA"_s },
                                    { u"result"_s, u"allow"_s },
                                    { u"status"_s, u"allow"_s },
                                    { u"status_msg"_s, u"Success."_s } } } });
    const ManualClock clock(1'700'000'000);
    const EcKey deviceKey = EcKey::generate().value();
    auto device = deviceFor(server, deviceKey, EcKey::generate().value(), &clock);
    QSignalSpy answered(device.get(), &PushDevice::answered);
    device->answer(u"TXA"_s, PushDevice::Answer::Approve, 42);
    QVERIFY(answered.wait(10'000));
    QCOMPARE(answered.first().at(1).toString(), u"allow"_s);
    QCOMPARE(answered.first().at(2).toString(), u"Success."_s);

    QCOMPARE(server.requests.size(), 1);
    const CannedServer::Request &request = server.requests.first();
    QCOMPARE(request.method, "POST"_ba);
    QCOMPARE(request.target, "/v1/device/answer"_ba);
    QCOMPARE(request.headers.value("x-twofold-timestamp"), "1700000000"_ba);
    QVERIFY(signedAsDocumented(request, deviceKey));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(u"txid"_s).toString(), u"TXA"_s);
    QCOMPARE(body.value(u"answer"_s).toString(), u"approve"_s);
    QCOMPARE(body.value(u"number"_s).toInt(), 42);
    QCOMPARE(body.value(u"timestamp"_s).toInteger(), 1'700'000'000);
    QVERIFY(
        deviceKey.verify("twofold-answer-v1\nTXA\napprove\n42\n1700000000"_ba,
                         QByteArray::fromBase64(body.value(u"signature"_s).toString().toLatin1())));
}

QTEST_GUILESS_MAIN(TestPushDevice)
#include "tst_pushdevice.moc"
