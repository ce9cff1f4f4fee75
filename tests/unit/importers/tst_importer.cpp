#include "importvectors.h"
#include "otp/otpauthuri.h"
#include "vault/exporter.h"
#include "vault/importer.h"
#include "vectors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace importvectors;
using twofold::ErrorCode;
using twofold::vault::Account;
using twofold::vault::Importer;

Q_DECLARE_METATYPE(Importer::Format)
Q_DECLARE_METATYPE(twofold::ErrorCode)

namespace {

// The error's message for QVERIFY2, which evaluates its message even when the check passes.
template<typename T> QByteArray why(const twofold::Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

// Field by field, so a failure says which field of which account.
void compareAccounts(const QList<Account> &actual, const QList<OtpParameters> &expectedList)
{
    QCOMPARE(actual.size(), expectedList.size());
    QSet<QUuid> ids;
    for (qsizetype i = 0; i < actual.size(); ++i) {
        const OtpParameters &a = actual[i].otp;
        const OtpParameters &e = expectedList[i];
        const QString at = u"account %1 (%2: %3)"_s.arg(i + 1).arg(e.issuer, e.account);
        const auto field = [&at](const char *name, const QString &value) {
            return QString(at + u' ' + QString::fromLatin1(name) + u": "_s + value);
        };
        QVERIFY2(a.issuer == e.issuer, qPrintable(field("issuer", a.issuer)));
        QVERIFY2(a.account == e.account, qPrintable(field("account", a.account)));
        QVERIFY2(a.type == e.type, qPrintable(field("type", twofold::otpTypeName(a.type))));
        QVERIFY2(a.secret == e.secret, qPrintable(field("secret", u"differs"_s)));
        QVERIFY2(a.algorithm == e.algorithm,
                 qPrintable(field("algorithm", twofold::hashAlgorithmName(a.algorithm))));
        QVERIFY2(a.digits == e.digits, qPrintable(field("digits", QString::number(a.digits))));
        QVERIFY2(a.period == e.period, qPrintable(field("period", QString::number(a.period))));
        QVERIFY2(a.counter == e.counter, qPrintable(field("counter", QString::number(a.counter))));
        QVERIFY2(a == e, qPrintable(field("another field", u"differs"_s)));
        QVERIFY2(!actual[i].id.isNull(), qPrintable(field("id", u"missing"_s)));
        QCOMPARE(actual[i].addedAt, 0);
        ids.insert(actual[i].id);
    }
    QCOMPARE(ids.size(), actual.size()); // fresh, distinct ids
}

QByteArray vector(const QString &dir, const QString &name)
{
    return readFile(dir + u'/' + name);
}

// A minimal Aegis vault around one entry's JSON, for the malformed-input rows.
QByteArray aegisWith(const QByteArray &entries)
{
    return R"({"version":1,"header":{"slots":null,"params":null},"db":{"version":2,"entries":)"
        + entries + "}}";
}

const QByteArray goodAegisEntry = R"({"type":"totp","uuid":"3ae6f1ad-2e65-4ed2-a953-1ec0dff2386d",
    "name":"Mason","issuer":"Deno","icon":null,"info":{"secret":"4SJHB4GSD43FZBAI7C2HLRJGPQ",
    "algo":"SHA1","digits":6,"period":30}})";

} // namespace

class TestImporter final : public QObject
{
    Q_OBJECT

private slots:
    void readsVectorFile_data();
    void readsVectorFile();
    void readsGoogleExportText();
    void readsGoogleExportImage();
    void rejectsGoogleVector_data();
    void rejectsGoogleVector();
    void wrongPassword_data();
    void wrongPassword();
    void missingPassword_data();
    void missingPassword();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void keepsWhatOtpauthCarries_data();
    void keepsWhatOtpauthCarries();
    void detects_data();
    void detects();
    void needsPasswordForEncryptedFormatsOnly();
};

void TestImporter::readsVectorFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("password");
    QTest::addColumn<Importer::Format>("format");
    QTest::addColumn<QList<OtpParameters>>("accounts");
    for (const VectorFile &v : vectorFiles()) {
        QTest::addRow("%s gives its accounts", v.file)
            << QString::fromLatin1(v.file) << QString::fromLatin1(v.password) << v.format
            << v.accounts;
    }
}

void TestImporter::readsVectorFile()
{
    REQUIRE_VECTORS(dir);
    QFETCH(QString, file);
    QFETCH(QString, password);
    QFETCH(Importer::Format, format);
    QFETCH(QList<OtpParameters>, accounts);

    const QByteArray data = vector(dir, u"import/"_s + file);
    QVERIFY2(!data.isEmpty(), qPrintable(file));
    QCOMPARE(Importer::detect(data), format);
    QCOMPARE(Importer::needsPassword(format), !password.isEmpty());
    const auto imported = Importer::read(data, password);
    QVERIFY2(imported.has_value(), why(imported).constData());
    QCOMPARE(imported->format, format);
    compareAccounts(imported->accounts, accounts);
}

// example_output.json is what extract_otp_secrets, another implementation, decodes from
// example_export.txt; the importer must give the same accounts in the same order.
void TestImporter::readsGoogleExportText()
{
    REQUIRE_VECTORS(dir);
    const QByteArray data = vector(dir, u"google/example_export.txt"_s);
    const QJsonArray peers
        = QJsonDocument::fromJson(vector(dir, u"google/example_output.json"_s)).array();
    QVERIFY(peers.size() >= 5);
    QCOMPARE(Importer::detect(data), Importer::Format::GoogleMigration);
    const auto imported = Importer::read(data);
    QVERIFY2(imported.has_value(), why(imported).constData());
    QCOMPARE(imported->accounts.size(), peers.size());
    for (qsizetype i = 0; i < peers.size(); ++i) {
        const QJsonObject peer = peers[i].toObject();
        const OtpParameters &a = imported->accounts[i].otp;
        QCOMPARE(twofold::Base32::encode(a.secret), peer.value("secret"_L1).toString());
        QCOMPARE(twofold::otpTypeName(a.type), peer.value("type"_L1).toString());
        if (a.type == OtpType::Hotp)
            QCOMPARE(qint64(a.counter), peer.value("counter"_L1).toInteger());
        // With no issuer, the name splits on its first ':' (README, google/).
        QString issuer = peer.value("issuer"_L1).toString();
        QString account = peer.value("name"_L1).toString();
        if (issuer.isEmpty() && account.contains(u':')) {
            issuer = account.section(u':', 0, 0).trimmed();
            account = account.section(u':', 1).trimmed();
        }
        QCOMPARE(a.issuer, issuer);
        QCOMPARE(a.account, account);
        QCOMPARE(a.period, 30);
    }
}

void TestImporter::readsGoogleExportImage()
{
    REQUIRE_VECTORS(dir);
    const QByteArray data = vector(dir, u"google/example_export.png"_s);
    QCOMPARE(Importer::detect(data), Importer::Format::GoogleMigration);
    const auto imported = Importer::read(data);
    QVERIFY2(imported.has_value(), why(imported).constData());
    QVERIFY(!imported->accounts.isEmpty());
    for (const Account &account : imported->accounts)
        QVERIFY(account.otp.validate().has_value());
}

void TestImporter::rejectsGoogleVector_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("a QR image without an OTP URI") << u"qr_but_without_otp.png"_s;
    QTest::newRow("text named .jpeg") << u"text_masquerading_as_image.jpeg"_s;
    QTest::newRow("text that is no export") << u"test_export_wrong_content.txt"_s;
    QTest::newRow("migration URI with bad data") << u"test_export_wrong_data.txt"_s;
    QTest::newRow("migration URI behind a prefix") << u"test_export_wrong_prefix.txt"_s;
}

void TestImporter::rejectsGoogleVector()
{
    REQUIRE_VECTORS(dir);
    QFETCH(QString, file);
    const QByteArray data = vector(dir, u"google/"_s + file);
    QVERIFY(!data.isEmpty());
    const auto imported = Importer::read(data);
    QVERIFY2(!imported.has_value(), qPrintable(file + u" was accepted"_s));
    QVERIFY(!imported.error().message.isEmpty());
}

void TestImporter::wrongPassword_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("Aegis: wrong password") << u"aegis_encrypted.json"_s;
    QTest::newRow("2FAS: wrong password") << u"2fas_authenticator_encrypted.2fas"_s;
    QTest::newRow("andOTP: wrong password") << u"andotp_encrypted.bin"_s;
}

void TestImporter::wrongPassword()
{
    REQUIRE_VECTORS(dir);
    QFETCH(QString, file);
    const auto imported = Importer::read(vector(dir, u"import/"_s + file), u"tesT"_s);
    QVERIFY(!imported.has_value());
    QCOMPARE(imported.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(imported.error().message.startsWith(u"The password is wrong"_s),
             why(imported).constData());
}

void TestImporter::missingPassword_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");
    QTest::newRow("Aegis: no password")
        << u"aegis_encrypted.json"_s << u"This Aegis backup is encrypted; give its password."_s;
    QTest::newRow("2FAS: no password") << u"2fas_authenticator_encrypted.2fas"_s
                                       << u"This 2FAS backup is encrypted; give its password."_s;
    QTest::newRow("andOTP: no password")
        << u"andotp_encrypted.bin"_s << u"This andOTP backup is encrypted; give its password."_s;
}

void TestImporter::missingPassword()
{
    REQUIRE_VECTORS(dir);
    QFETCH(QString, file);
    QFETCH(QString, message);
    const auto imported = Importer::read(vector(dir, u"import/"_s + file));
    QVERIFY(!imported.has_value());
    QCOMPARE(imported.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(imported.error().message, message);
}

void TestImporter::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("mentions"); // what the message must say (the entry, the fault)

    const QByteArray aegisPlain = aegisWith('[' + goodAegisEntry + ']');
    QTest::newRow("Aegis: truncated JSON")
        << aegisPlain.left(aegisPlain.size() / 2) << QString() << u"not valid JSON"_s;
    QTest::newRow("Aegis: entries not a list")
        << aegisWith(R"({"a":1})") << QString() << u"\"db.entries\" should be a list"_s;
    QByteArray entry = goodAegisEntry;
    QTest::newRow("Aegis: digits as text")
        << aegisWith('[' + QByteArray(entry).replace(R"("digits":6)", R"("digits":"6")") + ']')
        << QString() << u"Entry 1 (Deno: Mason): \"digits\" should be a whole number"_s;
    QTest::newRow("Aegis: bad Base32 in the second entry")
        << aegisWith('[' + entry + ','
                     + QByteArray(entry)
                           .replace("4SJHB4GSD43FZBAI7C2HLRJGPQ", "4SJHB4GSD43FZBAI7C2HLRJGP1")
                           .replace("Mason", "Ava")
                     + ']')
        << QString() << u"Entry 2 (Deno: Ava): its secret is not valid Base32"_s;
    QTest::newRow("Aegis: unknown algorithm")
        << aegisWith('[' + QByteArray(entry).replace("SHA1", "MD5") + ']') << QString()
        << u"Entry 1 (Deno: Mason): the algorithm \"MD5\" is not supported"_s;
    QTest::newRow("Aegis: unsupported type")
        << aegisWith('[' + QByteArray(entry).replace(R"("totp")", R"("motp")") + ']') << QString()
        << u"Entry 1 (Deno: Mason): the type \"motp\" is not supported"_s;
    QTest::newRow("Aegis: info missing")
        << aegisWith(R"([{"type":"totp","name":"Mason","issuer":"Deno"}])") << QString()
        << u"Entry 1 (Deno: Mason): \"info\" is missing"_s;
    QTest::newRow("Aegis: version 2 file")
        << aegisWith('[' + entry + ']').replace(R"({"version":1)", R"({"version":2)") << QString()
        << u"version 2"_s;
    QTest::newRow("Aegis: encrypted with a short salt")
        << QByteArray(R"({"version":1,"header":{"slots":[{"type":1,"uuid":"x","key":"00",
            "key_params":{"nonce":"00","tag":"00"},"n":32768,"r":8,"p":1,"salt":"abcd"}],
            "params":{"nonce":"000000000000000000000000","tag":"00000000000000000000000000000000"}},
            "db":"AAAA"})")
        << u"test"_s << u"\"salt\" should be 32 bytes of hex"_s;

    const QByteArray twoFasHeader = R"({"schemaVersion":2,"services":[],"servicesEncrypted":")";
    QTest::newRow("2FAS: bad base64 in servicesEncrypted")
        << twoFasHeader + R"(!!!!:AAAA:AAAAAAAAAAAAAAAA"})" << u"test"_s
        << u"part 1 of \"servicesEncrypted\" is not valid base64"_s;
    QTest::newRow("2FAS: two parts in servicesEncrypted")
        << twoFasHeader + R"(AAAA:AAAA"})" << u"test"_s << u"three base64 parts"_s;
    QTest::newRow("2FAS: services not a list") << QByteArray(R"({"schemaVersion":2,"services":{}})")
                                               << QString() << u"\"services\" should be a list"_s;
    QTest::newRow("2FAS: secret missing")
        << QByteArray(R"({"schemaVersion":2,"services":[{"name":"Deno",
            "otp":{"account":"Mason","issuer":"Deno"}}]})")
        << QString() << u"Entry 1 (Deno: Mason): \"secret\" is missing"_s;
    QTest::newRow("2FAS: digits out of range")
        << QByteArray(R"({"schemaVersion":2,"services":[{"name":"Deno","secret":"4SJHB4GSD43FZBAI",
            "otp":{"account":"Mason","issuer":"Deno","digits":4}}]})")
        << QString() << u"Entry 1 (Deno: Mason): Digits must be between 6 and 10"_s;

    QTest::newRow("andOTP: truncated JSON")
        << QByteArray(R"([{"secret":"4SJHB4GSD43FZBAI","issuer":"Deno","label":"Mason",)")
        << QString() << u"not valid JSON"_s;
    QTest::newRow("andOTP: counter as text")
        << QByteArray(R"([{"secret":"4SJHB4GSD43FZBAI","issuer":"Deno","label":"Mason",
            "type":"HOTP","counter":"1"}])")
        << QString() << u"Entry 1 (Deno: Mason): \"counter\" should be a whole number"_s;
    QTest::newRow("andOTP: entry not an object")
        << QByteArray(R"([{"secret":"4SJHB4GSD43FZBAI","type":"TOTP"}, 7])") << QString()
        << u"entry 2 is not an object"_s;
    QTest::newRow("andOTP: short encrypted file")
        << QByteArray::fromHex("00023970") + QByteArray(20, 'x') << u"test"_s << u"too short"_s;

    QTest::newRow("Bitwarden: bad bare secret")
        << QByteArray(R"({"encrypted":false,"items":[{"name":"Deno","login":{"username":"Mason",
            "totp":"not a secret!"}}]})")
        << QString() << u"Entry 1 (Deno: Mason): its secret is not valid Base32"_s;
    QTest::newRow("Bitwarden: bad otpauth URI")
        << QByteArray(R"({"encrypted":false,"items":[{"name":"Deno","login":{"username":"Mason",
            "totp":"otpauth://totp/Deno:Mason?issuer=Deno"}}]})")
        << QString() << u"Entry 1 (Deno: Mason):"_s;
    QTest::newRow("Bitwarden: encrypted export")
        << QByteArray(R"({"encrypted":true,"items":[]})") << QString() << u"is encrypted"_s;
    QTest::newRow("Bitwarden: login of the wrong type")
        << QByteArray(R"({"items":[{"name":"Deno","login":"Mason"}]})") << QString()
        << u"Entry 1 (Deno): \"login\" should be an object"_s;

    QTest::newRow("FreeOTP+: secret byte out of range")
        << QByteArray(R"({"tokens":[{"algo":"SHA1","digits":6,"issuerExt":"Deno","label":"Mason",
            "period":30,"secret":[1,2,300],"type":"TOTP"}]})")
        << QString() << u"Entry 1 (Deno: Mason): \"secret\" should hold only bytes"_s;
    QTest::newRow("FreeOTP+: unknown algorithm")
        << QByteArray(R"({"tokens":[{"algo":"MD5","digits":6,"issuerExt":"Deno","label":"Mason",
            "period":30,"secret":[1,2,3,4,5,6,7,8,9,10],"type":"TOTP"}]})")
        << QString() << u"Entry 1 (Deno: Mason): the algorithm \"MD5\" is not supported"_s;
    QTest::newRow("FreeOTP+: tokens not a list")
        << QByteArray(R"({"tokens":"none"})") << QString() << u"does not recognise"_s;

    QTest::newRow("otpauth list: bad second line")
        << QByteArray("otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ\n"
                      "otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UG!!\n")
        << QString() << u"Line 2:"_s;
    QTest::newRow("otpauth list: a line of prose")
        << QByteArray("otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ\nhello\n")
        << QString() << u"Line 2 is not an otpauth"_s;
    QTest::newRow("unknown: prose") << QByteArray("Dear diary,\n") << QString()
                                    << u"Twofold does not recognise this file. Supported:"_s;
    QTest::newRow("unknown: empty file")
        << QByteArray() << QString() << u"Twofold does not recognise this file"_s;
    QTest::newRow("unknown: JSON of another shape")
        << QByteArray(R"({"hello":"world"})") << QString() << u"does not recognise"_s;
}

void TestImporter::rejectsMalformed()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, password);
    QFETCH(QString, mentions);
    const auto imported = Importer::read(data, password);
    QVERIFY2(!imported.has_value(), "accepted; nothing should have been returned");
    QVERIFY2(imported.error().message.contains(mentions),
             qPrintable(u"message: "_s + imported.error().message));
    // Secrets never reach a message.
    QVERIFY(!imported.error().message.contains(u"4SJHB4GSD43FZBAI"_s));
}

void TestImporter::keepsWhatOtpauthCarries_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("account");
    QTest::addColumn<quint64>("counter");

    const QByteArray gammaUri = "otpauth://totp/gamma?secret=GEZDGNBVGY3TQOJQ";
    QTest::newRow("Bitwarden: a URI's issuer from the item name is trimmed")
        << R"({"items":[{"name":" Gamma\t","login":{"totp":")" + gammaUri + R"("}}]})" << u"Gamma"_s
        << u"gamma"_s << quint64(0);
    QTest::newRow("Bitwarden: a blank item name gives a URI no issuer")
        << R"({"items":[{"name":"  ","login":{"totp":")" + gammaUri + R"("}}]})" << QString()
        << u"gamma"_s << quint64(0);
    QTest::newRow("Aegis: a lone surrogate in a name becomes U+FFFD")
        << aegisWith(QByteArray(R"([{"type":"totp","name":"Ma\ud800son","issuer":"\udc00Deno",
            "info":{"secret":"4SJHB4GSD43FZBAI7C2HLRJGPQ"}}])"))
        << u"\uFFFDDeno"_s << u"Ma\uFFFDson"_s << quint64(0);
    QTest::newRow("Aegis: an escaped surrogate pair stays one character")
        << aegisWith(QByteArray(R"([{"type":"totp","name":"\ud83d\udd11","issuer":"Deno",
            "info":{"secret":"4SJHB4GSD43FZBAI7C2HLRJGPQ"}}])"))
        << u"Deno"_s << u"\U0001F511"_s << quint64(0);
    QTest::newRow("andOTP: a counter past 2^53 is kept exact")
        << QByteArray(R"([{"secret":"4SJHB4GSD43FZBAI","label":"Mason","type":"HOTP",
            "counter":9007199254740993}])")
        << QString() << u"Mason"_s << quint64(9007199254740993ULL);
    QTest::newRow("andOTP: a name starting with U+FEFF keeps it")
        << QByteArray(R"([{"secret":"4SJHB4GSD43FZBAI","label":"\ufeffMason","type":"TOTP"}])")
        << QString() << u"\uFEFFMason"_s << quint64(0);
    QTest::newRow("otpauth list: an unescaped emoji in a label is kept")
        << QByteArray("otpauth://totp/Key \xf0\x9f\x94\x91:me?secret=4SJHB4GSD43FZBAI\n")
        << u"Key \U0001F511"_s << u"me"_s << quint64(0);
}

// What an importer gives, the otpauth list export must carry exactly, or moving accounts on
// through URIs would rename them or shift their counters.
void TestImporter::keepsWhatOtpauthCarries()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, issuer);
    QFETCH(QString, account);
    QFETCH(quint64, counter);
    const auto imported = Importer::read(data);
    QVERIFY2(imported, why(imported).constData());
    QCOMPARE(imported->accounts.size(), 1);
    const OtpParameters &otp = imported->accounts.first().otp;
    QCOMPARE(otp.issuer, issuer);
    QCOMPARE(otp.account, account);
    QCOMPARE(otp.counter, counter);

    const auto again = Importer::read(twofold::vault::Exporter::otpauthList(imported->accounts));
    QVERIFY2(again, why(again).constData());
    QCOMPARE(again->accounts.size(), 1);
    QCOMPARE(again->accounts.first().otp.issuer, issuer);
    QCOMPARE(again->accounts.first().otp.account, account);
    QVERIFY(again->accounts.first().otp == otp);
}

void TestImporter::detects_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<Importer::Format>("format");
    QTest::newRow("PNG bytes") << QByteArray("\x89PNG\r\n\x1a\nrest")
                               << Importer::Format::GoogleMigration;
    QTest::newRow("JPEG bytes") << QByteArray("\xff\xd8\xff\xe0rest")
                                << Importer::Format::GoogleMigration;
    QTest::newRow("otpauth line after a comment")
        << QByteArray("# mine\n\notpauth://totp/a?secret=AAAA\n") << Importer::Format::OtpauthList;
    QTest::newRow("migration line")
        << QByteArray("otpauth-migration://offline?data=AA") << Importer::Format::GoogleMigration;
    QTest::newRow("Aegis with db as text") << QByteArray(R"({"version":1,"header":{},"db":"AA=="})")
                                           << Importer::Format::AegisEncrypted;
    QTest::newRow("2FAS encrypted")
        << QByteArray(R"({"schemaVersion":3,"services":[],"servicesEncrypted":"a:b:c"})")
        << Importer::Format::TwoFasEncrypted;
    QTest::newRow("2FAS with empty servicesEncrypted")
        << QByteArray(R"({"schemaVersion":3,"services":[],"servicesEncrypted":""})")
        << Importer::Format::TwoFasPlain;
    QTest::newRow("JSON array") << QByteArray("[]") << Importer::Format::AndOtpPlain;
    QTest::newRow("binary with an iteration count") << QByteArray::fromHex("00023970")
            + QByteArray(60, '\x7f') << Importer::Format::AndOtpEncrypted;
    QTest::newRow("Bitwarden") << QByteArray(R"({"items":[]})") << Importer::Format::Bitwarden;
    QTest::newRow("FreeOTP+") << QByteArray(R"({"tokens":[]})") << Importer::Format::FreeOtpPlus;
    QTest::newRow("random binary")
        << QByteArray("\x13\x37\x00\x01", 4) + QByteArray(60, 'z') << Importer::Format::Unknown;
}

void TestImporter::detects()
{
    QFETCH(QByteArray, data);
    QFETCH(Importer::Format, format);
    QCOMPARE(Importer::detect(data), format);
}

void TestImporter::needsPasswordForEncryptedFormatsOnly()
{
    QVERIFY(Importer::needsPassword(Importer::Format::AegisEncrypted));
    QVERIFY(Importer::needsPassword(Importer::Format::TwofoldBackup));
    QVERIFY(!Importer::needsPassword(Importer::Format::AegisPlain));
    QVERIFY(!Importer::needsPassword(Importer::Format::OtpauthList));
    QCOMPARE(Importer::formatName(Importer::Format::AegisEncrypted), u"Aegis (encrypted)"_s);
}

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
