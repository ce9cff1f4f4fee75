#include "otp/otpgenerator.h"

#include <QtEndian>

#include <array>

using namespace Qt::StringLiterals;

namespace twofold {

namespace {
constexpr char16_t steamAlphabet[] = u"23456789BCDFGHJKMNPQRTVWXY";
constexpr quint64 steamAlphabetSize = std::size(steamAlphabet) - 1;
} // namespace

OtpGenerator::OtpGenerator(OtpParameters params)
    : m_params(std::move(params))
    , m_key(HmacKey::create(m_params.algorithm, m_params.secret))
{
}

quint64 OtpGenerator::timeStep(qint64 unixTime) const
{
    return unixTime <= 0 ? 0 : static_cast<quint64>(unixTime / m_params.period);
}

qint64 OtpGenerator::secondsRemaining(qint64 unixTime) const
{
    const qint64 into = unixTime % m_params.period;
    return m_params.period - (into < 0 ? into + m_params.period : into);
}

Result<QString> OtpGenerator::codeAt(qint64 unixTime) const
{
    if (m_params.type == OtpType::Hotp)
        return Error { ErrorCode::InvalidArgument,
                       u"HOTP codes follow a counter, not the time."_s };
    if (unixTime < 0)
        return Error { ErrorCode::InvalidArgument,
                       u"The time %1 is before 1970; codes start at the Unix epoch."_s.arg(
                           unixTime) };
    return codeForCounter(timeStep(unixTime));
}

Result<QString> OtpGenerator::codeForCounter(quint64 counter) const
{
    if (const Result<void> valid = m_params.validate(); !valid)
        return valid.error();
    if (!m_key)
        return m_key.error();

    std::array<char, 8> message;
    qToBigEndian(counter, message.data());
    HmacKey::Buffer mac;
    const Result<qsizetype> length
        = m_key->sign(QByteArrayView(message.data(), message.size()), mac);
    if (!length)
        return length.error();

    // RFC 4226 section 5.3, dynamic truncation.
    const int offset = mac[*length - 1] & 0x0f;
    const quint32 truncated = qFromBigEndian<quint32>(mac.data() + offset) & 0x7fffffff;

    if (m_params.type == OtpType::Steam) {
        QString code(OtpParameters::steamDigits, Qt::Uninitialized);
        quint64 value = truncated;
        for (QChar &c : code) {
            c = QChar(steamAlphabet[value % steamAlphabetSize]);
            value /= steamAlphabetSize;
        }
        return code;
    }
    // Digits written from the right by hand: QString::arg costs four times the HMAC's tail.
    QString code(m_params.digits, u'0');
    quint64 value = truncated;
    for (qsizetype i = code.size() - 1; i >= 0 && value > 0; --i, value /= 10)
        code[i] = QChar(u'0' + static_cast<char16_t>(value % 10));
    return code;
}

} // namespace twofold
