#include "vault/exporter.h"

#include "crypto/aesgcm.h"
#include "crypto/kdf.h"
#include "crypto/random.h"
#include "crypto/secure.h"
#include "otp/base32.h"
#include "otp/otpauthuri.h"
#include "qr/qrencoder.h"
#include "vault/vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace twofold::vault {

namespace {

// What Aegis itself writes for a password slot.
const ScryptParameters aegisScrypt { quint64(1) << 15, 8, 1 };
constexpr qsizetype aegisKeySize = 32;
constexpr qsizetype aegisSaltSize = 32;
constexpr int aegisDbVersion = 2;

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QJsonObject aegisEntry(const Account &account)
{
    const OtpParameters &otp = account.otp;
    QJsonObject info {
        { u"secret"_s, Base32::encode(otp.secret) },
        { u"algo"_s, hashAlgorithmName(otp.algorithm) },
        { u"digits"_s, otp.digits },
    };
    if (otp.type == OtpType::Hotp)
        info.insert(u"counter"_s, static_cast<qint64>(otp.counter));
    else
        info.insert(u"period"_s, otp.period);
    const QUuid id = account.id.isNull() ? QUuid::createUuid() : account.id;
    return QJsonObject {
        { u"type"_s, otpTypeName(otp.type) },
        { u"uuid"_s, id.toString(QUuid::WithoutBraces) },
        { u"name"_s, otp.account },
        { u"issuer"_s, otp.issuer },
        { u"note"_s, QString() },
        { u"favorite"_s, account.pinned },
        { u"icon"_s, QJsonValue::Null },
        { u"group"_s, account.group.isEmpty() ? QJsonValue(QJsonValue::Null) : account.group },
        { u"info"_s, info },
    };
}

// A password slot as Aegis writes one: scrypt wraps the master key with AES-GCM.
Result<QJsonObject> aegisPasswordSlot(const QByteArray &masterKey, const QString &password)
{
    const Result<QByteArray> salt = randomBytes(aegisSaltSize);
    if (!salt)
        return salt.error();
    QByteArray passwordBytes = password.toUtf8();
    Result<QByteArray> derived = scrypt(passwordBytes, *salt, aegisScrypt, aegisKeySize);
    scrub(passwordBytes);
    if (!derived)
        return derived.error();
    const Result<Sealed> wrapped = aesGcmSeal(*derived, masterKey);
    scrub(*derived);
    if (!wrapped)
        return wrapped.error();
    return QJsonObject {
        { u"type"_s, 1 },
        { u"uuid"_s, QUuid::createUuid().toString(QUuid::WithoutBraces) },
        { u"key"_s, hex(wrapped->ciphertext) },
        { u"key_params"_s,
          QJsonObject { { u"nonce"_s, hex(wrapped->nonce) }, { u"tag"_s, hex(wrapped->tag) } } },
        { u"n"_s, static_cast<qint64>(aegisScrypt.n) },
        { u"r"_s, static_cast<qint64>(aegisScrypt.r) },
        { u"p"_s, static_cast<qint64>(aegisScrypt.p) },
        { u"salt"_s, hex(*salt) },
        { u"repaired"_s, true },
        { u"is_backup"_s, false },
    };
}

} // namespace

Result<QByteArray> Exporter::twofoldBackup(const QList<Account> &accounts, const QString &password)
{
    if (password.isEmpty())
        return Error { ErrorCode::InvalidArgument,
                       u"A Twofold backup needs a password to encrypt it with."_s };
    Result<Vault> vault = Vault::create(QString());
    if (!vault)
        return vault.error();
    if (const Result<AddSummary> added = vault->addAccounts(accounts); !added)
        return added.error();
    if (const Result<void> set = vault->setPassword(password); !set)
        return set.error();
    Result<QByteArray> bytes = vault->toBytes();
    vault->lock();
    return bytes;
}

Result<QByteArray> Exporter::aegis(const QList<Account> &accounts, const QString &password)
{
    QJsonArray entries;
    for (const Account &account : accounts)
        entries.append(aegisEntry(account));
    const QJsonObject db { { u"version"_s, aegisDbVersion }, { u"entries"_s, entries } };

    QJsonObject header { { u"slots"_s, QJsonValue::Null }, { u"params"_s, QJsonValue::Null } };
    QJsonValue dbValue = db;
    if (!password.isEmpty()) {
        Result<QByteArray> masterKey = randomBytes(aegisKeySize);
        if (!masterKey)
            return masterKey.error();
        const Result<QJsonObject> slot = aegisPasswordSlot(*masterKey, password);
        if (!slot) {
            scrub(*masterKey);
            return slot.error();
        }
        QByteArray plain = QJsonDocument(db).toJson(QJsonDocument::Compact);
        const Result<Sealed> sealed = aesGcmSeal(*masterKey, plain);
        scrub(plain);
        scrub(*masterKey);
        if (!sealed)
            return sealed.error();
        header = QJsonObject {
            { u"slots"_s, QJsonArray { *slot } },
            { u"params"_s,
              QJsonObject { { u"nonce"_s, hex(sealed->nonce) }, { u"tag"_s, hex(sealed->tag) } } },
        };
        dbValue = QString::fromLatin1(sealed->ciphertext.toBase64());
    }
    const QJsonObject root { { u"version"_s, 1 }, { u"header"_s, header }, { u"db"_s, dbValue } };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray Exporter::otpauthList(const QList<Account> &accounts)
{
    QByteArray out;
    for (const Account &account : accounts) {
        out.append(OtpAuthUri::serialise(account.otp).toUtf8());
        out.append('\n');
    }
    return out;
}

Result<QImage> Exporter::qrCode(const Account &account)
{
    return QrEncoder::toImage(OtpAuthUri::serialise(account.otp).toUtf8());
}

} // namespace twofold::vault
