// The issue's proof: the real duo_client.Auth (Debian's python3-duo-client, run by
// /usr/bin/python3) against a twofold-server process over HTTPS, with the server's own
// certificate as ca_certs. Codes come from the secrets the server printed, computed here.
#include "duoscript.h"
#include "otp/otpauthuri.h"
#include "otp/otpgenerator.h"
#include "serverprocess.h"
#include "tools.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSslCertificate>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::test;

namespace {

// RFC 6030 Figure 3: an HOTP token (serial 987654321), 8 digits, counter 0, whose secret is
// RFC 4226's "12345678901234567890".
const QByteArray pskcFigure3 = R"(<?xml version="1.0" encoding="UTF-8"?>
<KeyContainer Version="1.0" Id="exampleID1" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
  <KeyPackage>
    <DeviceInfo>
      <Manufacturer>Manufacturer</Manufacturer>
      <SerialNo>987654321</SerialNo>
      <UserId>DC=example-bank,DC=net</UserId>
    </DeviceInfo>
    <CryptoModuleInfo><Id>CM_ID_001</Id></CryptoModuleInfo>
    <Key Id="12345678" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
      <Issuer>Issuer</Issuer>
      <AlgorithmParameters><ResponseFormat Length="8" Encoding="DECIMAL"/></AlgorithmParameters>
      <Data>
        <Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>
        <Counter><PlainValue>0</PlainValue></Counter>
      </Data>
      <UserId>UID=jsmith,DC=example-bank,DC=net</UserId>
    </Key>
  </KeyPackage>
</KeyContainer>
)";

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}

// The same number of digits, with the last one changed: a code the user did not type.
QString wrongCode(const QString &code)
{
    QString wrong = code;
    wrong.back() = QChar(u'0' + (wrong.back().digitValue() + 1) % 10);
    return wrong;
}

QJsonObject response(const QJsonObject &answer)
{
    return answer.value(u"response"_s).toObject();
}

} // namespace

class tst_DuoClient final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void ping();
    void check();
    void preauth_data();
    void preauth();
    void preauthFollowsPolicy();
    void passcode_data();
    void passcode();
    void lockout();
    void asyncPhone();
    void syncPhone();

private:
    // A user with a confirmed app code; returns the code generator for it.
    std::optional<OtpGenerator> enrolledAppUser(const QString &username,
                                                const QStringList &options = {});
    // The code of a one-time kind (sms, bypass, app_code, oath_token) for a new user.
    QString passcodeFor(const QString &method, const QString &username,
                        QStringList *otherValidCodes);
    QJsonObject auth(const QString &username, const QString &passcode);

    ServerData m_data;
    ServerData::Application m_app;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<DuoScript> m_duo;
};

void tst_DuoClient::initTestCase()
{
    QVERIFY2(m_data.init(), m_data.lastRun());
    // init printed the certificate's fingerprint (checked here by QtNetwork, not by our code),
    // and the certificate names what duo_client checks the host against.
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(m_data.certificatePath());
    QCOMPARE(certificates.size(), 1);
    QCOMPARE(m_data.fingerprint().remove(u':').toLower(),
             QString::fromLatin1(certificates[0].digest(QCryptographicHash::Sha256).toHex()));
    const auto names = certificates[0].subjectAlternativeNames();
    QVERIFY(names.values(QSsl::DnsEntry).contains(u"localhost"_s));
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(u"127.0.0.1"_s));
    // and the first admin's one-time password and authenticator account.
    QVERIFY(m_data.adminPassword().size() >= 12);
    const auto adminOtp = OtpAuthUri::parse(m_data.adminOtpauth());
    QVERIFY2(adminOtp, qPrintable(m_data.adminOtpauth()));
    QCOMPARE(adminOtp->account, m_data.adminUsername());
    auto app = m_data.addApplication(u"VPN"_s);
    QVERIFY2(app, m_data.lastRun());
    m_app = *app;
    // Long polls must end by an answer, not by a deadline: both are far beyond the waits here.
    QVERIFY(m_data.setConfig({ { u"limits"_s, QJsonObject { { u"long_poll_seconds"_s, 600 } } } }));
    QVERIFY2(m_data.setPolicy({ { u"push_timeout_seconds"_s, 600 } }), m_data.lastRun());

    m_server = std::make_unique<ServerProcess>(m_data);
    QVERIFY2(m_server->start(), qPrintable(m_server->log()));
    m_duo = std::make_unique<DuoScript>(m_app.ikey, m_app.skey, m_server->port(),
                                        m_data.certificatePath());
    QVERIFY2(m_duo->start(), "/usr/bin/python3 is missing: run installer/install-deps.sh");
}

void tst_DuoClient::cleanupTestCase()
{
    m_duo.reset();
    if (m_server) {
        QCOMPARE(m_server->terminate(), 0);
        QVERIFY2(m_server->log().contains(u"\"event\":\"stopped\""_s), qPrintable(m_server->log()));
    }
}

void tst_DuoClient::ping()
{
    const qint64 before = now();
    const QJsonObject answer = m_duo->call(u"ping"_s);
    QVERIFY2(answer.value(u"ok"_s).toBool(), m_duo->describe(answer));
    const qint64 time = response(answer).value(u"time"_s).toInteger();
    QVERIFY2(time >= before && time <= now(), m_duo->describe(answer));
}

void tst_DuoClient::check()
{
    const QJsonObject answer = m_duo->call(u"check"_s);
    QVERIFY2(answer.value(u"ok"_s).toBool(), m_duo->describe(answer));
    QVERIFY(response(answer).value(u"time"_s).toInteger() > 0);

    // The same call with a wrong secret key is refused as Duo refuses it.
    DuoScript wrongKey(m_app.ikey, QString(m_app.skey).replace(0, 1, u'x'), m_server->port(),
                       m_data.certificatePath());
    QVERIFY(wrongKey.start());
    const QJsonObject refused = wrongKey.call(u"check"_s);
    QVERIFY2(!refused.value(u"ok"_s).toBool(), wrongKey.describe(refused));
    QCOMPARE(refused.value(u"status"_s).toInt(), 401);
    QCOMPARE(refused.value(u"body"_s).toObject().value(u"code"_s).toInt(), 40103);
}

void tst_DuoClient::preauth_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QStringList>("setup"); // "phone", "app", "block"
    QTest::addColumn<QString>("result");
    QTest::addColumn<QStringList>("capabilities"); // of all devices together

    QTest::newRow("unknown user must enroll")
        << u"nobody"_s << QStringList {} << u"enroll"_s << QStringList {};
    QTest::newRow("user without a method must enroll")
        << u"bare"_s << QStringList { u"user"_s } << u"enroll"_s << QStringList {};
    QTest::newRow("phone and app code: every allowed factor")
        << u"alice"_s << QStringList { u"phone"_s, u"app"_s } << u"auth"_s
        << QStringList { u"auto"_s, u"phone"_s, u"sms"_s, u"mobile_otp"_s };
    QTest::newRow("app code only: passcodes only")
        << u"carol"_s << QStringList { u"app"_s } << u"auth"_s << QStringList { u"mobile_otp"_s };
    QTest::newRow("blocked user is denied")
        << u"mallory"_s << QStringList { u"phone"_s, u"app"_s, u"block"_s } << u"deny"_s
        << QStringList {};
}

void tst_DuoClient::preauth()
{
    QFETCH(QString, username);
    QFETCH(QStringList, setup);
    QFETCH(QString, result);
    QFETCH(QStringList, capabilities);

    if (setup.contains(u"phone"_s)) {
        QVERIFY2(m_data.addUser(username, { u"--phone"_s, u"+31612345678"_s }), m_data.lastRun());
    } else if (!setup.isEmpty()) {
        QVERIFY2(m_data.addUser(username), m_data.lastRun());
    }
    if (setup.contains(u"app"_s))
        QVERIFY(enrolledAppUser(username));
    if (setup.contains(u"block"_s))
        QVERIFY2(m_data.runChecked({ u"user"_s, u"block"_s, username }), m_data.lastRun());

    const QJsonObject answer = m_duo->call(
        u"preauth"_s, { { u"username"_s, username }, { u"ipaddr"_s, u"10.0.0.7"_s } });
    QVERIFY2(answer.value(u"ok"_s).toBool(), m_duo->describe(answer));
    QCOMPARE(response(answer).value(u"result"_s).toString(), result);
    QVERIFY(!response(answer).value(u"status_msg"_s).toString().isEmpty());
    QStringList found;
    for (const QJsonValue &device : response(answer).value(u"devices"_s).toArray()) {
        for (const QJsonValue &capability : device[u"capabilities"_s].toArray()) {
            if (!found.contains(capability.toString()))
                found << capability.toString();
        }
        // A phone is shown masked, never in full.
        if (device[u"type"_s].toString() == u"phone" && device[u"number"_s].isString()) {
            QVERIFY(device[u"number"_s].toString().endsWith(u"5678"_s));
            QVERIFY(!device[u"number"_s].toString().contains(u"3161234"_s));
        }
    }
    found.sort();
    capabilities.sort();
    QCOMPARE(found, capabilities);
}

void tst_DuoClient::preauthFollowsPolicy()
{
    QVERIFY2(m_data.addUser(u"dave"_s, { u"--phone"_s, u"+31698765432"_s }), m_data.lastRun());
    QVERIFY(enrolledAppUser(u"dave"_s));
    const auto capabilities = [this] {
        const QJsonObject answer = m_duo->call(u"preauth"_s, { { u"username"_s, u"dave"_s } });
        QStringList found;
        for (const QJsonValue &device : response(answer).value(u"devices"_s).toArray()) {
            for (const QJsonValue &capability : device[u"capabilities"_s].toArray())
                found << capability.toString();
        }
        return found;
    };
    QVERIFY(capabilities().contains(u"sms"_s));
    QVERIFY(capabilities().contains(u"phone"_s));

    QVERIFY2(m_data.setPolicy({ { u"allowed_methods"_s, QJsonArray { u"app_code"_s } } }),
             m_data.lastRun());
    QCOMPARE(capabilities(), QStringList { u"mobile_otp"_s });
    // Nor may the server start what the policy no longer allows.
    const QJsonObject sms
        = m_duo->call(u"auth"_s, { { u"username"_s, u"dave"_s }, { u"factor"_s, u"sms"_s } });
    QCOMPARE(response(sms).value(u"result"_s).toString(), u"deny"_s);

    QVERIFY2(m_data.setPolicy({ { u"allowed_methods"_s,
                                  QJsonArray { u"app_code"_s, u"oath_token"_s, u"push"_s, u"sms"_s,
                                               u"voice"_s } } }),
             m_data.lastRun());
    QVERIFY(capabilities().contains(u"sms"_s));
}

void tst_DuoClient::passcode_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("status"); // Duo's status word for the allowed code
    QTest::newRow("app code") << u"app_code"_s << u"allow"_s;
    QTest::newRow("OATH token from a PSKC file") << u"oath_token"_s << u"allow"_s;
    QTest::newRow("SMS code from the outbox") << u"sms"_s << u"allow"_s;
    QTest::newRow("bypass code") << u"bypass"_s << u"bypass"_s;
}

void tst_DuoClient::passcode()
{
    QFETCH(QString, method);
    QFETCH(QString, status);
    REQUIRE_TOOL(oathtool, "oathtool"); // the independent peer for the token's codes
    const QString username = u"pc_"_s + method;
    QStringList otherValid;
    const QString code = passcodeFor(method, username, &otherValid);
    QVERIFY2(!code.isEmpty(), m_data.lastRun());

    const QString wrong = wrongCode(code);
    QVERIFY(!otherValid.contains(wrong));
    const QJsonObject denied = auth(username, wrong);
    QCOMPARE(response(denied).value(u"result"_s).toString(), u"deny"_s);

    const QJsonObject allowed = auth(username, code);
    QVERIFY2(allowed.value(u"ok"_s).toBool(), m_duo->describe(allowed));
    QCOMPARE(response(allowed).value(u"result"_s).toString(), u"allow"_s);
    QCOMPARE(response(allowed).value(u"status"_s).toString(), status);

    // A code is accepted once.
    const QJsonObject replayed = auth(username, code);
    QCOMPARE(response(replayed).value(u"result"_s).toString(), u"deny"_s);
}

void tst_DuoClient::lockout()
{
    QVERIFY2(m_data.setPolicy({ { u"lockout_threshold"_s, 3 } }), m_data.lastRun());
    auto generator = enrolledAppUser(u"locked"_s);
    QVERIFY(generator);
    // The next step's code: the current one went to the confirmation.
    const QString code = *generator->codeAt(now() + 30);
    for (int i = 0; i < 3; ++i) {
        const QJsonObject denied = auth(u"locked"_s, wrongCode(code));
        QCOMPARE(response(denied).value(u"result"_s).toString(), u"deny"_s);
    }
    const QJsonObject refused = auth(u"locked"_s, code);
    QVERIFY2(refused.value(u"ok"_s).toBool(), m_duo->describe(refused));
    QCOMPARE(response(refused).value(u"result"_s).toString(), u"deny"_s);
    QCOMPARE(response(refused).value(u"status"_s).toString(), u"locked_out"_s);
    const QJsonObject preauth = m_duo->call(u"preauth"_s, { { u"username"_s, u"locked"_s } });
    QCOMPARE(response(preauth).value(u"result"_s).toString(), u"deny"_s);
    QVERIFY2(m_data.setPolicy({ { u"lockout_threshold"_s, 5 } }), m_data.lastRun());
}

void tst_DuoClient::asyncPhone()
{
    QVERIFY2(m_data.addUser(u"phoebe"_s, { u"--phone"_s, u"+31611111111"_s }), m_data.lastRun());
    const QJsonObject started = m_duo->call(
        u"auth"_s,
        { { u"username"_s, u"phoebe"_s }, { u"factor"_s, u"phone"_s }, { u"async_txn"_s, true } });
    QVERIFY2(started.value(u"ok"_s).toBool(), m_duo->describe(started));
    const QString txid = response(started).value(u"txid"_s).toString();
    QVERIFY(!txid.isEmpty());

    // The long poll is on its way before the call is answered, and returns with the answer.
    const int poll = m_duo->send(u"auth_status"_s, { { u"txid"_s, txid } });
    QVERIFY(m_duo->waitSent(poll));
    QVERIFY2(m_data.answerCall(txid, u"#"_s), m_data.lastRun());
    const QJsonObject status = m_duo->result(poll);
    QVERIFY2(status.value(u"ok"_s).toBool(), m_duo->describe(status));
    QCOMPARE(response(status).value(u"success"_s).toBool(), true);
    QCOMPARE(response(status).value(u"waiting"_s).toBool(), false);
    QCOMPARE(response(status).value(u"status"_s).toString(), u"allow"_s);

    // A finished transaction answers at once, and a call is answered only once.
    const QJsonObject again = m_duo->call(u"auth_status"_s, { { u"txid"_s, txid } });
    QCOMPARE(response(again).value(u"status"_s).toString(), u"allow"_s);
    QVERIFY(!m_data.answerCall(txid, u"#"_s));
}

void tst_DuoClient::syncPhone()
{
    const QString phone = u"+31622222222"_s;
    QVERIFY2(m_data.addUser(u"sam"_s, { u"--phone"_s, phone }), m_data.lastRun());
    const int authId
        = m_duo->send(u"auth"_s, { { u"username"_s, u"sam"_s }, { u"factor"_s, u"phone"_s } });
    QVERIFY(m_duo->waitSent(authId));

    // The synchronous call has no txid to show; the outbox has the ringing call.
    QString callId;
    static_cast<void>(QTest::qWaitFor(
        [&] {
            for (const QJsonValue &entry : m_data.outbox()) {
                if (entry[u"kind"_s].toString() == u"call" && entry[u"to"_s].toString() == phone
                    && entry[u"status"_s].toString() == u"ringing")
                    callId = entry[u"id"_s].toString();
            }
            return !callId.isEmpty() || m_duo->hasResult(authId);
        },
        DuoScript::callTimeoutMs));
    QVERIFY2(!callId.isEmpty(), qPrintable(m_duo->errors()));
    QVERIFY(!m_duo->hasResult(authId)); // still waiting for the keypad
    QVERIFY2(m_data.answerCall(callId, u"#"_s), m_data.lastRun());
    const QJsonObject answer = m_duo->result(authId);
    QVERIFY2(answer.value(u"ok"_s).toBool(), m_duo->describe(answer));
    QCOMPARE(response(answer).value(u"result"_s).toString(), u"allow"_s);

    // Pressing 1# instead of # denies.
    const int deniedId
        = m_duo->send(u"auth"_s, { { u"username"_s, u"sam"_s }, { u"factor"_s, u"phone"_s } });
    QVERIFY(m_duo->waitSent(deniedId));
    callId.clear();
    static_cast<void>(QTest::qWaitFor(
        [&] {
            for (const QJsonValue &entry : m_data.outbox()) {
                if (entry[u"kind"_s].toString() == u"call" && entry[u"to"_s].toString() == phone
                    && entry[u"status"_s].toString() == u"ringing")
                    callId = entry[u"id"_s].toString();
            }
            return !callId.isEmpty();
        },
        DuoScript::callTimeoutMs));
    QVERIFY2(m_data.answerCall(callId, u"1#"_s), m_data.lastRun());
    QCOMPARE(response(m_duo->result(deniedId)).value(u"result"_s).toString(), u"deny"_s);
}

std::optional<OtpGenerator> tst_DuoClient::enrolledAppUser(const QString &username,
                                                           const QStringList &options)
{
    if (!m_data.runChecked({ u"user"_s, u"show"_s, username })
        && !m_data.addUser(username, options))
        return std::nullopt;
    const QString uri = m_data.enrollAppCode(username);
    auto params = OtpAuthUri::parse(uri);
    if (!params)
        return std::nullopt;
    OtpGenerator generator(*params);
    auto code = generator.codeAt(now());
    if (!code || !m_data.confirmAppCode(username, *code))
        return std::nullopt;
    return generator;
}

QString tst_DuoClient::passcodeFor(const QString &method, const QString &username,
                                   QStringList *otherValidCodes)
{
    if (method == u"app_code") {
        auto generator = enrolledAppUser(username);
        if (!generator)
            return {};
        // The confirmation used the current step; the next one is still in the window.
        for (int step = -1; step <= 3; ++step)
            *otherValidCodes << *generator->codeAt(now() + 30 * step);
        return *generator->codeAt(now() + 30);
    }
    if (method == u"oath_token") {
        const QString file = QDir(m_data.scratch()).filePath(u"figure3.pskcxml"_s);
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(pskcFigure3) < 0)
            return {};
        out.close();
        if (m_data.importTokens(file) != QStringList { u"987654321"_s })
            return {};
        if (!m_data.addUser(username) || !m_data.assignToken(u"987654321"_s, username))
            return {};
        const QString oathtool = peerTool(u"oathtool"_s);
        const auto hotp = [&](int counter) {
            return runProgram(oathtool,
                              { u"--hotp"_s, u"--digits=8"_s, u"--counter"_s,
                                QString::number(counter),
                                u"3132333435363738393031323334353637383930"_s })
                .out.trimmed();
        };
        if (!m_data.activateToken(u"987654321"_s, hotp(0)))
            return {};
        for (int counter = 0; counter <= 12; ++counter)
            *otherValidCodes << hotp(counter);
        return hotp(1);
    }
    if (method == u"sms") {
        const QString phone = u"+31633333333"_s;
        if (!m_data.addUser(username, { u"--phone"_s, phone }))
            return {};
        const QJsonObject sent
            = m_duo->call(u"auth"_s, { { u"username"_s, username }, { u"factor"_s, u"sms"_s } });
        if (response(sent).value(u"status"_s).toString() != u"sent")
            return {};
        static const QRegularExpression sixDigits(u"\\b(\\d{6})\\b"_s);
        for (const QJsonValue &entry : m_data.outbox()) {
            if (entry[u"kind"_s].toString() == u"sms" && entry[u"to"_s].toString() == phone)
                return sixDigits.match(entry[u"body"_s].toString()).captured(1);
        }
        return {};
    }
    if (!m_data.addUser(username))
        return {};
    return m_data.bypassCode(username);
}

QJsonObject tst_DuoClient::auth(const QString &username, const QString &passcode)
{
    return m_duo->call(u"auth"_s,
                       { { u"username"_s, username },
                         { u"factor"_s, u"passcode"_s },
                         { u"passcode"_s, passcode } });
}

QTEST_GUILESS_MAIN(tst_DuoClient)
#include "tst_duoclient.moc"
