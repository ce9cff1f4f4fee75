#include "crypto/random.h"

#include <openssl/rand.h>

using namespace Qt::StringLiterals;

namespace twofold {

Result<QByteArray> randomBytes(qsizetype count)
{
    if (count < 0 || count > (1 << 20))
        return Error { ErrorCode::InvalidArgument, u"Asked for %1 random bytes."_s.arg(count) };
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), static_cast<int>(count)) != 1)
        return Error { ErrorCode::Crypto, u"The system random number generator failed."_s };
    return out;
}

} // namespace twofold
