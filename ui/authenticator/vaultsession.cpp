#include "authenticator/vaultsession.h"

#include "vault/keychain.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace twofold::ui {

VaultSession::VaultSession(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
{
    m_writer.setMaxThreadCount(1);
    connect(&m_worker, &QFutureWatcher<WorkResult>::finished, this, [this] {
        const WorkResult r = m_worker.result();
        auto done = std::move(m_done);
        m_done = nullptr;
        done(r);
    });
}

VaultSession::~VaultSession()
{
    m_worker.waitForFinished(); // the worker holds a reference to m_vault
    waitForSaves(); // quitting must not lose the last edit
}

QString VaultSession::defaultPath()
{
    QString dir = qEnvironmentVariable("TWOFOLD_DATA_DIR");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(u"vault.twofold"_s);
}

vault::Keychain &VaultSession::keychain()
{
    if (!m_keychain)
        m_keychain = new vault::Keychain(this);
    return *m_keychain;
}

bool VaultSession::hasKeychainSlot() const
{
    return m_vault && m_state != State::Busy && m_vault->hasKeychainSlot();
}

bool VaultSession::hasPasswordSlot() const
{
    return m_vault && m_state != State::Busy && m_vault->hasPasswordSlot();
}

vault::Vault *VaultSession::vault()
{
    return m_state == State::Unlocked && m_vault ? &*m_vault : nullptr;
}

void VaultSession::setState(State state)
{
    m_state = state;
    emit stateChanged(state);
}

void VaultSession::load()
{
    waitForSaves();
    m_vault.reset();
    if (!QFileInfo::exists(m_path)) {
        setState(State::NoVault);
        return;
    }
    Result<vault::Vault> opened = vault::Vault::open(m_path);
    if (!opened) {
        m_error = opened.error().message;
        setState(State::Failed);
        return;
    }
    m_vault.emplace(std::move(opened).value());
    setState(State::Locked);
}

void VaultSession::runOnWorker(std::function<WorkResult(vault::Vault &)> work,
                               std::function<void(const WorkResult &)> done)
{
    m_done = std::move(done);
    setState(State::Busy);
    vault::Vault &v = *m_vault;
    m_worker.setFuture(QtConcurrent::run([&v, work = std::move(work)] { return work(v); }));
}

void VaultSession::create(bool useKeychain, const QString &password)
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        emit error(tr("Could not create the folder %1. Check that you may write there.")
                       .arg(QFileInfo(m_path).absolutePath()));
        return;
    }
    Result<vault::Vault> created = vault::Vault::create(m_path);
    if (!created) {
        emit error(created.error().message);
        return;
    }
    m_vault.emplace(std::move(created).value());
    if (password.isEmpty()) {
        finishCreate(useKeychain);
        return;
    }
    runOnWorker(
        [password](vault::Vault &v) {
            const Result<void> r = v.setPassword(password);
            return r ? WorkResult {} : WorkResult { false, r.error().message };
        },
        [this, useKeychain](const WorkResult &r) {
            if (!r.ok) {
                m_vault.reset();
                setState(State::NoVault);
                emit error(r.message);
                return;
            }
            m_state = State::Unlocked;
            finishCreate(useKeychain);
        });
}

void VaultSession::finishCreate(bool useKeychain)
{
    m_state = State::Unlocked;
    if (!useKeychain) {
        if (save())
            setState(State::Unlocked);
        return;
    }
    // The slot names the keychain entry, so it comes first; it is dropped again if the
    // keychain does not take the key.
    if (const Result<void> slot = m_vault->addKeychainSlot(); !slot) {
        emit error(slot.error().message);
        return;
    }
    vault::Keychain &kc = keychain();
    const QString entry = m_vault->keychainEntry();
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(&kc, &vault::Keychain::keyWritten, this,
                    [this, conn, entry](const QString &written, const Result<void> &result) {
                        if (written != entry)
                            return;
                        disconnect(*conn);
                        if (!result && m_vault->hasPasswordSlot()) {
                            (void)m_vault->removeKeychainSlot();
                            emit error(tr("The system keychain did not store the key (%1). "
                                          "Your vault is protected by your password only.")
                                           .arg(result.error().message));
                        } else if (!result) {
                            m_vault.reset();
                            setState(State::NoVault);
                            emit error(tr("The system keychain did not store the key (%1). "
                                          "Choose a password instead.")
                                           .arg(result.error().message));
                            return;
                        }
                        if (save())
                            setState(State::Unlocked);
                    });
    setState(State::Busy);
    kc.writeKey(entry, m_vault->masterKey());
}

void VaultSession::unlockWithPassword(const QString &password)
{
    if (m_state != State::Locked || !m_vault)
        return;
    runOnWorker(
        [password](vault::Vault &v) {
            const Result<void> r = v.unlockWithPassword(password);
            return r ? WorkResult {} : WorkResult { false, r.error().message };
        },
        [this](const WorkResult &r) {
            setState(r.ok ? State::Unlocked : State::Locked);
            if (!r.ok)
                emit error(r.message);
        });
}

void VaultSession::unlockWithKeychain()
{
    if (m_state != State::Locked || !m_vault || !m_vault->hasKeychainSlot())
        return;
    vault::Keychain &kc = keychain();
    const QString entry = m_vault->keychainEntry();
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(
        &kc, &vault::Keychain::keyRead, this,
        [this, conn, entry](const QString &read, const Result<QByteArray> &key) {
            if (read != entry)
                return;
            disconnect(*conn);
            if (!key) {
                setState(State::Locked);
                emit error(
                    tr("The system keychain did not give the key: %1").arg(key.error().message));
                return;
            }
            const Result<void> r = m_vault->unlockWithMasterKey(*key);
            setState(r ? State::Unlocked : State::Locked);
            if (!r)
                emit error(r.error().message);
        });
    setState(State::Busy);
    kc.readKey(entry);
}

void VaultSession::adopt(vault::Vault &&v)
{
    m_worker.waitForFinished();
    m_vault.emplace(std::move(v));
    setState(m_vault->isLocked() ? State::Locked : State::Unlocked);
}

void VaultSession::lock()
{
    if (m_state != State::Unlocked)
        return;
    m_vault->lock();
    setState(State::Locked);
}

bool VaultSession::save()
{
    if (!m_vault || m_vault->isLocked())
        return false;
    Result<vault::Vault::PendingSave> pending = m_vault->prepareSave();
    if (!pending) {
        emit error(tr("Could not save your accounts: %1").arg(pending.error().message));
        return false;
    }
    // The write and its fsyncs can take long on a busy disk: not on the GUI thread.
    m_writer.start([this, pending = std::move(*pending)] {
        const Result<void> written = vault::Vault::writeSave(pending);
        if (written)
            return;
        QMetaObject::invokeMethod(
            this,
            [this, message = written.error().message] {
                emit error(tr("Could not save your accounts: %1").arg(message));
            },
            Qt::QueuedConnection);
    });
    return true;
}

void VaultSession::waitForSaves()
{
    m_writer.waitForDone();
}

} // namespace twofold::ui
