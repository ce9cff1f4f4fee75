#include "crypto/aesgcm.h"

#include "crypto/random.h"

#include <memory>
#include <openssl/evp.h>

using namespace Qt::StringLiterals;

namespace twofold {

namespace {

constexpr int tagLength = 16;
constexpr int nonceLength = 12;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const EVP_CIPHER *cipherFor(qsizetype keyLength)
{
    switch (keyLength) {
    case 16:
        return EVP_aes_128_gcm();
    case 24:
        return EVP_aes_192_gcm();
    case 32:
        return EVP_aes_256_gcm();
    default:
        return nullptr;
    }
}

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

Error keyError(qsizetype length)
{
    return Error { ErrorCode::Crypto, u"An AES key has 16, 24 or 32 bytes, not %1."_s.arg(length) };
}

// Sets cipher, nonce length, key and nonce, then feeds the associated data.
bool start(EVP_CIPHER_CTX *context, const EVP_CIPHER *cipher, QByteArrayView key,
           QByteArrayView nonce, QByteArrayView aad, int encrypt)
{
    int unused = 0;
    return EVP_CipherInit_ex(context, cipher, nullptr, nullptr, nullptr, encrypt)
        && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()),
                               nullptr)
        && EVP_CipherInit_ex(context, nullptr, nullptr, bytes(key), bytes(nonce), encrypt)
        && (aad.isEmpty()
            || EVP_CipherUpdate(context, nullptr, &unused, bytes(aad),
                                static_cast<int>(aad.size())));
}

} // namespace

Result<Sealed> aesGcmSeal(QByteArrayView key, QByteArrayView plaintext, QByteArrayView aad)
{
    const EVP_CIPHER *cipher = cipherFor(key.size());
    if (!cipher)
        return keyError(key.size());
    Result<QByteArray> nonce = randomBytes(nonceLength);
    if (!nonce)
        return nonce.error();

    const Error failed { ErrorCode::Crypto, u"Encryption failed in OpenSSL."_s };
    CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    if (!context || !start(context.get(), cipher, key, *nonce, aad, 1))
        return failed;
    Sealed sealed { std::move(*nonce), QByteArray(plaintext.size(), Qt::Uninitialized),
                    QByteArray(tagLength, Qt::Uninitialized) };
    int length = 0;
    int finalLength = 0;
    if (!EVP_EncryptUpdate(context.get(),
                           reinterpret_cast<unsigned char *>(sealed.ciphertext.data()), &length,
                           bytes(plaintext), static_cast<int>(plaintext.size()))
        || !EVP_EncryptFinal_ex(context.get(), nullptr, &finalLength)
        || !EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, tagLength,
                                sealed.tag.data())) {
        return failed;
    }
    return sealed;
}

Result<QByteArray> aesGcmOpen(QByteArrayView key, QByteArrayView nonce, QByteArrayView ciphertext,
                              QByteArrayView tag, QByteArrayView aad)
{
    const EVP_CIPHER *cipher = cipherFor(key.size());
    if (!cipher)
        return keyError(key.size());
    const Error wrong {
        ErrorCode::Crypto,
        u"The data could not be decrypted: the key or password is wrong, or the data "
        u"was changed."_s
    };
    if (nonce.isEmpty() || tag.size() != tagLength)
        return wrong;

    CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    QByteArray plaintext(ciphertext.size(), Qt::Uninitialized);
    int length = 0;
    int finalLength = 0;
    // OpenSSL wants a mutable tag buffer although it only reads it.
    QByteArray tagCopy = tag.toByteArray();
    if (!context || !start(context.get(), cipher, key, nonce, aad, 0)
        || !EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char *>(plaintext.data()),
                              &length, bytes(ciphertext), static_cast<int>(ciphertext.size()))
        || !EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, tagLength, tagCopy.data())
        || EVP_DecryptFinal_ex(context.get(), nullptr, &finalLength) <= 0) {
        OPENSSL_cleanse(plaintext.data(), static_cast<size_t>(plaintext.size()));
        return wrong;
    }
    return plaintext;
}

} // namespace twofold
