#include "enrollment.h"

#include "crypto/random.h"
#include "otp/base32.h"
#include "otp/otpauthuri.h"
#include "otpwindow.h"
#include "qr/qrencoder.h"

#include <QBuffer>
#include <QImage>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

QByteArray methodContext(const QString &methodId)
{
    return (u"methods.secret:"_s + methodId).toUtf8();
}

QByteArray tokenContext(const QString &serial)
{
    return (u"tokens.secret:"_s + serial).toUtf8();
}

QJsonObject parseJson(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

QJsonObject TokenInfo::toJson() const
{
    return { { u"serial"_s, serial }, { u"manufacturer"_s, manufacturer },
             { u"model"_s, model },   { u"type"_s, type },
             { u"user"_s, user },     { u"state"_s, state },
             { u"digits"_s, digits }, { u"period"_s, period } };
}

Enrollment::Enrollment(Context &context, Directory &directory)
    : m_context(context)
    , m_directory(directory)
{
}

Result<AppCodeEnrollment> Enrollment::enrollAppCode(const QString &userName, const QString &issuer,
                                                    const QString &actor)
{
    auto user = m_directory.user(userName);
    if (!user)
        return user.error();
    if (!m_directory.policy().allows(Method::AppCode, user->group))
        return Error { ErrorCode::PolicyDenied,
                       u"The policy does not allow app codes for %1."_s.arg(user->username) };
    auto secret = randomBytes(20);
    if (!secret)
        return secret.error();
    OtpParameters otp;
    otp.secret = *secret;
    otp.issuer = issuer.isEmpty() ? u"Twofold"_s : issuer;
    otp.account = user->username;
    AppCodeEnrollment enrolled {
        newId(u"DM"), Base32::encode(*secret), OtpAuthUri::serialise(otp), {}
    };
    auto image = QrEncoder::toImage(enrolled.otpauthUri.toUtf8());
    if (!image)
        return image.error();
    QBuffer png(&enrolled.qrPng);
    png.open(QIODevice::WriteOnly);
    image->save(&png, "PNG");

    auto sealed = m_context.secrets.seal(*secret, methodContext(enrolled.methodId));
    if (!sealed)
        return sealed.error();
    const QString params
        = QString::fromUtf8(QJsonDocument(otpToJson(otp)).toJson(QJsonDocument::Compact));
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        // A new enrollment replaces one that was never confirmed.
        auto dropped = m_context.storage.exec(
            u"DELETE FROM methods WHERE user_id = ? AND kind = 'app_code' AND state = 'pending'"_s,
            { user->id });
        auto inserted = m_context.storage.exec(
            u"INSERT INTO methods (id, user_id, kind, state, secret, params, created) VALUES (?, ?, 'app_code', 'pending', ?, ?, ?)"_s,
            { enrolled.methodId, user->id, *sealed, params, m_context.now() });
        if (!dropped || !inserted)
            return Error { ErrorCode::Database, u"Cannot store the enrollment."_s };
        return m_context.audit.append(actor, u"enroll.app_code"_s, user->username, u"pending"_s,
                                      { { u"method"_s, enrolled.methodId } });
    });
    if (!done)
        return done.error();
    return enrolled;
}

Result<void> Enrollment::confirmAppCode(const QString &userName, const QString &code,
                                        const QString &actor)
{
    auto user = m_directory.user(userName);
    if (!user)
        return user.error();
    auto rows = m_context.storage.exec(
        u"SELECT id, secret, params FROM methods WHERE user_id = ? AND kind = 'app_code' AND state = 'pending'"_s,
        { user->id });
    if (!rows)
        return rows.error();
    if (!(*rows)->next())
        return Error { ErrorCode::NotFound,
                       u"%1 has no app code waiting for its first code; enroll first."_s.arg(
                           user->username) };
    const QString id = (*rows)->value(0).toString();
    const QString sealed = (*rows)->value(1).toString();
    const QJsonObject params = parseJson((*rows)->value(2).toString());
    (*rows)->finish();
    auto secret = m_context.secrets.open(sealed, methodContext(id));
    if (!secret)
        return secret.error();
    const Policy policy = m_directory.policy();
    const auto step
        = matchOtp(otpFromJson(params, *secret), code, -1, m_context.now(), policy.totpWindow, 0);
    // A failure is audited outside the transaction, whose error would roll the entry back.
    if (!step) {
        static_cast<void>(
            m_context.audit.append(actor, u"enroll.app_code.confirm"_s, user->username, u"fail"_s));
        return Error {
            ErrorCode::CodeRejected,
            u"That code is not the one the app shows now. Check the phone's clock and type the current code."_s
        };
    }
    return m_context.storage.transaction([&]() -> Result<void> {
        auto updated = m_context.storage.exec(
            u"UPDATE methods SET state = 'active', last_used = ? WHERE id = ?"_s, { *step, id });
        if (!updated)
            return updated.error();
        return m_context.audit.append(actor, u"enroll.app_code.confirm"_s, user->username, u"ok"_s,
                                      { { u"method"_s, id } });
    });
}

Result<TokenImport> Enrollment::importTokens(const TokenFile &file, const QString &actor)
{
    TokenImport result;
    result.skipped = file.skipped;
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        for (const OathToken &token : file.tokens) {
            auto known = m_context.storage.scalar(u"SELECT count(*) FROM tokens WHERE serial = ?"_s,
                                                  { token.serial });
            if (!known)
                return known.error();
            if (known->toInt() > 0) {
                result.skipped.append(
                    { token.serial, u"a token with this serial is imported already"_s });
                continue;
            }
            auto sealed = m_context.secrets.seal(token.otp.secret, tokenContext(token.serial));
            if (!sealed)
                return sealed.error();
            const QString params = QString::fromUtf8(
                QJsonDocument(otpToJson(token.otp)).toJson(QJsonDocument::Compact));
            auto inserted = m_context.storage.exec(
                u"INSERT INTO tokens (serial, manufacturer, model, secret, params, imported) VALUES (?, ?, ?, ?, ?, ?)"_s,
                { token.serial, token.manufacturer, token.model, *sealed, params,
                  m_context.now() });
            if (!inserted)
                return inserted.error();
            result.imported << token.serial;
        }
        auto audited = m_context.audit.append(actor, u"token.import"_s, u"tokens"_s, u"ok"_s,
                                              { { u"imported"_s, int(result.imported.size()) },
                                                { u"skipped"_s, int(result.skipped.size()) } });
        if (!audited)
            return audited;
        // Tokens that name their user (the Azure CSV's upn) are assigned when the user exists.
        for (const OathToken &token : file.tokens) {
            if (!token.upn.isEmpty() && result.imported.contains(token.serial)
                && m_directory.user(token.upn)) {
                if (auto assigned = assignToken(token.serial, token.upn, actor); !assigned)
                    return assigned;
            }
        }
        return {};
    });
    if (!done)
        return done.error();
    return result;
}

Result<QList<TokenInfo>> Enrollment::tokens(const QString &serialPrefix, bool unassignedOnly,
                                            int limit) const
{
    QString sql
        = u"SELECT t.serial, t.manufacturer, t.model, t.params, u.username, m.state FROM tokens t "
          "LEFT JOIN users u ON u.id = t.user_id "
          "LEFT JOIN methods m ON m.kind = 'oath_token' AND m.ref = t.serial WHERE t.serial LIKE ?"_s;
    QString prefix = serialPrefix;
    prefix.replace(u'%', u""_s).replace(u'_', u""_s);
    if (unassignedOnly)
        sql += u" AND t.user_id = ''"_s;
    sql += u" ORDER BY t.serial LIMIT ?"_s;
    auto rows = m_context.storage.exec(sql, { QString(prefix + u'%'), std::clamp(limit, 1, 1000) });
    if (!rows)
        return rows.error();
    QList<TokenInfo> list;
    while ((*rows)->next()) {
        const QSqlQuery &r = **rows;
        const OtpParameters otp = otpFromJson(parseJson(r.value(3).toString()), {});
        const QString user = r.value(4).toString();
        list.append({ r.value(0).toString(), r.value(1).toString(), r.value(2).toString(),
                      otpTypeName(otp.type), user,
                      user.isEmpty()                           ? u"unassigned"_s
                          : r.value(5).toString() == u"active" ? u"active"_s
                                                               : u"assigned"_s,
                      otp.digits, otp.period });
    }
    (*rows)->finish();
    return list;
}

Result<void> Enrollment::assignToken(const QString &serial, const QString &userName,
                                     const QString &actor)
{
    auto user = m_directory.user(userName);
    if (!user)
        return user.error();
    if (!m_directory.policy().allows(Method::OathToken, user->group))
        return Error { ErrorCode::PolicyDenied,
                       u"The policy does not allow OATH tokens for %1."_s.arg(user->username) };
    return m_context.storage.transaction([&]() -> Result<void> {
        auto rows = m_context.storage.exec(u"SELECT user_id, params FROM tokens WHERE serial = ?"_s,
                                           { serial });
        if (!rows)
            return rows.error();
        if (!(*rows)->next())
            return Error { ErrorCode::NotFound,
                           u"There is no token with serial %1; import it first."_s.arg(serial) };
        const QString owner = (*rows)->value(0).toString();
        const OtpParameters otp = otpFromJson(parseJson((*rows)->value(1).toString()), {});
        (*rows)->finish();
        if (!owner.isEmpty() && owner != user->id)
            return Error { ErrorCode::AlreadyExists,
                           u"Token %1 is assigned to someone else; unassign it first."_s.arg(
                               serial) };
        const qint64 lastUsed = otp.type == OtpType::Hotp ? qint64(otp.counter) - 1 : -1;
        auto steps = {
            m_context.storage.exec(u"UPDATE tokens SET user_id = ? WHERE serial = ?"_s,
                                   { user->id, serial }),
            m_context.storage.exec(u"DELETE FROM methods WHERE kind = 'oath_token' AND ref = ?"_s,
                                   { serial }),
            m_context.storage.exec(
                u"INSERT INTO methods (id, user_id, kind, state, ref, last_used, created) VALUES (?, ?, 'oath_token', 'pending', ?, ?, ?)"_s,
                { newId(u"DM"), user->id, serial, lastUsed, m_context.now() })
        };
        for (const auto &step : steps) {
            if (!step)
                return step.error();
        }
        return m_context.audit.append(actor, u"token.assign"_s, user->username, u"ok"_s,
                                      { { u"serial"_s, serial } });
    });
}

Result<void> Enrollment::activateToken(const QString &serial, const QString &code,
                                       const QString &actor)
{
    auto rows = m_context.storage.exec(
        u"SELECT m.id, m.last_used, t.secret, t.params, u.username FROM methods m JOIN tokens t ON "
        u"t.serial = m.ref "
        "JOIN users u ON u.id = m.user_id WHERE m.kind = 'oath_token' AND m.ref = ?"_s,
        { serial });
    if (!rows)
        return rows.error();
    if (!(*rows)->next())
        return Error { ErrorCode::NotFound,
                       u"Token %1 is not assigned to anyone; assign it first."_s.arg(serial) };
    const QString id = (*rows)->value(0).toString();
    const qint64 lastUsed = (*rows)->value(1).toLongLong();
    const QString sealed = (*rows)->value(2).toString();
    const QJsonObject params = parseJson((*rows)->value(3).toString());
    const QString username = (*rows)->value(4).toString();
    (*rows)->finish();
    auto secret = m_context.secrets.open(sealed, tokenContext(serial));
    if (!secret)
        return secret.error();
    const Policy policy = m_directory.policy();
    const auto used = matchOtp(otpFromJson(params, *secret), code, lastUsed, m_context.now(),
                               policy.totpWindow, policy.hotpLookAhead);
    if (!used) {
        static_cast<void>(m_context.audit.append(actor, u"token.activate"_s, username, u"fail"_s,
                                                 { { u"serial"_s, serial } }));
        return Error {
            ErrorCode::CodeRejected,
            u"That code does not match token %1. Press the token's button and type the new code."_s
                .arg(serial)
        };
    }
    return m_context.storage.transaction([&]() -> Result<void> {
        auto updated = m_context.storage.exec(
            u"UPDATE methods SET state = 'active', last_used = ? WHERE id = ?"_s, { *used, id });
        if (!updated)
            return updated.error();
        return m_context.audit.append(actor, u"token.activate"_s, username, u"ok"_s,
                                      { { u"serial"_s, serial } });
    });
}

Result<void> Enrollment::resyncToken(const QString &serial, const QString &first,
                                     const QString &second, const QString &actor)
{
    auto rows = m_context.storage.exec(u"SELECT m.id, m.last_used, t.secret, t.params FROM methods "
                                       u"m JOIN tokens t ON t.serial = m.ref "
                                       "WHERE m.kind = 'oath_token' AND m.ref = ?"_s,
                                       { serial });
    if (!rows)
        return rows.error();
    if (!(*rows)->next())
        return Error { ErrorCode::NotFound, u"Token %1 is not assigned to anyone."_s.arg(serial) };
    const QString id = (*rows)->value(0).toString();
    const qint64 lastUsed = (*rows)->value(1).toLongLong();
    const QString sealed = (*rows)->value(2).toString();
    const QJsonObject params = parseJson((*rows)->value(3).toString());
    (*rows)->finish();
    auto secret = m_context.secrets.open(sealed, tokenContext(serial));
    if (!secret)
        return secret.error();
    const OtpParameters otp = otpFromJson(params, *secret);
    if (otp.type != OtpType::Hotp)
        return Error { ErrorCode::InvalidArgument,
                       u"Only counter-based (HOTP) tokens need resynchronising."_s };
    const auto counter = resyncHotp(otp, first, second, lastUsed, 10000);
    if (!counter) {
        static_cast<void>(m_context.audit.append(actor, u"token.resync"_s, serial, u"fail"_s));
        return Error {
            ErrorCode::CodeRejected,
            u"The two codes are not consecutive codes of token %1. Press the button twice and type both codes."_s
                .arg(serial)
        };
    }
    return m_context.storage.transaction([&]() -> Result<void> {
        auto updated = m_context.storage.exec(u"UPDATE methods SET last_used = ? WHERE id = ?"_s,
                                              { *counter, id });
        if (!updated)
            return updated.error();
        return m_context.audit.append(actor, u"token.resync"_s, serial, u"ok"_s);
    });
}

Result<void> Enrollment::unassignToken(const QString &serial, const QString &actor)
{
    return m_context.storage.transaction([&]() -> Result<void> {
        auto changed = m_context.storage.change(
            u"UPDATE tokens SET user_id = '' WHERE serial = ?"_s, { serial });
        if (!changed)
            return changed.error();
        if (*changed == 0)
            return Error { ErrorCode::NotFound,
                           u"There is no token with serial %1."_s.arg(serial) };
        auto removed = m_context.storage.exec(
            u"DELETE FROM methods WHERE kind = 'oath_token' AND ref = ?"_s, { serial });
        if (!removed)
            return removed.error();
        return m_context.audit.append(actor, u"token.unassign"_s, serial, u"ok"_s);
    });
}

Result<QStringList> Enrollment::createBypassCodes(const QString &userName, int count,
                                                  const QString &actor)
{
    auto user = m_directory.user(userName);
    if (!user)
        return user.error();
    if (count < 1 || count > 10)
        return Error { ErrorCode::InvalidArgument, u"Ask for 1 to 10 bypass codes."_s };
    const qint64 expires
        = m_context.now() + qint64(m_directory.policy().bypassLifetimeMinutes) * 60;
    QStringList codes;
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        for (int i = 0; i < count; ++i) {
            const QString code = oneTimeDigits(9);
            auto inserted = m_context.storage.exec(
                u"INSERT INTO codes (id, user_id, kind, hash, expires, created) VALUES (?, ?, 'bypass', ?, ?, ?)"_s,
                { newId(u"DB"), user->id,
                  m_context.secrets.digest((user->id + u':' + code).toUtf8()), expires,
                  m_context.now() });
            if (!inserted)
                return inserted.error();
            codes << code;
        }
        return m_context.audit.append(actor, u"bypass.create"_s, user->username, u"ok"_s,
                                      { { u"count"_s, count }, { u"expires"_s, expires } });
    });
    if (!done)
        return done.error();
    return codes;
}

Result<QString> Enrollment::createActivation(const QString &userName, const QString &actor)
{
    auto user = m_directory.user(userName);
    if (!user)
        return user.error();
    if (!m_directory.policy().allows(Method::Push, user->group))
        return Error { ErrorCode::PolicyDenied,
                       u"The policy does not allow push for %1."_s.arg(user->username) };
    const QString code = newId(u"", 24);
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        auto inserted = m_context.storage.exec(
            u"INSERT INTO activations (code, user_id, expires) VALUES (?, ?, ?)"_s,
            { m_context.secrets.digest(code.toLatin1()), user->id,
              m_context.now() + activationSeconds });
        if (!inserted)
            return inserted.error();
        return m_context.audit.append(actor, u"push.activation"_s, user->username, u"ok"_s);
    });
    if (!done)
        return done.error();
    return code;
}

Result<QJsonArray> Enrollment::methods(const QString &userName) const
{
    auto user = m_directory.user(userName);
    if (!user)
        return user.error();
    QJsonArray list;
    auto rows = m_context.storage.exec(
        u"SELECT id, kind, state, ref, created FROM methods WHERE user_id = ? ORDER BY created"_s,
        { user->id });
    if (!rows)
        return rows.error();
    while ((*rows)->next()) {
        QJsonObject m { { u"id"_s, (*rows)->value(0).toString() },
                        { u"method"_s, (*rows)->value(1).toString() },
                        { u"state"_s, (*rows)->value(2).toString() },
                        { u"created"_s, (*rows)->value(4).toLongLong() } };
        if (!(*rows)->value(3).toString().isEmpty())
            m[u"serial"_s] = (*rows)->value(3).toString();
        list.append(m);
    }
    (*rows)->finish();
    auto devices = m_context.storage.exec(
        u"SELECT id, name, status, created, last_seen FROM devices WHERE user_id = ? ORDER BY created"_s,
        { user->id });
    if (!devices)
        return devices.error();
    while ((*devices)->next()) {
        list.append(QJsonObject { { u"id"_s, (*devices)->value(0).toString() },
                                  { u"method"_s, u"push"_s },
                                  { u"name"_s, (*devices)->value(1).toString() },
                                  { u"state"_s, (*devices)->value(2).toString() },
                                  { u"created"_s, (*devices)->value(3).toLongLong() },
                                  { u"last_seen"_s, (*devices)->value(4).toLongLong() } });
    }
    (*devices)->finish();
    if (!user->phone.isEmpty()) {
        for (const QString &kind : { u"sms"_s, u"voice"_s })
            list.append(QJsonObject { { u"id"_s, kind },
                                      { u"method"_s, kind },
                                      { u"state"_s, u"active"_s },
                                      { u"phone"_s, user->phone } });
    }
    return list;
}

Result<void> Enrollment::removeMethod(const QString &userName, const QString &methodId,
                                      const QString &actor)
{
    auto user = m_directory.user(userName);
    if (!user)
        return user.error();
    return m_context.storage.transaction([&]() -> Result<void> {
        auto removed = m_context.storage.change(
            u"DELETE FROM methods WHERE user_id = ? AND id = ?"_s, { user->id, methodId });
        auto revoked = m_context.storage.change(
            u"UPDATE devices SET status = 'revoked' WHERE user_id = ? AND id = ?"_s,
            { user->id, methodId });
        if (!removed || !revoked)
            return Error { ErrorCode::Database, u"Cannot remove the method."_s };
        if (*removed + *revoked == 0)
            return Error { ErrorCode::NotFound,
                           u"%1 has no method %2."_s.arg(user->username, methodId) };
        if (*revoked > 0)
            m_context.storage.notify(u"device:"_s + methodId);
        return m_context.audit.append(actor, u"method.remove"_s, user->username, u"ok"_s,
                                      { { u"method"_s, methodId } });
    });
}

} // namespace twofold::server
