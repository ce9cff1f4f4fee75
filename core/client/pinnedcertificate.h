#pragma once

#include <QByteArray>

class QNetworkReply;
class QNetworkRequest;
class QSslCertificate;

namespace twofold::client {

// TLS to a Twofold server trusts no CA: a connection is accepted only when the server presents
// the certificate whose SHA-256 fingerprint was pinned (from an activation link, or on first use).
namespace PinnedCertificate {

// Lower-case hex SHA-256 of the certificate's DER; empty for a null certificate.
QByteArray fingerprint(const QSslCertificate &certificate);

// Sets an empty CA store and TLS 1.2 or later on the request.
void prepare(QNetworkRequest &request);

// Lets the reply through only if the peer's certificate is the pinned one; otherwise the reply
// fails and refusedFingerprint() says what the server presented.
void enforce(QNetworkReply *reply, const QByteArray &pinned);

// Whether enforce() refused the peer, and the fingerprint it presented (empty if it had none).
bool refused(const QNetworkReply *reply);
QByteArray refusedFingerprint(const QNetworkReply *reply);

} // namespace PinnedCertificate

} // namespace twofold::client
