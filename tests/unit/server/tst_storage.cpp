#include "serverfixture.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;
using namespace twofold::server::testing;

namespace {

std::unique_ptr<Storage> openOrFail(const QString &location, QString *problem)
{
    auto opened = Storage::open(location);
    if (!opened) {
        *problem = opened.error().message;
        return nullptr;
    }
    return std::move(*opened);
}

#define OPEN(name, location)                                                                       \
    QString name##Problem;                                                                         \
    std::unique_ptr<Storage> name = openOrFail(location, &name##Problem);                          \
    QVERIFY2(name, qPrintable(name##Problem))

QVariant one(Storage &s, const QString &sql, const QVariantList &args = {})
{
    return s.scalar(sql, args).value_or(QVariant());
}

Result<void> insertSetting(Storage &s, const QString &key)
{
    auto done = s.exec(u"INSERT INTO settings (key, value) VALUES (?, 'x')"_s, { key });
    if (!done)
        return done.error();
    return {};
}

} // namespace

class tst_Storage : public QObject
{
    Q_OBJECT

private slots:
    void cleanupTestCase() { m_databases.drop(); }

    void migrationsCreateSchema_data();
    void migrationsCreateSchema();
    void reopenIsIdempotent_data();
    void reopenIsIdempotent();
    void newerDatabaseRefused_data();
    void newerDatabaseRefused();
    void transactions_data();
    void transactions();
    void otherConnectionSeesCommits_data();
    void otherConnectionSeesCommits();
    void failedStatementRollsBack_data();
    void failedStatementRollsBack();
    void notifyAfterCommitOnly_data();
    void notifyAfterCommitOnly();
    void nullStringBindsAsEmpty_data();
    void nullStringBindsAsEmpty();
    void scalarAndChange_data();
    void scalarAndChange();
    void badStatementSaysWhy_data();
    void badStatementSaysWhy();
    void openErrors_data();
    void openErrors();

private:
    TestDatabases m_databases;
};

static void addBackendColumn()
{
    QTest::addColumn<bool>("postgres");
}

void tst_Storage::migrationsCreateSchema_data()
{
    addBackendColumn();
    QTest::addColumn<QString>("table");
    const QStringList tables = { u"settings"_s, u"groups"_s,       u"users"_s,   u"methods"_s,
                                 u"tokens"_s,   u"apps"_s,         u"admins"_s,  u"sessions"_s,
                                 u"codes"_s,    u"transactions"_s, u"devices"_s, u"activations"_s,
                                 u"outbox"_s,   u"fraud_alerts"_s, u"audit"_s,   u"audit_head"_s };
    for (const Backend &b : backends) {
        for (const QString &table : tables)
            QTest::addRow("%s: table %s", b.name, qPrintable(table)) << b.postgres << table;
    }
}

void tst_Storage::migrationsCreateSchema()
{
    QFETCH(bool, postgres);
    QFETCH(QString, table);
    REQUIRE_BACKEND(m_databases, postgres);
    OPEN(storage, m_databases.fresh(postgres));
    QCOMPARE(storage->isPostgres(), postgres);
    QCOMPARE(storage->schemaVersion(), Storage::latestSchemaVersion());
    QVERIFY(Storage::latestSchemaVersion() >= 1);
    // The version is recorded as a setting, where a later release reads it.
    QCOMPARE(one(*storage, u"SELECT value FROM settings WHERE key = 'schema_version'"_s).toInt(),
             Storage::latestSchemaVersion());
    const auto count = storage->scalar(u"SELECT count(*) FROM %1"_s.arg(table));
    QVERIFY2(count, qPrintable(count ? QString() : count.error().message));
    // Only the audit log's head starts with a row: the chain's anchor.
    QCOMPARE(count->toInt(), table == u"audit_head" ? 1 : table == u"settings" ? 1 : 0);
    if (table == u"audit_head") {
        QCOMPARE(one(*storage, u"SELECT seq FROM audit_head WHERE id = 1"_s).toInt(), 0);
        QCOMPARE(one(*storage, u"SELECT hash FROM audit_head WHERE id = 1"_s).toString(),
                 QString());
    }
}

void tst_Storage::reopenIsIdempotent_data()
{
    addBackendColumn();
    for (const Backend &b : backends)
        QTest::addRow("%s: data and version kept, nothing run twice", b.name) << b.postgres;
}

void tst_Storage::reopenIsIdempotent()
{
    QFETCH(bool, postgres);
    REQUIRE_BACKEND(m_databases, postgres);
    const QString location = m_databases.fresh(postgres);
    {
        OPEN(first, location);
        QVERIFY(
            first->exec(u"INSERT INTO users (id, username, created) VALUES ('DU1', 'alice', 1)"_s));
    }
    for (int i = 0; i < 2; ++i) {
        OPEN(again, location);
        QCOMPARE(again->schemaVersion(), Storage::latestSchemaVersion());
        QCOMPARE(
            one(*again, u"SELECT count(*) FROM settings WHERE key = 'schema_version'"_s).toInt(),
            1);
        QCOMPARE(one(*again, u"SELECT count(*) FROM audit_head"_s).toInt(), 1);
        QCOMPARE(one(*again, u"SELECT username FROM users WHERE id = 'DU1'"_s).toString(),
                 u"alice"_s);
    }
}

void tst_Storage::newerDatabaseRefused_data()
{
    addBackendColumn();
    for (const Backend &b : backends)
        QTest::addRow("%s: schema from a newer release", b.name) << b.postgres;
}

void tst_Storage::newerDatabaseRefused()
{
    QFETCH(bool, postgres);
    REQUIRE_BACKEND(m_databases, postgres);
    const QString location = m_databases.fresh(postgres);
    const int newer = Storage::latestSchemaVersion() + 1;
    {
        OPEN(first, location);
        QVERIFY(first->exec(u"UPDATE settings SET value = ? WHERE key = 'schema_version'"_s,
                            { QString::number(newer) }));
    }
    const auto refused = Storage::open(location);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Database);
    const QString message = refused.error().message;
    QVERIFY2(message.contains(u"newer twofold-server"_s), qPrintable(message));
    QVERIFY2(message.contains(u"schema %1"_s.arg(newer)), qPrintable(message));
    QVERIFY2(message.contains(u"knows %1"_s.arg(Storage::latestSchemaVersion())),
             qPrintable(message));
    QVERIFY(message.contains(u"Upgrade"_s));
}

void tst_Storage::transactions_data()
{
    addBackendColumn();
    QTest::addColumn<bool>("nested");
    QTest::addColumn<bool>("innerFails");
    QTest::addColumn<bool>("outerFails");
    QTest::addColumn<QStringList>("kept");
    for (const Backend &b : backends) {
        QTest::addRow("%s: commit keeps the work", b.name)
            << b.postgres << false << false << false << QStringList { u"outer"_s };
        QTest::addRow("%s: an error rolls the work back", b.name)
            << b.postgres << false << false << true << QStringList {};
        QTest::addRow("%s: a nested call joins the outer commit", b.name)
            << b.postgres << true << false << false << QStringList { u"inner"_s, u"outer"_s };
        QTest::addRow("%s: a nested error passed on rolls everything back", b.name)
            << b.postgres << true << true << true << QStringList {};
        QTest::addRow("%s: an outer error rolls back the nested call's work", b.name)
            << b.postgres << true << false << true << QStringList {};
    }
}

void tst_Storage::transactions()
{
    QFETCH(bool, postgres);
    QFETCH(bool, nested);
    QFETCH(bool, innerFails);
    QFETCH(bool, outerFails);
    QFETCH(QStringList, kept);
    REQUIRE_BACKEND(m_databases, postgres);
    OPEN(storage, m_databases.fresh(postgres));
    QVERIFY(!storage->inTransaction());
    const Error failure { ErrorCode::InvalidArgument, u"the work failed"_s };
    int depthSeen = 0;
    const auto result = storage->transaction([&]() -> Result<void> {
        depthSeen += storage->inTransaction() ? 1 : 0;
        if (auto ok = insertSetting(*storage, u"outer"_s); !ok)
            return ok;
        if (nested) {
            auto inner = storage->transaction([&]() -> Result<void> {
                depthSeen += storage->inTransaction() ? 1 : 0;
                if (auto ok = insertSetting(*storage, u"inner"_s); !ok)
                    return ok;
                if (innerFails)
                    return failure;
                return {};
            });
            if (!inner)
                return inner;
            depthSeen += storage->inTransaction() ? 1 : 0; // still in the outer one
        }
        if (outerFails)
            return failure;
        return {};
    });
    QCOMPARE(result.has_value(), !outerFails);
    if (!result)
        QCOMPARE(result.error().message, failure.message);
    QCOMPARE(depthSeen, nested ? (innerFails ? 2 : 3) : 1);
    QVERIFY(!storage->inTransaction());
    QStringList found;
    auto rows
        = storage->exec(u"SELECT key FROM settings WHERE key IN ('inner', 'outer') ORDER BY key"_s);
    QVERIFY(rows);
    while ((*rows)->next())
        found << (*rows)->value(0).toString();
    (*rows)->finish();
    QCOMPARE(found, kept);
    // The connection is usable after either outcome.
    QVERIFY(storage->transaction([&]() { return insertSetting(*storage, u"after"_s); }));
    QCOMPARE(one(*storage, u"SELECT count(*) FROM settings WHERE key = 'after'"_s).toInt(), 1);
}

void tst_Storage::otherConnectionSeesCommits_data()
{
    addBackendColumn();
    for (const Backend &b : backends)
        QTest::addRow("%s: a server sees what the command line commits", b.name) << b.postgres;
}

void tst_Storage::otherConnectionSeesCommits()
{
    QFETCH(bool, postgres);
    REQUIRE_BACKEND(m_databases, postgres);
    const QString location = m_databases.fresh(postgres);
    OPEN(server, location);
    OPEN(cli, location);
    for (const QString &key : { u"first"_s, u"second"_s }) {
        QVERIFY(cli->transaction([&]() { return insertSetting(*cli, key); }));
        // A fresh read on the other connection, not a snapshot from when it opened.
        QCOMPARE(one(*server, u"SELECT count(*) FROM settings WHERE key = ?"_s, { key }).toInt(),
                 1);
        // And it can write after reading.
        QVERIFY(server->transaction([&]() { return insertSetting(*server, key + u"-server"_s); }));
        const QString serverKey = key + u"-server"_s;
        QCOMPARE(one(*cli, u"SELECT count(*) FROM settings WHERE key = ?"_s, { serverKey }).toInt(),
                 1);
    }
}

void tst_Storage::failedStatementRollsBack_data()
{
    addBackendColumn();
    for (const Backend &b : backends)
        QTest::addRow("%s: duplicate key after an insert", b.name) << b.postgres;
}

void tst_Storage::failedStatementRollsBack()
{
    QFETCH(bool, postgres);
    REQUIRE_BACKEND(m_databases, postgres);
    OPEN(storage, m_databases.fresh(postgres));
    const auto result = storage->transaction([&]() -> Result<void> {
        if (auto ok = insertSetting(*storage, u"first"_s); !ok)
            return ok;
        return insertSetting(*storage, u"first"_s); // the primary key is taken
    });
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Database);
    QCOMPARE(one(*storage, u"SELECT count(*) FROM settings WHERE key = 'first'"_s).toInt(), 0);
    QVERIFY(insertSetting(*storage, u"first"_s));
}

void tst_Storage::notifyAfterCommitOnly_data()
{
    addBackendColumn();
    QTest::addColumn<QString>("how"); // commit, rollback, outside
    for (const Backend &b : backends) {
        QTest::addRow("%s: delivered after commit", b.name) << b.postgres << u"commit"_s;
        QTest::addRow("%s: dropped on rollback", b.name) << b.postgres << u"rollback"_s;
        QTest::addRow("%s: outside a transaction at once", b.name) << b.postgres << u"outside"_s;
    }
}

void tst_Storage::notifyAfterCommitOnly()
{
    QFETCH(bool, postgres);
    QFETCH(QString, how);
    REQUIRE_BACKEND(m_databases, postgres);
    const QString location = m_databases.fresh(postgres);
    OPEN(sender, location);
    // SQLite has no notifications between connections: the sender's own process hears it.
    // PostgreSQL: another connection, as another server process would be.
    std::unique_ptr<Storage> other;
    if (postgres) {
        OPEN(second, location);
        other = std::move(second);
    }
    Storage &receiver = postgres ? *other : *sender;
    QSignalSpy heard(&receiver, &Storage::notified);
    const QString payload = u"txn:TX"_s + how.toUpper();

    // PostgreSQL delivers notifications in commit order, so once a marker committed later has
    // arrived, anything not heard before it was not delivered: no waiting on the clock.
    const auto arrived = [&](const QString &what) {
        // wait() returns at the next notification, whichever it is; the bound is for a hang.
        for (int i = 0; i < 50 && !heard.contains(QVariantList { what }); ++i)
            heard.wait(2'000);
        return heard.contains(QVariantList { what });
    };
    int markers = 0;
    const auto heardBeforeMarker = [&]() -> bool {
        if (!postgres)
            return heard.contains(QVariantList { payload });
        const QString marker = u"marker-%1"_s.arg(++markers);
        receiver.notify(marker);
        if (!arrived(marker))
            qWarning("the marker notification never arrived");
        return heard.mid(0, heard.indexOf(QVariantList { marker }))
            .contains(QVariantList { payload });
    };

    if (how == u"outside") {
        sender->notify(payload);
    } else {
        const auto result = sender->transaction([&]() -> Result<void> {
            sender->notify(payload);
            if (auto ok = insertSetting(*sender, u"k"_s); !ok)
                return ok;
            if (heardBeforeMarker())
                return Error { ErrorCode::Database, u"heard before commit"_s };
            if (how == u"rollback")
                return Error { ErrorCode::InvalidArgument, u"rolled back"_s };
            return {};
        });
        QVERIFY2(result || result.error().message != u"heard before commit",
                 "the notification arrived before the transaction committed");
        QCOMPARE(result.has_value(), how == u"commit");
    }
    if (how == u"rollback") {
        QVERIFY(!heardBeforeMarker());
        QVERIFY(!heard.contains(QVariantList { payload }));
    } else {
        QVERIFY(arrived(payload));
        QCOMPARE(heard.count(QVariantList { payload }), 1);
    }
}

void tst_Storage::nullStringBindsAsEmpty_data()
{
    addBackendColumn();
    QTest::addColumn<QVariant>("bound");
    QTest::addColumn<QString>("stored");
    for (const Backend &b : backends) {
        QTest::addRow("%s: null QString is ''", b.name)
            << b.postgres << QVariant(QString()) << QString(u""_s);
        QTest::addRow("%s: null QString inside a QVariant of that type", b.name)
            << b.postgres << QVariant(QMetaType::fromType<QString>()) << QString(u""_s);
        QTest::addRow("%s: empty QString", b.name)
            << b.postgres << QVariant(QString(u""_s)) << QString(u""_s);
        QTest::addRow("%s: text stays text", b.name)
            << b.postgres << QVariant(u"é 名前"_s) << u"é 名前"_s;
    }
}

void tst_Storage::nullStringBindsAsEmpty()
{
    QFETCH(bool, postgres);
    QFETCH(QVariant, bound);
    QFETCH(QString, stored);
    REQUIRE_BACKEND(m_databases, postgres);
    OPEN(storage, m_databases.fresh(postgres));
    // Every text column is NOT NULL: a null would make the insert fail.
    const auto inserted
        = storage->exec(u"INSERT INTO settings (key, value) VALUES ('k', ?)"_s, { bound });
    QVERIFY2(inserted, qPrintable(inserted ? QString() : inserted.error().message));
    QCOMPARE(
        one(*storage, u"SELECT count(*) FROM settings WHERE key = 'k' AND value IS NULL"_s).toInt(),
        0);
    QCOMPARE(one(*storage, u"SELECT value FROM settings WHERE key = 'k'"_s).toString(), stored);
    // A null QString in a WHERE clause matches the empty text too.
    QCOMPARE(one(*storage, u"SELECT count(*) FROM settings WHERE value = ?"_s, { bound }).toInt(),
             1);
}

void tst_Storage::scalarAndChange_data()
{
    addBackendColumn();
    for (const Backend &b : backends)
        QTest::addRow("%s: no row, one row, rows changed", b.name) << b.postgres;
}

void tst_Storage::scalarAndChange()
{
    QFETCH(bool, postgres);
    REQUIRE_BACKEND(m_databases, postgres);
    OPEN(storage, m_databases.fresh(postgres));
    const auto none = storage->scalar(u"SELECT value FROM settings WHERE key = ?"_s, { u"no"_s });
    QVERIFY(none);
    QVERIFY(!none->isValid());
    for (const QString &key : { u"a"_s, u"b"_s, u"c"_s })
        QVERIFY(insertSetting(*storage, key));
    QCOMPARE(storage->change(u"UPDATE settings SET value = 'y' WHERE key IN ('a', 'b')"_s).value(),
             2);
    QCOMPARE(storage->change(u"DELETE FROM settings WHERE key = 'zz'"_s).value(), 0);
    QCOMPARE(one(*storage, u"SELECT value FROM settings WHERE key = ?"_s, { u"b"_s }).toString(),
             u"y"_s);
    // The cached statement gives the next arguments' answer, not the last one's.
    QCOMPARE(one(*storage, u"SELECT value FROM settings WHERE key = ?"_s, { u"c"_s }).toString(),
             u"x"_s);
}

void tst_Storage::badStatementSaysWhy_data()
{
    addBackendColumn();
    for (const Backend &b : backends)
        QTest::addRow("%s: unknown table", b.name) << b.postgres;
}

void tst_Storage::badStatementSaysWhy()
{
    QFETCH(bool, postgres);
    REQUIRE_BACKEND(m_databases, postgres);
    OPEN(storage, m_databases.fresh(postgres));
    const auto bad = storage->exec(u"SELECT * FROM no_such_table"_s);
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::Database);
    QVERIFY2(bad.error().message.contains(u"no_such_table"_s), qPrintable(bad.error().message));
    // A failed statement is not cached: the same text fails again the same way, and others work.
    QVERIFY(!storage->exec(u"SELECT * FROM no_such_table"_s));
    QVERIFY(insertSetting(*storage, u"fine"_s));
}

void tst_Storage::openErrors_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("says");
    QTest::addColumn<QString>("never"); // a secret the message must not repeat
    QTest::newRow("PostgreSQL URL without a database")
        << u"postgresql://someone@localhost:5432"_s << u"postgresql://user@host:5432/database"_s
        << QString();
    QTest::newRow("SQLite file in a missing folder") << u"/nonexistent-twofold-dir/sub/twofold.db"_s
                                                     << u"Cannot open the database"_s << QString();
    QTest::newRow("PostgreSQL refused: the password is not repeated")
        << u"postgresql://someone:Pa55-w0rd-SECRET@127.0.0.1:1/twofold"_s
        << u"Cannot open the database"_s << u"Pa55-w0rd-SECRET"_s;
}

void tst_Storage::openErrors()
{
    QFETCH(QString, location);
    QFETCH(QString, says);
    QFETCH(QString, never);
    const auto opened = Storage::open(location);
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, ErrorCode::Database);
    QVERIFY2(opened.error().message.contains(says), qPrintable(opened.error().message));
    if (!never.isEmpty())
        QVERIFY(!opened.error().message.contains(never));
}

QTEST_GUILESS_MAIN(tst_Storage)
#include "tst_storage.moc"
