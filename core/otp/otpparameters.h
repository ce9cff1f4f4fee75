#pragma once

#include "crypto/hmac.h"

#include <QByteArray>
#include <QString>

namespace twofold {

enum class OtpType { Totp, Hotp, Steam };

// Everything needed to generate codes for one account, and to name it.
struct OtpParameters
{
    OtpType type = OtpType::Totp;
    HashAlgorithm algorithm = HashAlgorithm::Sha1;
    QByteArray secret; // raw key bytes, not Base32
    int digits = 6;
    qint64 period = 30; // seconds; TOTP and Steam
    quint64 counter = 0; // HOTP
    QString issuer;
    QString account;

    static constexpr int minDigits = 6;
    static constexpr int maxDigits = 10;
    static constexpr int steamDigits = 5;

    // Checks digits, period and secret for the type; the message names the field at fault.
    Result<void> validate() const;
    // Every account needs a name (an otpauth label cannot be empty): exports from other apps
    // that have none get the issuer's, or "Unnamed account".
    void ensureAccountName();
    // The form every reader stores names in, and the one an otpauth URI carries exactly: no
    // white space at either end, an unpaired UTF-16 surrogate (a JSON escape can make one) as
    // U+FFFD, and a nameless account named as ensureAccountName() does.
    void normaliseNames();

    friend bool operator==(const OtpParameters &, const OtpParameters &) = default;
};

QString otpTypeName(OtpType type); // "totp", "hotp", "steam"

} // namespace twofold
