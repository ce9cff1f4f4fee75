#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace twofold {

// AES-GCM authenticated encryption. The key length picks AES-128, -192 or -256.
struct Sealed
{
    QByteArray nonce; // 12 random bytes from aesGcmSeal
    QByteArray ciphertext; // same length as the plaintext
    QByteArray tag; // 16 bytes
};

// Encrypts under a fresh random 96-bit nonce. aad is authenticated but not encrypted.
Result<Sealed> aesGcmSeal(QByteArrayView key, QByteArrayView plaintext, QByteArrayView aad = {});

// Decrypts and checks the tag; any change to nonce, ciphertext, tag or aad fails with
// ErrorCode::Crypto and a message that does not say which.
Result<QByteArray> aesGcmOpen(QByteArrayView key, QByteArrayView nonce, QByteArrayView ciphertext,
                              QByteArrayView tag, QByteArrayView aad = {});

} // namespace twofold
