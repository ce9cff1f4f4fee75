#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>

#include <atomic>
#include <memory>

class QTimerInfoList;

namespace twofold::server {

// An event dispatcher on Linux's epoll, for a thread that holds thousands of sockets. Qt's own
// (GLib or poll) hands every socket to the kernel on every pass of the event loop, so with 1,000
// parked long polls most of the server's time went to poll() itself; epoll_wait costs what is
// ready, not what is open. Timers are Qt's own QTimerInfoList, as in its Unix dispatcher.
// Install it before the QCoreApplication: QCoreApplication::setEventDispatcher(new ...).
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EpollEventDispatcher)

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    // The notifiers on one descriptor, by QSocketNotifier::Type (Read, Write, Exception).
    struct Watch
    {
        QSocketNotifier *notifiers[3] = {};
        bool polled = false; // epoll refuses regular files; those are always ready, as in poll()
    };
    void update(int fd);
    int deliver(int fd, quint32 events);

    int m_epoll = -1;
    int m_wake = -1; // an eventfd: wakeUp() from any thread
    QHash<int, Watch> m_watches;
    QList<int> m_alwaysReady;
    std::unique_ptr<QTimerInfoList> m_timers;
    std::atomic<bool> m_interrupted = false;
};

} // namespace twofold::server
