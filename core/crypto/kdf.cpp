#include "crypto/kdf.h"

#include <openssl/evp.h>

using namespace Qt::StringLiterals;

namespace twofold {

namespace {
constexpr quint64 maxScryptMemory = quint64(1) << 30;
constexpr quint64 maxScryptN = quint64(1) << 22;
constexpr int maxIterations = 10'000'000;
constexpr qsizetype maxKeyLength = 1024;
} // namespace

Result<QByteArray> scrypt(QByteArrayView password, QByteArrayView salt,
                          const ScryptParameters &parameters, qsizetype keyLength)
{
    const quint64 memory = 128 * quint64(parameters.r) * (parameters.n + parameters.p + 2);
    const bool powerOfTwo = parameters.n > 1 && (parameters.n & (parameters.n - 1)) == 0;
    if (!powerOfTwo || parameters.n > maxScryptN || parameters.r < 1 || parameters.r > 64
        || parameters.p < 1 || parameters.p > 16 || memory > maxScryptMemory || keyLength < 1
        || keyLength > maxKeyLength) {
        return Error { ErrorCode::Crypto,
                       u"The scrypt parameters (N=%1, r=%2, p=%3) are out of the supported range."_s
                           .arg(parameters.n)
                           .arg(parameters.r)
                           .arg(parameters.p) };
    }
    QByteArray key(keyLength, Qt::Uninitialized);
    if (!EVP_PBE_scrypt(password.data(), static_cast<size_t>(password.size()),
                        reinterpret_cast<const unsigned char *>(salt.data()),
                        static_cast<size_t>(salt.size()), parameters.n, parameters.r, parameters.p,
                        maxScryptMemory + (1 << 20), reinterpret_cast<unsigned char *>(key.data()),
                        static_cast<size_t>(keyLength))) {
        return Error { ErrorCode::Crypto, u"The scrypt key derivation failed in OpenSSL."_s };
    }
    return key;
}

Result<QByteArray> pbkdf2(HashAlgorithm algorithm, QByteArrayView password, QByteArrayView salt,
                          int iterations, qsizetype keyLength)
{
    if (iterations < 1 || iterations > maxIterations || keyLength < 1 || keyLength > maxKeyLength)
        return Error { ErrorCode::Crypto,
                       u"PBKDF2 with %1 iterations is out of the supported range."_s.arg(
                           iterations) };
    const EVP_MD *digest = algorithm == HashAlgorithm::Sha1 ? EVP_sha1()
        : algorithm == HashAlgorithm::Sha256                ? EVP_sha256()
                                                            : EVP_sha512();
    QByteArray key(keyLength, Qt::Uninitialized);
    if (!PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                           reinterpret_cast<const unsigned char *>(salt.data()),
                           static_cast<int>(salt.size()), iterations, digest,
                           static_cast<int>(keyLength),
                           reinterpret_cast<unsigned char *>(key.data()))) {
        return Error { ErrorCode::Crypto, u"The PBKDF2 key derivation failed in OpenSSL."_s };
    }
    return key;
}

} // namespace twofold
