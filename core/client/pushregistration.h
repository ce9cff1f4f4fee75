#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace twofold::client {

// What a device keeps after activation to reconnect later. None of it is secret: the device's
// private key lives apart from it (the OS keychain), and the caller stores both.
struct PushRegistration
{
    QUrl serverUrl;
    QByteArray fingerprint; // the pinned TLS certificate, lower-case hex SHA-256
    QString deviceId;
    QString username;
    QByteArray serverPublicKey; // PEM; the key the server signs challenges with

    bool isActivated() const { return !deviceId.isEmpty() && !serverPublicKey.isEmpty(); }
    QJsonObject toJson() const;
    static Result<PushRegistration> fromJson(const QJsonObject &json);
};

} // namespace twofold::client
