#pragma once

#include "otp/otpparameters.h"

#include <QList>
#include <QString>

namespace twofold::server {

// One hardware OATH token read from a vendor's file, ready to be stored and assigned.
struct OathToken
{
    QString serial; // printed on the token: what an administrator searches by
    QString manufacturer;
    QString model;
    QString upn; // the user to assign it to (Azure CSV); empty when the file names nobody
    OtpParameters otp; // Hotp or Totp; account is the serial, issuer the file's issuer if any

    friend bool operator==(const OathToken &, const OathToken &) = default;
};

// A key in the file that is not imported, and why (an OCRA key, a PIN key, ...).
struct SkippedToken
{
    QString serial;
    QString reason;

    friend bool operator==(const SkippedToken &, const SkippedToken &) = default;
};

// What a token file holds. A reader gives either this, with at least one token, or an Error:
// an import completes or changes nothing.
struct TokenFile
{
    QList<OathToken> tokens;
    QList<SkippedToken> skipped;
};

} // namespace twofold::server
