#pragma once

#include "otp/otpparameters.h"
#include "result.h"

namespace twofold {

// Generates codes for one account; pure, thread-safe, no I/O.
class OtpGenerator final
{
public:
    explicit OtpGenerator(OtpParameters params);

    Result<QString> codeAt(qint64 unixTime) const; // TOTP and Steam
    Result<QString> codeForCounter(quint64 counter) const; // HOTP (and the core of all three)

    // The RFC 6238 time step for a moment; floors for times before 1970.
    quint64 timeStep(qint64 unixTime) const;
    // Seconds until the code shown at unixTime changes (1..period).
    qint64 secondsRemaining(qint64 unixTime) const;

    const OtpParameters &parameters() const { return m_params; }

private:
    OtpParameters m_params;
    Result<HmacKey> m_key; // prepared once: generating a code is then one keyed HMAC
};

} // namespace twofold
