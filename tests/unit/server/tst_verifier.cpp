#include "serverfixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;
using namespace twofold::server::testing;

namespace {

// RFC 4226 Appendix D: HOTP codes for the ASCII key "12345678901234567890", counters 0 to 9.
const QByteArray rfcKey = "12345678901234567890"_ba;
const QStringList rfc4226 = { u"755224"_s, u"287082"_s, u"359152"_s, u"969429"_s, u"338314"_s,
                              u"254676"_s, u"287922"_s, u"162583"_s, u"399871"_s, u"520489"_s };

const QString phone = u"+31612345678"_s;

AuthRequest request(const QString &ikey, const QString &user, const QString &factor,
                    const QString &passcode = {}, bool async = false,
                    const QString &device = u"auto"_s)
{
    AuthRequest r;
    r.ikey = ikey;
    r.user = user;
    r.factor = factor;
    r.passcode = passcode;
    r.device = device;
    r.clientIp = u"192.0.2.10"_s;
    r.async = async;
    return r;
}

// One application and one user, alice, with a phone, on a fresh database.
struct World
{
    ServerParts parts;
    QString ikey;
    User alice;

    bool init()
    {
        auto app = parts.directory->addApplication(u"VPN"_s, u"cli"_s);
        auto user = parts.directory->addUser(u"alice"_s, userFields({}, phone), u"cli"_s);
        if (!app || !user)
            return false;
        ikey = app->app.ikey;
        alice = *user;
        return true;
    }

    bool policy(const QJsonObject &changes)
    {
        return parts.directory->setPolicy(changes, u"admin:root"_s).has_value();
    }

    AuthOutcome passcode(const QString &code, const QString &user = u"alice"_s)
    {
        auto o = parts.verifier->auth(request(ikey, user, u"passcode"_s, code));
        return o ? *o : AuthOutcome { u"error"_s, u"error"_s, o.error().message, {}, 0, 0 };
    }

    AuthOutcome start(const QString &factor, bool async, const QString &device = u"auto"_s)
    {
        auto o = parts.verifier->auth(request(ikey, u"alice"_s, factor, {}, async, device));
        return o ? *o : AuthOutcome { u"error"_s, u"error"_s, o.error().message, {}, 0, 0 };
    }

    // An authenticator app enrolled and confirmed, then the clock moved on four steps so the
    // confirming code's step is history.
    OtpParameters enrollApp()
    {
        auto enrolled = parts.enrollment->enrollAppCode(u"alice"_s, u"Twofold"_s, u"cli"_s);
        if (!enrolled)
            return {};
        const OtpParameters otp = otpFromUri(enrolled->otpauthUri);
        if (!parts.enrollment->confirmAppCode(u"alice"_s, totpAt(otp, parts.now()), u"cli"_s))
            return {};
        parts.clock.advance(120);
        return otp;
    }

    // The RFC 4226 key as an HOTP token, assigned to alice and activated with counter 0's code.
    bool assignRfcToken()
    {
        OathToken token;
        token.serial = u"HOTP-0001"_s;
        token.manufacturer = u"Test"_s;
        token.otp.type = OtpType::Hotp;
        token.otp.secret = rfcKey;
        TokenFile file;
        file.tokens << token;
        return parts.enrollment->importTokens(file, u"cli"_s)
            && parts.enrollment->assignToken(token.serial, u"alice"_s, u"cli"_s)
            && parts.enrollment->activateToken(token.serial, rfc4226[0], u"cli"_s);
    }

    QString addDevice(const QString &userId, const QString &status = u"active"_s)
    {
        const QString id = newId(u"DV");
        parts.run(u"INSERT INTO devices (id, user_id, name, public_key, status, created) "
                  "VALUES (?, ?, 'Laptop', 'key', ?, ?)"_s,
                  { id, userId, status, parts.now() });
        return id;
    }

    // The newest audit entry for an action on a subject.
    AuditEntry lastAudit(const QString &action, const QString &subject = u"alice"_s)
    {
        AuditQuery q = about(subject, action);
        q.limit = 1;
        const auto entries = parts.audit->query(q);
        return entries && !entries->isEmpty() ? entries->first() : AuditEntry {};
    }

    int count(const QString &sql, const QVariantList &args = {})
    {
        return parts.value(sql, args).toInt();
    }
    User user(const QString &name = u"alice"_s) { return parts.directory->user(name).value(); }
};

#define SET_UP(w)                                                                                  \
    QFETCH(bool, postgres);                                                                        \
    REQUIRE_BACKEND(m_databases, postgres);                                                        \
    World w;                                                                                       \
    OPEN_PARTS(w.parts, m_databases.fresh(postgres));                                              \
    QVERIFY(w.init())

#define VERIFY_OUTCOME(outcome, expectedResult, expectedStatus)                                    \
    do {                                                                                           \
        const AuthOutcome o_ = (outcome);                                                          \
        QVERIFY2(o_.result == (expectedResult) && o_.status == (expectedStatus),                   \
                 qPrintable(u"got %1/%2: %3"_s.arg(o_.result, o_.status, o_.statusMsg)));          \
    } while (false)

} // namespace

class tst_Verifier : public QObject
{
    Q_OBJECT

private slots:
    void cleanupTestCase() { m_databases.drop(); }

    void appCodeWindow_data();
    void appCodeWindow();
    void appCodeReplayRefused_data();
    void appCodeReplayRefused();
    void hotpToken_data();
    void hotpToken();
    void smsCode_data();
    void smsCode();
    void newSmsVoidsTheOld_data();
    void newSmsVoidsTheOld();
    void bypassCode_data();
    void bypassCode();
    void lockout_data();
    void lockout();
    void blockedUser_data();
    void blockedUser();
    void policyDisallowsMethod_data();
    void policyDisallowsMethod();
    void preauth_data();
    void preauth();
    void unknownUser_data();
    void unknownUser();
    void asyncPasscode_data();
    void asyncPasscode();
    void phoneCall_data();
    void phoneCall();
    void phoneCallAfterExpiry_data();
    void phoneCallAfterExpiry();
    void pushOnePendingPerUser_data();
    void pushOnePendingPerUser();
    void pushLimitPerWindow_data();
    void pushLimitPerWindow();
    void pushNumberMatching_data();
    void pushNumberMatching();
    void pushExpiry_data();
    void pushExpiry();
    void pushAnswerRefused_data();
    void pushAnswerRefused();
    void pushFraud_data();
    void pushFraud();
    void passcodeThroughput();

private:
    TestDatabases m_databases;
};

static void addBackendColumn()
{
    QTest::addColumn<bool>("postgres");
}

static void oneRowPerBackend(const char *name)
{
    addBackendColumn();
    for (const Backend &b : backends)
        QTest::addRow("%s: %s", b.name, name) << b.postgres;
}

void tst_Verifier::appCodeWindow_data()
{
    addBackendColumn();
    QTest::addColumn<int>("window"); // policy otp_window
    QTest::addColumn<int>("offset"); // steps from now at which the app made the code
    QTest::addColumn<bool>("accepted");
    for (const Backend &b : backends) {
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::addRow("%s: %s", b.name, name);
        };
        row("current code") << b.postgres << 1 << 0 << true;
        row("one step behind (RFC 6238 window)") << b.postgres << 1 << -1 << true;
        row("one step ahead") << b.postgres << 1 << 1 << true;
        row("two steps behind refused") << b.postgres << 1 << -2 << false;
        row("two steps ahead refused") << b.postgres << 1 << 2 << false;
        row("window 2 takes two steps behind") << b.postgres << 2 << -2 << true;
        row("window 0 refuses one step behind") << b.postgres << 0 << -1 << false;
    }
}

void tst_Verifier::appCodeWindow()
{
    QFETCH(int, window);
    QFETCH(int, offset);
    QFETCH(bool, accepted);
    SET_UP(w);
    QVERIFY(w.policy({ { u"otp_window"_s, window } }));
    const OtpParameters otp = w.enrollApp();
    QVERIFY(!otp.secret.isEmpty());
    const QString code = totpAt(otp, w.parts.now() + offset * 30);
    const AuthOutcome o = w.passcode(code);
    if (accepted)
        VERIFY_OUTCOME(o, u"allow"_s, u"allow"_s);
    else
        VERIFY_OUTCOME(o, u"deny"_s, u"deny"_s);
    // Every decision leaves an audit row, with the result and never the code.
    const AuditEntry audit = w.lastAudit(u"auth"_s);
    QCOMPARE(audit.result, o.result);
    QCOMPARE(audit.actor, u"app:"_s + w.ikey);
    QCOMPARE(audit.details.value(u"factor"_s).toString(), u"passcode"_s);
    QVERIFY(!QJsonDocument(audit.details).toJson().contains(code.toLatin1()));
    QCOMPARE(w.user().failures, accepted ? 0 : 1);
}

void tst_Verifier::appCodeReplayRefused_data()
{
    oneRowPerBackend("the same code twice, and an older step after a newer one");
}

void tst_Verifier::appCodeReplayRefused()
{
    SET_UP(w);
    // The code that confirmed the enrollment is used up.
    const auto enrolled = w.parts.enrollment->enrollAppCode(u"alice"_s, {}, u"cli"_s);
    QVERIFY(enrolled);
    const OtpParameters otp = otpFromUri(enrolled->otpauthUri);
    const QString confirming = totpAt(otp, w.parts.now());
    QVERIFY(w.parts.enrollment->confirmAppCode(u"alice"_s, confirming, u"cli"_s));
    VERIFY_OUTCOME(w.passcode(confirming), u"deny"_s, u"deny"_s);
    w.parts.clock.advance(120);

    const QString now = totpAt(otp, w.parts.now());
    VERIFY_OUTCOME(w.passcode(now), u"allow"_s, u"allow"_s);
    w.parts.clock.advance(5); // still the same step
    VERIFY_OUTCOME(w.passcode(now), u"deny"_s, u"deny"_s);
    // The previous step is inside the window but older than the step just used.
    VERIFY_OUTCOME(w.passcode(totpAt(otp, w.parts.now() - 30)), u"deny"_s, u"deny"_s);
    // The next step's code is new.
    VERIFY_OUTCOME(w.passcode(totpAt(otp, w.parts.now() + 30)), u"allow"_s, u"allow"_s);
}

void tst_Verifier::hotpToken_data()
{
    addBackendColumn();
    QTest::addColumn<int>("lookAhead");
    QTest::addColumn<QList<int>>("counters"); // RFC 4226 codes typed one after the other
    QTest::addColumn<QStringList>("statuses"); // allow, deny, or "step" for out of step
    for (const Backend &b : backends) {
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::addRow("%s: %s", b.name, name);
        };
        row("the next counter") << b.postgres << 10 << QList<int> { 1, 2 }
                                << QStringList { u"allow"_s, u"allow"_s };
        row("a counter within the look-ahead")
            << b.postgres << 3 << QList<int> { 4, 5 } << QStringList { u"allow"_s, u"allow"_s };
        row("a counter used before is refused")
            << b.postgres << 10 << QList<int> { 2, 2, 1, 3 }
            << QStringList { u"allow"_s, u"deny"_s, u"deny"_s, u"allow"_s };
        row("activation's counter is used")
            << b.postgres << 10 << QList<int> { 0 } << QStringList { u"deny"_s };
        row("beyond the look-ahead: out of step, then the next code resyncs")
            << b.postgres << 3 << QList<int> { 6, 7, 8 }
            << QStringList { u"step"_s, u"allow"_s, u"allow"_s };
        row("out of step, then a code that is not the next one: out of step again")
            << b.postgres << 3 << QList<int> { 6, 9, 7 }
            << QStringList { u"step"_s, u"step"_s, u"step"_s };
        row("out of step, then the same code again")
            << b.postgres << 3 << QList<int> { 6, 6 } << QStringList { u"step"_s, u"step"_s };
    }
}

void tst_Verifier::hotpToken()
{
    QFETCH(int, lookAhead);
    QFETCH(QList<int>, counters);
    QFETCH(QStringList, statuses);
    SET_UP(w);
    QVERIFY(w.policy({ { u"hotp_look_ahead"_s, lookAhead }, { u"lockout_threshold"_s, 100 } }));
    QVERIFY(w.assignRfcToken());
    for (qsizetype i = 0; i < counters.size(); ++i) {
        w.parts.clock.advance(10);
        const AuthOutcome o = w.passcode(rfc4226[counters[i]]);
        const QString &expected = statuses[i];
        if (expected == u"step") {
            VERIFY_OUTCOME(o, u"deny"_s, u"deny"_s);
            QVERIFY2(o.statusMsg.contains(u"out of step"_s), qPrintable(o.statusMsg));
        } else {
            VERIFY_OUTCOME(o, expected, expected);
            QVERIFY(!o.statusMsg.contains(u"out of step"_s));
        }
        QCOMPARE(w.lastAudit(u"auth"_s).result, o.result);
    }
}

void tst_Verifier::smsCode_data()
{
    addBackendColumn();
    QTest::addColumn<int>("after"); // seconds between sending and typing
    QTest::addColumn<bool>("accepted");
    for (const Backend &b : backends) {
        QTest::addRow("%s: typed at once", b.name) << b.postgres << 0 << true;
        QTest::addRow("%s: typed a second before five minutes", b.name)
            << b.postgres << 299 << true;
        QTest::addRow("%s: expired after five minutes", b.name) << b.postgres << 300 << false;
    }
}

void tst_Verifier::smsCode()
{
    QFETCH(int, after);
    QFETCH(bool, accepted);
    SET_UP(w);
    const AuthOutcome sent = w.start(u"sms"_s, false);
    // Duo's answer to factor=sms: deny, status "sent", and a new code on its way.
    VERIFY_OUTCOME(sent, u"deny"_s, u"sent"_s);
    const QString code = lastSmsCode(w.parts, phone);
    QCOMPARE(code.size(), 6);
    QVERIFY(w.count(u"SELECT count(*) FROM codes WHERE hash = ?"_s, { code }) == 0); // hashed
    w.parts.clock.advance(after);
    if (accepted) {
        VERIFY_OUTCOME(w.passcode(code), u"allow"_s, u"allow"_s);
        // Used once.
        VERIFY_OUTCOME(w.passcode(code), u"deny"_s, u"deny"_s);
    } else {
        VERIFY_OUTCOME(w.passcode(code), u"deny"_s, u"deny"_s);
    }
    const AuditEntry audit = w.lastAudit(u"auth"_s);
    QVERIFY(!QJsonDocument(audit.details).toJson().contains(code.toLatin1()));
}

void tst_Verifier::newSmsVoidsTheOld_data()
{
    oneRowPerBackend("the first code stops working when a second is sent");
}

void tst_Verifier::newSmsVoidsTheOld()
{
    SET_UP(w);
    VERIFY_OUTCOME(w.start(u"sms"_s, false), u"deny"_s, u"sent"_s);
    const QString first = lastSmsCode(w.parts, phone);
    w.parts.clock.advance(20);
    VERIFY_OUTCOME(w.start(u"sms"_s, false), u"deny"_s, u"sent"_s);
    const QString second = lastSmsCode(w.parts, phone);
    QCOMPARE(w.count(u"SELECT count(*) FROM outbox WHERE kind = 'sms'"_s), 2);
    if (first != second) // one in a million they are the same
        VERIFY_OUTCOME(w.passcode(first), u"deny"_s, u"deny"_s);
    VERIFY_OUTCOME(w.passcode(second), u"allow"_s, u"allow"_s);
}

void tst_Verifier::bypassCode_data()
{
    addBackendColumn();
    QTest::addColumn<int>("lifetimeMinutes");
    QTest::addColumn<int>("after"); // seconds
    QTest::addColumn<bool>("accepted");
    for (const Backend &b : backends) {
        QTest::addRow("%s: within its lifetime", b.name) << b.postgres << 60 << 3599 << true;
        QTest::addRow("%s: expired", b.name) << b.postgres << 60 << 3600 << false;
        QTest::addRow("%s: policy lifetime", b.name) << b.postgres << 5 << 301 << false;
    }
}

void tst_Verifier::bypassCode()
{
    QFETCH(int, lifetimeMinutes);
    QFETCH(int, after);
    QFETCH(bool, accepted);
    SET_UP(w);
    QVERIFY(w.policy({ { u"bypass_lifetime_minutes"_s, lifetimeMinutes } }));
    const auto codes = w.parts.enrollment->createBypassCodes(u"alice"_s, 2, u"admin:helpdesk"_s);
    QVERIFY(codes);
    QCOMPARE(codes->size(), 2);
    w.parts.clock.advance(after);
    if (!accepted) {
        VERIFY_OUTCOME(w.passcode(codes->at(0)), u"deny"_s, u"deny"_s);
        return;
    }
    // Duo reports a bypass code as allow with status "bypass".
    VERIFY_OUTCOME(w.passcode(codes->at(0)), u"allow"_s, u"bypass"_s);
    QCOMPARE(w.lastAudit(u"auth"_s).details.value(u"status"_s).toString(), u"bypass"_s);
    VERIFY_OUTCOME(w.passcode(codes->at(0)), u"deny"_s, u"deny"_s); // single use
    VERIFY_OUTCOME(w.passcode(u" "_s + codes->at(1) + u" "_s), u"allow"_s, u"bypass"_s);
    // A code is alice's only.
    QVERIFY(w.parts.directory->addUser(u"bob"_s, {}, u"cli"_s));
    const auto bobs = w.parts.enrollment->createBypassCodes(u"bob"_s, 1, u"cli"_s);
    VERIFY_OUTCOME(w.passcode(bobs->first()), u"deny"_s, u"deny"_s);
    VERIFY_OUTCOME(w.passcode(bobs->first(), u"bob"_s), u"allow"_s, u"bypass"_s);
}

void tst_Verifier::lockout_data()
{
    addBackendColumn();
    QTest::addColumn<QString>("ending"); // how the lockout ends: clock or unblock
    for (const Backend &b : backends) {
        QTest::addRow("%s: after M minutes", b.name) << b.postgres << u"clock"_s;
        QTest::addRow("%s: when an admin unblocks", b.name) << b.postgres << u"unblock"_s;
    }
}

void tst_Verifier::lockout()
{
    QFETCH(QString, ending);
    SET_UP(w);
    constexpr int threshold = 3;
    constexpr int minutes = 10;
    QVERIFY(w.policy({ { u"lockout_threshold"_s, threshold }, { u"lockout_minutes"_s, minutes } }));
    const OtpParameters otp = w.enrollApp();
    QVERIFY(!otp.secret.isEmpty());
    const auto right = [&]() {
        w.parts.clock.advance(30); // a new step each time, never a replay
        return w.passcode(totpAt(otp, w.parts.now()));
    };
    const auto wrong = [&]() {
        return w.passcode(u"000000"_s == totpAt(otp, w.parts.now()) ? u"111111"_s : u"000000"_s);
    };

    // N-1 failures, then a success: the count starts again.
    for (int i = 0; i < threshold - 1; ++i)
        VERIFY_OUTCOME(wrong(), u"deny"_s, u"deny"_s);
    QCOMPARE(w.user().failures, threshold - 1);
    VERIFY_OUTCOME(right(), u"allow"_s, u"allow"_s);
    QCOMPARE(w.user().failures, 0);

    // N failures in a row lock the user out for M minutes.
    for (int i = 0; i < threshold; ++i)
        VERIFY_OUTCOME(wrong(), u"deny"_s, u"deny"_s);
    const qint64 lockedAt = w.parts.now();
    QVERIFY(w.user().isLocked(lockedAt));
    QCOMPARE(w.lastAudit(u"user.lockout"_s).result, u"locked"_s);
    // A right code does not help while locked, and is not used up.
    const QString code = totpAt(otp, w.parts.now() + 30);
    w.parts.clock.advance(30);
    VERIFY_OUTCOME(w.passcode(code), u"deny"_s, u"locked_out"_s);
    QCOMPARE(w.lastAudit(u"auth"_s).details.value(u"status"_s).toString(), u"locked_out"_s);
    const auto pre = w.parts.verifier->preauth(w.ikey, u"alice"_s, {});
    QCOMPARE(pre->value(u"result"_s).toString(), u"deny"_s);

    if (ending == u"clock") {
        w.parts.clock.setSecsSinceEpoch(lockedAt + minutes * 60 - 1);
        VERIFY_OUTCOME(w.passcode(totpAt(otp, w.parts.now())), u"deny"_s, u"locked_out"_s);
        w.parts.clock.setSecsSinceEpoch(lockedAt + minutes * 60);
    } else {
        QVERIFY(w.parts.directory->unblock(u"alice"_s, u"admin:helpdesk"_s));
        QVERIFY(!w.user().isLocked(w.parts.now()));
    }
    VERIFY_OUTCOME(w.passcode(totpAt(otp, w.parts.now())), u"allow"_s, u"allow"_s);
    // A fresh start: N-1 failures do not lock.
    for (int i = 0; i < threshold - 1; ++i)
        VERIFY_OUTCOME(wrong(), u"deny"_s, u"deny"_s);
    QVERIFY(!w.user().isLocked(w.parts.now()));
}

void tst_Verifier::blockedUser_data()
{
    addBackendColumn();
    QTest::addColumn<int>("blockSeconds"); // 0: until unblocked
    QTest::addColumn<int>("after");
    QTest::addColumn<bool>("blocked");
    for (const Backend &b : backends) {
        QTest::addRow("%s: blocked until unblocked", b.name) << b.postgres << 0 << 86400 << true;
        QTest::addRow("%s: blocked for an hour, within it", b.name)
            << b.postgres << 3600 << 3599 << true;
        QTest::addRow("%s: blocked for an hour, after it", b.name)
            << b.postgres << 3600 << 3600 << false;
    }
}

void tst_Verifier::blockedUser()
{
    QFETCH(int, blockSeconds);
    QFETCH(int, after);
    QFETCH(bool, blocked);
    SET_UP(w);
    const OtpParameters otp = w.enrollApp();
    QVERIFY(!otp.secret.isEmpty());
    QVERIFY(w.parts.directory->block(u"alice"_s, blockSeconds ? w.parts.now() + blockSeconds : 0,
                                     u"left"_s, u"admin:root"_s));
    w.parts.clock.advance(after);
    const AuthOutcome o = w.passcode(totpAt(otp, w.parts.now()));
    const auto pre = w.parts.verifier->preauth(w.ikey, u"alice"_s, {});
    QVERIFY(pre);
    if (blocked) {
        VERIFY_OUTCOME(o, u"deny"_s, u"deny"_s);
        QVERIFY(o.statusMsg.contains(u"disabled"_s));
        QCOMPARE(pre->value(u"result"_s).toString(), u"deny"_s);
        QCOMPARE(w.user().failures, 0); // refused before any code was looked at
    } else {
        VERIFY_OUTCOME(o, u"allow"_s, u"allow"_s);
        QCOMPARE(pre->value(u"result"_s).toString(), u"auth"_s);
    }
    QCOMPARE(w.lastAudit(u"preauth"_s).result, pre->value(u"result"_s).toString());
}

void tst_Verifier::policyDisallowsMethod_data()
{
    addBackendColumn();
    QTest::addColumn<QJsonObject>("policy");
    QTest::addColumn<QString>("group");
    QTest::addColumn<bool>("appCodeWorks");
    QTest::addColumn<bool>("smsWorks");
    for (const Backend &b : backends) {
        QTest::addRow("%s: everything allowed", b.name)
            << b.postgres << QJsonObject {} << QString() << true << true;
        QTest::addRow("%s: tenant without app codes", b.name)
            << b.postgres
            << QJsonObject { { u"allowed_methods"_s, QJsonArray { u"sms"_s, u"voice"_s } } }
            << QString() << false << true;
        QTest::addRow("%s: tenant without text messages", b.name)
            << b.postgres
            << QJsonObject { { u"allowed_methods"_s, QJsonArray { u"app_code"_s, u"voice"_s } } }
            << QString() << true << false;
        QTest::addRow("%s: the user's group narrows to sms", b.name)
            << b.postgres
            << QJsonObject { { u"group_methods"_s,
                               QJsonObject { { u"contractors"_s, QJsonArray { u"sms"_s } } } } }
            << u"contractors"_s << false << true;
        QTest::addRow("%s: a group cannot add what the tenant forbids", b.name)
            << b.postgres
            << QJsonObject { { u"allowed_methods"_s, QJsonArray { u"sms"_s } },
                             { u"group_methods"_s,
                               QJsonObject { { u"contractors"_s,
                                               QJsonArray { u"app_code"_s, u"sms"_s } } } } }
            << u"contractors"_s << false << true;
    }
}

void tst_Verifier::policyDisallowsMethod()
{
    QFETCH(QJsonObject, policy);
    QFETCH(QString, group);
    QFETCH(bool, appCodeWorks);
    QFETCH(bool, smsWorks);
    SET_UP(w);
    QVERIFY(w.policy({ { u"lockout_threshold"_s, 100 } }));
    const OtpParameters otp = w.enrollApp(); // enrolled while allowed
    QVERIFY(!otp.secret.isEmpty());
    QVERIFY(w.parts.directory->updateUser(u"alice"_s, userFields({}, {}, group), u"cli"_s));
    QVERIFY(w.policy(policy));

    const auto pre = w.parts.verifier->preauth(w.ikey, u"alice"_s, u"192.0.2.10"_s);
    QVERIFY(pre);
    QCOMPARE(pre->value(u"result"_s).toString(), u"auth"_s);
    bool appListed = false;
    QStringList phoneCapabilities;
    for (const QJsonValue &d : pre->value(u"devices"_s).toArray()) {
        const QJsonObject device = d.toObject();
        if (device.value(u"capabilities"_s).toArray().contains(u"mobile_otp"_s))
            appListed = true;
        if (device.value(u"device"_s).toString() == u"phone1")
            for (const QJsonValue &c : device.value(u"capabilities"_s).toArray())
                phoneCapabilities << c.toString();
    }
    QCOMPARE(appListed, appCodeWorks);
    QCOMPARE(phoneCapabilities.contains(u"sms"_s), smsWorks);

    const AuthOutcome app = w.passcode(totpAt(otp, w.parts.now()));
    QCOMPARE(app.result, appCodeWorks ? u"allow"_s : u"deny"_s);
    const AuthOutcome sms = w.start(u"sms"_s, false);
    QCOMPARE(sms.status, smsWorks ? u"sent"_s : u"deny"_s);
    if (smsWorks) {
        w.parts.clock.advance(30);
        VERIFY_OUTCOME(w.passcode(lastSmsCode(w.parts, phone)), u"allow"_s, u"allow"_s);
    } else {
        QCOMPARE(w.count(u"SELECT count(*) FROM outbox WHERE kind = 'sms'"_s), 0);
    }
}

void tst_Verifier::preauth_data()
{
    addBackendColumn();
    QTest::addColumn<QString>("setup"); // what alice has
    QTest::addColumn<QString>("result");
    QTest::addColumn<QStringList>("devices"); // "type:capability,capability"
    for (const Backend &b : backends) {
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::addRow("%s: %s", b.name, name);
        };
        row("only a phone") << b.postgres << u"phone"_s << u"auth"_s
                            << QStringList { u"phone:auto,phone,sms"_s };
        row("nothing enrolled") << b.postgres << u"nothing"_s << u"enroll"_s << QStringList {};
        row("an app code") << b.postgres << u"app"_s << u"auth"_s
                           << QStringList { u"phone:auto,phone,sms"_s, u"phone:mobile_otp"_s };
        row("a token") << b.postgres << u"token"_s << u"auth"_s
                       << QStringList { u"phone:auto,phone,sms"_s, u"token:mobile_otp"_s };
        row("a push device, a revoked one left out")
            << b.postgres << u"push"_s << u"auth"_s
            << QStringList { u"desktop:auto,push"_s, u"phone:auto,phone,sms"_s };
        row("a pending app code is not a device")
            << b.postgres << u"pending"_s << u"enroll"_s << QStringList {};
        row("blocked") << b.postgres << u"blocked"_s << u"deny"_s << QStringList {};
        row("unknown user") << b.postgres << u"unknown"_s << u"enroll"_s << QStringList {};
    }
}

void tst_Verifier::preauth()
{
    QFETCH(QString, setup);
    QFETCH(QString, result);
    QFETCH(QStringList, devices);
    SET_UP(w);
    QString user = u"alice"_s;
    if (setup == u"nothing" || setup == u"pending")
        QVERIFY(w.parts.directory->updateUser(u"alice"_s, userFields({}, QString()), u"cli"_s));
    if (setup == u"app")
        QVERIFY(!w.enrollApp().secret.isEmpty());
    else if (setup == u"token")
        QVERIFY(w.assignRfcToken());
    else if (setup == u"push") {
        w.addDevice(w.alice.id, u"revoked"_s);
        w.addDevice(w.alice.id);
    } else if (setup == u"pending")
        QVERIFY(w.parts.enrollment->enrollAppCode(u"alice"_s, {}, u"cli"_s));
    else if (setup == u"blocked")
        QVERIFY(w.parts.directory->block(u"alice"_s, 0, {}, u"cli"_s));
    else if (setup == u"unknown")
        user = u"nobody"_s;

    const auto pre = w.parts.verifier->preauth(w.ikey, user, u"192.0.2.10"_s);
    QVERIFY(pre);
    QCOMPARE(pre->value(u"result"_s).toString(), result);
    QVERIFY(!pre->value(u"status_msg"_s).toString().isEmpty());
    QStringList got;
    for (const QJsonValue &d : pre->value(u"devices"_s).toArray()) {
        QStringList caps;
        for (const QJsonValue &c : d.toObject().value(u"capabilities"_s).toArray())
            caps << c.toString();
        got << d.toObject().value(u"type"_s).toString() + u':' + caps.join(u',');
        QVERIFY(!d.toObject().value(u"device"_s).toString().isEmpty());
        if (d.toObject().value(u"device"_s).toString() == u"phone1") // masked
            QCOMPARE(d.toObject().value(u"number"_s).toString(), u"XXXXXXXX5678"_s);
    }
    QCOMPARE(got, devices);
    const AuditEntry audit = w.lastAudit(u"preauth"_s, user);
    QCOMPARE(audit.result, result);
    QCOMPARE(audit.details.value(u"ip"_s).toString(), u"192.0.2.10"_s);
}

void tst_Verifier::unknownUser_data()
{
    oneRowPerBackend("denied and audited");
}

void tst_Verifier::unknownUser()
{
    SET_UP(w);
    VERIFY_OUTCOME(w.passcode(u"123456"_s, u"mallory"_s), u"deny"_s, u"deny"_s);
    QCOMPARE(w.lastAudit(u"auth"_s, u"mallory"_s).result, u"deny"_s);
    const auto bad = w.parts.verifier->auth(request(w.ikey, u"alice"_s, u"carrier-pigeon"_s));
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::InvalidArgument);
}

void tst_Verifier::asyncPasscode_data()
{
    oneRowPerBackend("a decided passcode still gets a txid");
}

void tst_Verifier::asyncPasscode()
{
    SET_UP(w);
    const OtpParameters otp = w.enrollApp();
    auto r = request(w.ikey, u"alice"_s, u"passcode"_s, totpAt(otp, w.parts.now()), true);
    const auto o = w.parts.verifier->auth(r);
    QVERIFY(o);
    QVERIFY(!o->txid.isEmpty());
    const auto status = w.parts.verifier->status(o->txid, w.ikey);
    QVERIFY(status);
    VERIFY_OUTCOME(*status, u"allow"_s, u"allow"_s);
    // Another application cannot read it.
    QCOMPARE(w.parts.verifier->status(o->txid, u"DIOTHERAPP"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(w.parts.verifier->status(u"TXNOSUCH"_s, w.ikey).error().code, ErrorCode::NotFound);
}

void tst_Verifier::phoneCall_data()
{
    addBackendColumn();
    QTest::addColumn<QString>("pin"); // the user's voice PIN, empty for none
    QTest::addColumn<QJsonObject>("policy");
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QString>("status");
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("blockedDays"); // -1: not blocked
    const QJsonObject none;
    const QJsonObject noAutoBlock { { u"fraud_auto_block"_s, false } };
    const QJsonObject code9 { { u"fraud_code"_s, u"9"_s } };
    const QJsonObject week { { u"fraud_block_days"_s, 7 } };
    for (const Backend &b : backends) {
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::addRow("%s: %s", b.name, name);
        };
        row("# approves") << b.postgres << QString() << none << u"#"_s << u"allow"_s << 0 << -1;
        row("PIN then # approves")
            << b.postgres << u"4321"_s << none << u"4321#"_s << u"allow"_s << 0 << -1;
        row("wrong PIN denies and counts a failure")
            << b.postgres << u"4321"_s << none << u"1111#"_s << u"deny"_s << 1 << -1;
        row("# alone when a PIN is set denies")
            << b.postgres << u"4321"_s << none << u"#"_s << u"deny"_s << 1 << -1;
        row("a PIN without # denies")
            << b.postgres << u"4321"_s << none << u"4321"_s << u"deny"_s << 1 << -1;
        row("other keys deny") << b.postgres << QString() << none << u"1#"_s << u"deny"_s << 0
                               << -1;
        row("0# reports fraud and blocks for 90 days")
            << b.postgres << QString() << none << u"0#"_s << u"fraud"_s << 0 << 90;
        row("0# reports fraud even with a PIN")
            << b.postgres << u"4321"_s << none << u"0#"_s << u"fraud"_s << 0 << 90;
        row("fraud with auto block off is only recorded")
            << b.postgres << QString() << noAutoBlock << u"0#"_s << u"fraud"_s << 0 << -1;
        row("the policy's fraud code")
            << b.postgres << QString() << code9 << u"9#"_s << u"fraud"_s << 0 << 90;
        row("0# is no fraud when the fraud code is 9")
            << b.postgres << QString() << code9 << u"0#"_s << u"deny"_s << 0 << -1;
        row("the policy's block duration")
            << b.postgres << QString() << week << u"0#"_s << u"fraud"_s << 0 << 7;
    }
}

void tst_Verifier::phoneCall()
{
    QFETCH(QString, pin);
    QFETCH(QJsonObject, policy);
    QFETCH(QString, keys);
    QFETCH(QString, status);
    QFETCH(int, failures);
    QFETCH(int, blockedDays);
    SET_UP(w);
    QVERIFY(w.policy(policy));
    if (!pin.isEmpty())
        QVERIFY(w.parts.directory->updateUser(u"alice"_s, userFields({}, {}, {}, pin), u"cli"_s));

    const AuthOutcome call = w.start(u"phone"_s, true);
    VERIFY_OUTCOME(call, u"waiting"_s, u"calling"_s);
    QVERIFY(!call.txid.isEmpty());
    // The outbox provider recorded the call under the transaction's id.
    QCOMPARE(
        w.parts.value(u"SELECT status FROM outbox WHERE id = ? AND kind = 'call'"_s, { call.txid })
            .toString(),
        u"ringing"_s);
    QCOMPARE(
        w.parts.value(u"SELECT recipient FROM outbox WHERE id = ?"_s, { call.txid }).toString(),
        phone);
    const QString greeting
        = w.parts.value(u"SELECT body FROM outbox WHERE id = ?"_s, { call.txid }).toString();
    QVERIFY(greeting.contains(u"VPN"_s));
    VERIFY_OUTCOME(w.parts.verifier->status(call.txid, w.ikey).value(), u"waiting"_s, u"calling"_s);

    w.parts.clock.advance(20);
    QVERIFY(w.parts.outbox->answer(call.txid, keys, u"admin:helpdesk"_s));
    const auto decided = w.parts.verifier->status(call.txid, w.ikey);
    QVERIFY(decided);
    VERIFY_OUTCOME(*decided, status == u"allow" ? u"allow"_s : u"deny"_s, status);

    QCOMPARE(w.user().failures, failures);
    const int alerts
        = w.count(u"SELECT count(*) FROM fraud_alerts WHERE user_id = ? AND source = 'voice'"_s,
                  { w.alice.id });
    QCOMPARE(alerts, status == u"fraud" ? 1 : 0);
    const User after = w.user();
    if (blockedDays < 0) {
        QVERIFY(!after.isBlocked(w.parts.now()));
    } else {
        QVERIFY(after.isBlocked(w.parts.now()));
        QCOMPARE(after.blockedUntil, w.parts.now() + qint64(blockedDays) * 86400);
        QVERIFY(!after.isBlocked(after.blockedUntil));
    }
    // The decision is audited, under the username, without the keys.
    const AuditEntry audit = w.lastAudit(u"auth.phone"_s);
    QCOMPARE(audit.details.value(u"status"_s).toString(), status);
    QCOMPARE(audit.details.value(u"txid"_s).toString(), call.txid);
    if (!pin.isEmpty())
        QVERIFY(!QJsonDocument(audit.details).toJson().contains(pin.toLatin1()));
    if (status == u"fraud")
        QCOMPARE(w.lastAudit(u"fraud.report"_s).details.value(u"source"_s).toString(), u"voice"_s);
    // A call is answered once.
    QVERIFY(!w.parts.outbox->answer(call.txid, u"#"_s, u"admin:helpdesk"_s));
}

void tst_Verifier::phoneCallAfterExpiry_data()
{
    oneRowPerBackend("# after the call's time is up does not approve");
}

void tst_Verifier::phoneCallAfterExpiry()
{
    SET_UP(w);
    const AuthOutcome call = w.start(u"phone"_s, true);
    QVERIFY(call.expires > w.parts.now());
    w.parts.clock.setSecsSinceEpoch(call.expires);
    QVERIFY(w.parts.outbox->answer(call.txid, u"#"_s, u"admin:helpdesk"_s));
    const auto status = w.parts.verifier->status(call.txid, w.ikey);
    QVERIFY(status);
    VERIFY_OUTCOME(*status, u"deny"_s, u"timeout"_s);
}

void tst_Verifier::pushOnePendingPerUser_data()
{
    oneRowPerBackend("a second push waits for the first to end");
}

void tst_Verifier::pushOnePendingPerUser()
{
    SET_UP(w);
    const QString device = w.addDevice(w.alice.id);
    const AuthOutcome first = w.start(u"push"_s, true);
    VERIFY_OUTCOME(first, u"waiting"_s, u"pushed"_s);
    VERIFY_OUTCOME(w.start(u"push"_s, true), u"deny"_s, u"deny"_s);
    QCOMPARE(w.count(u"SELECT count(*) FROM transactions WHERE status = 'pushed'"_s), 1);
    // "auto" picks push for a user with a device, and is held back the same way.
    VERIFY_OUTCOME(w.start(u"auto"_s, true), u"deny"_s, u"deny"_s);
    QVERIFY(w.parts.verifier->answerPush(first.txid, device, u"approve"_s, first.number));
    VERIFY_OUTCOME(w.parts.verifier->status(first.txid, w.ikey).value(), u"allow"_s, u"allow"_s);
    VERIFY_OUTCOME(w.start(u"auto"_s, true), u"waiting"_s, u"pushed"_s);
}

void tst_Verifier::pushLimitPerWindow_data()
{
    oneRowPerBackend("K pushes in the window, then none until it passes");
}

void tst_Verifier::pushLimitPerWindow()
{
    SET_UP(w);
    QVERIFY(w.policy({ { u"push_limit"_s, 2 }, { u"push_window_minutes"_s, 10 } }));
    const QString device = w.addDevice(w.alice.id);
    const qint64 firstAt = w.parts.now();
    for (int i = 0; i < 2; ++i) {
        const AuthOutcome push = w.start(u"push"_s, true);
        VERIFY_OUTCOME(push, u"waiting"_s, u"pushed"_s);
        QVERIFY(w.parts.verifier->answerPush(push.txid, device, u"deny"_s, 0));
        w.parts.clock.advance(60);
    }
    const AuthOutcome third = w.start(u"push"_s, true);
    VERIFY_OUTCOME(third, u"deny"_s, u"deny"_s);
    QVERIFY(third.statusMsg.contains(u"Too many"_s));
    w.parts.clock.setSecsSinceEpoch(firstAt + 10 * 60); // the first push leaves the window
    VERIFY_OUTCOME(w.start(u"push"_s, true), u"waiting"_s, u"pushed"_s);
}

void tst_Verifier::pushNumberMatching_data()
{
    addBackendColumn();
    QTest::addColumn<bool>("matching"); // policy number_matching
    QTest::addColumn<bool>("async");
    QTest::addColumn<int>("typed"); // -1: the right number, else this one
    QTest::addColumn<QString>("status");
    for (const Backend &b : backends) {
        QTest::addRow("%s: async push, right number", b.name)
            << b.postgres << true << true << -1 << u"allow"_s;
        QTest::addRow("%s: async push, wrong number", b.name)
            << b.postgres << true << true << 0 << u"deny"_s;
        QTest::addRow("%s: sync push has no number to show", b.name)
            << b.postgres << true << false << 0 << u"allow"_s;
        QTest::addRow("%s: number matching off", b.name)
            << b.postgres << false << true << 0 << u"allow"_s;
    }
}

void tst_Verifier::pushNumberMatching()
{
    QFETCH(bool, matching);
    QFETCH(bool, async);
    QFETCH(int, typed);
    QFETCH(QString, status);
    SET_UP(w);
    QVERIFY(w.policy({ { u"number_matching"_s, matching } }));
    const QString device = w.addDevice(w.alice.id);
    const AuthOutcome push = w.start(u"push"_s, async);
    VERIFY_OUTCOME(push, u"waiting"_s, u"pushed"_s);
    if (matching && async) {
        QVERIFY(push.number >= 10 && push.number <= 99);
        QCOMPARE(push.toJson().value(u"number"_s).toString(), QString::number(push.number));
    } else {
        QCOMPARE(push.number, 0);
    }
    const int number = typed < 0 ? push.number : typed;
    const auto answered = w.parts.verifier->answerPush(push.txid, device, u"approve"_s, number);
    QVERIFY(answered);
    QCOMPARE(answered->status, status);
    VERIFY_OUTCOME(w.parts.verifier->status(push.txid, w.ikey).value(),
                   status == u"allow" ? u"allow"_s : u"deny"_s, status);
    // The device's answer is audited under the username, as everything about alice is.
    const AuditEntry audit = w.lastAudit(u"push.answer"_s);
    QCOMPARE(audit.actor, u"device:"_s + device);
    QCOMPARE(audit.details.value(u"status"_s).toString(), status);
}

void tst_Verifier::pushExpiry_data()
{
    oneRowPerBackend("status() says timeout and the device can no longer answer");
}

void tst_Verifier::pushExpiry()
{
    SET_UP(w);
    const QString device = w.addDevice(w.alice.id);
    const AuthOutcome push = w.start(u"push"_s, true);
    QCOMPARE(push.expires, w.parts.now() + Policy().pushTimeoutSeconds);
    w.parts.clock.setSecsSinceEpoch(push.expires - 1);
    VERIFY_OUTCOME(w.parts.verifier->status(push.txid, w.ikey).value(), u"waiting"_s, u"pushed"_s);
    w.parts.clock.setSecsSinceEpoch(push.expires);
    VERIFY_OUTCOME(w.parts.verifier->status(push.txid, w.ikey).value(), u"deny"_s, u"timeout"_s);
    QCOMPARE(w.lastAudit(u"auth.timeout"_s).details.value(u"txid"_s).toString(), push.txid);
    const auto late = w.parts.verifier->answerPush(push.txid, device, u"approve"_s, push.number);
    QVERIFY(!late);
    QCOMPARE(late.error().code, ErrorCode::CodeRejected);
    VERIFY_OUTCOME(w.parts.verifier->status(push.txid, w.ikey).value(), u"deny"_s, u"timeout"_s);
    // An expired push no longer holds the next one back.
    VERIFY_OUTCOME(w.start(u"push"_s, true), u"waiting"_s, u"pushed"_s);
}

void tst_Verifier::pushAnswerRefused_data()
{
    addBackendColumn();
    QTest::addColumn<QString>("who"); // which device answers
    QTest::addColumn<int>("code");
    for (const Backend &b : backends) {
        QTest::addRow("%s: a device of another user", b.name)
            << b.postgres << u"bob"_s << int(ErrorCode::PermissionDenied);
        QTest::addRow("%s: a revoked device", b.name)
            << b.postgres << u"revoked"_s << int(ErrorCode::PermissionDenied);
        QTest::addRow("%s: not the device the push was sent to", b.name)
            << b.postgres << u"other"_s << int(ErrorCode::PermissionDenied);
        QTest::addRow("%s: an unknown device", b.name)
            << b.postgres << u"unknown"_s << int(ErrorCode::PermissionDenied);
        QTest::addRow("%s: a second answer", b.name)
            << b.postgres << u"again"_s << int(ErrorCode::CodeRejected);
        QTest::addRow("%s: an answer that is not one", b.name)
            << b.postgres << u"bad answer"_s << int(ErrorCode::InvalidArgument);
    }
}

void tst_Verifier::pushAnswerRefused()
{
    QFETCH(QString, who);
    QFETCH(int, code);
    SET_UP(w);
    const QString chosen = w.addDevice(w.alice.id);
    const QString other = w.addDevice(w.alice.id);
    const QString revoked = w.addDevice(w.alice.id, u"revoked"_s);
    const auto bob = w.parts.directory->addUser(u"bob"_s, {}, u"cli"_s);
    const QString bobs = w.addDevice(bob->id);
    const AuthOutcome push = w.start(u"push"_s, true, chosen);
    VERIFY_OUTCOME(push, u"waiting"_s, u"pushed"_s);
    QString device = who == u"bob" ? bobs
        : who == u"revoked"        ? revoked
        : who == u"other"          ? other
        : who == u"unknown"        ? u"DVUNKNOWN"_s
                                   : chosen;
    QString answer = who == u"bad answer" ? u"maybe"_s : u"approve"_s;
    if (who == u"again")
        QVERIFY(w.parts.verifier->answerPush(push.txid, chosen, u"deny"_s, push.number));
    const auto refused = w.parts.verifier->answerPush(push.txid, device, answer, push.number);
    QVERIFY(!refused);
    QCOMPARE(int(refused.error().code), code);
    const auto status = w.parts.verifier->status(push.txid, w.ikey).value();
    QCOMPARE(status.status, who == u"again" ? u"deny"_s : u"pushed"_s);
}

void tst_Verifier::pushFraud_data()
{
    addBackendColumn();
    QTest::addColumn<bool>("autoBlock");
    for (const Backend &b : backends) {
        QTest::addRow("%s: reported and blocked", b.name) << b.postgres << true;
        QTest::addRow("%s: reported, auto block off", b.name) << b.postgres << false;
    }
}

void tst_Verifier::pushFraud()
{
    QFETCH(bool, autoBlock);
    SET_UP(w);
    QVERIFY(w.policy({ { u"fraud_auto_block"_s, autoBlock } }));
    const QString device = w.addDevice(w.alice.id);
    const OtpParameters otp = w.enrollApp();
    const AuthOutcome push = w.start(u"push"_s, true);
    QVERIFY(w.parts.verifier->answerPush(push.txid, device, u"fraud"_s, 0));
    VERIFY_OUTCOME(w.parts.verifier->status(push.txid, w.ikey).value(), u"deny"_s, u"fraud"_s);
    QCOMPARE(w.count(u"SELECT count(*) FROM fraud_alerts WHERE user_id = ? AND txid = ?"_s,
                     { w.alice.id, push.txid }),
             1);
    QCOMPARE(w.user().isBlocked(w.parts.now()), autoBlock);
    const AuditEntry report = w.lastAudit(u"fraud.report"_s);
    QCOMPARE(report.result, autoBlock ? u"blocked"_s : u"recorded"_s);
    // A blocked user's right code is refused; unblocking restores it.
    const AuthOutcome o = w.passcode(totpAt(otp, w.parts.now()));
    QCOMPARE(o.result, autoBlock ? u"deny"_s : u"allow"_s);
    if (autoBlock) {
        QVERIFY(w.parts.directory->unblock(u"alice"_s, u"admin:root"_s));
        w.parts.clock.advance(30);
        VERIFY_OUTCOME(w.passcode(totpAt(otp, w.parts.now())), u"allow"_s, u"allow"_s);
        QCOMPARE(w.parts.value(u"SELECT resolved FROM fraud_alerts WHERE txid = ?"_s, { push.txid })
                     .toLongLong(),
                 w.parts.now() - 30);
    }
}

void tst_Verifier::passcodeThroughput()
{
    // A sanity figure, printed and never asserted: in-process, SQLite, one user, a new TOTP step
    // for every verification so none is a replay.
    World w;
    OPEN_PARTS(w.parts, m_databases.fresh(false));
    QVERIFY(w.init());
    const OtpParameters otp = w.enrollApp();
    QVERIFY(!otp.secret.isEmpty());
    constexpr int verifications = 10'000;
    QStringList codes;
    for (int i = 0; i < verifications; ++i)
        codes << totpAt(otp, w.parts.now() + qint64(i) * 30);
    int allowed = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < verifications; ++i) {
        if (w.passcode(codes[i]).result == u"allow")
            ++allowed;
        w.parts.clock.advance(30);
    }
    const qint64 ms = std::max<qint64>(timer.elapsed(), 1);
    QCOMPARE(allowed, verifications);
    qInfo("%d passcode verifications (SQLite, in-process) in %lld ms: %.0f verifications/s",
          verifications, ms, verifications * 1000.0 / double(ms));
}

QTEST_GUILESS_MAIN(tst_Verifier)
#include "tst_verifier.moc"
