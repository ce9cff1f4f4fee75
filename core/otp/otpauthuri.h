#pragma once

#include "otp/otpparameters.h"
#include "result.h"

namespace twofold::OtpAuthUri {

// Parses otpauth://TYPE/LABEL?PARAMS (Key Uri Format) for totp, hotp and steam.
// Each kind of fault has its own ErrorCode and a message that names it.
Result<OtpParameters> parse(QStringView uri);

// The canonical form: parse(serialise(p)) == p, and serialise(parse(s)) is stable.
QString serialise(const OtpParameters &params);

} // namespace twofold::OtpAuthUri
