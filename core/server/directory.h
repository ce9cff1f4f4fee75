#pragma once

#include "context.h"
#include "policy.h"
#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace twofold::server {

struct User
{
    QString id;
    QString username;
    QString email;
    QString phone;
    QString group;
    QString status; // "active" or "blocked"
    qint64 blockedUntil = 0; // 0: until unblocked
    int failures = 0;
    qint64 lockedUntil = 0;
    bool hasVoicePin = false;
    qint64 created = 0;

    bool isBlocked(qint64 now) const
    {
        return status == u"blocked" && (blockedUntil == 0 || blockedUntil > now);
    }
    bool isLocked(qint64 now) const { return lockedUntil > now; }
    QJsonObject toJson(qint64 now) const;
};

struct UserQuery
{
    QString search; // prefix of username or email
    QString status; // "active", "blocked", "locked" or empty
    QString group;
    QString method; // a method name the user has enrolled
    QString after; // keyset paging: usernames after this one
    int limit = 100;
};

struct UserPage
{
    QList<User> users;
    qint64 total = 0; // matching users, all pages
    QString next; // pass as UserQuery::after for the next page; empty at the end
};

struct UserFields // what an update may change; unset fields stay
{
    std::optional<QString> email, phone, group, voicePin;
};

// One line of a user CSV that passed the checks, and the checks' verdict on the whole file.
struct UserImportRow
{
    int line = 0;
    QString username;
    UserFields fields;
};

struct UserImportCheck
{
    QList<UserImportRow> rows;
    QStringList problems; // "line N: what is wrong"; empty when the file can be imported
};

struct Application
{
    QString ikey;
    QString name;
    qint64 created = 0;
};

enum class Role { Admin, Helpdesk, Auditor };
QString roleName(Role role);
Result<Role> roleFromName(const QString &name);

struct Admin
{
    QString id;
    QString username;
    Role role = Role::Auditor;
};

struct NewAdmin
{
    Admin admin;
    QString password; // shown once
    QString otpauthUri; // shown once
};

// Users, groups, applications, administrators and the policy.
class Directory final
{
public:
    explicit Directory(Context &context);

    Result<User> addUser(const QString &username, const UserFields &fields, const QString &actor);
    Result<User> user(const QString &usernameOrId) const;
    Result<User> updateUser(const QString &usernameOrId, const UserFields &fields,
                            const QString &actor);
    Result<void> deleteUser(const QString &usernameOrId, const QString &actor);
    Result<UserPage> users(const UserQuery &query) const;
    // Bulk import "username,email,phone,group" lines; all or nothing, errors line by line.
    Result<int> importUsers(QByteArrayView csv, const QString &actor);
    // What importUsers would do, writing nothing: the rows, and every bad line including
    // usernames that exist already.
    Result<UserImportCheck> checkUserImport(QByteArrayView csv) const;

    // Blocks until `until` (0: until unblocked); unblocking also clears a lockout.
    Result<void> block(const QString &usernameOrId, qint64 until, const QString &reason,
                       const QString &actor);
    Result<void> unblock(const QString &usernameOrId, const QString &actor);
    bool checkVoicePin(const User &user, const QString &pin) const;

    Result<QStringList> groups() const;

    struct NewApplication
    {
        Application app;
        QString skey; // shown once
    };
    Result<NewApplication> addApplication(const QString &name, const QString &actor);
    Result<QList<Application>> applications() const;
    Result<void> deleteApplication(const QString &ikey, const QString &actor);
    // The secret key of an application, for checking request signatures; nullopt if unknown.
    std::optional<QByteArray> applicationSecret(const QString &ikey);
    std::optional<QString> applicationName(const QString &ikey);

    Result<NewAdmin> addAdmin(const QString &username, Role role, const QString &actor);
    Result<QList<Admin>> admins() const;
    // Password plus the admin's own TOTP: a session token valid for sessionSeconds.
    Result<QString> signIn(const QString &username, const QString &password, const QString &code);
    Result<Admin> session(const QString &token);
    void signOut(const QString &token);
    static constexpr qint64 sessionSeconds = 8 * 3600;

    Policy policy();
    Result<Policy> setPolicy(const QJsonObject &changes, const QString &actor);

    // Drops cached applications and policy (another server process changed them).
    void invalidate();

private:
    Result<User> readUser(const QString &sql, const QVariantList &args) const;
    // SQLite has no notifications between processes: its data_version tells when another
    // process (twofold-server's scripting subcommands) committed, and the caches go.
    void dropCachesIfChangedElsewhere();

    Context &m_context;
    QHash<QString, QByteArray> m_secrets; // ikey -> skey, opened once
    QHash<QString, QString> m_appNames;
    std::optional<Policy> m_policy;
    qint64 m_dataVersion = -1;
};

} // namespace twofold::server
