#include "otp/base32.h"

using namespace Qt::StringLiterals;

namespace twofold::Base32 {

namespace {
constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int valueOf(char16_t c)
{
    if (c >= u'A' && c <= u'Z')
        return c - u'A';
    if (c >= u'a' && c <= u'z')
        return c - u'a';
    if (c >= u'2' && c <= u'7')
        return c - u'2' + 26;
    return -1;
}

QString describe(QChar c)
{
    if (c.isPrint() && !c.isSpace())
        return u"\"%1\""_s.arg(c);
    return u"U+%1"_s.arg(uint(c.unicode()), 4, 16, QChar(u'0')).toUpper();
}
} // namespace

Result<QByteArray> decode(QStringView text)
{
    QByteArray out;
    out.reserve(text.size() * 5 / 8);
    quint32 buffer = 0;
    int bits = 0;
    int symbols = 0;
    bool inPadding = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u' ' || c == u'-' || c == u'\t')
            continue;
        if (c == u'=') {
            inPadding = true;
            continue;
        }
        const int value = valueOf(c.unicode());
        if (value < 0 || inPadding) {
            return Error {
                ErrorCode::InvalidBase32,
                inPadding
                    ? u"Base32 text continues after its \"=\" padding, at position %1."_s.arg(i + 1)
                    : u"Base32 does not allow %1 (at position %2); use A-Z and 2-7."_s
                          .arg(describe(c))
                          .arg(i + 1)
            };
        }
        buffer = (buffer << 5) | static_cast<quint32>(value);
        bits += 5;
        ++symbols;
        if (bits >= 8) {
            bits -= 8;
            out.append(static_cast<char>((buffer >> bits) & 0xff));
        }
    }
    // 1, 3 or 6 symbols past a full 8-symbol group cannot come from whole bytes.
    const int tail = symbols % 8;
    if (tail == 1 || tail == 3 || tail == 6) {
        return Error {
            ErrorCode::InvalidBase32,
            u"Base32 text of %1 characters is cut short: a character is missing or extra."_s.arg(
                symbols)
        };
    }
    return out;
}

QString encode(QByteArrayView bytes, bool padding)
{
    QString out;
    out.reserve((bytes.size() + 4) / 5 * 8);
    quint32 buffer = 0;
    int bits = 0;
    for (char byte : bytes) {
        buffer = (buffer << 8) | static_cast<quint8>(byte);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.append(QLatin1Char(alphabet[(buffer >> bits) & 0x1f]));
        }
    }
    if (bits > 0)
        out.append(QLatin1Char(alphabet[(buffer << (5 - bits)) & 0x1f]));
    if (padding) {
        while (out.size() % 8 != 0)
            out.append(u'=');
    }
    return out;
}

} // namespace twofold::Base32
