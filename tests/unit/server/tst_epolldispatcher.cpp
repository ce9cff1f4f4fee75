// The epoll event dispatcher that twofold-server runs on, installed in this test's main thread as
// the server installs it: socket notifiers on real socket pairs (many at once, closed and reused
// descriptors, a regular file), wake-ups from another thread, and Qt's timers on top of it.
// The whole server integration suite runs on it too, through the real twofold-server process.

#include "server/epolldispatcher.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTemporaryFile>
#include <QTest>
#include <QTimer>

#include <fcntl.h>
#include <memory>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using twofold::server::EpollEventDispatcher;

namespace {

// A connected pair of Unix sockets, closed on destruction.
struct SocketPair
{
    int ours = -1;
    int theirs = -1;
    SocketPair()
    {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) == 0) {
            ours = fds[0];
            theirs = fds[1];
        }
    }
    ~SocketPair()
    {
        closeOurs();
        if (theirs >= 0)
            ::close(theirs);
    }
    void closeOurs()
    {
        if (ours >= 0)
            ::close(ours);
        ours = -1;
    }
    bool send(char byte = 'x') const { return ::write(theirs, &byte, 1) == 1; }
    bool drain() const
    {
        char byte;
        return ::read(ours, &byte, 1) == 1;
    }
    Q_DISABLE_COPY_MOVE(SocketPair)
};

// Runs the event loop without blocking until nothing more is pending.
void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

} // namespace

class TestEpollDispatcher final : public QObject
{
    Q_OBJECT

private slots:
    void isInstalled();
    void onlyTheReadySocketIsActivated();
    void writeNotifierAndDisabling();
    void hangUpActivatesTheReader();
    void notifierDeletedByAnotherOnTheSameSocket();
    void reusedDescriptor();
    void regularFileIsAlwaysReady();
    void postedEventWakesABlockedLoop();
    void timers();
};

void TestEpollDispatcher::isInstalled()
{
    QVERIFY(qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()));
}

void TestEpollDispatcher::onlyTheReadySocketIsActivated()
{
    // What the server lives with: many idle connections, one of which has something to say.
    constexpr int count = 1500;
    std::vector<std::unique_ptr<SocketPair>> pairs;
    std::vector<std::unique_ptr<QSocketNotifier>> notifiers;
    std::vector<int> activations(count, 0);
    for (int i = 0; i < count; ++i) {
        pairs.push_back(std::make_unique<SocketPair>());
        QVERIFY(pairs.back()->ours >= 0);
        notifiers.push_back(
            std::make_unique<QSocketNotifier>(pairs.back()->ours, QSocketNotifier::Read));
        connect(notifiers.back().get(), &QSocketNotifier::activated, this,
                [&activations, &pairs, i] {
                    ++activations[i];
                    pairs[i]->drain();
                });
    }
    settle();
    QCOMPARE(std::count(activations.begin(), activations.end(), 0), count);

    QVERIFY(pairs[1234]->send());
    QTRY_COMPARE(activations[1234], 1);
    settle(); // read, so not ready any more: no second activation
    QCOMPARE(activations[1234], 1);
    QCOMPARE(std::count(activations.begin(), activations.end(), 0), count - 1);

    // Two at once, both delivered.
    QVERIFY(pairs[7]->send());
    QVERIFY(pairs[1499]->send());
    QTRY_VERIFY(activations[7] == 1 && activations[1499] == 1);
}

void TestEpollDispatcher::writeNotifierAndDisabling()
{
    SocketPair pair;
    QSocketNotifier writable(pair.ours, QSocketNotifier::Write);
    QSignalSpy spy(&writable, &QSocketNotifier::activated);
    QTRY_VERIFY(spy.count() >= 1); // an empty socket buffer is writable
    writable.setEnabled(false);
    settle();
    const qsizetype before = spy.count();
    settle();
    QCOMPARE(spy.count(), before);
    writable.setEnabled(true);
    QTRY_VERIFY(spy.count() > before);
}

void TestEpollDispatcher::hangUpActivatesTheReader()
{
    SocketPair pair;
    QSocketNotifier readable(pair.ours, QSocketNotifier::Read);
    QSignalSpy spy(&readable, &QSocketNotifier::activated);
    settle();
    QCOMPARE(spy.count(), 0);
    ::close(pair.theirs);
    pair.theirs = -1;
    QTRY_VERIFY(spy.count() >= 1);
    char byte;
    QCOMPARE(::read(pair.ours, &byte, 1), 0); // end of file
}

void TestEpollDispatcher::notifierDeletedByAnotherOnTheSameSocket()
{
    // Readable and writable at once; the reader closes the connection, as a socket does on EOF.
    SocketPair pair;
    QVERIFY(pair.send());
    auto *reader = new QSocketNotifier(pair.ours, QSocketNotifier::Read);
    auto *writer = new QSocketNotifier(pair.ours, QSocketNotifier::Write);
    int writes = 0;
    connect(writer, &QSocketNotifier::activated, this, [&writes] { ++writes; });
    bool read = false;
    connect(reader, &QSocketNotifier::activated, this, [&] {
        read = true;
        delete writer; // the other notifier of the socket, due in this same pass
        reader->setEnabled(false);
        reader->deleteLater();
        pair.closeOurs();
    });
    QTRY_VERIFY(read);
    settle();
    // Readers go first; the writer, deleted by then, must not be activated.
    QCOMPARE(writes, 0);
}

void TestEpollDispatcher::reusedDescriptor()
{
    // A descriptor closed while its notifier still exists leaves epoll on its own; the next
    // socket given the same number must still be watched.
    auto first = std::make_unique<SocketPair>();
    const int number = first->ours;
    auto stale = std::make_unique<QSocketNotifier>(number, QSocketNotifier::Read);
    settle();
    first->closeOurs();
    SocketPair second;
    if (second.ours != number) { // give it the old number, whatever the kernel chose
        QCOMPARE(::dup3(second.ours, number, O_CLOEXEC), number);
        ::close(second.ours);
        second.ours = number;
    }
    QSocketNotifier fresh(second.ours, QSocketNotifier::Read);
    int activations = 0;
    connect(&fresh, &QSocketNotifier::activated, this, [&] {
        ++activations;
        second.drain();
    });
    stale.reset(); // unregistering the old notifier must not unwatch the new one
    QVERIFY(second.send());
    QTRY_COMPARE(activations, 1);
    settle();
    QCOMPARE(activations, 1);
}

void TestEpollDispatcher::regularFileIsAlwaysReady()
{
    // epoll refuses regular files; poll() calls them always ready, and so do we.
    QTemporaryFile file;
    QVERIFY(file.open());
    QSocketNotifier readable(file.handle(), QSocketNotifier::Read);
    QSignalSpy spy(&readable, &QSocketNotifier::activated);
    QTRY_VERIFY(spy.count() >= 1);
    readable.setEnabled(false);
}

void TestEpollDispatcher::postedEventWakesABlockedLoop()
{
    // The loop blocks in epoll_wait with nothing to do; an event posted from another thread
    // must end the wait at once. Without the wake-up only the backstop timer ends it.
    QEventLoop loop;
    bool quitByThread = false;
    bool backstop = false;
    QTimer::singleShot(20'000, &loop, [&] {
        backstop = true;
        loop.quit();
    });
    std::thread poster;
    QTimer::singleShot(0, &loop, [&] {
        poster = std::thread([&] {
            QMetaObject::invokeMethod(
                &loop,
                [&] {
                    quitByThread = true;
                    loop.quit();
                },
                Qt::QueuedConnection);
        });
    });
    loop.exec();
    poster.join();
    QVERIFY(quitByThread);
    QVERIFY2(!backstop, "the posted event waited for a timer to wake the loop");
}

void TestEpollDispatcher::timers()
{
    QStringList fired;
    QTimer::singleShot(1, this, [&] { fired << QStringLiteral("1 ms"); });
    QTimer::singleShot(0, this, [&] { fired << QStringLiteral("0 ms"); });
    QTimer stopped;
    stopped.setSingleShot(true);
    connect(&stopped, &QTimer::timeout, this, [&] { fired << QStringLiteral("stopped"); });
    stopped.start(0);
    stopped.stop();
    QTimer later;
    later.setTimerType(Qt::PreciseTimer); // coarse timers may move by up to 5 %
    later.start(10'000);
    QVERIFY2(later.remainingTime() > 0 && later.remainingTime() <= 10'000,
             qPrintable(QString::number(later.remainingTime())));
    QTRY_COMPARE(fired, (QStringList { QStringLiteral("0 ms"), QStringLiteral("1 ms") }));
    later.stop();
    QCOMPARE(later.remainingTime(), -1);
    const auto *dispatcher = QAbstractEventDispatcher::instance();
    QVERIFY(dispatcher->registeredTimers(&later).isEmpty());
}

int main(int argc, char *argv[])
{
    // As twofold-server does, before the application exists.
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolldispatcher.moc"
