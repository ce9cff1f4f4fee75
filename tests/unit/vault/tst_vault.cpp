#include "clock.h"
#include "crypto/aesgcm.h"
#include "crypto/kdf.h"
#include "crypto/random.h"
#include "otp/base32.h"
#include "otp/otpauthuri.h"
#include "vault/vault.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::vault;

namespace {

const QString password = u"correct horse battery staple"_s;

#define VERIFY_OK(expression)                                                                      \
    do {                                                                                           \
        const auto &result_ = (expression);                                                        \
        QVERIFY2(result_, qPrintable(result_ ? QString() : result_.error().message));              \
    } while (false)

Account makeAccount(const QString &issuer, const QString &name, const QByteArray &secret)
{
    Account account;
    account.otp.issuer = issuer;
    account.otp.account = name;
    account.otp.secret = secret;
    return account;
}

int fileMode(const QString &path)
{
    struct stat info
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 0777);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

QString b64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

// A vault file built from the documented layout alone, without Vault's code: pins the format,
// and makes files of other schema versions (the version 0 fixture) that Vault never writes.
QByteArray buildVaultFile(qint64 version, const QJsonObject &db, const QJsonArray &extraSlots = {})
{
    const QByteArray masterKey = *randomBytes(32);
    const QByteArray salt = *randomBytes(32);
    const QByteArray wrappingKey = *scrypt(password.toUtf8(), salt, ScryptParameters {}, 32);
    const Sealed wrapped = *aesGcmSeal(wrappingKey, masterKey);
    QJsonArray keySlots { QJsonObject {
        { u"type"_s, u"password"_s },
        { u"n"_s, 32768 },
        { u"r"_s, 8 },
        { u"p"_s, 1 },
        { u"salt"_s, b64(salt) },
        { u"nonce"_s, b64(wrapped.nonce) },
        { u"tag"_s, b64(wrapped.tag) },
        { u"key"_s, b64(wrapped.ciphertext) },
        { u"comment"_s, u"unknown keys are ignored"_s },
    } };
    for (const QJsonValue &slot : extraSlots)
        keySlots.append(slot);
    const QByteArray aad = QJsonDocument(QJsonObject { { u"format"_s, u"twofold-vault"_s },
                                                       { u"version"_s, version },
                                                       { u"slots"_s, keySlots } })
                               .toJson(QJsonDocument::Compact);
    const Sealed sealed
        = *aesGcmSeal(masterKey, QJsonDocument(db).toJson(QJsonDocument::Compact), aad);
    return QJsonDocument(QJsonObject { { u"format"_s, u"twofold-vault"_s },
                                       { u"version"_s, version },
                                       { u"slots"_s, keySlots },
                                       { u"nonce"_s, b64(sealed.nonce) },
                                       { u"tag"_s, b64(sealed.tag) },
                                       { u"db"_s, b64(sealed.ciphertext) },
                                       { u"future"_s, u"unknown keys are ignored"_s } })
        .toJson(QJsonDocument::Compact);
}

} // namespace

class tst_Vault final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void roundTripKeepsEveryField_data();
    void roundTripKeepsEveryField();
    void wrongPasswordIsRefused_data();
    void wrongPasswordIsRefused();
    void everyFlippedBitIsDetected_data();
    void everyFlippedBitIsDetected();
    void lockScrubsAndKeepsUnsavedEdits_data();
    void lockScrubsAndKeepsUnsavedEdits();
    void lockedVaultRefusesWork();
    void slotManagement_data();
    void slotManagement();
    void passwordChangeRetiresTheOldOne();
    void unreadableFilesSayWhy_data();
    void unreadableFilesSayWhy();
    void migratesVersion0_data();
    void migratesVersion0();
    void documentedLayoutOpensAndUnknownSlotsSurvive();
    void addAccountsCountsDuplicates_data();
    void addAccountsCountsDuplicates();
    void addAccountsIsAllOrNothing_data();
    void addAccountsIsAllOrNothing();
    void addAccountsAssignsIdsAndTimes();
    void updateAndRemove();
    void bytesRoundTrip();
    void saveKeepsBackupAndPermissions();
    void moveKeepsTheVault();
    void killDuringSaveLeavesAVaultThatOpens_data();
    void killDuringSaveLeavesAVaultThatOpens();

private:
    QString vaultPath() const { return m_dir->filePath(u"data/twofold/vault.json"_s); }
    Result<Vault> savedVault(const QList<Account> &accounts);

    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock { 1700000000 };
};

void tst_Vault::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// Creates, fills, protects with the password and saves a vault at vaultPath().
Result<Vault> tst_Vault::savedVault(const QList<Account> &accounts)
{
    Result<Vault> created = Vault::create(vaultPath());
    if (!created)
        return created;
    Vault vault = std::move(*created);
    vault.setClock(&m_clock);
    if (Result<void> r = vault.setPassword(password); !r)
        return r.error();
    if (Result<AddSummary> r = vault.addAccounts(accounts); !r)
        return r.error();
    if (Result<void> r = vault.save(); !r)
        return r.error();
    return vault;
}

void tst_Vault::roundTripKeepsEveryField_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("algorithm");
    QTest::addColumn<int>("digits");
    QTest::addColumn<qint64>("period");
    QTest::addColumn<quint64>("counter");
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("icon");
    QTest::addColumn<bool>("pinned");
    QTest::addColumn<int>("useCount");
    QTest::addColumn<qint64>("addedAt");

    QTest::newRow("totp defaults")
        << int(OtpType::Totp) << int(HashAlgorithm::Sha1) << 6 << qint64(30) << quint64(0)
        << u"GitHub"_s << u"alice"_s << QString() << QString() << false << 0 << qint64(0);
    QTest::newRow("hotp with a counter beyond 32 bits")
        << int(OtpType::Hotp) << int(HashAlgorithm::Sha256) << 8 << qint64(30) << (quint64(1) << 40)
        << u"Bank"_s << u"bob@example.com"_s << u"money"_s << u"bank"_s << true << 12
        << qint64(1600000000);
    QTest::newRow("steam, sha512 and a 10-second period")
        << int(OtpType::Steam) << int(HashAlgorithm::Sha512) << 5 << qint64(10) << quint64(0)
        << u"Steam"_s << u"gamer"_s << u"games"_s << QString() << false << 2147483647 << qint64(1);
    QTest::newRow("unicode and JSON metacharacters in names")
        << int(OtpType::Totp) << int(HashAlgorithm::Sha1) << 10 << qint64(60) << quint64(0)
        << u"Ünïcødé \"quoted\" \\ back"_s << u"名前:with colon"_s << u"a/b\n"_s << u"icon"_s
        << true << 1 << qint64(-5);
}

void tst_Vault::roundTripKeepsEveryField()
{
    QFETCH(int, type);
    QFETCH(int, algorithm);
    QFETCH(int, digits);
    QFETCH(qint64, period);
    QFETCH(quint64, counter);
    QFETCH(QString, issuer);
    QFETCH(QString, name);
    QFETCH(QString, group);
    QFETCH(QString, icon);
    QFETCH(bool, pinned);
    QFETCH(int, useCount);
    QFETCH(qint64, addedAt);

    Account account = makeAccount(issuer, name, *randomBytes(20));
    account.otp.type = static_cast<OtpType>(type);
    account.otp.algorithm = static_cast<HashAlgorithm>(algorithm);
    account.otp.digits = digits;
    account.otp.period = period;
    account.otp.counter = counter;
    account.group = group;
    account.icon = icon;
    account.pinned = pinned;
    account.useCount = useCount;
    account.addedAt = addedAt;

    Result<Vault> saved = savedVault({ account });
    VERIFY_OK(saved);
    const Account stored = saved->accounts().value(0);
    QVERIFY(!stored.id.isNull());
    QCOMPARE(stored.addedAt, addedAt == 0 ? m_clock.currentSecsSinceEpoch() : addedAt);
    account.id = stored.id;
    account.addedAt = stored.addedAt;

    Result<Vault> opened = Vault::open(vaultPath());
    VERIFY_OK(opened);
    QVERIFY(opened->isLocked());
    QVERIFY(opened->accounts().isEmpty());
    QVERIFY(opened->hasPasswordSlot());
    QCOMPARE(opened->path(), vaultPath());
    VERIFY_OK(opened->unlockWithPassword(password));
    QVERIFY(!opened->isLocked());
    QCOMPARE(opened->accounts().size(), 1);
    QVERIFY(opened->accounts().constFirst() == account);
    QCOMPARE(opened->masterKey(), saved->masterKey());
}

void tst_Vault::wrongPasswordIsRefused_data()
{
    QTest::addColumn<QString>("attempt");
    QTest::newRow("another password") << u"wrong horse"_s;
    QTest::newRow("empty password") << QString();
    QTest::newRow("differs only in case") << password.toUpper();
    QTest::newRow("a prefix of the right one") << password.left(5);
}

void tst_Vault::wrongPasswordIsRefused()
{
    QFETCH(QString, attempt);
    VERIFY_OK(savedVault({ makeAccount(u"A"_s, u"a"_s, "secret-1"_ba) }));
    Result<Vault> opened = Vault::open(vaultPath());
    VERIFY_OK(opened);
    const Result<void> unlocked = opened->unlockWithPassword(attempt);
    QVERIFY(!unlocked);
    QCOMPARE(unlocked.error().code, ErrorCode::VaultPassword);
    QCOMPARE(unlocked.error().message, u"The password is wrong."_s);
    QVERIFY(opened->isLocked());
    QVERIFY(opened->accounts().isEmpty());
    QVERIFY(opened->masterKey().isEmpty());
}

void tst_Vault::everyFlippedBitIsDetected_data()
{
    QTest::addColumn<bool>("keychainSlot");
    QTest::addColumn<int>("accountCount");
    QTest::newRow("password and keychain slots, two accounts") << true << 2;
    QTest::newRow("password slot only, no accounts") << false << 0;
}

// Flips each bit of the saved file in turn: the damaged copy must fail to open or to unlock.
void tst_Vault::everyFlippedBitIsDetected()
{
    QFETCH(bool, keychainSlot);
    QFETCH(int, accountCount);
    QList<Account> accounts;
    for (int i = 0; i < accountCount; ++i)
        accounts.append(makeAccount(u"Issuer %1"_s.arg(i), u"user"_s, *randomBytes(20)));
    Result<Vault> created = Vault::create(vaultPath());
    VERIFY_OK(created);
    VERIFY_OK(created->setPassword(password));
    if (keychainSlot)
        VERIFY_OK(created->addKeychainSlot());
    VERIFY_OK(created->addAccounts(accounts));
    VERIFY_OK(created->save());
    const QByteArray masterKey = created->masterKey();
    const QByteArray original = readFile(vaultPath());
    QVERIFY(!original.isEmpty());

    // The password slot's bytes also go through the password path (scrypt: slow, so once each).
    const qsizetype slotStart = original.indexOf("{\"key\"");
    const qsizetype slotEnd = original.indexOf('}', slotStart);
    QVERIFY(slotStart > 0 && slotEnd > slotStart);

    const QString copyPath = m_dir->filePath(u"flipped.json"_s);
    int opensRefused = 0;
    int unlocksRefused = 0;
    for (qsizetype i = 0; i < original.size(); ++i) {
        for (int bit = 0; bit < 8; ++bit) {
            QByteArray damaged = original;
            damaged[i] = static_cast<char>(damaged.at(i) ^ (1 << bit));
            // One bit per byte through a real file; all eight through fromBytes.
            const bool throughFile = bit == i % 8;
            if (throughFile)
                QVERIFY(writeFile(copyPath, damaged));
            Result<Vault> opened = throughFile ? Vault::open(copyPath) : Vault::fromBytes(damaged);
            if (!opened) {
                ++opensRefused;
                QVERIFY(!opened.error().message.isEmpty());
                continue;
            }
            const Result<void> unlocked = opened->unlockWithMasterKey(masterKey);
            if (unlocked)
                QFAIL(qPrintable(
                    u"Flipping bit %1 of byte %2 ('%3') went unnoticed"_s.arg(bit).arg(i).arg(
                        QChar::fromLatin1(original.at(i)))));
            QVERIFY(opened->isLocked());
            ++unlocksRefused;
            if (throughFile && i >= slotStart && i <= slotEnd)
                QVERIFY(!opened->unlockWithPassword(password));
        }
    }
    QCOMPARE(opensRefused + unlocksRefused, int(original.size()) * 8);
    // Both checks must have had work to do, or one of them is not being exercised.
    QVERIFY(opensRefused > 0);
    QVERIFY(unlocksRefused > 0);

    // And the untouched file still opens, so the failures above are the flips' doing.
    Result<Vault> intact = Vault::fromBytes(original);
    VERIFY_OK(intact);
    VERIFY_OK(intact->unlockWithMasterKey(masterKey));
    QCOMPARE(intact->accounts().size(), accountCount);
}

void tst_Vault::lockScrubsAndKeepsUnsavedEdits_data()
{
    QTest::addColumn<bool>("reopen");
    QTest::newRow("vault just created") << false;
    QTest::newRow("vault opened from its file") << true;
}

void tst_Vault::lockScrubsAndKeepsUnsavedEdits()
{
    QFETCH(bool, reopen);
    Result<Vault> saved = savedVault({ makeAccount(u"A"_s, u"a"_s, "secret-1"_ba) });
    VERIFY_OK(saved);
    Vault vault = std::move(*saved);
    if (reopen) {
        Result<Vault> opened = Vault::open(vaultPath());
        VERIFY_OK(opened);
        vault = std::move(*opened);
        VERIFY_OK(vault.unlockWithPassword(password));
    }
    VERIFY_OK(vault.addAccounts({ makeAccount(u"B"_s, u"b"_s, "secret-2"_ba) }));
    QCOMPARE(vault.accounts().size(), 2);
    QCOMPARE(vault.masterKey().size(), 32);

    vault.lock();
    QVERIFY(vault.isLocked());
    QVERIFY(vault.accounts().isEmpty());
    QVERIFY(vault.masterKey().isEmpty());
    vault.lock(); // twice is harmless

    // The unsaved account comes back from memory, not from the file (which has one).
    VERIFY_OK(vault.unlockWithPassword(password));
    QCOMPARE(vault.accounts().size(), 2);
    QCOMPARE(vault.accounts().at(1).otp.secret, "secret-2"_ba);
}

void tst_Vault::lockedVaultRefusesWork()
{
    VERIFY_OK(savedVault({ makeAccount(u"A"_s, u"a"_s, "secret-1"_ba) }));
    Result<Vault> opened = Vault::open(vaultPath());
    VERIFY_OK(opened);
    const auto isLockedError
        = [](const Error &error) { return error.code == ErrorCode::VaultLocked; };
    QVERIFY(isLockedError(opened->save().error()));
    QVERIFY(isLockedError(opened->toBytes().error()));
    QVERIFY(
        isLockedError(opened->addAccounts({ makeAccount(u"B"_s, u"b"_s, "secret-2"_ba) }).error()));
    QVERIFY(isLockedError(opened->setPassword(u"new"_s).error()));
    QVERIFY(isLockedError(opened->addKeychainSlot().error()));
    QVERIFY(isLockedError(opened->removeAccount(QUuid::createUuid()).error()));
}

void tst_Vault::slotManagement_data()
{
    QTest::addColumn<bool>("keepPassword");
    QTest::addColumn<bool>("keepKeychain");
    QTest::newRow("password slot alone") << true << false;
    QTest::newRow("keychain slot alone") << false << true;
    QTest::newRow("both slots") << true << true;
}

void tst_Vault::slotManagement()
{
    QFETCH(bool, keepPassword);
    QFETCH(bool, keepKeychain);
    Result<Vault> created = Vault::create(vaultPath());
    VERIFY_OK(created);
    Vault vault = std::move(*created);
    VERIFY_OK(vault.addAccounts({ makeAccount(u"A"_s, u"a"_s, "secret-1"_ba) }));
    QVERIFY(!vault.hasPasswordSlot());
    QVERIFY(!vault.hasKeychainSlot());
    QVERIFY2(!vault.save(), "a vault that nothing can unlock must not be written");
    QVERIFY(!QFile::exists(vaultPath()));

    VERIFY_OK(vault.setPassword(password));
    VERIFY_OK(vault.addKeychainSlot());
    const QString entry = vault.keychainEntry();
    QVERIFY(entry.startsWith(u"vault-"_s));
    QVERIFY(!QUuid::fromString(entry.mid(6)).isNull());
    VERIFY_OK(vault.addKeychainSlot()); // already there: the same entry
    QCOMPARE(vault.keychainEntry(), entry);

    if (!keepPassword)
        VERIFY_OK(vault.removePasswordSlot());
    if (!keepKeychain)
        VERIFY_OK(vault.removeKeychainSlot());
    // The last slot left is refused.
    if (keepPassword != keepKeychain) {
        const Result<void> refused
            = keepPassword ? vault.removePasswordSlot() : vault.removeKeychainSlot();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    }
    QCOMPARE(vault.hasPasswordSlot(), keepPassword);
    QCOMPARE(vault.hasKeychainSlot(), keepKeychain);
    VERIFY_OK(vault.save());

    Result<Vault> opened = Vault::open(vaultPath());
    VERIFY_OK(opened);
    QCOMPARE(opened->hasPasswordSlot(), keepPassword);
    QCOMPARE(opened->hasKeychainSlot(), keepKeychain);
    QCOMPARE(opened->keychainEntry(), keepKeychain ? entry : QString());
    QCOMPARE(bool(opened->unlockWithPassword(password)), keepPassword);
    if (!keepPassword)
        VERIFY_OK(opened->unlockWithMasterKey(vault.masterKey()));
    QCOMPARE(opened->accounts().size(), 1);
}

void tst_Vault::passwordChangeRetiresTheOldOne()
{
    Result<Vault> saved = savedVault({ makeAccount(u"A"_s, u"a"_s, "secret-1"_ba) });
    VERIFY_OK(saved);
    VERIFY_OK(saved->setPassword(u"second password"_s));
    VERIFY_OK(saved->unlockWithPassword(u"second password"_s)); // confirms while unlocked
    QVERIFY(!saved->unlockWithPassword(password));
    VERIFY_OK(saved->save());
    Result<Vault> opened = Vault::open(vaultPath());
    VERIFY_OK(opened);
    QCOMPARE(opened->unlockWithPassword(password).error().code, ErrorCode::VaultPassword);
    VERIFY_OK(opened->unlockWithPassword(u"second password"_s));
    QVERIFY(!opened->setPassword(QString()));
}

void tst_Vault::unreadableFilesSayWhy_data()
{
    QTest::addColumn<QByteArray>("contents"); // empty with absent: no file at all
    QTest::addColumn<bool>("absent");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("messagePart");
    const int notFound = int(ErrorCode::VaultNotFound);
    const int notVault = int(ErrorCode::VaultFormat);
    const int damaged = int(ErrorCode::VaultDamaged);
    const int newer = int(ErrorCode::VaultVersion);

    QTest::newRow("missing file") << QByteArray() << true << notFound << u"There is no vault"_s;
    QTest::newRow("empty file, as a cut-short save leaves")
        << QByteArray() << false << damaged << u"it is empty"_s;
    QTest::newRow("plain text") << "hello"_ba << false << notVault << u"not a Twofold vault"_s;
    QTest::newRow("another app's JSON")
        << "{\"version\":1,\"header\":{}}"_ba << false << notVault << u"not a Twofold vault"_s;
    QTest::newRow("truncated vault")
        << "{\"format\":\"twofold-vault\",\"version\":1,\"sl"_ba << false << damaged << u".bak"_s;
    QTest::newRow("slots missing")
        << "{\"format\":\"twofold-vault\",\"version\":1}"_ba << false << damaged << u".bak"_s;
    QTest::newRow("version 2 from a newer Twofold")
        << "{\"format\":\"twofold-vault\",\"version\":2,\"slots\":[]}"_ba << false << newer
        << u"Update Twofold to open it"_s;
    QTest::newRow("version 99 from a much newer Twofold")
        << "{\"format\":\"twofold-vault\",\"version\":99}"_ba << false << newer
        << u"made by a newer Twofold"_s;
    QTest::newRow("negative version")
        << "{\"format\":\"twofold-vault\",\"version\":-1}"_ba << false << damaged << u"version"_s;
}

void tst_Vault::unreadableFilesSayWhy()
{
    QFETCH(QByteArray, contents);
    QFETCH(bool, absent);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    QDir().mkpath(QFileInfo(vaultPath()).absolutePath());
    if (!absent)
        QVERIFY(writeFile(vaultPath(), contents));
    const Result<Vault> opened = Vault::open(vaultPath());
    QVERIFY(!opened);
    QCOMPARE(int(opened.error().code), code);
    QVERIFY2(opened.error().message.contains(messagePart), qPrintable(opened.error().message));
    if (code == int(ErrorCode::VaultDamaged))
        QVERIFY(opened.error().message.contains(QDir::toNativeSeparators(vaultPath())));
    // The same answer without a file, except that there is no path to name (nor a cut save).
    if (!absent && !contents.isEmpty())
        QCOMPARE(int(Vault::fromBytes(contents).error().code), code);
}

void tst_Vault::migratesVersion0_data()
{
    QTest::addColumn<QStringList>("uris");
    QTest::newRow("no accounts") << QStringList();
    QTest::newRow("one totp account")
        << QStringList { u"otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME"_s };
    QTest::newRow("totp, hotp and steam") << QStringList {
        u"otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME&digits=8&algorithm=SHA256"_s,
        u"otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Bank&counter=42"_s,
        u"otpauth://steam/Steam:gamer?secret=MFRGGZDFMZTWQ2LK&issuer=Steam"_s,
    };
}

void tst_Vault::migratesVersion0()
{
    QFETCH(QStringList, uris);
    QDir().mkpath(QFileInfo(vaultPath()).absolutePath());
    QVERIFY(writeFile(
        vaultPath(),
        buildVaultFile(0, QJsonObject { { u"uris"_s, QJsonArray::fromStringList(uris) } })));
    Result<Vault> opened = Vault::open(vaultPath());
    VERIFY_OK(opened);
    VERIFY_OK(opened->unlockWithPassword(password));
    QCOMPARE(opened->accounts().size(), uris.size());
    for (qsizetype i = 0; i < uris.size(); ++i) {
        const Account &account = opened->accounts().at(i);
        QVERIFY(!account.id.isNull());
        QVERIFY(account.otp == *OtpAuthUri::parse(uris.at(i)));
    }
    const QList<Account> migrated = opened->accounts();

    // Saving writes the current schema; the migrated ids are kept from then on.
    VERIFY_OK(opened->save());
    const QJsonObject header = QJsonDocument::fromJson(readFile(vaultPath())).object();
    QCOMPARE(header.value(u"version"_s).toInt(), Vault::schemaVersion);
    Result<Vault> reopened = Vault::open(vaultPath());
    VERIFY_OK(reopened);
    VERIFY_OK(reopened->unlockWithPassword(password));
    QVERIFY(reopened->accounts() == migrated);

    // A version 0 file whose list is damaged inside fails with a message, no partial list.
    QVERIFY(writeFile(
        vaultPath(),
        buildVaultFile(0, QJsonObject { { u"uris"_s, QJsonArray { u"otpauth://nope"_s } } })));
    Result<Vault> bad = Vault::open(vaultPath());
    VERIFY_OK(bad);
    const Result<void> refused = bad->unlockWithPassword(password);
    QCOMPARE(refused.error().code, ErrorCode::VaultDamaged);
    QVERIFY(bad->accounts().isEmpty());
}

void tst_Vault::documentedLayoutOpensAndUnknownSlotsSurvive()
{
    const QJsonObject account {
        { u"id"_s, u"6b8d3f3e-1d2a-4c43-9a0e-6f1d5f3b2a10"_s },
        { u"type"_s, u"totp"_s },
        { u"issuer"_s, u"ACME"_s },
        { u"account"_s, u"alice"_s },
        { u"secret"_s, u"JBSWY3DPEHPK3PXP"_s },
        { u"algorithm"_s, u"SHA1"_s },
        { u"digits"_s, 6 },
        { u"period"_s, 30 },
        { u"counter"_s, 0 },
        { u"group"_s, u"work"_s },
        { u"icon"_s, QString() },
        { u"pinned"_s, true },
        { u"useCount"_s, 3 },
        { u"addedAt"_s, 1700000000 },
        { u"color"_s, u"an unknown key, ignored"_s },
    };
    const QJsonObject futureSlot { { u"type"_s, u"fido2"_s }, { u"credential"_s, u"abc"_s } };
    QDir().mkpath(QFileInfo(vaultPath()).absolutePath());
    QVERIFY(writeFile(vaultPath(),
                      buildVaultFile(1, QJsonObject { { u"accounts"_s, QJsonArray { account } } },
                                     QJsonArray { futureSlot })));
    Result<Vault> opened = Vault::open(vaultPath());
    VERIFY_OK(opened);
    QVERIFY(!opened->hasKeychainSlot());
    VERIFY_OK(opened->unlockWithPassword(password));
    QCOMPARE(opened->accounts().size(), 1);
    const Account &read = opened->accounts().constFirst();
    QCOMPARE(read.id, QUuid::fromString(u"6b8d3f3e-1d2a-4c43-9a0e-6f1d5f3b2a10"_s));
    QCOMPARE(read.otp.secret, *Base32::decode(u"JBSWY3DPEHPK3PXP"_s));
    QCOMPARE(read.group, u"work"_s);
    QVERIFY(read.pinned);
    QCOMPARE(read.useCount, 3);
    QCOMPARE(read.addedAt, qint64(1700000000));

    VERIFY_OK(opened->save());
    const QJsonArray keySlots
        = QJsonDocument::fromJson(readFile(vaultPath())).object().value(u"slots"_s).toArray();
    QVERIFY(keySlots.contains(futureSlot));
    Result<Vault> reopened = Vault::open(vaultPath());
    VERIFY_OK(reopened);
    VERIFY_OK(reopened->unlockWithPassword(password));
}

void tst_Vault::addAccountsCountsDuplicates_data()
{
    QTest::addColumn<int>("existing"); // how many of the batch are added first
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("added");
    QTest::addColumn<int>("duplicates");
    QTest::addColumn<int>("total");
    // The batch is always: a, b, a again, a with other digits and type, a under another issuer.
    QTest::newRow("fresh vault: repeats within the batch") << 0 << 5 << 3 << 2 << 3;
    QTest::newRow("first account already stored") << 1 << 5 << 2 << 3 << 3;
    QTest::newRow("everything already stored") << 5 << 5 << 0 << 5 << 3;
    QTest::newRow("empty batch") << 0 << 0 << 0 << 0 << 0;
}

void tst_Vault::addAccountsCountsDuplicates()
{
    QFETCH(int, existing);
    QFETCH(int, batch);
    QFETCH(int, added);
    QFETCH(int, duplicates);
    QFETCH(int, total);
    const Account a = makeAccount(u"ACME"_s, u"alice"_s, "secret-a"_ba);
    Account aAgain = a;
    aAgain.otp.type = OtpType::Hotp;
    aAgain.otp.digits = 8;
    QList<Account> accounts { a, makeAccount(u"ACME"_s, u"bob"_s, "secret-b"_ba), a, aAgain,
                              makeAccount(u"Other"_s, u"alice"_s, "secret-a"_ba) };
    accounts = accounts.mid(0, batch);

    Result<Vault> created = Vault::create(vaultPath());
    VERIFY_OK(created);
    if (existing > 0)
        VERIFY_OK(created->addAccounts(accounts.mid(0, existing)));
    const Result<AddSummary> summary = created->addAccounts(accounts);
    VERIFY_OK(summary);
    QCOMPARE(summary->added, added);
    QCOMPARE(summary->duplicates, duplicates);
    QCOMPARE(created->accounts().size(), total);
}

void tst_Vault::addAccountsIsAllOrNothing_data()
{
    QTest::addColumn<int>("badIndex");
    QTest::addColumn<int>("digits");
    QTest::addColumn<QByteArray>("secret");
    QTest::newRow("empty secret first") << 0 << 6 << QByteArray();
    QTest::newRow("empty secret last") << 2 << 6 << QByteArray();
    QTest::newRow("eleven digits in the middle") << 1 << 11 << "secret"_ba;
}

void tst_Vault::addAccountsIsAllOrNothing()
{
    QFETCH(int, badIndex);
    QFETCH(int, digits);
    QFETCH(QByteArray, secret);
    QList<Account> batch { makeAccount(u"A"_s, u"a"_s, "secret-a"_ba),
                           makeAccount(u"B"_s, u"b"_s, "secret-b"_ba),
                           makeAccount(u"C"_s, u"c"_s, "secret-c"_ba) };
    batch[badIndex].otp.secret = secret;
    batch[badIndex].otp.digits = digits;
    batch[badIndex].otp.issuer = u"Faulty"_s;

    Result<Vault> created = Vault::create(vaultPath());
    VERIFY_OK(created);
    VERIFY_OK(created->addAccounts({ makeAccount(u"Z"_s, u"z"_s, "secret-z"_ba) }));
    const Result<AddSummary> summary = created->addAccounts(batch);
    QVERIFY(!summary);
    QVERIFY2(summary.error().message.contains(u"Faulty"_s), qPrintable(summary.error().message));
    QVERIFY(summary.error().message.contains(u"Account %1"_s.arg(badIndex + 1)));
    QVERIFY(!summary.error().message.contains(QString::fromLatin1(secret)) || secret.isEmpty());
    QCOMPARE(created->accounts().size(), 1);
}

void tst_Vault::addAccountsAssignsIdsAndTimes()
{
    Result<Vault> created = Vault::create(vaultPath());
    VERIFY_OK(created);
    created->setClock(&m_clock);
    Account withId = makeAccount(u"A"_s, u"a"_s, "secret-a"_ba);
    withId.id = QUuid::createUuid();
    withId.addedAt = 42;
    Account sameId = makeAccount(u"B"_s, u"b"_s, "secret-b"_ba);
    sameId.id = withId.id;
    VERIFY_OK(created->addAccounts({ withId }));
    m_clock.advance(100);
    VERIFY_OK(created->addAccounts({ sameId, makeAccount(u"C"_s, u"c"_s, "secret-c"_ba) }));

    const QList<Account> &stored = created->accounts();
    QCOMPARE(stored.size(), 3);
    QCOMPARE(stored.at(0).id, withId.id);
    QCOMPARE(stored.at(0).addedAt, qint64(42));
    QVERIFY(stored.at(1).id != withId.id); // a taken id is replaced
    QVERIFY(!stored.at(2).id.isNull());
    QVERIFY(stored.at(1).id != stored.at(2).id);
    QCOMPARE(stored.at(1).addedAt, m_clock.currentSecsSinceEpoch());
    QCOMPARE(stored.at(2).addedAt, qint64(1700000100));
}

void tst_Vault::updateAndRemove()
{
    Result<Vault> saved = savedVault(
        { makeAccount(u"A"_s, u"a"_s, "secret-a"_ba), makeAccount(u"B"_s, u"b"_s, "secret-b"_ba) });
    VERIFY_OK(saved);
    Account changed = saved->accounts().at(0);
    changed.group = u"moved"_s;
    changed.useCount = 7;
    VERIFY_OK(saved->updateAccount(changed));
    VERIFY_OK(saved->removeAccount(saved->accounts().at(1).id));
    QVERIFY(!saved->removeAccount(QUuid::createUuid()));
    Account unknown = changed;
    unknown.id = QUuid::createUuid();
    QVERIFY(!saved->updateAccount(unknown));
    Account invalid = changed;
    invalid.otp.secret.clear();
    QVERIFY(!saved->updateAccount(invalid));
    VERIFY_OK(saved->save());

    Result<Vault> opened = Vault::open(vaultPath());
    VERIFY_OK(opened);
    VERIFY_OK(opened->unlockWithPassword(password));
    QCOMPARE(opened->accounts().size(), 1);
    QVERIFY(opened->accounts().constFirst() == changed);
}

void tst_Vault::bytesRoundTrip()
{
    Result<Vault> created = Vault::create(QString());
    VERIFY_OK(created);
    VERIFY_OK(created->addAccounts({ makeAccount(u"A"_s, u"a"_s, "secret-a"_ba) }));
    QCOMPARE(created->toBytes().error().code, ErrorCode::InvalidArgument); // no slot yet
    VERIFY_OK(created->setPassword(password));
    const Result<QByteArray> bytes = created->toBytes();
    VERIFY_OK(bytes);
    QVERIFY(!bytes->contains("secret-a"));

    Result<Vault> read = Vault::fromBytes(*bytes);
    VERIFY_OK(read);
    QVERIFY(read->path().isEmpty());
    QVERIFY(read->isLocked());
    VERIFY_OK(read->unlockWithPassword(password));
    QVERIFY(read->accounts() == created->accounts());
    QVERIFY2(!read->save(), "bytes have no file to save to");
}

void tst_Vault::saveKeepsBackupAndPermissions()
{
    Result<Vault> saved = savedVault({ makeAccount(u"A"_s, u"a"_s, "secret-a"_ba) });
    VERIFY_OK(saved);
    QCOMPARE(fileMode(QFileInfo(vaultPath()).absolutePath()), 0700);
    QCOMPARE(fileMode(vaultPath()), 0600);
    QVERIFY(!QFile::exists(vaultPath() + u".bak"_s)); // nothing to back up on the first save
    const QByteArray first = readFile(vaultPath());

    VERIFY_OK(saved->addAccounts({ makeAccount(u"B"_s, u"b"_s, "secret-b"_ba) }));
    VERIFY_OK(saved->save());
    QCOMPARE(readFile(vaultPath() + u".bak"_s), first);
    QCOMPARE(fileMode(vaultPath() + u".bak"_s), 0600);
    QCOMPARE(fileMode(vaultPath()), 0600);

    Result<Vault> backup = Vault::open(vaultPath() + u".bak"_s);
    VERIFY_OK(backup);
    VERIFY_OK(backup->unlockWithPassword(password));
    QCOMPARE(backup->accounts().size(), 1);
    Result<Vault> current = Vault::open(vaultPath());
    VERIFY_OK(current);
    VERIFY_OK(current->unlockWithPassword(password));
    QCOMPARE(current->accounts().size(), 2);
}

void tst_Vault::moveKeepsTheVault()
{
    Result<Vault> saved = savedVault({ makeAccount(u"A"_s, u"a"_s, "secret-a"_ba) });
    VERIFY_OK(saved);
    Vault moved(std::move(*saved));
    QVERIFY(!moved.isLocked());
    QCOMPARE(moved.accounts().size(), 1);
    Result<Vault> other = Vault::create(m_dir->filePath(u"other.json"_s));
    VERIFY_OK(other);
    *other = std::move(moved);
    QCOMPARE(other->path(), vaultPath());
    QCOMPARE(other->accounts().size(), 1);
}

void tst_Vault::killDuringSaveLeavesAVaultThatOpens_data()
{
    QTest::addColumn<int>("killAfter");
    QTest::addColumn<int>("ticksAfter");
    for (int round = 0; round < 30; ++round) {
        const int saves = 1 + (round * 7) % 13;
        const int ticks = (round * 397) % 1500;
        QTest::addRow("round %d, killed %d ticks after %d saves", round + 1, ticks, saves)
            << saves << ticks;
    }
}

// vaultwriter saves in a tight loop, every account stamped with the save's number, and prints
// "saved N" after each save returns. Killed at any point, the vault must open and hold one
// save's stamp throughout: the last one printed, or the one under way if its rename landed.
// The .bak must open too, one save behind at most.
void tst_Vault::killDuringSaveLeavesAVaultThatOpens()
{
    QFETCH(int, killAfter);
    QFETCH(int, ticksAfter);
    // The same vault for every round, grown large enough that a kill often lands mid-write.
    static std::unique_ptr<QTemporaryDir> shared;
    if (!shared) {
        shared = std::make_unique<QTemporaryDir>();
        QList<Account> accounts;
        for (int i = 0; i < 300; ++i)
            accounts.append(
                makeAccount(u"Issuer %1"_s.arg(i), u"someone@example.com"_s, *randomBytes(32)));
        Result<Vault> created = Vault::create(shared->filePath(u"vault.json"_s));
        VERIFY_OK(created);
        VERIFY_OK(created->setPassword(password));
        VERIFY_OK(created->addAccounts(accounts));
        VERIFY_OK(created->save());
    }
    const QString path = shared->filePath(u"vault.json"_s);

    QProcess writer;
    writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    writer.start(QStringLiteral(TWOFOLD_VAULTWRITER), { path, password });
    QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));
    int lastPrinted = -1;
    int seen = 0;
    int ticks = 0; // since the killAfter-th save
    const auto reached = [&] { return seen >= killAfter && ticks >= ticksAfter; };
    // Reads whole lines; stops at the kill point unless told to drain everything.
    const auto readLines = [&](bool drain) {
        while (writer.canReadLine() && (drain || !reached())) {
            const QByteArray line = writer.readLine().trimmed();
            if (line.startsWith("saved ")) {
                lastPrinted = line.mid(6).toInt();
                ++seen;
            } else if (line == "tick" && seen >= killAfter) {
                ++ticks;
            }
        }
    };
    // The ticks move the kill through the save cycle; without them it lands at one phase.
    while (!reached()) {
        if (!writer.canReadLine())
            QVERIFY2(writer.waitForReadyRead(60000), "vaultwriter stopped printing saves");
        readLines(false);
    }
    writer.kill();
    QVERIFY(writer.waitForFinished());
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    readLines(true);

    const auto stampOf = [](const QString &file, int &stamp) {
        Result<Vault> opened = Vault::open(file);
        VERIFY_OK(opened);
        VERIFY_OK(opened->unlockWithPassword(password));
        const QList<Account> &accounts = opened->accounts();
        QCOMPARE(accounts.size(), 300);
        stamp = accounts.constFirst().useCount;
        for (const Account &account : accounts) {
            QCOMPARE(account.useCount, stamp);
            QCOMPARE(account.group, stamp == 0 ? QString() : u"save %1"_s.arg(stamp));
        }
    };
    int current = -1;
    stampOf(path, current);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(current == lastPrinted || current == lastPrinted + 1,
             qPrintable(u"the vault holds save %1, the writer last reported %2"_s.arg(current).arg(
                 lastPrinted)));
    int backup = -1;
    stampOf(path + u".bak"_s, backup);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(backup == current || backup == current - 1,
             qPrintable(u"the backup holds save %1, the vault %2"_s.arg(backup).arg(current)));
}

QTEST_GUILESS_MAIN(tst_Vault)
#include "tst_vault.moc"
