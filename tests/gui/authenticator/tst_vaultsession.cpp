#include "authenticator/vaultsession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

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

QTEST_GUILESS_MAIN(tst_VaultSession)
#include "tst_vaultsession.moc"
