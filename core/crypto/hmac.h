#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

namespace twofold {

enum class HashAlgorithm { Sha1, Sha256, Sha512 };

// The name used in otpauth URIs and by oathtool ("SHA1", "SHA256", "SHA512").
QString hashAlgorithmName(HashAlgorithm algorithm);
// Accepts the names above in any case, with or without a hyphen ("sha-256").
Result<HashAlgorithm> hashAlgorithmFromName(QStringView name);

// HMAC (RFC 2104) of message under key.
Result<QByteArray> hmac(HashAlgorithm algorithm, QByteArrayView key, QByteArrayView message);

} // namespace twofold
