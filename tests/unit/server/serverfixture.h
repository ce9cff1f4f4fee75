#pragma once

// What the server's unit tests share: fresh databases (a SQLite file, or PostgreSQL from
// $TWOFOLD_TEST_POSTGRES, which tests/with-services.sh sets) and the server's parts wired to
// them with a clock the tests move by hand.

#include "clock.h"
#include "crypto/random.h"
#include "otp/otpauthuri.h"
#include "otp/otpgenerator.h"
#include "server/auditlog.h"
#include "server/context.h"
#include "server/directory.h"
#include "server/enrollment.h"
#include "server/outboxprovider.h"
#include "server/secretbox.h"
#include "server/storage.h"
#include "server/verifier.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <memory>
#include <optional>

namespace twofold::server::testing {

using namespace Qt::StringLiterals;

// The backends a database test runs its rows on: each _data() adds every row once per backend.
struct Backend
{
    const char *name;
    bool postgres;
};
inline constexpr Backend backends[] = { { "sqlite", false }, { "postgres", true } };

inline bool onCi()
{
    return qEnvironmentVariable("CI") == u"true";
}

// Empty databases for one test run. SQLite: a new file for each call. PostgreSQL: one database
// with a random name for the run (so parallel runs never meet), dropped by drop(); each call
// empties its public schema. Every Storage on the previous location must be closed first.
class TestDatabases final
{
public:
    TestDatabases() = default;
    ~TestDatabases() { drop(); }
    Q_DISABLE_COPY_MOVE(TestDatabases)

    // Why PostgreSQL cannot be used in this run; empty when it can.
    QString postgresProblem()
    {
        if (!m_tried) {
            m_tried = true;
            m_problem = createRunDatabase();
        }
        return m_problem;
    }

    // A location for Storage::open that holds nothing yet, or empty (with QFAIL) on failure.
    QString fresh(bool postgres)
    {
        if (!postgres)
            return m_dir.filePath(u"db%1.sqlite"_s.arg(++m_files));
        if (!postgresProblem().isEmpty())
            return {};
        QSqlDatabase db = QSqlDatabase::database(m_runConnection);
        QSqlQuery query(db);
        for (const QString &sql :
             { u"DROP SCHEMA IF EXISTS public CASCADE"_s, u"CREATE SCHEMA public"_s }) {
            if (!query.exec(sql)) {
                qWarning("Cannot empty the test database: %s",
                         qPrintable(query.lastError().text()));
                return {};
            }
        }
        return m_runUrl;
    }

    // Drops this run's PostgreSQL database; called by cleanupTestCase() and the destructor.
    void drop()
    {
        if (m_runName.isEmpty())
            return;
        QSqlDatabase::removeDatabase(m_runConnection); // closes it
        {
            QSqlDatabase admin = QSqlDatabase::database(m_adminConnection);
            QSqlQuery query(admin);
            if (!query.exec(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_runName)))
                qWarning("Cannot drop the test database %s: %s", qPrintable(m_runName),
                         qPrintable(query.lastError().text()));
        }
        QSqlDatabase::removeDatabase(m_adminConnection);
        m_runName.clear();
    }

private:
    static QSqlDatabase connect(const QUrl &url, const QString &name)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        const QUrlQuery query(url);
        db.setDatabaseName(url.path().mid(1));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setHostName(query.hasQueryItem(u"host"_s)
                           ? query.queryItemValue(u"host"_s, QUrl::FullyDecoded)
                           : url.host());
        if (url.port() > 0)
            db.setPort(url.port());
        db.open();
        return db;
    }

    QString createRunDatabase()
    {
        const QString base = qEnvironmentVariable("TWOFOLD_TEST_POSTGRES");
        if (base.isEmpty())
            return u"TWOFOLD_TEST_POSTGRES is not set: run the tests under tests/with-services.sh"_s;
        const QUrl url(base);
        const QString suffix = QString::fromLatin1(randomBytes(6).value_or("\0"_ba).toHex());
        m_adminConnection = u"twofold-test-admin-"_s + suffix;
        m_runConnection = u"twofold-test-run-"_s + suffix;
        {
            QSqlDatabase admin = connect(url, m_adminConnection);
            if (!admin.isOpen())
                return u"Cannot connect to $TWOFOLD_TEST_POSTGRES: "_s + admin.lastError().text();
            const QString name = u"twofold_unit_"_s + suffix;
            QSqlQuery query(admin);
            if (!query.exec(u"CREATE DATABASE %1"_s.arg(name)))
                return u"Cannot create a test database: "_s + query.lastError().text();
            m_runName = name;
        }
        QUrl run = url;
        run.setPath(u"/"_s + m_runName);
        m_runUrl = run.toString();
        QSqlDatabase db = connect(run, m_runConnection);
        if (!db.isOpen())
            return u"Cannot connect to the new test database "_s + m_runName;
        QSqlQuery(db).exec(u"SET client_min_messages TO WARNING"_s); // no NOTICE per DROP
        return {};
    }

    QTemporaryDir m_dir;
    int m_files = 0;
    bool m_tried = false;
    QString m_problem;
    QString m_adminConnection, m_runConnection, m_runName, m_runUrl;
};

// A PostgreSQL row without a database fails on CI and is skipped elsewhere, saying why.
#define REQUIRE_BACKEND(databases, postgres)                                                       \
    do {                                                                                           \
        if (postgres) {                                                                            \
            const QString problem_ = (databases).postgresProblem();                                \
            if (!problem_.isEmpty()) {                                                             \
                if (::twofold::server::testing::onCi())                                            \
                    QFAIL(qPrintable(u"CI=true and PostgreSQL is missing: "_s + problem_));        \
                QSKIP(qPrintable(problem_));                                                       \
            }                                                                                      \
        }                                                                                          \
    } while (false)

// The server's parts on one database. Declared in the order they are built; destroyed in reverse.
struct ServerParts
{
    // Mid-way through a 30 s time step, so one step either side is unambiguous.
    static constexpr qint64 start = 1'700'000'025;

    ManualClock clock { start };
    std::unique_ptr<Storage> storage;
    std::optional<SecretBox> secrets;
    std::unique_ptr<AuditLog> audit;
    std::unique_ptr<Context> context;
    std::unique_ptr<Directory> directory;
    std::unique_ptr<Enrollment> enrollment;
    std::unique_ptr<OutboxProvider> outbox;
    std::unique_ptr<Verifier> verifier;

    // Empty on success, else why not.
    QString open(const QString &location)
    {
        if (location.isEmpty())
            return u"no database location"_s;
        auto opened = Storage::open(location);
        if (!opened)
            return opened.error().message;
        storage = std::move(*opened);
        secrets = SecretBox::fromKey(QByteArray(SecretBox::keySize, 'k')).value();
        audit = std::make_unique<AuditLog>(*storage, clock);
        context.reset(new Context { *storage, *secrets, clock, *audit });
        directory = std::make_unique<Directory>(*context);
        enrollment = std::make_unique<Enrollment>(*context, *directory);
        outbox = std::make_unique<OutboxProvider>(*context);
        verifier = std::make_unique<Verifier>(*context, *directory, *outbox);
        return {};
    }

    qint64 now() const { return clock.currentSecsSinceEpoch(); }

    // One value from the database, for checks the public API does not expose.
    QVariant value(const QString &sql, const QVariantList &args = {})
    {
        return storage->scalar(sql, args).value_or(QVariant());
    }
    bool run(const QString &sql, const QVariantList &args = {})
    {
        return storage->exec(sql, args).has_value();
    }
};

#define OPEN_PARTS(parts, location)                                                                \
    do {                                                                                           \
        const QString problem_ = (parts).open(location);                                           \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_));                                        \
    } while (false)

// An audit query for one subject and action (either may be empty: any).
inline AuditQuery about(const QString &subject, const QString &action)
{
    AuditQuery q;
    q.subject = subject;
    q.action = action;
    return q;
}

// The fields of a user to add or update; nullopt leaves a field as it is.
inline UserFields userFields(std::optional<QString> email, std::optional<QString> phone = {},
                             std::optional<QString> group = {},
                             std::optional<QString> voicePin = {})
{
    UserFields f;
    f.email = std::move(email);
    f.phone = std::move(phone);
    f.group = std::move(group);
    f.voicePin = std::move(voicePin);
    return f;
}

// The TOTP secret inside an otpauth URI the server handed out.
inline OtpParameters otpFromUri(const QString &uri)
{
    return OtpAuthUri::parse(uri).value_or(OtpParameters());
}

// The code an authenticator shows at a moment, computed by core/otp.
inline QString totpAt(const OtpParameters &otp, qint64 when)
{
    return OtpGenerator(otp).codeAt(when).value_or(QString());
}

// The newest one-time code the outbox provider recorded for a phone number.
inline QString lastSmsCode(ServerParts &parts, const QString &phone)
{
    const QString body = parts
                             .value(u"SELECT body FROM outbox WHERE kind = 'sms' AND recipient = ? "
                                    "ORDER BY created DESC, id DESC LIMIT 1"_s,
                                    { phone })
                             .toString();
    static const QRegularExpression sixDigits(u"\\b(\\d{6})\\b"_s);
    return sixDigits.match(body).captured(1);
}

} // namespace twofold::server::testing
