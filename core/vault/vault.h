#pragma once

#include "clock.h"
#include "result.h"
#include "vault/account.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

#include <memory>

namespace twofold::vault {

// What an import or a batch add did: accounts added, and duplicates left out.
struct AddSummary
{
    int added = 0;
    int duplicates = 0;
};

// The authenticator's encrypted account store (ARCHITECTURE.md, "The authenticator vault").
//
// The file is JSON: a header with the schema version and the key slots, and the accounts as
// AES-256-GCM ciphertext under a random 256-bit master key. Slots wrap that key: a password
// slot with scrypt (N=2^15, r=8, p=1) + AES-GCM; a keychain slot names the OS keychain entry
// (see Keychain) that holds it. A vault is locked (header only) or unlocked (key + accounts).
// The accounts' AAD is the compact JSON of {"format","slots","version"} as QJsonDocument writes
// it (keys sorted), so any change to the header fails the integrity check on unlock.
// Not thread-safe: the GUI owns one on its thread, and does file I/O through save()/open()
// from a worker where it matters.
class Vault final
{
public:
    static constexpr int schemaVersion = 1;

    // A new, unlocked, empty vault with a fresh master key. Nothing is written until save().
    static Result<Vault> create(const QString &path);
    // Reads the file's header; the vault is locked. Errors say whether the file is missing,
    // unreadable, not a Twofold vault, or from a newer Twofold.
    static Result<Vault> open(const QString &path);
    // The same two for bytes instead of a file: the encrypted Twofold backup is a vault.
    static Result<Vault> fromBytes(const QByteArray &bytes);
    Result<QByteArray> toBytes() const; // unlocked only

    QString path() const;
    bool isLocked() const;
    Result<void> unlockWithPassword(const QString &password); // wrong password: clear error
    Result<void> unlockWithMasterKey(const QByteArray &masterKey); // from the keychain slot
    // Scrubs the master key and every secret. Unsaved edits are kept sealed in memory, so the
    // next unlock sees them; only save() makes them durable.
    void lock();

    // Slots. Changes are written by the next save(); at least one slot must remain.
    bool hasPasswordSlot() const;
    Result<void> setPassword(const QString &password); // adds or replaces; unlocked only
    Result<void> removePasswordSlot();
    bool hasKeychainSlot() const;
    QString keychainEntry() const; // the keychain key name the master key is stored under
    // Records the slot and names its entry: then store masterKey() under keychainEntry() with
    // Keychain, and remove the slot again if the keychain refuses.
    Result<void> addKeychainSlot();
    Result<void> removeKeychainSlot();
    QByteArray masterKey() const; // unlocked only; to write into the keychain

    // Accounts, unlocked only. Edits change memory; save() makes them durable.
    const QList<Account> &accounts() const;
    // All or nothing: on error nothing is added. Duplicates (sameIdentity) are skipped, counted.
    // A null or already used id gets QUuid::createUuid(); addedAt 0 gets the clock's time.
    Result<AddSummary> addAccounts(const QList<Account> &accounts);
    Result<void> updateAccount(const Account &account); // matched by id
    Result<void> removeAccount(const QUuid &id);

    // Atomic: QSaveFile, the previous file kept as path() + ".bak". A process killed at any
    // moment leaves a file that opens. Unlocked only. Does prepareSave() then writeSave().
    Result<void> save();

    // save() in two steps, so that a window can write on a worker thread: prepareSave() seals
    // the vault as it is now and does no file I/O; writeSave() writes what it returned and
    // touches no Vault, so it may run on any thread. Run successive writes in order.
    struct PendingSave
    {
        QString path;
        QByteArray bytes; // the whole file: the header and the sealed accounts, no plaintext
    };
    Result<PendingSave> prepareSave();
    static Result<void> writeSave(const PendingSave &pending);

    // The time source for addedAt; the system clock unless set. Not owned; must outlive the vault.
    void setClock(const Clock *clock);

    Vault(Vault &&) noexcept;
    Vault &operator=(Vault &&) noexcept;
    ~Vault(); // locks
    Q_DISABLE_COPY(Vault)

private:
    struct State;
    explicit Vault(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace twofold::vault
