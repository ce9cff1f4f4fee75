#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace twofold {

// How the last block of a CBC plaintext is padded.
enum class CbcPadding {
    Pkcs7, // 1 to 16 bytes, each holding the count (RFC 5652 section 6.3)
    None, // the plaintext is a whole number of blocks
};

// AES-CBC decryption for files written elsewhere (PSKC token files); the key length picks
// AES-128, -192 or -256. CBC has no integrity of its own: check a MAC before trusting the result.
// Bad padding fails with ErrorCode::Crypto: usually a wrong key, or changed data.
Result<QByteArray> aesCbcDecrypt(QByteArrayView key, QByteArrayView iv, QByteArrayView ciphertext,
                                 CbcPadding padding = CbcPadding::Pkcs7);

// AES key unwrap (RFC 3394) with the default initial value. The integrity check inside the
// wrapping fails with ErrorCode::Crypto when the key-encryption key is wrong or the data changed.
Result<QByteArray> aesKeyUnwrap(QByteArrayView kek, QByteArrayView wrapped);

} // namespace twofold
