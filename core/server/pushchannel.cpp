#include "pushchannel.h"

#include "client/pushprotocol.h"
#include "directory.h"
#include "enrollment.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

constexpr qint64 touchIntervalSeconds = 60;

std::optional<QByteArray> fromBase64(QByteArrayView text)
{
    auto decoded = QByteArray::fromBase64Encoding(text.toByteArray(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    return decoded.decoded;
}

bool isDeviceName(const QString &name)
{
    return !name.isEmpty() && name.size() <= 64
        && std::none_of(name.begin(), name.end(),
                        [](QChar c) { return c.category() == QChar::Other_Control; });
}

} // namespace

PushChannel::PushChannel(Context &context, Directory &directory, Enrollment &enrollment,
                         Verifier &verifier, EcKey serverKey)
    : m_context(context)
    , m_directory(directory)
    , m_enrollment(enrollment)
    , m_verifier(verifier)
    , m_serverKey(std::move(serverKey))
{
}

Result<DeviceActivation> PushChannel::activate(const QString &code, const QString &name,
                                               QByteArrayView publicKeyPem, const QString &clientIp)
{
    const QString deviceName = name.trimmed();
    if (!isDeviceName(deviceName))
        return Error {
            ErrorCode::InvalidArgument,
            u"The device name must be 1 to 64 characters, without control characters."_s
        };
    auto key = EcKey::fromPublicPem(publicKeyPem);
    if (!key)
        return Error { ErrorCode::InvalidArgument,
                       u"public_key must be an ECDSA P-256 public key in PEM "
                       u"(SubjectPublicKeyInfo)."_s };
    const qint64 now = m_context.now();
    // Looked up by its keyed digest: the database never compares the code itself.
    const QString digest = m_context.secrets.digest(code.trimmed().toUtf8());
    DeviceActivation activation;
    std::optional<Error> rejected;
    QString username;
    auto done = m_context.storage.transaction([&]() -> Result<void> {
        auto rows = m_context.storage.exec(
            u"SELECT user_id, expires, used FROM activations WHERE code = ?"_s, { digest });
        if (!rows)
            return rows.error();
        if (code.trimmed().isEmpty() || !(*rows)->next()) {
            (*rows)->finish();
            rejected = Error { ErrorCode::NotAuthenticated,
                               u"This activation code is not known; ask your helpdesk for a new "
                               u"activation QR code."_s };
            return {};
        }
        const QString userId = (*rows)->value(0).toString();
        const qint64 expires = (*rows)->value(1).toLongLong();
        const bool used = (*rows)->value(2).toInt() != 0;
        (*rows)->finish();
        auto user = m_directory.user(userId);
        username = user ? user->username : QString();
        if (used || expires <= now) {
            rejected
                = Error { ErrorCode::CodeRejected,
                          used ? u"This activation code has been used already; ask your "
                                 u"helpdesk for a new activation QR code."_s
                               : u"This activation code has expired (codes last 10 "
                                 u"minutes); ask your helpdesk for a new activation QR code."_s };
            return {};
        }
        auto claimed = m_context.storage.change(
            u"UPDATE activations SET used = 1 WHERE code = ? AND used = 0"_s, { digest });
        if (!claimed)
            return claimed.error();
        if (*claimed != 1) {
            rejected = Error { ErrorCode::CodeRejected,
                               u"This activation code has been used already; ask your helpdesk "
                               u"for a new activation QR code."_s };
            return {};
        }
        if (!user) {
            rejected = Error { ErrorCode::NotFound,
                               u"The user this activation code was made for no longer exists."_s };
            return {};
        }
        activation.deviceId = newId(u"DP");
        activation.username = user->username;
        activation.serverPublicKey = m_serverKey.publicPem();
        auto inserted = m_context.storage.exec(
            u"INSERT INTO devices (id, user_id, name, public_key, status, created, last_seen) "
            u"VALUES (?, ?, ?, ?, 'active', ?, ?)"_s,
            { activation.deviceId, user->id, deviceName, QString::fromLatin1(key->publicPem()), now,
              now });
        if (!inserted)
            return inserted.error();
        return m_context.audit.append(u"device:"_s + activation.deviceId, u"push.activate"_s,
                                      user->username, u"ok"_s,
                                      { { u"name"_s, deviceName }, { u"ip"_s, clientIp } });
    });
    if (!done)
        return done.error();
    if (rejected) {
        static_cast<void>(
            m_context.audit.append(u"device"_s, u"push.activate"_s, username, u"rejected"_s,
                                   { { u"ip"_s, clientIp }, { u"reason"_s, rejected->message } }));
        return *rejected;
    }
    return activation;
}

Result<Device> PushChannel::authenticate(const DeviceRequest &request)
{
    if (request.deviceId.isEmpty() || request.timestamp.isEmpty() || request.signature.isEmpty())
        return Error { ErrorCode::NotAuthenticated,
                       u"Device requests need the X-Twofold-Device, X-Twofold-Timestamp and "
                       u"X-Twofold-Signature headers."_s };
    auto timestamp = PushProtocol::parseTimestamp(request.timestamp);
    if (!timestamp)
        return Error { ErrorCode::NotAuthenticated,
                       u"X-Twofold-Timestamp must be Unix seconds in decimal digits."_s };
    auto signature = fromBase64(request.signature);
    if (!signature)
        return Error { ErrorCode::NotAuthenticated, u"X-Twofold-Signature must be base64."_s };

    auto rows = m_context.storage.exec(
        u"SELECT d.user_id, d.name, d.public_key, d.status, d.last_seen, u.username "
        u"FROM devices d JOIN users u ON u.id = d.user_id WHERE d.id = ?"_s,
        { request.deviceId });
    if (!rows)
        return rows.error();
    if (!(*rows)->next()) {
        (*rows)->finish();
        return Error { ErrorCode::DeviceRevoked,
                       u"This device is not registered with the server (it may have been "
                       u"removed); activate it again."_s };
    }
    const QSqlQuery &r = **rows;
    const QString userId = r.value(0).toString();
    const QString name = r.value(1).toString();
    const QString pem = r.value(2).toString();
    const bool active = r.value(3).toString() == u"active";
    const qint64 lastSeen = r.value(4).toLongLong();
    const QString username = r.value(5).toString();
    (*rows)->finish();
    if (!active)
        return Error { ErrorCode::DeviceRevoked,
                       u"This device has been revoked; activate it again to receive sign-in "
                       u"requests."_s };

    // Parsing a PEM key costs more than the query: keep the parsed key while the PEM stays.
    auto cached = m_keys.constFind(request.deviceId);
    if (cached == m_keys.cend() || cached->first != pem) {
        auto key = EcKey::fromPublicPem(pem.toLatin1());
        if (!key)
            return Error { ErrorCode::Database, u"The device's stored key is damaged."_s };
        cached = m_keys.insert(request.deviceId, { pem, *key });
    }
    Device device { request.deviceId, userId, username, name, lastSeen, cached->second };
    const QByteArray canonical
        = PushProtocol::requestCanonical(request.method, request.target, *timestamp, request.body);
    if (!device.key.verify(canonical, *signature))
        return Error { ErrorCode::NotAuthenticated,
                       u"The request signature does not match this device's key."_s };
    if (auto fresh = checkTimestamp(*timestamp); !fresh)
        return fresh.error();
    return device;
}

Result<void> PushChannel::checkTimestamp(qint64 timestamp) const
{
    const qint64 skew = timestamp - m_context.now();
    if (std::abs(skew) <= PushProtocol::timestampWindowSeconds)
        return {};
    return Error { ErrorCode::ClockSkew,
                   u"The signed time is %1 seconds %2 the server's clock; at most %3 seconds are "
                   u"allowed. Set this computer's clock right."_s.arg(std::abs(skew))
                       .arg(skew > 0 ? u"ahead of"_s : u"behind"_s)
                       .arg(PushProtocol::timestampWindowSeconds) };
}

Result<void> PushChannel::checkActive(const QString &deviceId)
{
    auto status
        = m_context.storage.scalar(u"SELECT status FROM devices WHERE id = ?"_s, { deviceId });
    if (!status)
        return status.error();
    if (status->toString() != u"active")
        return Error { ErrorCode::DeviceRevoked,
                       u"This device has been revoked; activate it again to receive sign-in "
                       u"requests."_s };
    return {};
}

void PushChannel::touch(const Device &device)
{
    const qint64 now = m_context.now();
    if (now - device.lastSeen < touchIntervalSeconds)
        return;
    static_cast<void>(m_context.storage.exec(u"UPDATE devices SET last_seen = ? WHERE id = ?"_s,
                                             { now, device.id }));
}

Result<QList<client::PushChallenge>> PushChannel::challenges(const Device &device)
{
    const qint64 now = m_context.now();
    auto rows = m_context.storage.exec(
        u"SELECT txid, app, client_ip, created, expires, number FROM transactions "
        u"WHERE user_id = ? AND factor = 'push' AND status = 'pushed' AND expires > ? "
        u"AND (device_id = '' OR device_id = ?) ORDER BY created, txid"_s,
        { device.userId, now, device.id });
    if (!rows)
        return rows.error();
    QList<client::PushChallenge> list;
    QStringList apps;
    while ((*rows)->next()) {
        client::PushChallenge c;
        c.txid = (*rows)->value(0).toString();
        c.deviceId = device.id;
        c.username = device.username;
        c.clientIp = (*rows)->value(2).toString();
        c.created = (*rows)->value(3).toLongLong();
        c.expires = (*rows)->value(4).toLongLong();
        c.numberRequired = (*rows)->value(5).toInt() > 0;
        c.serverTime = now;
        list.append(c);
        apps.append((*rows)->value(1).toString());
    }
    (*rows)->finish();
    for (qsizetype i = 0; i < list.size(); ++i) {
        list[i].application = m_directory.applicationName(apps[i]).value_or(u"an application"_s);
        auto signature = m_serverKey.sign(list[i].canonical());
        if (!signature)
            return signature.error();
        list[i].signature = *signature;
    }
    return list;
}

Result<AuthOutcome> PushChannel::answer(const Device &device, const QJsonObject &body)
{
    const QString txid = body.value(u"txid"_s).toString();
    const QString answer = body.value(u"answer"_s).toString();
    const QJsonValue number = body.value(u"number"_s);
    const QJsonValue timestamp = body.value(u"timestamp"_s);
    const auto signature = fromBase64(body.value(u"signature"_s).toString().toLatin1());
    const auto reject = [&](const Error &error) -> Result<AuthOutcome> {
        auditRejected(device, txid, error);
        return error;
    };
    if (txid.isEmpty() || !(answer == u"approve" || answer == u"deny" || answer == u"fraud")
        || !number.isDouble() || number.toDouble() != double(number.toInt()) || number.toInt() < 0
        || number.toInt() > 99 || !timestamp.isDouble() || !signature)
        return reject(Error { ErrorCode::InvalidArgument,
                              u"An answer needs txid, answer (approve, deny or fraud), number "
                              u"(0 to 99), timestamp and signature."_s });
    if (auto fresh = checkTimestamp(timestamp.toInteger()); !fresh)
        return reject(fresh.error());
    const QByteArray canonical
        = PushProtocol::answerCanonical(txid, answer, number.toInt(), timestamp.toInteger());
    if (!device.key.verify(canonical, *signature))
        return reject(Error { ErrorCode::NotAuthenticated,
                              u"The answer's signature does not match this device's key."_s });

    // The verifier decides atomically; these checks only give the device a precise reason.
    auto rows = m_context.storage.exec(
        u"SELECT user_id, factor, status, expires, device_id FROM transactions WHERE txid = ?"_s,
        { txid });
    if (!rows)
        return rows.error();
    if (!(*rows)->next() || (*rows)->value(1).toString() != u"push") {
        (*rows)->finish();
        return reject(Error { ErrorCode::NotFound, u"There is no such sign-in request."_s });
    }
    const QString userId = (*rows)->value(0).toString();
    const QString status = (*rows)->value(2).toString();
    const qint64 expires = (*rows)->value(3).toLongLong();
    const QString target = (*rows)->value(4).toString();
    (*rows)->finish();
    if (userId != device.userId || (!target.isEmpty() && target != device.id))
        return reject(Error { ErrorCode::PermissionDenied,
                              u"This device may not answer that sign-in request."_s });
    if (status != u"pushed")
        return reject(Error { ErrorCode::CodeRejected,
                              u"This sign-in request has been answered already."_s });
    if (expires <= m_context.now())
        return reject(Error { ErrorCode::CodeRejected,
                              u"This sign-in request has expired; start the sign-in again."_s });
    auto outcome = m_verifier.answerPush(txid, device.id, answer, number.toInt());
    if (!outcome)
        return reject(outcome.error());
    return outcome;
}

void PushChannel::auditRejected(const Device &device, const QString &txid, const Error &error)
{
    static_cast<void>(m_context.audit.append(
        u"device:"_s + device.id, u"push.answer"_s, device.username, u"rejected"_s,
        { { u"txid"_s, txid.left(64) }, { u"reason"_s, error.message } }));
}

Result<void> PushChannel::revoke(const Device &device)
{
    m_keys.remove(device.id);
    return m_enrollment.removeMethod(device.userId, device.id, u"device:"_s + device.id);
}

QString PushChannel::userOfDevice(const QString &deviceId)
{
    return m_context.storage.scalar(u"SELECT user_id FROM devices WHERE id = ?"_s, { deviceId })
        .value_or(QVariant())
        .toString();
}

QString PushChannel::userOfPush(const QString &txid)
{
    return m_context.storage
        .scalar(u"SELECT user_id FROM transactions WHERE txid = ? AND factor = 'push'"_s, { txid })
        .value_or(QVariant())
        .toString();
}

} // namespace twofold::server
