#pragma once

#include "result.h"
#include "server/tokens/oathtoken.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace twofold::server {

// Reads a Portable Symmetric Key Container (RFC 6030): HOTP and TOTP keys become tokens;
// OCRA, PIN and other keys, and keys encrypted for a private key we do not hold, are skipped
// with a reason. Secrets may be plain, AES-CBC or AES-key-wrap encrypted under a pre-shared key
// or a PBKDF2 password key; every ValueMAC is checked, and one bad MAC fails the whole file.
class PskcReader final
{
public:
    struct Keys
    {
        // The AES key itself: the pre-shared key of the file, or, for a password file, the key
        // derived from the password when the vendor sends that instead of the password.
        QByteArray preSharedKey;
        QString password; // for files whose key is derived from a password (PBKDF2)
    };

    static constexpr qsizetype maxFileSize = 16 * 1024 * 1024;
    static constexpr qsizetype maxKeys = 100'000;

    static Result<TokenFile> read(QByteArrayView xml, const Keys &keys = {});

    // Whether read() needs Keys for this file, so a UI or the CLI can ask first; false for a
    // file it cannot read at all (read() then says why).
    static bool needsKey(QByteArrayView xml);
    // Whether the key it needs comes from a password (rather than a pre-shared AES key).
    static bool needsPassword(QByteArrayView xml);
};

} // namespace twofold::server
