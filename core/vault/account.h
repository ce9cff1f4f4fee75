#pragma once

#include "otp/otpparameters.h"

#include <QString>
#include <QUuid>

namespace twofold::vault {

// One account in the authenticator: how to make its codes, plus how the user files it.
struct Account
{
    QUuid id; // stable across saves; QUuid::createUuid() when added
    OtpParameters otp;
    QString group; // empty: no group
    QString icon; // an icon name from resources, or empty for the issuer's initial
    bool pinned = false;
    int useCount = 0; // codes copied; "most used" sorting
    qint64 addedAt = 0; // seconds since the epoch

    // Duplicates are the same secret, issuer and account name (type and digits aside).
    bool sameIdentity(const Account &other) const
    {
        return otp.secret == other.otp.secret && otp.issuer == other.otp.issuer
                && otp.account == other.otp.account;
    }

    friend bool operator==(const Account &, const Account &) = default;
};

} // namespace twofold::vault
