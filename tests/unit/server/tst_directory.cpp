#include "serverfixture.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;
using namespace twofold::server::testing;

namespace {

// The 2,500 users of the paging rows, as the test itself knows them.
struct KnownUser
{
    QString username, email, phone, group;
    bool blocked = false, locked = false, appCode = false, pushDevice = false;
};

KnownUser knownUser(int i)
{
    KnownUser u;
    u.username = u"user%1"_s.arg(i, 4, 10, QChar(u'0'));
    if (i % 2 == 0)
        u.email = u"E%1@Example.org"_s.arg(i, 4, 10, QChar(u'0'));
    if (i % 4 == 0)
        u.phone = u"+3161%1"_s.arg(i, 7, 10, QChar(u'0'));
    u.group = i % 3 == 0 ? u"vpn"_s : i % 3 == 1 ? u"web"_s : QString();
    u.blocked = i % 7 == 0;
    u.locked = i % 11 == 0;
    u.appCode = i % 5 == 0;
    u.pushDevice = i % 13 == 0;
    return u;
}

constexpr int knownUsers = 2500;

} // namespace

class tst_Directory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void usernamesNormalised_data();
    void usernamesNormalised();
    void usernamesRefused_data();
    void usernamesRefused();
    void phones_data();
    void phones();
    void keysetPaging_data();
    void keysetPaging();
    void importUsers_data();
    void importUsers();
    void importIsAllOrNothing();
    void updateAndDelete();
    void blockAndUnblock();
    void voicePin_data();
    void voicePin();
    void adminSignIn_data();
    void adminSignIn();
    void adminReplayRefused();
    void adminLockout();
    void sessionsExpire();
    void applications();
    void deletedApplicationSeenByAnotherConnection();
    void sealedSecretBoundToItsRow();
    void policyStored();

private:
    static NewAdmin addAdmin(ServerParts &parts, const QString &name, Role role);

    TestDatabases m_databases;
    ServerParts m_paged; // the 2,500 users, built once
};

void tst_Directory::initTestCase()
{
    OPEN_PARTS(m_paged, m_databases.fresh(false));
    QByteArray csv = "username,email,phone,group\n";
    for (int i = knownUsers - 1; i >= 0; --i) { // out of order on purpose
        const KnownUser u = knownUser(i);
        csv += (u.username + u',' + u.email + u',' + u.phone + u',' + u.group + u'\n').toUtf8();
    }
    const auto imported = m_paged.directory->importUsers(csv, u"cli"_s);
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().message));
    QCOMPARE(*imported, knownUsers);
    for (int i = 0; i < knownUsers; ++i) {
        const KnownUser u = knownUser(i);
        if (u.blocked)
            QVERIFY(m_paged.directory->block(u.username, 0, u"test"_s, u"cli"_s));
        // Lockouts come from the verifier, app codes from enrollment, devices from activation:
        // written directly here to keep 2,500 users quick.
        if (u.locked)
            QVERIFY(m_paged.run(u"UPDATE users SET locked_until = ? WHERE username = ?"_s,
                                { ServerParts::start + 600, u.username }));
        const QString id = m_paged.directory->user(u.username)->id;
        if (u.appCode)
            QVERIFY(m_paged.run(u"INSERT INTO methods (id, user_id, kind, state, created) "
                                "VALUES (?, ?, 'app_code', 'active', 0)"_s,
                                { u"DM%1"_s.arg(i), id }));
        else if (i % 10 == 1) // pending enrollments do not count as a method
            QVERIFY(m_paged.run(u"INSERT INTO methods (id, user_id, kind, state, created) "
                                "VALUES (?, ?, 'app_code', 'pending', 0)"_s,
                                { u"DM%1"_s.arg(i), id }));
        if (u.pushDevice || i % 17 == 0)
            QVERIFY(
                m_paged.run(u"INSERT INTO devices (id, user_id, name, public_key, status, "
                            "created) VALUES (?, ?, 'laptop', 'k', ?, 0)"_s,
                            { u"DV%1"_s.arg(i), id, u.pushDevice ? u"active"_s : u"revoked"_s }));
    }
}

void tst_Directory::usernamesNormalised_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("lookup");
    QTest::newRow("upper case") << u"Alice"_s << u"alice"_s << u"ALICE"_s;
    QTest::newRow("spaces around") << u"  bob \t"_s << u"bob"_s << u" bob"_s;
    QTest::newRow("non-ASCII letters") << u"ÉLODIE"_s << u"élodie"_s << u"Élodie"_s;
    QTest::newRow("an e-mail address as username")
        << u"Carol@Example.COM"_s << u"carol@example.com"_s << u"carol@example.com"_s;
}

void tst_Directory::usernamesNormalised()
{
    QFETCH(QString, given);
    QFETCH(QString, stored);
    QFETCH(QString, lookup);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const auto added = parts.directory->addUser(given, {}, u"cli"_s);
    QVERIFY(added);
    QCOMPARE(added->username, stored);
    QVERIFY(added->id.startsWith(u"DU"_s));
    QCOMPARE(parts.directory->user(lookup)->id, added->id);
    QCOMPARE(parts.directory->user(added->id)->username, stored);
    // The same name in another spelling is the same user.
    const auto again = parts.directory->addUser(lookup, {}, u"cli"_s);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
    const auto audit = parts.audit->query(about(stored, u"user.create"_s));
    QVERIFY(audit);
    QCOMPARE(audit->size(), 1);
}

void tst_Directory::usernamesRefused_data()
{
    QTest::addColumn<QString>("given");
    QTest::newRow("empty") << QString();
    QTest::newRow("only spaces") << u"   "_s;
    QTest::newRow("space inside") << u"a b"_s;
    QTest::newRow("comma, which breaks CSV files") << u"a,b"_s;
    QTest::newRow("control character") << u"a\u0001b"_s;
    QTest::newRow("257 characters") << QString(257, u'a');
}

void tst_Directory::usernamesRefused()
{
    QFETCH(QString, given);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const auto added = parts.directory->addUser(given, {}, u"cli"_s);
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(parts.value(u"SELECT count(*) FROM users"_s).toInt(), 0);
}

void tst_Directory::phones_data()
{
    QTest::addColumn<QString>("phone");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("E.164 mobile") << u"+31612345678"_s << true;
    QTest::newRow("shortest") << u"+123"_s << true;
    QTest::newRow("15 digits, the E.164 maximum") << u"+123456789012345"_s << true;
    QTest::newRow("empty: no phone") << QString() << true;
    QTest::newRow("16 digits refused") << u"+1234567890123456"_s << false;
    QTest::newRow("national form refused") << u"0612345678"_s << false;
    QTest::newRow("spaces refused") << u"+31 6 12345678"_s << false;
    QTest::newRow("dashes refused") << u"+1-202-555-0100"_s << false;
    QTest::newRow("plus only") << u"+"_s << false;
    QTest::newRow("two plus signs") << u"++31612345678"_s << false;
    QTest::newRow("letters") << u"+3161234567a"_s << false;
    // Country codes start with 1 to 9 (ITU-T E.164).
    QTest::newRow("country code 0 refused") << u"+0612345678"_s << false;
    // Providers take ASCII digits only; QChar::isDigit() also says yes to these.
    QTest::newRow("Arabic-Indic digits refused") << u"+٣١٦١٢٣٤٥٦٧٨"_s << false;
    QTest::newRow("full-width digits refused") << u"+３１６１２３４５６７８"_s << false;
}

void tst_Directory::phones()
{
    QFETCH(QString, phone);
    QFETCH(bool, accepted);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const auto added = parts.directory->addUser(u"alice"_s, userFields({}, phone), u"cli"_s);
    QCOMPARE(added.has_value(), accepted);
    if (accepted) {
        QCOMPARE(added->phone, phone);
    } else {
        QCOMPARE(added.error().code, ErrorCode::InvalidArgument);
        QVERIFY(added.error().message.contains(u"+31612345678"_s)); // says how to write it
    }
    // An update checks the same way.
    QVERIFY(parts.directory->addUser(u"bob"_s, {}, u"cli"_s));
    const auto updated = parts.directory->updateUser(u"bob"_s, userFields({}, phone), u"cli"_s);
    QCOMPARE(updated.has_value(), accepted);
    QCOMPARE(parts.directory->user(u"bob"_s)->phone, accepted ? phone : QString());
    // And so does a CSV import.
    const auto imported
        = parts.directory->importUsers((u"carol,,"_s + phone + u",\n"_s).toUtf8(), u"cli"_s);
    QCOMPARE(imported.has_value(), accepted);
}

void tst_Directory::keysetPaging_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("method");
    QTest::addColumn<int>("limit");
    QTest::newRow("everyone, pages of 97")
        << QString() << QString() << QString() << QString() << 97;
    QTest::newRow("everyone, pages of 1000")
        << QString() << QString() << QString() << QString() << 1000;
    QTest::newRow("everyone, one page of 2500 clamped to 1000")
        << QString() << QString() << QString() << QString() << 2500;
    QTest::newRow("search a username prefix")
        << u"user01"_s << QString() << QString() << QString() << 30;
    QTest::newRow("search is case-insensitive")
        << u"USER01"_s << QString() << QString() << QString() << 30;
    QTest::newRow("search an e-mail prefix")
        << u"e02"_s << QString() << QString() << QString() << 7;
    QTest::newRow("search: _ is a letter, not a wildcard")
        << u"user_"_s << QString() << QString() << QString() << 50;
    QTest::newRow("search: % is a letter, not a wildcard")
        << u"%"_s << QString() << QString() << QString() << 50;
    QTest::newRow("status blocked") << QString() << u"blocked"_s << QString() << QString() << 50;
    QTest::newRow("status locked") << QString() << u"locked"_s << QString() << QString() << 50;
    QTest::newRow("status active") << QString() << u"active"_s << QString() << QString() << 333;
    QTest::newRow("group") << QString() << QString() << u"vpn"_s << QString() << 100;
    QTest::newRow("method app_code, active only")
        << QString() << QString() << QString() << u"app_code"_s << 64;
    QTest::newRow("method push, active devices only")
        << QString() << QString() << QString() << u"push"_s << 64;
    QTest::newRow("method sms: has a phone")
        << QString() << QString() << QString() << u"sms"_s << 64;
    QTest::newRow("group, status and method together")
        << QString() << u"active"_s << u"web"_s << u"voice"_s << 25;
    QTest::newRow("search and group") << u"user1"_s << QString() << u"vpn"_s << QString() << 40;
    QTest::newRow("nothing matches") << u"nobody"_s << QString() << QString() << QString() << 10;
}

void tst_Directory::keysetPaging()
{
    QFETCH(QString, search);
    QFETCH(QString, status);
    QFETCH(QString, group);
    QFETCH(QString, method);
    QFETCH(int, limit);
    QStringList expected;
    for (int i = 0; i < knownUsers; ++i) {
        const KnownUser u = knownUser(i);
        const QString s = search.toLower();
        if (!s.isEmpty() && !u.username.startsWith(s) && !u.email.toLower().startsWith(s))
            continue;
        if (status == u"blocked" && !u.blocked)
            continue;
        if (status == u"locked" && !u.locked)
            continue;
        if (status == u"active" && (u.blocked || u.locked))
            continue;
        if (!group.isEmpty() && u.group != group)
            continue;
        if (method == u"app_code" && !u.appCode)
            continue;
        if (method == u"push" && !u.pushDevice)
            continue;
        if ((method == u"sms" || method == u"voice") && u.phone.isEmpty())
            continue;
        expected << u.username;
    }
    std::sort(expected.begin(), expected.end());
    const int pageLimit = std::min(limit, 1000);

    UserQuery q;
    q.search = search;
    q.status = status;
    q.group = group;
    q.method = method;
    q.limit = limit;
    QStringList seen;
    for (int pages = 0;; ++pages) {
        QVERIFY(pages <= knownUsers);
        const auto page = m_paged.directory->users(q);
        QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
        QCOMPARE(page->total, qint64(expected.size()));
        QVERIFY(page->users.size() <= pageLimit);
        for (const User &u : page->users)
            seen << u.username;
        if (page->next.isEmpty())
            break;
        QCOMPARE(page->users.size(), pageLimit); // only the last page is short
        QCOMPARE(page->next, page->users.last().username);
        q.after = page->next;
    }
    QCOMPARE(seen.size(), expected.size());
    QCOMPARE(seen, expected); // each exactly once, in order
}

void tst_Directory::importUsers_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<int>("imported"); // -1: refused
    QTest::addColumn<QStringList>("problems"); // each must be in the message
    QTest::newRow("header, BOM and CRLF")
        << "\xef\xbb\xbfusername,email,phone,group\r\nAlice,alice@example.org,+31612345678,vpn\r\n"
           "bob,,,\r\n"_ba
        << 2 << QStringList {};
    QTest::newRow("no header, blank lines skipped")
        << "carol\n\n  \ndave,d@example.org\n"_ba << 2 << QStringList {};
    QTest::newRow("every bad line is listed")
        << "username,email,phone,group\nok1\nbad name\nok2,,0612345678\nok3\na,b,c,d,e\n"_ba << -1
        << QStringList { u"line 3:"_s, u"line 4:"_s, u"line 6:"_s, u"0612345678"_s };
    QTest::newRow("the same user twice, in two spellings")
        << "erin\nfrank\nERIN\n"_ba << -1 << QStringList { u"line 3:"_s, u"twice"_s };
}

void tst_Directory::importUsers()
{
    QFETCH(QByteArray, csv);
    QFETCH(int, imported);
    QFETCH(QStringList, problems);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const auto result = parts.directory->importUsers(csv, u"admin:root"_s);
    QCOMPARE(result.has_value(), imported >= 0);
    if (imported >= 0) {
        QCOMPARE(*result, imported);
        QCOMPARE(parts.value(u"SELECT count(*) FROM users"_s).toInt(), imported);
        QCOMPARE(parts.audit->query(about(QString(), u"user.create"_s))->size(), imported);
    } else {
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        QVERIFY(result.error().message.contains(u"Nothing was imported"_s));
        for (const QString &p : problems)
            QVERIFY2(result.error().message.contains(p), qPrintable(result.error().message));
        QCOMPARE(parts.value(u"SELECT count(*) FROM users"_s).toInt(), 0);
    }
    if (imported == 2 && csv.contains("Alice")) {
        const auto alice = parts.directory->user(u"alice"_s);
        QCOMPARE(alice->email, u"alice@example.org"_s);
        QCOMPARE(alice->phone, u"+31612345678"_s);
        QCOMPARE(alice->group, u"vpn"_s);
    }
}

void tst_Directory::importIsAllOrNothing()
{
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    QVERIFY(parts.directory->addUser(u"existing"_s, {}, u"cli"_s));
    const int auditRows = parts.value(u"SELECT count(*) FROM audit"_s).toInt();
    // Lines 1 and 2 are fine on their own; line 3 names a user who exists.
    const auto result
        = parts.directory->importUsers("new1\nnew2\nExisting\nnew3\n"_ba, u"admin:root"_s);
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(u"Nothing was imported"_s),
             qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(u"existing"_s));
    QCOMPARE(parts.value(u"SELECT count(*) FROM users"_s).toInt(), 1);
    QCOMPARE(parts.value(u"SELECT count(*) FROM audit"_s).toInt(), auditRows);
    QVERIFY(parts.audit->verify()->problem.isEmpty());
}

void tst_Directory::updateAndDelete()
{
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const auto alice = parts.directory->addUser(u"alice"_s, userFields(u"a@x.org"_s), u"cli"_s);
    QVERIFY(alice);
    const auto updated = parts.directory->updateUser(
        u"ALICE"_s, userFields({}, u"+31612345678"_s, u" vpn "_s), u"admin:root"_s);
    QVERIFY(updated);
    QCOMPARE(updated->email, u"a@x.org"_s); // unset fields stay
    QCOMPARE(updated->phone, u"+31612345678"_s);
    QCOMPARE(updated->group, u"vpn"_s);
    QCOMPARE(parts.directory->groups().value(), QStringList { u"vpn"_s });
    const auto audit = parts.audit->query(about(u"alice"_s, u"user.update"_s));
    QCOMPARE(audit->size(), 1);
    QCOMPARE(audit->first().actor, u"admin:root"_s);

    QVERIFY(parts.run(u"INSERT INTO methods (id, user_id, kind, state, created) VALUES "
                      "('DM1', ?, 'app_code', 'active', 0)"_s,
                      { alice->id }));
    QVERIFY(parts.directory->deleteUser(u"alice"_s, u"admin:root"_s));
    QCOMPARE(parts.directory->user(u"alice"_s).error().code, ErrorCode::NotFound);
    QCOMPARE(parts.value(u"SELECT count(*) FROM methods"_s).toInt(), 0);
    QCOMPARE(parts.directory->deleteUser(u"alice"_s, u"cli"_s).error().code, ErrorCode::NotFound);
}

void tst_Directory::blockAndUnblock()
{
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const auto alice = parts.directory->addUser(u"alice"_s, {}, u"cli"_s);
    QVERIFY(alice);
    const qint64 now = parts.now();
    QVERIFY(parts.directory->block(u"alice"_s, now + 60, u"fraud"_s, u"admin:root"_s));
    QVERIFY(parts.directory->user(u"alice"_s)->isBlocked(now));
    QVERIFY(parts.directory->user(u"alice"_s)->isBlocked(now + 59));
    QVERIFY(!parts.directory->user(u"alice"_s)->isBlocked(now + 60)); // the block ran out
    QVERIFY(parts.directory->block(u"alice"_s, 0, u"left"_s, u"admin:root"_s));
    QVERIFY(parts.directory->user(u"alice"_s)->isBlocked(now + 100 * 86400)); // until unblocked

    // Unblocking also ends a lockout and resolves the user's fraud alerts.
    QVERIFY(parts.run(u"UPDATE users SET failures = 3, locked_until = ? WHERE id = ?"_s,
                      { now + 900, alice->id }));
    QVERIFY(parts.run(u"INSERT INTO fraud_alerts (id, user_id, source, created) VALUES "
                      "('FA1', ?, 'push', ?)"_s,
                      { alice->id, now }));
    parts.clock.advance(5);
    QVERIFY(parts.directory->unblock(u"alice"_s, u"admin:root"_s));
    const auto after = parts.directory->user(u"alice"_s);
    QVERIFY(!after->isBlocked(parts.now()));
    QVERIFY(!after->isLocked(parts.now()));
    QCOMPARE(after->failures, 0);
    QCOMPARE(parts.value(u"SELECT resolved FROM fraud_alerts WHERE id = 'FA1'"_s).toLongLong(),
             parts.now());
    QCOMPARE(parts.audit->query(about(u"alice"_s, u"user.block"_s))->size(), 2);
    QCOMPARE(parts.audit->query(about(u"alice"_s, u"user.unblock"_s))->size(), 1);
}

void tst_Directory::voicePin_data()
{
    QTest::addColumn<QString>("pin");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("four digits") << u"1234"_s << true;
    QTest::newRow("eight digits") << u"12345678"_s << true;
    QTest::newRow("three digits refused") << u"123"_s << false;
    QTest::newRow("nine digits refused") << u"123456789"_s << false;
    QTest::newRow("a letter refused") << u"12a4"_s << false;
    QTest::newRow("# refused") << u"123#"_s << false;
    // A phone keypad sends ASCII digits only: such a PIN could never be entered.
    QTest::newRow("Arabic-Indic digits refused") << u"١٢٣٤"_s << false;
}

void tst_Directory::voicePin()
{
    QFETCH(QString, pin);
    QFETCH(bool, accepted);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    QVERIFY(parts.directory->addUser(u"alice"_s, {}, u"cli"_s));
    const auto updated
        = parts.directory->updateUser(u"alice"_s, userFields({}, {}, {}, pin), u"admin:root"_s);
    QCOMPARE(updated.has_value(), accepted);
    const User alice = parts.directory->user(u"alice"_s).value();
    QCOMPARE(alice.hasVoicePin, accepted);
    QCOMPARE(parts.directory->checkVoicePin(alice, pin), accepted);
    if (!accepted) {
        QCOMPARE(updated.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!updated.error().message.contains(pin));
        return;
    }
    QVERIFY(!parts.directory->checkVoicePin(alice, u"0000"_s));
    QVERIFY(!parts.directory->checkVoicePin(alice, QString()));
    // Stored as a hash; the audit log says only that it was set.
    const QString stored
        = parts.value(u"SELECT voice_pin FROM users WHERE id = ?"_s, { alice.id }).toString();
    QVERIFY(stored.startsWith(u"scrypt$"_s));
    QVERIFY(!stored.contains(pin));
    const auto audit = parts.audit->query(about(u"alice"_s, u"user.update"_s));
    QCOMPARE(audit->first().details.value(u"voice_pin"_s).toString(), u"set"_s);
    // An empty PIN removes it.
    QVERIFY(parts.directory->updateUser(u"alice"_s, userFields({}, {}, {}, QString()), u"cli"_s));
    QVERIFY(!parts.directory->user(u"alice"_s)->hasVoicePin);
    QVERIFY(!parts.directory->checkVoicePin(alice, pin));
}

NewAdmin tst_Directory::addAdmin(ServerParts &parts, const QString &name, Role role)
{
    return parts.directory->addAdmin(name, role, u"cli"_s).value();
}

void tst_Directory::adminSignIn_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<bool>("rightPassword");
    QTest::addColumn<int>("codeStep"); // steps from now; 99: a code that is not the admin's
    QTest::addColumn<bool>("signedIn");
    QTest::newRow("password and current code") << u"root"_s << true << 0 << true;
    QTest::newRow("username in another case") << u"ROOT "_s << true << 0 << true;
    QTest::newRow("code from the previous step") << u"root"_s << true << -1 << true;
    QTest::newRow("code from the next step") << u"root"_s << true << 1 << true;
    QTest::newRow("code two steps old refused") << u"root"_s << true << -2 << false;
    QTest::newRow("wrong password") << u"root"_s << false << 0 << false;
    QTest::newRow("wrong code") << u"root"_s << true << 99 << false;
    QTest::newRow("unknown admin") << u"nobody"_s << true << 0 << false;
}

void tst_Directory::adminSignIn()
{
    QFETCH(QString, username);
    QFETCH(bool, rightPassword);
    QFETCH(int, codeStep);
    QFETCH(bool, signedIn);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const NewAdmin admin = addAdmin(parts, u"Root"_s, Role::Helpdesk);
    QCOMPARE(admin.admin.username, u"root"_s);
    QVERIFY(admin.password.size() >= 16);
    const OtpParameters otp = otpFromUri(admin.otpauthUri);
    QCOMPARE(otp.secret.size(), 20);
    QString code = totpAt(otp, parts.now() + codeStep * 30);
    if (codeStep == 99)
        code = QString::number((code.toInt() + 1) % 1000000).rightJustified(6, u'0');
    const QString password = rightPassword ? admin.password : admin.password + u'x';

    const auto token = parts.directory->signIn(username, password, code);
    QCOMPARE(token.has_value(), signedIn);
    const auto audit = parts.audit->query(about(u"root"_s, u"admin.signin"_s));
    if (signedIn) {
        const auto session = parts.directory->session(*token);
        QVERIFY(session);
        QCOMPARE(session->username, u"root"_s);
        QCOMPARE(session->role, Role::Helpdesk);
        QCOMPARE(session->id, admin.admin.id);
        // Only a hash of the token is stored.
        QCOMPARE(
            parts.value(u"SELECT count(*) FROM sessions WHERE token = ?"_s, { *token }).toInt(), 0);
        QCOMPARE(audit->first().result, u"ok"_s);
    } else {
        QCOMPARE(token.error().code, ErrorCode::NotAuthenticated);
        // One message for every wrong part, so it does not tell which was wrong.
        QCOMPARE(token.error().message, u"The username, password or code is wrong."_s);
        QVERIFY(!token.error().message.contains(code));
        if (username == u"root")
            QCOMPARE(audit->first().result, u"fail"_s);
        else
            QCOMPARE(parts.audit->query(about(u"nobody"_s, u"admin.signin"_s))->first().result,
                     u"fail"_s);
    }
}

void tst_Directory::adminReplayRefused()
{
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const NewAdmin admin = addAdmin(parts, u"root"_s, Role::Admin);
    const OtpParameters otp = otpFromUri(admin.otpauthUri);
    const QString code = totpAt(otp, parts.now());
    QVERIFY(parts.directory->signIn(u"root"_s, admin.password, code));
    // The same code again, even a moment later within its step, is a replay.
    parts.clock.advance(2);
    QCOMPARE(parts.directory->signIn(u"root"_s, admin.password, code).error().code,
             ErrorCode::NotAuthenticated);
    // So is the previous step's code, which the window would otherwise accept.
    QVERIFY(!parts.directory->signIn(u"root"_s, admin.password, totpAt(otp, parts.now() - 30)));
    // The next step's code is new.
    parts.clock.advance(30);
    QVERIFY(parts.directory->signIn(u"root"_s, admin.password, totpAt(otp, parts.now())));
}

void tst_Directory::adminLockout()
{
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const NewAdmin admin = addAdmin(parts, u"root"_s, Role::Admin);
    const OtpParameters otp = otpFromUri(admin.otpauthUri);
    const auto right = [&]() {
        parts.clock.advance(30); // a fresh step, so a code is never a replay
        return parts.directory->signIn(u"root"_s, admin.password, totpAt(otp, parts.now()));
    };
    const auto wrong = [&]() {
        return parts.directory->signIn(u"root"_s, u"wrong"_s, totpAt(otp, parts.now()));
    };
    // Four failures, then a success: the count starts again.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(wrong().error().code, ErrorCode::NotAuthenticated);
    QVERIFY(right());
    for (int i = 0; i < 4; ++i)
        QCOMPARE(wrong().error().code, ErrorCode::NotAuthenticated);
    QVERIFY(right());
    // Five in a row lock the admin out for 15 minutes, right credentials or not.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(wrong().error().code, ErrorCode::NotAuthenticated);
    const qint64 lockedAt = parts.now();
    const auto locked = right();
    QCOMPARE(locked.error().code, ErrorCode::UserLocked);
    QVERIFY2(locked.error().message.contains(u"15 minutes"_s), qPrintable(locked.error().message));
    parts.clock.setSecsSinceEpoch(lockedAt + 15 * 60 - 31);
    QCOMPARE(right().error().code, ErrorCode::UserLocked); // 15 * 60 - 1 seconds after
    parts.clock.setSecsSinceEpoch(lockedAt + 15 * 60 - 30);
    QVERIFY(right()); // 15 minutes after
}

void tst_Directory::sessionsExpire()
{
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const NewAdmin admin = addAdmin(parts, u"auditor1"_s, Role::Auditor);
    const auto token = parts.directory->signIn(u"auditor1"_s, admin.password,
                                               totpAt(otpFromUri(admin.otpauthUri), parts.now()));
    QVERIFY(token);
    QCOMPARE(parts.directory->session(*token)->role, Role::Auditor);
    QCOMPARE(parts.directory->session(*token + u'x').error().code, ErrorCode::NotAuthenticated);
    QCOMPARE(parts.directory->session(QString()).error().code, ErrorCode::NotAuthenticated);
    parts.clock.advance(Directory::sessionSeconds - 1);
    QVERIFY(parts.directory->session(*token));
    parts.clock.advance(1);
    QCOMPARE(parts.directory->session(*token).error().code, ErrorCode::NotAuthenticated);

    // Signing out ends a session at once.
    parts.clock.advance(60);
    const auto second = parts.directory->signIn(u"auditor1"_s, admin.password,
                                                totpAt(otpFromUri(admin.otpauthUri), parts.now()));
    QVERIFY(second);
    QVERIFY(parts.directory->session(*second));
    parts.directory->signOut(*second);
    QCOMPARE(parts.directory->session(*second).error().code, ErrorCode::NotAuthenticated);
}

void tst_Directory::applications()
{
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const auto vpn = parts.directory->addApplication(u" VPN "_s, u"admin:root"_s);
    QVERIFY(vpn);
    QVERIFY(vpn->app.ikey.startsWith(u"DI"_s));
    QCOMPARE(vpn->app.ikey.size(), 20); // as long as Duo's integration keys
    QCOMPARE(vpn->skey.size(), 40);
    QCOMPARE(vpn->app.name, u"VPN"_s);
    const auto web = parts.directory->addApplication(u"Web"_s, u"admin:root"_s);
    QVERIFY(web);
    QVERIFY(web->app.ikey != vpn->app.ikey);
    QVERIFY(web->skey != vpn->skey);

    QCOMPARE(parts.directory->applicationSecret(vpn->app.ikey), vpn->skey.toLatin1());
    QCOMPARE(parts.directory->applicationName(vpn->app.ikey), u"VPN"_s);
    QCOMPARE(parts.directory->applications()->size(), 2);
    QVERIFY(!parts.directory->applicationSecret(u"DINOTANAPPLICATION00"_s));
    // The secret key is sealed at rest.
    const QString stored
        = parts.value(u"SELECT skey FROM apps WHERE ikey = ?"_s, { vpn->app.ikey }).toString();
    QVERIFY(!stored.contains(vpn->skey));

    QVERIFY(parts.directory->deleteApplication(vpn->app.ikey, u"admin:root"_s));
    QVERIFY(!parts.directory->applicationSecret(vpn->app.ikey));
    QVERIFY(!parts.directory->applicationName(vpn->app.ikey));
    QCOMPARE(parts.directory->applicationSecret(web->app.ikey), web->skey.toLatin1());
    QCOMPARE(parts.directory->deleteApplication(vpn->app.ikey, u"cli"_s).error().code,
             ErrorCode::NotFound);
    QCOMPARE(parts.audit->query(about(vpn->app.ikey, u"app.delete"_s))->size(), 1);
}

void tst_Directory::deletedApplicationSeenByAnotherConnection()
{
    // Two server processes on one SQLite file: one deletes, the other's cache must notice.
    const QString location = m_databases.fresh(false);
    ServerParts first;
    OPEN_PARTS(first, location);
    ServerParts second;
    OPEN_PARTS(second, location);
    const auto app = first.directory->addApplication(u"VPN"_s, u"cli"_s);
    QVERIFY(app);
    QCOMPARE(second.directory->applicationSecret(app->app.ikey), app->skey.toLatin1()); // cached
    QVERIFY(first.directory->deleteApplication(app->app.ikey, u"cli"_s));
    QVERIFY(!second.directory->applicationSecret(app->app.ikey));
}

void tst_Directory::sealedSecretBoundToItsRow()
{
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(false));
    const auto a = parts.directory->addApplication(u"A"_s, u"cli"_s);
    const auto b = parts.directory->addApplication(u"B"_s, u"cli"_s);
    QVERIFY(a && b);
    // Copying A's sealed key into B's row does not give B A's key.
    QVERIFY(
        parts.run(u"UPDATE apps SET skey = (SELECT skey FROM apps WHERE ikey = ?) WHERE ikey = ?"_s,
                  { a->app.ikey, b->app.ikey }));
    parts.directory->invalidate();
    QVERIFY(!parts.directory->applicationSecret(b->app.ikey));
    QCOMPARE(parts.directory->applicationSecret(a->app.ikey), a->skey.toLatin1());
}

void tst_Directory::policyStored()
{
    const QString location = m_databases.fresh(false);
    ServerParts parts;
    OPEN_PARTS(parts, location);
    QCOMPARE(parts.directory->policy().totpWindow, 1);
    const auto changed = parts.directory->setPolicy(
        QJsonObject { { u"otp_window"_s, 2 }, { u"allowed_methods"_s, QJsonArray { u"sms"_s } } },
        u"admin:root"_s);
    QVERIFY(changed);
    QCOMPARE(parts.directory->policy().totpWindow, 2);
    const auto refused
        = parts.directory->setPolicy(QJsonObject { { u"otp_window"_s, 99 } }, u"admin:root"_s);
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(u"otp_window"_s));
    QCOMPARE(parts.directory->policy().totpWindow, 2);
    // Another process reads what was stored.
    ServerParts other;
    OPEN_PARTS(other, location);
    QCOMPARE(other.directory->policy().totpWindow, 2);
    QCOMPARE(other.directory->policy().allowedMethods, QList<Method> { Method::Sms });
    const auto audit = parts.audit->query(about(QString(), u"policy.update"_s));
    QCOMPARE(audit->size(), 1);
    QCOMPARE(audit->first().details.value(u"otp_window"_s).toInt(), 2);
}

QTEST_GUILESS_MAIN(tst_Directory)
#include "tst_directory.moc"
