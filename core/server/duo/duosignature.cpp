#include "server/duo/duosignature.h"

#include "crypto/hmac.h"
#include "crypto/secure.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

using Pairs = QList<std::pair<QByteArray, QByteArray>>;

// Duo's error codes and messages as its API returns them. 40102 and 40103 with these texts are
// confirmed by Duo's list of API error messages; 40101, 40104 and 40002 follow the same list.
struct DuoError
{
    ErrorCode code;
    int duoCode;
    const char16_t *message;
};
constexpr std::array duoErrors {
    DuoError { ErrorCode::DuoParameters, 40002, u"Invalid request parameters" },
    DuoError { ErrorCode::DuoCredentialsMissing, 40101, u"Missing request credentials" },
    DuoError { ErrorCode::DuoIntegrationKeyInvalid, 40102,
               u"Invalid integration key in request credentials" },
    DuoError { ErrorCode::DuoSignatureInvalid, 40103, u"Invalid signature in request credentials" },
    // Duo says "Missing request timestamp" when there is none; one text covers both cases here.
    DuoError { ErrorCode::DuoDate, 40104, u"Invalid request timestamp" },
};

Error fail(ErrorCode code, const QString &detail)
{
    return Error { code, detail };
}

bool isBodyMethod(QByteArrayView method)
{
    return method == "POST" || method == "PUT" || method == "PATCH";
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// application/x-www-form-urlencoded: '+' is a space, %XX a byte; a bad escape is an error.
bool formDecode(QByteArrayView text, QByteArray &out)
{
    out.clear();
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.append(' ');
        } else if (c == '%') {
            const int high = i + 2 < text.size() ? hexValue(text[i + 1]) : -1;
            const int low = high >= 0 ? hexValue(text[i + 2]) : -1;
            if (low < 0)
                return false;
            out.append(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            out.append(c);
        }
    }
    return true;
}

Result<Pairs> parseForm(QByteArrayView text, const QString &where)
{
    Pairs pairs;
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf('&', start);
        if (end < 0)
            end = text.size();
        const QByteArrayView field = text.sliced(start, end - start);
        start = end + 1;
        if (field.isEmpty())
            continue;
        const qsizetype equals = field.indexOf('=');
        QByteArray name;
        QByteArray value;
        if (!formDecode(equals < 0 ? field : field.first(equals), name)
            || (equals >= 0 && !formDecode(field.sliced(equals + 1), value))) {
            return fail(ErrorCode::DuoParameters,
                        u"The %1 has a malformed percent-escape; encode parameters as "
                        u"application/x-www-form-urlencoded."_s.arg(where));
        }
        pairs.append({ std::move(name), std::move(value) });
    }
    return pairs;
}

// RFC 3986 unreserved characters stay, every other byte becomes %XX in upper case.
void percentEncode(QByteArrayView bytes, QByteArray &out)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
            || c == '.' || c == '_' || c == '~') {
            out.append(c);
        } else {
            out.append('%').append(digits[byte >> 4]).append(digits[byte & 0x0f]);
        }
    }
}

QByteArray canonicalParams(const Pairs &pairs)
{
    Pairs encoded;
    encoded.reserve(pairs.size());
    for (const auto &[name, value] : pairs) {
        std::pair<QByteArray, QByteArray> entry;
        percentEncode(name, entry.first);
        percentEncode(value, entry.second);
        encoded.append(std::move(entry));
    }
    std::sort(encoded.begin(), encoded.end());
    QByteArray line;
    for (const auto &[name, value] : encoded) {
        if (!line.isEmpty())
            line.append('&');
        line.append(name).append('=').append(value);
    }
    return line;
}

QByteArray mediaType(QByteArrayView contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.first(semicolon))
        .toByteArray()
        .trimmed()
        .toLower();
}

// Where a request's signed parameters are, by method and Content-Type.
struct ParamSource
{
    QByteArrayView form; // url-encoded pairs: the query or the body
    bool jsonBody = false;
    bool formInBody = false;
};

Result<ParamSource> paramSource(const DuoRequest &request)
{
    const QByteArray type = mediaType(request.contentType);
    if (!isBodyMethod(request.method)) {
        if (!request.body.isEmpty()) {
            return fail(ErrorCode::DuoParameters,
                        u"A %1 request carries its parameters in the query, not in a body."_s.arg(
                            QString::fromLatin1(request.method.left(16))));
        }
        return ParamSource { request.query, false, false };
    }
    if (type == "application/json")
        return ParamSource { request.query, true, false };
    if (request.body.isEmpty())
        return ParamSource { request.query, false, false };
    if (!type.isEmpty() && type != "application/x-www-form-urlencoded") {
        return fail(ErrorCode::DuoParameters,
                    u"The body must be application/x-www-form-urlencoded or application/json, "
                    u"not \"%1\"."_s.arg(QString::fromLatin1(type.left(64))));
    }
    if (!request.query.isEmpty()) {
        return fail(ErrorCode::DuoParameters,
                    u"Send the parameters either in the query or in the body, not in both."_s);
    }
    return ParamSource { request.body, false, true };
}

QList<QByteArrayView> headerValues(const DuoRequest &request, QByteArrayView lowerName)
{
    QList<QByteArrayView> values;
    for (const auto &[name, value] : request.headers) {
        if (name.size() == lowerName.size() && name.toLower() == lowerName)
            values.append(value);
    }
    return values;
}

// hex(SHA-512) of the x-duo-* headers for v5, or nullopt when one is repeated.
std::optional<QByteArray> duoHeadersHash(const DuoRequest &request)
{
    Pairs headers;
    for (const auto &[name, value] : request.headers) {
        QByteArray lower = name.toLower();
        if (lower.startsWith("x-duo-"))
            headers.append({ std::move(lower), value });
    }
    std::sort(headers.begin(), headers.end());
    QByteArray joined;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (i > 0 && headers[i].first == headers[i - 1].first)
            return std::nullopt;
        if (i > 0)
            joined.append('\0');
        joined.append(headers[i].first).append('\0').append(headers[i].second);
    }
    return QCryptographicHash::hash(joined, QCryptographicHash::Sha512).toHex();
}

QByteArray canonicalRequest(int version, QByteArrayView date, QByteArrayView method,
                            QByteArrayView host, QByteArrayView path, QByteArrayView params,
                            QByteArrayView bodyHash, QByteArrayView headersHash)
{
    QByteArray canonical;
    canonical.reserve(date.size() + method.size() + host.size() + path.size() + params.size()
                      + 2 * 128 + 8);
    canonical.append(date).append('\n');
    canonical.append(method.toByteArray().toUpper()).append('\n');
    canonical.append(host.toByteArray().toLower()).append('\n');
    canonical.append(path).append('\n');
    canonical.append(params);
    if (version >= 4)
        canonical.append('\n').append(bodyHash);
    if (version == 5)
        canonical.append('\n').append(headersHash);
    return canonical;
}

QByteArray bodyHash(const DuoRequest &request, const ParamSource &source)
{
    return QCryptographicHash::hash(source.jsonBody ? QByteArrayView(request.body)
                                                    : QByteArrayView(),
                                    QCryptographicHash::Sha512)
        .toHex();
}

// The host as clients sign it: as sent, without the port, and an IPv6 address without brackets.
QList<QByteArray> hostCandidates(QByteArrayView hostHeader)
{
    const QByteArray host = hostHeader.toByteArray().trimmed().toLower();
    QList<QByteArray> candidates { host };
    auto add = [&candidates](QByteArray candidate) {
        if (!candidate.isEmpty() && !candidates.contains(candidate))
            candidates.append(std::move(candidate));
    };
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        if (close > 0) {
            add(host.left(close + 1));
            add(host.mid(1, close - 1));
        }
    } else if (host.count(':') == 1) {
        add(host.left(host.indexOf(':')));
    }
    return candidates;
}

std::optional<qint64> parseDate(QByteArrayView value)
{
    QString text = QString::fromLatin1(value).trimmed();
    // HTTP dates and some clients write the zone as a name, which Qt's RFC 2822 parser refuses.
    for (const QString &zone : { u" GMT"_s, u" UTC"_s, u" UT"_s, u" Z"_s }) {
        if (text.endsWith(zone, Qt::CaseInsensitive)) {
            text.chop(zone.size());
            text.append(u" +0000"_s);
            break;
        }
    }
    const QDateTime date = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!date.isValid())
        return std::nullopt;
    return date.toSecsSinceEpoch();
}

struct Credentials
{
    QString ikey;
    QByteArray signature; // lower-case hex
};

Result<Credentials> parseAuthorization(const DuoRequest &request)
{
    const QList<QByteArrayView> values = headerValues(request, "authorization");
    if (values.isEmpty()) {
        return fail(ErrorCode::DuoCredentialsMissing,
                    u"The request has no Authorization header; sign it with the integration "
                    u"and secret keys."_s);
    }
    const Error malformed = fail(ErrorCode::DuoCredentialsMissing,
                                 u"The Authorization header must be one \"Basic\" header "
                                 u"holding base64(integration key \":\" hex signature)."_s);
    const QByteArray value = values.first().toByteArray().trimmed();
    if (values.size() > 1 || value.size() > 1024 || !value.left(6).toLower().startsWith("basic "))
        return malformed;
    const auto decoded = QByteArray::fromBase64Encoding(value.mid(6).trimmed(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    const qsizetype colon = decoded.decoded.indexOf(':');
    if (!decoded || colon <= 0 || colon > 128)
        return malformed;
    const QByteArray ikey = decoded.decoded.left(colon);
    for (const char c : ikey) {
        if (c <= ' ' || c > '~')
            return malformed;
    }
    QByteArray signature = decoded.decoded.mid(colon + 1).toLower();
    const bool hex = std::all_of(signature.cbegin(), signature.cend(),
                                 [](char c) { return hexValue(c) >= 0; });
    if (!hex || (signature.size() != 40 && signature.size() != 128)) {
        return fail(ErrorCode::DuoSignatureInvalid,
                    u"The signature in the Authorization header is not a hex HMAC-SHA1 (v2) or "
                    u"HMAC-SHA512 (v4, v5)."_s);
    }
    return Credentials { QString::fromLatin1(ikey), std::move(signature) };
}

std::optional<QByteArray> hexHmac(const HmacKey &key, QByteArrayView message)
{
    HmacKey::Buffer buffer;
    const Result<qsizetype> length = key.sign(message, buffer);
    if (!length)
        return std::nullopt;
    return QByteArray(buffer.data(), *length).toHex();
}

} // namespace

Result<DuoParams> DuoSignature::parameters(const DuoRequest &request)
{
    const Result<ParamSource> source = paramSource(request);
    if (!source)
        return source.error();
    const QString where = source->formInBody ? u"body"_s : u"query"_s;
    const Result<Pairs> pairs = parseForm(source->form, where);
    if (!pairs)
        return pairs.error();
    DuoParams params;
    for (const auto &[name, value] : *pairs) {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decodedName = decoder(name);
        const QString decodedValue = decoder(value);
        if (decoder.hasError()) {
            return fail(ErrorCode::DuoParameters,
                        u"A parameter in the %1 is not UTF-8 text."_s.arg(where));
        }
        params.form.insert(decodedName, decodedValue);
    }
    if (source->jsonBody) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            return fail(
                ErrorCode::DuoParameters,
                error.error != QJsonParseError::NoError
                    ? u"The JSON body does not parse: %1 at byte %2."_s.arg(error.errorString())
                          .arg(error.offset)
                    : u"The JSON body must be an object."_s);
        }
        params.json = document.object();
        params.isJson = true;
    }
    return params;
}

Result<QString>
DuoSignature::verify(const DuoRequest &request,
                     const std::function<std::optional<QByteArray>(const QString &ikey)> &skeyFor,
                     const Clock &clock)
{
    const Result<Credentials> credentials = parseAuthorization(request);
    if (!credentials)
        return credentials.error();

    // X-Duo-Date wins over Date: a proxy may rewrite Date, never an X-Duo- header.
    QList<QByteArrayView> dates = headerValues(request, "x-duo-date");
    if (dates.isEmpty())
        dates = headerValues(request, "date");
    if (dates.isEmpty()) {
        return fail(ErrorCode::DuoDate,
                    u"The request has neither a Date nor an X-Duo-Date header; send the RFC 2822 "
                    u"date that was signed."_s);
    }
    const std::optional<qint64> sent = dates.size() == 1 ? parseDate(dates.first()) : std::nullopt;
    if (!sent) {
        return fail(ErrorCode::DuoDate,
                    u"The request's date must be one RFC 2822 date such as \"Tue, 21 Aug 2012 "
                    u"17:29:18 -0000\"."_s);
    }

    std::optional<QByteArray> skey = skeyFor(credentials->ikey);
    if (!skey) {
        return fail(ErrorCode::DuoIntegrationKeyInvalid,
                    u"No application has the integration key \"%1\"."_s.arg(credentials->ikey));
    }

    const Result<ParamSource> source = paramSource(request);
    if (!source)
        return source.error();
    const Result<Pairs> pairs = parseForm(source->form, u"request"_s);
    if (!pairs)
        return pairs.error();
    const QByteArray params = canonicalParams(*pairs);

    const bool sha1 = credentials->signature.size() == 40;
    const Result<HmacKey> key
        = HmacKey::create(sha1 ? HashAlgorithm::Sha1 : HashAlgorithm::Sha512, *skey);
    scrub(*skey);
    if (!key)
        return key.error();
    QByteArray hash;
    std::optional<QByteArray> headersHash;
    if (!sha1) {
        hash = bodyHash(request, *source);
        headersHash = duoHeadersHash(request);
    }
    const QList<int> versions = sha1 ? QList<int> { 2 } : QList<int> { 5, 4 };
    bool matched = false;
    for (const QByteArray &host : hostCandidates(request.host)) {
        for (const int version : versions) {
            if (version == 5 && !headersHash)
                continue; // a repeated x-duo-* header cannot have been signed
            const std::optional<QByteArray> mac = hexHmac(
                *key,
                canonicalRequest(version, dates.first(), request.method, host, request.path, params,
                                 hash, headersHash.value_or(QByteArray())));
            matched = matched || (mac && constantTimeEquals(*mac, credentials->signature));
        }
    }
    if (!matched) {
        return fail(ErrorCode::DuoSignatureInvalid,
                    u"The signature does not match this request: check the secret key and that "
                    u"the host, path, parameters and date sent are the ones signed."_s);
    }

    const qint64 skew = *sent - clock.currentSecsSinceEpoch();
    if (skew > maxClockSkew || skew < -maxClockSkew) {
        return fail(ErrorCode::DuoDate,
                    u"The request's date is %1 s %2 the server's clock; at most %3 s are "
                    u"allowed. Check the client's clock (NTP) and time zone."_s.arg(qAbs(skew))
                        .arg(skew > 0 ? u"ahead of"_s : u"behind"_s)
                        .arg(maxClockSkew));
    }
    return credentials->ikey;
}

QList<std::pair<QByteArray, QByteArray>> DuoSignature::sign(int version, const QString &ikey,
                                                            QByteArrayView skey,
                                                            const DuoRequest &request,
                                                            qint64 unixTime)
{
    if (version != 2 && version != 4 && version != 5)
        return {};
    const Result<ParamSource> source = paramSource(request);
    const Result<Pairs> pairs
        = source ? parseForm(source->form, u"request"_s) : Result<Pairs>(source.error());
    const std::optional<QByteArray> headersHash = duoHeadersHash(request);
    if (!pairs || (version == 5 && !headersHash))
        return {};
    const QByteArray date = formatDate(unixTime);
    const QByteArray canonical = canonicalRequest(
        version, date, request.method, hostCandidates(request.host).constFirst(), request.path,
        canonicalParams(*pairs), version >= 4 ? bodyHash(request, *source) : QByteArray(),
        headersHash.value_or(QByteArray()));
    const Result<HmacKey> key
        = HmacKey::create(version == 2 ? HashAlgorithm::Sha1 : HashAlgorithm::Sha512, skey);
    const std::optional<QByteArray> mac = key ? hexHmac(*key, canonical) : std::nullopt;
    if (!mac)
        return {};
    const QByteArray credentials = QByteArray(ikey.toUtf8() + ':' + *mac).toBase64();
    return { { "Authorization"_ba, "Basic "_ba + credentials }, { "Date"_ba, date } };
}

QByteArray DuoSignature::formatDate(qint64 unixTime)
{
    static constexpr std::array<const char *, 7> days { "Mon", "Tue", "Wed", "Thu",
                                                        "Fri", "Sat", "Sun" };
    static constexpr std::array<const char *, 12> months {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    const QDateTime time = QDateTime::fromSecsSinceEpoch(unixTime, Qt::UTC);
    const QDate date = time.date();
    const QTime clock = time.time();
    return QByteArray(days[static_cast<size_t>(date.dayOfWeek() - 1)]) + ", "
        + QByteArray::number(date.day()).rightJustified(2, '0') + ' '
        + months[static_cast<size_t>(date.month() - 1)] + ' '
        + QByteArray::number(date.year()).rightJustified(4, '0') + ' '
        + QByteArray::number(clock.hour()).rightJustified(2, '0') + ':'
        + QByteArray::number(clock.minute()).rightJustified(2, '0') + ':'
        + QByteArray::number(clock.second()).rightJustified(2, '0') + " -0000";
}

int DuoSignature::duoErrorCode(ErrorCode code)
{
    for (const DuoError &error : duoErrors) {
        if (error.code == code)
            return error.duoCode;
    }
    return 0;
}

QString DuoSignature::duoErrorMessage(ErrorCode code)
{
    for (const DuoError &error : duoErrors) {
        if (error.code == code)
            return QString::fromUtf16(error.message);
    }
    return {};
}

} // namespace twofold::server
