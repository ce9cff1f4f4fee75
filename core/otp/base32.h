#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace twofold::Base32 {

// RFC 4648 Base32. Case-insensitive; spaces, hyphens and missing padding are tolerated.
// Any other character is an error that names its position (1-based) and the character.
Result<QByteArray> decode(QStringView text);

// Upper-case Base32; padding is left out unless asked for, as otpauth URIs expect.
QString encode(QByteArrayView bytes, bool padding = false);

} // namespace twofold::Base32
