#pragma once

#include "crypto/hmac.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace twofold {

// scrypt (RFC 7914). The defaults are what Twofold writes; files from elsewhere bring their own.
struct ScryptParameters
{
    quint64 n = quint64(1) << 15; // a power of two
    quint32 r = 8;
    quint32 p = 1;
};

// Derives keyLength bytes. Parameters are bounded (memory at most 1 GiB, N at most 2^22) so a
// hostile file cannot make us allocate without limit; out-of-bounds ones are an error.
Result<QByteArray> scrypt(QByteArrayView password, QByteArrayView salt,
                          const ScryptParameters &parameters, qsizetype keyLength = 32);

// PBKDF2 (RFC 8018) with HMAC over the given hash; iterations from 1 to 10,000,000.
Result<QByteArray> pbkdf2(HashAlgorithm algorithm, QByteArrayView password, QByteArrayView salt,
                          int iterations, qsizetype keyLength = 32);

} // namespace twofold
