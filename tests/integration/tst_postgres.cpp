// twofold-server on PostgreSQL: two serve processes on one database work together (a txid made
// on one is long-polled on the other and woken by LISTEN/NOTIFY), and the schema is the one
// SQLite gets. The database is $TWOFOLD_TEST_POSTGRES (tests/with-services.sh) with a fresh
// database made for this run by psql and dropped at the end.
#include "duoscript.h"
#include "serverprocess.h"
#include "tools.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace twofold::test;

namespace {

bool onCi()
{
    return qEnvironmentVariable("CI") == u"true";
}

QJsonObject response(const QJsonObject &answer)
{
    return answer.value(u"response"_s).toObject();
}

} // namespace

class tst_Postgres final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void txidPolledOnTheOtherServer_data();
    void txidPolledOnTheOtherServer();
    void schemaMatchesSqlite();

private:
    // psql on the server's maintenance database or on this run's; -At output.
    ProgramRun psql(const QString &url, const QString &sql);
    QStringList postgresSchema();

    QString m_psql;
    QString m_baseUrl;
    QString m_name; // this run's database
    QString m_url;
    std::unique_ptr<ServerData> m_data;
    ServerData::Application m_app;
    std::unique_ptr<ServerProcess> m_a;
    std::unique_ptr<ServerProcess> m_b;
};

void tst_Postgres::initTestCase()
{
    m_baseUrl = qEnvironmentVariable("TWOFOLD_TEST_POSTGRES");
    if (m_baseUrl.isEmpty()) {
        if (onCi())
            QFAIL("CI=true and TWOFOLD_TEST_POSTGRES is not set: run under tests/with-services.sh");
        QSKIP("TWOFOLD_TEST_POSTGRES is not set: run the tests under tests/with-services.sh");
    }
    REQUIRE_TOOL(psql, "psql");
    m_psql = psql;
    m_name = u"twofold_integ_%1"_s.arg(QRandomGenerator::global()->generate64(), 0, 16);
    const ProgramRun created = this->psql(m_baseUrl, u"CREATE DATABASE %1"_s.arg(m_name));
    QVERIFY2(created.ok(), created.describe({ u"CREATE DATABASE"_s }));
    QUrl url(m_baseUrl);
    url.setPath(u"/"_s + m_name);
    m_url = url.toString();

    m_data = std::make_unique<ServerData>(m_url);
    QVERIFY2(m_data->init(), m_data->lastRun());
    QVERIFY2(m_data->last().out.contains(u"Database: PostgreSQL"_s), m_data->lastRun());
    auto app = m_data->addApplication(u"VPN"_s);
    QVERIFY2(app, m_data->lastRun());
    m_app = *app;
    // Only a wake-up can end these long polls within the test's waits.
    QVERIFY(
        m_data->setConfig({ { u"limits"_s, QJsonObject { { u"long_poll_seconds"_s, 600 } } } }));
    QVERIFY2(m_data->setPolicy({ { u"push_timeout_seconds"_s, 600 } }), m_data->lastRun());

    m_a = std::make_unique<ServerProcess>(*m_data);
    m_b = std::make_unique<ServerProcess>(*m_data);
    QVERIFY2(m_a->start(), qPrintable(m_a->log()));
    QVERIFY2(m_b->start(), qPrintable(m_b->log()));
    QVERIFY(m_a->port() != m_b->port());
    for (ServerProcess *server : { m_a.get(), m_b.get() })
        QVERIFY2(server->log().contains(u"\"database\":\"postgresql\""_s),
                 qPrintable(server->log()));
}

void tst_Postgres::cleanupTestCase()
{
    for (auto *server : { m_a.get(), m_b.get() }) {
        if (server && server->isRunning())
            QCOMPARE(server->terminate(), 0);
    }
    m_data.reset();
    if (!m_name.isEmpty()) {
        const ProgramRun dropped
            = psql(m_baseUrl, u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_name));
        QVERIFY2(dropped.ok(), dropped.describe({ u"DROP DATABASE"_s }));
    }
}

void tst_Postgres::txidPolledOnTheOtherServer_data()
{
    QTest::addColumn<bool>("startOnA");
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QString>("status");
    QTest::newRow("started on A, allowed, polled on B and A") << true << u"#"_s << u"allow"_s;
    QTest::newRow("started on B, denied, polled on A and B") << false << u"1#"_s << u"deny"_s;
}

void tst_Postgres::txidPolledOnTheOtherServer()
{
    QFETCH(bool, startOnA);
    QFETCH(QString, keys);
    QFETCH(QString, status);
    ServerProcess &starter = startOnA ? *m_a : *m_b;
    ServerProcess &other = startOnA ? *m_b : *m_a;
    const QString user = startOnA ? u"anna"_s : u"bert"_s;
    QVERIFY2(
        m_data->addUser(user, { u"--phone"_s, startOnA ? u"+31600000001"_s : u"+31600000002"_s }),
        m_data->lastRun());

    DuoScript onStarter(m_app.ikey, m_app.skey, starter.port(), m_data->certificatePath());
    DuoScript onOther(m_app.ikey, m_app.skey, other.port(), m_data->certificatePath());
    QVERIFY2(onStarter.start() && onOther.start(), "/usr/bin/python3 is missing");
    const QJsonObject started = onStarter.call(
        u"auth"_s,
        { { u"username"_s, user }, { u"factor"_s, u"phone"_s }, { u"async_txn"_s, true } });
    QVERIFY2(started.value(u"ok"_s).toBool(), onStarter.describe(started));
    const QString txid = response(started).value(u"txid"_s).toString();
    QVERIFY(!txid.isEmpty());

    // Long polls on both servers; only the one that made the txid saw it being made.
    const int otherPoll = onOther.send(u"auth_status"_s, { { u"txid"_s, txid } });
    const int starterPoll = onStarter.send(u"auth_status"_s, { { u"txid"_s, txid } });
    QVERIFY(onOther.waitSent(otherPoll));
    QVERIFY(onStarter.waitSent(starterPoll));
    // The keypad is answered by a third process, the CLI, on the same database.
    QVERIFY2(m_data->answerCall(txid, keys), m_data->lastRun());
    for (auto [script, id] :
         { std::pair { &onOther, otherPoll }, std::pair { &onStarter, starterPoll } }) {
        const QJsonObject answer = script->result(id);
        QVERIFY2(answer.value(u"ok"_s).toBool(), script->describe(answer));
        QCOMPARE(response(answer).value(u"waiting"_s).toBool(), false);
        QCOMPARE(response(answer).value(u"status"_s).toString(), status);
    }
}

void tst_Postgres::schemaMatchesSqlite()
{
    ServerData sqlite;
    QVERIFY2(sqlite.init(), sqlite.lastRun());
    QStringList sqliteSchema;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"schema"_s);
        db.setDatabaseName(QDir(sqlite.dir()).filePath(u"twofold.db"_s));
        QVERIFY(db.open());
        QSqlQuery tables(db);
        QVERIFY(
            tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s));
        QStringList names;
        while (tables.next())
            names << tables.value(0).toString();
        for (const QString &table : std::as_const(names)) {
            QSqlQuery columns(db);
            QVERIFY(columns.exec(u"PRAGMA table_info(%1)"_s.arg(table)));
            while (columns.next()) {
                // name, type, NOT NULL (a primary key is NOT NULL in PostgreSQL)
                sqliteSchema << u"%1.%2 %3 %4"_s.arg(
                    table, columns.value(1).toString(), columns.value(2).toString().toLower(),
                    columns.value(3).toBool() || columns.value(5).toInt() > 0 ? u"not null"_s
                                                                              : u"null"_s);
            }
        }
        QSqlQuery indexes(db);
        QVERIFY(indexes.exec(u"SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' AND "
                             "name NOT LIKE 'sqlite_autoindex%' ORDER BY name"_s));
        while (indexes.next())
            sqliteSchema << u"index %1 on %2"_s.arg(indexes.value(1).toString(),
                                                    indexes.value(0).toString());
        QSqlQuery version(db);
        QVERIFY(version.exec(u"SELECT value FROM settings WHERE key = 'schema_version'"_s));
        QVERIFY(version.next());
        sqliteSchema << u"schema_version "_s + version.value(0).toString();
    }
    QSqlDatabase::removeDatabase(u"schema"_s);

    const QStringList postgres = postgresSchema();
    QVERIFY(sqliteSchema.size() > 20);
    sqliteSchema.sort();
    QCOMPARE(postgres, sqliteSchema);
}

QStringList tst_Postgres::postgresSchema()
{
    QStringList schema;
    const ProgramRun columns
        = psql(m_url,
               u"SELECT table_name || '.' || column_name || ' ' || lower(data_type) || ' ' || "
               "CASE WHEN is_nullable = 'NO' THEN 'not null' ELSE 'null' END "
               "FROM information_schema.columns WHERE table_schema = 'public'"_s);
    const ProgramRun indexes = psql(
        m_url,
        u"SELECT 'index ' || indexname || ' on ' || tablename FROM pg_indexes "
        "WHERE schemaname = 'public' AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'"_s);
    const ProgramRun version = psql(
        m_url, u"SELECT 'schema_version ' || value FROM settings WHERE key = 'schema_version'"_s);
    for (const ProgramRun *run : { &columns, &indexes, &version }) {
        if (!run->ok()) {
            qWarning("%s", run->describe({ u"psql"_s }).constData());
            return {};
        }
        schema += run->out.split(u'\n', Qt::SkipEmptyParts);
    }
    schema.sort();
    return schema;
}

ProgramRun tst_Postgres::psql(const QString &url, const QString &sql)
{
    return runProgram(m_psql,
                      { u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-At"_s, u"-d"_s, url, u"-c"_s, sql });
}

QTEST_GUILESS_MAIN(tst_Postgres)
#include "tst_postgres.moc"
