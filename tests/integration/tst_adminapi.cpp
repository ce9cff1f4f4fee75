// The admin API's main flows against a real twofold-server over HTTPS: users and paging
// (with a 2,000-user CSV import), CSV previews, app code enrollment, token import (RFC 6030
// vectors and an Azure CSV), bypass codes, blocking, policy, push activation links, the outbox,
// test verifications, fraud alerts by long poll, and the audit log. Codes for tokens come from
// oathtool and QR codes are read back by zbarimg, as independent peers. The last test prints
// how fast a page of users is with 100,000 of them (a figure, not an assertion).
#include "adminclient.h"
#include "otp/base32.h"
#include "otp/otpauthuri.h"
#include "otp/otpgenerator.h"
#include "serverprocess.h"
#include "tools.h"
#include "vectors.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSet>
#include <QSslCertificate>
#include <QTemporaryFile>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::test;

namespace {

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}

QString oathtool(const QStringList &arguments)
{
    return runProgram(peerTool(u"oathtool"_s), arguments).out.trimmed();
}

// What zbarimg reads from a PNG, or empty.
QString readQr(const QByteArray &png)
{
    QTemporaryFile file(QDir::tempPath() + u"/twofold-qr-XXXXXX.png"_s);
    if (!file.open() || file.write(png) != png.size())
        return {};
    file.close();
    return runProgram(peerTool(u"zbarimg"_s), { u"--raw"_s, u"-q"_s, file.fileName() })
        .out.trimmed();
}

QStringList usernames(const QJsonArray &users)
{
    QStringList names;
    for (const QJsonValue &user : users)
        names << user[u"username"_s].toString();
    return names;
}

QString field(const ApiReply &reply)
{
    return reply.json.value(u"field"_s).toString();
}

} // namespace

class tst_AdminApi final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void signInFailures();
    void badRequests_data();
    void badRequests();
    void usersCreateReadUpdateDelete();
    void csvImportAndKeysetPaging();
    void csvPreviewReportsLinesAndWritesNothing();
    void appCodeEnrollment();
    void pskcImportAssignActivateResync();
    void pskcKeysComeFromHeaders();
    void azureCsvImportAssignsAndActivates();
    void bypassCodesWorkOnce();
    void blockAndUnblock();
    void policyChanges();
    void pushActivationLink();
    void outboxAndTestVerifications();
    void fraudLongPollWokenByACall();
    void applicationsAndAdmins();
    void auditQueryExportAndVerify();
    void secretsNeverReachTheLog();
    void pageSpeedWith100000Users();

private:
    ApiReply post(const QString &path, const QJsonObject &body = {})
    {
        return m_admin->send("POST", path, body);
    }
    qint64 userTotal()
    {
        return m_admin->get(u"/admin/v1/users?limit=1"_s).json.value(u"total"_s).toInteger(-1);
    }
    // A user with a phone; secrets handed out on the way are remembered for the log check.
    bool addUser(const QString &username, const QString &phone = u"+31612345678"_s)
    {
        return post(u"/admin/v1/users"_s, { { u"username"_s, username }, { u"phone"_s, phone } })
                   .status
            == 201;
    }

    ServerData m_data;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<AdminClient> m_admin;
    std::unique_ptr<AdminClient> m_helpdesk;
    AdminLogin m_adminLogin;
    QStringList m_secrets; // everything secret the API handed out or took in
};

void tst_AdminApi::initTestCase()
{
    REQUIRE_TOOL(oathtoolPath, "oathtool");
    REQUIRE_TOOL(zbarimgPath, "zbarimg");
    QVERIFY2(m_data.init(), m_data.lastRun());
    // A long poll that is never woken would outlast every wait here.
    QVERIFY(m_data.setConfig({ { u"limits"_s, QJsonObject { { u"long_poll_seconds"_s, 600 } } } }));
    m_server = std::make_unique<ServerProcess>(m_data);
    QVERIFY2(m_server->start(), qPrintable(m_server->log()));

    QString why;
    auto admin = addAdmin(m_data, u"root"_s, u"admin"_s, &why);
    QVERIFY2(admin, qPrintable(why));
    m_adminLogin = *admin;
    m_admin = std::make_unique<AdminClient>(*m_server, m_data.certificatePath());
    const ApiReply signedIn = m_admin->signIn(m_adminLogin);
    QVERIFY2(signedIn.status == 200, signedIn.describe());
    QCOMPARE(signedIn.json.value(u"role"_s).toString(), u"admin"_s);
    QVERIFY(signedIn.json.value(u"expires"_s).toInteger() > now());
    m_secrets << m_adminLogin.password << m_admin->token();

    auto helpdesk = addAdmin(m_data, u"desk"_s, u"helpdesk"_s, &why);
    QVERIFY2(helpdesk, qPrintable(why));
    m_helpdesk = std::make_unique<AdminClient>(*m_server, m_data.certificatePath());
    QCOMPARE(m_helpdesk->signIn(*helpdesk).status, 200);
    m_secrets << helpdesk->password << m_helpdesk->token();
}

void tst_AdminApi::cleanupTestCase()
{
    m_admin.reset();
    m_helpdesk.reset();
    if (m_server)
        QCOMPARE(m_server->terminate(), 0);
}

void tst_AdminApi::signInFailures()
{
    QString why;
    auto login = addAdmin(m_data, u"clumsy"_s, u"auditor"_s, &why);
    QVERIFY2(login, qPrintable(why));
    AdminClient client(*m_server, m_data.certificatePath());

    AdminLogin wrongPassword = *login;
    wrongPassword.password = u"not-the-password"_s;
    const ApiReply refused = client.signIn(wrongPassword);
    QCOMPARE(refused.status, 401);
    QCOMPARE(refused.json.value(u"code"_s).toString(), u"not_authenticated"_s);
    QVERIFY(!refused.body.contains("not-the-password"));

    const ApiReply wrongCode = client.send("POST", u"/admin/v1/session"_s,
                                           QJsonObject { { u"username"_s, login->username },
                                                         { u"password"_s, login->password },
                                                         { u"code"_s, u"000000"_s } });
    QCOMPARE(wrongCode.status, 401);

    // Five failures lock the admin; the answer says when to try again.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(client.signIn(wrongPassword).status, 401);
    const ApiReply locked = client.signIn(*login);
    QVERIFY2(locked.status == 423, locked.describe());
    QCOMPARE(locked.json.value(u"code"_s).toString(), u"locked"_s);
    QVERIFY(locked.json.value(u"retry_after"_s).toInteger() > 0);
    QVERIFY(locked.json.value(u"retry_at"_s).toInteger() > now());
    QVERIFY(client.token().isEmpty());
}

void tst_AdminApi::badRequests_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field"); // the field the error must name; empty: none
    QTest::addColumn<QString>("says");

    QTest::newRow("body that is not JSON")
        << "POST"_ba << u"/admin/v1/users"_s << "{username: bob"_ba << QString() << u"JSON"_s;
    QTest::newRow("body that is a list")
        << "POST"_ba << u"/admin/v1/users"_s << "[1, 2]"_ba << QString() << u"object"_s;
    QTest::newRow("username of the wrong type")
        << "POST"_ba << u"/admin/v1/users"_s << R"({"username": 7})"_ba << u"username"_s
        << u"string"_s;
    QTest::newRow("unknown field")
        << "POST"_ba << u"/admin/v1/users"_s << R"({"username": "x", "colour": "red"})"_ba
        << u"colour"_s << u"colour"_s;
    QTest::newRow("missing required field")
        << "POST"_ba << u"/admin/v1/users"_s << R"({"email": "x@example.com"})"_ba << u"username"_s
        << u"required"_s;
    QTest::newRow("bypass count that is not whole")
        << "POST"_ba << u"/admin/v1/users/root/bypass"_s << R"({"count": 1.5})"_ba << u"count"_s
        << u"whole number"_s;
    QTest::newRow("unknown query parameter") << "GET"_ba << u"/admin/v1/users?colour=red"_s
                                             << QByteArray() << u"colour"_s << u"colour"_s;
    QTest::newRow("page size out of range") << "GET"_ba << u"/admin/v1/users?limit=5000"_s
                                            << QByteArray() << u"limit"_s << u"1 to 1000"_s;
    QTest::newRow("policy setting that does not exist")
        << "PATCH"_ba << u"/admin/v1/policy"_s << R"({"lockout_treshold": 3})"_ba
        << u"lockout_treshold"_s << u"lockout_treshold"_s;
    QTest::newRow("policy setting of the wrong type")
        << "PATCH"_ba << u"/admin/v1/policy"_s << R"({"lockout_threshold": "3"})"_ba
        << u"lockout_threshold"_s << u"whole number"_s;
    QTest::newRow("test verification by an unknown method")
        << "POST"_ba << u"/admin/v1/users/root/test"_s << R"({"method": "carrier pigeon"})"_ba
        << u"method"_s << u"push, sms, phone or passcode"_s;
}

void tst_AdminApi::badRequests()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QFETCH(QString, says);
    const ApiReply reply = m_admin->send(method, path, body, "application/json");
    QVERIFY2(reply.status == 400, reply.describe());
    QCOMPARE(reply.json.value(u"code"_s).toString(), u"invalid"_s);
    QCOMPARE(::field(reply), field);
    QVERIFY2(reply.json.value(u"error"_s).toString().contains(says), reply.describe());
}

void tst_AdminApi::usersCreateReadUpdateDelete()
{
    const ApiReply created = post(u"/admin/v1/users"_s,
                                  { { u"username"_s, u"Alice"_s },
                                    { u"email"_s, u"alice@example.com"_s },
                                    { u"group"_s, u"finance"_s } });
    QVERIFY2(created.status == 201, created.describe());
    QCOMPARE(created.json.value(u"username"_s).toString(), u"alice"_s); // names are lower case
    QCOMPARE(created.json.value(u"status"_s).toString(), u"active"_s);
    const QString id = created.json.value(u"user_id"_s).toString();
    QVERIFY(id.startsWith(u"DU"_s));

    const ApiReply duplicate = post(u"/admin/v1/users"_s, { { u"username"_s, u"alice"_s } });
    QCOMPARE(duplicate.status, 409);
    QCOMPARE(duplicate.json.value(u"code"_s).toString(), u"already_exists"_s);

    // Phone and voice PIN through PATCH; the PIN is never shown, only that there is one.
    const ApiReply patched = m_admin->send(
        "PATCH", u"/admin/v1/users/alice"_s,
        QJsonObject { { u"phone"_s, u"+31698765432"_s }, { u"voice_pin"_s, u"4321"_s } });
    QVERIFY2(patched.status == 200, patched.describe());
    QCOMPARE(patched.json.value(u"phone"_s).toString(), u"+31698765432"_s);
    QCOMPARE(patched.json.value(u"voice_pin"_s).toBool(), true);
    QVERIFY(!patched.body.contains("4321"));
    const ApiReply badPhone = m_admin->send("PATCH", u"/admin/v1/users/alice"_s,
                                            QJsonObject { { u"phone"_s, u"0612345678"_s } });
    QCOMPARE(badPhone.status, 400);

    // Read by name and by id; the methods show the phone's sms and voice.
    for (const QString &key : { u"alice"_s, id }) {
        const ApiReply shown = m_admin->get(u"/admin/v1/users/"_s + key);
        QVERIFY2(shown.status == 200, shown.describe());
        QCOMPARE(shown.json.value(u"user_id"_s).toString(), id);
        QStringList methods;
        for (const QJsonValue &m : shown.json.value(u"methods"_s).toArray())
            methods << m[u"method"_s].toString();
        QCOMPARE(methods, (QStringList { u"sms"_s, u"voice"_s }));
    }

    QVERIFY(addUser(u"alan"_s));
    QVERIFY(post(u"/admin/v1/users"_s, { { u"username"_s, u"bert"_s } }).status == 201);
    const ApiReply search = m_admin->get(u"/admin/v1/users?search=al"_s);
    QCOMPARE(usernames(search.json.value(u"users"_s).toArray()),
             (QStringList { u"alan"_s, u"alice"_s }));
    QCOMPARE(search.json.value(u"total"_s).toInteger(), 2);
    const ApiReply byEmail = m_admin->get(u"/admin/v1/users?search=ALICE%40EXAMPLE"_s);
    QCOMPARE(usernames(byEmail.json.value(u"users"_s).toArray()), QStringList { u"alice"_s });
    const ApiReply inGroup = m_admin->get(u"/admin/v1/users?group=finance"_s);
    QCOMPARE(usernames(inGroup.json.value(u"users"_s).toArray()), QStringList { u"alice"_s });
    const ApiReply withSms = m_admin->get(u"/admin/v1/users?method=sms&search=a"_s);
    QCOMPARE(usernames(withSms.json.value(u"users"_s).toArray()),
             (QStringList { u"alan"_s, u"alice"_s }));
    QCOMPARE(m_admin->get(u"/admin/v1/users?status=asleep"_s).status, 400);

    const ApiReply groups = m_admin->get(u"/admin/v1/groups"_s);
    QVERIFY2(groups.status == 200, groups.describe());
    QCOMPARE(groups.json.value(u"groups"_s).toArray().first()[u"name"_s].toString(), u"finance"_s);

    const ApiReply deleted = m_admin->send("DELETE", u"/admin/v1/users/bert"_s);
    QVERIFY2(deleted.status == 200, deleted.describe());
    QCOMPARE(m_admin->get(u"/admin/v1/users/bert"_s).status, 404);
    QCOMPARE(m_admin->send("DELETE", u"/admin/v1/users/bert"_s).status, 404);
}

void tst_AdminApi::csvImportAndKeysetPaging()
{
    QByteArray csv = "username,email,phone,group\r\n";
    QStringList expected;
    for (int i = 0; i < 2000; ++i) {
        const QString name = u"csv%1"_s.arg(i, 4, 10, QChar(u'0'));
        expected << name;
        csv += u"%1,%1@example.com,%2,%3\r\n"_s
                   .arg(name, i % 3 == 0 ? u"+3161%1"_s.arg(i, 7, 10, QChar(u'0')) : QString(),
                        u"team%1"_s.arg(i % 7))
                   .toUtf8();
    }
    const ApiReply imported = m_admin->send("POST", u"/admin/v1/users/import"_s, csv, "text/csv");
    QVERIFY2(imported.status == 200, imported.describe());
    QCOMPARE(imported.json.value(u"imported"_s).toInt(), 2000);

    // Every user, once, in username order, a page of 100 at a time.
    const ApiReply all = m_admin->get(u"/admin/v1/users?limit=1"_s);
    const qint64 total = all.json.value(u"total"_s).toInteger();
    QVERIFY(total >= 2000);
    QStringList seen;
    QString after;
    int pages = 0;
    forever
    {
        const ApiReply page = m_admin->get(u"/admin/v1/users?limit=100&after="_s + encoded(after));
        QVERIFY2(page.status == 200, page.describe());
        QCOMPARE(page.json.value(u"total"_s).toInteger(), total);
        const QStringList names = usernames(page.json.value(u"users"_s).toArray());
        QVERIFY(names.size() <= 100);
        seen += names;
        ++pages;
        if (page.json.value(u"next"_s).isNull())
            break;
        after = page.json.value(u"next"_s).toString();
        QCOMPARE(after, names.last());
    }
    QCOMPARE(seen.size(), total);
    QCOMPARE(pages, int((total + 99) / 100));
    QStringList sorted = seen;
    sorted.sort();
    QCOMPARE(seen, sorted);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), seen.size());
    for (const QString &name : std::as_const(expected))
        QVERIFY2(seen.contains(name), qPrintable(name));

    // Filters page too: a group holds every seventh imported user.
    const ApiReply team = m_admin->get(u"/admin/v1/users?group=team3&limit=1000"_s);
    QCOMPARE(team.json.value(u"total"_s).toInteger(), 2000 / 7 + (3 < 2000 % 7 ? 1 : 0));
    const ApiReply phones = m_admin->get(u"/admin/v1/users?method=voice&search=csv&limit=1"_s);
    QCOMPARE(phones.json.value(u"total"_s).toInteger(), (2000 + 2) / 3);
}

void tst_AdminApi::csvPreviewReportsLinesAndWritesNothing()
{
    const qint64 before = userTotal();
    const QByteArray csv = "username,email,phone,group\n"
                           "newbie,newbie@example.com,+31612340000,ops\n"
                           "bad name,x@example.com,,\n"
                           "phoney,,0612345678,\n"
                           "newbie,again@example.com,,\n"
                           "alice,,,\n"
                           "toomany,a,b,c,d\n";
    const ApiReply preview
        = m_admin->send("POST", u"/admin/v1/users/import?preview=1"_s, csv, "text/csv");
    QVERIFY2(preview.status == 200, preview.describe());
    QCOMPARE(preview.json.value(u"valid"_s).toBool(), false);
    QStringList errors;
    for (const QJsonValue &e : preview.json.value(u"errors"_s).toArray())
        errors << e.toString();
    QCOMPARE(errors.size(), 5);
    for (const QString &line :
         { u"line 3: "_s, u"line 4: "_s, u"line 5: "_s, u"line 6: "_s, u"line 7: "_s }) {
        QVERIFY2(std::any_of(errors.cbegin(), errors.cend(),
                             [&](const QString &e) { return e.startsWith(line); }),
                 qPrintable(errors.join(u'\n') + u" lacks "_s + line));
    }
    QVERIFY(errors.join(u'\n').contains(u"exists already"_s)); // alice, line 6
    const QJsonArray rows = preview.json.value(u"rows"_s).toArray();
    QCOMPARE(rows.first()[u"username"_s].toString(), u"newbie"_s);
    QCOMPARE(rows.first()[u"line"_s].toInt(), 2);
    QCOMPARE(rows.first()[u"group"_s].toString(), u"ops"_s);
    QCOMPARE(userTotal(), before);

    // The real import refuses the same file as a whole, line by line.
    const ApiReply refused = m_admin->send("POST", u"/admin/v1/users/import"_s, csv, "text/csv");
    QCOMPARE(refused.status, 400);
    QVERIFY(refused.json.value(u"lines"_s).toArray().size() >= 4);
    QCOMPARE(userTotal(), before);
    QCOMPARE(m_admin->get(u"/admin/v1/users/newbie"_s).status, 404);

    const ApiReply clean = m_admin->send("POST", u"/admin/v1/users/import?preview=1"_s,
                                         "fresh1\nfresh2,,,\n"_ba, "text/csv");
    QCOMPARE(clean.json.value(u"valid"_s).toBool(), true);
    QCOMPARE(clean.json.value(u"rows"_s).toArray().size(), 2);
    QCOMPARE(userTotal(), before);
}

void tst_AdminApi::appCodeEnrollment()
{
    QVERIFY(addUser(u"appy"_s));
    const ApiReply enrolled
        = post(u"/admin/v1/users/appy/app_code"_s, { { u"issuer"_s, u"Example Corp"_s } });
    QVERIFY2(enrolled.status == 201, enrolled.describe());
    const QString uri = enrolled.json.value(u"otpauth_uri"_s).toString();
    const QString secret = enrolled.json.value(u"secret"_s).toString();
    m_secrets << secret;
    auto params = OtpAuthUri::parse(uri);
    QVERIFY(params);
    QCOMPARE(params->issuer, u"Example Corp"_s);
    QCOMPARE(params->account, u"appy"_s);
    QCOMPARE(params->secret, *Base32::decode(secret));
    // The QR code, read by zbarimg, is the same URI.
    QCOMPARE(readQr(QByteArray::fromBase64(enrolled.json.value(u"qr_png"_s).toString().toLatin1())),
             uri);

    // Pending until the first code: preauth-like listing shows it pending.
    const ApiReply pending = m_admin->get(u"/admin/v1/users/appy"_s);
    QCOMPARE(pending.json.value(u"methods"_s).toArray().first()[u"state"_s].toString(),
             u"pending"_s);

    const OtpGenerator generator(*params);
    const QString code = *generator.codeAt(now());
    QString wrong = code;
    wrong.back() = QChar(u'0' + (wrong.back().digitValue() + 1) % 10);
    const ApiReply rejected
        = post(u"/admin/v1/users/appy/app_code/confirm"_s, { { u"code"_s, wrong } });
    QCOMPARE(rejected.status, 400);
    QCOMPARE(rejected.json.value(u"code"_s).toString(), u"code_rejected"_s);
    const ApiReply confirmed
        = post(u"/admin/v1/users/appy/app_code/confirm"_s, { { u"code"_s, code } });
    QVERIFY2(confirmed.status == 200, confirmed.describe());
    QCOMPARE(m_admin->get(u"/admin/v1/users?method=app_code"_s).json.value(u"total"_s).toInteger(),
             1);

    // A test verification with the app's next code goes through the verifier and allows.
    const ApiReply tested = post(
        u"/admin/v1/users/appy/test"_s,
        { { u"method"_s, u"passcode"_s }, { u"passcode"_s, *generator.codeAt(now() + 30) } });
    QVERIFY2(tested.status == 200, tested.describe());
    QCOMPARE(tested.json.value(u"result"_s).toString(), u"allow"_s);

    // Removing the method leaves the user without it.
    const QString methodId = m_admin->get(u"/admin/v1/users/appy"_s)
                                 .json.value(u"methods"_s)
                                 .toArray()
                                 .first()[u"id"_s]
                                 .toString();
    QCOMPARE(m_admin->send("DELETE", u"/admin/v1/users/appy/methods/"_s + methodId).status, 200);
    QCOMPARE(m_admin->get(u"/admin/v1/users/appy"_s).json.value(u"methods"_s).toArray().size(),
             2); // sms and voice, from the phone
}

void tst_AdminApi::pskcImportAssignActivateResync()
{
    REQUIRE_VECTORS(vectors);
    QFile file(vectors + u"/pskc/rfc6030/figure3.pskcxml"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pskc = file.readAll();

    const ApiReply preview = m_admin->send("POST", u"/admin/v1/tokens/import?preview=1"_s, pskc,
                                           "application/pskc+xml");
    QVERIFY2(preview.status == 200, preview.describe());
    const QJsonObject token = preview.json.value(u"tokens"_s).toArray().first().toObject();
    QCOMPARE(token.value(u"serial"_s).toString(), u"987654321"_s);
    QCOMPARE(token.value(u"type"_s).toString(), u"hotp"_s);
    QCOMPARE(token.value(u"digits"_s).toInt(), 8);
    QCOMPARE(token.value(u"manufacturer"_s).toString(), u"Manufacturer"_s);
    QCOMPARE(token.value(u"known"_s).toBool(), false);
    QCOMPARE(m_admin->get(u"/admin/v1/tokens?serial=987654321"_s)
                 .json.value(u"tokens"_s)
                 .toArray()
                 .size(),
             0);

    const ApiReply imported = m_admin->send("POST", u"/admin/v1/tokens/import?format=pskc"_s, pskc,
                                            "application/pskc+xml");
    QVERIFY2(imported.status == 200, imported.describe());
    QCOMPARE(imported.json.value(u"imported"_s).toArray(), QJsonArray { u"987654321"_s });
    const ApiReply again
        = m_admin->send("POST", u"/admin/v1/tokens/import"_s, pskc, "application/pskc+xml");
    QCOMPARE(again.json.value(u"imported"_s).toArray().size(), 0);
    QCOMPARE(again.json.value(u"skipped"_s).toArray().first()[u"serial"_s].toString(),
             u"987654321"_s);

    QVERIFY(addUser(u"tokenholder"_s));
    const ApiReply assigned = m_helpdesk->send("POST", u"/admin/v1/tokens/987654321/assign"_s,
                                               QJsonObject { { u"user"_s, u"tokenholder"_s } });
    QVERIFY2(assigned.status == 200, assigned.describe());
    QCOMPARE(assigned.json.value(u"state"_s).toString(), u"assigned"_s);
    QCOMPARE(assigned.json.value(u"user"_s).toString(), u"tokenholder"_s);

    // RFC 4226's key: oathtool computes the codes.
    const auto hotp = [](int counter) {
        return oathtool({ u"--hotp"_s, u"-d"_s, u"8"_s, u"-c"_s, QString::number(counter),
                          u"3132333435363738393031323334353637383930"_s });
    };
    const ApiReply activated = m_helpdesk->send("POST", u"/admin/v1/tokens/987654321/activate"_s,
                                                QJsonObject { { u"code"_s, hotp(0) } });
    QVERIFY2(activated.status == 200, activated.describe());
    QCOMPARE(activated.json.value(u"state"_s).toString(), u"active"_s);

    // Far beyond the look-ahead: a passcode fails until two codes in a row resynchronise.
    const ApiReply far = m_helpdesk->send(
        "POST", u"/admin/v1/users/tokenholder/test"_s,
        QJsonObject { { u"method"_s, u"passcode"_s }, { u"passcode"_s, hotp(60) } });
    QCOMPARE(far.json.value(u"result"_s).toString(), u"deny"_s);
    const ApiReply synced
        = m_helpdesk->send("POST", u"/admin/v1/tokens/987654321/resync"_s,
                           QJsonObject { { u"first"_s, hotp(61) }, { u"second"_s, hotp(62) } });
    QVERIFY2(synced.status == 200, synced.describe());
    const ApiReply next = m_helpdesk->send(
        "POST", u"/admin/v1/users/tokenholder/test"_s,
        QJsonObject { { u"method"_s, u"passcode"_s }, { u"passcode"_s, hotp(63) } });
    QCOMPARE(next.json.value(u"result"_s).toString(), u"allow"_s);

    const ApiReply unassigned
        = m_helpdesk->send("POST", u"/admin/v1/tokens/987654321/unassign"_s, QJsonObject {});
    QCOMPARE(unassigned.json.value(u"state"_s).toString(), u"unassigned"_s);
    QCOMPARE(m_admin->get(u"/admin/v1/tokens?unassigned=1&serial=9876"_s)
                 .json.value(u"tokens"_s)
                 .toArray()
                 .size(),
             1);
}

void tst_AdminApi::pskcKeysComeFromHeaders()
{
    REQUIRE_VECTORS(vectors);
    QFile password(vectors + u"/pskc/rfc6030/figure7.pskcxml"_s);
    QFile preShared(vectors + u"/pskc/rfc6030/figure6.pskcxml"_s);
    QVERIFY(password.open(QIODevice::ReadOnly) && preShared.open(QIODevice::ReadOnly));
    const QByteArray figure7 = password.readAll();
    const QByteArray figure6 = preShared.readAll();
    m_secrets << u"qwerty"_s << u"12345678901234567890123456789012"_s;

    const ApiReply needsKey = m_admin->send("POST", u"/admin/v1/tokens/import?preview=1"_s, figure7,
                                            "application/pskc+xml");
    QCOMPARE(needsKey.status, 400);
    QCOMPARE(needsKey.json.value(u"code"_s).toString(), u"token_key_needed"_s);
    const ApiReply wrongPassword
        = m_admin->send("POST", u"/admin/v1/tokens/import?preview=1"_s, figure7,
                        "application/pskc+xml", { { "X-Twofold-Pskc-Password", "qwertz" } });
    QCOMPARE(wrongPassword.json.value(u"code"_s).toString(), u"token_key_wrong"_s);
    const ApiReply withPassword
        = m_admin->send("POST", u"/admin/v1/tokens/import?preview=1"_s, figure7,
                        "application/pskc+xml", { { "X-Twofold-Pskc-Password", "qwerty" } });
    QVERIFY2(withPassword.status == 200, withPassword.describe());
    QCOMPARE(withPassword.json.value(u"tokens"_s).toArray().size(), 1);

    const ApiReply withKey = m_admin->send(
        "POST", u"/admin/v1/tokens/import?preview=1"_s, figure6, "application/pskc+xml",
        { { "X-Twofold-Pskc-Key", "12345678901234567890123456789012" } });
    QVERIFY2(withKey.status == 200, withKey.describe());
    const ApiReply notHex
        = m_admin->send("POST", u"/admin/v1/tokens/import?preview=1"_s, figure6,
                        "application/pskc+xml", { { "X-Twofold-Pskc-Key", "not hex" } });
    QCOMPARE(notHex.status, 400);
    QCOMPARE(::field(notHex), u"key"_s);
}

void tst_AdminApi::azureCsvImportAssignsAndActivates()
{
    QVERIFY(post(u"/admin/v1/users"_s, { { u"username"_s, u"carol@example.com"_s } }).status
            == 201);
    const QString secret = u"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"_s;
    m_secrets << secret;
    const QByteArray csv = "upn,serial number,secret key,time interval,manufacturer,model\n"
                           "carol@example.com,AZ-0001,"
        + secret.toLatin1()
        + ",30,Contoso,Key\n"
          "nobody@example.com,AZ-0002,"
        + secret.toLatin1() + ",60,Contoso,Key\n";
    const ApiReply imported
        = m_admin->send("POST", u"/admin/v1/tokens/import?format=csv"_s, csv, "text/csv");
    QVERIFY2(imported.status == 200, imported.describe());
    QCOMPARE(imported.json.value(u"imported"_s).toArray().size(), 2);
    // The upn names an existing user: the token is hers already; the other waits unassigned.
    const ApiReply listed = m_admin->get(u"/admin/v1/tokens?serial=AZ-"_s);
    const QJsonArray tokens = listed.json.value(u"tokens"_s).toArray();
    QCOMPARE(tokens.size(), 2);
    QCOMPARE(tokens[0][u"user"_s].toString(), u"carol@example.com"_s);
    QCOMPARE(tokens[0][u"period"_s].toInt(), 30);
    QCOMPARE(tokens[1][u"state"_s].toString(), u"unassigned"_s);
    QCOMPARE(tokens[1][u"period"_s].toInt(), 60);

    const ApiReply activated = post(u"/admin/v1/tokens/AZ-0001/activate"_s,
                                    { { u"code"_s, oathtool({ u"--totp"_s, u"-b"_s, secret }) } });
    QVERIFY2(activated.status == 200, activated.describe());
    QCOMPARE(activated.json.value(u"state"_s).toString(), u"active"_s);

    const ApiReply broken
        = m_admin->send("POST", u"/admin/v1/tokens/import"_s,
                        "upn,serial number,secret key,time interval,manufacturer,model\n"
                        "a@example.com,AZ-9,NOT-BASE32!,30,X,Y\n"
                        "b@example.com,AZ-10,JBSWY3DPEHPK3PXP,45,X,Y\n"_ba,
                        "text/csv");
    QCOMPARE(broken.status, 400);
    const QJsonArray lines = broken.json.value(u"lines"_s).toArray();
    QVERIFY2(lines.size() >= 2, broken.describe());
    QVERIFY(lines[0].toString().startsWith(u"line 2: "_s));
    QVERIFY(lines[lines.size() - 1].toString().startsWith(u"line 3: "_s));
    QCOMPARE(
        m_admin->get(u"/admin/v1/tokens?serial=AZ-9"_s).json.value(u"tokens"_s).toArray().size(),
        0);
}

void tst_AdminApi::bypassCodesWorkOnce()
{
    QVERIFY(addUser(u"traveller"_s));
    const ApiReply made = m_helpdesk->send("POST", u"/admin/v1/users/traveller/bypass"_s,
                                           QJsonObject { { u"count"_s, 3 } });
    QVERIFY2(made.status == 201, made.describe());
    QStringList codes;
    for (const QJsonValue &c : made.json.value(u"codes"_s).toArray())
        codes << c.toString();
    m_secrets += codes;
    QCOMPARE(codes.size(), 3);
    QCOMPARE(QSet<QString>(codes.begin(), codes.end()).size(), 3);
    static const QRegularExpression nineDigits(u"^\\d{9}$"_s);
    for (const QString &code : std::as_const(codes))
        QVERIFY(nineDigits.match(code).hasMatch());
    QVERIFY(made.json.value(u"expires"_s).toInteger() > now());

    const auto test = [this](const QString &code) {
        return m_helpdesk
            ->send("POST", u"/admin/v1/users/traveller/test"_s,
                   QJsonObject { { u"method"_s, u"passcode"_s }, { u"passcode"_s, code } })
            .json;
    };
    const QJsonObject first = test(codes[1]);
    QCOMPARE(first.value(u"result"_s).toString(), u"allow"_s);
    QCOMPARE(first.value(u"status"_s).toString(), u"bypass"_s);
    QCOMPARE(test(codes[1]).value(u"result"_s).toString(), u"deny"_s);
    QCOMPARE(test(codes[2]).value(u"result"_s).toString(), u"allow"_s);

    // The codes are counted in the audit log, never written there.
    const ApiReply audit
        = m_admin->get(u"/admin/v1/audit?action=bypass.create&subject=traveller"_s);
    QCOMPARE(audit.json.value(u"entries"_s).toArray().size(), 1);
    for (const QString &code : std::as_const(codes))
        QVERIFY(!audit.body.contains(code.toLatin1()));
}

void tst_AdminApi::blockAndUnblock()
{
    QVERIFY(addUser(u"suspect"_s));
    const qint64 until = now() + 3600;
    const ApiReply blocked = m_helpdesk->send(
        "POST", u"/admin/v1/users/suspect/block"_s,
        QJsonObject { { u"reason"_s, u"lost laptop"_s }, { u"until"_s, until } });
    QVERIFY2(blocked.status == 200, blocked.describe());
    QCOMPARE(blocked.json.value(u"status"_s).toString(), u"blocked"_s);
    QCOMPARE(blocked.json.value(u"blocked_until"_s).toInteger(), until);
    QVERIFY(usernames(
                m_admin->get(u"/admin/v1/users?status=blocked"_s).json.value(u"users"_s).toArray())
                .contains(u"suspect"_s));
    const ApiReply denied = m_helpdesk->send("POST", u"/admin/v1/users/suspect/test"_s,
                                             QJsonObject { { u"method"_s, u"sms"_s } });
    QCOMPARE(denied.json.value(u"result"_s).toString(), u"deny"_s);
    QVERIFY(denied.json.value(u"status_msg"_s).toString().contains(u"disabled"_s));

    const ApiReply past
        = m_helpdesk->send("POST", u"/admin/v1/users/suspect/block"_s,
                           QJsonObject { { u"reason"_s, u"x"_s }, { u"until"_s, now() - 10 } });
    QCOMPARE(past.status, 400);
    QCOMPARE(::field(past), u"until"_s);
    const ApiReply noReason = m_helpdesk->send("POST", u"/admin/v1/users/suspect/block"_s,
                                               QJsonObject { { u"reason"_s, u"  "_s } });
    QCOMPARE(::field(noReason), u"reason"_s);

    const ApiReply unblocked
        = m_helpdesk->send("POST", u"/admin/v1/users/suspect/unblock"_s, QJsonObject {});
    QVERIFY2(unblocked.status == 200, unblocked.describe());
    QCOMPARE(unblocked.json.value(u"status"_s).toString(), u"active"_s);
    const ApiReply audit
        = m_admin->get(u"/admin/v1/audit?subject=suspect&actor=admin%3Adesk&action=user.block"_s);
    const QJsonArray entries = audit.json.value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0][u"details"_s][u"reason"_s].toString(), u"lost laptop"_s);
}

void tst_AdminApi::policyChanges()
{
    const ApiReply current = m_admin->get(u"/admin/v1/policy"_s);
    QCOMPARE(current.json.value(u"lockout_threshold"_s).toInt(), 5);

    const ApiReply changed = m_admin->send(
        "PATCH", u"/admin/v1/policy"_s,
        QJsonObject { { u"lockout_threshold"_s, 7 },
                      { u"group_methods"_s,
                        QJsonObject { { u"finance"_s, QJsonArray { u"app_code"_s } } } } });
    QVERIFY2(changed.status == 200, changed.describe());
    QCOMPARE(changed.json.value(u"lockout_threshold"_s).toInt(), 7);
    // Partial: the settings not named stay.
    QCOMPARE(changed.json.value(u"otp_window"_s).toInt(),
             current.json.value(u"otp_window"_s).toInt());
    QCOMPARE(m_helpdesk->get(u"/admin/v1/policy"_s).json.value(u"lockout_threshold"_s).toInt(), 7);
    // The group's own list shows in the groups.
    const QJsonArray groups = m_admin->get(u"/admin/v1/groups"_s).json.value(u"groups"_s).toArray();
    const auto finance = std::find_if(groups.begin(), groups.end(), [](const QJsonValue &g) {
        return g[u"name"_s].toString() == u"finance";
    });
    QVERIFY(finance != groups.end());
    QCOMPARE((*finance)[u"methods"_s].toArray(), QJsonArray { u"app_code"_s });

    const ApiReply refused = m_helpdesk->send("PATCH", u"/admin/v1/policy"_s,
                                              QJsonObject { { u"lockout_threshold"_s, 99 } });
    QCOMPARE(refused.status, 403);
    QCOMPARE(m_admin->get(u"/admin/v1/policy"_s).json.value(u"lockout_threshold"_s).toInt(), 7);
    QCOMPARE(m_admin
                 ->send("PATCH", u"/admin/v1/policy"_s,
                        QJsonObject { { u"lockout_threshold"_s, 5 },
                                      { u"group_methods"_s, QJsonObject {} } })
                 .status,
             200);
}

void tst_AdminApi::pushActivationLink()
{
    QVERIFY(addUser(u"pusher"_s));
    const ApiReply activation = post(u"/admin/v1/users/pusher/activation"_s);
    QVERIFY2(activation.status == 201, activation.describe());
    const QString link = activation.json.value(u"url"_s).toString();
    const QUrl url(link);
    QCOMPARE(url.scheme(), u"twofold"_s);
    QCOMPARE(url.host(), u"activate"_s);
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(u"url"_s, QUrl::FullyDecoded),
             u"https://127.0.0.1:%1"_s.arg(m_server->port()));
    QCOMPARE(query.queryItemValue(u"code"_s), activation.json.value(u"code"_s).toString());
    m_secrets << activation.json.value(u"code"_s).toString();
    // The pin is the certificate's SHA-256, as any TLS client computes it.
    const QList<QSslCertificate> certificate = QSslCertificate::fromPath(m_data.certificatePath());
    QCOMPARE(query.queryItemValue(u"fp"_s).toLatin1(),
             certificate.first().digest(QCryptographicHash::Sha256).toHex());
    const qint64 expires = activation.json.value(u"expires"_s).toInteger();
    QVERIFY(expires > now() + 500 && expires <= now() + 600);
    QCOMPARE(
        readQr(QByteArray::fromBase64(activation.json.value(u"qr_png"_s).toString().toLatin1())),
        link);
}

void tst_AdminApi::outboxAndTestVerifications()
{
    const QString phone = u"+31655555555"_s;
    QVERIFY(addUser(u"caller"_s, phone));
    const ApiReply sms = m_helpdesk->send("POST", u"/admin/v1/users/caller/test"_s,
                                          QJsonObject { { u"method"_s, u"sms"_s } });
    QVERIFY2(sms.status == 200, sms.describe());
    QCOMPARE(sms.json.value(u"status"_s).toString(), u"sent"_s);
    const ApiReply outbox = m_helpdesk->get(u"/admin/v1/outbox?limit=20"_s);
    QVERIFY2(outbox.status == 200, outbox.describe());
    QString code;
    static const QRegularExpression sixDigits(u"\\b(\\d{6})\\b"_s);
    for (const QJsonValue &m : outbox.json.value(u"messages"_s).toArray()) {
        if (m[u"kind"_s].toString() == u"sms" && m[u"to"_s].toString() == phone)
            code = sixDigits.match(m[u"body"_s].toString()).captured(1);
    }
    QVERIFY(!code.isEmpty());
    m_secrets << code;
    const ApiReply typed
        = m_helpdesk->send("POST", u"/admin/v1/users/caller/test"_s,
                           QJsonObject { { u"method"_s, u"passcode"_s }, { u"passcode"_s, code } });
    QCOMPARE(typed.json.value(u"result"_s).toString(), u"allow"_s);

    // A call: the transaction waits until the outbox's keypad answers it.
    const ApiReply call = m_helpdesk->send("POST", u"/admin/v1/users/caller/test"_s,
                                           QJsonObject { { u"method"_s, u"phone"_s } });
    const QString txid = call.json.value(u"txid"_s).toString();
    QVERIFY2(!txid.isEmpty() && call.json.value(u"result"_s).toString() == u"waiting",
             call.describe());
    QCOMPARE(m_admin->get(u"/admin/v1/transactions/%1?wait=0"_s.arg(txid))
                 .json.value(u"status"_s)
                 .toString(),
             u"calling"_s);
    QNetworkReply *poll = m_admin->start("GET", u"/admin/v1/transactions/"_s + txid);
    const ApiReply answered = m_helpdesk->send("POST", u"/admin/v1/outbox/%1/answer"_s.arg(txid),
                                               QJsonObject { { u"keys"_s, u"#"_s } });
    QVERIFY2(answered.status == 200, answered.describe());
    const ApiReply status = AdminClient::finish(poll);
    QVERIFY2(status.status == 200, status.describe());
    QCOMPARE(status.json.value(u"result"_s).toString(), u"allow"_s);
    QCOMPARE(m_helpdesk
                 ->send("POST", u"/admin/v1/outbox/%1/answer"_s.arg(txid),
                        QJsonObject { { u"keys"_s, u"#"_s } })
                 .status,
             404);
    QCOMPARE(m_admin->get(u"/admin/v1/transactions/TXNOSUCHTHING"_s).status, 404);
}

void tst_AdminApi::fraudLongPollWokenByACall()
{
    QVERIFY(addUser(u"victim"_s, u"+31666666666"_s));
    const ApiReply before = m_admin->get(u"/admin/v1/fraud"_s);
    QVERIFY2(before.status == 200, before.describe());
    const QString cursor = before.json.value(u"next"_s).toString();
    QVERIFY(!cursor.isEmpty());

    // The alert list waits from the cursor; a call answered with the fraud code wakes it.
    QNetworkReply *poll = m_admin->start("GET", u"/admin/v1/fraud?wait=1&after="_s + cursor);
    const ApiReply call = m_helpdesk->send("POST", u"/admin/v1/users/victim/test"_s,
                                           QJsonObject { { u"method"_s, u"phone"_s } });
    const QString txid = call.json.value(u"txid"_s).toString();
    QVERIFY2(!txid.isEmpty(), call.describe());
    QCOMPARE(m_helpdesk
                 ->send("POST", u"/admin/v1/outbox/%1/answer"_s.arg(txid),
                        QJsonObject { { u"keys"_s, u"0#"_s } })
                 .status,
             200);
    const ApiReply woken = AdminClient::finish(poll);
    QVERIFY2(woken.status == 200, woken.describe());
    const QJsonArray alerts = woken.json.value(u"alerts"_s).toArray();
    QVERIFY2(!alerts.isEmpty(), woken.describe());
    QCOMPARE(alerts[0][u"username"_s].toString(), u"victim"_s);
    QCOMPARE(alerts[0][u"source"_s].toString(), u"voice"_s);
    QCOMPARE(alerts[0][u"txid"_s].toString(), txid);
    QVERIFY(woken.json.value(u"next"_s).toString() != cursor);

    // Policy blocks the user at once; unblocking resolves the alert.
    QCOMPARE(m_admin->get(u"/admin/v1/users/victim"_s).json.value(u"status"_s).toString(),
             u"blocked"_s);
    QCOMPARE(m_admin->get(u"/admin/v1/transactions/"_s + txid).json.value(u"status"_s).toString(),
             u"fraud"_s);
    const auto unresolved = [this] {
        QStringList names;
        for (const QJsonValue &a :
             m_admin->get(u"/admin/v1/fraud?unresolved=1"_s).json.value(u"alerts"_s).toArray())
            names << a[u"username"_s].toString();
        return names;
    };
    QVERIFY(unresolved().contains(u"victim"_s));
    QCOMPARE(m_helpdesk->send("POST", u"/admin/v1/users/victim/unblock"_s, QJsonObject {}).status,
             200);
    QVERIFY(!unresolved().contains(u"victim"_s));

    // With the newest cursor there is nothing new: a poll with wait=1 then parks (not tested
    // here, as its end is a deadline); a bad cursor is refused.
    QCOMPARE(m_admin->get(u"/admin/v1/fraud?wait=1&after=yesterday"_s).status, 400);
}

void tst_AdminApi::applicationsAndAdmins()
{
    const ApiReply created = post(u"/admin/v1/apps"_s, { { u"name"_s, u"Intranet"_s } });
    QVERIFY2(created.status == 201, created.describe());
    const QString ikey = created.json.value(u"ikey"_s).toString();
    const QString skey = created.json.value(u"skey"_s).toString();
    QVERIFY(ikey.startsWith(u"DI"_s));
    QCOMPARE(skey.size(), 40);
    m_secrets << skey;
    const ApiReply listed = m_admin->get(u"/admin/v1/apps"_s);
    QVERIFY(listed.body.contains(ikey.toLatin1()));
    QVERIFY(!listed.body.contains(skey.toLatin1())); // shown once, at creation
    QCOMPARE(m_admin->send("DELETE", u"/admin/v1/apps/"_s + ikey).status, 200);
    QCOMPARE(m_admin->send("DELETE", u"/admin/v1/apps/"_s + ikey).status, 404);

    // A new admin made through the API can sign in with what the API returned.
    const ApiReply admin = post(u"/admin/v1/admins"_s,
                                { { u"username"_s, u"newhelp"_s }, { u"role"_s, u"helpdesk"_s } });
    QVERIFY2(admin.status == 201, admin.describe());
    AdminLogin login { u"newhelp"_s, admin.json.value(u"password"_s).toString(),
                       admin.json.value(u"otpauth_uri"_s).toString(), u"helpdesk"_s };
    m_secrets << login.password;
    QCOMPARE(readQr(QByteArray::fromBase64(admin.json.value(u"qr_png"_s).toString().toLatin1())),
             login.otpauthUri);
    AdminClient client(*m_server, m_data.certificatePath());
    QCOMPARE(client.signIn(login).json.value(u"role"_s).toString(), u"helpdesk"_s);
    m_secrets << client.token();
    const ApiReply who = client.get(u"/admin/v1/session"_s);
    QCOMPARE(who.json.value(u"username"_s).toString(), u"newhelp"_s);
    QCOMPARE(
        post(u"/admin/v1/admins"_s, { { u"username"_s, u"x"_s }, { u"role"_s, u"boss"_s } }).status,
        400);
    QCOMPARE(client.send("DELETE", u"/admin/v1/session"_s).status, 200);
    QCOMPARE(client.get(u"/admin/v1/session"_s).status, 401);
}

void tst_AdminApi::auditQueryExportAndVerify()
{
    const QString actor = u"admin:root"_s;
    const ApiReply page = m_admin->get(u"/admin/v1/audit?actor=admin%3Aroot&limit=5"_s);
    QVERIFY2(page.status == 200, page.describe());
    const QJsonArray entries = page.json.value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 5);
    for (const QJsonValue &e : entries)
        QCOMPARE(e[u"actor"_s].toString(), actor);
    // Newest first, and the next page continues below the last seq.
    const qint64 next = page.json.value(u"next"_s).toInteger();
    QCOMPARE(next, entries.last()[u"seq"_s].toInteger());
    const ApiReply older
        = m_admin->get(u"/admin/v1/audit?actor=admin%3Aroot&limit=5&before=%1"_s.arg(next));
    QVERIFY(older.json.value(u"entries"_s).toArray().first()[u"seq"_s].toInteger() < next);

    // Every kind of change this test made is there, under the admin who made it.
    for (const QString &action :
         { u"user.create"_s, u"user.update"_s, u"user.delete"_s, u"enroll.app_code"_s,
           u"enroll.app_code.confirm"_s, u"method.remove"_s, u"token.import"_s, u"policy.update"_s,
           u"app.create"_s, u"app.delete"_s, u"admin.create"_s, u"push.activation"_s,
           u"admin.signin"_s, u"verify.test"_s }) {
        const ApiReply found
            = m_admin->get(u"/admin/v1/audit?actor=admin%3Aroot&limit=1&action="_s + action);
        QVERIFY2(found.json.value(u"entries"_s).toArray().size() == 1, qPrintable(action));
    }

    // The CSV export holds what paging through the same filter finds (over 2,000 entries).
    const QString from = QDateTime::fromSecsSinceEpoch(now() - 3600, Qt::UTC).toString(Qt::ISODate);
    const QString filter = u"actor=admin%3Aroot&from="_s + encoded(from);
    qint64 paged = 0;
    QJsonValue before = 0;
    do {
        const ApiReply chunk = m_admin->get(u"/admin/v1/audit?limit=1000&%1&before=%2"_s.arg(
            filter, QString::number(before.toInteger())));
        QVERIFY2(chunk.status == 200, chunk.describe());
        paged += chunk.json.value(u"entries"_s).toArray().size();
        before = chunk.json.value(u"next"_s);
    } while (!before.isNull());
    QVERIFY(paged > 2000);
    const ApiReply csv = m_admin->get(u"/admin/v1/audit.csv?"_s + filter);
    QVERIFY2(csv.status == 200, csv.describe());
    QVERIFY(csv.contentType.startsWith("text/csv"));
    const QList<QByteArray> lines = csv.body.trimmed().split('\n');
    QCOMPARE(lines.first().trimmed(), "seq,time,actor,action,subject,result,details"_ba);
    QCOMPARE(lines.size() - 1, paged);
    QVERIFY(lines[1].contains("\"admin:root\""));

    const ApiReply verified = m_admin->send("POST", u"/admin/v1/audit/verify"_s, QJsonObject {});
    QVERIFY2(verified.status == 200, verified.describe());
    QCOMPARE(verified.json.value(u"intact"_s).toBool(), true);
    QVERIFY(verified.json.value(u"rows"_s).toInteger() > 2000);
    QCOMPARE(m_admin->get(u"/admin/v1/audit?from=last+week"_s).status, 400);
}

void tst_AdminApi::secretsNeverReachTheLog()
{
    const QString log = m_server->log();
    QVERIFY(log.contains(u"\"path\":\"/admin/v1/users\""_s)); // the requests are logged
    QVERIFY(m_secrets.size() > 15);
    for (const QString &secret : std::as_const(m_secrets)) {
        QVERIFY(!secret.isEmpty());
        QVERIFY2(!log.contains(secret), "a secret is in the server's log");
    }
    // Nor do query strings (PSKC keys may ride there) or bodies appear.
    QVERIFY(!log.contains(u"preview=1"_s));
    QVERIFY(!log.contains(u"lost laptop"_s));
}

void tst_AdminApi::pageSpeedWith100000Users()
{
    ServerData data;
    QVERIFY2(data.init(), data.lastRun());
    // A 10,000-user import takes seconds; the request limit must not cut it off.
    QVERIFY(data.setConfig({ { u"limits"_s, QJsonObject { { u"request_seconds"_s, 600 } } } }));
    ServerProcess server(data);
    QVERIFY2(server.start(), qPrintable(server.log()));
    QString why;
    auto login = addAdmin(data, u"bulk"_s, u"admin"_s, &why);
    QVERIFY2(login, qPrintable(why));
    AdminClient client(server, data.certificatePath());
    QCOMPARE(client.signIn(*login).status, 200);

    constexpr int users = 100'000;
    constexpr int chunk = 10'000;
    QElapsedTimer importing;
    importing.start();
    for (int start = 0; start < users; start += chunk) {
        QByteArray csv;
        csv.reserve(chunk * 48);
        for (int i = start; i < start + chunk; ++i)
            csv += u"user%1,user%1@example.com,,dept%2\n"_s.arg(i, 6, 10, QChar(u'0'))
                       .arg(i % 50)
                       .toUtf8();
        const ApiReply imported = client.send("POST", u"/admin/v1/users/import"_s, csv, "text/csv");
        QVERIFY2(imported.status == 200, imported.describe());
        QCOMPARE(imported.json.value(u"imported"_s).toInt(), chunk);
    }
    const qint64 importMs = importing.elapsed();

    // Median and worst of 25 requests each, over HTTPS on one kept-alive connection.
    const auto measure = [&client](const QString &path, int expectedUsers, qint64 expectedTotal,
                                   double *median, double *worst) {
        QList<double> times;
        for (int i = 0; i < 25; ++i) {
            QElapsedTimer timer;
            timer.start();
            const ApiReply page = client.get(path);
            times << double(timer.nsecsElapsed()) / 1e6;
            if (page.status != 200 || page.json.value(u"users"_s).toArray().size() != expectedUsers
                || page.json.value(u"total"_s).toInteger() != expectedTotal)
                return false;
        }
        std::sort(times.begin(), times.end());
        *median = times[times.size() / 2];
        *worst = times.last();
        return true;
    };
    struct Case
    {
        const char *what;
        QString path;
        int users;
        qint64 total;
    };
    const QList<Case> cases {
        { "first page", u"/admin/v1/users?limit=100"_s, 100, users + 0 },
        { "middle page (after=)", u"/admin/v1/users?limit=100&after=user050000"_s, 100, users },
        { "last page (after=)", u"/admin/v1/users?limit=100&after=user099950"_s, 49, users },
        { "search prefix", u"/admin/v1/users?limit=100&search=user0999"_s, 100, 100 },
        { "group filter", u"/admin/v1/users?limit=100&group=dept7"_s, 100, users / 50 },
    };
    qInfo("100,000 users imported through /admin/v1/users/import in 10 chunks: %.1f s "
          "(%.0f users/s)",
          double(importMs) / 1000, users * 1000.0 / double(std::max<qint64>(importMs, 1)));
    for (const Case &c : cases) {
        double median = 0;
        double worst = 0;
        QVERIFY2(measure(c.path, c.users, c.total, &median, &worst), c.what);
        qInfo("GET %s with 100,000 users (%s): median %.2f ms, worst %.2f ms of 25",
              qPrintable(c.path), c.what, median, worst);
    }
    QCOMPARE(server.terminate(), 0);
}

QTEST_GUILESS_MAIN(tst_AdminApi)
#include "tst_adminapi.moc"
