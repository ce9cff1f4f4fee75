// PushDevice without a server: a dead server costs a bounded number of requests, spaced by
// exponential backoff with jitter, and never a busy loop.
#include "client/pushdevice.h"

#include <QSignalSpy>
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
};

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

QTEST_GUILESS_MAIN(TestPushDevice)
#include "tst_pushdevice.moc"
