#include "epolldispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QtCore/private/qtimerinfo_unix_p.h>

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace twofold::server {

namespace {

// By QSocketNotifier::Type: what to ask epoll for, and what activates the notifier. Errors and
// hang-ups activate readers and writers alike, as with Qt's poll() dispatcher.
constexpr quint32 asked[3] = { EPOLLIN | EPOLLRDHUP, EPOLLOUT, EPOLLPRI };
constexpr quint32 activates[3]
    = { EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR, EPOLLOUT | EPOLLHUP | EPOLLERR, EPOLLPRI };

int milliseconds(const timespec &t)
{
    return int(t.tv_sec * 1000 + (t.tv_nsec + 999'999) / 1'000'000);
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wake(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
    , m_timers(std::make_unique<QTimerInfoList>())
{
    epoll_event event {};
    event.events = EPOLLIN;
    event.data.fd = m_wake;
    if (m_epoll < 0 || m_wake < 0 || epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &event) != 0)
        qFatal("Cannot set up epoll: %s", std::strerror(errno));
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    qDeleteAll(*m_timers);
    ::close(m_wake);
    ::close(m_epoll);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted = false;
    emit awake();
    QCoreApplication::sendPostedEvents();

    const bool timers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool sockets = !(flags & QEventLoop::ExcludeSocketNotifiers);
    int timeout = 0;
    if ((flags & QEventLoop::WaitForMoreEvents) && !m_interrupted && m_alwaysReady.isEmpty()) {
        timespec untilTimer {};
        timeout = timers && m_timers->timerWait(untilTimer) ? milliseconds(untilTimer) : -1;
        emit aboutToBlock();
    }

    int handled = 0;
    epoll_event events[256];
    int ready = 0;
    if (sockets) {
        ready = epoll_wait(m_epoll, events, int(std::size(events)), timeout);
    } else { // only a wake-up may end the wait; the sockets stay where they are
        pollfd wake { m_wake, POLLIN, 0 };
        if (::poll(&wake, 1, timeout) > 0) {
            events[0].data.fd = m_wake;
            ready = 1;
        }
    }
    if (ready < 0 && errno != EINTR)
        qWarning("epoll_wait: %s", std::strerror(errno));
    if (timeout != 0)
        emit awake();
    for (int i = 0; i < ready; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wake) {
            quint64 count = 0;
            [[maybe_unused]] const auto bytes = ::read(m_wake, &count, sizeof count);
            ++handled;
        } else {
            handled += deliver(fd, events[i].events);
        }
    }
    if (sockets) {
        for (const int fd : QList<int>(m_alwaysReady))
            handled += deliver(fd, activates[0] | activates[1]);
    }
    if (timers)
        handled += m_timers->activateTimers();
    return handled > 0;
}

int EpollEventDispatcher::deliver(int fd, quint32 events)
{
    int delivered = 0;
    for (int type = 0; type < 3; ++type) {
        if (!(events & activates[type]))
            continue;
        // Looked up again each time: the last notifier's handler may have closed the socket.
        const auto watch = m_watches.constFind(fd);
        if (watch == m_watches.cend())
            break;
        if (QSocketNotifier *notifier = watch->notifiers[type]) {
            QEvent event(QEvent::SockAct);
            QCoreApplication::sendEvent(notifier, &event);
            ++delivered;
        }
    }
    return delivered;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    m_watches[fd].notifiers[notifier->type()] = notifier;
    update(fd);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto watch = m_watches.find(fd);
    if (watch == m_watches.end() || watch->notifiers[notifier->type()] != notifier)
        return;
    watch->notifiers[notifier->type()] = nullptr;
    update(fd);
}

void EpollEventDispatcher::update(int fd)
{
    const auto watch = m_watches.find(fd);
    epoll_event event {};
    event.data.fd = fd;
    for (int type = 0; type < 3; ++type) {
        if (watch->notifiers[type])
            event.events |= asked[type];
    }
    if (event.events == 0) {
        // The descriptor may be closed already, which took it out of epoll.
        if (watch->polled)
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        m_alwaysReady.removeOne(fd);
        m_watches.erase(watch);
        return;
    }
    int result = epoll_ctl(m_epoll, watch->polled ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
    // A descriptor closed and reused behind our back is new to epoll; one we did not know of
    // (the same file under another number) is known to it.
    if (result != 0 && errno == ENOENT)
        result = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    else if (result != 0 && errno == EEXIST)
        result = epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
    watch->polled = result == 0;
    if (result == 0) {
        m_alwaysReady.removeOne(fd);
    } else if (errno == EPERM) {
        if (!m_alwaysReady.contains(fd))
            m_alwaysReady.append(fd);
    } else {
        qWarning("epoll_ctl(%d): %s", fd, std::strerror(errno));
    }
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    m_timers->registerTimer(timerId, interval, timerType, object);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    return m_timers->unregisterTimer(timerId);
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    return m_timers->unregisterTimers(object);
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    return m_timers->registeredTimers(object);
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    return m_timers->timerRemainingTime(timerId);
}

void EpollEventDispatcher::wakeUp()
{
    const quint64 one = 1;
    [[maybe_unused]] const auto bytes = ::write(m_wake, &one, sizeof one);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted = true;
    wakeUp();
}

} // namespace twofold::server
