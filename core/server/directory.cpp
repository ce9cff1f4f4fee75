#include "directory.h"

#include "crypto/kdf.h"
#include "crypto/random.h"
#include "crypto/secure.h"
#include "otp/otpauthuri.h"
#include "otp/otpgenerator.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

const QString userColumns = u"id, username, email, phone, grp, status, blocked_until, failures, "
                            "locked_until, voice_pin, created"_s;

User userFromRow(const QSqlQuery &r)
{
    return { r.value(0).toString(),   r.value(1).toString(),
             r.value(2).toString(),   r.value(3).toString(),
             r.value(4).toString(),   r.value(5).toString(),
             r.value(6).toLongLong(), r.value(7).toInt(),
             r.value(8).toLongLong(), !r.value(9).toString().isEmpty(),
             r.value(10).toLongLong() };
}

QString normalisedUsername(const QString &username)
{
    return username.trimmed().toLower();
}

Result<void> checkUsername(const QString &username)
{
    if (username.isEmpty() || username.size() > 256)
        return Error { ErrorCode::InvalidArgument, u"A username must have 1 to 256 characters."_s };
    for (QChar c : username) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c == u',')
            return Error {
                ErrorCode::InvalidArgument,
                u"The username \"%1\" contains a space, a comma or a control character."_s.arg(
                    username)
            };
    }
    return {};
}

// ASCII digits only: QChar::isDigit() also accepts Arabic-Indic and full-width digits, which
// no keypad sends and no telephony provider takes.
bool isAsciiDigits(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

Result<void> checkPhone(const QString &phone)
{
    // E.164: a plus, a country code that starts with 1 to 9, up to 15 digits in all. Empty
    // removes the phone.
    if (phone.isEmpty())
        return {};
    const bool ok = phone.size() >= 4 && phone.size() <= 16 && phone.front() == u'+'
        && phone.at(1) != u'0' && isAsciiDigits(QStringView(phone).sliced(1));
    if (!ok)
        return Error {
            ErrorCode::InvalidArgument,
            u"The phone number \"%1\" is not in international form; write it as +31612345678."_s
                .arg(phone)
        };
    return {};
}

QString sha256Hex(QByteArrayView bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// scrypt$N$r$p$salt$hash, all base64 where binary.
Result<QString> hashPassword(const QString &password)
{
    auto salt = randomBytes(16);
    if (!salt)
        return salt.error();
    const ScryptParameters params;
    auto hash = scrypt(password.toUtf8(), *salt, params);
    if (!hash)
        return hash.error();
    return u"scrypt$%1$%2$%3$%4$%5"_s.arg(params.n).arg(params.r).arg(params.p).arg(
        QString::fromLatin1(salt->toBase64()), QString::fromLatin1(hash->toBase64()));
}

bool passwordMatches(const QString &password, const QString &stored)
{
    const QStringList parts = stored.split(u'$');
    if (parts.size() != 6 || parts[0] != u"scrypt")
        return false;
    const ScryptParameters params { parts[1].toULongLong(), parts[2].toUInt(), parts[3].toUInt() };
    const QByteArray expected = QByteArray::fromBase64(parts[5].toLatin1());
    auto hash = scrypt(password.toUtf8(), QByteArray::fromBase64(parts[4].toLatin1()), params,
                       expected.size());
    return hash && constantTimeEquals(*hash, expected);
}

QString likePrefix(QString text)
{
    text.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return text + u'%';
}

} // namespace

QJsonObject User::toJson(qint64 now) const
{
    return { { u"user_id"_s, id },
             { u"username"_s, username },
             { u"email"_s, email },
             { u"phone"_s, phone },
             { u"group"_s, group },
             { u"status"_s,
               isBlocked(now)      ? u"blocked"_s
                   : isLocked(now) ? u"locked"_s
                                   : u"active"_s },
             { u"blocked_until"_s, blockedUntil },
             { u"locked_until"_s, lockedUntil },
             { u"failures"_s, failures },
             { u"voice_pin"_s, hasVoicePin },
             { u"created"_s, created } };
}

QString roleName(Role role)
{
    switch (role) {
    case Role::Admin:
        return u"admin"_s;
    case Role::Helpdesk:
        return u"helpdesk"_s;
    case Role::Auditor:
        return u"auditor"_s;
    }
    return {};
}

Result<Role> roleFromName(const QString &name)
{
    for (Role r : { Role::Admin, Role::Helpdesk, Role::Auditor }) {
        if (roleName(r) == name)
            return r;
    }
    return Error { ErrorCode::InvalidArgument,
                   u"\"%1\" is not a role; use admin, helpdesk or auditor."_s.arg(name) };
}

Directory::Directory(Context &context)
    : m_context(context)
{
}

Result<User> Directory::readUser(const QString &sql, const QVariantList &args) const
{
    auto rows = m_context.storage.exec(sql, args);
    if (!rows)
        return rows.error();
    if (!(*rows)->next())
        return Error { ErrorCode::NotFound,
                       u"There is no user \"%1\"."_s.arg(args.value(0).toString()) };
    User user = userFromRow(**rows);
    (*rows)->finish();
    return user;
}

Result<User> Directory::user(const QString &usernameOrId) const
{
    const QString key = usernameOrId.trimmed();
    auto byName = readUser(u"SELECT %1 FROM users WHERE username = ?"_s.arg(userColumns),
                           { normalisedUsername(key) });
    if (byName || byName.error().code != ErrorCode::NotFound)
        return byName;
    auto byId = readUser(u"SELECT %1 FROM users WHERE id = ?"_s.arg(userColumns), { key });
    if (!byId && byId.error().code == ErrorCode::NotFound)
        return Error { ErrorCode::NotFound, u"There is no user \"%1\"."_s.arg(key) };
    return byId;
}

Result<User> Directory::addUser(const QString &name, const UserFields &fields, const QString &actor)
{
    const QString username = normalisedUsername(name);
    if (auto ok = checkUsername(username); !ok)
        return ok.error();
    if (auto ok = checkPhone(fields.phone.value_or(QString())); !ok)
        return ok.error();
    User user { newId(u"DU"),
                username,
                fields.email.value_or(QString()).trimmed(),
                fields.phone.value_or(QString()),
                fields.group.value_or(QString()).trimmed(),
                u"active"_s };
    user.created = m_context.now();
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        auto taken = m_context.storage.scalar(u"SELECT count(*) FROM users WHERE username = ?"_s,
                                              { username });
        if (!taken)
            return taken.error();
        if (taken->toInt() > 0)
            return Error { ErrorCode::AlreadyExists,
                           u"A user \"%1\" exists already."_s.arg(username) };
        auto inserted = m_context.storage.exec(
            u"INSERT INTO users (id, username, email, phone, grp, status, created) VALUES (?, ?, ?, ?, ?, 'active', ?)"_s,
            { user.id, user.username, user.email, user.phone, user.group, user.created });
        if (!inserted)
            return inserted.error();
        if (fields.voicePin) {
            if (auto pinned
                = updateUser(user.id, UserFields { {}, {}, {}, fields.voicePin }, actor);
                !pinned)
                return pinned.error();
        }
        return m_context.audit.append(actor, u"user.create"_s, username, u"ok"_s,
                                      { { u"group"_s, user.group } });
    });
    if (!done)
        return done.error();
    return this->user(user.id);
}

Result<User> Directory::updateUser(const QString &usernameOrId, const UserFields &fields,
                                   const QString &actor)
{
    auto current = user(usernameOrId);
    if (!current)
        return current;
    QStringList sets;
    QVariantList args;
    QJsonObject changed;
    if (fields.email) {
        sets << u"email = ?"_s;
        args << fields.email->trimmed();
        changed[u"email"_s] = fields.email->trimmed();
    }
    if (fields.phone) {
        if (auto ok = checkPhone(*fields.phone); !ok)
            return ok.error();
        sets << u"phone = ?"_s;
        args << *fields.phone;
        changed[u"phone"_s] = *fields.phone;
    }
    if (fields.group) {
        sets << u"grp = ?"_s;
        args << fields.group->trimmed();
        changed[u"group"_s] = fields.group->trimmed();
    }
    if (fields.voicePin) {
        const QString &pin = *fields.voicePin;
        if (!pin.isEmpty() && (pin.size() < 4 || pin.size() > 8 || !isAsciiDigits(pin)))
            return Error { ErrorCode::InvalidArgument, u"A voice PIN has 4 to 8 digits."_s };
        QString stored;
        if (!pin.isEmpty()) {
            auto hashed = hashPassword(pin);
            if (!hashed)
                return hashed.error();
            stored = *hashed;
        }
        sets << u"voice_pin = ?"_s;
        args << stored;
        changed[u"voice_pin"_s] = pin.isEmpty() ? u"removed"_s : u"set"_s; // never the PIN itself
    }
    if (sets.isEmpty())
        return current;
    args << current->id;
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        auto updated = m_context.storage.exec(
            u"UPDATE users SET %1 WHERE id = ?"_s.arg(sets.join(u", ")), args);
        if (!updated)
            return updated.error();
        return m_context.audit.append(actor, u"user.update"_s, current->username, u"ok"_s, changed);
    });
    if (!done)
        return done.error();
    return user(current->id);
}

Result<void> Directory::deleteUser(const QString &usernameOrId, const QString &actor)
{
    auto current = user(usernameOrId);
    if (!current)
        return current.error();
    return m_context.storage.transaction([&]() -> Result<void> {
        for (const QString &sql :
             { u"DELETE FROM methods WHERE user_id = ?"_s, u"DELETE FROM codes WHERE user_id = ?"_s,
               u"DELETE FROM devices WHERE user_id = ?"_s,
               u"DELETE FROM activations WHERE user_id = ?"_s,
               u"UPDATE tokens SET user_id = '' WHERE user_id = ?"_s,
               u"DELETE FROM users WHERE id = ?"_s }) {
            if (auto ran = m_context.storage.exec(sql, { current->id }); !ran)
                return ran.error();
        }
        return m_context.audit.append(actor, u"user.delete"_s, current->username, u"ok"_s);
    });
}

Result<UserPage> Directory::users(const UserQuery &q) const
{
    QString where = u" WHERE 1 = 1"_s;
    QVariantList args;
    if (!q.search.isEmpty()) {
        where += u" AND (username LIKE ? ESCAPE '\\' OR lower(email) LIKE ? ESCAPE '\\')"_s;
        args << likePrefix(q.search.trimmed().toLower())
             << likePrefix(q.search.trimmed().toLower());
    }
    const qint64 now = m_context.now();
    if (q.status == u"blocked") {
        where += u" AND status = 'blocked' AND (blocked_until = 0 OR blocked_until > ?)"_s;
        args << now;
    } else if (q.status == u"locked") {
        where += u" AND locked_until > ?"_s;
        args << now;
    } else if (q.status == u"active") {
        where
            += u" AND (status <> 'blocked' OR (blocked_until <> 0 AND blocked_until <= ?)) AND locked_until <= ?"_s;
        args << now << now;
    } else if (!q.status.isEmpty()) {
        return Error { ErrorCode::InvalidArgument,
                       u"A status filter is active, blocked or locked."_s };
    }
    if (!q.group.isEmpty()) {
        where += u" AND grp = ?"_s;
        args << q.group;
    }
    if (!q.method.isEmpty()) {
        auto method = methodFromName(q.method);
        if (!method)
            return method.error();
        switch (*method) {
        case Method::AppCode:
        case Method::OathToken:
            where
                += u" AND EXISTS (SELECT 1 FROM methods m WHERE m.user_id = users.id AND m.kind = ? AND m.state = 'active')"_s;
            args << q.method;
            break;
        case Method::Push:
            where
                += u" AND EXISTS (SELECT 1 FROM devices d WHERE d.user_id = users.id AND d.status = 'active')"_s;
            break;
        case Method::Sms:
        case Method::Voice:
            where += u" AND phone <> ''"_s;
            break;
        }
    }
    auto total = m_context.storage.scalar(u"SELECT count(*) FROM users"_s + where, args);
    if (!total)
        return total.error();
    const int limit = std::clamp(q.limit, 1, 1000);
    QVariantList pageArgs = args;
    QString sql = u"SELECT %1 FROM users%2"_s.arg(userColumns, where);
    if (!q.after.isEmpty()) {
        sql += u" AND username > ?"_s;
        pageArgs << normalisedUsername(q.after);
    }
    sql += u" ORDER BY username LIMIT ?"_s;
    pageArgs << limit + 1;
    auto rows = m_context.storage.exec(sql, pageArgs);
    if (!rows)
        return rows.error();
    UserPage page;
    page.total = total->toLongLong();
    while ((*rows)->next())
        page.users.append(userFromRow(**rows));
    (*rows)->finish();
    if (page.users.size() > limit) {
        page.users.removeLast();
        page.next = page.users.last().username;
    }
    return page;
}

namespace {

// The file's own checks, without the database: format, usernames, phones, duplicates.
UserImportCheck parseUserCsv(QByteArrayView csv)
{
    const QStringList lines = QString::fromUtf8(csv).split(u'\n');
    UserImportCheck check;
    QSet<QString> seen;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (i == 0 && line.startsWith(QChar(0xfeff)))
            line.remove(0, 1);
        if (line.trimmed().isEmpty())
            continue;
        const QStringList cells = line.split(u',');
        if (i == 0 && cells.value(0).trimmed().compare(u"username", Qt::CaseInsensitive) == 0)
            continue; // a header row
        const QString where = u"line %1: "_s.arg(i + 1);
        if (cells.size() < 1 || cells.size() > 4) {
            check.problems << where
                    + u"expected username,email,phone,group (%1 fields)"_s.arg(cells.size());
            continue;
        }
        const QString username = normalisedUsername(cells[0]);
        if (auto ok = checkUsername(username); !ok) {
            check.problems << where + ok.error().message;
            continue;
        }
        if (auto ok = checkPhone(cells.value(2).trimmed()); !ok) {
            check.problems << where + ok.error().message;
            continue;
        }
        if (seen.contains(username)) {
            check.problems << where + u"\"%1\" appears twice"_s.arg(username);
            continue;
        }
        seen.insert(username);
        check.rows.append({ int(i + 1),
                            username,
                            { cells.value(1).trimmed(),
                              cells.value(2).trimmed(),
                              cells.value(3).trimmed(),
                              {} } });
    }
    return check;
}

} // namespace

Result<UserImportCheck> Directory::checkUserImport(QByteArrayView csv) const
{
    UserImportCheck check = parseUserCsv(csv);
    for (const UserImportRow &row : std::as_const(check.rows)) {
        auto taken = m_context.storage.scalar(u"SELECT count(*) FROM users WHERE username = ?"_s,
                                              { row.username });
        if (!taken)
            return taken.error();
        if (taken->toInt() > 0)
            check.problems << u"line %1: a user \"%2\" exists already"_s.arg(row.line).arg(
                row.username);
    }
    return check;
}

Result<int> Directory::importUsers(QByteArrayView csv, const QString &actor)
{
    const UserImportCheck check = parseUserCsv(csv);
    if (!check.problems.isEmpty())
        return Error { ErrorCode::InvalidArgument,
                       u"Nothing was imported. Fix these lines and try again:\n"_s
                           + check.problems.join(u'\n') };
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        for (const UserImportRow &row : check.rows) {
            if (auto added = addUser(row.username, row.fields, actor); !added) {
                return Error { added.error().code,
                               u"Nothing was imported: line %1: %2"_s.arg(row.line).arg(
                                   added.error().message) };
            }
        }
        return {};
    });
    if (!done)
        return done.error();
    return int(check.rows.size());
}

Result<void> Directory::block(const QString &usernameOrId, qint64 until, const QString &reason,
                              const QString &actor)
{
    auto current = user(usernameOrId);
    if (!current)
        return current.error();
    return m_context.storage.transaction([&]() -> Result<void> {
        auto updated = m_context.storage.exec(
            u"UPDATE users SET status = 'blocked', blocked_until = ? WHERE id = ?"_s,
            { until, current->id });
        if (!updated)
            return updated.error();
        return m_context.audit.append(actor, u"user.block"_s, current->username, u"ok"_s,
                                      { { u"until"_s, until }, { u"reason"_s, reason } });
    });
}

Result<void> Directory::unblock(const QString &usernameOrId, const QString &actor)
{
    auto current = user(usernameOrId);
    if (!current)
        return current.error();
    return m_context.storage.transaction([&]() -> Result<void> {
        auto updated = m_context.storage.exec(
            u"UPDATE users SET status = 'active', blocked_until = 0, failures = 0, locked_until = 0 WHERE id = ?"_s,
            { current->id });
        if (!updated)
            return updated.error();
        auto resolved = m_context.storage.exec(
            u"UPDATE fraud_alerts SET resolved = ? WHERE user_id = ? AND resolved = 0"_s,
            { m_context.now(), current->id });
        if (!resolved)
            return resolved.error();
        return m_context.audit.append(actor, u"user.unblock"_s, current->username, u"ok"_s);
    });
}

bool Directory::checkVoicePin(const User &user, const QString &pin) const
{
    const auto stored
        = m_context.storage.scalar(u"SELECT voice_pin FROM users WHERE id = ?"_s, { user.id });
    return stored && !stored->toString().isEmpty() && passwordMatches(pin, stored->toString());
}

Result<QStringList> Directory::groups() const
{
    auto rows
        = m_context.storage.exec(u"SELECT DISTINCT grp FROM users WHERE grp <> '' ORDER BY grp"_s);
    if (!rows)
        return rows.error();
    QStringList names;
    while ((*rows)->next())
        names << (*rows)->value(0).toString();
    (*rows)->finish();
    return names;
}

Result<Directory::NewApplication> Directory::addApplication(const QString &name,
                                                            const QString &actor)
{
    if (name.trimmed().isEmpty() || name.size() > 200)
        return Error { ErrorCode::InvalidArgument,
                       u"An application needs a name of 1 to 200 characters."_s };
    NewApplication created { { newId(u"DI"), name.trimmed(), m_context.now() }, newId(u"", 40) };
    auto sealed = m_context.secrets.seal(created.skey.toLatin1(),
                                         (u"apps.skey:"_s + created.app.ikey).toUtf8());
    if (!sealed)
        return sealed.error();
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        auto inserted = m_context.storage.exec(
            u"INSERT INTO apps (ikey, name, skey, created) VALUES (?, ?, ?, ?)"_s,
            { created.app.ikey, created.app.name, *sealed, created.app.created });
        if (!inserted)
            return inserted.error();
        return m_context.audit.append(actor, u"app.create"_s, created.app.name, u"ok"_s,
                                      { { u"ikey"_s, created.app.ikey } });
    });
    if (!done)
        return done.error();
    return created;
}

Result<QList<Application>> Directory::applications() const
{
    auto rows = m_context.storage.exec(u"SELECT ikey, name, created FROM apps ORDER BY name"_s);
    if (!rows)
        return rows.error();
    QList<Application> apps;
    while ((*rows)->next())
        apps.append({ (*rows)->value(0).toString(), (*rows)->value(1).toString(),
                      (*rows)->value(2).toLongLong() });
    (*rows)->finish();
    return apps;
}

Result<void> Directory::deleteApplication(const QString &ikey, const QString &actor)
{
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        auto removed = m_context.storage.change(u"DELETE FROM apps WHERE ikey = ?"_s, { ikey });
        if (!removed)
            return removed.error();
        if (*removed == 0)
            return Error { ErrorCode::NotFound, u"There is no application %1."_s.arg(ikey) };
        m_context.storage.notify(u"apps"_s);
        return m_context.audit.append(actor, u"app.delete"_s, ikey, u"ok"_s);
    });
    m_secrets.remove(ikey);
    m_appNames.remove(ikey);
    return done;
}

void Directory::dropCachesIfChangedElsewhere()
{
    if (m_context.storage.isPostgres())
        return; // NOTIFY keeps the caches current
    const auto version = m_context.storage.scalar(u"PRAGMA data_version"_s);
    const qint64 now = version ? version->toLongLong() : -1;
    if (now != m_dataVersion) {
        invalidate();
        m_dataVersion = now;
    }
}

std::optional<QByteArray> Directory::applicationSecret(const QString &ikey)
{
    dropCachesIfChangedElsewhere();
    if (const auto it = m_secrets.constFind(ikey); it != m_secrets.cend())
        return *it;
    auto rows = m_context.storage.exec(u"SELECT skey, name FROM apps WHERE ikey = ?"_s, { ikey });
    if (!rows || !(*rows)->next())
        return std::nullopt;
    const QString sealed = (*rows)->value(0).toString();
    const QString name = (*rows)->value(1).toString();
    (*rows)->finish();
    auto skey = m_context.secrets.open(sealed, (u"apps.skey:"_s + ikey).toUtf8());
    if (!skey)
        return std::nullopt;
    m_secrets.insert(ikey, *skey);
    m_appNames.insert(ikey, name);
    return *skey;
}

std::optional<QString> Directory::applicationName(const QString &ikey)
{
    if (!applicationSecret(ikey))
        return std::nullopt;
    return m_appNames.value(ikey);
}

Result<NewAdmin> Directory::addAdmin(const QString &name, Role role, const QString &actor)
{
    const QString username = normalisedUsername(name);
    if (auto ok = checkUsername(username); !ok)
        return ok.error();
    auto secret = randomBytes(20);
    auto passwordBytes = randomBytes(12);
    if (!secret || !passwordBytes)
        return Error { ErrorCode::Crypto, u"The random number generator failed."_s };
    NewAdmin created { { newId(u"DE"), username, role }, newId(u"", 16), {} };
    OtpParameters otp;
    otp.secret = *secret;
    otp.issuer = u"Twofold admin"_s;
    otp.account = username;
    created.otpauthUri = OtpAuthUri::serialise(otp);
    auto passwordHash = hashPassword(created.password);
    auto sealed = m_context.secrets.seal(*secret, (u"admins.totp:"_s + created.admin.id).toUtf8());
    if (!passwordHash || !sealed)
        return Error { ErrorCode::Crypto,
                       u"Cannot protect the new administrator's credentials."_s };
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        auto taken = m_context.storage.scalar(u"SELECT count(*) FROM admins WHERE username = ?"_s,
                                              { username });
        if (!taken)
            return taken.error();
        if (taken->toInt() > 0)
            return Error { ErrorCode::AlreadyExists,
                           u"An administrator \"%1\" exists already."_s.arg(username) };
        auto inserted = m_context.storage.exec(
            u"INSERT INTO admins (id, username, role, password, totp, created) VALUES (?, ?, ?, ?, ?, ?)"_s,
            { created.admin.id, username, roleName(role), *passwordHash, *sealed,
              m_context.now() });
        if (!inserted)
            return inserted.error();
        return m_context.audit.append(actor, u"admin.create"_s, username, u"ok"_s,
                                      { { u"role"_s, roleName(role) } });
    });
    if (!done)
        return done.error();
    return created;
}

Result<QList<Admin>> Directory::admins() const
{
    auto rows
        = m_context.storage.exec(u"SELECT id, username, role FROM admins ORDER BY username"_s);
    if (!rows)
        return rows.error();
    QList<Admin> list;
    while ((*rows)->next())
        list.append({ (*rows)->value(0).toString(), (*rows)->value(1).toString(),
                      roleFromName((*rows)->value(2).toString()).value_or(Role::Auditor) });
    (*rows)->finish();
    return list;
}

Result<QString> Directory::signIn(const QString &name, const QString &password, const QString &code)
{
    const Error refused { ErrorCode::NotAuthenticated,
                          u"The username, password or code is wrong."_s };
    const QString username = normalisedUsername(name);
    auto rows = m_context.storage.exec(
        u"SELECT id, password, totp, totp_last, failures, locked_until FROM admins WHERE username = ?"_s,
        { username });
    if (!rows)
        return rows.error();
    if (!(*rows)->next()) {
        // Spend the same scrypt time as for a real admin, so timing does not tell names apart.
        passwordMatches(
            password,
            u"scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="_s);
        static_cast<void>(
            m_context.audit.append(u"admin:"_s + username, u"admin.signin"_s, username, u"fail"_s));
        return refused;
    }
    const QString id = (*rows)->value(0).toString();
    const QString stored = (*rows)->value(1).toString();
    const QString sealed = (*rows)->value(2).toString();
    const qint64 lastStep = (*rows)->value(3).toLongLong();
    const int failures = (*rows)->value(4).toInt();
    const qint64 lockedUntil = (*rows)->value(5).toLongLong();
    (*rows)->finish();
    const qint64 now = m_context.now();
    if (lockedUntil > now)
        return Error { ErrorCode::UserLocked,
                       u"Too many failed sign-ins; try again in %1 minutes."_s.arg(
                           (lockedUntil - now + 59) / 60) };

    bool ok = passwordMatches(password, stored);
    qint64 matchedStep = -1;
    if (auto secret = m_context.secrets.open(sealed, (u"admins.totp:"_s + id).toUtf8()); secret) {
        OtpParameters otp;
        otp.secret = *secret;
        const OtpGenerator generator(otp);
        const qint64 step = qint64(generator.timeStep(now));
        for (qint64 s = step - 1; s <= step + 1; ++s) {
            const auto expected = generator.codeForCounter(quint64(s));
            if (s > lastStep && expected
                && constantTimeEquals(expected->toLatin1(), code.trimmed().toLatin1()))
                matchedStep = s;
        }
    }
    ok = ok && matchedStep >= 0;
    Result<QString> outcome = refused;
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        if (!ok) {
            const int count = failures + 1;
            const qint64 lock = count >= 5 ? now + 15 * 60 : 0;
            auto updated = m_context.storage.exec(
                u"UPDATE admins SET failures = ?, locked_until = ? WHERE id = ?"_s,
                { lock ? 0 : count, lock, id });
            if (!updated)
                return updated.error();
            return m_context.audit.append(u"admin:"_s + username, u"admin.signin"_s, username,
                                          u"fail"_s);
        }
        const QString token = newId(u"", 43);
        auto updated = m_context.storage.exec(
            u"UPDATE admins SET failures = 0, totp_last = ? WHERE id = ?"_s, { matchedStep, id });
        auto inserted = m_context.storage.exec(
            u"INSERT INTO sessions (token, admin_id, expires) VALUES (?, ?, ?)"_s,
            { sha256Hex(token.toLatin1()), id, now + sessionSeconds });
        if (!updated || !inserted)
            return Error { ErrorCode::Database, u"Cannot record the session."_s };
        outcome = token;
        return m_context.audit.append(u"admin:"_s + username, u"admin.signin"_s, username, u"ok"_s);
    });
    if (!done)
        return done.error();
    return outcome;
}

Result<Admin> Directory::session(const QString &token)
{
    const Error refused { ErrorCode::NotAuthenticated,
                          u"Sign in first: the session is missing or has expired."_s };
    if (token.isEmpty())
        return refused;
    auto rows = m_context.storage.exec(
        u"SELECT a.id, a.username, a.role, s.expires FROM sessions s JOIN admins a ON a.id = s.admin_id WHERE s.token = ?"_s,
        { sha256Hex(token.toLatin1()) });
    if (!rows)
        return rows.error();
    if (!(*rows)->next())
        return refused;
    Admin admin { (*rows)->value(0).toString(), (*rows)->value(1).toString(),
                  roleFromName((*rows)->value(2).toString()).value_or(Role::Auditor) };
    const qint64 expires = (*rows)->value(3).toLongLong();
    (*rows)->finish();
    if (expires <= m_context.now())
        return refused;
    return admin;
}

void Directory::signOut(const QString &token)
{
    m_context.storage
        .exec(u"DELETE FROM sessions WHERE token = ?"_s, { sha256Hex(token.toLatin1()) })
        .value_or(nullptr);
}

Policy Directory::policy()
{
    dropCachesIfChangedElsewhere();
    if (m_policy)
        return *m_policy;
    Policy policy;
    if (auto stored
        = m_context.storage.scalar(u"SELECT value FROM settings WHERE key = 'policy'"_s);
        stored && stored->isValid()) {
        policy = Policy::fromJson(QJsonDocument::fromJson(stored->toString().toUtf8()).object(),
                                  Policy())
                     .value_or(Policy());
    }
    m_policy = policy;
    return policy;
}

Result<Policy> Directory::setPolicy(const QJsonObject &changes, const QString &actor)
{
    auto changed = Policy::fromJson(changes, policy());
    if (!changed)
        return changed;
    const QString json
        = QString::fromUtf8(QJsonDocument(changed->toJson()).toJson(QJsonDocument::Compact));
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        auto stored
            = m_context.storage.exec(u"INSERT INTO settings (key, value) VALUES ('policy', ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
                                     { json });
        if (!stored)
            return stored.error();
        m_context.storage.notify(u"policy"_s);
        return m_context.audit.append(actor, u"policy.update"_s, u"policy"_s, u"ok"_s, changes);
    });
    if (!done)
        return done.error();
    m_policy = *changed;
    return changed;
}

void Directory::invalidate()
{
    m_secrets.clear();
    m_appNames.clear();
    m_policy.reset();
}

} // namespace twofold::server
