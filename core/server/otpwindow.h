#pragma once

#include "otp/otpparameters.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace twofold::server {

// Which time step (TOTP) or counter (HOTP) a typed code belongs to. Only steps and counters
// after lastUsed count, so an accepted code is never accepted again (replay). TOTP looks
// `window` steps either side of now (RFC 6238 section 6); HOTP looks `lookAhead` counters past
// the next one (RFC 4226 section 7.4). Codes are compared in constant time.
std::optional<qint64> matchOtp(const OtpParameters &otp, const QString &code, qint64 lastUsed,
                               qint64 now, int window, int lookAhead);

// HOTP resynchronisation (RFC 4226 section 7.4): two consecutive codes found within
// `searchLimit` counters past lastUsed. Returns the counter of the second code.
std::optional<qint64> resyncHotp(const OtpParameters &otp, const QString &first,
                                 const QString &second, qint64 lastUsed, int searchLimit);

// The parameters of a stored seed, without the secret, as JSON for the params column.
QJsonObject otpToJson(const OtpParameters &otp);
OtpParameters otpFromJson(const QJsonObject &json, QByteArray secret);

} // namespace twofold::server
