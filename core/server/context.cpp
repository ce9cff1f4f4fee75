#include "context.h"

#include "crypto/random.h"

using namespace Qt::StringLiterals;

namespace twofold::server {

QString newId(QStringView prefix, int length)
{
    static constexpr char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // 32, no 0/O, 1/I
    const QByteArray bytes = randomBytes(length).value_or(QByteArray());
    if (bytes.size() != length)
        qFatal("twofold-server: the random number generator failed");
    QString id = prefix.toString();
    for (char b : bytes)
        id += QLatin1Char(alphabet[static_cast<unsigned char>(b) % 32]);
    return id;
}

QString oneTimeDigits(int count)
{
    const QByteArray bytes = randomBytes(count * 2).value_or(QByteArray());
    if (bytes.size() != count * 2)
        qFatal("twofold-server: the random number generator failed");
    QString digits;
    for (int i = 0; i < count; ++i) {
        // Two bytes per digit, reduced mod 10: a bias below 0.01 %.
        const auto value = (quint16(quint8(bytes[2 * i])) << 8) | quint8(bytes[2 * i + 1]);
        digits += QChar(u'0' + value % 10);
    }
    return digits;
}

} // namespace twofold::server
