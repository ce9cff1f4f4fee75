#include "verifier.h"

#include "crypto/secure.h"
#include "otpwindow.h"
#include "providers/telephonyprovider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

// Duo's status words for a transaction that is still open.
bool isOpenStatus(const QString &status)
{
    return status == u"pushed" || status == u"calling" || status == u"answered";
}

QString resultFor(const QString &status)
{
    if (isOpenStatus(status))
        return u"waiting"_s;
    return status == u"allow" || status == u"bypass" ? u"allow"_s : u"deny"_s;
}

AuthOutcome outcome(const QString &status, const QString &message)
{
    return { resultFor(status), status, message, {}, 0, 0 };
}

QString maskedPhone(const QString &phone)
{
    return phone.size() <= 4 ? phone : QString(phone.size() - 4, u'X') + phone.right(4);
}

// Audit entries about a user name the username, as the others do, so a query by subject finds
// them all; the id stands in for a user deleted since.
QString auditSubject(const Directory &directory, const QString &userId)
{
    const auto user = directory.user(userId);
    return user ? user->username : userId;
}

} // namespace

struct Verifier::Transaction
{
    QString txid, userId, app, factor, status, statusMsg, clientIp, deviceId;
    int number = 0;
    qint64 created = 0, expires = 0;
};

QJsonObject AuthOutcome::toJson() const
{
    QJsonObject json { { u"result"_s, result },
                       { u"status"_s, status },
                       { u"status_msg"_s, statusMsg } };
    if (!txid.isEmpty())
        json[u"txid"_s] = txid;
    if (number > 0)
        json[u"number"_s] = QString::number(number); // for the sign-in screen to show
    return json;
}

Verifier::Verifier(Context &context, Directory &directory, TelephonyProvider &provider,
                   QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_directory(directory)
    , m_provider(provider)
{
    connect(&m_context.storage, &Storage::notified, this, [this](const QString &payload) {
        if (payload.startsWith(u"txn:"))
            emit transactionChanged(payload.mid(4));
        else if (payload.startsWith(u"push:"))
            emit pushCreated(payload.mid(5));
        else if (payload.startsWith(u"fraud:"))
            emit fraudReported(payload.mid(6));
        else if (payload == u"policy" || payload == u"apps")
            m_directory.invalidate();
    });
    connect(&m_provider, &TelephonyProvider::callAnswered, this, &Verifier::callAnswered);
    connect(&m_provider, &TelephonyProvider::callFailed, this, &Verifier::callFailed);
}

void Verifier::audit(const QString &ikey, const QString &action, const QString &subject,
                     const AuthOutcome &o, QJsonObject details)
{
    details[u"status"_s] = o.status;
    if (!o.txid.isEmpty())
        details[u"txid"_s] = o.txid;
    static_cast<void>(m_context.audit.append(u"app:"_s + ikey, action, subject, o.result, details));
}

Result<QJsonObject> Verifier::preauth(const QString &ikey, const QString &userName,
                                      const QString &clientIp)
{
    const qint64 now = m_context.now();
    auto user = m_directory.user(userName);
    const Policy policy = m_directory.policy();
    QJsonObject response;
    const auto decide = [&](const QString &result, const QString &message) {
        response[u"result"_s] = result;
        response[u"status_msg"_s] = message;
        static_cast<void>(m_context.audit.append(u"app:"_s + ikey, u"preauth"_s, userName, result,
                                                 { { u"ip"_s, clientIp } }));
        return response;
    };
    if (!user) {
        if (user.error().code != ErrorCode::NotFound)
            return user.error();
        return decide(u"enroll"_s, u"Enroll an authentication device to proceed"_s);
    }
    if (user->isBlocked(now))
        return decide(u"deny"_s, u"Your account is disabled"_s);
    if (user->isLocked(now))
        return decide(u"deny"_s, u"Your account is locked out after too many failed attempts"_s);

    const QList<Method> allowed = policy.methodsFor(user->group);
    QJsonArray devices;
    if (allowed.contains(Method::Push)) {
        auto rows = m_context.storage.exec(
            u"SELECT id, name FROM devices WHERE user_id = ? AND status = 'active' ORDER BY created"_s,
            { user->id });
        if (!rows)
            return rows.error();
        while ((*rows)->next()) {
            devices.append(
                QJsonObject { { u"device"_s, (*rows)->value(0).toString() },
                              { u"type"_s, u"desktop"_s },
                              { u"name"_s, (*rows)->value(1).toString() },
                              { u"display_name"_s, (*rows)->value(1).toString() },
                              { u"capabilities"_s, QJsonArray { u"auto"_s, u"push"_s } } });
        }
        (*rows)->finish();
    }
    QJsonArray phoneCaps;
    if (!user->phone.isEmpty()) {
        if (allowed.contains(Method::Voice))
            phoneCaps << u"phone"_s;
        if (allowed.contains(Method::Sms))
            phoneCaps << u"sms"_s;
    }
    if (!phoneCaps.isEmpty()) {
        if (phoneCaps.contains(u"phone"_s))
            phoneCaps.prepend(u"auto"_s);
        devices.append(QJsonObject { { u"device"_s, u"phone1"_s },
                                     { u"type"_s, u"phone"_s },
                                     { u"number"_s, maskedPhone(user->phone) },
                                     { u"display_name"_s, maskedPhone(user->phone) },
                                     { u"capabilities"_s, phoneCaps } });
    }
    QStringList codeKinds;
    if (allowed.contains(Method::AppCode))
        codeKinds << u"'app_code'"_s;
    if (allowed.contains(Method::OathToken))
        codeKinds << u"'oath_token'"_s;
    if (!codeKinds.isEmpty()) {
        auto rows = m_context.storage.exec(
            u"SELECT id, kind, ref FROM methods WHERE user_id = ? AND state = 'active' AND kind IN (%1) ORDER BY created"_s
                .arg(codeKinds.join(u',')),
            { user->id });
        if (!rows)
            return rows.error();
        while ((*rows)->next()) {
            const bool token = (*rows)->value(1).toString() == u"oath_token";
            const QString name
                = token ? u"Token %1"_s.arg((*rows)->value(2).toString()) : u"Authenticator app"_s;
            devices.append(QJsonObject { { u"device"_s, (*rows)->value(0).toString() },
                                         { u"type"_s, token ? u"token"_s : u"phone"_s },
                                         { u"name"_s, name },
                                         { u"display_name"_s, name },
                                         { u"capabilities"_s, QJsonArray { u"mobile_otp"_s } } });
        }
        (*rows)->finish();
    }
    if (devices.isEmpty())
        return decide(u"enroll"_s, u"Enroll an authentication device to proceed"_s);
    response[u"devices"_s] = devices;
    return decide(u"auth"_s, u"Account is active"_s);
}

Result<AuthOutcome> Verifier::auth(const AuthRequest &request)
{
    // A passcode's check, its replay mark and its audit entry commit together: one commit (one
    // disk sync on PostgreSQL, one lock round on SQLite) instead of two.
    if (request.factor == u"passcode" && !m_context.storage.inTransaction()) {
        Result<AuthOutcome> decided = Error { ErrorCode::Database, {} };
        auto done = m_context.storage.transaction([&]() -> Result<void> {
            decided = auth(request);
            return decided ? Result<void>() : Result<void>(decided.error());
        });
        if (!done)
            return done.error();
        return decided;
    }
    const qint64 now = m_context.now();
    auto user = m_directory.user(request.user);
    if (!user) {
        if (user.error().code != ErrorCode::NotFound)
            return user.error();
        AuthOutcome denied = outcome(u"deny"_s, u"Unknown user"_s);
        audit(request.ikey, u"auth"_s, request.user, denied, { { u"factor"_s, request.factor } });
        return denied;
    }
    const Policy policy = m_directory.policy();
    AuthOutcome result;
    if (user->isBlocked(now)) {
        result = outcome(u"deny"_s, u"Your account is disabled"_s);
    } else if (user->isLocked(now)) {
        result = outcome(u"locked_out"_s,
                         u"Your account is locked out after too many failed attempts"_s);
    } else {
        QString factor = request.factor;
        if (factor == u"auto") {
            const bool hasDevice = policy.allows(Method::Push, user->group)
                && m_context.storage
                        .scalar(
                            u"SELECT count(*) FROM devices WHERE user_id = ? AND status = 'active'"_s,
                            { user->id })
                        .value_or(0)
                        .toInt()
                    > 0;
            factor = hasDevice ? u"push"_s : u"phone"_s;
        }
        if (factor == u"passcode")
            result = checkPasscode(*user, request.ikey, request.passcode, policy);
        else if (factor == u"push")
            result = startPush(*user, request, policy);
        else if (factor == u"phone")
            result = startPhone(*user, request, policy);
        else if (factor == u"sms")
            result = sendSms(*user, request, policy);
        else
            return Error { ErrorCode::InvalidArgument,
                           u"factor must be auto, push, passcode, sms or phone."_s };
    }
    QJsonObject details { { u"factor"_s, request.factor }, { u"ip"_s, request.clientIp } };
    audit(request.ikey, u"auth"_s, user->username, result, details);
    if (request.async && result.txid.isEmpty())
        return storeAsync(*user, request, result);
    return result;
}

Result<AuthOutcome> Verifier::storeAsync(const User &user, const AuthRequest &request,
                                         AuthOutcome result)
{
    // A decision made at once still gets a txid when the application asked for async.
    result.txid = newId(u"TX", 24);
    const qint64 now = m_context.now();
    auto stored
        = m_context.storage.exec(u"INSERT INTO transactions (txid, user_id, app, factor, status, "
                                 u"status_msg, client_ip, created, expires) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                                 { result.txid, user.id, request.ikey, request.factor,
                                   result.status, result.statusMsg, request.clientIp, now, now });
    if (!stored)
        return stored.error();
    return result;
}

void Verifier::recordFailure(const User &user, const Policy &policy)
{
    // RFC 4226 section 7.3: after N failures in a row the user is locked for a while.
    static_cast<void>(m_context.storage.transaction([&]() -> Result<void> {
        auto failures
            = m_context.storage.scalar(u"SELECT failures FROM users WHERE id = ?"_s, { user.id });
        if (!failures)
            return failures.error();
        const int count = failures->toInt() + 1;
        if (count >= policy.lockoutThreshold) {
            const qint64 until = m_context.now() + qint64(policy.lockoutMinutes) * 60;
            auto locked = m_context.storage.exec(
                u"UPDATE users SET failures = 0, locked_until = ? WHERE id = ?"_s,
                { until, user.id });
            if (!locked)
                return locked.error();
            return m_context.audit.append(u"server"_s, u"user.lockout"_s, user.username,
                                          u"locked"_s,
                                          { { u"until"_s, until }, { u"failures"_s, count } });
        }
        auto counted = m_context.storage.exec(u"UPDATE users SET failures = ? WHERE id = ?"_s,
                                              { count, user.id });
        return counted ? Result<void>() : Result<void>(counted.error());
    }));
}

AuthOutcome Verifier::checkPasscode(const User &user, const QString &ikey, const QString &code,
                                    const Policy &policy)
{
    Q_UNUSED(ikey)
    const qint64 now = m_context.now();
    const QString typed = code.trimmed();
    const QList<Method> allowed = policy.methodsFor(user.group);
    AuthOutcome accepted;
    bool matched = false;

    auto done = m_context.storage.transaction([&]() -> Result<void> {
        // One-time codes the server handed out: bypass (helpdesk) and SMS.
        QStringList kinds { u"'bypass'"_s };
        if (allowed.contains(Method::Sms))
            kinds << u"'sms'"_s;
        const QString digest = m_context.secrets.digest((user.id + u':' + typed).toUtf8());
        auto codes = m_context.storage.exec(
            u"SELECT id, kind, hash FROM codes WHERE user_id = ? AND used = 0 AND expires > ? AND kind IN (%1)"_s
                .arg(kinds.join(u',')),
            { user.id, now });
        if (!codes)
            return codes.error();
        QString codeId, codeKind;
        while ((*codes)->next()) {
            if (constantTimeEquals((*codes)->value(2).toString().toLatin1(), digest.toLatin1())
                && codeId.isEmpty()) {
                codeId = (*codes)->value(0).toString();
                codeKind = (*codes)->value(1).toString();
            }
        }
        (*codes)->finish();
        if (!codeId.isEmpty()) {
            auto used = m_context.storage.change(
                u"UPDATE codes SET used = 1 WHERE id = ? AND used = 0"_s, { codeId });
            if (!used)
                return used.error();
            if (*used == 1) {
                matched = true;
                accepted = codeKind == u"bypass"
                    ? outcome(u"bypass"_s, u"Bypass code accepted"_s)
                    : outcome(u"allow"_s, u"Success. Logging you in..."_s);
                return {};
            }
        }

        // Seeds: the authenticator app and OATH tokens. The UPDATE's last_used condition makes
        // a code count once even when two server processes check it at the same moment.
        struct Candidate
        {
            QString methodId, kind, serial, sealed, params, methodParams;
            qint64 lastUsed;
        };
        QList<Candidate> candidates;
        if (allowed.contains(Method::AppCode)) {
            auto rows = m_context.storage.exec(
                u"SELECT id, secret, params, last_used FROM methods WHERE user_id = ? AND kind = 'app_code' AND state = 'active'"_s,
                { user.id });
            if (!rows)
                return rows.error();
            while ((*rows)->next())
                candidates.append({ (*rows)->value(0).toString(),
                                    u"app_code"_s,
                                    {},
                                    (*rows)->value(1).toString(),
                                    (*rows)->value(2).toString(),
                                    {},
                                    (*rows)->value(3).toLongLong() });
            (*rows)->finish();
        }
        if (allowed.contains(Method::OathToken)) {
            auto rows = m_context.storage.exec(
                u"SELECT m.id, t.serial, t.secret, t.params, m.last_used, m.params FROM methods m "
                u"JOIN tokens t ON t.serial = m.ref "
                "WHERE m.user_id = ? AND m.kind = 'oath_token' AND m.state = 'active'"_s,
                { user.id });
            if (!rows)
                return rows.error();
            while ((*rows)->next())
                candidates.append({ (*rows)->value(0).toString(), u"oath_token"_s,
                                    (*rows)->value(1).toString(), (*rows)->value(2).toString(),
                                    (*rows)->value(3).toString(), (*rows)->value(5).toString(),
                                    (*rows)->value(4).toLongLong() });
            (*rows)->finish();
        }
        for (const Candidate &c : candidates) {
            const QByteArray context = c.kind == u"app_code"
                ? (u"methods.secret:"_s + c.methodId).toUtf8()
                : (u"tokens.secret:"_s + c.serial).toUtf8();
            auto secret = m_context.secrets.open(c.sealed, context);
            if (!secret)
                continue;
            const OtpParameters otp
                = otpFromJson(QJsonDocument::fromJson(c.params.toUtf8()).object(), *secret);
            auto step
                = matchOtp(otp, typed, c.lastUsed, now, policy.totpWindow, policy.hotpLookAhead);
            QJsonObject methodParams = QJsonDocument::fromJson(c.methodParams.toUtf8()).object();
            if (!step && otp.type == OtpType::Hotp) {
                // Out of the look-ahead window: remember where the code was found; the next
                // code, if it is the one after, resynchronises the token (RFC 4226 section 7.4).
                const qint64 pending = methodParams.value(u"resync_counter"_s).toInteger(-1);
                const qint64 at = methodParams.value(u"resync_at"_s).toInteger(0);
                if (pending >= 0 && now - at <= 300) {
                    if (auto next = matchOtp(otp, typed, pending, now, 0, 0);
                        next && *next == pending + 1)
                        step = next;
                }
                if (!step) {
                    OtpParameters far = otp;
                    if (auto found
                        = matchOtp(far, typed, c.lastUsed + policy.hotpLookAhead, now, 0, 10000)) {
                        methodParams[u"resync_counter"_s] = *found;
                        methodParams[u"resync_at"_s] = now;
                        static_cast<void>(m_context.storage.exec(
                            u"UPDATE methods SET params = ? WHERE id = ?"_s,
                            { QString::fromUtf8(
                                  QJsonDocument(methodParams).toJson(QJsonDocument::Compact)),
                              c.methodId }));
                        accepted = outcome(
                            u"deny"_s,
                            u"The token is out of step. Press its button again and enter the next code."_s);
                        return {};
                    }
                }
            }
            if (!step)
                continue;
            auto used = m_context.storage.change(
                u"UPDATE methods SET last_used = ?, params = '{}' WHERE id = ? AND last_used < ?"_s,
                { *step, c.methodId, *step });
            if (!used)
                return used.error();
            if (*used == 1) {
                matched = true;
                accepted = outcome(u"allow"_s, u"Success. Logging you in..."_s);
                return {};
            }
        }
        return {};
    });
    if (!done)
        return outcome(u"deny"_s, u"The server could not check the code; try again."_s);
    if (matched) {
        if (user.failures > 0)
            static_cast<void>(m_context.storage.exec(
                u"UPDATE users SET failures = 0 WHERE id = ?"_s, { user.id }));
        return accepted;
    }
    recordFailure(user, policy);
    return accepted.status.isEmpty()
        ? outcome(u"deny"_s, u"Incorrect passcode. Please try again."_s)
        : accepted;
}

AuthOutcome Verifier::startPush(const User &user, const AuthRequest &request, const Policy &policy)
{
    if (!policy.allows(Method::Push, user.group))
        return outcome(u"deny"_s, u"Push is not allowed for this account"_s);
    const qint64 now = m_context.now();
    AuthOutcome started;
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        QString deviceSql
            = u"SELECT count(*) FROM devices WHERE user_id = ? AND status = 'active'"_s;
        QVariantList deviceArgs { user.id };
        const bool chosen = !request.device.isEmpty() && request.device != u"auto";
        if (chosen) {
            deviceSql += u" AND id = ?"_s;
            deviceArgs << request.device;
        }
        auto devices = m_context.storage.scalar(deviceSql, deviceArgs);
        if (!devices)
            return devices.error();
        if (devices->toInt() == 0) {
            started = outcome(u"deny"_s,
                              chosen ? u"That device cannot receive push requests"_s
                                     : u"No device can receive push requests"_s);
            return {};
        }
        // MFA fatigue: one open push per user, and at most K in the window. Only pushes that
        // were sent count: an async refusal is stored too, but expires as it is created.
        auto open = m_context.storage.scalar(
            u"SELECT count(*) FROM transactions WHERE user_id = ? AND factor = 'push' AND status = 'pushed' AND expires > ?"_s,
            { user.id, now });
        auto recent = m_context.storage.scalar(
            u"SELECT count(*) FROM transactions WHERE user_id = ? AND factor = 'push' AND created > ? AND expires > created"_s,
            { user.id, now - qint64(policy.pushWindowMinutes) * 60 });
        if (!open || !recent)
            return Error { ErrorCode::Database, u"Cannot count the user's push requests."_s };
        if (open->toInt() > 0) {
            started = outcome(u"deny"_s, u"A sign-in request is already waiting for an answer"_s);
            return {};
        }
        if (recent->toInt() >= policy.pushLimit) {
            started = outcome(u"deny"_s, u"Too many sign-in requests; try again later"_s);
            return {};
        }
        // The number is shown by the application, so it needs the async flow to show it.
        const int number
            = policy.numberMatching && request.async ? 10 + oneTimeDigits(2).toInt() % 90 : 0;
        started = { u"waiting"_s,     u"pushed"_s, u"Pushed a login request to your device..."_s,
                    newId(u"TX", 24), number,      now + policy.pushTimeoutSeconds };
        auto inserted = m_context.storage.exec(
            u"INSERT INTO transactions (txid, user_id, app, factor, status, status_msg, number, "
            u"client_ip, device_id, created, expires) "
            "VALUES (?, ?, ?, 'push', 'pushed', ?, ?, ?, ?, ?, ?)"_s,
            { started.txid, user.id, request.ikey, started.statusMsg, number, request.clientIp,
              chosen ? request.device : QString(), now, started.expires });
        if (!inserted)
            return inserted.error();
        m_context.storage.notify(u"push:"_s + user.id);
        return {};
    });
    if (!done)
        return outcome(u"deny"_s, u"The server could not start the push; try again."_s);
    return started;
}

AuthOutcome Verifier::startPhone(const User &user, const AuthRequest &request, const Policy &policy)
{
    if (!policy.allows(Method::Voice, user.group))
        return outcome(u"deny"_s, u"Phone calls are not allowed for this account"_s);
    if (user.phone.isEmpty())
        return outcome(u"deny"_s, u"No phone number is enrolled for this account"_s);
    const qint64 now = m_context.now();
    AuthOutcome started { u"waiting"_s,
                          u"calling"_s,
                          u"Calling %1..."_s.arg(maskedPhone(user.phone)),
                          newId(u"TX", 24),
                          0,
                          now + policy.pushTimeoutSeconds };
    auto inserted = m_context.storage.exec(u"INSERT INTO transactions (txid, user_id, app, factor, "
                                           u"status, status_msg, client_ip, created, expires) "
                                           "VALUES (?, ?, ?, 'phone', 'calling', ?, ?, ?, ?)"_s,
                                           { started.txid, user.id, request.ikey, started.statusMsg,
                                             request.clientIp, now, started.expires });
    if (!inserted)
        return outcome(u"deny"_s, u"The server could not place the call; try again."_s);
    const QString app = m_directory.applicationName(request.ikey).value_or(u"an application"_s);
    const QString greeting = user.hasVoicePin
        ? u"This is Twofold. Someone is signing in to %1 as you. Enter your PIN, then press pound. If this was not you, press %2 then pound."_s
              .arg(app, policy.fraudCode)
        : u"This is Twofold. Someone is signing in to %1 as you. To approve, press pound. If this was not you, press %2 then pound."_s
              .arg(app, policy.fraudCode);
    m_provider.placeCall({ started.txid, user.phone, greeting, user.hasVoicePin });
    return started;
}

AuthOutcome Verifier::sendSms(const User &user, const AuthRequest &request, const Policy &policy)
{
    Q_UNUSED(request)
    if (!policy.allows(Method::Sms, user.group))
        return outcome(u"deny"_s, u"Text messages are not allowed for this account"_s);
    if (user.phone.isEmpty())
        return outcome(u"deny"_s, u"No phone number is enrolled for this account"_s);
    const qint64 now = m_context.now();
    const QString code = oneTimeDigits(6);
    const QString id = newId(u"SM");
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        // A new code replaces the ones sent before.
        auto old = m_context.storage.exec(
            u"UPDATE codes SET used = 1 WHERE user_id = ? AND kind = 'sms' AND used = 0"_s,
            { user.id });
        auto inserted = m_context.storage.exec(
            u"INSERT INTO codes (id, user_id, kind, hash, expires, created) VALUES (?, ?, 'sms', ?, ?, ?)"_s,
            { id, user.id, m_context.secrets.digest((user.id + u':' + code).toUtf8()),
              now + policy.smsCodeLifetimeSeconds, now });
        return old && inserted
            ? Result<void>()
            : Result<void>(Error { ErrorCode::Database, u"Cannot store the code."_s });
    });
    if (!done)
        return outcome(u"deny"_s, u"The server could not send a text message; try again."_s);
    m_provider.sendText(
        { id, user.phone,
          u"Your Twofold sign-in code is %1. It expires in %2 minutes. Do not share it."_s.arg(code)
              .arg(policy.smsCodeLifetimeSeconds / 60) });
    return outcome(u"sent"_s, u"New SMS passcode sent"_s);
}

std::optional<Verifier::Transaction> Verifier::transaction(const QString &txid)
{
    auto rows = m_context.storage.exec(u"SELECT txid, user_id, app, factor, status, status_msg, "
                                       u"client_ip, device_id, number, created, expires "
                                       "FROM transactions WHERE txid = ?"_s,
                                       { txid });
    if (!rows || !(*rows)->next())
        return std::nullopt;
    const QSqlQuery &r = **rows;
    Transaction t { r.value(0).toString(),   r.value(1).toString(),   r.value(2).toString(),
                    r.value(3).toString(),   r.value(4).toString(),   r.value(5).toString(),
                    r.value(6).toString(),   r.value(7).toString(),   r.value(8).toInt(),
                    r.value(9).toLongLong(), r.value(10).toLongLong() };
    (*rows)->finish();
    return t;
}

Result<void> Verifier::finish(const QString &txid, const QString &status, const QString &message)
{
    auto changed = m_context.storage.change(
        u"UPDATE transactions SET status = ?, status_msg = ? WHERE txid = ? AND status IN ('pushed', 'calling', 'answered')"_s,
        { status, message, txid });
    if (!changed)
        return changed.error();
    if (*changed == 0)
        return Error { ErrorCode::CodeRejected,
                       u"This request has been answered already or has expired."_s };
    m_context.storage.notify(u"txn:"_s + txid);
    return {};
}

Result<AuthOutcome> Verifier::status(const QString &txid, const QString &ikey)
{
    auto t = transaction(txid);
    if (!t || t->app != ikey)
        return Error { ErrorCode::NotFound, u"Invalid txid"_s };
    if (isOpenStatus(t->status) && t->expires <= m_context.now()) {
        if (finish(txid, u"timeout"_s, u"Login timed out"_s)) {
            AuthOutcome timedOut = outcome(u"timeout"_s, u"Login timed out"_s);
            timedOut.txid = txid;
            audit(ikey, u"auth.timeout"_s, auditSubject(m_directory, t->userId), timedOut);
        }
        t = transaction(txid);
        if (!t)
            return Error { ErrorCode::NotFound, u"Invalid txid"_s };
    }
    AuthOutcome o = outcome(t->status, t->statusMsg);
    o.txid = txid;
    o.number = t->number;
    o.expires = t->expires;
    return o;
}

Result<AuthOutcome> Verifier::answerPush(const QString &txid, const QString &deviceId,
                                         const QString &answer, int number)
{
    auto t = transaction(txid);
    if (!t || t->factor != u"push")
        return Error { ErrorCode::NotFound, u"There is no such sign-in request."_s };
    const auto device = m_context.storage.scalar(
        u"SELECT user_id FROM devices WHERE id = ? AND status = 'active'"_s, { deviceId });
    if (!device || device->toString() != t->userId
        || (!t->deviceId.isEmpty() && t->deviceId != deviceId))
        return Error { ErrorCode::PermissionDenied, u"This device may not answer that request."_s };
    if (!isOpenStatus(t->status) || t->expires <= m_context.now())
        return Error { ErrorCode::CodeRejected,
                       u"This request has been answered already or has expired."_s };

    QString status;
    QString message;
    if (answer == u"approve") {
        if (t->number > 0 && number != t->number) {
            status = u"deny"_s;
            message = u"The number entered on the device did not match"_s;
        } else {
            status = u"allow"_s;
            message = u"Success. Logging you in..."_s;
        }
    } else if (answer == u"deny") {
        status = u"deny"_s;
        message = u"Login request denied"_s;
    } else if (answer == u"fraud") {
        status = u"fraud"_s;
        message = u"Login request reported as fraudulent"_s;
    } else {
        return Error { ErrorCode::InvalidArgument, u"An answer is approve, deny or fraud."_s };
    }
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        if (auto finished = finish(txid, status, message); !finished)
            return finished;
        if (status == u"fraud")
            return reportFraud(t->userId, u"push"_s, txid, t->clientIp);
        return {};
    });
    if (!done)
        return done.error();
    AuthOutcome o = outcome(status, message);
    o.txid = txid;
    static_cast<void>(m_context.audit.append(u"device:"_s + deviceId, u"push.answer"_s,
                                             auditSubject(m_directory, t->userId), o.result,
                                             { { u"txid"_s, txid }, { u"status"_s, status } }));
    return o;
}

Result<void> Verifier::reportFraud(const QString &userId, const QString &source,
                                   const QString &txid, const QString &clientIp)
{
    const Policy policy = m_directory.policy();
    return m_context.storage.transaction([&]() -> Result<void> {
        const qint64 now = m_context.now();
        auto inserted = m_context.storage.exec(
            u"INSERT INTO fraud_alerts (id, user_id, source, txid, client_ip, created) VALUES (?, ?, ?, ?, ?, ?)"_s,
            { newId(u"FA"), userId, source, txid, clientIp, now });
        if (!inserted)
            return inserted.error();
        if (policy.fraudAutoBlock) {
            auto blocked = m_context.storage.exec(
                u"UPDATE users SET status = 'blocked', blocked_until = ? WHERE id = ?"_s,
                { now + qint64(policy.fraudBlockDays) * 86400, userId });
            if (!blocked)
                return blocked.error();
        }
        m_context.storage.notify(u"fraud:"_s + userId);
        return m_context.audit.append(
            u"server"_s, u"fraud.report"_s, auditSubject(m_directory, userId),
            policy.fraudAutoBlock ? u"blocked"_s : u"recorded"_s,
            { { u"source"_s, source }, { u"txid"_s, txid }, { u"ip"_s, clientIp } });
    });
}

QJsonObject FraudAlert::toJson() const
{
    return { { u"id"_s, id },           { u"user_id"_s, userId },   { u"username"_s, username },
             { u"source"_s, source },   { u"txid"_s, txid },        { u"ip"_s, clientIp },
             { u"created"_s, created }, { u"resolved"_s, resolved } };
}

Result<QList<FraudAlert>> Verifier::fraudAlerts(qint64 since, bool unresolvedOnly, int limit) const
{
    auto rows = m_context.storage.exec(
        u"SELECT f.id, f.user_id, COALESCE(u.username, ''), f.source, f.txid, f.client_ip, "
        u"f.created, f.resolved FROM fraud_alerts f LEFT JOIN users u ON u.id = f.user_id "
        u"WHERE f.created >= ?%1 ORDER BY f.created DESC, f.id LIMIT ?"_s.arg(
            unresolvedOnly ? u" AND f.resolved = 0"_s : QString()),
        { since, std::clamp(limit, 1, 1000) });
    if (!rows)
        return rows.error();
    QList<FraudAlert> alerts;
    while ((*rows)->next()) {
        const QSqlQuery &r = **rows;
        alerts.append({ r.value(0).toString(), r.value(1).toString(), r.value(2).toString(),
                        r.value(3).toString(), r.value(4).toString(), r.value(5).toString(),
                        r.value(6).toLongLong(), r.value(7).toLongLong() });
    }
    (*rows)->finish();
    return alerts;
}

void Verifier::callAnswered(const QString &txid, const QString &keys)
{
    auto t = transaction(txid);
    if (!t || t->factor != u"phone" || !isOpenStatus(t->status))
        return;
    const Policy policy = m_directory.policy();
    auto user = m_directory.user(t->userId);
    if (!user)
        return;
    // Keys pressed after the call's time is up decide nothing, as a late push answer does not.
    if (t->expires <= m_context.now()) {
        if (finish(txid, u"timeout"_s, u"Login timed out"_s)) {
            AuthOutcome timedOut = outcome(u"timeout"_s, u"Login timed out"_s);
            timedOut.txid = txid;
            audit(t->app, u"auth.timeout"_s, user->username, timedOut);
        }
        return;
    }
    QString status = u"deny"_s;
    QString message = u"Login request denied"_s;
    if (keys == policy.fraudCode + u'#') {
        status = u"fraud"_s;
        message = u"Login request reported as fraudulent"_s;
    } else if (user->hasVoicePin) {
        if (keys.endsWith(u'#') && m_directory.checkVoicePin(*user, keys.chopped(1))) {
            status = u"allow"_s;
            message = u"Success. Logging you in..."_s;
        } else {
            message = u"Incorrect PIN"_s;
            recordFailure(*user, policy);
        }
    } else if (keys == u"#") {
        status = u"allow"_s;
        message = u"Success. Logging you in..."_s;
    }
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        if (auto finished = finish(txid, status, message); !finished)
            return finished;
        if (status == u"fraud")
            return reportFraud(t->userId, u"voice"_s, txid, t->clientIp);
        return {};
    });
    AuthOutcome o = outcome(status, message);
    o.txid = txid;
    if (done)
        audit(t->app, u"auth.phone"_s, user->username, o);
}

void Verifier::callFailed(const QString &txid, const QString &reason)
{
    auto t = transaction(txid);
    if (!t || t->factor != u"phone")
        return;
    static_cast<void>(finish(txid, u"deny"_s, u"The call failed: %1"_s.arg(reason)));
}

} // namespace twofold::server
