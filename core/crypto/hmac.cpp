#include "crypto/hmac.h"

#include <mutex>
#include <openssl/core_names.h>
#include <openssl/evp.h>

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

Result<QByteArray> hmac(HashAlgorithm algorithm, QByteArrayView key, QByteArrayView message)
{
    const Result<HmacKey> prepared = HmacKey::create(algorithm, key);
    if (!prepared)
        return prepared.error();
    return prepared->sign(message);
}

static_assert(EVP_MAX_MD_SIZE <= HmacKey::maxSize);

struct HmacKey::State
{
    std::mutex mutex;
    EVP_MAC_CTX *context = nullptr;
    ~State() { EVP_MAC_CTX_free(context); } // frees and cleanses the key schedule
};

HmacKey::HmacKey(std::shared_ptr<State> state)
    : m_state(std::move(state))
{
}

Result<HmacKey> HmacKey::create(HashAlgorithm algorithm, QByteArrayView key)
{
    const Error failed { ErrorCode::Crypto, u"Preparing the HMAC key failed in OpenSSL."_s };
    EVP_MAC *mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
    if (!mac)
        return failed;
    auto state = std::make_shared<State>();
    state->context = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac); // the context holds its own reference
    if (!state->context)
        return failed;
    // OpenSSL knows the digests by the names otpauth uses; OSSL_PARAM wants a mutable string.
    QByteArray digest = hashAlgorithmName(algorithm).toLatin1();
    const OSSL_PARAM params[]
        = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest.data(), 0),
            OSSL_PARAM_construct_end() };
    if (!EVP_MAC_init(state->context, reinterpret_cast<const unsigned char *>(key.data()),
                      static_cast<size_t>(key.size()), params)) {
        return failed;
    }
    return HmacKey(std::move(state));
}

Result<QByteArray> HmacKey::sign(QByteArrayView message) const
{
    Buffer buffer;
    const Result<qsizetype> length = sign(message, buffer);
    if (!length)
        return length.error();
    return QByteArray(buffer.data(), *length);
}

Result<qsizetype> HmacKey::sign(QByteArrayView message, Buffer &out) const
{
    size_t length = 0;
    const std::lock_guard lock(m_state->mutex);
    // Re-initialising without a key restarts from the prepared key.
    if (!EVP_MAC_init(m_state->context, nullptr, 0, nullptr)
        || !EVP_MAC_update(m_state->context,
                           reinterpret_cast<const unsigned char *>(message.data()),
                           static_cast<size_t>(message.size()))
        || !EVP_MAC_final(m_state->context, reinterpret_cast<unsigned char *>(out.data()), &length,
                          out.size())) {
        return Error { ErrorCode::Crypto, u"The HMAC computation failed in OpenSSL."_s };
    }
    return static_cast<qsizetype>(length);
}

} // namespace twofold
