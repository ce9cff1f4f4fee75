#include "authenticator/vaultsession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::ui;

// First start as the window does it, then a later start, against the real keychain daemon.
class tst_VaultSession final : public QObject
{
    Q_OBJECT

private slots:
    void createdVaultReopens_data();
    void createdVaultReopens();
    void aSlowDiskDoesNotHoldTheWindow();
    void aFailedWriteIsReportedAndKeepsTheFile();
};

static bool waitForState(VaultSession &session, VaultSession::State wanted)
{
    QSignalSpy changed(&session, &VaultSession::stateChanged);
    while (session.state() != wanted) {
        if (!changed.wait(10000))
            return false;
    }
    return true;
}

void tst_VaultSession::createdVaultReopens_data()
{
    QTest::addColumn<bool>("keychain");
    QTest::addColumn<QString>("password");
    QTest::newRow("keychain only") << true << QString();
    QTest::newRow("password only") << false << u"correct horse"_s;
    QTest::newRow("keychain and password") << true << u"correct horse"_s;
}

void tst_VaultSession::createdVaultReopens()
{
    QFETCH(bool, keychain);
    QFETCH(QString, password);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"vault.twofold"_s);

    {
        VaultSession first(path);
        QSignalSpy errors(&first, &VaultSession::error);
        first.load();
        QCOMPARE(first.state(), VaultSession::State::NoVault);
        first.create(keychain, password);
        QVERIFY2(waitForState(first, VaultSession::State::Unlocked),
                 qPrintable(errors.isEmpty() ? u"timed out"_s : errors.first().first().toString()));
        QCOMPARE(first.hasKeychainSlot(), keychain);
        QCOMPARE(first.hasPasswordSlot(), !password.isEmpty());
        vault::Account account;
        account.otp.issuer = u"ACME"_s;
        account.otp.account = u"alice"_s;
        account.otp.secret = "12345678901234567890"_ba;
        QVERIFY(first.vault()->addAccounts({ account }));
        QVERIFY(first.save());
    }

    // The next start: the keychain, where there is one, must give the key back by itself.
    VaultSession second(path);
    QSignalSpy errors(&second, &VaultSession::error);
    second.load();
    QCOMPARE(second.state(), VaultSession::State::Locked);
    if (keychain)
        second.unlockWithKeychain();
    else
        second.unlockWithPassword(password);
    QVERIFY2(waitForState(second, VaultSession::State::Unlocked),
             qPrintable(errors.isEmpty() ? u"timed out"_s : errors.first().first().toString()));
    QCOMPARE(second.vault()->accounts().size(), 1);
    QCOMPARE(second.vault()->accounts().first().otp.issuer, u"ACME"_s);
}

static vault::Account account(const QString &issuer)
{
    vault::Account a;
    a.otp.issuer = issuer;
    a.otp.account = u"alice"_s;
    a.otp.secret = "12345678901234567890"_ba;
    return a;
}

static const QString password = u"correct horse"_s;

// A saved vault with one account, unlocked in a session.
static void openOneAccountVault(VaultSession &session)
{
    Result<vault::Vault> v = vault::Vault::create(session.path());
    QVERIFY(v && v->setPassword(password) && v->addAccounts({ account(u"ACME"_s) }) && v->save());
    session.adopt(std::move(*v));
    QCOMPARE(session.state(), VaultSession::State::Unlocked);
}

static QStringList issuersOnDisk(const QString &path)
{
    Result<vault::Vault> v = vault::Vault::open(path);
    if (!v || !v->unlockWithPassword(password))
        return { u"(does not open)"_s };
    QStringList issuers;
    for (const vault::Account &a : v->accounts())
        issuers << a.otp.issuer;
    issuers.sort();
    return issuers;
}

// The vault file is a named pipe: reading it (for the backup) blocks until this test writes
// into it, as a stalled disk would. save() must return at once, with the write still pending.
// Were the write on the calling thread, save() would never return here (ctest times it out).
void tst_VaultSession::aSlowDiskDoesNotHoldTheWindow()
{
    QTemporaryDir dir;
    VaultSession session(dir.filePath(u"vault.twofold"_s));
    QSignalSpy errors(&session, &VaultSession::error);
    openOneAccountVault(session);
    QFile file(session.path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    QVERIFY(file.remove());
    QCOMPARE(::mkfifo(QFile::encodeName(session.path()).constData(), 0600), 0);

    QVERIFY(session.vault()->addAccounts({ account(u"Boeing"_s) }));
    QVERIFY(session.save());
    QVERIFY(!QFileInfo(session.path()).isFile()); // still the pipe: the write waits

    // Non-blocking, so that a writer that never opens the pipe fails here instead of hanging;
    // the file is far smaller than a pipe's buffer, so one write takes it all.
    const QByteArray fifo = QFile::encodeName(session.path());
    int pipe = -1;
    const auto opened = [&] {
        if (pipe < 0)
            pipe = ::open(fifo.constData(), O_WRONLY | O_NONBLOCK);
        return pipe >= 0;
    };
    QTRY_VERIFY(opened());
    QCOMPARE(::write(pipe, before.constData(), size_t(before.size())), ssize_t(before.size()));
    ::close(pipe);
    session.waitForSaves();

    QCoreApplication::sendPostedEvents(&session);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
    QVERIFY(QFileInfo(session.path()).isFile());
    QCOMPARE(issuersOnDisk(session.path()), QStringList({ u"ACME"_s, u"Boeing"_s }));
    QFile backup(session.path() + u".bak"_s);
    QVERIFY(backup.open(QIODevice::ReadOnly));
    QCOMPARE(backup.readAll(), before);
}

// A write that fails on the writer thread reaches the person through error(), and leaves the
// file as it was. The backup's name is taken by a folder, so the write fails before the vault.
void tst_VaultSession::aFailedWriteIsReportedAndKeepsTheFile()
{
    QTemporaryDir dir;
    VaultSession session(dir.filePath(u"vault.twofold"_s));
    QSignalSpy errors(&session, &VaultSession::error);
    openOneAccountVault(session);
    QVERIFY(QDir().mkdir(session.path() + u".bak"_s));

    QVERIFY(session.vault()->addAccounts({ account(u"Boeing"_s) }));
    QVERIFY(session.save());
    session.waitForSaves();
    QCoreApplication::sendPostedEvents(&session);

    QCOMPARE(errors.size(), 1);
    const QString message = errors.first().first().toString();
    QVERIFY2(message.startsWith(u"Could not save your accounts: "_s), qPrintable(message));
    QVERIFY2(message.contains(u"vault.twofold.bak"_s), qPrintable(message));
    QCOMPARE(issuersOnDisk(session.path()), QStringList({ u"ACME"_s }));
}

QTEST_GUILESS_MAIN(tst_VaultSession)
#include "tst_vaultsession.moc"
