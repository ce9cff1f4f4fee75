#include "crypto/aescbc.h"

#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>

using namespace Qt::StringLiterals;

namespace twofold {

namespace {

constexpr qsizetype blockSize = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const EVP_CIPHER *cbcCipherFor(qsizetype keyLength)
{
    switch (keyLength) {
    case 16:
        return EVP_aes_128_cbc();
    case 24:
        return EVP_aes_192_cbc();
    case 32:
        return EVP_aes_256_cbc();
    default:
        return nullptr;
    }
}

const EVP_CIPHER *wrapCipherFor(qsizetype keyLength)
{
    switch (keyLength) {
    case 16:
        return EVP_aes_128_wrap();
    case 24:
        return EVP_aes_192_wrap();
    case 32:
        return EVP_aes_256_wrap();
    default:
        return nullptr;
    }
}

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

unsigned char *bytes(QByteArray &array)
{
    return reinterpret_cast<unsigned char *>(array.data());
}

Error keyError(qsizetype length)
{
    return Error { ErrorCode::Crypto, u"An AES key has 16, 24 or 32 bytes, not %1."_s.arg(length) };
}

void wipe(QByteArray &plaintext)
{
    OPENSSL_cleanse(plaintext.data(), static_cast<size_t>(plaintext.size()));
    plaintext.clear();
}

// Checked by hand, reading every padding byte, so that how far the check got does not depend
// on where the padding is wrong.
bool stripPkcs7(QByteArray &plaintext)
{
    if (plaintext.isEmpty())
        return false;
    const auto count = static_cast<quint8>(plaintext.back());
    unsigned bad = (count == 0) | (count > blockSize);
    for (qsizetype i = 0; i < blockSize && i < plaintext.size(); ++i) {
        const auto byte = static_cast<quint8>(plaintext[plaintext.size() - 1 - i]);
        const unsigned inPadding = i < count;
        bad |= inPadding & (byte != count);
    }
    if (bad)
        return false;
    plaintext.chop(count);
    return true;
}

} // namespace

Result<QByteArray> aesCbcDecrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView ciphertext,
                                 CbcPadding padding)
{
    const EVP_CIPHER *cipher = cbcCipherFor(key.size());
    if (!cipher)
        return keyError(key.size());
    if (iv.size() != blockSize)
        return Error { ErrorCode::Crypto,
                       u"An AES-CBC initialisation vector has 16 bytes, not %1."_s.arg(iv.size()) };
    if (ciphertext.size() % blockSize != 0
        || (padding == CbcPadding::Pkcs7 && ciphertext.isEmpty()))
        return Error { ErrorCode::Crypto,
                       u"AES-CBC data of %1 bytes is not a whole number of 16-byte blocks."_s.arg(
                           ciphertext.size()) };

    CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    QByteArray plaintext(ciphertext.size() + blockSize, Qt::Uninitialized);
    int length = 0;
    int finalLength = 0;
    // OpenSSL's own padding check is left off: ours reads every byte (stripPkcs7).
    if (!context || !EVP_DecryptInit_ex(context.get(), cipher, nullptr, bytes(key), bytes(iv))
        || !EVP_CIPHER_CTX_set_padding(context.get(), 0)
        || !EVP_DecryptUpdate(context.get(), bytes(plaintext), &length, bytes(ciphertext),
                              static_cast<int>(ciphertext.size()))
        || !EVP_DecryptFinal_ex(context.get(), bytes(plaintext) + length, &finalLength)) {
        wipe(plaintext);
        return Error { ErrorCode::Crypto, u"AES-CBC decryption failed in OpenSSL."_s };
    }
    plaintext.truncate(length + finalLength);
    if (padding == CbcPadding::Pkcs7 && !stripPkcs7(plaintext)) {
        wipe(plaintext);
        return Error { ErrorCode::Crypto,
                       u"The data could not be decrypted: its padding is wrong, so the key is "
                       u"wrong or the data was changed."_s };
    }
    return plaintext;
}

Result<QByteArray> aesKeyUnwrap(QByteArrayView kek, QByteArrayView wrapped)
{
    const EVP_CIPHER *cipher = wrapCipherFor(kek.size());
    if (!cipher)
        return keyError(kek.size());
    // RFC 3394 wraps at least two 64-bit blocks, after the 64-bit integrity value.
    if (wrapped.size() < 24 || wrapped.size() % 8 != 0)
        return Error { ErrorCode::Crypto,
                       u"Wrapped key data of %1 bytes is not 24 or more bytes in 8-byte steps."_s
                           .arg(wrapped.size()) };

    CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    QByteArray plaintext(wrapped.size() + blockSize, Qt::Uninitialized);
    int length = 0;
    int finalLength = 0;
    if (context)
        EVP_CIPHER_CTX_set_flags(context.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    if (!context || !EVP_DecryptInit_ex(context.get(), cipher, nullptr, bytes(kek), nullptr)
        || EVP_DecryptUpdate(context.get(), bytes(plaintext), &length, bytes(wrapped),
                             static_cast<int>(wrapped.size()))
            <= 0
        || EVP_DecryptFinal_ex(context.get(), bytes(plaintext) + length, &finalLength) <= 0) {
        wipe(plaintext);
        return Error { ErrorCode::Crypto,
                       u"The wrapped key could not be unwrapped: the key-encryption key is "
                       u"wrong or the data was changed."_s };
    }
    plaintext.truncate(length + finalLength);
    return plaintext;
}

} // namespace twofold
