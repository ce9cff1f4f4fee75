#include "crypto/secure.h"

#include <openssl/crypto.h>

namespace twofold {

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    return CRYPTO_memcmp(a.data(), b.data(), static_cast<size_t>(a.size())) == 0;
}

void scrub(QByteArray &bytes)
{
    // detach() first would copy the secret; only cleanse storage we own alone.
    if (!bytes.isDetached()) {
        bytes = QByteArray();
        return;
    }
    OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes.truncate(0); // keeps the (now zeroed) allocation; it is freed with the array
}

void scrub(QString &text)
{
    if (!text.isDetached()) {
        text = QString();
        return;
    }
    OPENSSL_cleanse(text.data(), static_cast<size_t>(text.size()) * sizeof(QChar));
    text.truncate(0);
}

} // namespace twofold
