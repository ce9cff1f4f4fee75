#include "otp/otpgenerator.h"
#include "server/otpwindow.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;

namespace {

// RFC 4226 Appendix D: the key is ASCII "12345678901234567890".
const QByteArray rfcKey = "12345678901234567890"_ba;
const char *const rfc4226Codes[] = { "755224", "287082", "359152", "969429", "338314",
                                     "254676", "287922", "162583", "399871", "520489" };

OtpParameters totp()
{
    OtpParameters otp;
    otp.secret = rfcKey;
    return otp;
}

OtpParameters hotp()
{
    OtpParameters otp = totp();
    otp.type = OtpType::Hotp;
    return otp;
}

constexpr qint64 now = 1'700'000'025; // step 56666667, 25 s into it
constexpr qint64 step = now / 30;

} // namespace

class tst_OtpWindow : public QObject
{
    Q_OBJECT

private slots:
    void rfc6238Vectors_data();
    void rfc6238Vectors();
    void totpWindow_data();
    void totpWindow();
    void totpReplay_data();
    void totpReplay();
    void hotpLookAhead_data();
    void hotpLookAhead();
    void resync_data();
    void resync();
    void malformedCodes_data();
    void malformedCodes();
    void paramsJsonRoundTrip();
};

void tst_OtpWindow::rfc6238Vectors_data()
{
    // RFC 6238 Appendix B, SHA-1, 8 digits.
    QTest::addColumn<qint64>("time");
    QTest::addColumn<QString>("code");
    QTest::newRow("59") << qint64(59) << u"94287082"_s;
    QTest::newRow("1111111109") << qint64(1111111109) << u"07081804"_s;
    QTest::newRow("1234567890") << qint64(1234567890) << u"89005924"_s;
    QTest::newRow("2000000000") << qint64(2000000000) << u"69279037"_s;
}

void tst_OtpWindow::rfc6238Vectors()
{
    QFETCH(qint64, time);
    QFETCH(QString, code);
    OtpParameters otp = totp();
    otp.digits = 8;
    QCOMPARE(matchOtp(otp, code, -1, time, 0, 0), std::optional<qint64>(time / 30));
}

void tst_OtpWindow::totpWindow_data()
{
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("offset"); // steps from now at which the code was made
    QTest::addColumn<bool>("accepted");
    QTest::newRow("window 1: now") << 1 << 0 << true;
    QTest::newRow("window 1: one step behind") << 1 << -1 << true;
    QTest::newRow("window 1: one step ahead") << 1 << 1 << true;
    QTest::newRow("window 1: two steps behind refused") << 1 << -2 << false;
    QTest::newRow("window 1: two steps ahead refused") << 1 << 2 << false;
    QTest::newRow("window 0: now") << 0 << 0 << true;
    QTest::newRow("window 0: one step behind refused") << 0 << -1 << false;
    QTest::newRow("window 2: two steps behind") << 2 << -2 << true;
    QTest::newRow("window 2: three steps ahead refused") << 2 << 3 << false;
}

void tst_OtpWindow::totpWindow()
{
    QFETCH(int, window);
    QFETCH(int, offset);
    QFETCH(bool, accepted);
    const QString code = OtpGenerator(totp()).codeAt(now + offset * 30).value();
    const auto matched = matchOtp(totp(), code, -1, now, window, 0);
    QCOMPARE(matched.has_value(), accepted);
    if (accepted)
        QCOMPARE(*matched, step + offset);
}

void tst_OtpWindow::totpReplay_data()
{
    QTest::addColumn<qint64>("lastUsed");
    QTest::addColumn<int>("offset");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("the step just used is refused") << step << 0 << false;
    QTest::newRow("an older step after a newer one is refused") << step << -1 << false;
    QTest::newRow("a step after the last used one is accepted") << step - 1 << 0 << true;
    QTest::newRow("next step after the last used one") << step << 1 << true;
}

void tst_OtpWindow::totpReplay()
{
    QFETCH(qint64, lastUsed);
    QFETCH(int, offset);
    QFETCH(bool, accepted);
    const QString code = OtpGenerator(totp()).codeAt(now + offset * 30).value();
    QCOMPARE(matchOtp(totp(), code, lastUsed, now, 1, 0).has_value(), accepted);
}

void tst_OtpWindow::hotpLookAhead_data()
{
    QTest::addColumn<qint64>("lastUsed");
    QTest::addColumn<int>("lookAhead");
    QTest::addColumn<int>("counter"); // whose RFC code is typed
    QTest::addColumn<bool>("accepted");
    QTest::newRow("first use of a new token") << qint64(-1) << 0 << 0 << true;
    QTest::newRow("the next counter") << qint64(3) << 0 << 4 << true;
    QTest::newRow("within the look-ahead") << qint64(0) << 5 << 6 << true;
    QTest::newRow("at the edge of the look-ahead") << qint64(0) << 8 << 9 << true;
    QTest::newRow("beyond the look-ahead refused") << qint64(0) << 7 << 9 << false;
    QTest::newRow("the counter just used is refused") << qint64(4) << 5 << 4 << false;
    QTest::newRow("an old counter is refused") << qint64(6) << 3 << 2 << false;
}

void tst_OtpWindow::hotpLookAhead()
{
    QFETCH(qint64, lastUsed);
    QFETCH(int, lookAhead);
    QFETCH(int, counter);
    QFETCH(bool, accepted);
    const auto matched
        = matchOtp(hotp(), QString::fromLatin1(rfc4226Codes[counter]), lastUsed, now, 1, lookAhead);
    QCOMPARE(matched.has_value(), accepted);
    if (accepted)
        QCOMPARE(*matched, qint64(counter));
}

void tst_OtpWindow::resync_data()
{
    QTest::addColumn<qint64>("lastUsed");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("second");
    QTest::addColumn<int>("searchLimit");
    QTest::addColumn<qint64>("expected"); // -1: refused
    QTest::newRow("two consecutive codes") << qint64(0) << 7 << 8 << 100 << qint64(8);
    QTest::newRow("two codes in the wrong order") << qint64(0) << 8 << 7 << 100 << qint64(-1);
    QTest::newRow("two codes with a gap") << qint64(0) << 5 << 7 << 100 << qint64(-1);
    QTest::newRow("beyond the search limit") << qint64(0) << 7 << 8 << 5 << qint64(-1);
    QTest::newRow("codes already used") << qint64(8) << 7 << 8 << 100 << qint64(-1);
}

void tst_OtpWindow::resync()
{
    QFETCH(qint64, lastUsed);
    QFETCH(int, first);
    QFETCH(int, second);
    QFETCH(int, searchLimit);
    QFETCH(qint64, expected);
    const auto counter
        = resyncHotp(hotp(), QString::fromLatin1(rfc4226Codes[first]),
                     QString::fromLatin1(rfc4226Codes[second]), lastUsed, searchLimit);
    QCOMPARE(counter.value_or(-1), expected);
}

void tst_OtpWindow::malformedCodes_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("spaces around are ignored") << u" 755224 "_s << true;
    QTest::newRow("five digits") << u"75522"_s << false;
    QTest::newRow("seven digits") << u"7552240"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("letters") << u"abcdef"_s << false;
    QTest::newRow("non-Latin-1 text") << u"\u0667\u0665\u0665\u0662\u0662\u0664"_s << false;
}

void tst_OtpWindow::malformedCodes()
{
    QFETCH(QString, code);
    QFETCH(bool, accepted);
    QCOMPARE(matchOtp(hotp(), code, -1, now, 1, 0).has_value(), accepted);
}

void tst_OtpWindow::paramsJsonRoundTrip()
{
    OtpParameters otp = hotp();
    otp.algorithm = HashAlgorithm::Sha512;
    otp.digits = 8;
    otp.period = 60;
    otp.counter = 9'007'199'254'740'993ull; // 2^53 + 1: a JSON double would round it
    const QJsonObject json = otpToJson(otp);
    QVERIFY(!json.contains(u"secret"_s));
    for (auto it = json.begin(); it != json.end(); ++it)
        QVERIFY(!it.value().toString().contains(QString::fromLatin1(rfcKey)));
    const OtpParameters back = otpFromJson(json, rfcKey);
    QCOMPARE(back.type, OtpType::Hotp);
    QCOMPARE(back.algorithm, HashAlgorithm::Sha512);
    QCOMPARE(back.digits, 8);
    QCOMPARE(back.period, qint64(60));
    QCOMPARE(back.counter, otp.counter);
    QCOMPARE(back.secret, rfcKey);
    // An empty object is a default TOTP.
    const OtpParameters plain = otpFromJson({}, rfcKey);
    QCOMPARE(plain.type, OtpType::Totp);
    QCOMPARE(plain.digits, 6);
    QCOMPARE(plain.period, qint64(30));
}

QTEST_GUILESS_MAIN(tst_OtpWindow)
#include "tst_otpwindow.moc"
