// PushChannel against a real SQLite database in a temporary data directory, with a clock the
// tests move by hand: activation, request and answer signatures, the time window, challenges.
#include "client/pushprotocol.h"
#include "programrun.h"
#include "server/pushchannel.h"
#include "server/server.h"
#include "tools.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;

namespace {

constexpr qint64 start = 1'700'000'000;

// A data directory with a user "alice" (and "bob"), one relying application and a push channel.
struct Fixture
{
    QTemporaryDir dir;
    ManualClock clock { start };
    std::unique_ptr<Server> server;
    std::optional<EcKey> serverKey;
    std::unique_ptr<PushChannel> push;
    QString ikey;

    Fixture()
    {
        ServerConfig config;
        config.dataDir = dir.path();
        if (!SecretBox::create(config.keyPath()))
            return;
        auto opened = Server::open(config, clock);
        if (!opened)
            return;
        server = std::move(*opened);
        serverKey = EcKey::generate().value();
        push = std::make_unique<PushChannel>(server->context(), server->directory(),
                                             server->enrollment(), server->verifier(), *serverKey);
        for (const QString &name : { u"alice"_s, u"bob"_s })
            static_cast<void>(server->directory().addUser(name, {}, u"test"_s));
        ikey = server->directory().addApplication(u"Staff VPN"_s, u"test"_s).value().app.ikey;
    }
    bool ready() const { return server && push && !ikey.isEmpty(); }

    // Activates a new device for user and returns its id; key receives the device key.
    QString enroll(const QString &user, EcKey &key)
    {
        key = EcKey::generate().value();
        auto code = server->enrollment().createActivation(user, u"test"_s);
        if (!code)
            return {};
        auto activated = push->activate(*code, u"Desk of "_s + user, key.publicPem(), u"::1"_s);
        return activated ? activated->deviceId : QString();
    }

    Result<Device> device(const QString &id, const EcKey &key)
    {
        return push->authenticate(signedRequest(id, key, "GET"_ba, "/v1/device/challenges"_ba, {},
                                                clock.currentSecsSinceEpoch()));
    }

    static DeviceRequest signedRequest(const QString &id, const EcKey &key,
                                       const QByteArray &method, const QByteArray &target,
                                       const QByteArray &body, qint64 timestamp)
    {
        const QByteArray canonical
            = PushProtocol::requestCanonical(method, target, timestamp, body);
        return { method,
                 target,
                 body,
                 id,
                 QByteArray::number(timestamp),
                 key.sign(canonical).value().toBase64() };
    }

    AuthOutcome startPush(const QString &user, bool async = true, const QString &device = {})
    {
        AuthRequest request {
            ikey, user, u"push"_s, {}, device.isEmpty() ? u"auto"_s : device, u"198.51.100.7"_s,
            async
        };
        return server->verifier().auth(request).value();
    }

    static QJsonObject answerBody(const EcKey &key, const QString &txid, const QString &answer,
                                  int number, qint64 timestamp)
    {
        const QByteArray signature
            = key.sign(PushProtocol::answerCanonical(txid, answer, number, timestamp)).value();
        return { { u"txid"_s, txid },
                 { u"answer"_s, answer },
                 { u"number"_s, number },
                 { u"timestamp"_s, timestamp },
                 { u"signature"_s, QString::fromLatin1(signature.toBase64()) } };
    }

    qint64 count(const QString &sql, const QVariantList &args = {})
    {
        return server->storage().scalar(sql, args).value_or(QVariant(-1)).toLongLong();
    }
};

} // namespace

class TestPushChannel : public QObject
{
    Q_OBJECT

private slots:
    void canonicalStringsAreTheDocumentedOnes();
    void activation_data();
    void activation();
    void activationCodeIsSingleUse();
    void requestSignature_data();
    void requestSignature();
    void challengesAreSignedForTheDevice();
    void challengeSignatureVerifiesWithOpenssl();
    void challengesOnlyForTheirDevices();
    void answers_data();
    void answers();
    void replayedAnswerIsRejected();
    void revokedDeviceIsRefusedAndNotified();
    void lastSeenIsWrittenAtMostOnceAMinute();
};

void TestPushChannel::canonicalStringsAreTheDocumentedOnes()
{
    // Written out by hand from the protocol's definition; the hash is SHA-256 of "{}".
    QCOMPARE(PushProtocol::requestCanonical("POST", "/v1/device/answer?x=1", 1700000000, "{}"),
             "twofold-request-v1\nPOST\n/v1/device/answer?x=1\n1700000000\n"
             "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"_ba);
    QCOMPARE(PushProtocol::answerCanonical(u"TXABC"_s, u"approve"_s, 42, 1700000001),
             "twofold-answer-v1\nTXABC\napprove\n42\n1700000001"_ba);
    client::PushChallenge c;
    c.deviceId = u"DP1"_s;
    c.txid = u"TX2"_s;
    c.username = u"alice"_s;
    c.application = u"Staff VPN\n"_s; // a newline cannot make two fields out of one
    c.clientIp = u"2001:db8::1"_s;
    c.created = 10;
    c.expires = 70;
    c.numberRequired = true;
    c.serverTime = 11;
    QCOMPARE(
        c.canonical(),
        "twofold-challenge-v1\nDP1\nTX2\nalice\nStaff%20VPN%0A\n2001%3Adb8%3A%3A1\n10\n70\n1\n11"_ba);
}

void TestPushChannel::activation_data()
{
    QTest::addColumn<qint64>("advance");
    QTest::addColumn<QString>("codeOverride");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("validKey");
    QTest::addColumn<int>("error"); // -1: accepted

    QTest::newRow("fresh code registers the device")
        << qint64(0) << QString() << u"Laptop"_s << true << -1;
    QTest::newRow("still valid one second before 10 minutes")
        << qint64(599) << QString() << u"Laptop"_s << true << -1;
    QTest::newRow("expired at 10 minutes")
        << qint64(600) << QString() << u"Laptop"_s << true << int(ErrorCode::CodeRejected);
    QTest::newRow("unknown code") << qint64(0) << u"AAAAAAAAAAAAAAAAAAAAAAAA"_s << u"Laptop"_s
                                  << true << int(ErrorCode::NotAuthenticated);
    QTest::newRow("empty code") << qint64(0) << u" "_s << u"Laptop"_s << true
                                << int(ErrorCode::NotAuthenticated);
    QTest::newRow("no device name")
        << qint64(0) << QString() << u"  "_s << true << int(ErrorCode::InvalidArgument);
    QTest::newRow("control character in name")
        << qint64(0) << QString() << u"Lap\u0007top"_s << true << int(ErrorCode::InvalidArgument);
    QTest::newRow("not a public key")
        << qint64(0) << QString() << u"Laptop"_s << false << int(ErrorCode::InvalidArgument);
}

void TestPushChannel::activation()
{
    QFETCH(qint64, advance);
    QFETCH(QString, codeOverride);
    QFETCH(QString, name);
    QFETCH(bool, validKey);
    QFETCH(int, error);
    Fixture f;
    QVERIFY(f.ready());
    const QString code = f.server->enrollment().createActivation(u"alice"_s, u"test"_s).value();
    f.clock.advance(advance);
    const EcKey key = EcKey::generate().value();
    auto activated = f.push->activate(codeOverride.isNull() ? code : codeOverride, name,
                                      validKey ? key.publicPem() : "-----BEGIN PUBLIC KEY-----"_ba,
                                      u"192.0.2.1"_s);
    if (error >= 0) {
        QVERIFY(!activated);
        QCOMPARE(int(activated.error().code), error);
        QVERIFY(!activated.error().message.contains(code)); // no secret in an error
        QCOMPARE(f.count(u"SELECT count(*) FROM devices"_s), 0);
        return;
    }
    QVERIFY2(activated, activated ? "" : qPrintable(activated.error().message));
    QCOMPARE(activated->username, u"alice"_s);
    QCOMPARE(activated->serverPublicKey, f.serverKey->publicPem());
    QVERIFY(activated->deviceId.startsWith(u"DP"));
    QCOMPARE(
        f.count(u"SELECT count(*) FROM devices WHERE id = ? AND status = 'active' AND name = ?"_s,
                { activated->deviceId, name }),
        1);
    auto audit = f.server->audit().query({ {}, u"push.activate"_s, {}, 0, 0, 0, 10 }).value();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().result, u"ok"_s);
    QCOMPARE(audit.first().subject, u"alice"_s);
    // The registered key is the device's: a request it signs is accepted.
    QVERIFY(f.device(activated->deviceId, key));
}

void TestPushChannel::activationCodeIsSingleUse()
{
    Fixture f;
    QVERIFY(f.ready());
    const QString code = f.server->enrollment().createActivation(u"alice"_s, u"test"_s).value();
    const EcKey key = EcKey::generate().value();
    QVERIFY(f.push->activate(code, u"First"_s, key.publicPem(), {}));
    auto second = f.push->activate(code, u"Second"_s, key.publicPem(), {});
    QVERIFY(!second);
    QCOMPARE(second.error().code, ErrorCode::CodeRejected);
    QVERIFY(second.error().message.contains(u"used already"));
    QCOMPARE(f.count(u"SELECT count(*) FROM devices"_s), 1);
    auto audit = f.server->audit().query({ {}, u"push.activate"_s, {}, 0, 0, 0, 10 }).value();
    QCOMPARE(audit.size(), 2);
    QCOMPARE(audit.first().result, u"rejected"_s); // newest first
}

void TestPushChannel::requestSignature_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("error"); // -1: accepted

    QTest::newRow("well signed") << u""_s << -1;
    QTest::newRow("60 s behind is inside the window") << u"behind60"_s << -1;
    QTest::newRow("60 s ahead is inside the window") << u"ahead60"_s << -1;
    QTest::newRow("61 s behind is outside") << u"behind61"_s << int(ErrorCode::ClockSkew);
    QTest::newRow("61 s ahead is outside") << u"ahead61"_s << int(ErrorCode::ClockSkew);
    QTest::newRow("body changed after signing") << u"body"_s << int(ErrorCode::NotAuthenticated);
    QTest::newRow("path changed after signing") << u"path"_s << int(ErrorCode::NotAuthenticated);
    QTest::newRow("query changed after signing") << u"query"_s << int(ErrorCode::NotAuthenticated);
    QTest::newRow("method changed after signing")
        << u"method"_s << int(ErrorCode::NotAuthenticated);
    QTest::newRow("timestamp header changed after signing")
        << u"timestamp"_s << int(ErrorCode::NotAuthenticated);
    QTest::newRow("signed by another device's key")
        << u"otherkey"_s << int(ErrorCode::NotAuthenticated);
    QTest::newRow("claims another user's device")
        << u"otherdevice"_s << int(ErrorCode::NotAuthenticated);
    QTest::newRow("unknown device") << u"unknown"_s << int(ErrorCode::DeviceRevoked);
    QTest::newRow("revoked device") << u"revoked"_s << int(ErrorCode::DeviceRevoked);
    QTest::newRow("no signature") << u"nosignature"_s << int(ErrorCode::NotAuthenticated);
    QTest::newRow("signature not base64") << u"garbled"_s << int(ErrorCode::NotAuthenticated);
    QTest::newRow("timestamp not digits") << u"nondigit"_s << int(ErrorCode::NotAuthenticated);
}

void TestPushChannel::requestSignature()
{
    QFETCH(QString, fault);
    QFETCH(int, error);
    Fixture f;
    QVERIFY(f.ready());
    EcKey key = EcKey::generate().value();
    EcKey bobKey = key;
    const QString id = f.enroll(u"alice"_s, key);
    const QString bobId = f.enroll(u"bob"_s, bobKey);
    QVERIFY(!id.isEmpty() && !bobId.isEmpty());

    qint64 timestamp = start;
    if (fault.startsWith(u"behind"))
        timestamp -= fault.mid(6).toInt();
    if (fault.startsWith(u"ahead"))
        timestamp += fault.mid(5).toInt();
    const QByteArray body = R"({"txid":"TX1","answer":"approve"})"_ba;
    DeviceRequest request
        = Fixture::signedRequest(id, fault == u"otherkey" ? bobKey : key, "POST"_ba,
                                 "/v1/device/answer?seen=TX1"_ba, body, timestamp);
    if (fault == u"body")
        request.body = R"({"txid":"TX1","answer":"fraud"})"_ba;
    if (fault == u"path")
        request.target = "/v1/device/activate?seen=TX1"_ba;
    if (fault == u"query")
        request.target = "/v1/device/answer?seen=TX2"_ba;
    if (fault == u"method")
        request.method = "PUT"_ba;
    if (fault == u"timestamp")
        request.timestamp = QByteArray::number(timestamp + 1);
    if (fault == u"otherdevice")
        request.deviceId = bobId;
    if (fault == u"unknown")
        request.deviceId = u"DPNOSUCHDEVICE"_s;
    if (fault == u"revoked")
        QVERIFY(f.server->enrollment().removeMethod(u"alice"_s, id, u"test"_s));
    if (fault == u"nosignature")
        request.signature.clear();
    if (fault == u"garbled")
        request.signature = "not*base64!"_ba;
    if (fault == u"nondigit")
        request.timestamp = "+1700000000"_ba;

    auto device = f.push->authenticate(request);
    if (error >= 0) {
        QVERIFY(!device);
        QCOMPARE(int(device.error().code), error);
        return;
    }
    QVERIFY2(device, device ? "" : qPrintable(device.error().message));
    QCOMPARE(device->id, id);
    QCOMPARE(device->username, u"alice"_s);
}

void TestPushChannel::challengesAreSignedForTheDevice()
{
    Fixture f;
    QVERIFY(f.ready());
    EcKey key = EcKey::generate().value();
    const QString id = f.enroll(u"alice"_s, key);
    auto device = f.device(id, key);
    QVERIFY(device);
    QCOMPARE(f.push->challenges(*device).value().size(), 0);

    const AuthOutcome started = f.startPush(u"alice"_s);
    QVERIFY(started.number >= 10 && started.number <= 99);
    auto list = f.push->challenges(*device);
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    const client::PushChallenge &c = list->first();
    QCOMPARE(c.txid, started.txid);
    QCOMPARE(c.deviceId, id);
    QCOMPARE(c.username, u"alice"_s);
    QCOMPARE(c.application, u"Staff VPN"_s);
    QCOMPARE(c.clientIp, u"198.51.100.7"_s);
    QCOMPARE(c.created, start);
    QCOMPARE(c.expires, start + 60);
    QCOMPARE(c.serverTime, start);
    QVERIFY(c.numberRequired);

    // The device checks with the key it received at activation.
    const EcKey published = EcKey::fromPublicPem(f.push->serverPublicKey()).value();
    QVERIFY(c.verify(published));
    // The same challenge shown to another device, or altered, does not verify.
    for (const auto &alter : std::initializer_list<std::function<void(client::PushChallenge &)>> {
             [](client::PushChallenge &x) { x.deviceId = u"DPOTHER"_s; },
             [](client::PushChallenge &x) { x.clientIp = u"203.0.113.9"_s; },
             [](client::PushChallenge &x) { x.expires += 3600; },
             [](client::PushChallenge &x) { x.numberRequired = false; },
             [](client::PushChallenge &x) { x.application = u"Payroll"_s; } }) {
        client::PushChallenge altered = c;
        alter(altered);
        QVERIFY(!altered.verify(published));
    }
    // JSON round trip, and the number itself is never sent to the device.
    const QJsonObject json = c.toJson();
    QVERIFY(!json.contains(u"number"_s));
    const QString text = QString::fromUtf8(QJsonDocument(json).toJson());
    QVERIFY(!text.contains(QString::number(started.number) + u','));
    auto back = client::PushChallenge::fromJson(json);
    QVERIFY(back);
    QVERIFY(back->verify(published));

    // An expired request is no longer offered.
    f.clock.advance(60);
    QCOMPARE(f.push->challenges(*device).value().size(), 0);
}

void TestPushChannel::challengeSignatureVerifiesWithOpenssl()
{
    REQUIRE_TOOL(openssl, "openssl");
    Fixture f;
    QVERIFY(f.ready());
    EcKey key = EcKey::generate().value();
    const QString id = f.enroll(u"alice"_s, key);
    f.startPush(u"alice"_s);
    const auto list = f.push->challenges(f.device(id, key).value()).value();
    QCOMPARE(list.size(), 1);
    QTemporaryDir dir;
    const auto write = [&](const QString &name, const QByteArray &bytes) {
        QFile file(dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    };
    QVERIFY(write(u"server.pem"_s, f.push->serverPublicKey()));
    QVERIFY(write(u"challenge"_s, list.first().canonical()));
    QVERIFY(write(u"signature.der"_s, list.first().signature));
    const QStringList args { u"dgst"_s,
                             u"-sha256"_s,
                             u"-verify"_s,
                             dir.filePath(u"server.pem"_s),
                             u"-signature"_s,
                             dir.filePath(u"signature.der"_s),
                             dir.filePath(u"challenge"_s) };
    const ProgramRun run = runProgram(openssl, args);
    QVERIFY2(run.ok(), run.describe(args).constData());
    QVERIFY(run.out.contains(u"Verified OK"));
}

void TestPushChannel::challengesOnlyForTheirDevices()
{
    Fixture f;
    QVERIFY(f.ready());
    EcKey first = EcKey::generate().value(), second = first, bobs = first;
    const QString firstId = f.enroll(u"alice"_s, first);
    const QString secondId = f.enroll(u"alice"_s, second);
    const QString bobId = f.enroll(u"bob"_s, bobs);
    const Device a = f.device(firstId, first).value();
    const Device b = f.device(secondId, second).value();
    const Device bob = f.device(bobId, bobs).value();

    // Sent to one chosen device: the user's other device and other users see nothing.
    const AuthOutcome chosen = f.startPush(u"alice"_s, true, secondId);
    QCOMPARE(f.push->challenges(a).value().size(), 0);
    QCOMPARE(f.push->challenges(b).value().size(), 1);
    QCOMPARE(f.push->challenges(bob).value().size(), 0);
    QCOMPARE(f.push->userOfPush(chosen.txid), f.server->directory().user(u"alice"_s)->id);
    QCOMPARE(f.push->userOfDevice(bobId), f.server->directory().user(u"bob"_s)->id);
}

void TestPushChannel::answers_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("fault");
    QTest::addColumn<bool>("async"); // async pushes carry a number
    QTest::addColumn<int>("error"); // -1: the answer was taken
    QTest::addColumn<QString>("status"); // the transaction's Duo status afterwards

    QTest::newRow("approve with the right number allows")
        << u"approve"_s << u""_s << true << -1 << u"allow"_s;
    QTest::newRow("approve with a wrong number denies")
        << u"approve"_s << u"wrongnumber"_s << true << -1 << u"deny"_s;
    QTest::newRow("approve without number matching allows")
        << u"approve"_s << u"nonumber"_s << false << -1 << u"allow"_s;
    QTest::newRow("deny denies") << u"deny"_s << u""_s << true << -1 << u"deny"_s;
    QTest::newRow("fraud reports fraud") << u"fraud"_s << u""_s << true << -1 << u"fraud"_s;
    QTest::newRow("expired request is refused")
        << u"approve"_s << u"expired"_s << true << int(ErrorCode::CodeRejected) << u"pushed"_s;
    QTest::newRow("signature over another answer is refused")
        << u"approve"_s << u"tampered"_s << true << int(ErrorCode::NotAuthenticated) << u"pushed"_s;
    QTest::newRow("signature over another number is refused")
        << u"approve"_s << u"tamperednumber"_s << true << int(ErrorCode::NotAuthenticated)
        << u"pushed"_s;
    QTest::newRow("signature by another device is refused")
        << u"approve"_s << u"otherkey"_s << true << int(ErrorCode::NotAuthenticated) << u"pushed"_s;
    QTest::newRow("answer signed 61 s ago is refused")
        << u"approve"_s << u"stale"_s << true << int(ErrorCode::ClockSkew) << u"pushed"_s;
    QTest::newRow("device of another user is refused")
        << u"approve"_s << u"otheruser"_s << true << int(ErrorCode::PermissionDenied)
        << u"pushed"_s;
    QTest::newRow("unknown request")
        << u"approve"_s << u"unknowntxid"_s << true << int(ErrorCode::NotFound) << u"pushed"_s;
    QTest::newRow("answer other than approve, deny, fraud")
        << u"maybe"_s << u""_s << true << int(ErrorCode::InvalidArgument) << u"pushed"_s;
}

void TestPushChannel::answers()
{
    QFETCH(QString, answer);
    QFETCH(QString, fault);
    QFETCH(bool, async);
    QFETCH(int, error);
    QFETCH(QString, status);
    Fixture f;
    QVERIFY(f.ready());
    EcKey key = EcKey::generate().value(), bobKey = key;
    const QString id = f.enroll(u"alice"_s, key);
    const QString bobId = f.enroll(u"bob"_s, bobKey);
    const Device device
        = f.device(fault == u"otheruser" ? bobId : id, fault == u"otheruser" ? bobKey : key)
              .value();
    const AuthOutcome started = f.startPush(u"alice"_s, async);
    QCOMPARE(started.status, u"pushed"_s);
    QCOMPARE(started.number > 0, async);

    int number = started.number;
    if (fault == u"wrongnumber")
        number = started.number == 99 ? 10 : started.number + 1;
    if (fault == u"expired")
        f.clock.advance(60);
    const qint64 signedAt = fault == u"stale" ? start - 61 : f.clock.currentSecsSinceEpoch();
    const QString txid = fault == u"unknowntxid" ? u"TXNOSUCHREQUEST"_s : started.txid;
    const EcKey &signer = fault == u"otheruser" ? bobKey : fault == u"otherkey" ? bobKey : key;
    QJsonObject body = Fixture::answerBody(signer, txid, answer, number, signedAt);
    if (fault == u"tampered")
        body[u"answer"_s] = u"deny"_s;
    if (fault == u"tamperednumber")
        body[u"number"_s] = number + 1;

    auto outcome = f.push->answer(device, body);
    const AuthOutcome after = f.server->verifier().status(started.txid, f.ikey).value();
    if (error >= 0) {
        QVERIFY(!outcome);
        QCOMPARE(int(outcome.error().code), error);
        QVERIFY(!outcome.error().message.isEmpty());
        if (fault != u"expired")
            QCOMPARE(after.status, status);
        else
            QCOMPARE(after.status, u"timeout"_s); // the application's view once it expired
        auto audit = f.server->audit().query({ {}, u"push.answer"_s, {}, 0, 0, 0, 10 }).value();
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().result, u"rejected"_s);
        return;
    }
    QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().message));
    QCOMPARE(outcome->status, status);
    QCOMPARE(after.status, status);
    const qint64 alerts
        = f.count(u"SELECT count(*) FROM fraud_alerts WHERE txid = ?"_s, { started.txid });
    const User alice = f.server->directory().user(u"alice"_s).value();
    QCOMPARE(alerts, status == u"fraud" ? 1 : 0);
    QCOMPARE(alice.isBlocked(f.clock.currentSecsSinceEpoch()), status == u"fraud");
    // Answered requests leave the device's list.
    QCOMPARE(f.push->challenges(device).value().size(), 0);
}

void TestPushChannel::replayedAnswerIsRejected()
{
    Fixture f;
    QVERIFY(f.ready());
    EcKey key = EcKey::generate().value();
    const QString id = f.enroll(u"alice"_s, key);
    const Device device = f.device(id, key).value();
    const AuthOutcome started = f.startPush(u"alice"_s);
    const QJsonObject deny = Fixture::answerBody(key, started.txid, u"deny"_s, 0, start);
    QCOMPARE(f.push->answer(device, deny).value().status, u"deny"_s);
    // The same signed answer again, within its time window, and a fresh approve: both refused.
    f.clock.advance(5);
    auto replayed = f.push->answer(device, deny);
    QVERIFY(!replayed);
    QCOMPARE(replayed.error().code, ErrorCode::CodeRejected);
    auto approve = f.push->answer(
        device, Fixture::answerBody(key, started.txid, u"approve"_s, started.number, start + 5));
    QVERIFY(!approve);
    QCOMPARE(approve.error().code, ErrorCode::CodeRejected);
    QCOMPARE(f.server->verifier().status(started.txid, f.ikey).value().status, u"deny"_s);
}

void TestPushChannel::revokedDeviceIsRefusedAndNotified()
{
    Fixture f;
    QVERIFY(f.ready());
    EcKey key = EcKey::generate().value();
    const QString id = f.enroll(u"alice"_s, key);
    const Device device = f.device(id, key).value();
    const AuthOutcome started = f.startPush(u"alice"_s);
    QSignalSpy notified(&f.server->storage(), &Storage::notified);
    QVERIFY(f.push->checkActive(id));
    QVERIFY(f.push->revoke(device));
    QVERIFY(notified.contains(QList<QVariant> { QVariant(u"device:"_s + id) }));
    auto active = f.push->checkActive(id);
    QVERIFY(!active);
    QCOMPARE(active.error().code, ErrorCode::DeviceRevoked);
    auto again = f.device(id, key);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::DeviceRevoked);
    // An answer from the revoked device is refused too, whatever its signature.
    auto answered = f.push->answer(
        device, Fixture::answerBody(key, started.txid, u"approve"_s, started.number, start));
    QVERIFY(!answered);
    QCOMPARE(answered.error().code, ErrorCode::PermissionDenied);
    QCOMPARE(f.count(u"SELECT count(*) FROM devices WHERE id = ? AND status = 'revoked'"_s, { id }),
             1);
}

void TestPushChannel::lastSeenIsWrittenAtMostOnceAMinute()
{
    Fixture f;
    QVERIFY(f.ready());
    EcKey key = EcKey::generate().value();
    const QString id = f.enroll(u"alice"_s, key);
    const auto lastSeen
        = [&] { return f.count(u"SELECT last_seen FROM devices WHERE id = ?"_s, { id }); };
    QCOMPARE(lastSeen(), start); // activation counts as seen
    f.clock.advance(59);
    f.push->touch(f.device(id, key).value());
    QCOMPARE(lastSeen(), start);
    f.clock.advance(1);
    f.push->touch(f.device(id, key).value());
    QCOMPARE(lastSeen(), start + 60);
}

QTEST_GUILESS_MAIN(TestPushChannel)
#include "tst_pushchannel.moc"
