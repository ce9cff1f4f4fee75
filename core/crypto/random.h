#pragma once

#include "result.h"

#include <QByteArray>

namespace twofold {

// Cryptographically secure random bytes from OpenSSL's CSPRNG.
Result<QByteArray> randomBytes(qsizetype count);

} // namespace twofold
