#include "crypto/kdf.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;

class tst_Kdf final : public QObject
{
    Q_OBJECT

private slots:
    void scryptRfc7914_data();
    void scryptRfc7914();
    void scryptRefusesHostileParameters_data();
    void scryptRefusesHostileParameters();
    void pbkdf2KnownAnswers_data();
    void pbkdf2KnownAnswers();
    void pbkdf2RefusesBadIterations();
};

void tst_Kdf::scryptRfc7914_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<quint64>("n");
    QTest::addColumn<quint32>("r");
    QTest::addColumn<quint32>("p");
    QTest::addColumn<QByteArray>("expectedHex");
    // RFC 7914 section 12.
    QTest::newRow("empty, N=16")
        << QByteArray() << QByteArray() << quint64(16) << quint32(1) << quint32(1)
        << "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"_ba;
    QTest::newRow("password/NaCl, N=1024")
        << "password"_ba
        << "NaCl"_ba << quint64(1024) << quint32(8) << quint32(16)
        << "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"_ba;
}

void tst_Kdf::scryptRfc7914()
{
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, salt);
    QFETCH(quint64, n);
    QFETCH(quint32, r);
    QFETCH(quint32, p);
    QFETCH(QByteArray, expectedHex);
    const Result<QByteArray> key = scrypt(password, salt, { n, r, p }, 64);
    QVERIFY2(key, qPrintable(key ? QString() : key.error().message));
    QCOMPARE(key->toHex(), expectedHex);
}

void tst_Kdf::scryptRefusesHostileParameters_data()
{
    QTest::addColumn<quint64>("n");
    QTest::addColumn<quint32>("r");
    QTest::addColumn<quint32>("p");
    QTest::newRow("N not a power of two") << quint64(1000) << quint32(8) << quint32(1);
    QTest::newRow("N of 1") << quint64(1) << quint32(8) << quint32(1);
    QTest::newRow("N of 2^40 (terabytes)") << (quint64(1) << 40) << quint32(8) << quint32(1);
    QTest::newRow("r of 0") << quint64(1024) << quint32(0) << quint32(1);
    QTest::newRow("p of 0") << quint64(1024) << quint32(8) << quint32(0);
    QTest::newRow("over 1 GiB") << (quint64(1) << 21) << quint32(8) << quint32(1);
}

void tst_Kdf::scryptRefusesHostileParameters()
{
    QFETCH(quint64, n);
    QFETCH(quint32, r);
    QFETCH(quint32, p);
    const Result<QByteArray> key = scrypt("pw"_ba, "salt"_ba, { n, r, p });
    QVERIFY(!key);
    QVERIFY(key.error().message.contains(u"out of the supported range"_s));
}

void tst_Kdf::pbkdf2KnownAnswers_data()
{
    QTest::addColumn<HashAlgorithm>("algorithm");
    QTest::addColumn<int>("iterations");
    QTest::addColumn<QByteArray>("expectedHex");
    // RFC 6070 (SHA-1) and the matching published SHA-256 values, password "password", salt "salt".
    QTest::newRow("sha1 c=1") << HashAlgorithm::Sha1 << 1
                              << "0c60c80f961f0e71f3a9b524af6012062fe037a6"_ba;
    QTest::newRow("sha1 c=2") << HashAlgorithm::Sha1 << 2
                              << "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"_ba;
    QTest::newRow("sha1 c=4096") << HashAlgorithm::Sha1 << 4096
                                 << "4b007901b765489abead49d926f721d065a429c1"_ba;
    QTest::newRow("sha256 c=1")
        << HashAlgorithm::Sha256 << 1
        << "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"_ba;
    QTest::newRow("sha256 c=4096")
        << HashAlgorithm::Sha256 << 4096
        << "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"_ba;
}

void tst_Kdf::pbkdf2KnownAnswers()
{
    QFETCH(HashAlgorithm, algorithm);
    QFETCH(int, iterations);
    QFETCH(QByteArray, expectedHex);
    const Result<QByteArray> key
        = pbkdf2(algorithm, "password"_ba, "salt"_ba, iterations, expectedHex.size() / 2);
    QVERIFY(key);
    QCOMPARE(key->toHex(), expectedHex);
}

void tst_Kdf::pbkdf2RefusesBadIterations()
{
    QVERIFY(!pbkdf2(HashAlgorithm::Sha256, "pw"_ba, "salt"_ba, 0));
    QVERIFY(!pbkdf2(HashAlgorithm::Sha256, "pw"_ba, "salt"_ba, -5));
    QVERIFY(!pbkdf2(HashAlgorithm::Sha256, "pw"_ba, "salt"_ba, 2'000'000'000));
}

QTEST_GUILESS_MAIN(tst_Kdf)
#include "tst_kdf.moc"
