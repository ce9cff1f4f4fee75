#include "crypto/aesgcm.h"
#include "crypto/kdf.h"
#include "crypto/secure.h"
#include "vault/importers/formats.h"

using namespace Qt::StringLiterals;

// Aegis vault files (docs/vault.md in beemdevelopment/Aegis): version 1, a header with key
// slots and the AES-GCM parameters of db, and db either as JSON or as base64 ciphertext.
namespace twofold::vault::importers {

namespace {

const QString aegisName = u"Aegis"_s;
constexpr int passwordSlotType = 1; // 0 raw key, 2 biometric: not usable here

QByteArray hexField(Fields &fields, QLatin1String key, qsizetype size)
{
    const QString text = fields.requiredString(key);
    const QByteArray bytes = QByteArray::fromHex(text.toLatin1());
    // fromHex skips bad digits silently; the length check catches them.
    if (fields.ok() && (bytes.size() != size || text.size() != size * 2))
        fields.fail(u"\"%1\" should be %2 bytes of hex."_s.arg(key).arg(size));
    return bytes;
}

// Tries each password slot; the master key from the first one the password opens.
Result<QByteArray> unwrapMasterKey(const QJsonArray &keySlots, const QString &password)
{
    bool sawPasswordSlot = false;
    QByteArray passwordBytes = password.toUtf8();
    for (qsizetype i = 0; i < keySlots.size(); ++i) {
        Fields slot(keySlots[i].toObject(), u"Key slot %1"_s.arg(i + 1));
        if (!keySlots[i].isObject())
            return damaged(aegisName, u"key slot %1 is not an object."_s.arg(i + 1));
        if (slot.requiredInteger("type"_L1, 0, 255) != passwordSlotType)
            continue;
        sawPasswordSlot = true;
        const QByteArray salt = hexField(slot, "salt"_L1, 32);
        const QByteArray wrapped = hexField(slot, "key"_L1, 32);
        Fields keyParams(slot.requiredObject("key_params"_L1), slot.where());
        const QByteArray nonce = hexField(keyParams, "nonce"_L1, 12);
        const QByteArray tag = hexField(keyParams, "tag"_L1, 16);
        ScryptParameters parameters;
        parameters.n = static_cast<quint64>(slot.requiredInteger("n"_L1, 2, 1 << 22));
        parameters.r = static_cast<quint32>(slot.requiredInteger("r"_L1, 1, 64));
        parameters.p = static_cast<quint32>(slot.requiredInteger("p"_L1, 1, 16));
        if (!slot.ok())
            return slot.error();
        if (!keyParams.ok())
            return keyParams.error();

        Result<QByteArray> derived = scrypt(passwordBytes, salt, parameters, 32);
        if (!derived) {
            scrub(passwordBytes);
            return damaged(aegisName, derived.error().message);
        }
        Result<QByteArray> masterKey = aesGcmOpen(*derived, nonce, wrapped, tag);
        scrub(*derived);
        if (masterKey) {
            scrub(passwordBytes);
            return masterKey;
        }
    }
    scrub(passwordBytes);
    if (!sawPasswordSlot)
        return Error { ErrorCode::InvalidArgument,
                       u"This Aegis vault has no password slot (only biometric or raw keys), so "
                       "no password can open it; export it from Aegis with a password."_s };
    return wrongPassword();
}

Result<QJsonObject> decryptDb(const QJsonObject &root, const QString &password)
{
    const QJsonObject header = root.value("header"_L1).toObject();
    if (!header.value("slots"_L1).isArray())
        return damaged(aegisName, u"\"header.slots\" should be a list."_s);
    Fields params(header.value("params"_L1).toObject(), u"The header"_s);
    if (!header.value("params"_L1).isObject())
        params.fail(u"\"params\" is missing."_s);
    const QByteArray nonce = hexField(params, "nonce"_L1, 12);
    const QByteArray tag = hexField(params, "tag"_L1, 16);
    if (!params.ok())
        return params.error();
    const QByteArray ciphertext
        = QByteArray::fromBase64Encoding(root.value("db"_L1).toString().toLatin1(),
                                         QByteArray::AbortOnBase64DecodingErrors)
              .decoded;
    if (ciphertext.isEmpty())
        return damaged(aegisName, u"\"db\" is not valid base64."_s);

    Result<QByteArray> masterKey = unwrapMasterKey(header.value("slots"_L1).toArray(), password);
    if (!masterKey)
        return masterKey.error();
    Result<QByteArray> plain = aesGcmOpen(*masterKey, nonce, ciphertext, tag);
    scrub(*masterKey);
    if (!plain) // the password opened a slot, so the fault lies in the file
        return damaged(aegisName,
                       u"its accounts do not decrypt with the key the password "
                       "unlocked."_s);
    Result<QJsonObject> db = parseJsonObject(*plain, aegisName);
    scrub(*plain);
    return db;
}

// db version 3 files list groups by uuid; version 1 and 2 entries name theirs directly.
QString groupOf(const QJsonObject &entry, const QJsonArray &groups)
{
    if (entry.value("group"_L1).isString())
        return entry.value("group"_L1).toString();
    const QJsonArray ids = entry.value("groups"_L1).toArray();
    if (ids.isEmpty())
        return {};
    const QString first = ids.first().toString();
    for (const QJsonValue &group : groups) {
        if (group.toObject().value("uuid"_L1).toString() == first)
            return group.toObject().value("name"_L1).toString();
    }
    return {};
}

} // namespace

bool looksLikeAegis(const QJsonObject &root)
{
    return root.contains("version"_L1) && root.value("header"_L1).isObject()
        && (root.value("db"_L1).isObject() || root.value("db"_L1).isString());
}

Result<Accounts> readAegis(const QJsonObject &root, const QString &password)
{
    Fields top(root, u"The file"_s);
    const qint64 version = top.requiredInteger("version"_L1, 0, 1000);
    if (!top.ok())
        return damaged(aegisName, top.error().message);
    if (version != 1)
        return Error { ErrorCode::ImportFormat,
                       u"This Aegis vault has version %1; Twofold reads version 1."_s.arg(
                           version) };

    QJsonObject db;
    if (root.value("db"_L1).isString()) {
        Result<QJsonObject> decrypted = decryptDb(root, password);
        if (!decrypted)
            return decrypted.error();
        db = std::move(*decrypted);
    } else {
        db = root.value("db"_L1).toObject();
    }

    Fields dbFields(db, u"The accounts (db)"_s);
    const qint64 dbVersion = dbFields.requiredInteger("version"_L1, 0, 1000);
    if (!dbFields.ok())
        return dbFields.error();
    if (dbVersion < 1 || dbVersion > 3)
        return Error { ErrorCode::ImportFormat,
                       u"This Aegis vault's accounts have version %1; Twofold reads 1 to 3."_s.arg(
                           dbVersion) };
    if (!db.value("entries"_L1).isArray())
        return damaged(aegisName, u"\"db.entries\" should be a list."_s);
    const QJsonArray entries = db.value("entries"_L1).toArray();
    const QJsonArray groups = db.value("groups"_L1).toArray();

    Accounts accounts;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!entries[i].isObject())
            return damaged(aegisName, u"entry %1 is not an object."_s.arg(i + 1));
        const QJsonObject object = entries[i].toObject();
        EntryDraft draft;
        // Named leniently first, so that a later fault can say which entry it is.
        draft.issuer = object.value("issuer"_L1).toString();
        draft.account = object.value("name"_L1).toString();
        Fields entry(object, entryName(i, draft.issuer, draft.account));
        draft.type = entry.requiredString("type"_L1);
        entry.string("issuer"_L1);
        entry.string("name"_L1);
        draft.pinned = entry.boolean("favorite"_L1, false);
        Fields info(entry.requiredObject("info"_L1), entry.where());
        if (!entry.ok())
            return entry.error();
        draft.secretBase32 = info.requiredString("secret"_L1);
        draft.algorithm = info.string("algo"_L1, u"SHA1"_s);
        draft.digits = info.integer("digits"_L1, 6, 0, 100);
        if (draft.type.compare(u"hotp"_s, Qt::CaseInsensitive) == 0)
            draft.counter
                = info.requiredInteger("counter"_L1, 0, std::numeric_limits<qint64>::max());
        else
            draft.period = info.integer("period"_L1, 30, 1, std::numeric_limits<int>::max());
        if (!info.ok())
            return info.error();
        draft.group = groupOf(object, groups);
        Result<Account> account = makeAccount(draft, entry.where());
        if (!account)
            return account.error();
        accounts.append(std::move(*account));
    }
    return accounts;
}

} // namespace twofold::vault::importers
