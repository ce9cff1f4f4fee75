#include "crypto/random.h"
#include "vault/keychain.h"
#include "vault/vault.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::vault;

// Runs against the real Secret Service that tests/with-services.sh starts (gnome-keyring in a
// private D-Bus session). Without one every test fails: a skipped keychain test proves nothing.
class tst_Keychain final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void checkAvailableReportsAvailable();
    void writeReadDelete_data();
    void writeReadDelete();
    void signalsAnswerEachCall();
    void goingAwayWithAJobInFlight();
    void vaultUnlocksWithItsKeychainSlot();

private:
    static QString freshEntry()
    {
        return u"test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
};

#define VERIFY_OK(expression)                                                                      \
    do {                                                                                           \
        const auto &result_ = (expression);                                                        \
        QVERIFY2(result_, qPrintable(result_ ? QString() : result_.error().message));              \
    } while (false)

void tst_Keychain::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("No D-Bus session: run the tests through tests/with-services.sh");
    Keychain keychain;
    QSignalSpy spy(&keychain, &Keychain::availabilityChecked);
    keychain.checkAvailable();
    QVERIFY2(spy.wait(30000),
             "The keychain did not answer: run the tests through "
             "tests/with-services.sh");
    if (!spy.at(0).at(0).toBool())
        QFAIL(qPrintable(
            u"No Secret Service (%1): run the tests through tests/with-services.sh"_s.arg(
                spy.at(0).at(1).toString())));
}

void tst_Keychain::checkAvailableReportsAvailable()
{
    Keychain keychain;
    QSignalSpy spy(&keychain, &Keychain::availabilityChecked);
    keychain.checkAvailable();
    QVERIFY(spy.wait(30000));
    QCOMPARE(spy.size(), 1);
    const bool available = spy.at(0).at(0).toBool();
    const QString message = spy.at(0).at(1).toString();
    QVERIFY2(available,
             qPrintable(u"%1 Run the tests through tests/with-services.sh."_s.arg(message)));
    QVERIFY(message.isEmpty());
}

void tst_Keychain::writeReadDelete_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::newRow("a 32-byte vault key") << *randomBytes(32);
    QTest::newRow("bytes with zeros and high bits") << QByteArray("\x00\xff\x00\x80\x7f", 5);
    QTest::newRow("a single byte") << "k"_ba;
}

void tst_Keychain::writeReadDelete()
{
    QFETCH(QByteArray, key);
    const QString entry = freshEntry();
    VERIFY_OK(Keychain::writeKeyBlocking(entry, key));
    const Result<QByteArray> read = Keychain::readKeyBlocking(entry);
    VERIFY_OK(read);
    QCOMPARE(*read, key);

    VERIFY_OK(Keychain::deleteKeyBlocking(entry));
    const Result<QByteArray> gone = Keychain::readKeyBlocking(entry);
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, ErrorCode::KeychainEntryNotFound);
    QVERIFY(gone.error().message.contains(entry));
}

void tst_Keychain::signalsAnswerEachCall()
{
    Keychain keychain;
    const QString entry = freshEntry();
    const QByteArray key = *randomBytes(32);
    QEventLoop loop;
    QList<QString> order;
    std::optional<Result<QByteArray>> readBack;
    std::optional<Result<void>> written;
    std::optional<Result<void>> deleted;
    connect(&keychain, &Keychain::keyWritten, this,
            [&](const QString &name, const Result<void> &result) {
                order.append(u"written "_s + name);
                written = result;
                keychain.readKey(entry);
            });
    connect(&keychain, &Keychain::keyRead, this,
            [&](const QString &name, const Result<QByteArray> &result) {
                order.append(u"read "_s + name);
                readBack = result;
                keychain.deleteKey(entry);
            });
    connect(&keychain, &Keychain::keyDeleted, this,
            [&](const QString &name, const Result<void> &result) {
                order.append(u"deleted "_s + name);
                deleted = result;
                loop.quit();
            });
    keychain.writeKey(entry, key);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit); // a guard against a silent keychain
    loop.exec();

    QCOMPARE(order,
             (QList<QString> { u"written "_s + entry, u"read "_s + entry, u"deleted "_s + entry }));
    QVERIFY(written && *written);
    QVERIFY(readBack && *readBack);
    QCOMPARE(readBack->value(), key);
    QVERIFY(deleted && *deleted);
}

void tst_Keychain::goingAwayWithAJobInFlight()
{
    // The daemon answers a job after the Keychain that started it is gone: the answer must not
    // reach freed memory, and the job still does its work.
    const QString entry = freshEntry();
    const QByteArray key = *randomBytes(32);
    {
        Keychain keychain;
        QSignalSpy written(&keychain, &Keychain::keyWritten);
        keychain.writeKey(entry, key);
        QVERIFY(written.isEmpty()); // still in flight
    }
    // The daemon answers in order: once this read is answered, so was the write.
    Keychain reader;
    std::optional<Result<QByteArray>> result;
    QEventLoop loop;
    connect(&reader, &Keychain::keyRead, this,
            [&](const QString &, const Result<QByteArray> &answer) {
                result = answer;
                loop.quit();
            });
    reader.readKey(entry);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit); // a guard against a silent keychain
    loop.exec();
    QVERIFY(result);
    VERIFY_OK(*result);
    QCOMPARE(result->value(), key);
    VERIFY_OK(Keychain::deleteKeyBlocking(entry));
}

void tst_Keychain::vaultUnlocksWithItsKeychainSlot()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"vault.json"_s);
    Result<Vault> created = Vault::create(path);
    VERIFY_OK(created);
    Account account;
    account.otp.issuer = u"ACME"_s;
    account.otp.account = u"alice"_s;
    account.otp.secret = *randomBytes(20);
    VERIFY_OK(created->addAccounts({ account }));
    VERIFY_OK(created->addKeychainSlot());
    const QString entry = created->keychainEntry();
    VERIFY_OK(Keychain::writeKeyBlocking(entry, created->masterKey()));
    VERIFY_OK(created->save());

    Result<Vault> opened = Vault::open(path);
    VERIFY_OK(opened);
    QVERIFY(opened->hasKeychainSlot());
    QVERIFY(!opened->hasPasswordSlot());
    const Result<QByteArray> key = Keychain::readKeyBlocking(opened->keychainEntry());
    VERIFY_OK(key);
    VERIFY_OK(opened->unlockWithMasterKey(*key));
    QVERIFY(opened->accounts() == created->accounts());

    // Another vault's key does not open this one.
    opened->lock();
    QVERIFY(!opened->unlockWithMasterKey(*randomBytes(32)));
    QVERIFY(opened->isLocked());

    VERIFY_OK(Keychain::deleteKeyBlocking(entry));
    QCOMPARE(Keychain::readKeyBlocking(entry).error().code, ErrorCode::KeychainEntryNotFound);
}

QTEST_GUILESS_MAIN(tst_Keychain)
#include "tst_keychain.moc"
