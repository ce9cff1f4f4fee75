#include "otp/otpparameters.h"

using namespace Qt::StringLiterals;

namespace twofold {

namespace {

// UTF-8, and so a URI, cannot hold a lone surrogate: the encoder would write '?' instead.
QString withoutLoneSurrogates(const QString &text)
{
    if (text.isValidUtf16())
        return text;
    QString fixed;
    fixed.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            fixed.append(c);
            fixed.append(text[++i]);
        } else {
            fixed.append(c.isSurrogate() ? QChar(QChar::ReplacementCharacter) : c);
        }
    }
    return fixed;
}

} // namespace

QString otpTypeName(OtpType type)
{
    switch (type) {
    case OtpType::Totp:
        return u"totp"_s;
    case OtpType::Hotp:
        return u"hotp"_s;
    case OtpType::Steam:
        return u"steam"_s;
    }
    Q_UNREACHABLE();
    return {};
}

void OtpParameters::ensureAccountName()
{
    if (account.isEmpty())
        account = issuer.isEmpty() ? u"Unnamed account"_s : issuer;
}

void OtpParameters::normaliseNames()
{
    issuer = withoutLoneSurrogates(issuer).trimmed();
    account = withoutLoneSurrogates(account).trimmed();
    ensureAccountName();
}

Result<void> OtpParameters::validate() const
{
    if (secret.isEmpty())
        return Error { ErrorCode::UriSecretMissing, u"The secret is empty."_s };
    if (type == OtpType::Steam) {
        if (digits != steamDigits)
            return Error { ErrorCode::UriDigits, u"Steam codes always have 5 characters."_s };
    } else if (digits < minDigits || digits > maxDigits) {
        return Error {
            ErrorCode::UriDigits,
            u"Digits must be between %1 and %2, not %3."_s.arg(minDigits).arg(maxDigits).arg(digits)
        };
    }
    if (type != OtpType::Hotp && period < 1)
        return Error { ErrorCode::UriPeriod,
                       u"The period must be at least 1 second, not %1."_s.arg(period) };
    return {};
}

} // namespace twofold
