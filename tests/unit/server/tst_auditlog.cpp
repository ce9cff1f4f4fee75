#include "serverfixture.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;
using namespace twofold::server::testing;

namespace {

// Five entries, one every ten seconds from the start, for the tamper rows.
void appendFive(ServerParts &parts)
{
    for (int i = 1; i <= 5; ++i) {
        QVERIFY(parts.audit->append(u"app:DI%1"_s.arg(i), u"auth"_s, u"user%1"_s.arg(i),
                                    i % 2 ? u"allow"_s : u"deny"_s, { { u"n"_s, i } }));
        parts.clock.advance(10);
    }
}

QList<qint64> seqs(const QList<AuditEntry> &entries)
{
    QList<qint64> list;
    for (const AuditEntry &e : entries)
        list << e.seq;
    return list;
}

} // namespace

class tst_AuditLog : public QObject
{
    Q_OBJECT

private slots:
    void cleanupTestCase() { m_databases.drop(); }

    void appendChains_data();
    void appendChains();
    void detailsSurviveStorage_data();
    void detailsSurviveStorage();
    void tamperDetected_data();
    void tamperDetected();
    void appendJoinsCallersTransaction_data();
    void appendJoinsCallersTransaction();
    void twoConnectionsShareOneChain_data();
    void twoConnectionsShareOneChain();
    void queryFilters_data();
    void queryFilters();
    void queryPaging_data();
    void queryPaging();
    void csv_data();
    void csv();

private:
    TestDatabases m_databases;
};

static void addBackendColumn()
{
    QTest::addColumn<bool>("postgres");
}

void tst_AuditLog::appendChains_data()
{
    addBackendColumn();
    for (const Backend &b : backends)
        QTest::addRow("%s: each row names the one before", b.name) << b.postgres;
}

void tst_AuditLog::appendChains()
{
    QFETCH(bool, postgres);
    REQUIRE_BACKEND(m_databases, postgres);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(postgres));
    const auto empty = parts.audit->verify();
    QVERIFY(empty);
    QCOMPARE(empty->rows, 0);
    QVERIFY(empty->problem.isEmpty());

    appendFive(parts);
    const auto v = parts.audit->verify();
    QVERIFY(v);
    QCOMPARE(v->rows, 5);
    QVERIFY2(v->problem.isEmpty(), qPrintable(v->problem));

    QString previous;
    for (int seq = 1; seq <= 5; ++seq) {
        QCOMPARE(parts.value(u"SELECT prev FROM audit WHERE seq = ?"_s, { seq }).toString(),
                 previous);
        const QString hash
            = parts.value(u"SELECT hash FROM audit WHERE seq = ?"_s, { seq }).toString();
        QCOMPARE(hash.size(), 64); // SHA-256 in hex
        QVERIFY(hash != previous);
        previous = hash;
    }
    QCOMPARE(parts.value(u"SELECT hash FROM audit_head WHERE id = 1"_s).toString(), previous);
    QCOMPARE(parts.value(u"SELECT seq FROM audit_head WHERE id = 1"_s).toInt(), 5);

    const auto all = parts.audit->query({});
    QVERIFY(all);
    QCOMPARE(seqs(*all), (QList<qint64> { 5, 4, 3, 2, 1 }));
    const AuditEntry &first = all->last();
    QCOMPARE(first.time, ServerParts::start);
    QCOMPARE(first.actor, u"app:DI1"_s);
    QCOMPARE(first.action, u"auth"_s);
    QCOMPARE(first.subject, u"user1"_s);
    QCOMPARE(first.result, u"allow"_s);
    QCOMPARE(first.details.value(u"n"_s).toInt(), 1);
    QCOMPARE(all->first().time, ServerParts::start + 40);
}

void tst_AuditLog::detailsSurviveStorage_data()
{
    addBackendColumn();
    QTest::addColumn<QJsonObject>("details");
    QTest::addColumn<QString>("subject");
    const QList<std::tuple<const char *, QJsonObject, QString>> rows = {
        { "empty details", QJsonObject {}, u"alice"_s },
        { "unicode text", QJsonObject { { u"name"_s, u"Jürgen 名前 ☃ 😀"_s } }, u"jürgen"_s },
        { "quotes and control characters", QJsonObject { { u"q"_s, u"a \"b\" \\ c\n\t"_s } },
          u"x"_s },
        { "large integer", QJsonObject { { u"until"_s, qint64(9'007'199'254'740'993) } }, u"x"_s },
        { "fraction", QJsonObject { { u"ratio"_s, 0.1 } }, u"x"_s },
        { "nested list and object",
          QJsonObject { { u"a"_s, QJsonArray { 1, u"two"_s, QJsonObject { { u"z"_s, true } } } },
                        { u"b"_s, QJsonValue::Null } },
          u"x"_s },
        { "empty subject", QJsonObject { { u"k"_s, u"v"_s } }, QString() },
    };
    for (const Backend &b : backends) {
        for (const auto &[name, details, subject] : rows)
            QTest::addRow("%s: %s", b.name, name) << b.postgres << details << subject;
    }
}

void tst_AuditLog::detailsSurviveStorage()
{
    QFETCH(bool, postgres);
    QFETCH(QJsonObject, details);
    QFETCH(QString, subject);
    REQUIRE_BACKEND(m_databases, postgres);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(postgres));
    QVERIFY(parts.audit->append(u"cli"_s, u"user.update"_s, subject, u"ok"_s, details));
    QVERIFY(parts.audit->append(u"cli"_s, u"user.update"_s, u"next"_s, u"ok"_s));
    // What verify() reads back must hash as what append() wrote.
    const auto v = parts.audit->verify();
    QVERIFY(v);
    QVERIFY2(v->problem.isEmpty(), qPrintable(v->problem));
    const auto entries = parts.audit->query({});
    QVERIFY(entries);
    QCOMPARE(entries->last().details, details);
    QCOMPARE(entries->last().subject, subject.isNull() ? QString(u""_s) : subject);
}

void tst_AuditLog::tamperDetected_data()
{
    addBackendColumn();
    QTest::addColumn<QStringList>("statements");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("problem");
    const QString changed3 = u"Entry 3 was changed after it was written."_s;
    const QList<std::tuple<const char *, QStringList, int, QString>> rows = {
        { "edited result",
          { u"UPDATE audit SET result = 'allow' WHERE seq = 2"_s },
          5,
          u"Entry 2 was changed after it was written."_s },
        { "edited subject",
          { u"UPDATE audit SET subject = 'mallory' WHERE seq = 3"_s },
          5,
          changed3 },
        { "edited actor", { u"UPDATE audit SET actor = 'cli' WHERE seq = 3"_s }, 5, changed3 },
        { "edited action",
          { u"UPDATE audit SET action = 'preauth' WHERE seq = 3"_s },
          5,
          changed3 },
        { "edited time", { u"UPDATE audit SET time = time + 1 WHERE seq = 3"_s }, 5, changed3 },
        { "edited details",
          { u"UPDATE audit SET details = '{\"n\":30}' WHERE seq = 3"_s },
          5,
          changed3 },
        { "edited hash", { u"UPDATE audit SET hash = prev WHERE seq = 3"_s }, 5, changed3 },
        { "edited newest row",
          { u"UPDATE audit SET result = 'deny' WHERE seq = 5"_s },
          5,
          u"Entry 5 was changed after it was written."_s },
        { "deleted middle row",
          { u"DELETE FROM audit WHERE seq = 3"_s },
          4,
          u"Entry 3 is missing: the next entry is 4."_s },
        { "deleted first row",
          { u"DELETE FROM audit WHERE seq = 1"_s },
          4,
          u"Entry 1 is missing: the next entry is 2."_s },
        { "deleted last row",
          { u"DELETE FROM audit WHERE seq = 5"_s },
          4,
          u"The newest entries were removed: the log ends at entry 4, but entry 5 was written."_s },
        { "deleted last two rows",
          { u"DELETE FROM audit WHERE seq >= 4"_s },
          3,
          u"The newest entries were removed: the log ends at entry 3, but entry 5 was written."_s },
        { "deleted every row",
          { u"DELETE FROM audit"_s },
          0,
          u"The newest entries were removed: the log ends at entry 0, but entry 5 was written."_s },
        // Swapping two rows' numbers puts each where the other was.
        { "two rows swapped",
          { u"UPDATE audit SET seq = -2 WHERE seq = 2"_s,
            u"UPDATE audit SET seq = 2 WHERE seq = 3"_s,
            u"UPDATE audit SET seq = 3 WHERE seq = -2"_s },
          5,
          u"Entry 2 does not follow entry 1: entries were removed or reordered."_s },
        { "the newest two rows swapped",
          { u"UPDATE audit SET seq = -4 WHERE seq = 4"_s,
            u"UPDATE audit SET seq = 4 WHERE seq = 5"_s,
            u"UPDATE audit SET seq = 5 WHERE seq = -4"_s },
          5,
          u"Entry 4 does not follow entry 3: entries were removed or reordered."_s },
        { "middle row removed and the rest renumbered",
          { u"DELETE FROM audit WHERE seq = 3"_s, u"UPDATE audit SET seq = seq - 1 WHERE seq > 3"_s,
            u"UPDATE audit_head SET seq = 4"_s },
          4,
          u"Entry 3 does not follow entry 2: entries were removed or reordered."_s },
    };
    for (const Backend &b : backends) {
        QTest::addRow("%s: intact", b.name) << b.postgres << QStringList {} << 5 << QString();
        for (const auto &[name, statements, count, problem] : rows)
            QTest::addRow("%s: %s", b.name, name) << b.postgres << statements << count << problem;
    }
}

void tst_AuditLog::tamperDetected()
{
    QFETCH(bool, postgres);
    QFETCH(QStringList, statements);
    QFETCH(int, rows);
    QFETCH(QString, problem);
    REQUIRE_BACKEND(m_databases, postgres);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(postgres));
    appendFive(parts);
    // Straight SQL, as someone with the database file would do it.
    for (const QString &sql : statements)
        QVERIFY2(parts.run(sql), qPrintable(sql));
    const auto v = parts.audit->verify();
    QVERIFY(v);
    QCOMPARE(v->rows, rows);
    QCOMPARE(v->problem, problem);
}

void tst_AuditLog::appendJoinsCallersTransaction_data()
{
    addBackendColumn();
    for (const Backend &b : backends)
        QTest::addRow("%s: a rolled-back change leaves no entry", b.name) << b.postgres;
}

void tst_AuditLog::appendJoinsCallersTransaction()
{
    QFETCH(bool, postgres);
    REQUIRE_BACKEND(m_databases, postgres);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(postgres));
    QVERIFY(parts.audit->append(u"cli"_s, u"a"_s, u"s"_s, u"ok"_s));
    const auto failed = parts.storage->transaction([&]() -> Result<void> {
        if (auto ok = parts.audit->append(u"cli"_s, u"b"_s, u"s"_s, u"ok"_s); !ok)
            return ok;
        return Error { ErrorCode::InvalidArgument, u"the change failed"_s };
    });
    QVERIFY(!failed);
    QCOMPARE(parts.value(u"SELECT count(*) FROM audit"_s).toInt(), 1);
    QVERIFY(parts.audit->append(u"cli"_s, u"c"_s, u"s"_s, u"ok"_s));
    const auto entries = parts.audit->query({});
    QVERIFY(entries);
    QCOMPARE(seqs(*entries), (QList<qint64> { 2, 1 }));
    QCOMPARE(entries->first().action, u"c"_s);
    QVERIFY(parts.audit->verify()->problem.isEmpty());
}

void tst_AuditLog::twoConnectionsShareOneChain_data()
{
    addBackendColumn();
    for (const Backend &b : backends)
        QTest::addRow("%s: appends from two connections interleave", b.name) << b.postgres;
}

void tst_AuditLog::twoConnectionsShareOneChain()
{
    QFETCH(bool, postgres);
    REQUIRE_BACKEND(m_databases, postgres);
    const QString location = m_databases.fresh(postgres);
    ServerParts one;
    OPEN_PARTS(one, location);
    ServerParts two;
    OPEN_PARTS(two, location);
    for (int i = 0; i < 6; ++i) {
        ServerParts &p = i % 2 ? two : one;
        QVERIFY(p.audit->append(u"cli"_s, u"step"_s, u"s"_s, u"ok"_s, { { u"i"_s, i } }));
    }
    for (ServerParts *p : { &one, &two }) {
        const auto v = p->audit->verify();
        QVERIFY(v);
        QCOMPARE(v->rows, 6);
        QVERIFY2(v->problem.isEmpty(), qPrintable(v->problem));
    }
}

void tst_AuditLog::queryFilters_data()
{
    addBackendColumn();
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<int>("from"); // seconds after the start; -1 for none
    QTest::addColumn<int>("to");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QList<qint64>>("expected");
    // The log (seq: time offset, actor, action, subject):
    // 1: 0 app:A auth alice; 2: 10 app:A auth bob; 3: 20 admin:root user.block alice;
    // 4: 30 app:B auth alice; 5: 40 app:B preauth carol; 6: 50 cli user.create dave
    for (const Backend &b : backends) {
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::addRow("%s: %s", b.name, name);
        };
        row("everything, newest first") << b.postgres << QString() << QString() << QString() << -1
                                        << -1 << 100 << QList<qint64> { 6, 5, 4, 3, 2, 1 };
        row("by subject") << b.postgres << u"alice"_s << QString() << QString() << -1 << -1 << 100
                          << QList<qint64> { 4, 3, 1 };
        row("by action") << b.postgres << QString() << u"auth"_s << QString() << -1 << -1 << 100
                         << QList<qint64> { 4, 2, 1 };
        row("by actor") << b.postgres << QString() << QString() << u"app:B"_s << -1 << -1 << 100
                        << QList<qint64> { 5, 4 };
        row("subject and action") << b.postgres << u"alice"_s << u"auth"_s << QString() << -1 << -1
                                  << 100 << QList<qint64> { 4, 1 };
        row("from a time, inclusive") << b.postgres << QString() << QString() << QString() << 30
                                      << -1 << 100 << QList<qint64> { 6, 5, 4 };
        row("up to a time, inclusive") << b.postgres << QString() << QString() << QString() << -1
                                       << 10 << 100 << QList<qint64> { 2, 1 };
        row("between two times") << b.postgres << QString() << QString() << QString() << 10 << 30
                                 << 100 << QList<qint64> { 4, 3, 2 };
        row("limit keeps the newest") << b.postgres << QString() << QString() << QString() << -1
                                      << -1 << 2 << QList<qint64> { 6, 5 };
        row("limit below one gives one") << b.postgres << QString() << QString() << QString() << -1
                                         << -1 << 0 << QList<qint64> { 6 };
        row("nothing matches") << b.postgres << u"nobody"_s << QString() << QString() << -1 << -1
                               << 100 << QList<qint64> {};
        row("a subject spelt like SQL is only text")
            << b.postgres << u"alice' OR '1'='1"_s << QString() << QString() << -1 << -1 << 100
            << QList<qint64> {};
    }
}

void tst_AuditLog::queryFilters()
{
    QFETCH(bool, postgres);
    QFETCH(QString, subject);
    QFETCH(QString, action);
    QFETCH(QString, actor);
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(int, limit);
    QFETCH(QList<qint64>, expected);
    REQUIRE_BACKEND(m_databases, postgres);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(postgres));
    const QList<QStringList> log = {
        { u"app:A"_s, u"auth"_s, u"alice"_s },
        { u"app:A"_s, u"auth"_s, u"bob"_s },
        { u"admin:root"_s, u"user.block"_s, u"alice"_s },
        { u"app:B"_s, u"auth"_s, u"alice"_s },
        { u"app:B"_s, u"preauth"_s, u"carol"_s },
        { u"cli"_s, u"user.create"_s, u"dave"_s },
    };
    for (const QStringList &e : log) {
        QVERIFY(parts.audit->append(e[0], e[1], e[2], u"ok"_s));
        parts.clock.advance(10);
    }
    AuditQuery q;
    q.subject = subject;
    q.action = action;
    q.actor = actor;
    q.from = from < 0 ? 0 : ServerParts::start + from;
    q.to = to < 0 ? 0 : ServerParts::start + to;
    q.limit = limit;
    const auto entries = parts.audit->query(q);
    QVERIFY(entries);
    QCOMPARE(seqs(*entries), expected);
}

void tst_AuditLog::queryPaging_data()
{
    addBackendColumn();
    QTest::addColumn<int>("entries");
    QTest::addColumn<int>("pageSize");
    for (const Backend &b : backends) {
        QTest::addRow("%s: 25 entries in pages of 10", b.name) << b.postgres << 25 << 10;
        QTest::addRow("%s: 20 entries in pages of 10", b.name) << b.postgres << 20 << 10;
        QTest::addRow("%s: 7 entries in pages of 1", b.name) << b.postgres << 7 << 1;
    }
}

void tst_AuditLog::queryPaging()
{
    QFETCH(bool, postgres);
    QFETCH(int, entries);
    QFETCH(int, pageSize);
    REQUIRE_BACKEND(m_databases, postgres);
    ServerParts parts;
    OPEN_PARTS(parts, m_databases.fresh(postgres));
    for (int i = 0; i < entries; ++i) {
        // A second subject between them, so the filtered pages skip rows.
        QVERIFY(parts.audit->append(u"cli"_s, u"auth"_s, u"paged"_s, u"ok"_s, { { u"i"_s, i } }));
        QVERIFY(parts.audit->append(u"cli"_s, u"auth"_s, u"other"_s, u"ok"_s));
    }
    AuditQuery q;
    q.subject = u"paged"_s;
    q.limit = pageSize;
    QList<int> seen;
    for (int page = 0; page <= entries; ++page) {
        const auto got = parts.audit->query(q);
        QVERIFY(got);
        QVERIFY(got->size() <= pageSize);
        if (got->isEmpty())
            break;
        for (const AuditEntry &e : *got) {
            QCOMPARE(e.subject, u"paged"_s);
            seen << e.details.value(u"i"_s).toInt();
        }
        q.beforeSeq = got->last().seq;
    }
    QList<int> expected;
    for (int i = entries - 1; i >= 0; --i)
        expected << i;
    QCOMPARE(seen, expected); // each entry once, newest first
}

void tst_AuditLog::csv_data()
{
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QJsonObject>("details");
    QTest::addColumn<QString>("line");
    // 1700000000 is 2023-11-14T22:13:20Z.
    QTest::newRow("plain fields are quoted")
        << u"app:DI1"_s << u"alice"_s << QJsonObject {}
        << u"7,2023-11-14T22:13:20Z,\"app:DI1\",\"auth\",\"alice\",\"allow\",\"{}\"\r\n"_s;
    QTest::newRow("quotes are doubled")
        << u"cli"_s << u"o\"brien"_s << QJsonObject { { u"k"_s, u"v"_s } }
        << u"7,2023-11-14T22:13:20Z,\"cli\",\"auth\",\"o\"\"brien\",\"allow\",\"{\"\"k\"\":\"\"v\"\"}\"\r\n"_s;
    QTest::newRow("comma and line break stay inside the quotes")
        << u"cli"_s << u"a,b\nc"_s << QJsonObject {}
        << u"7,2023-11-14T22:13:20Z,\"cli\",\"auth\",\"a,b\nc\",\"allow\",\"{}\"\r\n"_s;
    // A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before
    // one): such a cell gets a leading apostrophe, which makes it text.
    QTest::newRow("formula with =")
        << u"cli"_s << u"=HYPERLINK(\"http://x\")"_s << QJsonObject {}
        << u"7,2023-11-14T22:13:20Z,\"cli\",\"auth\",\"'=HYPERLINK(\"\"http://x\"\")\",\"allow\",\"{}\"\r\n"_s;
    QTest::newRow("formula with +")
        << u"cli"_s << u"+1+1"_s << QJsonObject {}
        << u"7,2023-11-14T22:13:20Z,\"cli\",\"auth\",\"'+1+1\",\"allow\",\"{}\"\r\n"_s;
    QTest::newRow("formula with -")
        << u"-2+3"_s << u"x"_s << QJsonObject {}
        << u"7,2023-11-14T22:13:20Z,\"'-2+3\",\"auth\",\"x\",\"allow\",\"{}\"\r\n"_s;
    QTest::newRow("formula with @")
        << u"cli"_s << u"@SUM(A1)"_s << QJsonObject {}
        << u"7,2023-11-14T22:13:20Z,\"cli\",\"auth\",\"'@SUM(A1)\",\"allow\",\"{}\"\r\n"_s;
    QTest::newRow("formula after a tab")
        << u"cli"_s << u"\t=1+1"_s << QJsonObject {}
        << u"7,2023-11-14T22:13:20Z,\"cli\",\"auth\",\"'\t=1+1\",\"allow\",\"{}\"\r\n"_s;
    QTest::newRow("formula after a carriage return")
        << u"cli"_s << u"\r=1+1"_s << QJsonObject {}
        << u"7,2023-11-14T22:13:20Z,\"cli\",\"auth\",\"'\r=1+1\",\"allow\",\"{}\"\r\n"_s;
    QTest::newRow("= inside a value is harmless")
        << u"cli"_s << u"a=b"_s << QJsonObject {}
        << u"7,2023-11-14T22:13:20Z,\"cli\",\"auth\",\"a=b\",\"allow\",\"{}\"\r\n"_s;
}

void tst_AuditLog::csv()
{
    QFETCH(QString, actor);
    QFETCH(QString, subject);
    QFETCH(QJsonObject, details);
    QFETCH(QString, line);
    QCOMPARE(AuditLog::csvHeader(), u"seq,time,actor,action,subject,result,details\r\n"_s);
    const AuditEntry entry { 7, 1'700'000'000, actor, u"auth"_s, subject, u"allow"_s, details };
    QCOMPARE(AuditLog::csvLine(entry), line);
}

QTEST_GUILESS_MAIN(tst_AuditLog)
#include "tst_auditlog.moc"
