#include "otp/otpgenerator.h"
#include "server/tokens/azurecsvreader.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;
using twofold::server::AzureCsvReader;
using twofold::server::OathToken;
using twofold::server::TokenFile;

namespace {

const QByteArray header = "upn,serial number,secret key,time interval,manufacturer,model"_ba;
// RFC 6238's SHA1 seed, ASCII "12345678901234567890", in Base32 (RFC 4648).
const QByteArray seedBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"_ba;
const QByteArray seed = "12345678901234567890"_ba;

template<typename T> QByteArray why(const Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

QByteArray lines(std::initializer_list<QByteArray> rows, const QByteArray &end = "\n"_ba)
{
    QByteArray out;
    for (const QByteArray &row : rows)
        out += row + end;
    return out;
}

} // namespace

class tst_AzureCsvReader final : public QObject
{
    Q_OBJECT

private slots:
    void readsTokens_data();
    void readsTokens();
    void readmeExampleRowIsRefusedForItsSecret();
    void badLinesAreAllListed_data();
    void badLinesAreAllListed();
    void twoThousandLines();
    void badLineInALargeFileIsNamed();
    void longErrorListsAreCut();
    void oversizedFileIsRefused();
    void codesMatchRfc6238();
};

void tst_AzureCsvReader::readsTokens_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("upn");
    QTest::addColumn<QString>("serial");
    QTest::addColumn<qint64>("period");
    QTest::addColumn<QString>("manufacturer");
    QTest::addColumn<QString>("model");

    const QByteArray example
        = "Helga@contoso.com,1234567," + seedBase32 + ",60,Contoso,HardwareKey";
    const QString helga = u"Helga@contoso.com"_s;
    QTest::newRow("README example row with a Base32 secret")
        << lines({ header, example }) << helga << u"1234567"_s << qint64(60) << u"Contoso"_s
        << u"HardwareKey"_s;
    QTest::newRow("lower-case secret")
        << lines({ header,
                   example.toLower()
                       .replace("helga@contoso.com", "Helga@contoso.com")
                       .replace("contoso,hardwarekey", "Contoso,HardwareKey") })
        << helga << u"1234567"_s << qint64(60) << u"Contoso"_s << u"HardwareKey"_s;
    QTest::newRow("secret in groups with spaces")
        << lines({ header,
                   "Helga@contoso.com,1234567,GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ,30,"
                   "Contoso,HardwareKey" })
        << helga << u"1234567"_s << qint64(30) << u"Contoso"_s << u"HardwareKey"_s;
    QTest::newRow("CRLF line ends") << lines({ header, example }, "\r\n") << helga << u"1234567"_s
                                    << qint64(60) << u"Contoso"_s << u"HardwareKey"_s;
    QTest::newRow("UTF-8 BOM, as Excel writes")
        << QByteArray("\xef\xbb\xbf" + lines({ header, example }, "\r\n")) << helga << u"1234567"_s
        << qint64(60) << u"Contoso"_s << u"HardwareKey"_s;
    QTest::newRow("no final line break")
        << QByteArray(header + "\n" + example) << helga << u"1234567"_s << qint64(60)
        << u"Contoso"_s << u"HardwareKey"_s;
    QTest::newRow("trailing empty lines")
        << lines({ header, example, "", "" }) << helga << u"1234567"_s << qint64(60) << u"Contoso"_s
        << u"HardwareKey"_s;
    QTest::newRow("blank line and empty row in the middle")
        << lines({ header, "", ",,,,,", example }) << helga << u"1234567"_s << qint64(60)
        << u"Contoso"_s << u"HardwareKey"_s;
    QTest::newRow("quoted fields: comma, doubled quote, line break")
        << lines({ header,
                   "\"Helga@contoso.com\",\"1234567\",\"" + seedBase32
                       + "\",\"60\",\"Contoso, Inc.\",\"Key \"\"Mini\"\"\nsecond line\"" })
        << helga << u"1234567"_s << qint64(60) << u"Contoso, Inc."_s
        << u"Key \"Mini\"\nsecond line"_s;
    QTest::newRow("spaces around fields")
        << lines({ header,
                   " Helga@contoso.com , 1234567 , " + seedBase32
                       + " , 60 , Contoso , "
                         "HardwareKey " })
        << helga << u"1234567"_s << qint64(60) << u"Contoso"_s << u"HardwareKey"_s;
    QTest::newRow("header in another case")
        << lines({ header.toUpper(), example }) << helga << u"1234567"_s << qint64(60)
        << u"Contoso"_s << u"HardwareKey"_s;
    QTest::newRow("empty upn: a token to assign later")
        << lines({ header, "," + example.sliced(example.indexOf(',') + 1) }) << QString()
        << u"1234567"_s << qint64(60) << u"Contoso"_s << u"HardwareKey"_s;
    QTest::newRow("non-ASCII model")
        << lines({ header, example + " Grün" }) << helga << u"1234567"_s << qint64(60)
        << u"Contoso"_s << u"HardwareKey Grün"_s;
}

void tst_AzureCsvReader::readsTokens()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, upn);
    QFETCH(QString, serial);
    QFETCH(qint64, period);
    QFETCH(QString, manufacturer);
    QFETCH(QString, model);
    const Result<TokenFile> file = AzureCsvReader::read(csv);
    QVERIFY2(file, why(file));
    QCOMPARE(file->tokens.size(), 1);
    QVERIFY(file->skipped.isEmpty());
    const OathToken &token = file->tokens.first();
    QCOMPARE(token.upn, upn);
    QCOMPARE(token.serial, serial);
    QCOMPARE(token.manufacturer, manufacturer);
    QCOMPARE(token.model, model);
    QCOMPARE(token.otp.type, OtpType::Totp);
    QCOMPARE(token.otp.algorithm, HashAlgorithm::Sha1);
    QCOMPARE(token.otp.digits, 6);
    QCOMPARE(token.otp.period, period);
    QCOMPARE(token.otp.secret, seed);
    QVERIFY(token.otp.validate());
}

// The example row of the format's documentation has "1234567abcdef1234567abcdef" as its secret,
// but the secret is Base32, whose alphabet has no "1": guessing would store a wrong seed.
void tst_AzureCsvReader::readmeExampleRowIsRefusedForItsSecret()
{
    const QByteArray csv = lines(
        { header, "Helga@contoso.com,1234567,1234567abcdef1234567abcdef,60,Contoso,HardwareKey" });
    const Result<TokenFile> file = AzureCsvReader::read(csv);
    QVERIFY(!file);
    QCOMPARE(file.error().code, ErrorCode::TokenFileFormat);
    QVERIFY2(file.error().message.contains(
                 u"line 2: the secret key is not Base32: the character at position 1 "_s),
             why(file));
    QVERIFY(!file.error().message.contains(u"abcdef"_s));
}

void tst_AzureCsvReader::badLinesAreAllListed_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("expected"); // each must be in the message
    const QByteArray good = "ann@example.com,S1," + seedBase32 + ",30,Vendor,Model";
    const auto row = [](const QByteArray &serial, const QByteArray &secret,
                        const QByteArray &interval) -> QByteArray {
        return "bob@example.com," + serial + "," + secret + "," + interval + ",Vendor,Model";
    };

    QTest::newRow("wrong header")
        << lines({ "user,serial,secret,interval,manufacturer,model", good })
        << QStringList { u"line 1: the first line must be the header \"upn,serial number,"_s };
    QTest::newRow("no header: the first line is a token")
        << lines({ good, row("S2", seedBase32, "30") })
        << QStringList { u"line 1: the first line must be the header"_s };
    QTest::newRow("five columns")
        << lines({ header, good, "bob@example.com,S2,GEZDGNBV,30,Vendor" })
        << QStringList { u"line 3: it has 5 columns; every line needs 6"_s };
    QTest::newRow("seven columns")
        << lines({ header, good + ",extra" }) << QStringList { u"line 2: it has 7 columns"_s };
    QTest::newRow("bad Base32 character, with its position")
        << lines({ header, good, row("S2", "GEZDGNBV0Y3TQOJQ", "30") })
        << QStringList { u"line 3: the secret key is not Base32: the character at position 9 "_s };
    QTest::newRow("Base32 of an impossible length")
        << lines({ header, row("S2", "GEZDGNBVG", "30") })
        << QStringList { u"line 2: the secret key is not Base32: "_s, u"9 characters"_s };
    QTest::newRow("secret of 129 characters")
        << lines({ header, row("S2", QByteArray(129, 'A'), "30") })
        << QStringList { u"line 2: the secret key has 129 characters; at most 128"_s };
    QTest::newRow("empty secret") << lines({ header, row("S2", "", "30") })
                                  << QStringList { u"line 2: the secret key is empty"_s };
    QTest::newRow("interval 45") << lines({ header, row("S2", seedBase32, "45") })
                                 << QStringList { u"line 2: the time interval must be 30 or 60 "
                                                  u"(seconds), not \"45\""_s };
    QTest::newRow("interval with a unit") << lines({ header, row("S2", seedBase32, "30s") })
                                          << QStringList { u"line 2: the time interval must be"_s };
    QTest::newRow("empty interval") << lines({ header, row("S2", seedBase32, "") })
                                    << QStringList { u"line 2: the time interval is empty"_s };
    QTest::newRow("empty serial") << lines({ header, row("", seedBase32, "30") })
                                  << QStringList { u"line 2: the serial number is empty"_s };
    QTest::newRow("duplicate serial, in another case")
        << lines({ header, row("ABC-1", seedBase32, "30"), good, row("abc-1", seedBase32, "60") })
        << QStringList { u"line 4: serial number \"abc-1\" is already on line 2"_s };
    QTest::newRow("quoted field not closed")
        << lines({ header, good, "bob@example.com,\"S2,GEZDGNBV,30,Vendor,Model" })
        << QStringList { u"line 3: a quoted field is not closed"_s };
    QTest::newRow("quote in the middle of a field")
        << lines({ header, "bob@example.com,S\"2," + seedBase32 + ",30,Vendor,Model" })
        << QStringList { u"line 2: a quote (\") in the middle of a field"_s };
    QTest::newRow("text after a closing quote")
        << lines({ header, "bob@example.com,\"S2\"x," + seedBase32 + ",30,Vendor,Model" })
        << QStringList { u"line 2: text after the closing quote"_s };
    QTest::newRow("line break inside a quoted serial")
        << lines({ header, "bob@example.com,\"S\n2\"," + seedBase32 + ",30,Vendor,Model" })
        << QStringList { u"line 2: the upn or serial number holds a line break"_s };
    QTest::newRow("line numbers count the lines inside quoted fields")
        << lines({ header, "bob@example.com,S2," + seedBase32 + ",30,Vendor,\"two\nlines\"",
                   row("S3", seedBase32, "90") })
        << QStringList { u"line 4: the time interval"_s };
    QTest::newRow("not UTF-8 (Latin-1 from a spreadsheet)")
        << lines({ header, good, "bob@example.com,S2," + seedBase32 + ",30,Gr\xfcn,Model" })
        << QStringList { u"line 3: is not UTF-8 text"_s };
    QTest::newRow("every kind on its own line")
        << lines({ header, row("S2", "GEZDGNBV1Y3TQOJQ", "30"), row("S3", seedBase32, "45"), good,
                   row("", seedBase32, "30"), row("S3", seedBase32, "30"), "bob@example.com,S9" },
                 "\r\n")
        << QStringList { u"5 lines of the file are wrong"_s,
                         u"line 2: the secret key is not Base32: the character at position 9 "_s,
                         u"line 3: the time interval must be 30 or 60"_s,
                         u"line 5: the serial number is empty"_s,
                         u"line 6: serial number \"S3\" is already on line 3"_s,
                         u"line 7: it has 2 columns"_s };
    QTest::newRow("two problems on one line")
        << lines({ header, row("", "GEZDGNBV1Y3TQOJQ", "45") })
        << QStringList { u"one line of the file is wrong"_s,
                         u"line 2: the serial number is empty"_s,
                         u"line 2: the secret key is not Base32"_s,
                         u"line 2: the time interval must be 30 or 60"_s };
    QTest::newRow("header only") << lines({ header })
                                 << QStringList { u"has a header but no tokens"_s };
    QTest::newRow("empty file") << QByteArray() << QStringList { u"The file is empty"_s };
    QTest::newRow("only a BOM and line breaks")
        << "\xef\xbb\xbf\r\n\r\n"_ba << QStringList { u"The file is empty"_s };
}

void tst_AzureCsvReader::badLinesAreAllListed()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, expected);
    const Result<TokenFile> file = AzureCsvReader::read(csv);
    QVERIFY(!file);
    QCOMPARE(file.error().code, ErrorCode::TokenFileFormat);
    for (const QString &fragment : expected)
        QVERIFY2(file.error().message.contains(fragment),
                 qPrintable(u"\"%1\" is not in: %2"_s.arg(fragment, file.error().message)));
    // No secret goes into a message, not even a bad one.
    QVERIFY(!file.error().message.contains(QString::fromLatin1(seedBase32.first(16))));
    QVERIFY(!file.error().message.contains(u"GEZDGNBV"_s));
}

void tst_AzureCsvReader::twoThousandLines()
{
    QByteArray csv = header + "\r\n";
    for (int i = 1; i <= 2000; ++i)
        csv += "user" + QByteArray::number(i) + "@example.com,SN" + QByteArray::number(100000 + i)
            + "," + seedBase32 + "," + (i % 2 ? "30" : "60") + ",Vendor,Model "
            + QByteArray::number(i) + "\r\n";
    const Result<TokenFile> file = AzureCsvReader::read(csv);
    QVERIFY2(file, why(file));
    QCOMPARE(file->tokens.size(), 2000);
    for (int i : { 1, 2, 999, 2000 }) {
        const OathToken &token = file->tokens[i - 1];
        QCOMPARE(token.serial, u"SN%1"_s.arg(100000 + i));
        QCOMPARE(token.upn, u"user%1@example.com"_s.arg(i));
        QCOMPARE(token.model, u"Model %1"_s.arg(i));
        QCOMPARE(token.otp.period, i % 2 ? 30 : 60);
        QCOMPARE(token.otp.secret, seed);
    }
}

void tst_AzureCsvReader::badLineInALargeFileIsNamed()
{
    QByteArray csv = header + "\n";
    for (int i = 2; i <= 2001; ++i)
        csv += "u@example.com,SN" + QByteArray::number(i) + "," + seedBase32 + ","
            + (i == 1500 ? "90" : "30") + ",V,M\n";
    const Result<TokenFile> file = AzureCsvReader::read(csv);
    QVERIFY(!file);
    QVERIFY2(file.error().message.contains(u"one line of the file is wrong"_s), why(file));
    QVERIFY2(file.error().message.contains(u"\nline 1500: the time interval"_s), why(file));
    QCOMPARE(file.error().message.count(u"\nline "_s), 1);
}

void tst_AzureCsvReader::longErrorListsAreCut()
{
    QByteArray csv = header + "\n";
    for (int i = 0; i < 1500; ++i)
        csv += "u@example.com,SN" + QByteArray::number(i) + "," + seedBase32 + ",45,V,M\n";
    const Result<TokenFile> file = AzureCsvReader::read(csv);
    QVERIFY(!file);
    QVERIFY2(file.error().message.contains(u"1500 lines of the file are wrong"_s), why(file));
    QCOMPARE(file.error().message.count(u"\nline "_s), AzureCsvReader::maxListedErrors);
    QVERIFY(file.error().message.contains(u"\nline 1001: "_s));
    QVERIFY(!file.error().message.contains(u"\nline 1002: "_s));
    QVERIFY2(file.error().message.endsWith(u"... and 500 more problems."_s), why(file));
}

void tst_AzureCsvReader::oversizedFileIsRefused()
{
    QByteArray csv = header + "\n";
    csv += QByteArray(AzureCsvReader::maxFileSize, '\n');
    const Result<TokenFile> file = AzureCsvReader::read(csv);
    QVERIFY(!file);
    QVERIFY2(file.error().message.contains(u"at most 16 MiB"_s), why(file));
}

// RFC 6238 Appendix B (SHA1 seed): at T=59 the 8-digit code is 94287082, so the 6-digit
// code is 287082 with a 30 s step; with a 60 s step T=59 is still step 0, RFC 4226's 755224.
void tst_AzureCsvReader::codesMatchRfc6238()
{
    const QByteArray csv = lines({ header, "a@example.com,S30," + seedBase32 + ",30,V,M",
                                   "b@example.com,S60," + seedBase32 + ",60,V,M" });
    const Result<TokenFile> file = AzureCsvReader::read(csv);
    QVERIFY2(file, why(file));
    QCOMPARE(OtpGenerator(file->tokens[0].otp).codeAt(59).value_or(QString()), u"287082"_s);
    QCOMPARE(OtpGenerator(file->tokens[1].otp).codeAt(59).value_or(QString()), u"755224"_s);
}

QTEST_GUILESS_MAIN(tst_AzureCsvReader)
#include "tst_azurecsvreader.moc"
