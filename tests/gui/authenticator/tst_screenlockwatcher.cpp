#include "authenticator/screenlockwatcher.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold::ui;

// The desktop's screen-lock signals, sent for real on the test's private session bus.
class tst_ScreenLockWatcher final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void reactsToScreenSaverSignals_data();
    void reactsToScreenSaverSignals();
};

void tst_ScreenLockWatcher::initTestCase()
{
    QVERIFY2(QDBusConnection::sessionBus().isConnected(),
             "No D-Bus session: run the tests through tests/with-services.sh");
}

void tst_ScreenLockWatcher::reactsToScreenSaverSignals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("interface");
    QTest::addColumn<bool>("active");
    QTest::addColumn<int>("locks");
    QTest::newRow("freedesktop screen saver on")
        << u"/org/freedesktop/ScreenSaver"_s << u"org.freedesktop.ScreenSaver"_s << true << 1;
    QTest::newRow("freedesktop screen saver off")
        << u"/org/freedesktop/ScreenSaver"_s << u"org.freedesktop.ScreenSaver"_s << false << 0;
    QTest::newRow("GNOME screen saver on")
        << u"/org/gnome/ScreenSaver"_s << u"org.gnome.ScreenSaver"_s << true << 1;
    QTest::newRow("another interface is ignored")
        << u"/org/freedesktop/ScreenSaver"_s << u"org.example.NotAScreenSaver"_s << true << 0;
}

void tst_ScreenLockWatcher::reactsToScreenSaverSignals()
{
    QFETCH(QString, path);
    QFETCH(QString, interface);
    QFETCH(bool, active);
    QFETCH(int, locks);

    ScreenLockWatcher watcher;
    QSignalSpy locked(&watcher, &ScreenLockWatcher::screenLocked);
    QDBusMessage signal = QDBusMessage::createSignal(path, interface, u"ActiveChanged"_s);
    signal << active;
    QVERIFY(QDBusConnection::sessionBus().send(signal));
    // Then a lock the watcher must see. Deliveries to one object keep the bus's order, so once
    // this one has arrived the signal under test has been handled, whatever it did.
    QDBusMessage marker = QDBusMessage::createSignal(
        u"/org/freedesktop/ScreenSaver"_s, u"org.freedesktop.ScreenSaver"_s, u"ActiveChanged"_s);
    marker << true;
    QVERIFY(QDBusConnection::sessionBus().send(marker));
    QTRY_VERIFY_WITH_TIMEOUT(locked.count() >= locks + 1, 5000);
    QCoreApplication::sendPostedEvents();
    QCOMPARE(locked.count(), locks + 1);
}

QTEST_MAIN(tst_ScreenLockWatcher)
#include "tst_screenlockwatcher.moc"
