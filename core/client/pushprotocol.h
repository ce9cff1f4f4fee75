#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// The push device protocol's signed strings, shared by the device client and the server so that
// both sides build them from one definition. Every free-text field is percent-encoded (RFC 3986
// unreserved characters stay), so no field can contain the "\n" that separates them.
namespace twofold::PushProtocol {

// Request headers of a signed device request.
inline constexpr char deviceHeader[] = "X-Twofold-Device";
inline constexpr char timestampHeader[] = "X-Twofold-Timestamp";
inline constexpr char signatureHeader[] = "X-Twofold-Signature"; // base64 of a DER ECDSA signature

// Signed timestamps (requests and answers) may differ from the server's clock by this much.
inline constexpr qint64 timestampWindowSeconds = 60;

// "twofold-request-v1\nMETHOD\nTARGET\nTIMESTAMP\nhex(SHA-256(body))"; the target is the path and,
// when there is one, "?" and the query, both exactly as sent (percent-encoded).
QByteArray requestCanonical(QByteArrayView method, QByteArrayView target, qint64 timestamp,
                            QByteArrayView body);

// "twofold-answer-v1\nTXID\nANSWER\nNUMBER\nTIMESTAMP"; NUMBER is 0 when none was asked for.
QByteArray answerCanonical(const QString &txid, const QString &answer, int number,
                           qint64 timestamp);

// A field in a canonical string: UTF-8, percent-encoded.
QByteArray field(const QString &text);

// Unix seconds written as plain decimal digits, the form the timestamp header carries.
Result<qint64> parseTimestamp(QByteArrayView text);

} // namespace twofold::PushProtocol
