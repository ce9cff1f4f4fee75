#include "clock.h"
#include "otp/base32.h"
#include "otp/otpgenerator.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;

class tst_OtpGenerator final : public QObject
{
    Q_OBJECT

private slots:
    void rfc4226AppendixD_data();
    void rfc4226AppendixD();
    void rfc6238AppendixB_data();
    void rfc6238AppendixB();
    void steamGuard_data();
    void steamGuard();
    void digitsAndPadding_data();
    void digitsAndPadding();
    void periodsAndSteps_data();
    void periodsAndSteps();
    void injectedClockDrivesCodeChange();
    void rejectsInvalidParameters_data();
    void rejectsInvalidParameters();
};

static OtpParameters params(OtpType type, HashAlgorithm algorithm, QByteArray secret, int digits,
                            qint64 period = 30)
{
    OtpParameters p;
    p.type = type;
    p.algorithm = algorithm;
    p.secret = std::move(secret);
    p.digits = digits;
    p.period = period;
    return p;
}

void tst_OtpGenerator::rfc4226AppendixD_data()
{
    QTest::addColumn<quint64>("counter");
    QTest::addColumn<QString>("code");
    const char *codes[] = { "755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489" };
    for (quint64 c = 0; c < 10; ++c)
        QTest::addRow("counter %llu", c) << c << QString::fromLatin1(codes[c]);
}

void tst_OtpGenerator::rfc4226AppendixD()
{
    QFETCH(quint64, counter);
    QFETCH(QString, code);
    const OtpGenerator generator(
            params(OtpType::Hotp, HashAlgorithm::Sha1, "12345678901234567890"_ba, 6));
    const Result<QString> result = generator.codeForCounter(counter);
    QVERIFY(result);
    QCOMPARE(*result, code);
}

void tst_OtpGenerator::rfc6238AppendixB_data()
{
    QTest::addColumn<qint64>("time");
    QTest::addColumn<HashAlgorithm>("algorithm");
    QTest::addColumn<QString>("code");
    struct Row
    {
        qint64 time;
        const char *sha1, *sha256, *sha512;
    };
    const Row rows[] = {
        { 59, "94287082", "46119246", "90693936" },
        { 1111111109, "07081804", "68084774", "25091201" },
        { 1111111111, "14050471", "67062674", "99943326" },
        { 1234567890, "89005924", "91819424", "93441116" },
        { 2000000000, "69279037", "90698825", "38618901" },
        { 20000000000, "65353130", "77737706", "47863826" },
    };
    for (const Row &row : rows) {
        QTest::addRow("SHA1 T=%lld", row.time) << row.time << HashAlgorithm::Sha1 << QString::fromLatin1(row.sha1);
        QTest::addRow("SHA256 T=%lld", row.time)
                << row.time << HashAlgorithm::Sha256 << QString::fromLatin1(row.sha256);
        QTest::addRow("SHA512 T=%lld", row.time)
                << row.time << HashAlgorithm::Sha512 << QString::fromLatin1(row.sha512);
    }
}

void tst_OtpGenerator::rfc6238AppendixB()
{
    QFETCH(qint64, time);
    QFETCH(HashAlgorithm, algorithm);
    QFETCH(QString, code);
    // The seed's length follows the hash: 20, 32 and 64 bytes.
    const QByteArray seed = algorithm == HashAlgorithm::Sha1 ? "12345678901234567890"_ba
            : algorithm == HashAlgorithm::Sha256 ? "12345678901234567890123456789012"_ba
                                                 : "1234567890"_ba.repeated(7).left(64);
    const OtpGenerator generator(params(OtpType::Totp, algorithm, seed, 8));
    const Result<QString> result = generator.codeAt(time);
    QVERIFY(result);
    QCOMPARE(*result, code);
}

void tst_OtpGenerator::steamGuard_data()
{
    QTest::addColumn<qint64>("time");
    QTest::addColumn<QString>("code");
    QTest::newRow("t=1511200518") << qint64(1511200518) << u"FR8RV"_s;
    QTest::newRow("t=1511200714") << qint64(1511200714) << u"9P3VP"_s;
}

void tst_OtpGenerator::steamGuard()
{
    QFETCH(qint64, time);
    QFETCH(QString, code);
    const QByteArray secret = *Base32::decode(u"63BEDWCQZKTQWPESARIERL5DTTQFCJTK");
    const OtpGenerator generator(params(OtpType::Steam, HashAlgorithm::Sha1, secret, 5));
    const Result<QString> result = generator.codeAt(time);
    QVERIFY(result);
    QCOMPARE(*result, code);
}

void tst_OtpGenerator::digitsAndPadding_data()
{
    QTest::addColumn<int>("digits");
    QTest::addColumn<quint64>("counter");
    QTest::addColumn<QString>("code");
    // Truncated values of the RFC 4226 key: counter 0 -> 1284755224, counter 7 -> 82162583.
    QTest::newRow("7 digits") << 7 << quint64(0) << u"4755224"_s;
    QTest::newRow("9 digits") << 9 << quint64(0) << u"284755224"_s;
    QTest::newRow("10 digits keeps the whole value") << 10 << quint64(0) << u"1284755224"_s;
    QTest::newRow("leading zeros are kept") << 10 << quint64(7) << u"0082162583"_s;
}

void tst_OtpGenerator::digitsAndPadding()
{
    QFETCH(int, digits);
    QFETCH(quint64, counter);
    QFETCH(QString, code);
    const OtpGenerator generator(
            params(OtpType::Hotp, HashAlgorithm::Sha1, "12345678901234567890"_ba, digits));
    const Result<QString> result = generator.codeForCounter(counter);
    QVERIFY(result);
    QCOMPARE(*result, code);
}

void tst_OtpGenerator::periodsAndSteps_data()
{
    QTest::addColumn<qint64>("period");
    QTest::addColumn<qint64>("time");
    QTest::addColumn<quint64>("step");
    QTest::addColumn<qint64>("remaining");
    QTest::newRow("30 s, at the start of a step") << qint64(30) << qint64(60) << quint64(2) << qint64(30);
    QTest::newRow("30 s, last second") << qint64(30) << qint64(59) << quint64(1) << qint64(1);
    QTest::newRow("1 s period") << qint64(1) << qint64(1234) << quint64(1234) << qint64(1);
    QTest::newRow("60 s period") << qint64(60) << qint64(1111111109) << quint64(18518518) << qint64(31);
    QTest::newRow("past 2038 (32-bit overflow)") << qint64(30) << qint64(4102444800) // 2100-01-01
                                                 << quint64(136748160) << qint64(30);
    QTest::newRow("year 2600") << qint64(30) << qint64(19880006400) << quint64(662666880) << qint64(30);
}

void tst_OtpGenerator::periodsAndSteps()
{
    QFETCH(qint64, period);
    QFETCH(qint64, time);
    QFETCH(quint64, step);
    QFETCH(qint64, remaining);
    const OtpGenerator generator(
            params(OtpType::Totp, HashAlgorithm::Sha1, "12345678901234567890"_ba, 6, period));
    QCOMPARE(generator.timeStep(time), step);
    QCOMPARE(generator.secondsRemaining(time), remaining);
    // A TOTP code is the HOTP code of its time step.
    OtpParameters hotp = generator.parameters();
    hotp.type = OtpType::Hotp;
    QCOMPARE(*generator.codeAt(time), *OtpGenerator(hotp).codeForCounter(step));
}

void tst_OtpGenerator::injectedClockDrivesCodeChange()
{
    ManualClock clock(1111111080); // start of a 30 s step
    const OtpGenerator generator(
            params(OtpType::Totp, HashAlgorithm::Sha1, "12345678901234567890"_ba, 8));
    const QString first = *generator.codeAt(clock.currentSecsSinceEpoch());
    clock.advance(29);
    QCOMPARE(*generator.codeAt(clock.currentSecsSinceEpoch()), first);
    QCOMPARE(*generator.codeAt(clock.currentSecsSinceEpoch()), u"07081804"_s); // RFC 6238, T=1111111109
    clock.advance(1);
    QCOMPARE(*generator.codeAt(clock.currentSecsSinceEpoch()), u"14050471"_s); // T=1111111111's step
}

void tst_OtpGenerator::rejectsInvalidParameters_data()
{
    QTest::addColumn<OtpParameters>("parameters");
    QTest::addColumn<ErrorCode>("code");
    const QByteArray key = "12345678901234567890"_ba;
    QTest::newRow("empty secret") << params(OtpType::Totp, HashAlgorithm::Sha1, {}, 6)
                                  << ErrorCode::UriSecretMissing;
    QTest::newRow("5 digits") << params(OtpType::Totp, HashAlgorithm::Sha1, key, 5) << ErrorCode::UriDigits;
    QTest::newRow("11 digits") << params(OtpType::Totp, HashAlgorithm::Sha1, key, 11) << ErrorCode::UriDigits;
    QTest::newRow("zero period") << params(OtpType::Totp, HashAlgorithm::Sha1, key, 6, 0)
                                 << ErrorCode::UriPeriod;
    QTest::newRow("steam with 6 digits") << params(OtpType::Steam, HashAlgorithm::Sha1, key, 6)
                                         << ErrorCode::UriDigits;
}

void tst_OtpGenerator::rejectsInvalidParameters()
{
    QFETCH(OtpParameters, parameters);
    QFETCH(ErrorCode, code);
    const Result<QString> result = OtpGenerator(parameters).codeForCounter(0);
    QVERIFY(!result);
    QCOMPARE(result.error().code, code);
    QVERIFY(!result.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(tst_OtpGenerator)
#include "tst_otpgenerator.moc"
