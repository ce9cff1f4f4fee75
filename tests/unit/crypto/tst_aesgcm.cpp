#include "crypto/aesgcm.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;

class tst_AesGcm final : public QObject
{
    Q_OBJECT

private slots:
    void knownAnswers_data();
    void knownAnswers();
    void sealThenOpen_data();
    void sealThenOpen();
    void anyFlippedBitIsDetected();
    void wrongKeyLengthIsRefused();
};

void tst_AesGcm::knownAnswers_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<QByteArray>("tag");
    // McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 1, 2, 13 and 14.
    QTest::newRow("aes-128 empty")
        << QByteArray(16, 0) << QByteArray(12, 0) << QByteArray() << QByteArray()
        << QByteArray::fromHex("58e2fccefa7e3061367f1d57a4e7455a");
    QTest::newRow("aes-128 one block")
        << QByteArray(16, 0) << QByteArray(12, 0) << QByteArray(16, 0)
        << QByteArray::fromHex("0388dace60b6a392f328c2b971b2fe78")
        << QByteArray::fromHex("ab6e47d42cec13bdf53a67b21257bddf");
    QTest::newRow("aes-256 empty")
        << QByteArray(32, 0) << QByteArray(12, 0) << QByteArray() << QByteArray()
        << QByteArray::fromHex("530f8afbc74536b9a963b4f1c4cb738b");
    QTest::newRow("aes-256 one block")
        << QByteArray(32, 0) << QByteArray(12, 0) << QByteArray(16, 0)
        << QByteArray::fromHex("cea7403d4d606b6e074ec5d3baf39d18")
        << QByteArray::fromHex("d0d1c8a799996bf0265b98b5d48ab919");
}

void tst_AesGcm::knownAnswers()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, nonce);
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, ciphertext);
    QFETCH(QByteArray, tag);
    const Result<QByteArray> opened = aesGcmOpen(key, nonce, ciphertext, tag);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    QCOMPARE(*opened, plaintext);
}

void tst_AesGcm::sealThenOpen_data()
{
    QTest::addColumn<QByteArray>("plaintext");
    QTest::addColumn<QByteArray>("aad");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("text") << "{\"accounts\":[]}"_ba << QByteArray();
    QTest::newRow("with associated data") << "secret"_ba
                                          << "header v1"_ba;
    QTest::newRow("large") << QByteArray(100000, 'x') << "h"_ba;
}

void tst_AesGcm::sealThenOpen()
{
    QFETCH(QByteArray, plaintext);
    QFETCH(QByteArray, aad);
    const QByteArray key
        = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    const Result<Sealed> sealed = aesGcmSeal(key, plaintext, aad);
    QVERIFY(sealed);
    QCOMPARE(sealed->nonce.size(), 12);
    QCOMPARE(sealed->tag.size(), 16);
    QCOMPARE(sealed->ciphertext.size(), plaintext.size());
    if (!plaintext.isEmpty())
        QVERIFY(sealed->ciphertext != plaintext);
    const Result<QByteArray> opened
        = aesGcmOpen(key, sealed->nonce, sealed->ciphertext, sealed->tag, aad);
    QVERIFY(opened);
    QCOMPARE(*opened, plaintext);
    // A second seal of the same text uses another nonce.
    QVERIFY(aesGcmSeal(key, plaintext, aad)->nonce != sealed->nonce);
}

void tst_AesGcm::anyFlippedBitIsDetected()
{
    const QByteArray key(32, 'k');
    const Result<Sealed> sealed = aesGcmSeal(key, "the vault's accounts"_ba, "aad"_ba);
    QVERIFY(sealed);
    const auto flipped = [](QByteArray bytes, qsizetype bit) {
        bytes[bit / 8] = static_cast<char>(bytes[bit / 8] ^ (1 << (bit % 8)));
        return bytes;
    };
    for (qsizetype bit = 0; bit < sealed->ciphertext.size() * 8; ++bit)
        QVERIFY(!aesGcmOpen(key, sealed->nonce, flipped(sealed->ciphertext, bit), sealed->tag,
                            "aad"_ba));
    for (qsizetype bit = 0; bit < 16 * 8; ++bit)
        QVERIFY(!aesGcmOpen(key, sealed->nonce, sealed->ciphertext, flipped(sealed->tag, bit),
                            "aad"_ba));
    for (qsizetype bit = 0; bit < 12 * 8; ++bit)
        QVERIFY(!aesGcmOpen(key, flipped(sealed->nonce, bit), sealed->ciphertext, sealed->tag,
                            "aad"_ba));
    QVERIFY(!aesGcmOpen(key, sealed->nonce, sealed->ciphertext, sealed->tag, "aae"_ba));
    const Result<QByteArray> wrongKey
        = aesGcmOpen(QByteArray(32, 'K'), sealed->nonce, sealed->ciphertext, sealed->tag, "aad"_ba);
    QVERIFY(!wrongKey);
    QCOMPARE(wrongKey.error().code, ErrorCode::Crypto);
    QVERIFY(wrongKey.error().message.contains(u"password is wrong"_s));
}

void tst_AesGcm::wrongKeyLengthIsRefused()
{
    QVERIFY(!aesGcmSeal(QByteArray(31, 0), "x"_ba));
    QVERIFY(!aesGcmOpen(QByteArray(20, 0), QByteArray(12, 0), "x"_ba, QByteArray(16, 0)));
    QVERIFY(!aesGcmOpen(QByteArray(32, 0), QByteArray(12, 0), "x"_ba, QByteArray(15, 0)));
}

QTEST_GUILESS_MAIN(tst_AesGcm)
#include "tst_aesgcm.moc"
