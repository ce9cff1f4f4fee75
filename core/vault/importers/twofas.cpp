#include "crypto/aesgcm.h"
#include "crypto/kdf.h"
#include "crypto/secure.h"
#include "vault/importers/formats.h"

using namespace Qt::StringLiterals;

// 2FAS Authenticator backups (.2fas): JSON with "services", or from schemaVersion 2 on,
// "servicesEncrypted" = b64(ciphertext+tag):b64(salt):b64(iv) under a PBKDF2-SHA256 key.
namespace twofold::vault::importers {

namespace {

const QString twoFasName = u"2FAS"_s;
constexpr int pbkdf2Iterations = 10000;
constexpr qsizetype tagSize = 16;

struct Sealed2Fas
{
    QByteArray ciphertext;
    QByteArray tag;
    QByteArray salt;
    QByteArray iv;
};

Result<Sealed2Fas> splitSealed(const QString &text, const QString &field)
{
    const QStringList parts = text.split(u':');
    if (parts.size() != 3)
        return damaged(twoFasName,
                       u"\"%1\" should be three base64 parts separated by ':'."_s.arg(field));
    QByteArray decoded[3];
    for (int i = 0; i < 3; ++i) {
        auto result = QByteArray::fromBase64Encoding(parts[i].toLatin1(),
                                                     QByteArray::AbortOnBase64DecodingErrors);
        if (!result || result.decoded.isEmpty())
            return damaged(twoFasName,
                           u"part %1 of \"%2\" is not valid base64."_s.arg(i + 1).arg(field));
        decoded[i] = std::move(result.decoded);
    }
    if (decoded[0].size() < tagSize || decoded[2].size() != 12)
        return damaged(twoFasName, u"\"%1\" is too short to hold its data."_s.arg(field));
    Sealed2Fas sealed;
    sealed.ciphertext = decoded[0].first(decoded[0].size() - tagSize);
    sealed.tag = decoded[0].last(tagSize);
    sealed.salt = decoded[1];
    sealed.iv = decoded[2];
    return sealed;
}

Result<QJsonArray> decryptServices(const QJsonObject &root, const QString &password)
{
    const Result<Sealed2Fas> services
        = splitSealed(root.value("servicesEncrypted"_L1).toString(), u"servicesEncrypted"_s);
    if (!services)
        return services.error();
    QByteArray passwordBytes = password.toUtf8();
    Result<QByteArray> key
        = pbkdf2(HashAlgorithm::Sha256, passwordBytes, services->salt, pbkdf2Iterations, 32);
    scrub(passwordBytes);
    if (!key)
        return key.error();

    // "reference" is a fixed text sealed with the same key: when it opens, the password is
    // right and a failure below means a damaged file instead.
    bool passwordConfirmed = false;
    if (root.value("reference"_L1).isString()) {
        const Result<Sealed2Fas> reference
            = splitSealed(root.value("reference"_L1).toString(), u"reference"_s);
        if (reference && reference->salt == services->salt) {
            const Result<QByteArray> opened
                = aesGcmOpen(*key, reference->iv, reference->ciphertext, reference->tag);
            if (!opened) {
                scrub(*key);
                return wrongPassword();
            }
            passwordConfirmed = true;
        }
    }
    Result<QByteArray> plain = aesGcmOpen(*key, services->iv, services->ciphertext, services->tag);
    scrub(*key);
    if (!plain)
        return passwordConfirmed
            ? damaged(twoFasName, u"its accounts do not decrypt, though the password is right."_s)
            : wrongPassword();
    Result<QJsonArray> array = parseJsonArray(*plain, twoFasName);
    scrub(*plain);
    return array;
}

} // namespace

Result<Accounts> readTwoFas(const QJsonObject &root, const QString &password)
{
    Fields top(root, u"The file"_s);
    const qint64 schema = top.requiredInteger("schemaVersion"_L1, 1, 1000);
    const QString sealed = top.string("servicesEncrypted"_L1);
    if (!top.ok())
        return damaged(twoFasName, top.error().message);

    QJsonArray services;
    if (!sealed.isEmpty()) {
        if (schema < 2)
            return damaged(twoFasName, u"encrypted backups start at schemaVersion 2."_s);
        Result<QJsonArray> decrypted = decryptServices(root, password);
        if (!decrypted)
            return decrypted.error();
        services = std::move(*decrypted);
    } else {
        if (!root.value("services"_L1).isArray())
            return damaged(twoFasName, u"\"services\" should be a list."_s);
        services = root.value("services"_L1).toArray();
    }

    Accounts accounts;
    for (qsizetype i = 0; i < services.size(); ++i) {
        if (!services[i].isObject())
            return damaged(twoFasName, u"service %1 is not an object."_s.arg(i + 1));
        const QJsonObject object = services[i].toObject();
        const QJsonObject otpObject = object.value("otp"_L1).toObject();
        EntryDraft draft;
        draft.issuer = otpObject.value("issuer"_L1).toString();
        if (draft.issuer.isEmpty())
            draft.issuer = object.value("name"_L1).toString();
        draft.account = otpObject.value("account"_L1).toString();
        Fields service(object, entryName(i, draft.issuer, draft.account));
        draft.secretBase32 = service.requiredString("secret"_L1);
        service.string("name"_L1);
        Fields otp(service.requiredObject("otp"_L1), service.where());
        if (!service.ok())
            return service.error();
        otp.string("issuer"_L1);
        otp.string("account"_L1);
        // Older backups leave out tokenType, algorithm, digits and period: TOTP defaults.
        draft.type = otp.string("tokenType"_L1, u"TOTP"_s);
        draft.algorithm = otp.string("algorithm"_L1, u"SHA1"_s);
        draft.digits = otp.integer("digits"_L1, 6, 0, 100);
        draft.period = otp.integer("period"_L1, 30, 1, std::numeric_limits<int>::max());
        draft.counter = otp.integer("counter"_L1, 0, 0, std::numeric_limits<qint64>::max());
        if (!otp.ok())
            return otp.error();
        Result<Account> account = makeAccount(draft, service.where());
        if (!account)
            return account.error();
        accounts.append(std::move(*account));
    }
    return accounts;
}

} // namespace twofold::vault::importers
