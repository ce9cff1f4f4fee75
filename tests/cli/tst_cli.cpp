#include "otp/base32.h"
#include "otp/otpauthuri.h"
#include "programrun.h"
#include "tools.h"
#include "vectors.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

using Run = ProgramRun;

Run runCli(const QStringList &arguments, const QByteArray &input = {})
{
    return runProgram(QStringLiteral(TWOFOLD_CLI), arguments, input);
}

QStringList lines(const QString &text)
{
    return text.split(u'\n', Qt::SkipEmptyParts);
}

const QString rfcSha1Secret = u"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"_s; // "12345678901234567890"
const QString rfcSha256Secret = u"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA"_s;
const QString rfcSha512Secret // "1234567890" * 6 + "1234"
    = u"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBV"
      "GY3TQOJQGEZDGNA"_s;
const QString steamSecret = u"63BEDWCQZKTQWPESARIERL5DTTQFCJTK"_s;

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void code_data();
    void code();
    void matchesOathtool_data();
    void matchesOathtool();

    void uriParse_data();
    void uriParse();
    void uriMakeParsesBack_data();
    void uriMakeParsesBack();
    void uriMakeRandomSecret();

    void qrRoundTrip_data();
    void qrRoundTrip();
    void qrSvg_data();
    void qrSvg();
    void qrDecodesQrencodeImage_data();
    void qrDecodesQrencodeImage();
    void qrDecodesSeveralFiles();

    void migrationRoundTrip();
    void migrationDecodesExport_data();
    void migrationDecodesExport();
    void migrationRejects_data();
    void migrationRejects();
    void migrationDecodesOwnQrImage();

    void badInput_data();
    void badInput();
    void help_data();
    void help();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QJsonObject parseUri(const QString &uri);

    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(TWOFOLD_CLI)).isExecutable(), TWOFOLD_CLI);
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
}

// `uri parse` of a URI as JSON; an empty object (after a failed check) when it did not work.
QJsonObject TestCli::parseUri(const QString &uri)
{
    const QStringList arguments { u"uri"_s, u"parse"_s, uri };
    const Run run = runCli(arguments);
    [&] { QVERIFY2(run.ok(), run.describe(arguments)); }();
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(run.out.toUtf8(), &error);
    [&] { QVERIFY2(json.isObject(), qPrintable(error.errorString() + u": "_s + run.out)); }();
    return json.object();
}

void TestCli::code_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    // RFC 6238 appendix B, each algorithm with the key length it uses.
    const struct
    {
        qint64 time;
        const char *sha1;
        const char *sha256;
        const char *sha512;
    } rfc6238[] = {
        { 59, "94287082", "46119246", "90693936" },
        { 1111111109, "07081804", "68084774", "25091201" },
        { 1111111111, "14050471", "67062674", "99943326" },
        { 1234567890, "89005924", "91819424", "93441116" },
        { 2000000000, "69279037", "90698825", "38618901" },
        { 20000000000, "65353130", "77737706", "47863826" },
    };
    for (const auto &row : rfc6238) {
        const QString time = QString::number(row.time);
        QTest::addRow("rfc6238 SHA1 t=%lld", row.time)
            << QStringList { u"code"_s, u"--time"_s, time, u"-d"_s, u"8"_s, rfcSha1Secret }
            << QByteArray() << QString::fromLatin1(row.sha1);
        QTest::addRow("rfc6238 SHA256 t=%lld", row.time)
            << QStringList { u"code"_s, u"--time"_s, time,        u"-d"_s,
                             u"8"_s,    u"-a"_s,     u"SHA256"_s, rfcSha256Secret }
            << QByteArray() << QString::fromLatin1(row.sha256);
        QTest::addRow("rfc6238 SHA512 t=%lld", row.time)
            << QStringList { u"code"_s, u"--time"_s,      time,         u"--digits"_s,
                             u"8"_s,    u"--algorithm"_s, u"sha-512"_s, rfcSha512Secret }
            << QByteArray() << QString::fromLatin1(row.sha512);
    }

    // RFC 4226 appendix D.
    const char *rfc4226[] = { "755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489" };
    for (int counter = 0; counter < 10; ++counter) {
        QTest::addRow("rfc4226 counter=%d", counter)
            << QStringList { u"code"_s, u"--hotp"_s, u"-c"_s, QString::number(counter),
                             rfcSha1Secret }
            << QByteArray() << QString::fromLatin1(rfc4226[counter]);
    }
    QTest::newRow("hotp without --counter starts at 0")
        << QStringList { u"code"_s, u"--hotp"_s, rfcSha1Secret } << QByteArray() << u"755224"_s;

    // Steam Guard, as the Steam mobile app showed it.
    QTest::newRow("steam --steam")
        << QStringList { u"code"_s, u"--steam"_s, u"--time"_s, u"1511200518"_s, steamSecret }
        << QByteArray() << u"FR8RV"_s;
    QTest::newRow("steam URI type")
        << QStringList { u"code"_s, u"--time"_s, u"1511200518"_s,
                         u"otpauth://steam/Steam:gaben?secret="_s + steamSecret }
        << QByteArray() << u"FR8RV"_s;
    QTest::newRow("steam URI encoder=steam") << QStringList {
        u"code"_s, u"--time"_s, u"1511200518"_s,
        u"otpauth://totp/Steam:gaben?secret="_s + steamSecret + u"&issuer=Steam&encoder=steam"_s
    } << QByteArray() << u"FR8RV"_s;

    // The URI's own parameters, then the options on top of them.
    const QString sha1Uri = u"otpauth://totp/ACME:alice?secret="_s + rfcSha1Secret;
    QTest::newRow("URI parameters used")
        << QStringList { u"code"_s, u"--time"_s, u"59"_s, sha1Uri + u"&digits=8"_s } << QByteArray()
        << u"94287082"_s;
    QTest::newRow("URI defaults are 6 digits SHA1 30 s")
        << QStringList { u"code"_s, u"--time"_s, u"59"_s, sha1Uri } << QByteArray() << u"287082"_s;
    QTest::newRow("--digits overrides URI digits") << QStringList {
        u"code"_s, u"--time"_s, u"59"_s, u"-d"_s, u"8"_s, sha1Uri + u"&digits=6"_s
    } << QByteArray() << u"94287082"_s;
    QTest::newRow("--algorithm overrides URI algorithm") << QStringList {
        u"code"_s,   u"--time"_s,
        u"59"_s,     u"-d"_s,
        u"8"_s,      u"-a"_s,
        u"SHA256"_s, u"otpauth://totp/x?algorithm=SHA1&secret="_s + rfcSha256Secret
    } << QByteArray() << u"46119246"_s;
    QTest::newRow("--period overrides URI period")
        << QStringList { u"code"_s, u"--time"_s, u"119"_s,
                         u"-p"_s,   u"60"_s,     sha1Uri + u"&period=30&digits=8"_s }
        << QByteArray() << u"94287082"_s;
    QTest::newRow("--counter overrides URI counter")
        << QStringList { u"code"_s, u"-c"_s, u"1"_s,
                         u"otpauth://hotp/x?counter=5&secret="_s + rfcSha1Secret }
        << QByteArray() << u"287082"_s;
    QTest::newRow("URI counter used")
        << QStringList { u"code"_s, u"otpauth://hotp/x?counter=5&secret="_s + rfcSha1Secret }
        << QByteArray() << u"254676"_s;
    QTest::newRow("--period 60 halves the step")
        << QStringList { u"code"_s, u"--time"_s, u"119"_s, u"-p"_s,
                         u"60"_s,   u"-d"_s,     u"8"_s,   rfcSha1Secret }
        << QByteArray() << u"94287082"_s;

    // Base32 as people paste it.
    QTest::newRow("lower case secret")
        << QStringList { u"code"_s, u"--time"_s, u"59"_s, u"-d"_s, u"8"_s, rfcSha1Secret.toLower() }
        << QByteArray() << u"94287082"_s;
    QTest::newRow("grouped secret with spaces")
        << QStringList { u"code"_s, u"--time"_s, u"59"_s,
                         u"-d"_s,   u"8"_s,      u"GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"_s }
        << QByteArray() << u"94287082"_s;

    // "-" reads the first line of stdin.
    QTest::newRow("secret from stdin")
        << QStringList { u"code"_s, u"--time"_s, u"59"_s, u"-d"_s, u"8"_s, u"-"_s }
        << (rfcSha1Secret.toLatin1() + '\n') << u"94287082"_s;
    QTest::newRow("secret from stdin without newline")
        << QStringList { u"code"_s, u"--time"_s, u"59"_s, u"-d"_s, u"8"_s, u"-"_s }
        << rfcSha1Secret.toLatin1() << u"94287082"_s;
    QTest::newRow("URI from stdin") << QStringList { u"code"_s, u"--time"_s, u"59"_s, u"-"_s }
                                    << (sha1Uri + u"&digits=8\n"_s).toUtf8() << u"94287082"_s;
}

void TestCli::code()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);

    const Run run = runCli(arguments, input);
    QVERIFY2(run.ok(), run.describe(arguments));
    QCOMPARE(run.out, expected + u'\n');
    QCOMPARE(run.err, QString());
}

void TestCli::matchesOathtool_data()
{
    QTest::addColumn<QByteArray>("key"); // raw bytes
    QTest::addColumn<QString>("mode"); // "totp" or "hotp"
    QTest::addColumn<QString>("algorithm");
    QTest::addColumn<int>("digits");
    QTest::addColumn<int>("period");
    QTest::addColumn<qint64>("moment"); // Unix time for TOTP, counter for HOTP

    const QByteArray rfc20 = "12345678901234567890"_ba;
    const QByteArray rfc32 = "12345678901234567890123456789012"_ba;
    const QByteArray rfc64 = "1234567890123456789012345678901234567890123456789012345678901234"_ba;
    const QByteArray deadBeef = QByteArray::fromHex("48656c6c6f21deadbeef");
    const QByteArray odd13 = QByteArray::fromHex("00ff10ef20df30cf40bf50af60");
    QByteArray long100;
    for (int i = 0; i < 100; ++i)
        long100.append(static_cast<char>((i * 37 + 11) & 0xff)); // longer than any block size

    // Each digit count oathtool supports (6 to 8), each algorithm, odd key lengths, periods.
    for (const qint64 t : { qint64(0), qint64(29), qint64(30), qint64(1111111111),
                            qint64(1700000000), qint64(4102444800) }) {
        QTest::addRow("totp SHA1 6 digits t=%lld", t)
            << rfc20 << u"totp"_s << u"SHA1"_s << 6 << 30 << t;
        QTest::addRow("totp SHA256 7 digits t=%lld", t)
            << rfc32 << u"totp"_s << u"SHA256"_s << 7 << 30 << t;
        QTest::addRow("totp SHA512 8 digits t=%lld", t)
            << rfc64 << u"totp"_s << u"SHA512"_s << 8 << 30 << t;
    }
    QTest::newRow("totp 10-byte key")
        << deadBeef << u"totp"_s << u"SHA1"_s << 6 << 30 << qint64(1234567890);
    QTest::newRow("totp 13-byte key needs Base32 padding")
        << odd13 << u"totp"_s << u"SHA256"_s << 8 << 30 << qint64(1234567890);
    QTest::newRow("totp 100-byte key is hashed first")
        << long100 << u"totp"_s << u"SHA1"_s << 6 << 30 << qint64(1234567890);
    QTest::newRow("totp 100-byte key SHA512")
        << long100 << u"totp"_s << u"SHA512"_s << 8 << 30 << qint64(1234567890);
    QTest::newRow("totp 1-byte key")
        << QByteArray(1, 'x') << u"totp"_s << u"SHA1"_s << 6 << 30 << qint64(1234567890);
    QTest::newRow("totp period 60")
        << rfc20 << u"totp"_s << u"SHA1"_s << 6 << 60 << qint64(1234567890);
    QTest::newRow("totp period 1")
        << rfc20 << u"totp"_s << u"SHA1"_s << 6 << 1 << qint64(1234567890);
    QTest::newRow("totp period 3600 SHA512")
        << rfc64 << u"totp"_s << u"SHA512"_s << 8 << 3600 << qint64(1234567890);

    for (const qint64 counter : { qint64(0), qint64(1), qint64(9), qint64(255), qint64(256),
                                  qint64(4294967295), qint64(4294967296) }) {
        QTest::addRow("hotp SHA1 counter=%lld", counter)
            << rfc20 << u"hotp"_s << u"SHA1"_s << 6 << 30 << counter;
    }
    QTest::newRow("hotp 8 digits 13-byte key")
        << odd13 << u"hotp"_s << u"SHA1"_s << 8 << 30 << qint64(123456789);
}

void TestCli::matchesOathtool()
{
    QFETCH(QByteArray, key);
    QFETCH(QString, mode);
    QFETCH(QString, algorithm);
    QFETCH(int, digits);
    QFETCH(int, period);
    QFETCH(qint64, moment);

    REQUIRE_TOOL(oathtool, "oathtool");

    // oathtool gets the key in hex and twofold-cli in Base32, so both decoders are exercised.
    QStringList oathArguments { u"-d"_s, QString::number(digits) };
    QStringList cliArguments { u"code"_s, u"-d"_s, QString::number(digits) };
    if (mode == u"totp") {
        oathArguments << u"--totp=%1"_s.arg(algorithm) << u"-s"_s << u"%1s"_s.arg(period) << u"-N"_s
                      << u"@%1"_s.arg(moment);
        cliArguments << u"--totp"_s << u"-a"_s << algorithm << u"-p"_s << QString::number(period)
                     << u"--time"_s << QString::number(moment);
    } else {
        oathArguments << u"--hotp"_s << u"-c"_s << QString::number(moment);
        cliArguments << u"--hotp"_s << u"-a"_s << algorithm << u"-c"_s << QString::number(moment);
    }
    oathArguments << QString::fromLatin1(key.toHex());
    cliArguments << twofold::Base32::encode(key);

    const Run oath = runProgram(oathtool, oathArguments);
    QVERIFY2(oath.ok(), qPrintable(u"oathtool "_s + oathArguments.join(u' ') + u": "_s + oath.err));
    const Run cli = runCli(cliArguments);
    QVERIFY2(cli.ok(), cli.describe(cliArguments));
    QCOMPARE(cli.out, oath.out);
}

void TestCli::uriParse_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QJsonObject>("expected");

    QTest::newRow("defaults filled in")
        << u"otpauth://totp/alice@example.com?secret=JBSWY3DPEHPK3PXP"_s
        << QJsonObject { { u"type"_s, u"totp"_s },
                         { u"issuer"_s, u""_s },
                         { u"account"_s, u"alice@example.com"_s },
                         { u"secret"_s, u"JBSWY3DPEHPK3PXP"_s },
                         { u"algorithm"_s, u"SHA1"_s },
                         { u"digits"_s, 6 },
                         { u"period"_s, 30 } };
    QTest::newRow("issuer from label and parameter, all fields")
        << u"otpauth://totp/ACME%20Co:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co"
           "&algorithm=SHA512&digits=8&period=60"_s
        << QJsonObject { { u"type"_s, u"totp"_s },
                         { u"issuer"_s, u"ACME Co"_s },
                         { u"account"_s, u"alice"_s },
                         { u"secret"_s, u"JBSWY3DPEHPK3PXP"_s },
                         { u"algorithm"_s, u"SHA512"_s },
                         { u"digits"_s, 8 },
                         { u"period"_s, 60 } };
    QTest::newRow("issuer from label only")
        << u"otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP"_s
        << QJsonObject { { u"type"_s, u"totp"_s },
                         { u"issuer"_s, u"GitHub"_s },
                         { u"account"_s, u"octocat"_s },
                         { u"secret"_s, u"JBSWY3DPEHPK3PXP"_s },
                         { u"algorithm"_s, u"SHA1"_s },
                         { u"digits"_s, 6 },
                         { u"period"_s, 30 } };
    QTest::newRow("UTF-8 account and lower-case padded secret normalised")
        << u"otpauth://totp/B%C3%BCro:J%C3%BCrgen%20M?secret=jbswy3dpehpk3pxp&issuer=B%C3%BCro"_s
        << QJsonObject { { u"type"_s, u"totp"_s },
                         { u"issuer"_s, u"Büro"_s },
                         { u"account"_s, u"Jürgen M"_s },
                         { u"secret"_s, u"JBSWY3DPEHPK3PXP"_s },
                         { u"algorithm"_s, u"SHA1"_s },
                         { u"digits"_s, 6 },
                         { u"period"_s, 30 } };
    QTest::newRow("hotp counter beyond 2^53 kept exact as a string")
        << u"otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=9007199254740993&algorithm=SHA256"_s
        << QJsonObject { { u"type"_s, u"hotp"_s },
                         { u"issuer"_s, u""_s },
                         { u"account"_s, u"x"_s },
                         { u"secret"_s, u"JBSWY3DPEHPK3PXP"_s },
                         { u"algorithm"_s, u"SHA256"_s },
                         { u"digits"_s, 6 },
                         { u"counter"_s, u"9007199254740993"_s } };
    QTest::newRow("steam has 5 digits") << u"otpauth://steam/Steam:gaben?secret="_s + steamSecret
                                        << QJsonObject { { u"type"_s, u"steam"_s },
                                                         { u"issuer"_s, u"Steam"_s },
                                                         { u"account"_s, u"gaben"_s },
                                                         { u"secret"_s, steamSecret },
                                                         { u"algorithm"_s, u"SHA1"_s },
                                                         { u"digits"_s, 5 },
                                                         { u"period"_s, 30 } };
    QTest::newRow("unknown parameters ignored")
        << u"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&image=https%3A%2F%2Fe.com%2Fa.png"_s
        << QJsonObject { { u"type"_s, u"totp"_s },
                         { u"issuer"_s, u""_s },
                         { u"account"_s, u"x"_s },
                         { u"secret"_s, u"JBSWY3DPEHPK3PXP"_s },
                         { u"algorithm"_s, u"SHA1"_s },
                         { u"digits"_s, 6 },
                         { u"period"_s, 30 } };
}

void TestCli::uriParse()
{
    QFETCH(QString, uri);
    QFETCH(QJsonObject, expected);

    QCOMPARE(parseUri(uri), expected);
    if (QTest::currentTestFailed())
        return;
    // "-" reads the URI from stdin.
    const QStringList arguments { u"uri"_s, u"parse"_s, u"-"_s };
    const Run run = runCli(arguments, uri.toUtf8() + '\n');
    QVERIFY2(run.ok(), run.describe(arguments));
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object(), expected);
}

void TestCli::uriMakeParsesBack_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QJsonObject>("expected");

    QTest::newRow("totp with issuer and secret")
        << QStringList { u"--account"_s, u"alice@example.com"_s, u"--issuer"_s,
                         u"ACME Co"_s,   u"--secret"_s,          u"JBSWY3DPEHPK3PXP"_s }
        << QJsonObject { { u"type"_s, u"totp"_s },
                         { u"issuer"_s, u"ACME Co"_s },
                         { u"account"_s, u"alice@example.com"_s },
                         { u"secret"_s, u"JBSWY3DPEHPK3PXP"_s },
                         { u"algorithm"_s, u"SHA1"_s },
                         { u"digits"_s, 6 },
                         { u"period"_s, 30 } };
    QTest::newRow("every otp option")
        << QStringList { u"--account"_s, u"bob"_s,    u"--secret"_s, u"gezd gnbv gy3t qojq"_s,
                         u"-a"_s,        u"SHA512"_s, u"-d"_s,       u"8"_s,
                         u"-p"_s,        u"45"_s }
        << QJsonObject { { u"type"_s, u"totp"_s },
                         { u"issuer"_s, u""_s },
                         { u"account"_s, u"bob"_s },
                         { u"secret"_s, u"GEZDGNBVGY3TQOJQ"_s },
                         { u"algorithm"_s, u"SHA512"_s },
                         { u"digits"_s, 8 },
                         { u"period"_s, 45 } };
    QTest::newRow("hotp with counter")
        << QStringList { u"--account"_s, u"token"_s,    u"--hotp"_s,          u"-c"_s,
                         u"42"_s,        u"--secret"_s, u"JBSWY3DPEHPK3PXP"_s }
        << QJsonObject { { u"type"_s, u"hotp"_s },      { u"issuer"_s, u""_s },
                         { u"account"_s, u"token"_s },  { u"secret"_s, u"JBSWY3DPEHPK3PXP"_s },
                         { u"algorithm"_s, u"SHA1"_s }, { u"digits"_s, 6 },
                         { u"counter"_s, u"42"_s } };
    QTest::newRow("steam") << QStringList { u"--account"_s, u"gaben"_s,   u"--issuer"_s,
                                            u"Steam"_s,     u"--steam"_s, u"--secret"_s,
                                            steamSecret }
                           << QJsonObject { { u"type"_s, u"steam"_s },
                                            { u"issuer"_s, u"Steam"_s },
                                            { u"account"_s, u"gaben"_s },
                                            { u"secret"_s, steamSecret },
                                            { u"algorithm"_s, u"SHA1"_s },
                                            { u"digits"_s, 5 },
                                            { u"period"_s, 30 } };
    QTest::newRow("account with a colon and no issuer")
        << QStringList { u"--account"_s, u"a:b"_s, u"--secret"_s, u"JBSWY3DPEHPK3PXP"_s }
        << QJsonObject { { u"type"_s, u"totp"_s },
                         { u"issuer"_s, u""_s },
                         { u"account"_s, u"a:b"_s },
                         { u"secret"_s, u"JBSWY3DPEHPK3PXP"_s },
                         { u"algorithm"_s, u"SHA1"_s },
                         { u"digits"_s, 6 },
                         { u"period"_s, 30 } };
    QTest::newRow("characters that need escaping survive")
        << QStringList { u"--account"_s,  u"Jürgen & Co?#%/x@y"_s, u"--issuer"_s,
                         u"Büro = 1+1"_s, u"--secret"_s,           u"JBSWY3DPEHPK3PXP"_s }
        << QJsonObject { { u"type"_s, u"totp"_s },
                         { u"issuer"_s, u"Büro = 1+1"_s },
                         { u"account"_s, u"Jürgen & Co?#%/x@y"_s },
                         { u"secret"_s, u"JBSWY3DPEHPK3PXP"_s },
                         { u"algorithm"_s, u"SHA1"_s },
                         { u"digits"_s, 6 },
                         { u"period"_s, 30 } };
}

void TestCli::uriMakeParsesBack()
{
    QFETCH(QStringList, arguments);
    QFETCH(QJsonObject, expected);

    arguments.prepend(u"make"_s);
    arguments.prepend(u"uri"_s);
    const Run made = runCli(arguments);
    QVERIFY2(made.ok(), made.describe(arguments));
    QCOMPARE(lines(made.out).size(), 1);
    QVERIFY2(made.out.startsWith(u"otpauth://"_s), qPrintable(made.out));
    QCOMPARE(parseUri(made.out.trimmed()), expected);
}

void TestCli::uriMakeRandomSecret()
{
    static const QRegularExpression base32Of160Bits(u"^[A-Z2-7]{32}$"_s);
    QStringList secrets;
    for (int i = 0; i < 2; ++i) {
        const QStringList arguments { u"uri"_s, u"make"_s, u"--account"_s, u"carol"_s };
        const Run made = runCli(arguments);
        QVERIFY2(made.ok(), made.describe(arguments));
        const QJsonObject fields = parseUri(made.out.trimmed());
        const QString secret = fields.value(u"secret"_s).toString();
        QVERIFY2(base32Of160Bits.match(secret).hasMatch(), qPrintable(secret));
        QCOMPARE(fields.value(u"account"_s).toString(), u"carol"_s);
        secrets.append(secret);
    }
    QVERIFY2(secrets[0] != secrets[1], qPrintable(secrets.join(u" = "_s)));
}

void TestCli::qrRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("options");

    const QString uri = u"otpauth://totp/ACME%20Co:alice@example.com?secret=JBSWY3DPEHPK3PXP"
                        "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"_s;
    QTest::newRow("otpauth URI, defaults") << uri << QStringList();
    QTest::newRow("ec L scale 1") << uri << QStringList { u"--ec"_s, u"L"_s, u"--scale"_s, u"1"_s };
    QTest::newRow("ec H scale 3") << uri << QStringList { u"--ec"_s, u"h"_s, u"--scale"_s, u"3"_s };
    QTest::newRow("UTF-8 text") << u"Grüße, 世界 ✓"_s << QStringList();
    QTest::newRow("long text") << QString(u"0123456789abcdefghijklmnopqrstuvwxyz-"_s).repeated(20)
                               << QStringList();
}

void TestCli::qrRoundTrip()
{
    QFETCH(QString, text);
    QFETCH(QStringList, options);

    const QString png = path(QString::fromLatin1(QTest::currentDataTag()) + u".png"_s);
    QStringList encode { u"qr"_s, u"encode"_s, u"--out"_s, png };
    encode << options << text;
    const Run encoded = runCli(encode);
    QVERIFY2(encoded.ok(), encoded.describe(encode));
    QCOMPARE(encoded.out, QString());

    const QStringList decode { u"qr"_s, u"decode"_s, png };
    const Run decoded = runCli(decode);
    QVERIFY2(decoded.ok(), decoded.describe(decode));
    QCOMPARE(decoded.out, text + u'\n');
}

void TestCli::qrSvg_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QStringList>("options");

    QTest::newRow("--svg") << u"code.out"_s << QStringList { u"--svg"_s };
    QTest::newRow(".svg file name") << u"code.svg"_s << QStringList();
    QTest::newRow("--svg with ec Q") << u"q.svg"_s << QStringList { u"--svg"_s, u"--ec"_s, u"Q"_s };
}

void TestCli::qrSvg()
{
    QFETCH(QString, fileName);
    QFETCH(QStringList, options);

    // QImage cannot read SVG without QtSvg: check the document, not the picture.
    const QString svg = path(fileName);
    QStringList arguments { u"qr"_s, u"encode"_s, u"--out"_s, svg };
    arguments << options << u"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"_s;
    const Run run = runCli(arguments);
    QVERIFY2(run.ok(), run.describe(arguments));

    QFile file(svg);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    QXmlStreamReader xml(&file);
    QVERIFY2(xml.readNextStartElement(), qPrintable(xml.errorString()));
    QCOMPARE(xml.name(), u"svg"_s);
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
}

void TestCli::qrDecodesQrencodeImage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("level");

    QTest::newRow("otpauth URI level M")
        << u"otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example"_s << u"M"_s;
    QTest::newRow("migration URI level L")
        << u"otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBp"
           "GgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B"_s
        << u"L"_s;
    QTest::newRow("UTF-8 level H") << u"Grüße ✓"_s << u"H"_s;
}

void TestCli::qrDecodesQrencodeImage()
{
    QFETCH(QString, text);
    QFETCH(QString, level);

    REQUIRE_TOOL(qrencode, "qrencode");
    const QString png = path(u"qrencode-%1.png"_s.arg(level));
    const QStringList encode { u"-l"_s, level, u"-o"_s, png, text };
    const Run encoded = runProgram(qrencode, encode);
    QVERIFY2(encoded.ok(), qPrintable(encoded.err));

    const QStringList decode { u"qr"_s, u"decode"_s, png };
    const Run decoded = runCli(decode);
    QVERIFY2(decoded.ok(), decoded.describe(decode));
    QCOMPARE(decoded.out, text + u'\n');
}

void TestCli::qrDecodesSeveralFiles()
{
    QStringList decode { u"qr"_s, u"decode"_s };
    QStringList expected;
    for (int i = 0; i < 3; ++i) {
        const QString text = u"file %1"_s.arg(i);
        const QStringList encode { u"qr"_s, u"encode"_s, u"--out"_s,
                                   path(u"several-%1.png"_s.arg(i)), text };
        const Run encoded = runCli(encode);
        QVERIFY2(encoded.ok(), encoded.describe(encode));
        decode << path(u"several-%1.png"_s.arg(i));
        expected << text;
    }
    const Run decoded = runCli(decode);
    QVERIFY2(decoded.ok(), decoded.describe(decode));
    QCOMPARE(lines(decoded.out), expected);
}

void TestCli::migrationRoundTrip()
{
    // 11 accounts of every kind Google Authenticator can hold: two migration URIs.
    QStringList uris;
    for (int i = 1; i <= 10; ++i) {
        const QByteArray digit = QByteArray::number(i % 10);
        const QString secret = twofold::Base32::encode(digit.repeated(10 + i));
        const QString algorithm = QStringList { u"SHA1"_s, u"SHA256"_s, u"SHA512"_s }.at(i % 3);
        const QString digits = i % 2 ? u"8"_s : u"6"_s;
        if (i % 4 == 3) {
            uris << u"otpauth://hotp/Issuer-%1:user%1@example.com?secret=%2&issuer=Issuer-%1"
                    "&algorithm=%3&digits=%4&counter=%5"_s.arg(
                        QString::number(i), secret, algorithm, digits, QString::number(i * 1000));
        } else {
            uris << u"otpauth://totp/user%1?secret=%2&algorithm=%3&digits=%4&period=30"_s.arg(
                QString::number(i), secret, algorithm, digits);
        }
    }
    uris << u"otpauth://totp/B%C3%BCro:J%C3%BCrgen?secret=JBSWY3DPEHPK3PXP&issuer=B%C3%BCro"_s;
    QCOMPARE(uris.size(), 11);

    const QStringList encode { u"migration"_s, u"encode"_s };
    QByteArray input = "# exported for the test\n\n";
    input += uris.join(u'\n').toUtf8() + '\n';
    const Run encoded = runCli(encode, input);
    QVERIFY2(encoded.ok(), encoded.describe(encode));
    const QStringList migrations = lines(encoded.out);
    QCOMPARE(migrations.size(), 2);
    for (const QString &migration : migrations)
        QVERIFY2(migration.startsWith(u"otpauth-migration://offline?data="_s),
                 qPrintable(migration));

    // Decoded from a text file of both...
    const QString listPath = path(u"migrations.txt"_s);
    QFile list(listPath);
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write(encoded.out.toUtf8());
    list.close();
    const QStringList decode { u"migration"_s, u"decode"_s, listPath };
    const Run decoded = runCli(decode);
    QVERIFY2(decoded.ok(), decoded.describe(decode));
    const QStringList out = lines(decoded.out);
    QCOMPARE(out.size(), uris.size());
    for (qsizetype i = 0; i < uris.size(); ++i) {
        const auto original = twofold::OtpAuthUri::parse(uris[i]);
        const auto roundTripped = twofold::OtpAuthUri::parse(out[i]);
        QVERIFY2(original && roundTripped, qPrintable(uris[i] + u" -> "_s + out[i]));
        QVERIFY2(*original == *roundTripped, qPrintable(uris[i] + u" -> "_s + out[i]));
    }

    // ...and each URI on its own, as an argument.
    QStringList fromArguments;
    for (const QString &migration : migrations) {
        const QStringList one { u"migration"_s, u"decode"_s, migration };
        const Run run = runCli(one);
        QVERIFY2(run.ok(), run.describe(one));
        fromArguments << lines(run.out);
    }
    QCOMPARE(fromArguments, out);
}

void TestCli::migrationDecodesExport_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QStringList>("expected"); // otpauth URIs; empty: the comments in the file

    QTest::newRow("text file of migration URIs") << u"example_export.txt"_s << QStringList();
    QTest::newRow("QR image of a migration URI")
        << u"example_export.png"_s
        << QStringList {
               u"otpauth://totp/Test1:test1@example1.com?secret=JBSWY3DPEHPK3PXP&issuer=Test1"_s,
               u"otpauth://totp/Test2:test2@example2.com?secret=JBSWY3DPEHPK3PXQ&issuer=Test2"_s,
               u"otpauth://totp/Test3:test3@example3.com?secret=JBSWY3DPEHPK3PXR&issuer=Test3"_s,
           };
}

void TestCli::migrationDecodesExport()
{
    QFETCH(QString, fileName);
    QFETCH(QStringList, expected);
    REQUIRE_VECTORS(vectors);

    const QString file = vectors + u"/google/"_s + fileName;
    if (expected.isEmpty()) {
        // The file lists, in "# otpauth://" comments, what each migration URI must yield.
        QFile text(file);
        QVERIFY2(text.open(QIODevice::ReadOnly), qPrintable(text.errorString()));
        for (const QString &line : lines(QString::fromUtf8(text.readAll()))) {
            if (line.startsWith(u"# otpauth://"_s))
                expected << line.mid(2).trimmed();
        }
        QCOMPARE(expected.size(), 6);
    }

    const QStringList arguments { u"migration"_s, u"decode"_s, file };
    const Run run = runCli(arguments);
    QVERIFY2(run.ok(), run.describe(arguments));
    const QStringList out = lines(run.out);
    // Compare as sets of canonical URIs: the comments do not always follow the payload's order.
    const auto canonical = [](const QStringList &uris) {
        QStringList result;
        for (const QString &uri : uris) {
            const auto params = twofold::OtpAuthUri::parse(uri);
            result << (params ? twofold::OtpAuthUri::serialise(*params) : u"invalid: "_s + uri);
        }
        result.sort();
        return result;
    };
    QCOMPARE(canonical(lines(run.out)), canonical(expected));
}

void TestCli::migrationRejects_data()
{
    QTest::addColumn<QString>("fileName");

    QTest::newRow("wrong content") << u"test_export_wrong_content.txt"_s;
    QTest::newRow("wrong data") << u"test_export_wrong_data.txt"_s;
    QTest::newRow("wrong prefix") << u"test_export_wrong_prefix.txt"_s;
    QTest::newRow("QR code without OTP") << u"qr_but_without_otp.png"_s;
    QTest::newRow("text masquerading as image") << u"text_masquerading_as_image.jpeg"_s;
}

void TestCli::migrationRejects()
{
    QFETCH(QString, fileName);
    REQUIRE_VECTORS(vectors);

    const QStringList arguments { u"migration"_s, u"decode"_s, vectors + u"/google/"_s + fileName };
    const Run run = runCli(arguments);
    QVERIFY2(run.failure.isEmpty(), run.describe(arguments));
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QString()); // nothing imported, not even the good part
    QCOMPARE(lines(run.err).size(), 1);
    QVERIFY2(run.err.startsWith(u"twofold-cli migration decode: "_s), qPrintable(run.err));
}

void TestCli::migrationDecodesOwnQrImage()
{
    const QStringList encode { u"migration"_s, u"encode"_s };
    const Run encoded = runCli(
        encode, "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME&digits=8\n");
    QVERIFY2(encoded.ok(), encoded.describe(encode));
    QCOMPARE(lines(encoded.out).size(), 1);

    const QString png = path(u"migration.png"_s);
    const QStringList qr { u"qr"_s, u"encode"_s, u"--out"_s, png, encoded.out.trimmed() };
    const Run image = runCli(qr);
    QVERIFY2(image.ok(), image.describe(qr));

    const QStringList decode { u"migration"_s, u"decode"_s, png };
    const Run decoded = runCli(decode);
    QVERIFY2(decoded.ok(), decoded.describe(decode));
    QCOMPARE(decoded.out,
             u"otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME"
             "&algorithm=SHA1&digits=8&period=30\n"_s);
}

void TestCli::badInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("prefix"); // the first line of stderr starts with it
    QTest::addColumn<QString>("names"); // and names what was wrong

    const QString code = u"twofold-cli code: "_s;
    const QString parse = u"twofold-cli uri parse: "_s;
    const QString make = u"twofold-cli uri make: "_s;

    // Bad input: exit 1, one line.
    QTest::newRow("bad Base32 names the position")
        << QStringList { u"code"_s, u"GEZDG1BV"_s } << QByteArray() << 1 << code << u"position 6"_s;
    QTest::newRow("bad Base32 from stdin names the position")
        << QStringList { u"code"_s, u"-"_s } << "GE!ZDG\n"_ba << 1 << code << u"position 3"_s;
    QTest::newRow("empty secret") << QStringList { u"code"_s, u""_s } << QByteArray() << 1 << code
                                  << u"empty"_s;
    QTest::newRow("empty stdin") << QStringList { u"code"_s, u"-"_s } << QByteArray() << 1 << code
                                 << u"empty"_s;
    QTest::newRow("code: unknown type in URI")
        << QStringList { u"code"_s, u"otpauth://motp/x?secret=JBSWY3DP"_s } << QByteArray() << 1
        << code << u"\"motp\""_s;
    QTest::newRow("wrong scheme") << QStringList { u"uri"_s, u"parse"_s,
                                                   u"https://example.com/?secret=JBSWY3DP"_s }
                                  << QByteArray() << 1 << parse << u"otpauth://"_s;
    QTest::newRow("unknown type") << QStringList { u"uri"_s, u"parse"_s,
                                                   u"otpauth://motp/x?secret=JBSWY3DP"_s }
                                  << QByteArray() << 1 << parse << u"\"motp\""_s;
    QTest::newRow("issuer mismatch")
        << QStringList { u"uri"_s, u"parse"_s,
                         u"otpauth://totp/ACME:alice?secret=JBSWY3DP&issuer=Evil"_s }
        << QByteArray() << 1 << parse << u"\"Evil\""_s;
    QTest::newRow("bad digits in URI")
        << QStringList { u"uri"_s, u"parse"_s, u"otpauth://totp/x?secret=JBSWY3DP&digits=4"_s }
        << QByteArray() << 1 << parse << u"digits"_s;
    QTest::newRow("non-numeric digits in URI")
        << QStringList { u"uri"_s, u"parse"_s, u"otpauth://totp/x?secret=JBSWY3DP&digits=six"_s }
        << QByteArray() << 1 << parse << u"\"six\""_s;
    QTest::newRow("bad Base32 in URI names the position")
        << QStringList { u"uri"_s, u"parse"_s, u"otpauth://totp/x?secret=JBSW0Y3DP"_s }
        << QByteArray() << 1 << parse << u"position 5"_s;
    QTest::newRow("missing secret")
        << QStringList { u"uri"_s, u"parse"_s, u"otpauth://totp/x?issuer=ACME"_s } << QByteArray()
        << 1 << parse << u"secret"_s;
    QTest::newRow("unknown algorithm in URI")
        << QStringList { u"uri"_s, u"parse"_s, u"otpauth://totp/x?secret=JBSWY3DP&algorithm=MD5"_s }
        << QByteArray() << 1 << parse << u"\"MD5\""_s;
    QTest::newRow("uri make: issuer with a colon")
        << QStringList { u"uri"_s, u"make"_s, u"--account"_s, u"a"_s, u"--issuer"_s, u"A:B"_s }
        << QByteArray() << 1 << make << u"\":\""_s;
    QTest::newRow("uri make: bad Base32 secret")
        << QStringList { u"uri"_s, u"make"_s, u"--account"_s, u"a"_s, u"--secret"_s, u"AB8C"_s }
        << QByteArray() << 1 << make << u"position 3"_s;
    QTest::newRow("qr decode: not an image")
        << QStringList { u"qr"_s, u"decode"_s, QStringLiteral(TWOFOLD_CLI) } << QByteArray() << 1
        << u"twofold-cli qr decode: "_s << u"not an image"_s;
    QTest::newRow("qr decode: missing file")
        << QStringList { u"qr"_s, u"decode"_s, u"/nonexistent/x.png"_s } << QByteArray() << 1
        << u"twofold-cli qr decode: "_s << u"/nonexistent/x.png"_s;
    QTest::newRow("migration decode: missing file")
        << QStringList { u"migration"_s, u"decode"_s, u"/nonexistent/export.txt"_s } << QByteArray()
        << 1 << u"twofold-cli migration decode: "_s << u"/nonexistent/export.txt"_s;
    QTest::newRow("migration decode: otpauth URI instead of export")
        << QStringList { u"migration"_s, u"decode"_s, u"otpauth://totp/x?secret=JBSWY3DP"_s }
        << QByteArray() << 1 << u"twofold-cli migration decode: "_s << u"otpauth-migration"_s;
    QTest::newRow("migration encode: bad line named")
        << QStringList { u"migration"_s, u"encode"_s }
        << "otpauth://totp/x?secret=JBSWY3DP\nhttps://example.com/\n"_ba << 1
        << u"twofold-cli migration encode: "_s << u"Line 2"_s;
    QTest::newRow("migration encode: nothing on stdin")
        << QStringList { u"migration"_s, u"encode"_s } << QByteArray() << 1
        << u"twofold-cli migration encode: "_s << u"stdin"_s;
    QTest::newRow("migration encode: steam cannot be exported")
        << QStringList { u"migration"_s, u"encode"_s }
        << "otpauth://steam/Steam:gaben?secret=JBSWY3DP\n"_ba << 1
        << u"twofold-cli migration encode: "_s << u"gaben"_s;

    // Usage errors: exit 2; the first line says why, a second may point to --help.
    QTest::newRow("no command") << QStringList() << QByteArray() << 2 << u"Usage:"_s << QString();
    QTest::newRow("unknown command") << QStringList { u"frobnicate"_s } << QByteArray() << 2
                                     << u"twofold-cli: "_s << u"\"frobnicate\""_s;
    QTest::newRow("unknown subcommand") << QStringList { u"uri"_s, u"frob"_s } << QByteArray() << 2
                                        << u"twofold-cli uri: "_s << u"\"frob\""_s;
    QTest::newRow("missing subcommand")
        << QStringList { u"qr"_s } << QByteArray() << 2 << u"twofold-cli qr: "_s << u"subcommand"_s;
    QTest::newRow("unknown option") << QStringList { u"code"_s, u"--bogus"_s, u"JBSWY3DP"_s }
                                    << QByteArray() << 2 << code << u"bogus"_s;
    QTest::newRow("missing argument")
        << QStringList { u"code"_s } << QByteArray() << 2 << code << u"SECRET"_s;
    QTest::newRow("missing option value") << QStringList { u"code"_s, u"JBSWY3DP"_s, u"--time"_s }
                                          << QByteArray() << 2 << code << u"--time"_s;
    QTest::newRow("two secrets") << QStringList { u"code"_s, u"JBSWY3DP"_s, u"JBSWY3DP"_s }
                                 << QByteArray() << 2 << code << u"one"_s;
    QTest::newRow("--counter with totp")
        << QStringList { u"code"_s, u"--counter"_s, u"3"_s, u"JBSWY3DP"_s } << QByteArray() << 2
        << code << u"--counter"_s;
    QTest::newRow("--time with hotp")
        << QStringList { u"code"_s, u"--hotp"_s, u"--time"_s, u"59"_s, u"JBSWY3DP"_s }
        << QByteArray() << 2 << code << u"--time"_s;
    QTest::newRow("two types") << QStringList { u"code"_s, u"--totp"_s, u"--hotp"_s, u"JBSWY3DP"_s }
                               << QByteArray() << 2 << code << u"--hotp"_s;
    QTest::newRow("--digits out of range")
        << QStringList { u"code"_s, u"-d"_s, u"11"_s, u"JBSWY3DP"_s } << QByteArray() << 2 << code
        << u"--digits"_s;
    QTest::newRow("--digits with steam")
        << QStringList { u"code"_s, u"--steam"_s, u"-d"_s, u"6"_s, u"JBSWY3DP"_s } << QByteArray()
        << 2 << code << u"--digits"_s;
    QTest::newRow("--period zero") << QStringList { u"code"_s, u"-p"_s, u"0"_s, u"JBSWY3DP"_s }
                                   << QByteArray() << 2 << code << u"--period"_s;
    QTest::newRow("unknown --algorithm")
        << QStringList { u"code"_s, u"-a"_s, u"MD5"_s, u"JBSWY3DP"_s } << QByteArray() << 2 << code
        << u"\"MD5\""_s;
    QTest::newRow("negative --time")
        << QStringList { u"code"_s, u"--time"_s, u"-5"_s, u"JBSWY3DP"_s } << QByteArray() << 2
        << code << u"--time"_s;
    QTest::newRow("uri make without --account")
        << QStringList { u"uri"_s, u"make"_s, u"--issuer"_s, u"ACME"_s } << QByteArray() << 2
        << make << u"--account"_s;
    QTest::newRow("qr encode without --out")
        << QStringList { u"qr"_s, u"encode"_s, u"text"_s } << QByteArray() << 2
        << u"twofold-cli qr encode: "_s << u"--out"_s;
    QTest::newRow("qr encode bad --ec")
        << QStringList { u"qr"_s, u"encode"_s, u"--ec"_s, u"X"_s, u"--out"_s, u"x.png"_s, u"t"_s }
        << QByteArray() << 2 << u"twofold-cli qr encode: "_s << u"--ec"_s;
    QTest::newRow("qr decode without files") << QStringList { u"qr"_s, u"decode"_s } << QByteArray()
                                             << 2 << u"twofold-cli qr decode: "_s << u"FILE"_s;
    QTest::newRow("migration encode with an argument")
        << QStringList { u"migration"_s, u"encode"_s, u"x"_s } << QByteArray() << 2
        << u"twofold-cli migration encode: "_s << u"stdin"_s;
}

void TestCli::badInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    QFETCH(QString, prefix);
    QFETCH(QString, names);

    const Run run = runCli(arguments, input);
    QVERIFY2(run.failure.isEmpty(), run.describe(arguments));
    QVERIFY2(run.exitCode == exitCode, run.describe(arguments));
    QVERIFY2(run.out.isEmpty(), run.describe(arguments));
    const QStringList errorLines = lines(run.err);
    QVERIFY2(!errorLines.isEmpty(), run.describe(arguments));
    if (exitCode == 1)
        QVERIFY2(errorLines.size() == 1 && run.err.endsWith(u'\n'), run.describe(arguments));
    QVERIFY2(errorLines.constFirst().startsWith(prefix), run.describe(arguments));
    QVERIFY2(errorLines.constFirst().contains(names), run.describe(arguments));
}

void TestCli::help_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("usage"); // how the usage line starts

    QTest::newRow("top level --help") << QStringList { u"--help"_s } << u"Usage: twofold-cli"_s;
    QTest::newRow("top level -h") << QStringList { u"-h"_s } << u"Usage: twofold-cli"_s;
    QTest::newRow("help command") << QStringList { u"help"_s } << u"Usage: twofold-cli"_s;
    const QList<QStringList> commands {
        { u"code"_s },
        { u"uri"_s },
        { u"uri"_s, u"parse"_s },
        { u"uri"_s, u"make"_s },
        { u"qr"_s },
        { u"qr"_s, u"encode"_s },
        { u"qr"_s, u"decode"_s },
        { u"migration"_s },
        { u"migration"_s, u"decode"_s },
        { u"migration"_s, u"encode"_s },
    };
    for (const QStringList &command : commands) {
        const QString name = command.join(u' ');
        QTest::addRow("%s --help", qPrintable(name))
            << (QStringList(command) << u"--help"_s) << u"Usage: twofold-cli "_s + name;
        QTest::addRow("%s -h", qPrintable(name))
            << (QStringList(command) << u"-h"_s) << u"Usage: twofold-cli "_s + name;
    }
    // --help wins over what else is wrong on the line.
    QTest::newRow("code --help with a bad secret")
        << QStringList { u"code"_s, u"--help"_s, u"!!"_s } << u"Usage: twofold-cli code"_s;
}

void TestCli::help()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, usage);

    const Run run = runCli(arguments);
    QVERIFY2(run.ok(), run.describe(arguments));
    QVERIFY2(run.out.contains(usage), run.describe(arguments));
    QCOMPARE(run.err, QString());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
