#include "crypto/aescbc.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;

Q_DECLARE_METATYPE(twofold::CbcPadding)

namespace {

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

// NIST SP 800-38A appendix F.2: the same four plaintext blocks under every key size.
const QByteArray nistIv = hex("000102030405060708090a0b0c0d0e0f");
const QByteArray nistPlaintext = hex("6bc1bee22e409f96e93d7e117393172a"
                                     "ae2d8a571e03ac9c9eb76fac45af8e51"
                                     "30c81c46a35ce411e5fbc1191a0a52ef"
                                     "f69f2445df4f9b17ad2b417be66c3710");
const QByteArray nistKey128 = hex("2b7e151628aed2a6abf7158809cf4f3c");
const QByteArray nistCiphertext128 = hex("7649abac8119b246cee98e9b12e9197d"
                                         "5086cb9b507219ee95db113a917678b2"
                                         "73bed6b8e3c1743b7116e69e22229516"
                                         "3ff1caa1681fac09120eca307586e1a7");

// RFC 6030 figure 6: the MAC key, AES-128-CBC under the pre-shared key with the IV in front.
const QByteArray figure6Key = hex("12345678901234567890123456789012");
const QByteArray figure6MacKeyCipher
    = QByteArray::fromBase64("ESIzRFVmd4iZABEiM0RVZgKn6WjLaTC1sbeBMSvIhRejN9vJa2BOlSaMrR7I5wSX");

// RFC 3394 section 4: the KEK and key data are prefixes of these.
const QByteArray rfc3394Kek
    = hex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
const QByteArray rfc3394Data
    = hex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");

} // namespace

class tst_AesCbc final : public QObject
{
    Q_OBJECT

private slots:
    void cbcKnownAnswers_data();
    void cbcKnownAnswers();
    void cbcRefusesBadInput_data();
    void cbcRefusesBadInput();
    void keyUnwrapKnownAnswers_data();
    void keyUnwrapKnownAnswers();
    void keyUnwrapRefusesBadInput_data();
    void keyUnwrapRefusesBadInput();
};

void tst_AesCbc::cbcKnownAnswers_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("iv");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<CbcPadding>("padding");
    QTest::addColumn<QByteArray>("plaintext");
    QTest::newRow("SP 800-38A F.2.2 CBC-AES128")
        << nistKey128 << nistIv << nistCiphertext128 << CbcPadding::None << nistPlaintext;
    QTest::newRow("SP 800-38A F.2.4 CBC-AES192")
        << hex("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b") << nistIv
        << hex("4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a"
               "571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd")
        << CbcPadding::None << nistPlaintext;
    QTest::newRow("SP 800-38A F.2.6 CBC-AES256")
        << hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4") << nistIv
        << hex("f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
               "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b")
        << CbcPadding::None << nistPlaintext;
    // CBC decrypts each block from the one before it, so a middle pair stands alone.
    QTest::newRow("SP 800-38A F.2.2 from the second block")
        << nistKey128 << nistCiphertext128.first(16) << nistCiphertext128.sliced(16, 16)
        << CbcPadding::None << nistPlaintext.sliced(16, 16);
    QTest::newRow("RFC 6030 figure 6 MAC key, 12 bytes of PKCS#7 padding")
        << figure6Key << figure6MacKeyCipher.first(16) << figure6MacKeyCipher.sliced(16)
        << CbcPadding::Pkcs7 << hex("1122334455667788990011223344556677889900");
    QTest::newRow("RFC 6030 figure 6 MAC key, padding kept")
        << figure6Key << figure6MacKeyCipher.first(16) << figure6MacKeyCipher.sliced(16)
        << CbcPadding::None
        << hex("1122334455667788990011223344556677889900") + QByteArray(12, '\x0c');
}

void tst_AesCbc::cbcKnownAnswers()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, iv);
    QFETCH(QByteArray, ciphertext);
    QFETCH(CbcPadding, padding);
    QFETCH(QByteArray, plaintext);
    const Result<QByteArray> decrypted = aesCbcDecrypt(key, iv, ciphertext, padding);
    QVERIFY2(decrypted, qPrintable(decrypted ? QString() : decrypted.error().message));
    QCOMPARE(decrypted->toHex(), plaintext.toHex());
}

void tst_AesCbc::cbcRefusesBadInput_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("iv");
    QTest::addColumn<QByteArray>("ciphertext");
    QTest::addColumn<QString>("fragment");
    const QByteArray figure6Iv = figure6MacKeyCipher.first(16);
    const QByteArray figure6Body = figure6MacKeyCipher.sliced(16);
    // The NIST plaintext ends in 0x10 but is not sixteen 0x10 bytes: not PKCS#7 padding.
    QTest::newRow("bad padding: NIST plaintext read as padded")
        << nistKey128 << nistIv << nistCiphertext128 << u"padding is wrong"_s;
    // Flipping a byte of the first block flips the same byte of the second block's plaintext.
    const auto withLastBlockXor = [&figure6Body](qsizetype index, char mask) {
        QByteArray body = figure6Body;
        body[index] = static_cast<char>(body[index] ^ mask);
        return body;
    };
    QTest::newRow("bad padding: one padding byte 0x0d among 0x0c")
        << figure6Key << figure6Iv << withLastBlockXor(10, 0x01) << u"padding is wrong"_s;
    QTest::newRow("bad padding: count 0")
        << figure6Key << figure6Iv << withLastBlockXor(15, 0x0c) << u"padding is wrong"_s;
    QTest::newRow("bad padding: count 17")
        << figure6Key << figure6Iv << withLastBlockXor(15, 0x1d) << u"padding is wrong"_s;
    QByteArray wrongKey = figure6Key;
    wrongKey[0] = 'x';
    QTest::newRow("wrong key") << wrongKey << figure6Iv << figure6Body << u"padding is wrong"_s;
    QTest::newRow("partial block")
        << figure6Key << figure6Iv << figure6Body.first(31) << u"not a whole number"_s;
    QTest::newRow("empty ciphertext with padding")
        << figure6Key << figure6Iv << QByteArray() << u"not a whole number"_s;
    QTest::newRow("short IV") << figure6Key << figure6Iv.first(12) << figure6Body
                              << u"initialisation vector"_s;
    QTest::newRow("key of 20 bytes")
        << QByteArray(20, 'k') << figure6Iv << figure6Body << u"16, 24 or 32 bytes"_s;
}

void tst_AesCbc::cbcRefusesBadInput()
{
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, iv);
    QFETCH(QByteArray, ciphertext);
    QFETCH(QString, fragment);
    const Result<QByteArray> decrypted = aesCbcDecrypt(key, iv, ciphertext);
    QVERIFY(!decrypted);
    QCOMPARE(decrypted.error().code, ErrorCode::Crypto);
    QVERIFY2(decrypted.error().message.contains(fragment), qPrintable(decrypted.error().message));
}

void tst_AesCbc::keyUnwrapKnownAnswers_data()
{
    QTest::addColumn<QByteArray>("kek");
    QTest::addColumn<QByteArray>("wrapped");
    QTest::addColumn<QByteArray>("keyData");
    QTest::newRow("RFC 3394 4.1: 128-bit key data, 128-bit KEK")
        << rfc3394Kek.first(16) << hex("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5")
        << rfc3394Data.first(16);
    QTest::newRow("RFC 3394 4.2: 128-bit key data, 192-bit KEK")
        << rfc3394Kek.first(24) << hex("96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D")
        << rfc3394Data.first(16);
    QTest::newRow("RFC 3394 4.3: 128-bit key data, 256-bit KEK")
        << rfc3394Kek << hex("64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7")
        << rfc3394Data.first(16);
    QTest::newRow("RFC 3394 4.4: 192-bit key data, 192-bit KEK")
        << rfc3394Kek.first(24)
        << hex("031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2")
        << rfc3394Data.first(24);
    QTest::newRow("RFC 3394 4.5: 192-bit key data, 256-bit KEK")
        << rfc3394Kek << hex("A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1")
        << rfc3394Data.first(24);
    QTest::newRow("RFC 3394 4.6: 256-bit key data, 256-bit KEK")
        << rfc3394Kek
        << hex("28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21")
        << rfc3394Data;
}

void tst_AesCbc::keyUnwrapKnownAnswers()
{
    QFETCH(QByteArray, kek);
    QFETCH(QByteArray, wrapped);
    QFETCH(QByteArray, keyData);
    const Result<QByteArray> unwrapped = aesKeyUnwrap(kek, wrapped);
    QVERIFY2(unwrapped, qPrintable(unwrapped ? QString() : unwrapped.error().message));
    QCOMPARE(unwrapped->toHex(), keyData.toHex());
}

void tst_AesCbc::keyUnwrapRefusesBadInput_data()
{
    QTest::addColumn<QByteArray>("kek");
    QTest::addColumn<QByteArray>("wrapped");
    QTest::addColumn<QString>("fragment");
    const QByteArray wrapped = hex("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5");
    QByteArray changed = wrapped;
    changed[20] = static_cast<char>(changed[20] ^ 1);
    QTest::newRow("changed data") << rfc3394Kek.first(16) << changed << u"was changed"_s;
    QTest::newRow("wrong KEK") << rfc3394Kek.sliced(16) << wrapped << u"is wrong"_s;
    QTest::newRow("KEK of another size") << rfc3394Kek.first(24) << wrapped << u"is wrong"_s;
    QTest::newRow("16 bytes") << rfc3394Kek.first(16) << wrapped.first(16) << u"24 or more"_s;
    QTest::newRow("not in 8-byte steps")
        << rfc3394Kek.first(16) << wrapped.first(23) << u"24 or more"_s;
    QTest::newRow("KEK of 8 bytes") << rfc3394Kek.first(8) << wrapped << u"16, 24 or 32"_s;
}

void tst_AesCbc::keyUnwrapRefusesBadInput()
{
    QFETCH(QByteArray, kek);
    QFETCH(QByteArray, wrapped);
    QFETCH(QString, fragment);
    const Result<QByteArray> unwrapped = aesKeyUnwrap(kek, wrapped);
    QVERIFY(!unwrapped);
    QCOMPARE(unwrapped.error().code, ErrorCode::Crypto);
    QVERIFY2(unwrapped.error().message.contains(fragment), qPrintable(unwrapped.error().message));
}

QTEST_GUILESS_MAIN(tst_AesCbc)
#include "tst_aescbc.moc"
