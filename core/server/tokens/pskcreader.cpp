#include "server/tokens/pskcreader.h"

#include "crypto/aescbc.h"
#include "crypto/hmac.h"
#include "crypto/kdf.h"
#include "crypto/secure.h"
#include "server/tokens/pskcdocument.h"

#include <variant>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

using Document = PskcDocument;
constexpr int defaultDigits = 6;
constexpr qint64 defaultTimeInterval = 30;
constexpr int maxListedSkips = 20;

// A key that does not become a token, with the category it gives a file that has no other.
struct Skip
{
    QString serial;
    QString label;
    QString reason;
    ErrorCode code = ErrorCode::TokenFileUnsupported;
};

// Scrubs key material however the function returns.
struct Wiped final
{
    QByteArray bytes;
    Wiped() = default;
    Q_DISABLE_COPY_MOVE(Wiped)
    ~Wiped() { scrub(bytes); }
};

QString capitalised(const QString &text)
{
    return Document::capitalised(text);
}

QString quoted(QStringView value, qsizetype limit = 60)
{
    return Document::quoted(value, limit);
}

QString named(const QString &name)
{
    return name.isEmpty() ? QString() : u" (named %1)"_s.arg(quoted(name));
}

// Checks that need the whole file: MACs declared and given together, key lengths that agree.
Result<void> checkStructure(Document &document)
{
    if (document.keys.isEmpty())
        return Error { ErrorCode::TokenFileFormat,
                       u"The file holds no key packages, so there are no tokens to import."_s };
    qsizetype cipherKeyLength = 0;
    if (document.mac && document.mac->key
        && document.mac->key->cipher != Document::Cipher::Asymmetric)
        cipherKeyLength = document.mac->key->keyLength;
    for (Document::Key &key : document.keys) {
        Result<void> result;
        key.forEachValue([&](const Document::Value &value, const QString &name) {
            if (!result || !value.encrypted)
                return;
            const QString what = u"the %1 of %2"_s.arg(name, key.label);
            if (value.mac && !document.mac)
                result = Error { ErrorCode::TokenFileFormat,
                                 u"%1 has a ValueMAC, but the file has no MACMethod to check it "
                                 u"with."_s.arg(capitalised(what)) };
            else if (!value.mac && document.mac
                     && value.encrypted->cipher == Document::Cipher::AesCbc)
                result = Error { ErrorCode::TokenFileFormat,
                                 u"%1 has no ValueMAC although the file has a MACMethod: it may "
                                 u"have been taken out. Ask the vendor for the file again."_s.arg(
                                     capitalised(what)) };
            else if (value.encrypted->cipher != Document::Cipher::Asymmetric
                     && cipherKeyLength == 0)
                cipherKeyLength = value.encrypted->keyLength;
        });
        if (!result)
            return result;
    }
    if (document.pbkdf2 && document.pbkdf2->keyLength == 0)
        document.pbkdf2->keyLength = cipherKeyLength;
    if (document.pbkdf2 && cipherKeyLength != 0 && document.pbkdf2->keyLength != cipherKeyLength)
        return Error { ErrorCode::TokenFileFormat,
                       u"The PBKDF2 KeyLength of %1 bytes does not fit the file's cipher, which "
                       u"needs a %2-byte key."_s.arg(document.pbkdf2->keyLength)
                           .arg(cipherKeyLength) };
    return {};
}

Error keyNeeded(const Document &document, const PskcReader::Keys &keys)
{
    if (document.protection == Document::Protection::DerivedKey)
        return Error { ErrorCode::TokenKeyNeeded,
                       u"This file is protected by a password%1. Enter the password to import "
                       u"its tokens."_s.arg(named(document.keyName)) };
    return Error { ErrorCode::TokenKeyNeeded,
                   u"This file is encrypted with a pre-shared key%1 that the token vendor sends "
                   u"separately. Give that key to import its tokens.%2"_s.arg(
                       named(document.keyName),
                       keys.password.isEmpty() ? QString()
                                               : u" A password does not open this file."_s) };
}

// The AES key for the file's encrypted values, from the caller's Keys.
Result<void> encryptionKey(const Document &document, const PskcReader::Keys &keys, QByteArray &key)
{
    if (document.protection == Document::Protection::DerivedKey && !keys.password.isEmpty()) {
        const Document::Pbkdf2 &parameters = *document.pbkdf2;
        QByteArray password = keys.password.toUtf8();
        Result<QByteArray> derived
            = pbkdf2(parameters.prf, password, parameters.salt, parameters.iterations,
                     parameters.keyLength > 0 ? parameters.keyLength : 16);
        scrub(password);
        if (!derived)
            return derived.error();
        key = std::move(*derived);
        return {};
    }
    // For a password file, a key given is the derived key itself.
    if (keys.preSharedKey.isEmpty())
        return keyNeeded(document, keys);
    key = keys.preSharedKey;
    return {};
}

Result<void> checkKeyLength(const Document::Encrypted &encrypted, qsizetype keyLength)
{
    if (encrypted.cipher == Document::Cipher::Asymmetric || encrypted.keyLength == keyLength)
        return {};
    return Error { ErrorCode::TokenKeyWrong,
                   u"The file is encrypted with %1, which needs a %2-byte key, but the key given "
                   u"has %3 bytes."_s.arg(encrypted.algorithmName)
                       .arg(encrypted.keyLength)
                       .arg(keyLength) };
}

Result<QByteArray> decrypt(const Document::Encrypted &encrypted, QByteArrayView key,
                           const QString &what)
{
    const QByteArray &data = encrypted.data;
    const Error wrongKey { ErrorCode::TokenKeyWrong,
                           u"The key or password does not decrypt %1: it is wrong, or the file "
                           u"was changed."_s.arg(what) };
    if (encrypted.cipher == Document::Cipher::AesCbc) {
        if (data.size() < 32 || data.size() % 16 != 0)
            return Error { ErrorCode::TokenFileFormat,
                           u"%1 is %2 bytes long, but AES-CBC data is a 16-byte IV followed by "
                           u"whole 16-byte blocks."_s.arg(capitalised(what))
                               .arg(data.size()) };
        Result<QByteArray> plain = aesCbcDecrypt(key, data.first(16), data.sliced(16));
        if (!plain)
            return wrongKey;
        return plain;
    }
    if (data.size() < 24 || data.size() % 8 != 0)
        return Error { ErrorCode::TokenFileFormat,
                       u"%1 is %2 bytes long, but AES key wrap gives 24 bytes or more in steps of "
                       u"8."_s.arg(capitalised(what))
                           .arg(data.size()) };
    Result<QByteArray> plain = aesKeyUnwrap(key, data);
    if (!plain)
        return wrongKey;
    return plain;
}

// An encrypted integer is its big-endian bytes.
Result<qint64> integerFrom(const QByteArray &bytes, const QString &what)
{
    if (bytes.isEmpty() || bytes.size() > 8 || (bytes.size() == 8 && (bytes[0] & 0x80)))
        return Error { ErrorCode::TokenFileFormat,
                       u"%1 decrypts to %2 bytes, which is not a whole number Twofold can use."_s
                           .arg(capitalised(what))
                           .arg(bytes.size()) };
    qint64 value = 0;
    for (char byte : bytes)
        value = (value << 8) | static_cast<quint8>(byte);
    return value;
}

// Checks the MAC of, then decrypts, every value encrypted under the file's key; the values
// then hold plain data. Values for a private key stay encrypted: their keys are skipped.
Result<void> decryptAll(Document &document, const QByteArray &key, const QByteArray &macKey)
{
    for (Document::Key &entry : document.keys) {
        Result<void> result;
        entry.forEachValue([&](Document::Value &value, const QString &name) {
            if (!result || !value.encrypted
                || value.encrypted->cipher == Document::Cipher::Asymmetric)
                return;
            const QString what = u"the %1 of %2"_s.arg(name, entry.label);
            if (value.mac) {
                const Result<QByteArray> mac
                    = hmac(document.mac->algorithm, macKey, value.encrypted->data);
                if (!mac) {
                    result = mac.error();
                    return;
                }
                if (!constantTimeEquals(*mac, *value.mac)) {
                    result = Error { ErrorCode::TokenKeyWrong,
                                     u"The MAC of %1 does not match: the file was changed, or "
                                     u"the key or password is wrong. Check the key or ask the "
                                     u"vendor for the file again."_s.arg(what) };
                    return;
                }
            }
            Result<QByteArray> plain = decrypt(*value.encrypted, key, what);
            if (!plain) {
                result = plain.error();
                return;
            }
            if (&value == &entry.secret) {
                value.bytes = std::move(*plain);
            } else {
                const Result<qint64> number = integerFrom(*plain, what);
                scrub(*plain);
                if (!number) {
                    result = number.error();
                    return;
                }
                value.number = *number;
            }
            value.encrypted.reset();
        });
        if (!result)
            return result;
    }
    return {};
}

std::variant<OathToken, Skip> interpret(Document::Key &key)
{
    Skip skip;
    skip.serial = key.serial.isEmpty() ? key.id : key.serial;
    skip.label = key.label;
    const auto skipped
        = [&skip](const QString &reason, ErrorCode code = ErrorCode::TokenFileUnsupported) {
              skip.reason = reason;
              skip.code = code;
              return skip;
          };
    if (!key.hasKey)
        return skipped(u"the key package holds no key"_s);

    const QString algorithm = key.algorithm.toLower();
    const qsizetype cut = std::max(algorithm.lastIndexOf(u':'), algorithm.lastIndexOf(u'#'));
    const QString kind = algorithm.sliced(cut + 1);
    OtpType type = OtpType::Hotp;
    if (algorithm.isEmpty())
        return skipped(u"it names no algorithm"_s);
    if (algorithm.contains(u"ocra"))
        return skipped(u"OCRA keys are not supported: Twofold verifies HOTP and TOTP codes"_s);
    if (kind == u"pin")
        return skipped(u"a PIN key, not a token"_s);
    if (kind == u"totp")
        type = OtpType::Totp;
    else if (kind != u"hotp")
        return skipped(u"its algorithm %1 is not HOTP or TOTP"_s.arg(quoted(key.algorithm, 100)));
    if (skip.serial.isEmpty())
        return skipped(u"it has no serial number and no Id to find it by"_s);

    if (!key.secret.present) {
        return skipped(key.keyReference.isEmpty()
                           ? u"the file holds no secret for it"_s
                           : u"its secret is not in the file: the vendor derives it from the "
                             u"master key %1"_s.arg(quoted(key.keyReference)));
    }
    QString privateKeyAlgorithm;
    key.forEachValue([&privateKeyAlgorithm](const Document::Value &value, const QString &) {
        if (value.encrypted && value.encrypted->cipher == Document::Cipher::Asymmetric)
            privateKeyAlgorithm = value.encrypted->algorithmName;
    });
    if (!privateKeyAlgorithm.isEmpty())
        return skipped(u"its secret is encrypted for a private key (%1) that Twofold does not "
                       u"hold: key not available"_s.arg(privateKeyAlgorithm),
                       ErrorCode::TokenKeyNeeded);

    if (!key.encoding.isEmpty() && key.encoding.compare(u"DECIMAL", Qt::CaseInsensitive) != 0)
        return skipped(u"its codes are %1, not decimal digits"_s.arg(quoted(key.encoding, 20)));
    if (key.checkDigits)
        return skipped(u"its codes end in a check digit, which Twofold does not verify"_s);
    if (!key.pinUsageMode.isEmpty() && key.pinUsageMode.compare(u"Local", Qt::CaseInsensitive) != 0)
        return skipped(u"the PIN is typed together with its codes (PINUsageMode %1), which "
                       u"Twofold does not verify"_s.arg(quoted(key.pinUsageMode, 20)));

    OathToken token;
    token.serial = skip.serial;
    token.manufacturer = key.manufacturer;
    token.model = key.model;
    OtpParameters &otp = token.otp;
    otp.type = type;
    otp.secret = key.secret.bytes;
    otp.digits = key.length.value_or(defaultDigits);
    otp.issuer = key.issuer;
    otp.account = token.serial;
    if (!key.suite.isEmpty()) {
        QString suite = key.suite;
        if (suite.startsWith(u"HMAC-", Qt::CaseInsensitive))
            suite.remove(0, 5);
        const Result<HashAlgorithm> hash = hashAlgorithmFromName(suite);
        if (!hash)
            return skipped(
                u"its hash (Suite %1) is not SHA1, SHA256 or SHA512"_s.arg(quoted(key.suite, 30)));
        otp.algorithm = *hash;
    }
    if (type == OtpType::Hotp) {
        if (key.counter.number < 0)
            return skipped(u"its Counter is negative"_s);
        otp.counter = static_cast<quint64>(key.counter.number);
    } else {
        // Time and TimeDrift describe the token's clock when the file was made; codes are
        // counted from 1970 all the same, and the validation window absorbs a small drift.
        otp.period = key.timeInterval.present ? key.timeInterval.number : defaultTimeInterval;
    }
    if (const Result<void> valid = otp.validate(); !valid) {
        QString reason = valid.error().message;
        if (!reason.isEmpty())
            reason[0] = reason[0].toLower();
        if (reason.endsWith(u'.'))
            reason.chop(1);
        return skipped(reason);
    }
    return token;
}

Error nothingImported(const QList<Skip> &skips)
{
    bool allNeedKeys = true;
    QString message = u"No key in this file can be imported as a token:"_s;
    for (qsizetype i = 0; i < skips.size(); ++i) {
        allNeedKeys = allNeedKeys && skips[i].code == ErrorCode::TokenKeyNeeded;
        if (i < maxListedSkips)
            message += u"\n%1: %2."_s.arg(capitalised(skips[i].label), skips[i].reason);
    }
    if (skips.size() > maxListedSkips)
        message += u"\n... and %1 more."_s.arg(skips.size() - maxListedSkips);
    if (allNeedKeys)
        message += u"\nAsk the vendor for a file protected by a pre-shared key or a password."_s;
    return Error { allNeedKeys ? ErrorCode::TokenKeyNeeded : ErrorCode::TokenFileUnsupported,
                   message };
}

} // namespace

Result<TokenFile> PskcReader::read(QByteArrayView xml, const Keys &keys)
{
    Result<Document> parsed = Document::parse(xml, maxFileSize, maxKeys);
    if (!parsed)
        return parsed.error();
    Document &document = *parsed;
    if (const Result<void> checked = checkStructure(document); !checked)
        return checked.error();

    if (document.needsSymmetricKey()) {
        Wiped key;
        Wiped macKey;
        if (const Result<void> got = encryptionKey(document, keys, key.bytes); !got)
            return got.error();
        Result<void> lengths;
        document.forEachEncrypted([&](const Document::Key &, const Document::Value &value) {
            if (lengths)
                lengths = checkKeyLength(*value.encrypted, key.bytes.size());
        });
        if (!lengths)
            return lengths.error();
        if (document.mac && document.mac->key) {
            const Document::Encrypted &wrapped = *document.mac->key;
            if (wrapped.cipher == Document::Cipher::Asymmetric)
                return Error { ErrorCode::TokenKeyNeeded,
                               u"The MAC key is encrypted for a private key that Twofold does "
                               u"not hold: key not available."_s };
            if (const Result<void> length = checkKeyLength(wrapped, key.bytes.size()); !length)
                return length.error();
            Result<QByteArray> unwrapped = decrypt(wrapped, key.bytes, u"the MAC key"_s);
            if (!unwrapped)
                return unwrapped.error();
            macKey.bytes = std::move(*unwrapped);
        } else if (document.mac) {
            macKey.bytes = key.bytes; // as early PSKC drafts did: one key for both
        }
        if (const Result<void> decrypted = decryptAll(document, key.bytes, macKey.bytes);
            !decrypted)
            return decrypted.error();
    }

    TokenFile file;
    QList<Skip> skips;
    for (Document::Key &key : document.keys) {
        std::variant<OathToken, Skip> outcome = interpret(key);
        scrub(key.secret.bytes);
        if (auto *token = std::get_if<OathToken>(&outcome))
            file.tokens.append(std::move(*token));
        else
            skips.append(std::get<Skip>(std::move(outcome)));
    }
    if (file.tokens.isEmpty())
        return nothingImported(skips);
    for (const Skip &skip : skips)
        file.skipped.append(SkippedToken { skip.serial, skip.reason });
    return file;
}

bool PskcReader::needsKey(QByteArrayView xml)
{
    const Result<Document> parsed = Document::parse(xml, maxFileSize, maxKeys);
    return parsed && parsed->needsSymmetricKey();
}

bool PskcReader::needsPassword(QByteArrayView xml)
{
    const Result<Document> parsed = Document::parse(xml, maxFileSize, maxKeys);
    return parsed && parsed->needsSymmetricKey()
        && parsed->protection == Document::Protection::DerivedKey;
}

} // namespace twofold::server
