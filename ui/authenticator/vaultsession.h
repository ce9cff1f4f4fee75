#pragma once

#include "vault/vault.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <optional>

namespace twofold::vault {
class Keychain;
}

namespace twofold::ui {

// The window's one vault: opening, first-time creation, unlocking (scrypt runs on a worker
// thread so the window stays responsive) and saving (sealed on the GUI thread, written and
// synced on a writer thread, one save after another). While busy, nothing else touches it.
class VaultSession final : public QObject
{
    Q_OBJECT

public:
    enum class State { NoVault, Locked, Unlocked, Failed, Busy };
    Q_ENUM(State)

    explicit VaultSession(QString path, QObject *parent = nullptr);
    ~VaultSession() override;

    // Where the vault lives: $TWOFOLD_DATA_DIR, or else the platform's app data folder.
    static QString defaultPath();

    State state() const { return m_state; }
    QString path() const { return m_path; }
    QString errorString() const { return m_error; } // for State::Failed
    bool hasKeychainSlot() const;
    bool hasPasswordSlot() const;
    vault::Vault *vault(); // unlocked only; else nullptr

    void load(); // reads the header: NoVault, Locked or Failed
    // First start: a new vault protected by the keychain, a password, or both.
    void create(bool useKeychain, const QString &password);
    void unlockWithPassword(const QString &password);
    void unlockWithKeychain();
    void adopt(vault::Vault &&vault); // an already unlocked vault (tests, restore)
    void lock();
    // Seals the vault now and queues the write; false (and error()) if it could not be sealed.
    // A write that fails later emits error() then.
    bool save();
    void waitForSaves(); // blocks until every queued write is on disk (or failed)

signals:
    void stateChanged(twofold::ui::VaultSession::State state);
    void error(const QString &message); // for the person: what failed and what to do

private:
    struct WorkResult
    {
        bool ok = true;
        QString message;
    };
    void setState(State state);
    void runOnWorker(std::function<WorkResult(vault::Vault &)> work,
                     std::function<void(const WorkResult &)> done);
    void finishCreate(bool useKeychain);
    vault::Keychain &keychain();

    QString m_path;
    QString m_error;
    std::optional<vault::Vault> m_vault;
    State m_state = State::NoVault;
    QFutureWatcher<WorkResult> m_worker;
    std::function<void(const WorkResult &)> m_done;
    vault::Keychain *m_keychain = nullptr;
    QThreadPool m_writer; // one thread, so writes land in the order they were queued
};

} // namespace twofold::ui
