#pragma once

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>

namespace twofold::server {

// Copies an SQLite database's write-ahead log into the database file from a thread and a
// connection of its own (passive checkpoints: writers never wait for it). A checkpoint syncs
// the disk twice; run by the connection that commits, as SQLite does by default, each one held
// up every request queued behind that commit.
class WalCheckpointer final : public QThread
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WalCheckpointer)

public:
    // Checkpoints path every intervalMs until destroyed.
    WalCheckpointer(const QString &path, int intervalMs, QObject *parent = nullptr);
    ~WalCheckpointer() override; // stops and waits for the thread

    // How many checkpoints have run; whether the thread could not open the database.
    int completed() const { return m_completed.load(); }
    bool failed() const { return m_failed.load(); }

protected:
    void run() override;

private:
    const QString m_path;
    const int m_intervalMs;
    QMutex m_mutex;
    QWaitCondition m_stopRequested;
    bool m_stop = false;
    std::atomic<int> m_completed { 0 };
    std::atomic<bool> m_failed { false };
};

} // namespace twofold::server
