#include "vault/vaultformat.h"

#include "crypto/secure.h"
#include "otp/base32.h"
#include "otp/otpauthuri.h"
#include "vault/vault.h"

#include <QJsonDocument>
#include <QUuid>

#include <array>
#include <limits>

using namespace Qt::StringLiterals;

namespace twofold::vault::format {

namespace {

Error fieldError(const QString &field)
{
    return Error { ErrorCode::VaultDamaged,
                   u"an account's \"%1\" field is missing or not valid"_s.arg(field) };
}

std::optional<qint64> integer(const QJsonObject &object, const QString &key,
                              std::optional<qint64> fallback = std::nullopt)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return fallback;
    if (!value.isDouble())
        return std::nullopt;
    constexpr qint64 notWhole = std::numeric_limits<qint64>::min();
    const qint64 whole = value.toInteger(notWhole);
    if (whole == notWhole)
        return std::nullopt;
    return whole;
}

std::optional<QString> text(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return QString();
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

std::optional<OtpType> otpTypeFromName(const QString &name)
{
    for (const OtpType type : { OtpType::Totp, OtpType::Hotp, OtpType::Steam }) {
        if (otpTypeName(type) == name)
            return type;
    }
    return std::nullopt;
}

// Version 0 was the pre-release layout: {"uris":[otpauth URI, ...]}, with no ids, groups or
// usage counts. Each URI becomes an account with a fresh id.
Result<QJsonObject> migrate0To1(const QJsonObject &db)
{
    const QJsonValue uris = db.value("uris"_L1);
    if (!uris.isArray())
        return Error { ErrorCode::VaultDamaged, u"its version 0 account list is missing"_s };
    QJsonArray accounts;
    qsizetype index = 0;
    for (const QJsonValue &uri : uris.toArray()) {
        ++index;
        // The parser's message may quote a character of the secret; ours does not.
        Result<OtpParameters> otp = OtpAuthUri::parse(uri.toString());
        if (!uri.isString() || !otp)
            return Error { ErrorCode::VaultDamaged,
                           u"account %1 of its version 0 list is not a valid otpauth URI"_s.arg(
                               index) };
        Account account;
        account.id = QUuid::createUuid();
        account.otp = std::move(*otp);
        accounts.append(accountToJson(account));
        scrub(account.otp.secret);
    }
    return QJsonObject { { "accounts"_L1, accounts } };
}

using Migration = Result<QJsonObject> (*)(const QJsonObject &);
// migrations[N] takes schema N to N + 1.
constexpr std::array<Migration, Vault::schemaVersion> migrations { &migrate0To1 };

} // namespace

std::optional<QByteArray> decodeBase64(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    const QByteArray encoded = value.toString().toLatin1();
    QByteArray::FromBase64Result decoded
        = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64() != encoded)
        return std::nullopt;
    return std::move(decoded.decoded);
}

QString encodeBase64(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toBase64());
}

QByteArray headerAad(qint64 version, const QJsonArray &keySlots)
{
    const QJsonObject header { { "format"_L1, formatName },
                               { "version"_L1, version },
                               { "slots"_L1, keySlots } };
    return QJsonDocument(header).toJson(QJsonDocument::Compact);
}

QJsonObject accountToJson(const Account &account)
{
    QString secret = Base32::encode(account.otp.secret);
    QJsonObject object {
        { "id"_L1, account.id.toString(QUuid::WithoutBraces) },
        { "type"_L1, otpTypeName(account.otp.type) },
        { "issuer"_L1, account.otp.issuer },
        { "account"_L1, account.otp.account },
        { "secret"_L1, secret },
        { "algorithm"_L1, hashAlgorithmName(account.otp.algorithm) },
        { "digits"_L1, account.otp.digits },
        { "period"_L1, account.otp.period },
        { "counter"_L1, static_cast<qint64>(account.otp.counter) },
        { "group"_L1, account.group },
        { "icon"_L1, account.icon },
        { "pinned"_L1, account.pinned },
        { "useCount"_L1, account.useCount },
        { "addedAt"_L1, account.addedAt },
    };
    scrub(secret);
    return object;
}

Result<Account> accountFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return Error { ErrorCode::VaultDamaged, u"an account is not a JSON object"_s };
    const QJsonObject object = value.toObject();
    Account account;

    account.id = QUuid::fromString(object.value("id"_L1).toString());
    if (account.id.isNull())
        return fieldError(u"id"_s);

    const std::optional<OtpType> type = otpTypeFromName(object.value("type"_L1).toString());
    if (!type)
        return fieldError(u"type"_s);
    account.otp.type = *type;

    const Result<HashAlgorithm> algorithm
        = hashAlgorithmFromName(object.value("algorithm"_L1).toString());
    if (!algorithm)
        return fieldError(u"algorithm"_s);
    account.otp.algorithm = *algorithm;

    const auto digits = integer(object, u"digits"_s);
    const auto period = integer(object, u"period"_s);
    const auto counter = integer(object, u"counter"_s);
    const auto useCount = integer(object, u"useCount"_s, 0);
    const auto addedAt = integer(object, u"addedAt"_s, 0);
    if (!digits || *digits < 0 || *digits > OtpParameters::maxDigits)
        return fieldError(u"digits"_s);
    if (!period || *period < 0)
        return fieldError(u"period"_s);
    if (!counter || *counter < 0)
        return fieldError(u"counter"_s);
    if (!useCount || *useCount < 0 || *useCount > std::numeric_limits<int>::max())
        return fieldError(u"useCount"_s);
    if (!addedAt)
        return fieldError(u"addedAt"_s);
    account.otp.digits = static_cast<int>(*digits);
    account.otp.period = *period;
    account.otp.counter = static_cast<quint64>(*counter);
    account.useCount = static_cast<int>(*useCount);
    account.addedAt = *addedAt;

    const auto issuer = text(object, u"issuer"_s);
    const auto name = text(object, u"account"_s);
    const auto group = text(object, u"group"_s);
    const auto icon = text(object, u"icon"_s);
    if (!issuer || !name || !group || !icon)
        return fieldError(!issuer      ? u"issuer"_s
                              : !name  ? u"account"_s
                              : !group ? u"group"_s
                                       : u"icon"_s);
    account.otp.issuer = *issuer;
    account.otp.account = *name;
    account.group = *group;
    account.icon = *icon;

    const QJsonValue pinned = object.value("pinned"_L1);
    if (!pinned.isUndefined() && !pinned.isBool())
        return fieldError(u"pinned"_s);
    account.pinned = pinned.toBool(false);

    // The secret last, so that no early return leaves a copy of it unscrubbed.
    const QJsonValue secretValue = object.value("secret"_L1);
    if (!secretValue.isString())
        return fieldError(u"secret"_s);
    QString secretText = secretValue.toString();
    Result<QByteArray> secret = Base32::decode(secretText);
    scrub(secretText);
    if (!secret || secret->isEmpty())
        return fieldError(u"secret"_s);
    account.otp.secret = std::move(*secret);

    if (!account.otp.validate()) {
        scrub(account.otp.secret);
        return Error { ErrorCode::VaultDamaged, u"an account's parameters are not valid"_s };
    }
    return account;
}

Result<QJsonObject> migrate(QJsonObject db, qint64 fromVersion)
{
    for (qint64 version = fromVersion; version < Vault::schemaVersion; ++version) {
        Result<QJsonObject> next = migrations.at(static_cast<size_t>(version))(db);
        if (!next)
            return next.error();
        db = std::move(*next);
    }
    return db;
}

} // namespace twofold::vault::format
