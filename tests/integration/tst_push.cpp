// Push from end to end: a real twofold-server process over HTTPS, a PushDevice in this process
// (activated with `twofold-server user activate`, pinned to the server's certificate), and the
// real duo_client (duo_auth.py) as the relying application. Every wait is on a signal or on a
// process's output.
#include "client/activationlink.h"
#include "client/pushdevice.h"
#include "crypto/certificate.h"
#include "duoscript.h"
#include "serverprocess.h"
#include "tools.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::client;
using namespace twofold::test;

namespace {

constexpr int waitMs = 60'000; // a bound for a hang, never a wait for time to pass

// Waits until spy has count signals; a signal that came during an earlier wait counts too.
bool waitFor(const QSignalSpy &spy, int count = 1)
{
    return QTest::qWaitFor([&] { return spy.size() >= count; }, waitMs);
}

QJsonObject response(const QJsonObject &answer)
{
    return answer.value(u"response"_s).toObject();
}

} // namespace

class tst_Push final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void activation();
    void activationRefusesAnotherCertificate();
    void answers_data();
    void answers();
    void fraudBlocksTheUser();
    void fatigueLimits();
    void revocationWakesTheParkedPoll();
    void serverTime();
    void survivesAServerRestart();
    void postgresDeviceOnOneServerApplicationOnAnother();

private:
    // An activation link for username from the scripting subcommand, or nullopt.
    std::optional<ActivationLink> activationLink(const QString &username);
    // A device activated for username and connected (its first poll answered).
    std::unique_ptr<PushDevice> connectedDevice(const QString &username,
                                                std::optional<EcKey> *keyOut = nullptr);
    // auth(factor=push, async) through duo_client: {txid, number}.
    QJsonObject startPush(const QString &username);
    QJsonObject finalStatus(const QString &txid);
    RetrySchedule schedule() const;
    static std::unique_ptr<PushDevice> activated(const ActivationLink &link, const EcKey &key);

    ServerData m_data;
    ServerData::Application m_app;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<DuoScript> m_duo;
};

void tst_Push::initTestCase()
{
    QVERIFY2(m_data.init(), m_data.lastRun());
    auto app = m_data.addApplication(u"Staff VPN"_s);
    QVERIFY2(app, m_data.lastRun());
    m_app = *app;
    for (const QString &user : { u"alice"_s, u"bob"_s, u"carol"_s, u"dave"_s, u"erin"_s, u"frank"_s,
                                 u"grace"_s, u"heidi"_s, u"ivan"_s })
        QVERIFY2(m_data.addUser(user), m_data.lastRun());
    // Long polls end by an event, never by their deadline: both are far beyond the waits here.
    QVERIFY(m_data.setConfig({ { u"limits"_s, QJsonObject { { u"long_poll_seconds"_s, 600 } } } }));
    QVERIFY2(m_data.setPolicy({ { u"push_timeout_seconds"_s, 600 }, { u"push_limit"_s, 3 } }),
             m_data.lastRun());
    m_server = std::make_unique<ServerProcess>(m_data);
    QVERIFY2(m_server->start(), qPrintable(m_server->log()));
    m_duo = std::make_unique<DuoScript>(m_app.ikey, m_app.skey, m_server->port(),
                                        m_data.certificatePath());
    QVERIFY2(m_duo->start(), "/usr/bin/python3 is missing: run installer/install-deps.sh");
}

void tst_Push::cleanupTestCase()
{
    m_duo.reset();
    if (m_server) {
        QCOMPARE(m_server->terminate(), 0);
        QVERIFY2(m_server->log().contains(u"\"event\":\"stopped\""_s), qPrintable(m_server->log()));
    }
}

RetrySchedule tst_Push::schedule() const
{
    RetrySchedule s;
    s.initialDelayMs = 100;
    s.maxDelayMs = 1000;
    s.pollTimeoutMs = 700'000; // beyond the server's 600 s long poll
    return s;
}

std::optional<ActivationLink> tst_Push::activationLink(const QString &username)
{
    const QString url = u"https://localhost:%1"_s.arg(m_server->port());
    if (!m_data.runChecked({ u"user"_s, u"activate"_s, username, u"--url"_s, url }))
        return std::nullopt;
    auto link = ActivationLink::parse(m_data.lastOutput().trimmed());
    return link ? std::optional(*link) : std::nullopt;
}

std::unique_ptr<PushDevice> tst_Push::connectedDevice(const QString &username,
                                                      std::optional<EcKey> *keyOut)
{
    auto link = activationLink(username);
    if (!link)
        return nullptr;
    const EcKey key = EcKey::generate().value();
    auto device = std::make_unique<PushDevice>(key);
    device->setRetrySchedule(schedule());
    QSignalSpy activated(device.get(), &PushDevice::activated);
    QSignalSpy failed(device.get(), &PushDevice::failed);
    device->activate(*link, u"Test desk of "_s + username);
    if (!waitFor(activated)) {
        qWarning() << "activation failed:" << failed;
        return nullptr;
    }
    device->start();
    if (!QTest::qWaitFor([&] { return device->state() == PushDevice::State::Connected; }, waitMs))
        return nullptr;
    if (keyOut)
        *keyOut = key;
    return device;
}

QJsonObject tst_Push::startPush(const QString &username)
{
    return m_duo->call(u"auth"_s,
                       { { u"username"_s, username },
                         { u"factor"_s, u"push"_s },
                         { u"ipaddr"_s, u"198.51.100.23"_s },
                         { u"async_txn"_s, true } });
}

QJsonObject tst_Push::finalStatus(const QString &txid)
{
    return m_duo->call(u"auth_status"_s, { { u"txid"_s, txid } });
}

void tst_Push::activation()
{
    auto link = activationLink(u"alice"_s);
    QVERIFY2(link, m_data.lastRun());
    // The link pins the certificate init made.
    QFile certificate(m_data.certificatePath());
    QVERIFY(certificate.open(QIODevice::ReadOnly));
    QCOMPARE(link->fingerprint, certificateSha256Fingerprint(certificate.readAll()));

    PushDevice device(EcKey::generate().value());
    QSignalSpy activated(&device, &PushDevice::activated);
    device.activate(*link, u"Alice's laptop"_s);
    QVERIFY(waitFor(activated));
    const PushRegistration &registration = device.registration();
    QCOMPARE(registration.deviceId, activated.first().at(0).toString());
    QCOMPARE(registration.username, u"alice"_s);
    QVERIFY(registration.isActivated());
    // The server's signing key is the key of its TLS certificate.
    certificate.seek(0);
    QCOMPARE(EcKey::fromPublicPem(registration.serverPublicKey)->publicDer(),
             EcKey::fromCertificatePem(certificate.readAll())->publicDer());
    // The registration is what a desktop stores; it comes back whole.
    auto restored = PushRegistration::fromJson(registration.toJson());
    QVERIFY(restored);
    QCOMPARE(restored->deviceId, registration.deviceId);

    // The same code a second time is refused.
    PushDevice again(EcKey::generate().value());
    QSignalSpy failed(&again, &PushDevice::failed);
    again.activate(*link, u"Copy"_s);
    QVERIFY(waitFor(failed));
    QVERIFY2(failed.first().at(0).toString().contains(u"used already"),
             qPrintable(failed.first().at(0).toString()));

    // preauth lists the device for push.
    const QJsonObject preauth = m_duo->call(u"preauth"_s, { { u"username"_s, u"alice"_s } });
    QVERIFY2(preauth.value(u"ok"_s).toBool(), m_duo->describe(preauth));
    bool listed = false;
    for (const QJsonValue &d : response(preauth).value(u"devices"_s).toArray())
        listed |= d.toObject().value(u"device"_s).toString() == registration.deviceId;
    QVERIFY2(listed, m_duo->describe(preauth));
}

void tst_Push::activationRefusesAnotherCertificate()
{
    auto link = activationLink(u"grace"_s);
    QVERIFY2(link, m_data.lastRun());
    const QByteArray real = link->fingerprint;
    link->fingerprint = QByteArray(64, '0');
    PushDevice device(EcKey::generate().value());
    QSignalSpy failed(&device, &PushDevice::failed);
    QSignalSpy changed(&device, &PushDevice::certificateChanged);
    device.activate(*link, u"Grace's laptop"_s);
    QVERIFY(waitFor(failed));
    QVERIFY2(failed.first().at(0).toString().contains(u"certificate has changed"),
             qPrintable(failed.first().at(0).toString()));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toByteArray(), QByteArray(64, '0'));
    QCOMPARE(changed.first().at(1).toByteArray(), real);

    // Nothing reached the server: the code is still good for the right certificate.
    link->fingerprint = real;
    PushDevice pinned(EcKey::generate().value());
    QSignalSpy activated(&pinned, &PushDevice::activated);
    pinned.activate(*link, u"Grace's laptop"_s);
    QVERIFY(waitFor(activated));
}

void tst_Push::answers_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<PushDevice::Answer>("answer");
    QTest::addColumn<bool>("rightNumber");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("status");

    QTest::newRow("approve with the shown number allows")
        << u"alice"_s << PushDevice::Answer::Approve << true << u"allow"_s << u"allow"_s;
    QTest::newRow("deny denies") << u"bob"_s << PushDevice::Answer::Deny << true << u"deny"_s
                                 << u"deny"_s;
    QTest::newRow("approve with a wrong number denies")
        << u"carol"_s << PushDevice::Answer::Approve << false << u"deny"_s << u"deny"_s;
}

void tst_Push::answers()
{
    QFETCH(QString, user);
    QFETCH(PushDevice::Answer, answer);
    QFETCH(bool, rightNumber);
    QFETCH(QString, result);
    QFETCH(QString, status);
    auto device = connectedDevice(user);
    QVERIFY2(device, qPrintable(m_server->log().right(2000)));
    QSignalSpy received(device.get(), &PushDevice::challengeReceived);
    QSignalSpy rejected(device.get(), &PushDevice::challengeRejected);

    const QJsonObject started = startPush(user);
    QVERIFY2(started.value(u"ok"_s).toBool(), m_duo->describe(started));
    const QString txid = response(started).value(u"txid"_s).toString();
    const int number = response(started).value(u"number"_s).toString().toInt();
    QVERIFY2(number >= 10 && number <= 99, m_duo->describe(started));

    QVERIFY(waitFor(received));
    QCOMPARE(rejected.size(), 0);
    const auto challenge = received.first().at(0).value<PushChallenge>();
    QCOMPARE(challenge.txid, txid);
    QCOMPARE(challenge.username, user);
    QCOMPARE(challenge.application, u"Staff VPN"_s);
    QCOMPARE(challenge.clientIp, u"198.51.100.23"_s);
    QCOMPARE(challenge.deviceId, device->registration().deviceId);
    QVERIFY(challenge.numberRequired);
    QCOMPARE(challenge.expires - challenge.created, 600);

    // The application waits in a long poll while the user answers.
    const int poll = m_duo->send(u"auth_status"_s, { { u"txid"_s, txid } });
    QVERIFY(m_duo->waitSent(poll));
    QSignalSpy answered(device.get(), &PushDevice::answered);
    QSignalSpy closed(device.get(), &PushDevice::challengeClosed);
    device->answer(txid, answer, rightNumber ? number : (number == 99 ? 10 : number + 1));
    QVERIFY(waitFor(answered));
    QCOMPARE(answered.first().at(1).toString(), result);
    const QJsonObject final = m_duo->result(poll);
    QVERIFY2(final.value(u"ok"_s).toBool(), m_duo->describe(final));
    // duo_client turns the result into "success".
    QVERIFY2(response(final).value(u"success"_s).toBool() == (result == u"allow"),
             m_duo->describe(final));
    QCOMPARE(response(final).value(u"waiting"_s).toBool(), false);
    QCOMPARE(response(final).value(u"status"_s).toString(), status);
    if (!rightNumber)
        QVERIFY2(response(final).value(u"status_msg"_s).toString().contains(u"number"),
                 m_duo->describe(final));

    // The answered request leaves the device; a second answer is refused.
    QVERIFY(waitFor(closed));
    QCOMPARE(closed.first().at(0).toString(), txid);
    QSignalSpy refused(device.get(), &PushDevice::answerFailed);
    device->answer(txid, PushDevice::Answer::Approve, number);
    QVERIFY(waitFor(refused));
    QVERIFY2(refused.first().at(1).toString().contains(u"answered already"),
             qPrintable(refused.first().at(1).toString()));
    QCOMPARE(response(finalStatus(txid)).value(u"status"_s).toString(), status);
    device->stop();
}

void tst_Push::fraudBlocksTheUser()
{
    auto device = connectedDevice(u"dave"_s);
    QVERIFY(device);
    QSignalSpy received(device.get(), &PushDevice::challengeReceived);
    const QJsonObject started = startPush(u"dave"_s);
    const QString txid = response(started).value(u"txid"_s).toString();
    QVERIFY2(!txid.isEmpty(), m_duo->describe(started));
    QVERIFY(waitFor(received));
    QSignalSpy answered(device.get(), &PushDevice::answered);
    device->answer(txid, PushDevice::Answer::Fraud);
    QVERIFY(waitFor(answered));

    const QJsonObject final = finalStatus(txid);
    QCOMPARE(response(final).value(u"success"_s).toBool(), false);
    QCOMPARE(response(final).value(u"status"_s).toString(), u"fraud"_s);
    // Blocked by the default policy, so the next sign-in is refused before any factor.
    const QJsonObject preauth = m_duo->call(u"preauth"_s, { { u"username"_s, u"dave"_s } });
    QCOMPARE(response(preauth).value(u"result"_s).toString(), u"deny"_s);
    QVERIFY(m_data.runChecked({ u"user"_s, u"show"_s, u"dave"_s }));
    QCOMPARE(QJsonDocument::fromJson(m_data.lastOutput().toUtf8()).object().value(u"status"_s),
             u"blocked"_s);
    // The alert is in the database, with the request it came from.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"alerts"_s);
        db.setDatabaseName(QDir(m_data.dataDir()).filePath(u"twofold.db"_s));
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(
            u"SELECT source, client_ip FROM fraud_alerts WHERE txid = '%1'"_s.arg(txid)));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"push"_s);
        QCOMPARE(query.value(1).toString(), u"198.51.100.23"_s);
        QVERIFY(!query.next());
    }
    QSqlDatabase::removeDatabase(u"alerts"_s);
    device->stop();
}

void tst_Push::fatigueLimits()
{
    // push_limit is 3 in this test's policy: three pushes reach the device, the fourth is
    // refused. A refused push is not a push and does not count.
    auto device = connectedDevice(u"erin"_s);
    QVERIFY(device);
    QSignalSpy received(device.get(), &PushDevice::challengeReceived);
    QSignalSpy answered(device.get(), &PushDevice::answered);
    const auto statusOf = [&](const QJsonObject &started) {
        return response(finalStatus(response(started).value(u"txid"_s).toString()));
    };
    for (int push = 1; push <= 3; ++push) {
        const QJsonObject started = startPush(u"erin"_s);
        const QString txid = response(started).value(u"txid"_s).toString();
        QVERIFY(waitFor(received, push));
        QCOMPARE(received.last().at(0).value<PushChallenge>().txid, txid);
        if (push == 1) {
            // One pending push per user: a request while one waits is denied at once.
            const QJsonObject refused = statusOf(startPush(u"erin"_s));
            QCOMPARE(refused.value(u"success"_s).toBool(), false);
            QCOMPARE(refused.value(u"status"_s).toString(), u"deny"_s);
            QVERIFY2(refused.value(u"status_msg"_s).toString().contains(u"already waiting"),
                     QJsonDocument(refused).toJson().constData());
        }
        device->answer(txid, PushDevice::Answer::Deny);
        QVERIFY(waitFor(answered, push));
    }
    const QJsonObject over = statusOf(startPush(u"erin"_s));
    QCOMPARE(over.value(u"success"_s).toBool(), false);
    QCOMPARE(over.value(u"status"_s).toString(), u"deny"_s);
    QVERIFY2(over.value(u"status_msg"_s).toString().contains(u"Too many"),
             QJsonDocument(over).toJson().constData());
    QCOMPARE(received.size(), 3); // the refused pushes never reached the device
    device->stop();
}

void tst_Push::revocationWakesTheParkedPoll()
{
    // Two channels of one device: one revokes it, the other's long poll (600 s) must be
    // answered with "revoked" at once, long before its deadline.
    std::optional<EcKey> key;
    auto device = connectedDevice(u"frank"_s, &key);
    QVERIFY(device && key);
    PushDevice twin(*key, device->registration());
    twin.setRetrySchedule(schedule());
    twin.start();
    // Its first poll is answered at once; the second is the one the server holds.
    QVERIFY(QTest::qWaitFor([&] { return twin.requestCount() == 2; }, waitMs));
    QCOMPARE(twin.state(), PushDevice::State::Connected);
    QCOMPARE(twin.requestCount(), 2);

    QSignalSpy revoked(device.get(), &PushDevice::revoked);
    QSignalSpy twinRevoked(&twin, &PushDevice::revoked);
    device->revoke();
    QVERIFY(waitFor(revoked));
    QVERIFY(waitFor(twinRevoked));
    QCOMPARE(twin.state(), PushDevice::State::Revoked);
    // The parked poll itself carried the news: no new request was needed.
    QCOMPARE(twin.requestCount(), 2);

    // Revoked stays revoked: a restart is refused by the server, and push is no longer offered.
    PushDevice restarted(*key, device->registration());
    QSignalSpy restartRevoked(&restarted, &PushDevice::revoked);
    restarted.start();
    QVERIFY(waitFor(restartRevoked));
    const QJsonObject preauth = m_duo->call(u"preauth"_s, { { u"username"_s, u"frank"_s } });
    QCOMPARE(response(preauth).value(u"result"_s).toString(), u"enroll"_s);
}

void tst_Push::serverTime()
{
    auto device = connectedDevice(u"heidi"_s);
    QVERIFY(device);
    QSignalSpy time(device.get(), &PushDevice::serverTimeReceived);
    device->requestServerTime();
    QVERIFY(waitFor(time));
    // Same machine, same clock: the difference is the round trip, a second at most.
    QVERIFY(qAbs(time.first().at(0).toLongLong() - time.first().at(1).toLongLong()) <= 1);
    device->stop();
}

void tst_Push::survivesAServerRestart()
{
    auto device = connectedDevice(u"ivan"_s);
    QVERIFY(device);
    const quint16 port = m_server->port();
    // The parked poll is answered at shutdown; then the server is gone and the device waits.
    QCOMPARE(m_server->terminate(), 0);
    QVERIFY(
        QTest::qWaitFor([&] { return device->state() == PushDevice::State::Retrying; }, waitMs));
    QVERIFY2(m_server->start({ u"--listen"_s, u"127.0.0.1:%1"_s.arg(port) }),
             qPrintable(m_server->log()));
    QCOMPARE(m_server->port(), port);
    QVERIFY(
        QTest::qWaitFor([&] { return device->state() == PushDevice::State::Connected; }, waitMs));

    QSignalSpy received(device.get(), &PushDevice::challengeReceived);
    const QJsonObject started = startPush(u"ivan"_s);
    const QString txid = response(started).value(u"txid"_s).toString();
    QVERIFY2(!txid.isEmpty(), m_duo->describe(started));
    QVERIFY(waitFor(received));
    QSignalSpy answered(device.get(), &PushDevice::answered);
    device->answer(txid, PushDevice::Answer::Approve,
                   response(started).value(u"number"_s).toString().toInt());
    QVERIFY(waitFor(answered));
    QCOMPARE(response(finalStatus(txid)).value(u"status"_s).toString(), u"allow"_s);
    device->stop();
}

std::unique_ptr<PushDevice> tst_Push::activated(const ActivationLink &link, const EcKey &key)
{
    auto device = std::make_unique<PushDevice>(key);
    QSignalSpy done(device.get(), &PushDevice::activated);
    device->activate(link, u"Two-server desk"_s);
    return waitFor(done) ? std::move(device) : nullptr;
}

void tst_Push::postgresDeviceOnOneServerApplicationOnAnother()
{
    // Two serve processes on one PostgreSQL database: the device polls A, the application
    // and the revocation go through B, and LISTEN/NOTIFY carries the news to A.
    const QString baseUrl = qEnvironmentVariable("TWOFOLD_TEST_POSTGRES");
    if (baseUrl.isEmpty()) {
        if (qEnvironmentVariable("CI") == u"true")
            QFAIL("CI=true and TWOFOLD_TEST_POSTGRES is not set: run under tests/with-services.sh");
        QSKIP("TWOFOLD_TEST_POSTGRES is not set: run the tests under tests/with-services.sh");
    }
    REQUIRE_TOOL(psql, "psql");
    const auto runPsql = [&](const QString &url, const QString &sql) {
        return runProgram(psql,
                          { u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-At"_s, u"-d"_s, url, u"-c"_s, sql });
    };
    const QString name = u"twofold_push_%1"_s.arg(QRandomGenerator::global()->generate64(), 0, 16);
    const ProgramRun created = runPsql(baseUrl, u"CREATE DATABASE %1"_s.arg(name));
    QVERIFY2(created.ok(), created.describe({ u"CREATE DATABASE"_s }));
    const auto drop = qScopeGuard(
        [&] { runPsql(baseUrl, u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(name)); });
    QUrl url(baseUrl);
    url.setPath(u"/"_s + name);

    ServerData data(url.toString());
    QVERIFY2(data.init(), data.lastRun());
    QVERIFY(data.setConfig({ { u"limits"_s, QJsonObject { { u"long_poll_seconds"_s, 600 } } } }));
    QVERIFY2(data.setPolicy({ { u"push_timeout_seconds"_s, 600 } }), data.lastRun());
    auto app = data.addApplication(u"Staff VPN"_s);
    QVERIFY2(app, data.lastRun());
    QVERIFY2(data.addUser(u"judy"_s), data.lastRun());
    ServerProcess a(data);
    ServerProcess b(data);
    QVERIFY2(a.start(), qPrintable(a.log()));
    QVERIFY2(b.start(), qPrintable(b.log()));

    QVERIFY2(data.runChecked({ u"user"_s, u"activate"_s, u"judy"_s, u"--url"_s,
                               u"https://localhost:%1"_s.arg(a.port()) }),
             data.lastRun());
    auto link = ActivationLink::parse(data.lastOutput().trimmed());
    QVERIFY(link);
    const EcKey key = EcKey::generate().value();
    auto onA = activated(*link, key);
    QVERIFY(onA);
    onA->setRetrySchedule(schedule());
    onA->start();
    // Activation, the first poll (answered at once), and the poll A holds.
    QVERIFY(QTest::qWaitFor([&] { return onA->requestCount() == 3; }, waitMs));
    QCOMPARE(onA->state(), PushDevice::State::Connected);

    DuoScript duo(app->ikey, app->skey, b.port(), data.certificatePath());
    QVERIFY(duo.start());
    QSignalSpy received(onA.get(), &PushDevice::challengeReceived);
    const QJsonObject started = duo.call(
        u"auth"_s,
        { { u"username"_s, u"judy"_s }, { u"factor"_s, u"push"_s }, { u"async_txn"_s, true } });
    const QString txid = response(started).value(u"txid"_s).toString();
    QVERIFY2(!txid.isEmpty(), duo.describe(started));
    QVERIFY(waitFor(received));
    QCOMPARE(received.first().at(0).value<PushChallenge>().txid, txid);
    const int poll = duo.send(u"auth_status"_s, { { u"txid"_s, txid } });
    QVERIFY(duo.waitSent(poll));
    QSignalSpy answered(onA.get(), &PushDevice::answered);
    QSignalSpy closed(onA.get(), &PushDevice::challengeClosed);
    onA->answer(txid, PushDevice::Answer::Approve,
                response(started).value(u"number"_s).toString().toInt());
    QVERIFY(waitFor(answered));
    // The answer closed the challenge on A's held poll; the device then polls again.
    QVERIFY(waitFor(closed));
    const int requestsOnA = onA->requestCount() + 1;
    QVERIFY(QTest::qWaitFor([&] { return onA->requestCount() == requestsOnA; }, waitMs));
    const QJsonObject final = duo.result(poll);
    const QByteArray logs = duo.describe(final) + "\nserver A: " + a.log().toUtf8()
        + "\nserver B: " + b.log().toUtf8();
    QVERIFY2(response(final).value(u"status"_s).toString() == u"allow"_s, logs.constData());

    // The same device revokes itself through B; its poll parked on A ends at once.
    PushRegistration throughB = onA->registration();
    throughB.serverUrl.setPort(b.port());
    PushDevice viaB(key, throughB);
    QSignalSpy revokedOnA(onA.get(), &PushDevice::revoked);
    QSignalSpy revokedViaB(&viaB, &PushDevice::revoked);
    viaB.revoke();
    QVERIFY(waitFor(revokedViaB));
    QVERIFY(waitFor(revokedOnA));
    QCOMPARE(onA->requestCount(), requestsOnA);
    QCOMPARE(a.terminate(), 0);
    QCOMPARE(b.terminate(), 0);
}

QTEST_GUILESS_MAIN(tst_Push)
#include "tst_push.moc"
