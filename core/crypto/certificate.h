#pragma once

#include "crypto/eckey.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QStringList>

namespace twofold {

// The server's own TLS certificate, made by `twofold-server init`; clients trust it by its
// file (duo_client's ca_certs) or by pinning its SHA-256 fingerprint.
struct SelfSignedCertificate
{
    QByteArray pem; // one X.509 v3 certificate, PEM
    QByteArray der;
    QDateTime notBefore; // UTC
    QDateTime notAfter; // UTC
};

// Signs a certificate for key's public key with key itself (ECDSA-SHA256). The subjectAltName
// holds every DNS name and IP address (at least one of either is needed); the CN is the first
// DNS name, or the first address. It is a leaf (CA:FALSE) with digitalSignature and serverAuth:
// OpenSSL and so Python and Qt accept it when the certificate itself is the trusted CA file.
// Valid from an hour ago, to absorb clients whose clock is a little behind, for validDays days.
Result<SelfSignedCertificate> createSelfSignedCertificate(const EcKey &key,
                                                          const QStringList &dnsNames,
                                                          const QStringList &ipAddresses,
                                                          int validDays);

// Lower-case hex SHA-256 of the first certificate's DER in certPem (64 characters, no colons),
// the value a `fp=` pin carries; empty when certPem holds no readable certificate.
QByteArray certificateSha256Fingerprint(QByteArrayView certPem);

} // namespace twofold
