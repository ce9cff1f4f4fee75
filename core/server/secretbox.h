#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace twofold::server {

// Seals secrets at rest (TOTP and token seeds, application secrets) with AES-256-GCM under the
// server key. The associated data binds each sealed value to the row and field it belongs to,
// so a value copied into another row does not open.
class SecretBox final
{
public:
    static constexpr qsizetype keySize = 32;

    // Reads the key file written by create(); refuses one that others can read.
    static Result<SecretBox> load(const QString &path);
    // Writes a new random key to path with mode 0600; fails if the file exists.
    static Result<SecretBox> create(const QString &path);
    static Result<SecretBox> fromKey(QByteArray key);

    Result<QString> seal(QByteArrayView plaintext, QByteArrayView context) const;
    Result<QByteArray> open(const QString &sealed, QByteArrayView context) const;
    // A keyed digest (HMAC-SHA256 under a key derived from the server key) for values that are
    // stored only to be compared: one-time codes, session and device tokens. Without the key a
    // stolen database does not let anyone try all 10^6 codes offline.
    QString digest(QByteArrayView value) const;

private:
    explicit SecretBox(QByteArray key);
    QByteArray m_key;
    QByteArray m_digestKey;
};

} // namespace twofold::server
