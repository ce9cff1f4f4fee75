#include "crypto/hmac.h"
#include "crypto/random.h"
#include "crypto/secure.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;

class tst_Crypto final : public QObject
{
    Q_OBJECT

private slots:
    void hmacKnownAnswers_data();
    void hmacKnownAnswers();
    void algorithmNames_data();
    void algorithmNames();
    void randomBytesAreFreshAndSized();
    void randomBytesRejectsBadCounts();
    void constantTimeEquals_data();
    void constantTimeEquals();
    void scrubZeroesTheBuffer();
    void scrubLeavesOtherCopiesAlone();
};

void tst_Crypto::hmacKnownAnswers_data()
{
    QTest::addColumn<HashAlgorithm>("algorithm");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("expectedHex");
    const QByteArray key1(20, '\x0b');
    const QByteArray bigKey(131, '\xaa');
    const QByteArray bigMessage = "Test Using Larger Than Block-Size Key - Hash Key First"_ba;
    // RFC 2202 section 3 (SHA-1) and RFC 4231 section 4 (SHA-256, SHA-512).
    QTest::newRow("rfc2202 case 1 sha1") << HashAlgorithm::Sha1 << key1 << "Hi There"_ba
                                         << "b617318655057264e28bc0b6fb378c8ef146be00"_ba;
    QTest::newRow("rfc2202 case 2 sha1") << HashAlgorithm::Sha1 << "Jefe"_ba
                                         << "what do ya want for nothing?"_ba
                                         << "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"_ba;
    QTest::newRow("rfc4231 case 1 sha256")
        << HashAlgorithm::Sha256 << key1 << "Hi There"_ba
        << "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"_ba;
    QTest::newRow("rfc4231 case 2 sha256")
        << HashAlgorithm::Sha256 << "Jefe"_ba
        << "what do ya want for nothing?"_ba
        << "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"_ba;
    QTest::newRow("rfc4231 case 6 sha256 long key")
        << HashAlgorithm::Sha256 << bigKey << bigMessage
        << "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"_ba;
    QTest::newRow("rfc4231 case 1 sha512")
        << HashAlgorithm::Sha512 << key1 << "Hi There"_ba
        << "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"_ba;
    QTest::newRow("rfc4231 case 2 sha512")
        << HashAlgorithm::Sha512 << "Jefe"_ba
        << "what do ya want for nothing?"_ba
        << "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"_ba;
    QTest::newRow("rfc4231 case 6 sha512 long key")
        << HashAlgorithm::Sha512 << bigKey << bigMessage
        << "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"_ba;
}

void tst_Crypto::hmacKnownAnswers()
{
    QFETCH(HashAlgorithm, algorithm);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, expectedHex);
    const Result<QByteArray> mac = hmac(algorithm, key, message);
    QVERIFY(mac);
    QCOMPARE(mac->toHex(), expectedHex);
}

void tst_Crypto::algorithmNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("SHA1") << u"SHA1"_s << true << u"SHA1"_s;
    QTest::newRow("lower sha256") << u"sha256"_s << true << u"SHA256"_s;
    QTest::newRow("hyphenated SHA-512") << u"SHA-512"_s << true << u"SHA512"_s;
    QTest::newRow("MD5 is refused") << u"MD5"_s << false << u""_s;
    QTest::newRow("empty is refused") << u""_s << false << u""_s;
}

void tst_Crypto::algorithmNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QFETCH(QString, canonical);
    const Result<HashAlgorithm> algorithm = hashAlgorithmFromName(name);
    QCOMPARE(algorithm.has_value(), valid);
    if (valid)
        QCOMPARE(hashAlgorithmName(*algorithm), canonical);
    else
        QVERIFY(algorithm.error().message.contains(u"SHA1, SHA256 or SHA512"_s));
}

void tst_Crypto::randomBytesAreFreshAndSized()
{
    const Result<QByteArray> a = randomBytes(32);
    const Result<QByteArray> b = randomBytes(32);
    QVERIFY(a && b);
    QCOMPARE(a->size(), 32);
    QVERIFY(*a != *b); // equal by chance with probability 2^-256
    QCOMPARE(randomBytes(0)->size(), 0);
    // Over many bytes every value should appear: catches a generator stuck on a few values.
    const Result<QByteArray> many = randomBytes(1 << 16);
    QVERIFY(many);
    QSet<char> seen(many->cbegin(), many->cend());
    QCOMPARE(seen.size(), 256);
}

void tst_Crypto::randomBytesRejectsBadCounts()
{
    QVERIFY(!randomBytes(-1));
    QVERIFY(!randomBytes(qsizetype(1) << 30));
}

void tst_Crypto::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << "123456"_ba
                          << "123456"_ba << true;
    QTest::newRow("last byte differs") << "123456"_ba
                                       << "123457"_ba << false;
    QTest::newRow("first byte differs") << "023456"_ba
                                        << "123456"_ba << false;
    QTest::newRow("prefix is not equal") << "12345"_ba
                                         << "123456"_ba << false;
    QTest::newRow("both empty") << ""_ba
                                << ""_ba << true;
    QTest::newRow("embedded zero") << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
}

void tst_Crypto::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(twofold::constantTimeEquals(a, b), equal);
    QCOMPARE(twofold::constantTimeEquals(b, a), equal);
}

void tst_Crypto::scrubZeroesTheBuffer()
{
    QByteArray secret = "correct horse battery staple"_ba;
    secret.detach();
    const qsizetype size = secret.size();
    const char *storage = secret.constData();
    scrub(secret);
    QVERIFY(secret.isEmpty());
    // The allocation is still the array's, so reading it is defined: it must be all zero.
    QCOMPARE(secret.constData(), storage);
    QCOMPARE(QByteArray(storage, size), QByteArray(size, '\0'));

    QString text = u"hunter2"_s;
    text.detach();
    const QChar *chars = text.constData();
    scrub(text);
    QVERIFY(text.isEmpty());
    for (int i = 0; i < 7; ++i)
        QCOMPARE(chars[i].unicode(), 0);
}

void tst_Crypto::scrubLeavesOtherCopiesAlone()
{
    QByteArray original = "shared secret"_ba;
    QByteArray copy = original; // implicitly shared
    scrub(copy);
    QVERIFY(copy.isEmpty());
    QCOMPARE(original, "shared secret"_ba);
}

QTEST_GUILESS_MAIN(tst_Crypto)
#include "tst_crypto.moc"
