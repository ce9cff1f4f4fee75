#include "otp/base32.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;

class tst_Base32 final : public QObject
{
    Q_OBJECT

private slots:
    void rfc4648Vectors_data();
    void rfc4648Vectors();
    void tolerantDecoding_data();
    void tolerantDecoding();
    void rejectsBadInput_data();
    void rejectsBadInput();
    void randomRoundTrip();
};

void tst_Base32::rfc4648Vectors_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<QString>("encoded");
    // RFC 4648 section 10.
    QTest::newRow("empty") << ""_ba << u""_s;
    QTest::newRow("f") << "f"_ba << u"MY======"_s;
    QTest::newRow("fo") << "fo"_ba << u"MZXQ===="_s;
    QTest::newRow("foo") << "foo"_ba << u"MZXW6==="_s;
    QTest::newRow("foob") << "foob"_ba << u"MZXW6YQ="_s;
    QTest::newRow("fooba") << "fooba"_ba << u"MZXW6YTB"_s;
    QTest::newRow("foobar") << "foobar"_ba << u"MZXW6YTBOI======"_s;
}

void tst_Base32::rfc4648Vectors()
{
    QFETCH(QByteArray, plain);
    QFETCH(QString, encoded);
    QCOMPARE(Base32::encode(plain, true), encoded);
    QString unpadded = encoded;
    unpadded.remove(u'=');
    QCOMPARE(Base32::encode(plain), unpadded);

    const Result<QByteArray> decoded = Base32::decode(encoded);
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
    QCOMPARE(*decoded, plain);
}

void tst_Base32::tolerantDecoding_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("lower case") << u"mzxw6ytboi"_s << "foobar"_ba;
    QTest::newRow("mixed case") << u"MzXw6YtBoI"_s << "foobar"_ba;
    QTest::newRow("missing padding") << u"MZXW6YQ"_s << "foob"_ba;
    QTest::newRow("spaces in groups") << u"MZXW 6YTB OI"_s << "foobar"_ba;
    QTest::newRow("hyphens in groups") << u"MZXW-6YTB-OI"_s << "foobar"_ba;
    QTest::newRow("tab and trailing space") << u"MZXW6\tYTBOI "_s << "foobar"_ba;
    QTest::newRow("rfc 6238 sha1 seed") << u"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"_s
                                        << "12345678901234567890"_ba;
}

void tst_Base32::tolerantDecoding()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, expected);
    const Result<QByteArray> decoded = Base32::decode(input);
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().message));
    QCOMPARE(*decoded, expected);
}

void tst_Base32::rejectsBadInput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("digit 1 names position") << u"MZXW1YTB"_s << u"\"1\" (at position 5)"_s;
    QTest::newRow("digit 8") << u"MZ8W6YTB"_s << u"\"8\" (at position 3)"_s;
    QTest::newRow("digit 0") << u"0ZXW6YTB"_s << u"\"0\" (at position 1)"_s;
    QTest::newRow("punctuation") << u"MZXW6YT!"_s << u"\"!\" (at position 8)"_s;
    QTest::newRow("non-ASCII letter") << u"MZXWÄYTB"_s << u"\"Ä\" (at position 5)"_s;
    QTest::newRow("newline is named by code") << u"MZXW\nYTB"_s << u"U+000A (at position 5)"_s;
    QTest::newRow("data after padding") << u"MY======MY"_s << u"after its \"=\" padding, at position 9"_s;
    QTest::newRow("impossible length 1") << u"MZXW6YTBO"_s << u"cut short"_s;
    QTest::newRow("impossible length 3") << u"MZX"_s << u"cut short"_s;
    QTest::newRow("impossible length 6") << u"MZXW6Y"_s << u"cut short"_s;
}

void tst_Base32::rejectsBadInput()
{
    QFETCH(QString, input);
    QFETCH(QString, messagePart);
    const Result<QByteArray> decoded = Base32::decode(input);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().code, ErrorCode::InvalidBase32);
    QVERIFY2(decoded.error().message.contains(messagePart), qPrintable(decoded.error().message));
}

void tst_Base32::randomRoundTrip()
{
    // Every length across several 5-byte groups, with bytes from a fixed seed.
    QRandomGenerator random(4648);
    for (int length = 0; length < 64; ++length) {
        QByteArray bytes(length, Qt::Uninitialized);
        for (char &b : bytes)
            b = static_cast<char>(random.bounded(256));
        const Result<QByteArray> back = Base32::decode(Base32::encode(bytes));
        QVERIFY(back);
        QCOMPARE(*back, bytes);
    }
}

QTEST_GUILESS_MAIN(tst_Base32)
#include "tst_base32.moc"
