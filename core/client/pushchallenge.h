#pragma once

#include "crypto/eckey.h"
#include "result.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace twofold::client {

// A sign-in request as the server sends it to one device, signed with the server's key. The
// number itself is never part of it: with number matching the user types what the sign-in
// screen shows.
struct PushChallenge
{
    QString txid;
    QString deviceId; // the device it was sent to, so it cannot be replayed to another
    QString username;
    QString application;
    QString clientIp;
    qint64 created = 0; // Unix seconds, server clock
    qint64 expires = 0;
    qint64 serverTime = 0; // when the server signed it
    bool numberRequired = false;
    QByteArray signature; // DER ECDSA-SHA256 over canonical()

    // "twofold-challenge-v1\nDEVICE\nTXID\nUSER\nAPP\nIP\nCREATED\nEXPIRES\nNUMBER(0|1)\nSERVERTIME"
    // with the text fields percent-encoded (PushProtocol::field).
    QByteArray canonical() const;
    bool verify(const EcKey &serverKey) const;

    QJsonObject toJson() const; // the signature as base64
    static Result<PushChallenge> fromJson(const QJsonObject &json);
};

} // namespace twofold::client

Q_DECLARE_METATYPE(twofold::client::PushChallenge)
