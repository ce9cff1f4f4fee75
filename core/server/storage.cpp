#include "storage.h"

#include "walcheckpointer.h"

#include <QAtomicInt>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

const QString notifyChannel = u"twofold_events"_s;

// The schema, one entry per version. Both databases run the same statements, so only types
// and syntax that SQLite and PostgreSQL share are used: TEXT ids, BIGINT times (Unix seconds),
// INTEGER flags, secrets as sealed base64 text.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
        // version 1
        {
            u"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
            u"CREATE TABLE groups (name TEXT PRIMARY KEY, methods TEXT)"_s,
            u"CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE,"
            " email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',"
            " grp TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'active',"
            " blocked_until BIGINT NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0,"
            " locked_until BIGINT NOT NULL DEFAULT 0, voice_pin TEXT NOT NULL DEFAULT '',"
            " created BIGINT NOT NULL)"_s,
            u"CREATE INDEX users_grp ON users (grp, username)"_s,
            u"CREATE INDEX users_status ON users (status, username)"_s,
            // app_code, oath_token, sms, voice, push. secret is sealed; state pending|active.
            u"CREATE TABLE methods (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL,"
            " state TEXT NOT NULL, secret TEXT NOT NULL DEFAULT '', params TEXT NOT NULL DEFAULT "
            "'{}',"
            " last_used BIGINT NOT NULL DEFAULT -1, ref TEXT NOT NULL DEFAULT '',"
            " created BIGINT NOT NULL)"_s,
            u"CREATE INDEX methods_user ON methods (user_id, kind)"_s,
            u"CREATE TABLE tokens (serial TEXT PRIMARY KEY, manufacturer TEXT NOT NULL DEFAULT '',"
            " model TEXT NOT NULL DEFAULT '', secret TEXT NOT NULL, params TEXT NOT NULL,"
            " user_id TEXT NOT NULL DEFAULT '', imported BIGINT NOT NULL)"_s,
            u"CREATE INDEX tokens_user ON tokens (user_id)"_s,
            u"CREATE TABLE apps (ikey TEXT PRIMARY KEY, name TEXT NOT NULL, skey TEXT NOT NULL,"
            " created BIGINT NOT NULL)"_s,
            u"CREATE TABLE admins (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE,"
            " role TEXT NOT NULL, password TEXT NOT NULL, totp TEXT NOT NULL,"
            " totp_last BIGINT NOT NULL DEFAULT -1, failures INTEGER NOT NULL DEFAULT 0,"
            " locked_until BIGINT NOT NULL DEFAULT 0, created BIGINT NOT NULL)"_s,
            u"CREATE TABLE sessions (token TEXT PRIMARY KEY, admin_id TEXT NOT NULL,"
            " expires BIGINT NOT NULL)"_s,
            // One-time codes the server hands out: bypass (helpdesk) and sms; stored hashed.
            u"CREATE TABLE codes (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, kind TEXT NOT NULL,"
            " hash TEXT NOT NULL, expires BIGINT NOT NULL, used INTEGER NOT NULL DEFAULT 0,"
            " created BIGINT NOT NULL)"_s,
            u"CREATE INDEX codes_user ON codes (user_id, kind)"_s,
            u"CREATE TABLE transactions (txid TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
            " app TEXT NOT NULL, factor TEXT NOT NULL, status TEXT NOT NULL,"
            " status_msg TEXT NOT NULL DEFAULT '', number INTEGER NOT NULL DEFAULT 0,"
            " client_ip TEXT NOT NULL DEFAULT '', device_id TEXT NOT NULL DEFAULT '',"
            " created BIGINT NOT NULL, expires BIGINT NOT NULL)"_s,
            u"CREATE INDEX transactions_user ON transactions (user_id, created)"_s,
            u"CREATE TABLE devices (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL,"
            " public_key TEXT NOT NULL, status TEXT NOT NULL, created BIGINT NOT NULL,"
            " last_seen BIGINT NOT NULL DEFAULT 0)"_s,
            u"CREATE INDEX devices_user ON devices (user_id)"_s,
            u"CREATE TABLE activations (code TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
            " expires BIGINT NOT NULL, used INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE TABLE fraud_alerts (id TEXT PRIMARY KEY, user_id TEXT NOT NULL,"
            " source TEXT NOT NULL, txid TEXT NOT NULL DEFAULT '', client_ip TEXT NOT NULL DEFAULT "
            "'',"
            " created BIGINT NOT NULL, resolved BIGINT NOT NULL DEFAULT 0)"_s,
            u"CREATE TABLE outbox (id TEXT PRIMARY KEY, kind TEXT NOT NULL, recipient TEXT NOT "
            u"NULL,"
            " body TEXT NOT NULL, txid TEXT NOT NULL DEFAULT '', status TEXT NOT NULL,"
            " keys TEXT NOT NULL DEFAULT '', created BIGINT NOT NULL)"_s,
            u"CREATE TABLE audit (seq BIGINT PRIMARY KEY, time BIGINT NOT NULL, actor TEXT NOT "
            u"NULL,"
            " action TEXT NOT NULL, subject TEXT NOT NULL, result TEXT NOT NULL,"
            " details TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL)"_s,
            u"CREATE INDEX audit_subject ON audit (subject, seq)"_s,
            // The chain's head, one row: the lock that orders appends across server processes.
            u"CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)"_s,
            u"INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '')"_s,
        },
        // version 2: tokens find their method by serial; without this every assignment,
        // activation and line of the token list read the whole methods table.
        {
            u"CREATE INDEX methods_ref ON methods (ref, kind)"_s,
        },
    };
    return steps;
}

QString newConnectionName()
{
    static QAtomicInt counter;
    return u"twofold-storage-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

Storage::Storage(QSqlDatabase database, bool postgres)
    : m_connection(database.connectionName())
    , m_db(std::move(database))
    , m_postgres(postgres)
{
}

Storage::~Storage()
{
    m_checkpointer.reset(); // first: closing the last connection then checkpoints what is left
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
    if (m_listener.isValid()) {
        const QString listener = m_listener.connectionName();
        m_listener.close();
        m_listener = QSqlDatabase();
        QSqlDatabase::removeDatabase(listener);
    }
}

int Storage::latestSchemaVersion()
{
    return int(migrations().size());
}

Error Storage::databaseError(const QString &what, const QString &detail) const
{
    return { ErrorCode::Database, u"%1: %2"_s.arg(what, detail.trimmed()) };
}

Result<std::unique_ptr<Storage>> Storage::open(const QString &location)
{
    const bool postgres
        = location.startsWith(u"postgresql://"_s) || location.startsWith(u"postgres://"_s);
    const QString name = newConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(postgres ? u"QPSQL"_s : u"QSQLITE"_s, name);
    if (!db.isValid()) {
        db = QSqlDatabase(); // removeDatabase() warns while a handle is still held
        QSqlDatabase::removeDatabase(name);
        return Error { ErrorCode::Database,
                       postgres
                           ? u"The PostgreSQL driver for Qt is not installed (libqt6sql6-psql)."_s
                           : u"The SQLite driver for Qt is not installed (libqt6sql6-sqlite)."_s };
    }
    if (postgres) {
        const QUrl url(location);
        if (!url.isValid() || url.path().size() < 2) {
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return Error {
                ErrorCode::Database,
                u"The database URL is not valid; write it as postgresql://user@host:5432/database"_s
            };
        }
        const QUrlQuery query(url);
        db.setDatabaseName(url.path().mid(1));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        // A Unix socket folder comes as ?host=/path, as libpq's own URLs allow.
        db.setHostName(query.hasQueryItem(u"host"_s)
                           ? query.queryItemValue(u"host"_s, QUrl::FullyDecoded)
                           : url.host());
        if (url.port() > 0)
            db.setPort(url.port());
        db.setConnectOptions(u"connect_timeout=10"_s);
    } else {
        db.setDatabaseName(location);
    }
    if (!db.open()) {
        // The password is in the URL, never in what we print: only the driver's message goes out.
        const QString detail = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return Error { ErrorCode::Database,
                       u"Cannot open the database: %1"_s.arg(detail.trimmed()) };
    }

    std::unique_ptr<Storage> storage(new Storage(std::move(db), postgres));
    db = QSqlDatabase();
    if (postgres) {
        storage->exec(u"SET client_min_messages TO WARNING"_s).value_or(nullptr);
        // NOTIFY is heard on a connection of its own that runs no queries: Qt's driver does not
        // report a notification reaching a connection that has run a forward-only query until
        // that connection's next query, so an idle server would not hear the others.
        storage->m_listener = QSqlDatabase::cloneDatabase(storage->m_db, name + u"-listen"_s);
        QSqlDriver *driver = storage->m_listener.driver();
        if (!storage->m_listener.open() || !driver->subscribeToNotification(notifyChannel)) {
            return Error { ErrorCode::Database,
                           u"Cannot listen for notifications: %1"_s.arg(
                               storage->m_listener.lastError().text().trimmed()) };
        }
        QObject::connect(driver, &QSqlDriver::notification, storage.get(),
                         [s = storage.get()](const QString &channel, QSqlDriver::NotificationSource,
                                             const QVariant &payload) {
                             if (channel == notifyChannel)
                                 emit s->notified(payload.toString());
                         });
    } else {
        // WAL lets readers work while one writer commits; NORMAL sync is durable in WAL mode
        // against a process crash, which is what kill -9 tests. Checkpoints (two disk syncs
        // each) run on a thread of their own; a commit checkpoints only as a backstop, when the
        // log has grown to 80 MB because the load never let a checkpoint finish it.
        for (const QString &pragma : { u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=NORMAL"_s,
                                       u"PRAGMA busy_timeout=10000"_s, u"PRAGMA foreign_keys=ON"_s,
                                       u"PRAGMA wal_autocheckpoint=20000"_s }) {
            auto done = storage->exec(pragma);
            if (!done)
                return done.error();
            // A pragma's result row left unread keeps a read snapshot open: this connection
            // would never see what other processes (the scripting subcommands) commit later.
            (*done)->finish();
        }
    }
    if (auto migrated = storage->migrate(); !migrated)
        return migrated.error();
    if (!postgres) {
        storage->m_checkpointer = std::make_unique<WalCheckpointer>(location, 100);
        storage->m_checkpointer->start();
    }
    return storage;
}

int Storage::schemaVersion() const
{
    auto *self = const_cast<Storage *>(this);
    const auto value = self->scalar(u"SELECT value FROM settings WHERE key = 'schema_version'"_s);
    return value && value->isValid() ? value->toInt() : 0;
}

Result<void> Storage::migrate()
{
    // Creating the settings table first lets us read the version of any database, new or old.
    const auto hasSettings = m_postgres
        ? scalar(u"SELECT to_regclass('settings') IS NOT NULL"_s)
        : scalar(
            u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'settings'"_s);
    if (!hasSettings)
        return hasSettings.error();
    int version = hasSettings->toBool() ? schemaVersion() : 0;
    if (version > latestSchemaVersion()) {
        return Error {
            ErrorCode::Database,
            u"The database was made by a newer twofold-server (schema %1; this one knows %2). "
            "Upgrade twofold-server."_s.arg(version)
                .arg(latestSchemaVersion())
        };
    }
    while (version < latestSchemaVersion()) {
        const QStringList &steps = migrations().at(version);
        const int next = version + 1;
        // Two processes starting at once on PostgreSQL: the advisory lock lets one migrate.
        auto done = transaction([&]() -> Result<void> {
            if (m_postgres) {
                if (auto locked = exec(u"SELECT pg_advisory_xact_lock(7302)"_s); !locked)
                    return locked.error();
                const auto current = scalar(u"SELECT to_regclass('settings') IS NOT NULL"_s);
                if (current && current->toBool() && schemaVersion() >= next)
                    return {};
            }
            for (const QString &statement : steps) {
                if (auto ran = exec(statement); !ran)
                    return ran.error();
            }
            auto stored = exec(u"INSERT INTO settings (key, value) VALUES ('schema_version', ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
                               { QString::number(next) });
            if (!stored)
                return stored.error();
            return {};
        });
        if (!done)
            return done;
        version = schemaVersion();
    }
    return {};
}

Result<QSqlQuery *> Storage::exec(const QString &sql, const QVariantList &arguments)
{
    std::shared_ptr<QSqlQuery> &cached = m_statements[sql];
    // PostgreSQL prepares only queries and changes of rows; BEGIN, COMMIT, SET and the
    // migrations' CREATE statements run as they are.
    static const QRegularExpression preparable(
        u"^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|VALUES)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (m_postgres && arguments.isEmpty() && !preparable.match(sql).hasMatch()) {
        if (!cached) {
            cached = std::make_shared<QSqlQuery>(m_db);
            cached->setForwardOnly(true);
        }
        cached->finish();
        if (!cached->exec(sql))
            return databaseError(u"A database statement failed"_s, cached->lastError().text());
        return cached.get();
    }
    if (!cached) {
        auto query = std::make_shared<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        if (!query->prepare(sql)) {
            m_statements.remove(sql);
            return databaseError(u"A database statement failed"_s, query->lastError().text());
        }
        cached = std::move(query);
    }
    QSqlQuery *query = cached.get();
    query->finish();
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        // A null QString would bind as SQL NULL; every text column is NOT NULL.
        const QVariant &value = arguments.at(i);
        const bool nullText = value.typeId() == QMetaType::QString && value.toString().isNull();
        query->bindValue(int(i), nullText ? QVariant(QString(u""_s)) : value);
    }
    if (!query->exec())
        return databaseError(u"A database statement failed"_s, query->lastError().text());
    return query;
}

Result<QVariant> Storage::scalar(const QString &sql, const QVariantList &arguments)
{
    auto query = exec(sql, arguments);
    if (!query)
        return query.error();
    QVariant value = (*query)->next() ? (*query)->value(0) : QVariant();
    (*query)->finish();
    return value;
}

Result<int> Storage::change(const QString &sql, const QVariantList &arguments)
{
    auto query = exec(sql, arguments);
    if (!query)
        return query.error();
    return (*query)->numRowsAffected();
}

Result<void> Storage::transaction(const std::function<Result<void>()> &work)
{
    if (m_depth > 0) {
        ++m_depth;
        auto result = work();
        --m_depth;
        return result;
    }
    // SQLite: IMMEDIATE takes the write lock up front, so a read-then-write never fails to
    // upgrade when another process (the CLI beside a running server) writes meanwhile.
    auto begun = exec(m_postgres ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s);
    if (!begun)
        return begun.error();
    m_depth = 1;
    Result<void> result = work();
    m_depth = 0;
    // SQLite will not commit while a statement still holds rows: release every cached one.
    for (const auto &statement : std::as_const(m_statements))
        statement->finish();
    if (result) {
        if (auto committed = exec(u"COMMIT"_s); !committed) {
            exec(u"ROLLBACK"_s).value_or(nullptr);
            m_pendingNotifications.clear();
            return committed.error();
        }
        const QStringList sent = std::exchange(m_pendingNotifications, {});
        for (const QString &payload : sent)
            emit notified(payload);
    } else {
        exec(u"ROLLBACK"_s).value_or(nullptr);
        m_pendingNotifications.clear();
    }
    return result;
}

Result<qint64> Storage::copyTo(Storage &target)
{
    if (target.schemaVersion() != schemaVersion())
        return Error {
            ErrorCode::Database,
            u"The target database has schema %1, this one %2; upgrade the older side first."_s
                .arg(target.schemaVersion())
                .arg(schemaVersion())
        };
    static const QStringList tables { u"settings"_s,     u"groups"_s,   u"users"_s,
                                      u"methods"_s,      u"tokens"_s,   u"apps"_s,
                                      u"admins"_s,       u"sessions"_s, u"codes"_s,
                                      u"transactions"_s, u"devices"_s,  u"activations"_s,
                                      u"fraud_alerts"_s, u"outbox"_s,   u"audit"_s,
                                      u"audit_head"_s };
    for (const QString &table : { u"users"_s, u"admins"_s, u"apps"_s, u"audit"_s }) {
        auto rows = target.scalar(u"SELECT count(*) FROM "_s + table);
        if (!rows)
            return rows.error();
        if (rows->toLongLong() > 0)
            return Error {
                ErrorCode::AlreadyExists,
                u"The target database is in use already (its %1 table has rows); copy into an empty one."_s
                    .arg(table)
            };
    }
    qint64 copied = 0;
    auto done = target.transaction([&]() -> Result<void> {
        for (const QString &table : tables) {
            // The target's migration wrote its own settings and audit head: ours replace them.
            if (auto cleared = target.exec(u"DELETE FROM "_s + table); !cleared)
                return cleared.error();
            QSqlQuery rows(m_db);
            rows.setForwardOnly(true);
            if (!rows.exec(u"SELECT * FROM "_s + table))
                return databaseError(u"Cannot read %1"_s.arg(table), rows.lastError().text());
            const QSqlRecord record = rows.record();
            QStringList columns;
            for (int i = 0; i < record.count(); ++i)
                columns << record.fieldName(i);
            const QString insert = u"INSERT INTO %1 (%2) VALUES (%3)"_s.arg(
                table, columns.join(u", "), QStringList(columns.size(), u"?"_s).join(u", "));
            while (rows.next()) {
                QVariantList values;
                for (int i = 0; i < record.count(); ++i)
                    values << rows.value(i);
                if (auto inserted = target.exec(insert, values); !inserted)
                    return inserted.error();
                ++copied;
            }
        }
        return {};
    });
    if (!done)
        return done.error();
    return copied;
}

void Storage::notify(const QString &payload)
{
    if (m_postgres) {
        // Delivered to every listener, this connection included, when the transaction commits.
        exec(u"SELECT pg_notify(?, ?)"_s, { notifyChannel, payload }).value_or(nullptr);
        return;
    }
    if (m_depth > 0)
        m_pendingNotifications.append(payload);
    else
        emit notified(payload);
}

} // namespace twofold::server
