#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace twofold::client {

// What the activation QR code carries:
// twofold://activate?url=<https server URL>&code=<one-time code>&fp=<server cert SHA-256>
struct ActivationLink
{
    QUrl serverUrl; // https, with a host; no query or fragment
    QString code; // letters and digits, single use, 10 minutes
    QByteArray fingerprint; // 64 lower-case hex digits: SHA-256 of the certificate's DER

    // Each faulty part has its own message. fp may be upper-case or colon-separated.
    static Result<ActivationLink> parse(const QString &link);
    QString toString() const;
};

} // namespace twofold::client
