#pragma once

// Inside core/crypto only: the OpenSSL key behind an EcKey.
#include "crypto/eckey.h"

#include <openssl/evp.h>

namespace twofold {

class EcKeyNative final
{
public:
    static EVP_PKEY *pkey(const EcKey &key);
    // Takes ownership of pkey whatever happens; null, or a key on another curve, is refused.
    static Result<EcKey> adopt(EVP_PKEY *pkey, bool hasPrivate, const QString &what);
};

} // namespace twofold
