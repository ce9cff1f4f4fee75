#include "crypto/hmac.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace Qt::StringLiterals;

namespace twofold {

QString hashAlgorithmName(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Sha1:
        return u"SHA1"_s;
    case HashAlgorithm::Sha256:
        return u"SHA256"_s;
    case HashAlgorithm::Sha512:
        return u"SHA512"_s;
    }
    Q_UNREACHABLE();
    return {};
}

Result<HashAlgorithm> hashAlgorithmFromName(QStringView name)
{
    QString normalised = name.toString().toUpper();
    normalised.remove(u'-');
    for (HashAlgorithm algorithm :
         { HashAlgorithm::Sha1, HashAlgorithm::Sha256, HashAlgorithm::Sha512 }) {
        if (normalised == hashAlgorithmName(algorithm))
            return algorithm;
    }
    return Error { ErrorCode::InvalidArgument,
                   u"Unknown algorithm \"%1\"; use SHA1, SHA256 or SHA512."_s.arg(name) };
}

static const EVP_MD *digestFor(HashAlgorithm algorithm)
{
    switch (algorithm) {
    case HashAlgorithm::Sha1:
        return EVP_sha1();
    case HashAlgorithm::Sha256:
        return EVP_sha256();
    case HashAlgorithm::Sha512:
        return EVP_sha512();
    }
    return nullptr;
}

Result<QByteArray> hmac(HashAlgorithm algorithm, QByteArrayView key, QByteArrayView message)
{
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    // HMAC() is the one-shot form; it keeps no state between calls, so it is thread-safe.
    if (!HMAC(digestFor(algorithm), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char *>(message.data()),
              static_cast<size_t>(message.size()), reinterpret_cast<unsigned char *>(out.data()),
              &length)) {
        return Error { ErrorCode::Crypto, u"The HMAC computation failed in OpenSSL."_s };
    }
    out.truncate(static_cast<qsizetype>(length));
    return out;
}

} // namespace twofold
