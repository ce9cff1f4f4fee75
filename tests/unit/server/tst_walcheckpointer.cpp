// WalCheckpointer: what one connection commits reaches the SQLite database file through the
// checkpointer's own thread and connection, and the committing connection never waits for it.
#include "server/walcheckpointer.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using twofold::server::WalCheckpointer;

namespace {

// A connection that writes in WAL mode and never checkpoints by itself.
class Writer final
{
public:
    explicit Writer(const QString &path)
        : m_name(u"writer-%1"_s.arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        m_open = db.open();
    }
    ~Writer()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool run(const QString &sql, const QVariantList &args = {})
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.prepare(sql))
            return false;
        for (qsizetype i = 0; i < args.size(); ++i)
            query.bindValue(int(i), args[i]);
        return query.exec();
    }
    qint64 value(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
    }
    bool isOpen() const { return m_open; }

private:
    QString m_name;
    bool m_open = false;
};

bool makeDatabase(Writer &writer)
{
    return writer.isOpen() && writer.run(u"PRAGMA journal_mode=WAL"_s)
        && writer.run(u"PRAGMA synchronous=NORMAL"_s)
        && writer.run(u"PRAGMA wal_autocheckpoint=0"_s) && writer.run(u"PRAGMA busy_timeout=0"_s)
        && writer.run(u"CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"_s);
}

} // namespace

class tst_WalCheckpointer final : public QObject
{
    Q_OBJECT

private slots:
    void copiesCommitsIntoTheFile_data();
    void copiesCommitsIntoTheFile();
    void writerNeverWaitsForIt();
    void reportsADatabaseItCannotOpen();
};

void tst_WalCheckpointer::copiesCommitsIntoTheFile_data()
{
    QTest::addColumn<int>("rows");
    QTest::newRow("one row, one page") << 1;
    QTest::newRow("a thousand rows, hundreds of pages") << 1000;
}

void tst_WalCheckpointer::copiesCommitsIntoTheFile()
{
    QFETCH(int, rows);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"test.db"_s);
    Writer writer(path);
    QVERIFY(makeDatabase(writer));
    for (int i = 0; i < rows; ++i)
        QVERIFY(writer.run(u"INSERT INTO rows (body) VALUES (?)"_s, { QString(1000, u'x') }));
    const qint64 pages = writer.value(u"PRAGMA page_count"_s);
    const qint64 pageSize = writer.value(u"PRAGMA page_size"_s);
    QVERIFY(pages > 1 && pageSize > 0);
    // In WAL mode only a checkpoint writes the database file; nothing has run one yet.
    QVERIFY(QFileInfo(path).size() < pages * pageSize);

    WalCheckpointer checkpointer(path, 5);
    checkpointer.start();
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(path).size() == pages * pageSize, 10000);
    QVERIFY(checkpointer.completed() > 0);
    QVERIFY(!checkpointer.failed());
    QCOMPARE(writer.value(u"SELECT count(*) FROM rows"_s), rows);
}

void tst_WalCheckpointer::writerNeverWaitsForIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"test.db"_s);
    Writer writer(path);
    QVERIFY(makeDatabase(writer));
    WalCheckpointer checkpointer(path, 1);
    checkpointer.start();
    // With no busy timeout, a checkpoint that took the write lock (FULL, RESTART) would make
    // some of these fail with "database is locked".
    const QDeadlineTimer deadline(10000);
    for (int i = 0; i < 500 || checkpointer.completed() < 5; ++i) {
        QVERIFY2(writer.run(u"BEGIN IMMEDIATE"_s)
                     && writer.run(u"INSERT INTO rows (body) VALUES (?)"_s, { QString(500, u'y') })
                     && writer.run(u"COMMIT"_s),
                 qPrintable(u"commit %1 failed"_s.arg(i)));
        QVERIFY2(!deadline.hasExpired(), "fewer than 5 checkpoints ran in 10 s");
    }
    QVERIFY(!checkpointer.failed());
}

void tst_WalCheckpointer::reportsADatabaseItCannotOpen()
{
    QTemporaryDir dir;
    WalCheckpointer checkpointer(dir.filePath(u"missing/folder/test.db"_s), 5);
    checkpointer.start();
    QVERIFY(checkpointer.wait(10000));
    QVERIFY(checkpointer.failed());
    QCOMPARE(checkpointer.completed(), 0);
}

QTEST_GUILESS_MAIN(tst_WalCheckpointer)
#include "tst_walcheckpointer.moc"
