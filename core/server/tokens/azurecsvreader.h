#pragma once

#include "result.h"
#include "server/tokens/oathtoken.h"

#include <QByteArrayView>

namespace twofold::server {

// Reads the hardware OATH token CSV that Azure MFA imports:
//   upn,serial number,secret key,time interval,manufacturer,model
// Every token is TOTP, HMAC-SHA1, 6 digits, with a Base32 secret and a 30 or 60 s interval.
// A file with any bad line fails as a whole, and the error lists every bad line as
// "line N: what is wrong", so an administrator can fix them all in one go.
class AzureCsvReader final
{
public:
    static constexpr qsizetype maxFileSize = 16 * 1024 * 1024;
    static constexpr int maxListedErrors = 1000; // the message counts the rest

    static Result<TokenFile> read(QByteArrayView csv);
};

} // namespace twofold::server
