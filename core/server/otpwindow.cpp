#include "otpwindow.h"

#include "crypto/hmac.h"
#include "crypto/secure.h"
#include "otp/otpgenerator.h"

namespace twofold::server {

namespace {

bool sameCode(const Result<QString> &expected, const QByteArray &typed)
{
    return expected && constantTimeEquals(expected->toLatin1(), typed);
}

} // namespace

std::optional<qint64> matchOtp(const OtpParameters &otp, const QString &code, qint64 lastUsed,
                               qint64 now, int window, int lookAhead)
{
    const QByteArray typed = code.trimmed().toLatin1();
    if (typed.size() != otp.digits)
        return std::nullopt;
    const OtpGenerator generator(otp);
    std::optional<qint64> match;
    if (otp.type == OtpType::Hotp) {
        const qint64 next = lastUsed + 1;
        // As for TOTP below: every candidate is computed, whichever one matches.
        for (qint64 c = next; c <= next + lookAhead; ++c) {
            if (sameCode(generator.codeForCounter(quint64(c)), typed) && !match)
                match = c;
        }
        return match;
    }
    const qint64 step = qint64(generator.timeStep(now));
    // Every candidate is computed, so the time taken does not say which one matched.
    for (qint64 s = step - window; s <= step + window; ++s) {
        if (s > lastUsed && s >= 0 && sameCode(generator.codeForCounter(quint64(s)), typed)
            && !match)
            match = s;
    }
    return match;
}

std::optional<qint64> resyncHotp(const OtpParameters &otp, const QString &first,
                                 const QString &second, qint64 lastUsed, int searchLimit)
{
    const QByteArray a = first.trimmed().toLatin1();
    const QByteArray b = second.trimmed().toLatin1();
    if (a.size() != otp.digits || b.size() != otp.digits)
        return std::nullopt;
    const OtpGenerator generator(otp);
    for (qint64 c = lastUsed + 1; c <= lastUsed + searchLimit; ++c) {
        if (sameCode(generator.codeForCounter(quint64(c)), a)
            && sameCode(generator.codeForCounter(quint64(c + 1)), b))
            return c + 1;
    }
    return std::nullopt;
}

QJsonObject otpToJson(const OtpParameters &otp)
{
    return { { QStringLiteral("type"), otpTypeName(otp.type) },
             { QStringLiteral("algorithm"), hashAlgorithmName(otp.algorithm) },
             { QStringLiteral("digits"), otp.digits },
             { QStringLiteral("period"), otp.period },
             { QStringLiteral("counter"), QString::number(otp.counter) } };
}

OtpParameters otpFromJson(const QJsonObject &json, QByteArray secret)
{
    OtpParameters otp;
    otp.type = json.value(QStringLiteral("type")).toString() == QStringLiteral("hotp")
        ? OtpType::Hotp
        : OtpType::Totp;
    otp.algorithm = hashAlgorithmFromName(json.value(QStringLiteral("algorithm")).toString())
                        .value_or(HashAlgorithm::Sha1);
    otp.digits = json.value(QStringLiteral("digits")).toInt(6);
    otp.period = json.value(QStringLiteral("period")).toInteger(30);
    otp.counter = json.value(QStringLiteral("counter")).toString().toULongLong();
    otp.secret = std::move(secret);
    return otp;
}

} // namespace twofold::server
