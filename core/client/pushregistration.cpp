#include "client/pushregistration.h"

#include "crypto/eckey.h"

using namespace Qt::StringLiterals;

namespace twofold::client {

QJsonObject PushRegistration::toJson() const
{
    return { { u"url"_s, serverUrl.toString(QUrl::FullyEncoded) },
             { u"fp"_s, QString::fromLatin1(fingerprint) },
             { u"device_id"_s, deviceId },
             { u"username"_s, username },
             { u"server_public_key"_s, QString::fromLatin1(serverPublicKey) } };
}

Result<PushRegistration> PushRegistration::fromJson(const QJsonObject &json)
{
    PushRegistration r;
    r.serverUrl = QUrl(json.value(u"url"_s).toString(), QUrl::StrictMode);
    r.fingerprint = json.value(u"fp"_s).toString().toLatin1();
    r.deviceId = json.value(u"device_id"_s).toString();
    r.username = json.value(u"username"_s).toString();
    r.serverPublicKey = json.value(u"server_public_key"_s).toString().toLatin1();
    if (!r.serverUrl.isValid() || r.serverUrl.scheme() != u"https" || r.fingerprint.size() != 64
        || r.deviceId.isEmpty() || !EcKey::fromPublicPem(r.serverPublicKey))
        return Error {
            ErrorCode::InvalidArgument,
            u"The saved push registration is incomplete; activate this device again."_s
        };
    return r;
}

} // namespace twofold::client
