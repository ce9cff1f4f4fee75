#include "otp/otpauthuri.h"

#include "otp/base32.h"

#include <QStringDecoder>
#include <QUrl>

#include <optional>

using namespace Qt::StringLiterals;

namespace twofold::OtpAuthUri {

namespace {

constexpr QStringView scheme = u"otpauth://";

Error uriError(ErrorCode code, const QString &message)
{
    return Error { code, message };
}

// ASCII hex digits only, as RFC 3986 has them (QChar::isDigit would take other scripts' digits).
int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

// Strict %XX decoding to UTF-8. In the query, '+' means a space, as form encoding has it.
Result<QString> percentDecode(QStringView text, bool plusIsSpace, const QString &where)
{
    QByteArray bytes;
    bytes.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == u'%') {
            const int high = i + 1 < text.size() ? hexValue(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
            if (high < 0 || low < 0) {
                return uriError(
                    ErrorCode::UriParameter,
                    u"The %1 has a broken percent-escape at \"%2\"; it must be % and two hex digits."_s
                        .arg(where, text.mid(i, 3).toString()));
            }
            bytes.append(static_cast<char>(high * 16 + low));
            i += 2;
        } else if (plusIsSpace && c == u'+') {
            bytes.append(' ');
        } else {
            // A surrogate pair (an emoji typed into a label) goes to UTF-8 whole: each half
            // alone would become '?'.
            const qsizetype length
                = c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate() ? 2
                                                                                             : 1;
            bytes.append(text.mid(i, length).toUtf8());
            i += length - 1;
        }
    }
    // A leading U+FEFF here is part of a name, not a byte-order mark: dropping it would change
    // a name that serialise() wrote.
    QStringDecoder utf8(QStringDecoder::Utf8,
                        QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    QString decoded = utf8.decode(bytes);
    if (utf8.hasError())
        return uriError(ErrorCode::UriParameter,
                        u"The %1 is not valid UTF-8 once percent-decoded."_s.arg(where));
    return decoded;
}

Result<qint64> parseInteger(const QString &value, const QString &name, ErrorCode code, qint64 min,
                            qint64 max)
{
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (!ok || n < min || n > max || value.startsWith(u'+')) {
        return uriError(
            code,
            u"Invalid %1 \"%2\": it must be a whole number from %3 to %4."_s.arg(name, value)
                .arg(min)
                .arg(max));
    }
    return n;
}

QString encodeComponent(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, "@"));
}

} // namespace

Result<OtpParameters> parse(QStringView uri)
{
    uri = uri.trimmed();
    if (!uri.startsWith(scheme, Qt::CaseInsensitive)) {
        return uriError(ErrorCode::UriScheme,
                        u"This is not an otpauth URI: it must start with \"otpauth://\"."_s);
    }
    QStringView rest = uri.mid(scheme.size());
    const qsizetype slash = rest.indexOf(u'/');
    const QStringView typeName = slash < 0 ? rest.left(rest.indexOf(u'?')) : rest.left(slash);

    OtpParameters params;
    if (typeName.compare(u"totp", Qt::CaseInsensitive) == 0) {
        params.type = OtpType::Totp;
    } else if (typeName.compare(u"hotp", Qt::CaseInsensitive) == 0) {
        params.type = OtpType::Hotp;
    } else if (typeName.compare(u"steam", Qt::CaseInsensitive) == 0) {
        params.type = OtpType::Steam;
        params.digits = OtpParameters::steamDigits;
    } else {
        return uriError(ErrorCode::UriType,
                        u"Unknown OTP type \"%1\": use totp, hotp or steam."_s.arg(typeName));
    }
    if (slash < 0)
        return uriError(ErrorCode::UriLabel, u"The URI has no account name after the type."_s);
    rest = rest.mid(slash + 1);

    const qsizetype question = rest.indexOf(u'?');
    const QStringView rawLabel = question < 0 ? rest : rest.left(question);
    const QStringView query = question < 0 ? QStringView() : rest.mid(question + 1);

    const Result<QString> label = percentDecode(rawLabel, false, u"account name"_s);
    if (!label)
        return label.error();
    QString labelIssuer;
    if (const qsizetype colon = label->indexOf(u':'); colon >= 0) {
        labelIssuer = label->left(colon).trimmed();
        params.account = label->mid(colon + 1).trimmed();
    } else {
        params.account = label->trimmed();
    }
    if (params.account.isEmpty())
        return uriError(ErrorCode::UriLabel, u"The URI has no account name."_s);

    QStringList seen;
    std::optional<QString> secret;
    std::optional<QString> issuer;
    bool digitsGiven = false;
    for (QStringView pair : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(u'=');
        const QString key = (equals < 0 ? pair : pair.left(equals)).toString().toLower();
        const Result<QString> value
            = percentDecode(equals < 0 ? QStringView() : pair.mid(equals + 1), true,
                            u"parameter \"%1\""_s.arg(key));
        if (!value)
            return value.error();
        if (seen.contains(key))
            return uriError(ErrorCode::UriParameter,
                            u"The parameter \"%1\" appears twice."_s.arg(key));
        seen.append(key);

        if (key == u"secret") {
            secret = *value;
        } else if (key == u"issuer") {
            issuer = value->trimmed();
        } else if (key == u"algorithm") {
            const Result<HashAlgorithm> algorithm = hashAlgorithmFromName(*value);
            if (!algorithm)
                return uriError(
                    ErrorCode::UriAlgorithm,
                    u"Unknown algorithm \"%1\": use SHA1, SHA256 or SHA512."_s.arg(*value));
            params.algorithm = *algorithm;
        } else if (key == u"digits") {
            const Result<qint64> digits
                = parseInteger(*value, u"digits"_s, ErrorCode::UriDigits,
                               OtpParameters::steamDigits, OtpParameters::maxDigits);
            if (!digits)
                return digits.error();
            params.digits = static_cast<int>(*digits);
            digitsGiven = true;
        } else if (key == u"period") {
            const Result<qint64> period = parseInteger(*value, u"period"_s, ErrorCode::UriPeriod, 1,
                                                       std::numeric_limits<int>::max());
            if (!period)
                return period.error();
            params.period = *period;
        } else if (key == u"counter") {
            const Result<qint64> counter = parseInteger(*value, u"counter"_s, ErrorCode::UriCounter,
                                                        0, std::numeric_limits<qint64>::max());
            if (!counter)
                return counter.error();
            params.counter = static_cast<quint64>(*counter);
        } else if (key == u"encoder" && value->compare(u"steam", Qt::CaseInsensitive) == 0) {
            // Some apps write Steam accounts as totp with encoder=steam.
            params.type = OtpType::Steam;
            if (!digitsGiven)
                params.digits = OtpParameters::steamDigits;
        }
        // Other parameters (image, color, ...) carry nothing Twofold needs.
    }

    // A counter means nothing to TOTP and a period nothing to HOTP; keeping one would not survive
    // serialise(), which writes only the field that applies.
    if (params.type == OtpType::Hotp)
        params.period = OtpParameters {}.period;
    else
        params.counter = 0;

    if (!secret || secret->isEmpty())
        return uriError(ErrorCode::UriSecretMissing, u"The URI has no secret parameter."_s);
    const Result<QByteArray> key = Base32::decode(*secret);
    if (!key)
        return uriError(ErrorCode::UriSecretInvalid,
                        u"The secret is not valid Base32. "_s + key.error().message);
    if (key->isEmpty())
        return uriError(ErrorCode::UriSecretMissing, u"The secret is empty."_s);
    params.secret = *key;

    if (issuer && !labelIssuer.isEmpty() && *issuer != labelIssuer) {
        return uriError(
            ErrorCode::UriIssuerMismatch,
            u"The label says the issuer is \"%1\" but the issuer parameter says \"%2\"."_s.arg(
                labelIssuer, *issuer));
    }
    params.issuer = issuer ? *issuer : labelIssuer;

    if (params.type == OtpType::Steam && params.digits != OtpParameters::steamDigits)
        return uriError(
            ErrorCode::UriDigits,
            u"Steam codes have 5 characters; the URI asks for %1."_s.arg(params.digits));
    if (params.type != OtpType::Steam
        && (params.digits < OtpParameters::minDigits || params.digits > OtpParameters::maxDigits)) {
        return uriError(
            ErrorCode::UriDigits,
            u"Invalid digits \"%1\": codes have from %2 to %3 digits."_s.arg(params.digits)
                .arg(OtpParameters::minDigits)
                .arg(OtpParameters::maxDigits));
    }
    return params;
}

QString serialise(const OtpParameters &params)
{
    // The first ':' of the label ends the issuer, so an issuer holding one lives in the parameter
    // only, and an account holding one gets an (empty) issuer before it.
    const QString labelIssuer = params.issuer.contains(u':') ? QString() : params.issuer;
    QString label = encodeComponent(params.account);
    if (!labelIssuer.isEmpty() || params.account.contains(u':'))
        label = encodeComponent(labelIssuer) + u':' + label;
    QString uri = u"otpauth://"_s + otpTypeName(params.type) + u'/' + label + u"?secret="_s
        + Base32::encode(params.secret);
    if (!params.issuer.isEmpty())
        uri += u"&issuer="_s + encodeComponent(params.issuer);
    uri += u"&algorithm="_s + hashAlgorithmName(params.algorithm) + u"&digits="_s
        + QString::number(params.digits);
    if (params.type == OtpType::Hotp)
        uri += u"&counter="_s + QString::number(params.counter);
    else
        uri += u"&period="_s + QString::number(params.period);
    return uri;
}

} // namespace twofold::OtpAuthUri
