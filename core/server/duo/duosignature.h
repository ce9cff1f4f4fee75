#pragma once

#include "clock.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QMultiMap>
#include <QString>

#include <functional>
#include <optional>
#include <utility>

namespace twofold::server {

// One HTTP request of the relying-party API, as received (nothing decoded yet).
struct DuoRequest
{
    QByteArray method; // "GET", "POST", ...
    QByteArray host; // the Host header as received, port included when the client sent one
    QByteArray path; // as on the request line, percent-encoding kept, without '?' and query
    QByteArray query; // raw, after '?'
    QByteArray body;
    QByteArray contentType; // the Content-Type header, parameters (charset) included
    QList<std::pair<QByteArray, QByteArray>> headers; // all headers; names in any case
};

// The request's parameters. GET and DELETE carry them in the query; POST, PUT and PATCH in a
// form body, or in a JSON object body (then form holds the query's parameters, normally none).
struct DuoParams
{
    QMultiMap<QString, QString> form;
    QJsonObject json;
    bool isJson = false;
};

// Requests signed the way Duo's Auth API v2 signs them, so that existing Duo clients work:
//   Authorization: Basic base64(ikey ":" hex(HMAC(skey, canonical)))
//   Date or X-Duo-Date: an RFC 2822 date, which must be within 300 s of the server's clock.
// The canonical request is these lines joined by '\n':
//   v2: date, METHOD, host, path, params                                  (HMAC-SHA1)
//   v4: date, METHOD, host, path, params, hex(SHA512(body))               (HMAC-SHA512)
//   v5: date, METHOD, host, path, params, hex(SHA512(body)),
//       hex(SHA512(x-duo-* headers: lower-case name, value, ... joined by NUL, sorted by name))
// params is name=value pairs joined by '&', each side percent-encoded as RFC 3986 unreserved
// (A-Z a-z 0-9 - . _ ~ kept, %XX upper-case), sorted by name then value. With a JSON body the
// params line comes from the query and the body is hashed; otherwise the body hash is of "".
// The host is lower-case; clients sign it with or without the port, and both are accepted.
class DuoSignature final
{
public:
    static constexpr qint64 maxClockSkew = 300;

    // The request's parameters, or DuoParameters with what is wrong (bad percent-encoding,
    // not UTF-8, a JSON body that is not an object, an unknown Content-Type).
    static Result<DuoParams> parameters(const DuoRequest &request);

    // Checks the signature and returns the integration key. skeyFor gives the application's
    // secret key, or nullopt for an unknown ikey. Errors: DuoCredentialsMissing,
    // DuoIntegrationKeyInvalid, DuoDate, DuoParameters, DuoSignatureInvalid.
    static Result<QString>
    verify(const DuoRequest &request,
           const std::function<std::optional<QByteArray>(const QString &ikey)> &skeyFor,
           const Clock &clock);

    // The client side (tests, the load client, twofold-cli): the Authorization and Date headers
    // for request, signed over request.host exactly as given (lower-cased) and, for v5, the
    // x-duo-* headers already in request.headers. Empty for a version other than 2, 4 or 5 or
    // for parameters that do not parse.
    static QList<std::pair<QByteArray, QByteArray>> sign(int version, const QString &ikey,
                                                         QByteArrayView skey,
                                                         const DuoRequest &request,
                                                         qint64 unixTime);

    // The Date value clients send: RFC 2822 in UTC, "Tue, 21 Aug 2012 17:29:18 -0000".
    static QByteArray formatDate(qint64 unixTime);

    // For the HTTP layer's {"stat":"FAIL","code":..,"message":..,"message_detail":error.message}:
    // Duo's numeric code (HTTP status = code / 100) and short message for the errors above,
    // 0 and empty for any other ErrorCode.
    static int duoErrorCode(ErrorCode code);
    static QString duoErrorMessage(ErrorCode code);
};

} // namespace twofold::server
