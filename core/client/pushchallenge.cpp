#include "client/pushchallenge.h"

#include "client/pushprotocol.h"

using namespace Qt::StringLiterals;

namespace twofold::client {

QByteArray PushChallenge::canonical() const
{
    using PushProtocol::field;
    return "twofold-challenge-v1\n"_ba + field(deviceId) + '\n' + field(txid) + '\n'
        + field(username) + '\n' + field(application) + '\n' + field(clientIp) + '\n'
        + QByteArray::number(created) + '\n' + QByteArray::number(expires) + '\n'
        + (numberRequired ? '1' : '0') + '\n' + QByteArray::number(serverTime);
}

bool PushChallenge::verify(const EcKey &serverKey) const
{
    return !signature.isEmpty() && serverKey.verify(canonical(), signature);
}

QJsonObject PushChallenge::toJson() const
{
    return { { u"txid"_s, txid },
             { u"device"_s, deviceId },
             { u"username"_s, username },
             { u"application"_s, application },
             { u"client_ip"_s, clientIp },
             { u"created"_s, created },
             { u"expires"_s, expires },
             { u"server_time"_s, serverTime },
             { u"number_required"_s, numberRequired },
             { u"signature"_s, QString::fromLatin1(signature.toBase64()) } };
}

Result<PushChallenge> PushChallenge::fromJson(const QJsonObject &json)
{
    PushChallenge c;
    for (const auto &[name, target] :
         { std::pair { u"txid"_s, &c.txid }, std::pair { u"device"_s, &c.deviceId },
           std::pair { u"username"_s, &c.username }, std::pair { u"application"_s, &c.application },
           std::pair { u"client_ip"_s, &c.clientIp } }) {
        if (!json.value(name).isString())
            return Error { ErrorCode::InvalidArgument,
                           u"The server sent a sign-in request without \"%1\"."_s.arg(name) };
        *target = json.value(name).toString();
    }
    for (const auto &[name, target] :
         { std::pair { u"created"_s, &c.created }, std::pair { u"expires"_s, &c.expires },
           std::pair { u"server_time"_s, &c.serverTime } }) {
        if (!json.value(name).isDouble())
            return Error { ErrorCode::InvalidArgument,
                           u"The server sent a sign-in request without \"%1\"."_s.arg(name) };
        *target = json.value(name).toInteger();
    }
    if (!json.value(u"number_required"_s).isBool())
        return Error { ErrorCode::InvalidArgument,
                       u"The server sent a sign-in request without \"number_required\"."_s };
    c.numberRequired = json.value(u"number_required"_s).toBool();
    const auto signature = QByteArray::fromBase64Encoding(
        json.value(u"signature"_s).toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!signature || signature.decoded.isEmpty())
        return Error { ErrorCode::InvalidArgument,
                       u"The server sent a sign-in request without a readable signature."_s };
    c.signature = signature.decoded;
    return c;
}

} // namespace twofold::client
