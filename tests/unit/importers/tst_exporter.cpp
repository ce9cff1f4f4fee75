#include "crypto/aesgcm.h"
#include "crypto/kdf.h"
#include "otp/base32.h"
#include "otp/otpauthuri.h"
#include "qr/qrdecoder.h"
#include "vault/exporter.h"
#include "vault/importer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using twofold::HashAlgorithm;
using twofold::OtpParameters;
using twofold::OtpType;
using twofold::vault::Account;
using twofold::vault::Exporter;
using twofold::vault::Importer;

Q_DECLARE_METATYPE(Importer::Format)

namespace {

// The error's message for QVERIFY2, which evaluates its message even when the check passes.
template<typename T> QByteArray why(const twofold::Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

Account make(OtpType type, HashAlgorithm algorithm, const char *secret, int digits, qint64 n,
             const QString &issuer, const QString &name)
{
    Account a;
    a.id = QUuid::createUuid();
    a.otp.type = type;
    a.otp.algorithm = algorithm;
    a.otp.secret = twofold::Base32::decode(QString::fromLatin1(secret)).value_or(QByteArray());
    a.otp.digits = digits;
    if (type == OtpType::Hotp)
        a.otp.counter = quint64(n);
    else
        a.otp.period = n;
    a.otp.issuer = issuer;
    a.otp.account = name;
    return a;
}

// One of each kind, with names that need escaping in URIs and JSON.
QList<Account> sampleAccounts()
{
    QList<Account> accounts {
        make(OtpType::Totp, HashAlgorithm::Sha1, "4SJHB4GSD43FZBAI7C2HLRJGPQ", 6, 30, u"Deno"_s,
             u"Mason"_s),
        make(OtpType::Totp, HashAlgorithm::Sha256, "5OM4WOOGPLQEF6UGN3CPEOOLWU", 7, 20,
             u"SPDX & Co"_s, u"james@example.com"_s),
        make(OtpType::Hotp, HashAlgorithm::Sha512, "5VAML3X35THCEBVRLV24CGBKOY", 8, 10300,
             u"Air Canada"_s, u"Benjamin"_s),
        make(OtpType::Steam, HashAlgorithm::Sha1, "JRZCL47CMXVOQMNPZR2F7J4RGI", 5, 30, u"Boeing"_s,
             u"Sophia"_s),
        make(OtpType::Totp, HashAlgorithm::Sha1, "BMGRXPGFARQQF4GMT25JATL2VYLAHDBI", 8, 60,
             u"Ünïcode: \"quoted\""_s, u"Zoë"_s),
    };
    accounts[0].pinned = true;
    accounts[1].group = u"Work"_s;
    return accounts;
}

void compareOtp(const QList<Account> &actual, const QList<Account> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        QVERIFY2(actual[i].otp == expected[i].otp,
                 qPrintable(u"account %1: %2 vs %3"_s.arg(i + 1).arg(
                     twofold::OtpAuthUri::serialise(actual[i].otp),
                     twofold::OtpAuthUri::serialise(expected[i].otp))));
    }
}

} // namespace

class TestExporter final : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void aegisEncryptedDecryptsWithPassword();
    void aegisEncryptedRejectsWrongPassword();
    void aegisPlainHasAegisLayout();
    void twofoldBackupNeedsPassword();
    void qrCodeDecodesBack_data();
    void qrCodeDecodesBack();
};

void TestExporter::roundTrip_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("password");
    QTest::addColumn<Importer::Format>("format");
    QTest::addColumn<bool>("keepsFiling"); // pinned and group survive
    QTest::newRow("otpauth list reads back")
        << u"otpauth"_s << QString() << Importer::Format::OtpauthList << false;
    QTest::newRow("Aegis plain reads back")
        << u"aegis"_s << QString() << Importer::Format::AegisPlain << true;
    QTest::newRow("Aegis encrypted reads back with its password")
        << u"aegis"_s << u"correct horse"_s << Importer::Format::AegisEncrypted << true;
    QTest::newRow("Twofold backup reads back with its password")
        << u"twofold"_s << u"correct horse"_s << Importer::Format::TwofoldBackup << true;
}

void TestExporter::roundTrip()
{
    QFETCH(QString, kind);
    QFETCH(QString, password);
    QFETCH(Importer::Format, format);
    QFETCH(bool, keepsFiling);

    const QList<Account> accounts = sampleAccounts();
    QByteArray bytes;
    if (kind == u"otpauth") {
        bytes = Exporter::otpauthList(accounts);
        QCOMPARE(bytes.count('\n'), accounts.size());
    } else {
        const auto exported = kind == u"aegis" ? Exporter::aegis(accounts, password)
                                               : Exporter::twofoldBackup(accounts, password);
        QVERIFY2(exported.has_value(), why(exported).constData());
        bytes = *exported;
    }
    QCOMPARE(Importer::detect(bytes), format);
    const auto imported = Importer::read(bytes, password);
    QVERIFY2(imported.has_value(), why(imported).constData());
    QCOMPARE(imported->format, format);
    compareOtp(imported->accounts, accounts);
    if (keepsFiling) {
        QCOMPARE(imported->accounts[0].pinned, true);
        QCOMPARE(imported->accounts[1].group, u"Work"_s);
    }
    if (!password.isEmpty()) {
        const auto noPassword = Importer::read(bytes);
        QVERIFY(!noPassword.has_value());
        QVERIFY(noPassword.error().message.contains(u"password"_s));
        const auto wrong = Importer::read(bytes, password + u'!');
        QVERIFY(!wrong.has_value());
        QCOMPARE(wrong.error().code, twofold::ErrorCode::InvalidArgument);
        QVERIFY2(wrong.error().message.startsWith(u"The password is wrong"_s),
                 qPrintable(wrong.error().message));
    }
}

// Decrypted by hand, as Aegis would: scrypt over the slot, unwrap the key, open db.
void TestExporter::aegisEncryptedDecryptsWithPassword()
{
    const auto exported = Exporter::aegis(sampleAccounts(), u"hunter2"_s);
    QVERIFY2(exported.has_value(), why(exported).constData());
    const QJsonObject root = QJsonDocument::fromJson(*exported).object();
    QCOMPARE(root.value("version"_L1).toInt(), 1);
    const QJsonObject header = root.value("header"_L1).toObject();
    const QJsonArray keySlots = header.value("slots"_L1).toArray();
    QCOMPARE(keySlots.size(), 1);
    const QJsonObject slot = keySlots.first().toObject();
    QCOMPARE(slot.value("type"_L1).toInt(), 1);
    QCOMPARE(slot.value("n"_L1).toInt(), 32768);
    QCOMPARE(slot.value("r"_L1).toInt(), 8);
    QCOMPARE(slot.value("p"_L1).toInt(), 1);
    QVERIFY(!QUuid::fromString(slot.value("uuid"_L1).toString()).isNull());
    const auto hex
        = [](const QJsonValue &v) { return QByteArray::fromHex(v.toString().toLatin1()); };
    const QByteArray salt = hex(slot.value("salt"_L1));
    QCOMPARE(salt.size(), 32);

    const auto derived = twofold::scrypt("hunter2", salt, { 32768, 8, 1 }, 32);
    QVERIFY(derived.has_value());
    const QJsonObject keyParams = slot.value("key_params"_L1).toObject();
    const auto masterKey
        = twofold::aesGcmOpen(*derived, hex(keyParams.value("nonce"_L1)), hex(slot.value("key"_L1)),
                              hex(keyParams.value("tag"_L1)));
    QVERIFY2(masterKey.has_value(), "the password does not unwrap the master key");
    QCOMPARE(masterKey->size(), 32);
    const QJsonObject params = header.value("params"_L1).toObject();
    const auto db
        = twofold::aesGcmOpen(*masterKey, hex(params.value("nonce"_L1)),
                              QByteArray::fromBase64(root.value("db"_L1).toString().toLatin1()),
                              hex(params.value("tag"_L1)));
    QVERIFY2(db.has_value(), "the master key does not open db");
    const QJsonObject dbObject = QJsonDocument::fromJson(*db).object();
    QCOMPARE(dbObject.value("version"_L1).toInt(), 2);
    QCOMPARE(dbObject.value("entries"_L1).toArray().size(), sampleAccounts().size());
}

void TestExporter::aegisEncryptedRejectsWrongPassword()
{
    const auto exported = Exporter::aegis(sampleAccounts(), u"hunter2"_s);
    QVERIFY(exported.has_value());
    const auto imported = Importer::read(*exported, u"hunter3"_s);
    QVERIFY(!imported.has_value());
    QVERIFY(imported.error().message.startsWith(u"The password is wrong"_s));
}

// The fields Aegis requires of every entry in a db version 2 vault.
void TestExporter::aegisPlainHasAegisLayout()
{
    const QList<Account> accounts = sampleAccounts();
    const auto exported = Exporter::aegis(accounts, {});
    QVERIFY(exported.has_value());
    const QJsonObject root = QJsonDocument::fromJson(*exported).object();
    QVERIFY(root.value("header"_L1).toObject().value("slots"_L1).isNull());
    QVERIFY(root.value("header"_L1).toObject().value("params"_L1).isNull());
    const QJsonObject db = root.value("db"_L1).toObject();
    QCOMPARE(db.value("version"_L1).toInt(), 2);
    const QJsonArray entries = db.value("entries"_L1).toArray();
    QCOMPARE(entries.size(), accounts.size());
    const char *types[] = { "totp", "totp", "hotp", "steam", "totp" };
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries[i].toObject();
        QCOMPARE(entry.value("type"_L1).toString(), QString::fromLatin1(types[i]));
        QCOMPARE(entry.value("uuid"_L1).toString(), accounts[i].id.toString(QUuid::WithoutBraces));
        QCOMPARE(entry.value("name"_L1).toString(), accounts[i].otp.account);
        QCOMPARE(entry.value("issuer"_L1).toString(), accounts[i].otp.issuer);
        QVERIFY(entry.value("note"_L1).isString());
        QVERIFY(entry.value("favorite"_L1).isBool());
        QVERIFY(entry.contains("icon"_L1) && entry.value("icon"_L1).isNull());
        const QJsonObject info = entry.value("info"_L1).toObject();
        QCOMPARE(info.value("secret"_L1).toString(),
                 twofold::Base32::encode(accounts[i].otp.secret));
        QCOMPARE(info.value("algo"_L1).toString(),
                 twofold::hashAlgorithmName(accounts[i].otp.algorithm));
        QCOMPARE(info.value("digits"_L1).toInt(), accounts[i].otp.digits);
        QCOMPARE(info.contains("counter"_L1), accounts[i].otp.type == OtpType::Hotp);
        QCOMPARE(info.contains("period"_L1), accounts[i].otp.type != OtpType::Hotp);
    }
}

void TestExporter::twofoldBackupNeedsPassword()
{
    const auto exported = Exporter::twofoldBackup(sampleAccounts(), {});
    QVERIFY(!exported.has_value());
    QVERIFY(exported.error().message.contains(u"password"_s));
}

void TestExporter::qrCodeDecodesBack_data()
{
    QTest::addColumn<int>("index");
    const QList<Account> accounts = sampleAccounts();
    for (int i = 0; i < accounts.size(); ++i)
        QTest::addRow(
            "%s account decodes back",
            qPrintable(twofold::otpTypeName(accounts[i].otp.type) + u' ' + accounts[i].otp.issuer))
            << i;
}

void TestExporter::qrCodeDecodesBack()
{
    QFETCH(int, index);
    const Account account = sampleAccounts().at(index);
    const auto image = Exporter::qrCode(account);
    QVERIFY2(image.has_value(), why(image).constData());
    const QStringList payloads = twofold::QrDecoder::decode(*image);
    QCOMPARE(payloads.size(), 1);
    QCOMPARE(payloads.first(), twofold::OtpAuthUri::serialise(account.otp));
    const auto parsed = twofold::OtpAuthUri::parse(payloads.first());
    QVERIFY(parsed.has_value());
    QVERIFY(*parsed == account.otp);
}

QTEST_GUILESS_MAIN(TestExporter)
#include "tst_exporter.moc"
