#include "authenticator/screenlockwatcher.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold::ui;

class Receiver final : public QObject
{
    Q_OBJECT
signals:
    void received();
public slots:
    void onActiveChanged(bool) { emit received(); }
};

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
    // A second receiver of the same message: QtDBus hands one message to all matching
    // receivers in one go, so once this one has it, the watcher has had its chance too.
    Receiver receiver;
    QSignalSpy received(&receiver, &Receiver::received);
    QVERIFY(QDBusConnection::sessionBus().connect(QString(), path, interface, u"ActiveChanged"_s,
                                                  &receiver, SLOT(onActiveChanged(bool))));

    QDBusMessage signal = QDBusMessage::createSignal(path, interface, u"ActiveChanged"_s);
    signal << active;
    QVERIFY(QDBusConnection::sessionBus().send(signal));
    QVERIFY(received.wait(5000));
    QCOMPARE(locked.count(), locks);
}

QTEST_MAIN(tst_ScreenLockWatcher)
#include "tst_screenlockwatcher.moc"
