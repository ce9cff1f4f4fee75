#include "authenticator/singleinstance.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using twofold::ui::SingleInstance;

// One app per data folder: a second launch of the real program raises the first and quits.
class tst_SingleInstance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondLaunchRaisesTheFirst();
    void aClickedLinkReachesTheFirst();
    void otherDataFolderIsAnotherInstance();
    void crashedInstanceLeavesNoLock();
};

void tst_SingleInstance::secondLaunchRaisesTheFirst()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // The app's vault path for TWOFOLD_DATA_DIR, which is what it claims.
    SingleInstance first(QDir(dir.path()).filePath(u"vault.twofold"_s));
    QVERIFY(first.claim());
    QSignalSpy raised(&first, &SingleInstance::raiseRequested);

    QProcess second;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TWOFOLD_DATA_DIR"_s, dir.path());
    second.setProcessEnvironment(env);
    QSignalSpy finished(&second, &QProcess::finished);
    second.start(QStringLiteral(TWOFOLD_APP), {});
    QVERIFY2(second.waitForStarted(), qPrintable(second.errorString()));
    // Our event loop must run to answer its call; then it quits without opening a window.
    QVERIFY(raised.wait(30'000));
    QVERIFY(finished.count() > 0 || finished.wait(30'000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    QCOMPARE(raised.count(), 1);
}

void tst_SingleInstance::aClickedLinkReachesTheFirst()
{
    // The desktop's URL handler runs `twofold LINK`: the running app gets the link.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SingleInstance first(QDir(dir.path()).filePath(u"vault.twofold"_s));
    QVERIFY(first.claim());
    QSignalSpy opened(&first, &SingleInstance::openRequested);
    const QString link
        = u"twofold://activate?url=https://mfa.example.org&code=AB12&fp="_s + QString(64, u'a');
    QProcess second;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TWOFOLD_DATA_DIR"_s, dir.path());
    second.setProcessEnvironment(env);
    second.start(QStringLiteral(TWOFOLD_APP), { link });
    QVERIFY2(second.waitForStarted(), qPrintable(second.errorString()));
    QVERIFY(opened.wait(30'000));
    QCOMPARE(opened.first().first().toString(), link);
    QVERIFY(second.waitForFinished(30'000));
    QCOMPARE(second.exitCode(), 0);
}

void tst_SingleInstance::otherDataFolderIsAnotherInstance()
{
    QTemporaryDir a;
    QTemporaryDir b;
    SingleInstance first(QDir(a.path()).filePath(u"vault.twofold"_s));
    SingleInstance other(QDir(b.path()).filePath(u"vault.twofold"_s));
    QVERIFY(first.serverName() != other.serverName());
    QVERIFY(first.claim());
    QVERIFY(other.claim());
}

void tst_SingleInstance::crashedInstanceLeavesNoLock()
{
    QTemporaryDir dir;
    const QString vault = QDir(dir.path()).filePath(u"vault.twofold"_s);
    const QString name = SingleInstance(vault).serverName();
    QProcess crashing;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TWOFOLD_DATA_DIR"_s, dir.path());
    crashing.setProcessEnvironment(env);
    crashing.start(QStringLiteral(TWOFOLD_APP), {});
    QVERIFY2(crashing.waitForStarted(), qPrintable(crashing.errorString()));
    QDBusConnectionInterface *bus = QDBusConnection::sessionBus().interface();
    QTRY_VERIFY_WITH_TIMEOUT(bus->isServiceRegistered(name), 30'000);
    crashing.kill(); // no chance to clean up
    QVERIFY(crashing.waitForFinished(30'000));
    // The next launch is the only instance.
    SingleInstance next(vault);
    QVERIFY(next.claim());
}

QTEST_MAIN(tst_SingleInstance)
#include "tst_singleinstance.moc"
