#include "otp/base32.h"
#include "programrun.h"
#include "serverfixture.h"
#include "tools.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;
using namespace twofold::server::testing;

namespace {

// RFC 4226 Appendix D: HOTP codes for the ASCII key "12345678901234567890", counters 0 to 9.
const QByteArray rfcKey = "12345678901234567890"_ba;
const QStringList rfc4226 = { u"755224"_s, u"287082"_s, u"359152"_s, u"969429"_s, u"338314"_s,
                              u"254676"_s, u"287922"_s, u"162583"_s, u"399871"_s, u"520489"_s };

OathToken token(const QString &serial, OtpType type, const QString &upn = {})
{
    OathToken t;
    t.serial = serial;
    t.manufacturer = u"Maker"_s;
    t.model = u"M1"_s;
    t.upn = upn;
    t.otp.type = type;
    t.otp.secret = rfcKey;
    return t;
}

TokenFile file(const QList<OathToken> &tokens)
{
    TokenFile f;
    f.tokens = tokens;
    return f;
}

} // namespace

class tst_Enrollment : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void appCodeEnrollment();
    void appCodeConfirmation_data();
    void appCodeConfirmation();
    void reEnrollmentReplacesPending();
    void policyRefusesMethod_data();
    void policyRefusesMethod();
    void tokenImport();
    void tokenActivation_data();
    void tokenActivation();
    void tokenResync_data();
    void tokenResync();
    void tokenAssignedToSomeoneElse();
    void tokenUnassign();
    void bypassCodes_data();
    void bypassCodes();
    void activationCode();
    void methodsListed();
    void removeMethod();

private:
    TestDatabases m_databases;
    std::unique_ptr<ServerParts> m_parts;
    User m_alice;
};

void tst_Enrollment::init()
{
    m_parts = std::make_unique<ServerParts>();
    OPEN_PARTS(*m_parts, m_databases.fresh(false));
    auto alice
        = m_parts->directory->addUser(u"alice"_s, userFields({}, u"+31612345678"_s), u"cli"_s);
    QVERIFY(alice);
    m_alice = *alice;
}

void tst_Enrollment::appCodeEnrollment()
{
    ServerParts &p = *m_parts;
    const auto enrolled = p.enrollment->enrollAppCode(u"ALICE"_s, u"Acme VPN"_s, u"admin:root"_s);
    QVERIFY(enrolled);
    QVERIFY(enrolled->methodId.startsWith(u"DM"_s));
    // The URI, the Base32 text and the QR code all carry the same new secret.
    const auto uri = OtpAuthUri::parse(enrolled->otpauthUri);
    QVERIFY(uri);
    QCOMPARE(uri->type, OtpType::Totp);
    QCOMPARE(uri->secret.size(), 20); // 160 bits, as RFC 4226 recommends
    QCOMPARE(uri->issuer, u"Acme VPN"_s);
    QCOMPARE(uri->account, u"alice"_s);
    QCOMPARE(Base32::decode(enrolled->secretBase32).value(), uri->secret);
    // zbarimg, an independent reader, finds the URI in the QR code.
    REQUIRE_TOOL(zbarimg, "zbarimg");
    QVERIFY(enrolled->qrPng.startsWith("\x89PNG\r\n\x1a\n"));
    QTemporaryDir dir;
    QFile png(dir.filePath(u"qr.png"_s));
    QVERIFY(png.open(QIODevice::WriteOnly));
    png.write(enrolled->qrPng);
    png.close();
    const ProgramRun read = runProgram(zbarimg, { u"--raw"_s, u"-q"_s, png.fileName() });
    QVERIFY2(read.ok(), read.describe({ png.fileName() }).constData());
    QCOMPARE(read.out.trimmed(), enrolled->otpauthUri);
    // Stored sealed, and pending until a first code.
    const QString stored
        = p.value(u"SELECT secret FROM methods WHERE id = ?"_s, { enrolled->methodId }).toString();
    QVERIFY(stored.startsWith(u"v1:"_s));
    QVERIFY(!stored.contains(enrolled->secretBase32));
    QCOMPARE(
        p.value(u"SELECT state FROM methods WHERE id = ?"_s, { enrolled->methodId }).toString(),
        u"pending"_s);
    QCOMPARE(p.audit->query(about(u"alice"_s, u"enroll.app_code"_s))->first().result, u"pending"_s);
    // A second user gets a different secret.
    QVERIFY(p.directory->addUser(u"bob"_s, {}, u"cli"_s));
    QVERIFY(p.enrollment->enrollAppCode(u"bob"_s, {}, u"cli"_s)->secretBase32
            != enrolled->secretBase32);
    QCOMPARE(p.enrollment->enrollAppCode(u"nobody"_s, {}, u"cli"_s).error().code,
             ErrorCode::NotFound);
}

void tst_Enrollment::appCodeConfirmation_data()
{
    QTest::addColumn<int>("offset"); // steps from now at which the typed code was made
    QTest::addColumn<bool>("confirmed");
    QTest::newRow("the current code") << 0 << true;
    QTest::newRow("the previous step's code (RFC 6238 window)") << -1 << true;
    QTest::newRow("a code from two steps ago") << -2 << false;
    QTest::newRow("not a code at all") << 99 << false;
}

void tst_Enrollment::appCodeConfirmation()
{
    QFETCH(int, offset);
    QFETCH(bool, confirmed);
    ServerParts &p = *m_parts;
    const auto enrolled = p.enrollment->enrollAppCode(u"alice"_s, {}, u"cli"_s);
    QVERIFY(enrolled);
    const OtpParameters otp = otpFromUri(enrolled->otpauthUri);
    const QString code = offset == 99 ? u"12345"_s : totpAt(otp, p.now() + offset * 30);
    const auto result = p.enrollment->confirmAppCode(u"alice"_s, code, u"admin:root"_s);
    QCOMPARE(result.has_value(), confirmed);
    QCOMPARE(
        p.value(u"SELECT state FROM methods WHERE id = ?"_s, { enrolled->methodId }).toString(),
        confirmed ? u"active"_s : u"pending"_s);
    // The attempt is in the audit log either way: a failed one too, whose transaction rolled
    // back.
    const auto audit = p.audit->query(about(u"alice"_s, u"enroll.app_code.confirm"_s));
    QVERIFY(audit);
    QCOMPARE(audit->size(), 1);
    QCOMPARE(audit->first().result, confirmed ? u"ok"_s : u"fail"_s);
    QCOMPARE(audit->first().actor, u"admin:root"_s);
    if (!confirmed) {
        QCOMPARE(result.error().code, ErrorCode::CodeRejected);
        QVERIFY(!result.error().message.contains(code));
        // Nothing to confirm once it is active.
    } else {
        QCOMPARE(p.enrollment->confirmAppCode(u"alice"_s, code, u"cli"_s).error().code,
                 ErrorCode::NotFound);
    }
}

void tst_Enrollment::reEnrollmentReplacesPending()
{
    ServerParts &p = *m_parts;
    const auto first = p.enrollment->enrollAppCode(u"alice"_s, {}, u"cli"_s);
    const auto second = p.enrollment->enrollAppCode(u"alice"_s, {}, u"cli"_s);
    QVERIFY(first && second);
    QCOMPARE(p.value(u"SELECT count(*) FROM methods WHERE user_id = ?"_s, { m_alice.id }).toInt(),
             1);
    // The first secret's code no longer confirms anything.
    QVERIFY(!p.enrollment->confirmAppCode(
        u"alice"_s, totpAt(otpFromUri(first->otpauthUri), p.now()), u"cli"_s));
    QVERIFY(p.enrollment->confirmAppCode(
        u"alice"_s, totpAt(otpFromUri(second->otpauthUri), p.now()), u"cli"_s));
    // An active app code stays when another is enrolled.
    QVERIFY(p.enrollment->enrollAppCode(u"alice"_s, {}, u"cli"_s));
    QCOMPARE(p.value(u"SELECT count(*) FROM methods WHERE user_id = ? AND state = 'active'"_s,
                     { m_alice.id })
                 .toInt(),
             1);
}

void tst_Enrollment::policyRefusesMethod_data()
{
    QTest::addColumn<QString>("method");
    QTest::newRow("app code") << u"app_code"_s;
    QTest::newRow("oath token") << u"oath_token"_s;
    QTest::newRow("push activation") << u"push"_s;
}

void tst_Enrollment::policyRefusesMethod()
{
    QFETCH(QString, method);
    ServerParts &p = *m_parts;
    QJsonArray others;
    for (Method m : allMethods()) {
        if (methodName(m) != method)
            others.append(methodName(m));
    }
    QVERIFY(p.directory->setPolicy({ { u"allowed_methods"_s, others } }, u"admin:root"_s));
    QVERIFY(p.enrollment->importTokens(file({ token(u"T1"_s, OtpType::Hotp) }), u"cli"_s));
    Error error { ErrorCode::InvalidArgument, {} };
    if (method == u"app_code")
        error = p.enrollment->enrollAppCode(u"alice"_s, {}, u"cli"_s).error();
    else if (method == u"oath_token")
        error = p.enrollment->assignToken(u"T1"_s, u"alice"_s, u"cli"_s).error();
    else
        error = p.enrollment->createActivation(u"alice"_s, u"cli"_s).error();
    QCOMPARE(error.code, ErrorCode::PolicyDenied);
    QCOMPARE(p.value(u"SELECT count(*) FROM methods"_s).toInt(), 0);
    QCOMPARE(p.value(u"SELECT count(*) FROM activations"_s).toInt(), 0);
}

void tst_Enrollment::tokenImport()
{
    ServerParts &p = *m_parts;
    TokenFile f = file({ token(u"H1"_s, OtpType::Hotp), token(u"T1"_s, OtpType::Totp, u"Alice"_s),
                         token(u"T2"_s, OtpType::Totp, u"nobody"_s) });
    f.skipped.append({ u"OCRA1"_s, u"an OCRA key"_s });
    const auto imported = p.enrollment->importTokens(f, u"admin:root"_s);
    QVERIFY(imported);
    QCOMPARE(imported->imported, (QStringList { u"H1"_s, u"T1"_s, u"T2"_s }));
    QCOMPARE(imported->skipped.size(), 1);
    // The seed is sealed at rest.
    const QString sealed = p.value(u"SELECT secret FROM tokens WHERE serial = 'H1'"_s).toString();
    QVERIFY(sealed.startsWith(u"v1:"_s));
    QVERIFY(!sealed.contains(QString::fromLatin1(rfcKey)));
    QVERIFY(!sealed.contains(QString::fromLatin1(rfcKey.toBase64())));
    // A token that names an existing user (the Azure CSV's upn) is assigned to them.
    const auto listed = p.enrollment->tokens({}, false, 100);
    QVERIFY(listed);
    QCOMPARE(listed->size(), 3);
    QCOMPARE(listed->at(0).serial, u"H1"_s);
    QCOMPARE(listed->at(0).type, u"hotp"_s);
    QCOMPARE(listed->at(0).state, u"unassigned"_s);
    QCOMPARE(listed->at(1).user, u"alice"_s);
    QCOMPARE(listed->at(1).state, u"assigned"_s);
    QCOMPARE(listed->at(2).state, u"unassigned"_s);
    QCOMPARE(p.enrollment->tokens({}, true, 100)->size(), 2);
    QCOMPARE(p.enrollment->tokens(u"T"_s, false, 100)->size(), 2);
    // Importing the same serial again skips it and says why.
    const auto again
        = p.enrollment->importTokens(file({ token(u"H1"_s, OtpType::Hotp) }), u"cli"_s);
    QVERIFY(again);
    QVERIFY(again->imported.isEmpty());
    QCOMPARE(again->skipped.size(), 1);
    QCOMPARE(again->skipped.first().serial, u"H1"_s);
    QVERIFY(!again->skipped.first().reason.isEmpty());
}

void tst_Enrollment::tokenActivation_data()
{
    QTest::addColumn<int>("counter"); // the RFC 4226 code typed; -1 for a wrong one
    QTest::addColumn<bool>("activated");
    QTest::newRow("the first code") << 0 << true;
    QTest::newRow("a code within the look-ahead") << 5 << true;
    QTest::newRow("a wrong code") << -1 << false;
}

void tst_Enrollment::tokenActivation()
{
    QFETCH(int, counter);
    QFETCH(bool, activated);
    ServerParts &p = *m_parts;
    QVERIFY(p.enrollment->importTokens(file({ token(u"H1"_s, OtpType::Hotp) }), u"cli"_s));
    QCOMPARE(p.enrollment->activateToken(u"H1"_s, rfc4226[0], u"cli"_s).error().code,
             ErrorCode::NotFound); // not assigned yet
    QVERIFY(p.enrollment->assignToken(u"H1"_s, u"alice"_s, u"admin:root"_s));
    const QString code = counter < 0 ? u"000000"_s : rfc4226[counter];
    const auto result = p.enrollment->activateToken(u"H1"_s, code, u"admin:root"_s);
    QCOMPARE(result.has_value(), activated);
    QCOMPARE(p.enrollment->tokens(u"H1"_s, false, 1)->first().state,
             activated ? u"active"_s : u"assigned"_s);
    const auto audit = p.audit->query(about(u"alice"_s, u"token.activate"_s));
    QCOMPARE(audit->size(), 1);
    QCOMPARE(audit->first().result, activated ? u"ok"_s : u"fail"_s);
    if (activated) {
        // The activating code is used; the one after it is next.
        QCOMPARE(p.value(u"SELECT last_used FROM methods WHERE ref = 'H1'"_s).toInt(), counter);
    } else {
        QCOMPARE(result.error().code, ErrorCode::CodeRejected);
        QVERIFY(result.error().message.contains(u"H1"_s));
    }
}

void tst_Enrollment::tokenResync_data()
{
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("second");
    QTest::addColumn<bool>("resynced");
    QTest::newRow("two consecutive codes") << 7 << 8 << true;
    QTest::newRow("two codes with a gap") << 6 << 8 << false;
    QTest::newRow("codes already used") << 0 << 1 << false;
}

void tst_Enrollment::tokenResync()
{
    QFETCH(int, first);
    QFETCH(int, second);
    QFETCH(bool, resynced);
    ServerParts &p = *m_parts;
    QVERIFY(p.enrollment->importTokens(file({ token(u"H1"_s, OtpType::Hotp) }), u"cli"_s));
    QVERIFY(p.enrollment->assignToken(u"H1"_s, u"alice"_s, u"cli"_s));
    QVERIFY(p.enrollment->activateToken(u"H1"_s, rfc4226[1], u"cli"_s)); // counter 1 used
    const auto result
        = p.enrollment->resyncToken(u"H1"_s, rfc4226[first], rfc4226[second], u"admin:root"_s);
    QCOMPARE(result.has_value(), resynced);
    QCOMPARE(p.value(u"SELECT last_used FROM methods WHERE ref = 'H1'"_s).toInt(),
             resynced ? second : 1);
    const auto audit = p.audit->query(about(u"H1"_s, u"token.resync"_s));
    QCOMPARE(audit->size(), 1);
    QCOMPARE(audit->first().result, resynced ? u"ok"_s : u"fail"_s);
    // A TOTP token has no counter to resynchronise.
    QVERIFY(p.enrollment->importTokens(file({ token(u"T1"_s, OtpType::Totp) }), u"cli"_s));
    QVERIFY(p.enrollment->assignToken(u"T1"_s, u"alice"_s, u"cli"_s));
    QCOMPARE(p.enrollment->resyncToken(u"T1"_s, rfc4226[1], rfc4226[2], u"cli"_s).error().code,
             ErrorCode::InvalidArgument);
}

void tst_Enrollment::tokenAssignedToSomeoneElse()
{
    ServerParts &p = *m_parts;
    QVERIFY(p.directory->addUser(u"bob"_s, {}, u"cli"_s));
    QVERIFY(p.enrollment->importTokens(file({ token(u"H1"_s, OtpType::Hotp) }), u"cli"_s));
    QVERIFY(p.enrollment->assignToken(u"H1"_s, u"alice"_s, u"cli"_s));
    QCOMPARE(p.enrollment->assignToken(u"H1"_s, u"bob"_s, u"cli"_s).error().code,
             ErrorCode::AlreadyExists);
    QVERIFY(p.enrollment->assignToken(u"H1"_s, u"alice"_s, u"cli"_s)); // again: no change
    QCOMPARE(p.value(u"SELECT count(*) FROM methods WHERE ref = 'H1'"_s).toInt(), 1);
    QCOMPARE(p.enrollment->assignToken(u"NOPE"_s, u"alice"_s, u"cli"_s).error().code,
             ErrorCode::NotFound);
}

void tst_Enrollment::tokenUnassign()
{
    ServerParts &p = *m_parts;
    QVERIFY(p.enrollment->importTokens(file({ token(u"H1"_s, OtpType::Hotp) }), u"cli"_s));
    QVERIFY(p.enrollment->assignToken(u"H1"_s, u"alice"_s, u"cli"_s));
    QVERIFY(p.enrollment->activateToken(u"H1"_s, rfc4226[0], u"cli"_s));
    QVERIFY(p.enrollment->unassignToken(u"H1"_s, u"admin:root"_s));
    QCOMPARE(p.enrollment->tokens(u"H1"_s, false, 1)->first().state, u"unassigned"_s);
    QCOMPARE(p.value(u"SELECT count(*) FROM methods"_s).toInt(), 0);
    QCOMPARE(p.enrollment->unassignToken(u"NOPE"_s, u"cli"_s).error().code, ErrorCode::NotFound);
}

void tst_Enrollment::bypassCodes_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("one") << 1 << true;
    QTest::newRow("ten") << 10 << true;
    QTest::newRow("none refused") << 0 << false;
    QTest::newRow("eleven refused") << 11 << false;
}

void tst_Enrollment::bypassCodes()
{
    QFETCH(int, count);
    QFETCH(bool, accepted);
    ServerParts &p = *m_parts;
    QVERIFY(p.directory->setPolicy({ { u"bypass_lifetime_minutes"_s, 30 } }, u"admin:root"_s));
    const auto codes = p.enrollment->createBypassCodes(u"alice"_s, count, u"admin:helpdesk"_s);
    QCOMPARE(codes.has_value(), accepted);
    if (!accepted) {
        QCOMPARE(codes.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(p.value(u"SELECT count(*) FROM codes"_s).toInt(), 0);
        return;
    }
    QCOMPARE(codes->size(), count);
    QCOMPARE(QSet<QString>(codes->begin(), codes->end()).size(), count); // all different
    for (const QString &code : *codes) {
        QCOMPARE(code.size(), 9);
        QVERIFY(std::all_of(code.begin(), code.end(), [](QChar c) { return c.isDigit(); }));
        // Stored as a keyed digest only.
        const QString anywhere = u"%"_s + code + u"%"_s;
        QCOMPARE(p.value(u"SELECT count(*) FROM codes WHERE hash LIKE ?"_s, { anywhere }).toInt(),
                 0);
    }
    QCOMPARE(p.value(u"SELECT count(*) FROM codes WHERE kind = 'bypass' AND expires = ?"_s,
                     { p.now() + 30 * 60 })
                 .toInt(),
             count);
    const auto audit = p.audit->query(about(u"alice"_s, u"bypass.create"_s));
    QCOMPARE(audit->first().details.value(u"count"_s).toInt(), count);
    for (const QString &code : *codes)
        QVERIFY(!QJsonDocument(audit->first().details).toJson().contains(code.toLatin1()));
}

void tst_Enrollment::activationCode()
{
    ServerParts &p = *m_parts;
    const auto code = p.enrollment->createActivation(u"alice"_s, u"admin:root"_s);
    QVERIFY(code);
    QCOMPARE(code->size(), 24); // 120 bits
    QCOMPARE(p.value(u"SELECT count(*) FROM activations WHERE code = ?"_s, { *code }).toInt(), 0);
    QCOMPARE(p.value(u"SELECT expires FROM activations WHERE code = ?"_s,
                     { p.secrets->digest(code->toLatin1()) })
                 .toLongLong(),
             p.now() + Enrollment::activationSeconds);
    QVERIFY(*code != p.enrollment->createActivation(u"alice"_s, u"cli"_s).value());
}

void tst_Enrollment::methodsListed()
{
    ServerParts &p = *m_parts;
    QVERIFY(p.enrollment->enrollAppCode(u"alice"_s, {}, u"cli"_s));
    QVERIFY(p.enrollment->importTokens(file({ token(u"H1"_s, OtpType::Hotp) }), u"cli"_s));
    QVERIFY(p.enrollment->assignToken(u"H1"_s, u"alice"_s, u"cli"_s));
    const auto methods = p.enrollment->methods(u"alice"_s);
    QVERIFY(methods);
    QStringList kinds;
    for (const QJsonValue &m : *methods)
        kinds << m[u"method"_s].toString() + u'/' + m[u"state"_s].toString();
    kinds.sort();
    QCOMPARE(kinds,
             (QStringList { u"app_code/pending"_s, u"oath_token/pending"_s, u"sms/active"_s,
                            u"voice/active"_s }));
    for (const QJsonValue &m : *methods)
        QVERIFY(!m.toObject().contains(u"secret"_s));
}

void tst_Enrollment::removeMethod()
{
    ServerParts &p = *m_parts;
    const auto enrolled = p.enrollment->enrollAppCode(u"alice"_s, {}, u"cli"_s);
    QVERIFY(enrolled);
    QVERIFY(p.directory->addUser(u"bob"_s, {}, u"cli"_s));
    // Not bob's to remove.
    QCOMPARE(p.enrollment->removeMethod(u"bob"_s, enrolled->methodId, u"cli"_s).error().code,
             ErrorCode::NotFound);
    QVERIFY(p.enrollment->removeMethod(u"alice"_s, enrolled->methodId, u"admin:root"_s));
    QCOMPARE(p.value(u"SELECT count(*) FROM methods"_s).toInt(), 0);
    QCOMPARE(p.audit->query(about(u"alice"_s, u"method.remove"_s))->size(), 1);
}

QTEST_GUILESS_MAIN(tst_Enrollment)
#include "tst_enrollment.moc"
