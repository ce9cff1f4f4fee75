#pragma once

#include "result.h"

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <functional>
#include <memory>

namespace twofold::server {

class WalCheckpointer;

// The server's database: an SQLite file (the embedded default) or PostgreSQL (a postgresql://
// URL), with one schema and versioned migrations. One Storage is one connection; it lives on
// the thread that opened it. Prepared statements are cached, so a hot query is parsed once.
class Storage final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Storage)

public:
    // location: a file path for SQLite, or postgresql://user:password@host:port/db?host=/socket
    static Result<std::unique_ptr<Storage>> open(const QString &location);
    ~Storage() override;

    bool isPostgres() const { return m_postgres; }
    int schemaVersion() const;
    static int latestSchemaVersion();

    // Runs a statement with positional (?) arguments. Select results are read from the query.
    Result<QSqlQuery *> exec(const QString &sql, const QVariantList &arguments = {});
    // A single value from the first row, or an invalid QVariant when there is no row.
    Result<QVariant> scalar(const QString &sql, const QVariantList &arguments = {});
    // Rows changed by an UPDATE or DELETE.
    Result<int> change(const QString &sql, const QVariantList &arguments = {});

    // Runs work in one write transaction: committed when it succeeds, rolled back otherwise.
    // Nested calls join the outer transaction.
    Result<void> transaction(const std::function<Result<void>()> &work);
    bool inTransaction() const { return m_depth > 0; }

    // Copies every row into target, a database with the same schema version and no data of
    // its own (moving from SQLite to PostgreSQL). All or nothing: one transaction on target.
    Result<qint64> copyTo(Storage &target);

    // Tells every server process on this database that something changed (PostgreSQL NOTIFY,
    // delivered after commit), or this process alone on SQLite. Arrives as notified().
    void notify(const QString &payload);

signals:
    void notified(const QString &payload);

private:
    explicit Storage(QSqlDatabase database, bool postgres);
    Result<void> migrate();
    Error databaseError(const QString &what, const QString &detail) const;

    QString m_connection;
    QSqlDatabase m_db;
    QSqlDatabase m_listener; // PostgreSQL: LISTENs for notify() and runs no queries
    bool m_postgres = false;
    int m_depth = 0;
    QStringList m_pendingNotifications; // SQLite: sent when the transaction commits
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    std::unique_ptr<WalCheckpointer> m_checkpointer; // SQLite: checkpoints off this thread
};

} // namespace twofold::server
