#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

#include <array>
#include <memory>

namespace twofold {

enum class HashAlgorithm { Sha1, Sha256, Sha512 };

// The name used in otpauth URIs and by oathtool ("SHA1", "SHA256", "SHA512").
QString hashAlgorithmName(HashAlgorithm algorithm);
// Accepts the names above in any case, with or without a hyphen ("sha-256").
Result<HashAlgorithm> hashAlgorithmFromName(QStringView name);

// HMAC (RFC 2104) of message under key.
Result<QByteArray> hmac(HashAlgorithm algorithm, QByteArrayView key, QByteArrayView message);

// An HMAC key prepared once for many messages, as OTP generation needs: OpenSSL's one-shot
// HMAC() looks up the digest and hashes the key again on every call, five times the work.
// Copies share the prepared key; sign() is thread-safe.
class HmacKey final
{
public:
    static Result<HmacKey> create(HashAlgorithm algorithm, QByteArrayView key);

    static constexpr qsizetype maxSize = 64; // SHA-512's output
    using Buffer = std::array<char, maxSize>;

    Result<QByteArray> sign(QByteArrayView message) const;
    // Into a caller's buffer, for the per-code hot path: no allocation. Returns the MAC's length.
    Result<qsizetype> sign(QByteArrayView message, Buffer &out) const;

private:
    struct State;
    explicit HmacKey(std::shared_ptr<State> state);
    std::shared_ptr<State> m_state;
};

} // namespace twofold
