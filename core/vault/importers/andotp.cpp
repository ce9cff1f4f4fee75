#include "crypto/aesgcm.h"
#include "crypto/kdf.h"
#include "crypto/secure.h"
#include "vault/importers/formats.h"

#include <QtEndian>

using namespace Qt::StringLiterals;

// andOTP backups: a JSON array of entries, or that array encrypted as
// iterations (4 bytes, big-endian) | salt (12) | IV (12) | ciphertext | tag (16),
// with a PBKDF2-HMAC-SHA1 key and AES-256-GCM.
namespace twofold::vault::importers {

namespace {

const QString andOtpName = u"andOTP"_s;
constexpr qsizetype iterationsSize = 4;
constexpr qsizetype saltSize = 12;
constexpr qsizetype ivSize = 12;
constexpr qsizetype tagSize = 16;
constexpr qsizetype headerSize = iterationsSize + saltSize + ivSize;
// andOTP picks 140,000 to 160,000; the bounds keep a hostile header from stalling us.
constexpr quint32 minIterations = 1000;
constexpr quint32 maxIterations = 10'000'000;

quint32 iterationsOf(const QByteArray &data)
{
    return qFromBigEndian<quint32>(data.constData());
}

Result<Accounts> readEntries(const QJsonArray &entries)
{
    Accounts accounts;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!entries[i].isObject())
            return damaged(andOtpName, u"entry %1 is not an object."_s.arg(i + 1));
        const QJsonObject object = entries[i].toObject();
        EntryDraft draft;
        draft.issuer = object.value("issuer"_L1).toString();
        draft.account = object.value("label"_L1).toString();
        // Backups from before andOTP had an issuer field keep it in the label.
        if (draft.issuer.isEmpty() && draft.account.contains(u':')) {
            const qsizetype colon = draft.account.indexOf(u':');
            draft.issuer = draft.account.left(colon);
            draft.account = draft.account.mid(colon + 1);
        }
        Fields entry(object, entryName(i, draft.issuer, draft.account));
        entry.string("issuer"_L1);
        entry.string("label"_L1);
        draft.secretBase32 = entry.requiredString("secret"_L1);
        draft.type = entry.requiredString("type"_L1);
        draft.algorithm = entry.string("algorithm"_L1, u"SHA1"_s);
        draft.digits = entry.integer("digits"_L1, 6, 0, 100);
        draft.period = entry.integer("period"_L1, 30, 1, std::numeric_limits<int>::max());
        draft.counter = entry.integer("counter"_L1, 0, 0, std::numeric_limits<qint64>::max());
        if (!entry.ok())
            return entry.error();
        Result<Account> account = makeAccount(draft, entry.where());
        if (!account)
            return account.error();
        accounts.append(std::move(*account));
    }
    return accounts;
}

} // namespace

bool looksLikeAndOtpEncrypted(const QByteArray &data)
{
    // Short files still count, so that a cut-off backup is called that and not "unknown".
    if (data.size() < iterationsSize)
        return false;
    const quint32 iterations = iterationsOf(data);
    return iterations >= minIterations && iterations <= maxIterations;
}

Result<Accounts> readAndOtpPlain(const QByteArray &data)
{
    const Result<QJsonArray> entries = parseJsonArray(data, andOtpName);
    if (!entries)
        return entries.error();
    return readEntries(*entries);
}

Result<Accounts> readAndOtpEncrypted(const QByteArray &data, const QString &password)
{
    if (!looksLikeAndOtpEncrypted(data) || data.size() < headerSize + tagSize)
        return damaged(andOtpName, u"it is too short for an encrypted backup."_s);
    const int iterations = static_cast<int>(iterationsOf(data));
    const QByteArrayView bytes(data);
    const QByteArrayView salt = bytes.sliced(iterationsSize, saltSize);
    const QByteArrayView iv = bytes.sliced(iterationsSize + saltSize, ivSize);
    const QByteArrayView sealed = bytes.sliced(headerSize);

    QByteArray passwordBytes = password.toUtf8();
    Result<QByteArray> key = pbkdf2(HashAlgorithm::Sha1, passwordBytes, salt, iterations, 32);
    scrub(passwordBytes);
    if (!key)
        return key.error();
    Result<QByteArray> plain
        = aesGcmOpen(*key, iv, sealed.first(sealed.size() - tagSize), sealed.last(tagSize));
    scrub(*key);
    if (!plain)
        return wrongPassword();
    const Result<QJsonArray> entries = parseJsonArray(*plain, andOtpName);
    scrub(*plain);
    if (!entries)
        return entries.error();
    return readEntries(*entries);
}

} // namespace twofold::vault::importers
