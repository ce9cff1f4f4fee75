#include "vault/vault.h"

#include "crypto/aesgcm.h"
#include "crypto/kdf.h"
#include "crypto/random.h"
#include "crypto/secure.h"
#include "vault/vaultformat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUuid>

#include <algorithm>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

namespace twofold::vault {

namespace {

constexpr qsizetype masterKeyLength = 32;
constexpr qsizetype saltLength = 32;
constexpr qsizetype nonceLength = 12;
constexpr qsizetype tagLength = 16;
// Far above any real vault; refuses to read a huge unrelated file into memory.
constexpr qint64 maxFileSize = 64 * 1024 * 1024;

struct PasswordSlot
{
    ScryptParameters parameters;
    QByteArray salt;
    QByteArray nonce;
    QByteArray tag;
    QByteArray wrappedKey;
};

// The accounts in sealed form, with the header they were sealed under.
struct Sealing
{
    QJsonArray keySlots;
    QByteArray aad;
    Sealed sealed;
};

const Clock &systemClock()
{
    static const SystemClock clock;
    return clock;
}

QByteArray ownCopy(const QByteArray &bytes)
{
    // A deep copy, so that scrub() finds storage we alone hold and can overwrite it.
    return QByteArray(bytes.constData(), bytes.size());
}

Error damaged(const QString &path, const QString &what)
{
    if (path.isEmpty())
        return Error { ErrorCode::VaultDamaged, u"The vault data is damaged: %1."_s.arg(what) };
    return Error { ErrorCode::VaultDamaged,
                   u"The vault file is damaged: %1. Restore %2.bak, the copy kept by the previous "
                   "save."_s.arg(what, QDir::toNativeSeparators(path)) };
}

Error notAVault(const QString &path)
{
    if (path.isEmpty())
        return Error { ErrorCode::VaultFormat, u"This is not a Twofold vault."_s };
    return Error { ErrorCode::VaultFormat,
                   u"%1 is not a Twofold vault."_s.arg(QDir::toNativeSeparators(path)) };
}

Error lockedError()
{
    return Error { ErrorCode::VaultLocked, u"The vault is locked; unlock it first."_s };
}

Error ioError(const QString &action, const QString &path, const QString &reason)
{
    return Error { ErrorCode::Io,
                   u"Cannot %1 %2: %3."_s.arg(action, QDir::toNativeSeparators(path), reason) };
}

std::optional<qint64> positiveInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const qint64 whole = value.toInteger(0);
    if (whole <= 0)
        return std::nullopt;
    return whole;
}

QString accountLabel(const Account &account)
{
    if (account.otp.issuer.isEmpty())
        return account.otp.account;
    return account.otp.issuer + u':' + account.otp.account;
}

QByteArray fileBytes(const Sealing &sealing)
{
    const QJsonObject file {
        { "format"_L1, format::formatName },
        { "version"_L1, Vault::schemaVersion },
        { "slots"_L1, sealing.keySlots },
        { "nonce"_L1, format::encodeBase64(sealing.sealed.nonce) },
        { "tag"_L1, format::encodeBase64(sealing.sealed.tag) },
        { "db"_L1, format::encodeBase64(sealing.sealed.ciphertext) },
    };
    return QJsonDocument(file).toJson(QJsonDocument::Compact);
}

Result<void> writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(u"write"_s, path, file.errorString());
    // Before any byte is written: the temporary file becomes the vault by rename.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return ioError(u"protect"_s, path, file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return ioError(u"write"_s, path, file.errorString());
    return {};
}

Result<void> ensureParentDirectory(const QString &path)
{
    const QFileInfo parent(QFileInfo(path).absolutePath());
    if (parent.isDir())
        return {};
    const QString grandparent = parent.absolutePath();
    if (!QDir().mkpath(grandparent)
        || !QDir().mkdir(parent.absoluteFilePath(),
                         QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return ioError(u"create the folder"_s, parent.absoluteFilePath(),
                       u"check that its parent folder is writable"_s);
    return {};
}

} // namespace

struct Vault::State
{
    QString path;
    std::optional<PasswordSlot> passwordSlot;
    QString keychainEntry;
    QJsonArray otherSlots; // slot types this Twofold does not know, written back unchanged

    // The accounts as last read, saved or locked, and what authenticates them.
    qint64 sealedVersion = Vault::schemaVersion;
    QByteArray sealedAad;
    Sealed sealed;

    bool locked = true;
    QByteArray masterKey;
    QList<Account> accounts;
    const Clock *clock = &systemClock();

    QJsonArray slotsJson() const
    {
        QJsonArray keySlots;
        if (passwordSlot) {
            keySlots.append(QJsonObject {
                { "type"_L1, "password"_L1 },
                { "n"_L1, static_cast<qint64>(passwordSlot->parameters.n) },
                { "r"_L1, static_cast<qint64>(passwordSlot->parameters.r) },
                { "p"_L1, static_cast<qint64>(passwordSlot->parameters.p) },
                { "salt"_L1, format::encodeBase64(passwordSlot->salt) },
                { "nonce"_L1, format::encodeBase64(passwordSlot->nonce) },
                { "tag"_L1, format::encodeBase64(passwordSlot->tag) },
                { "key"_L1, format::encodeBase64(passwordSlot->wrappedKey) },
            });
        }
        if (!keychainEntry.isEmpty())
            keySlots.append(
                QJsonObject { { "type"_L1, "keychain"_L1 }, { "entry"_L1, keychainEntry } });
        for (const QJsonValue &slot : otherSlots)
            keySlots.append(slot);
        return keySlots;
    }

    bool hasUsableSlot() const { return passwordSlot || !keychainEntry.isEmpty(); }

    Result<Sealing> seal() const
    {
        QJsonArray accountList;
        for (const Account &account : accounts)
            accountList.append(format::accountToJson(account));
        QByteArray plaintext = QJsonDocument(QJsonObject { { "accounts"_L1, accountList } })
                                   .toJson(QJsonDocument::Compact);
        Sealing sealing;
        sealing.keySlots = slotsJson();
        sealing.aad = format::headerAad(Vault::schemaVersion, sealing.keySlots);
        Result<Sealed> sealedAccounts = aesGcmSeal(masterKey, plaintext, sealing.aad);
        scrub(plaintext);
        if (!sealedAccounts)
            return sealedAccounts.error();
        sealing.sealed = std::move(*sealedAccounts);
        return sealing;
    }

    void adopt(Sealing &&sealing)
    {
        sealedVersion = Vault::schemaVersion;
        sealedAad = std::move(sealing.aad);
        sealed = std::move(sealing.sealed);
    }

    void scrubSecrets()
    {
        for (Account &account : accounts)
            scrub(account.otp.secret);
        accounts.clear();
        scrub(masterKey);
        locked = true;
    }

    // Decrypts the sealed accounts with a candidate master key, migrates, and parses them.
    Result<QList<Account>> openAccounts(const QByteArray &key) const
    {
        Result<QByteArray> plaintext
            = aesGcmOpen(key, sealed.nonce, sealed.ciphertext, sealed.tag, sealedAad);
        if (!plaintext)
            return damaged(path, u"its accounts fail the integrity check"_s);
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(*plaintext, &parseError);
        scrub(*plaintext);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return damaged(path, u"its accounts are not valid JSON"_s);
        const Result<QJsonObject> db = format::migrate(document.object(), sealedVersion);
        if (!db)
            return damaged(path, db.error().message);
        const QJsonValue list = db->value("accounts"_L1);
        if (!list.isArray())
            return damaged(path, u"its account list is missing"_s);
        QList<Account> result;
        for (const QJsonValue &value : list.toArray()) {
            Result<Account> account = format::accountFromJson(value);
            if (!account) {
                for (Account &done : result)
                    scrub(done.otp.secret);
                return damaged(path, account.error().message);
            }
            result.append(std::move(*account));
        }
        return result;
    }

    static Result<std::unique_ptr<State>> parse(const QByteArray &bytes, const QString &path)
    {
        // An empty file where a vault was saved is one cut short, not some other file.
        if (bytes.trimmed().isEmpty() && !path.isEmpty())
            return damaged(path, u"it is empty"_s);
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
        const bool mentionsFormat
            = bytes.contains(QByteArrayView(format::formatName.data(), format::formatName.size()));
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            if (mentionsFormat)
                return damaged(path, u"it is not valid JSON"_s);
            return notAVault(path);
        }
        const QJsonObject file = document.object();
        if (file.value("format"_L1).toString() != format::formatName) {
            if (mentionsFormat)
                return damaged(path, u"its format marker is wrong"_s);
            return notAVault(path);
        }

        const QJsonValue versionValue = file.value("version"_L1);
        const qint64 version = versionValue.isDouble() ? versionValue.toInteger(-1) : -1;
        if (version < 0)
            return damaged(path, u"its version is not a number"_s);
        if (version > Vault::schemaVersion)
            return Error { ErrorCode::VaultVersion,
                           u"This vault was made by a newer Twofold (format version %1; this "
                           "one reads up to %2). Update Twofold to open it."_s.arg(version)
                               .arg(Vault::schemaVersion) };

        auto state = std::make_unique<State>();
        state->path = path;
        const QJsonValue slotsValue = file.value("slots"_L1);
        if (!slotsValue.isArray())
            return damaged(path, u"its key slots are missing"_s);
        const QJsonArray keySlots = slotsValue.toArray();
        for (const QJsonValue &slotValue : keySlots) {
            const QJsonObject slot = slotValue.toObject();
            const QJsonValue type = slot.value("type"_L1);
            if (!slotValue.isObject() || !type.isString())
                return damaged(path, u"a key slot has no type"_s);
            if (type.toString() == "password"_L1) {
                if (state->passwordSlot)
                    return damaged(path, u"it has two password slots"_s);
                const auto n = positiveInteger(slot.value("n"_L1));
                const auto r = positiveInteger(slot.value("r"_L1));
                const auto p = positiveInteger(slot.value("p"_L1));
                const auto salt = format::decodeBase64(slot.value("salt"_L1));
                const auto nonce = format::decodeBase64(slot.value("nonce"_L1));
                const auto tag = format::decodeBase64(slot.value("tag"_L1));
                const auto key = format::decodeBase64(slot.value("key"_L1));
                constexpr qint64 maxParameter = std::numeric_limits<quint32>::max();
                if (!n || !r || !p || *r > maxParameter || *p > maxParameter || !salt
                    || salt->size() < 16 || !nonce || nonce->size() != nonceLength || !tag
                    || tag->size() != tagLength || !key || key->size() != masterKeyLength)
                    return damaged(path, u"its password slot is incomplete"_s);
                state->passwordSlot = PasswordSlot { ScryptParameters { static_cast<quint64>(*n),
                                                                        static_cast<quint32>(*r),
                                                                        static_cast<quint32>(*p) },
                                                     *salt, *nonce, *tag, *key };
            } else if (type.toString() == "keychain"_L1) {
                if (!state->keychainEntry.isEmpty())
                    return damaged(path, u"it has two keychain slots"_s);
                const QString entry = slot.value("entry"_L1).toString();
                if (entry.isEmpty())
                    return damaged(path, u"its keychain slot names no entry"_s);
                state->keychainEntry = entry;
            } else {
                state->otherSlots.append(slot);
            }
        }

        const auto nonce = format::decodeBase64(file.value("nonce"_L1));
        const auto tag = format::decodeBase64(file.value("tag"_L1));
        const auto db = format::decodeBase64(file.value("db"_L1));
        if (!nonce || nonce->size() != nonceLength || !tag || tag->size() != tagLength || !db)
            return damaged(path, u"its encrypted accounts are incomplete"_s);
        state->sealedVersion = version;
        state->sealedAad = format::headerAad(version, keySlots);
        state->sealed = Sealed { *nonce, *db, *tag };
        return state;
    }
};

Vault::Vault(std::unique_ptr<State> state)
    : m_state(std::move(state))
{
}

Vault::Vault(Vault &&other) noexcept = default;

Vault &Vault::operator=(Vault &&other) noexcept
{
    if (this != &other) {
        if (m_state)
            m_state->scrubSecrets();
        m_state = std::move(other.m_state);
    }
    return *this;
}

Vault::~Vault()
{
    if (m_state)
        m_state->scrubSecrets();
}

Result<Vault> Vault::create(const QString &path)
{
    Result<QByteArray> key = randomBytes(masterKeyLength);
    if (!key)
        return key.error();
    auto state = std::make_unique<State>();
    state->path = path;
    state->masterKey = std::move(*key);
    state->locked = false;
    return Vault(std::move(state));
}

Result<Vault> Vault::open(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error { ErrorCode::VaultNotFound,
                       u"There is no vault at %1."_s.arg(QDir::toNativeSeparators(path)) };
    if (!info.isFile() || info.size() > maxFileSize)
        return notAVault(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ioError(u"read"_s, path, file.errorString());
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return ioError(u"read"_s, path, file.errorString());
    Result<std::unique_ptr<State>> state = State::parse(bytes, path);
    if (!state)
        return state.error();
    return Vault(std::move(*state));
}

Result<Vault> Vault::fromBytes(const QByteArray &bytes)
{
    if (bytes.size() > maxFileSize)
        return notAVault({});
    Result<std::unique_ptr<State>> state = State::parse(bytes, {});
    if (!state)
        return state.error();
    return Vault(std::move(*state));
}

Result<QByteArray> Vault::toBytes() const
{
    if (isLocked())
        return lockedError();
    if (!m_state->hasUsableSlot())
        return Error { ErrorCode::InvalidArgument,
                       u"Protect the vault with a password or the system keychain first."_s };
    Result<Sealing> sealing = m_state->seal();
    if (!sealing)
        return sealing.error();
    return fileBytes(*sealing);
}

QString Vault::path() const
{
    return m_state ? m_state->path : QString();
}

bool Vault::isLocked() const
{
    return !m_state || m_state->locked;
}

Result<void> Vault::unlockWithPassword(const QString &password)
{
    if (!m_state || !m_state->passwordSlot)
        return Error { ErrorCode::InvalidArgument,
                       u"This vault has no password; unlock it with the system keychain."_s };
    const PasswordSlot &slot = *m_state->passwordSlot;
    QByteArray utf8 = password.toUtf8();
    Result<QByteArray> wrappingKey = scrypt(utf8, slot.salt, slot.parameters, masterKeyLength);
    scrub(utf8);
    if (!wrappingKey)
        return damaged(m_state->path, u"its password slot has unusable scrypt parameters"_s);
    Result<QByteArray> key = aesGcmOpen(*wrappingKey, slot.nonce, slot.wrappedKey, slot.tag);
    scrub(*wrappingKey);
    if (!key)
        return Error { ErrorCode::VaultPassword, u"The password is wrong."_s };

    Result<void> result;
    if (!m_state->locked) {
        // Already open: only confirm that this is the password.
        if (!constantTimeEquals(*key, m_state->masterKey))
            result = Error { ErrorCode::VaultPassword, u"The password is wrong."_s };
    } else {
        result = unlockWithMasterKey(*key);
    }
    scrub(*key);
    return result;
}

Result<void> Vault::unlockWithMasterKey(const QByteArray &masterKey)
{
    if (!m_state)
        return lockedError();
    if (masterKey.size() != masterKeyLength)
        return Error {
            ErrorCode::InvalidArgument,
            u"A vault key has %1 bytes, not %2."_s.arg(masterKeyLength).arg(masterKey.size())
        };
    if (!m_state->locked) {
        if (!constantTimeEquals(masterKey, m_state->masterKey))
            return Error { ErrorCode::InvalidArgument, u"This key does not open this vault."_s };
        return {};
    }
    Result<QList<Account>> accounts = m_state->openAccounts(masterKey);
    if (!accounts)
        return accounts.error();
    m_state->masterKey = ownCopy(masterKey);
    m_state->accounts = std::move(*accounts);
    m_state->locked = false;
    return {};
}

void Vault::lock()
{
    if (isLocked())
        return;
    // Keep unsaved edits: the next unlock gives back what was in memory.
    if (Result<Sealing> sealing = m_state->seal())
        m_state->adopt(std::move(*sealing));
    m_state->scrubSecrets();
}

bool Vault::hasPasswordSlot() const
{
    return m_state && m_state->passwordSlot.has_value();
}

Result<void> Vault::setPassword(const QString &password)
{
    if (isLocked())
        return lockedError();
    if (password.isEmpty())
        return Error { ErrorCode::InvalidArgument, u"The password must not be empty."_s };
    Result<QByteArray> salt = randomBytes(saltLength);
    if (!salt)
        return salt.error();
    const ScryptParameters parameters;
    QByteArray utf8 = password.toUtf8();
    Result<QByteArray> wrappingKey = scrypt(utf8, *salt, parameters, masterKeyLength);
    scrub(utf8);
    if (!wrappingKey)
        return wrappingKey.error();
    Result<Sealed> wrapped = aesGcmSeal(*wrappingKey, m_state->masterKey);
    scrub(*wrappingKey);
    if (!wrapped)
        return wrapped.error();
    m_state->passwordSlot
        = PasswordSlot { parameters, std::move(*salt), std::move(wrapped->nonce),
                         std::move(wrapped->tag), std::move(wrapped->ciphertext) };
    return {};
}

Result<void> Vault::removePasswordSlot()
{
    if (isLocked())
        return lockedError();
    if (!m_state->passwordSlot)
        return {};
    if (m_state->keychainEntry.isEmpty())
        return Error { ErrorCode::InvalidArgument,
                       u"The password is the only way to unlock this vault. Store the key in "
                       "the system keychain before removing the password."_s };
    m_state->passwordSlot.reset();
    return {};
}

bool Vault::hasKeychainSlot() const
{
    return m_state && !m_state->keychainEntry.isEmpty();
}

QString Vault::keychainEntry() const
{
    return m_state ? m_state->keychainEntry : QString();
}

Result<void> Vault::addKeychainSlot()
{
    if (isLocked())
        return lockedError();
    if (m_state->keychainEntry.isEmpty())
        m_state->keychainEntry = u"vault-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    return {};
}

Result<void> Vault::removeKeychainSlot()
{
    if (isLocked())
        return lockedError();
    if (m_state->keychainEntry.isEmpty())
        return {};
    if (!m_state->passwordSlot)
        return Error { ErrorCode::InvalidArgument,
                       u"The system keychain is the only way to unlock this vault. Set a "
                       "password before removing it."_s };
    m_state->keychainEntry.clear();
    return {};
}

QByteArray Vault::masterKey() const
{
    // The caller's own copy: scrubbing ours on lock must not depend on what they do with it.
    return isLocked() ? QByteArray() : ownCopy(m_state->masterKey);
}

const QList<Account> &Vault::accounts() const
{
    static const QList<Account> none;
    return m_state ? m_state->accounts : none;
}

Result<AddSummary> Vault::addAccounts(const QList<Account> &accounts)
{
    if (isLocked())
        return lockedError();
    // Check the whole batch before touching the list, so a bad account adds nothing.
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        const Account &account = accounts.at(i);
        Result<void> valid = account.otp.validate();
        if (valid && account.otp.counter > quint64(std::numeric_limits<qint64>::max()))
            valid = Error { ErrorCode::UriCounter, u"The counter is too large."_s };
        if (valid && account.useCount < 0)
            valid = Error { ErrorCode::InvalidArgument, u"The use count is negative."_s };
        if (!valid)
            return Error { valid.error().code,
                           u"Account %1 (%2) cannot be added: %3 Nothing was added."_s.arg(i + 1)
                               .arg(accountLabel(account), valid.error().message) };
    }

    AddSummary summary;
    QList<Account> added;
    const qint64 now = m_state->clock->currentSecsSinceEpoch();
    auto isDuplicate = [](const QList<Account> &list, const Account &candidate) {
        return std::any_of(list.cbegin(), list.cend(), [&candidate](const Account &existing) {
            return existing.sameIdentity(candidate);
        });
    };
    auto idTaken = [this, &added](const QUuid &id) {
        auto same = [&id](const Account &existing) { return existing.id == id; };
        return std::any_of(m_state->accounts.cbegin(), m_state->accounts.cend(), same)
            || std::any_of(added.cbegin(), added.cend(), same);
    };
    for (const Account &incoming : accounts) {
        if (isDuplicate(m_state->accounts, incoming) || isDuplicate(added, incoming)) {
            ++summary.duplicates;
            continue;
        }
        Account account = incoming;
        account.otp.secret = ownCopy(incoming.otp.secret);
        if (account.id.isNull() || idTaken(account.id))
            account.id = QUuid::createUuid();
        if (account.addedAt == 0)
            account.addedAt = now;
        added.append(std::move(account));
    }
    summary.added = static_cast<int>(added.size());
    m_state->accounts.append(std::move(added));
    return summary;
}

Result<void> Vault::updateAccount(const Account &account)
{
    if (isLocked())
        return lockedError();
    Result<void> valid = account.otp.validate();
    if (!valid)
        return valid;
    for (Account &existing : m_state->accounts) {
        if (existing.id == account.id) {
            scrub(existing.otp.secret);
            existing = account;
            existing.otp.secret = ownCopy(account.otp.secret);
            return {};
        }
    }
    return Error { ErrorCode::InvalidArgument, u"That account is no longer in the vault."_s };
}

Result<void> Vault::removeAccount(const QUuid &id)
{
    if (isLocked())
        return lockedError();
    for (qsizetype i = 0; i < m_state->accounts.size(); ++i) {
        if (m_state->accounts.at(i).id == id) {
            scrub(m_state->accounts[i].otp.secret);
            m_state->accounts.removeAt(i);
            return {};
        }
    }
    return Error { ErrorCode::InvalidArgument, u"That account is no longer in the vault."_s };
}

Result<void> Vault::save()
{
    const Result<PendingSave> pending = prepareSave();
    if (!pending)
        return pending.error();
    return writeSave(*pending);
}

Result<Vault::PendingSave> Vault::prepareSave()
{
    if (isLocked())
        return lockedError();
    if (m_state->path.isEmpty())
        return Error { ErrorCode::InvalidArgument,
                       u"This vault has no file; it was read from bytes."_s };
    if (!m_state->hasUsableSlot())
        return Error { ErrorCode::InvalidArgument,
                       u"Protect the vault with a password or the system keychain first."_s };
    Result<Sealing> sealing = m_state->seal();
    if (!sealing)
        return sealing.error();
    PendingSave pending { m_state->path, fileBytes(*sealing) };
    m_state->adopt(std::move(*sealing));
    return pending;
}

Result<void> Vault::writeSave(const PendingSave &pending)
{
    const QString &path = pending.path;
    if (Result<void> made = ensureParentDirectory(path); !made)
        return made;
    // The backup is written whole before the vault is replaced, and each by rename, so a kill
    // at any point leaves the vault (old or new) whole and the backup one save behind at most.
    if (QFile::exists(path)) {
        QFile current(path);
        if (!current.open(QIODevice::ReadOnly))
            return ioError(u"read"_s, path, current.errorString());
        const QByteArray previous = current.readAll();
        if (current.error() != QFileDevice::NoError)
            return ioError(u"read"_s, path, current.errorString());
        if (Result<void> backedUp = writeAtomically(path + u".bak"_s, previous); !backedUp)
            return backedUp;
    }
    return writeAtomically(path, pending.bytes);
}

void Vault::setClock(const Clock *clock)
{
    if (m_state)
        m_state->clock = clock ? clock : &systemClock();
}

} // namespace twofold::vault
