// The push device API, /v1/device: activation, the signed long-poll channel and answers
// (ARCHITECTURE.md, "Push"). The logic is PushChannel's; this file maps it onto HTTP.
#include "client/pushprotocol.h"
#include "crypto/secure.h"
#include "httpapi.h"
#include "pushchannel.h"
#include "server.h"
#include "serverlog.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

using Answer = std::pair<int, QJsonObject>;

QJsonObject ok(const QJsonObject &response)
{
    return { { u"stat"_s, u"OK"_s }, { u"response"_s, response } };
}

// Status and code for each kind of refusal; the code tells a device what to do next
// (40102: revoked, stop; 40104: clock skew; others: retry later or report).
Answer failure(const Error &error, qint64 now)
{
    const auto [status, code] = [&]() -> std::pair<int, int> {
        switch (error.code) {
        case ErrorCode::InvalidArgument:
            return { 400, 40002 };
        case ErrorCode::NotAuthenticated:
            return { 401, 40103 };
        case ErrorCode::DeviceRevoked:
            return { 401, 40102 };
        case ErrorCode::ClockSkew:
            return { 401, 40104 };
        case ErrorCode::PermissionDenied:
        case ErrorCode::PolicyDenied:
            return { 403, 40301 };
        case ErrorCode::NotFound:
            return { 404, 40401 };
        case ErrorCode::CodeRejected:
            return { 410, 41001 };
        default:
            return { 500, 50000 };
        }
    }();
    // A database failure's text is for the server's operator, not for the device.
    return { status,
             { { u"stat"_s, u"FAIL"_s },
               { u"code"_s, code },
               { u"message"_s, status == 500 ? u"Internal server error"_s : error.message },
               { u"server_time"_s, now } } };
}

QByteArray targetOf(const QHttpServerRequest &request)
{
    QByteArray target = request.url().path(QUrl::FullyEncoded).toLatin1();
    const QString query = request.url().query(QUrl::FullyEncoded);
    if (!query.isEmpty())
        target += '?' + query.toLatin1();
    return target;
}

std::optional<QJsonObject> jsonBody(const QHttpServerRequest &request)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

} // namespace

void HttpApi::addDeviceRoutes()
{
    // The TLS key signs the challenges: a device that pinned the certificate knows the key.
    std::shared_ptr<PushChannel> push;
    QFile keyFile(m_server.config().certificateKeyPath());
    QByteArray pem = keyFile.open(QIODevice::ReadOnly) ? keyFile.readAll() : QByteArray();
    if (auto key = EcKey::fromPrivatePem(pem)) {
        push = std::make_shared<PushChannel>(m_server.context(), m_server.directory(),
                                             m_server.enrollment(), m_server.verifier(), *key);
    } else {
        logEvent(u"warning"_s, u"push disabled"_s,
                 { { u"reason"_s, u"no readable EC key in %1"_s.arg(keyFile.fileName()) } });
    }
    scrub(pem);

    const auto now = [this] { return m_server.context().now(); };
    const auto refuse = [this, now](QHttpServerResponder &responder, Exchange &exchange,
                                    const Error &error) {
        const Answer answer = failure(error, now());
        if (answer.first >= 500)
            logEvent(u"error"_s, u"device request failed"_s, { { u"reason"_s, error.message } });
        respond(responder, exchange, answer.first, answer.second);
    };
    // Size, push availability and the JSON body; nullopt when it has answered already.
    const auto readBody
        = [this, push, refuse](const QHttpServerRequest &request, QHttpServerResponder &responder,
                               Exchange &exchange) -> std::optional<QJsonObject> {
        if (bodyTooLarge(request, responder, exchange))
            return std::nullopt;
        if (!push) {
            respond(
                responder, exchange, 503,
                { { u"stat"_s, u"FAIL"_s },
                  { u"code"_s, 50300 },
                  { u"message"_s, u"Push is not available: the server has no signing key."_s } });
            return std::nullopt;
        }
        if (request.body().isEmpty())
            return QJsonObject();
        auto json = jsonBody(request);
        if (!json)
            refuse(responder, exchange,
                   Error { ErrorCode::InvalidArgument, u"The body must be a JSON object."_s });
        return json;
    };
    const auto signedDevice
        = [push, readBody,
           refuse](const QHttpServerRequest &request, QHttpServerResponder &responder,
                   Exchange &exchange) -> std::optional<std::pair<Device, QJsonObject>> {
        auto body = readBody(request, responder, exchange);
        if (!body)
            return std::nullopt;
        const DeviceRequest signedRequest {
            exchange.method.toLatin1(),
            targetOf(request),
            request.body(),
            QString::fromLatin1(request.value(PushProtocol::deviceHeader)),
            request.value(PushProtocol::timestampHeader),
            request.value(PushProtocol::signatureHeader),
        };
        auto device = push->authenticate(signedRequest);
        if (!device) {
            refuse(responder, exchange, device.error());
            return std::nullopt;
        }
        exchange.who = u"device:"_s + device->id;
        return std::pair { *device, *body };
    };

    // Wakes the polls of a user's devices when a device is revoked or a push is answered.
    connect(&m_server.storage(), &Storage::notified, this, [this, push](const QString &payload) {
        if (!push || m_parked.isEmpty() || !payload.startsWith(u"device:"))
            return;
        if (const QString user = push->userOfDevice(payload.mid(7)); !user.isEmpty())
            wake(u"push:"_s + user);
    });
    connect(&m_server.verifier(), &Verifier::transactionChanged, this,
            [this, push](const QString &txid) {
                if (!push || m_parked.isEmpty())
                    return;
                if (const QString user = push->userOfPush(txid); !user.isEmpty())
                    wake(u"push:"_s + user);
            });

    m_http.route(u"/v1/time"_s, QHttpServerRequest::Method::Get,
                 [this, now](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                     Exchange exchange = exchangeFor(request);
                     respond(responder, exchange, 200, ok({ { u"time"_s, now() } }));
                 });

    m_http.route(u"/v1/device/activate"_s, QHttpServerRequest::Method::Post,
                 [this, push, readBody, refuse](const QHttpServerRequest &request,
                                                QHttpServerResponder &&responder) {
                     Exchange exchange = exchangeFor(request);
                     auto body = readBody(request, responder, exchange);
                     if (!body)
                         return;
                     auto activated = push->activate(
                         body->value(u"code"_s).toString(), body->value(u"name"_s).toString(),
                         body->value(u"public_key"_s).toString().toLatin1(), exchange.remote);
                     if (!activated)
                         return refuse(responder, exchange, activated.error());
                     exchange.who = u"device:"_s + activated->deviceId;
                     respond(responder, exchange, 200,
                             ok({ { u"device_id"_s, activated->deviceId },
                                  { u"user"_s, activated->username },
                                  { u"server_public_key"_s,
                                    QString::fromLatin1(activated->serverPublicKey) } }));
                 });

    m_http.route(
        u"/v1/device/challenges"_s, QHttpServerRequest::Method::Get,
        [this, push, signedDevice, now](const QHttpServerRequest &request,
                                        QHttpServerResponder &&responder) {
            Exchange exchange = exchangeFor(request);
            auto call = signedDevice(request, responder, exchange);
            if (!call)
                return;
            const Device device = call->first;
            push->touch(device);
            // Without "seen" the answer is immediate (a device's first poll); with it, the poll
            // is held until the open challenges differ from the ones the device has seen.
            const QUrlQuery query(request.url());
            const bool hold = query.hasQueryItem(u"seen"_s);
            QStringList seen = query.queryItemValue(u"seen"_s).split(u',', Qt::SkipEmptyParts);
            seen.sort();
            const Poll poll = [push, device, seen, now](bool final) -> std::optional<Answer> {
                if (auto active = push->checkActive(device.id); !active)
                    return failure(active.error(), now());
                auto list = push->challenges(device);
                if (!list)
                    return failure(list.error(), now());
                QStringList txids;
                QJsonArray challenges;
                for (const client::PushChallenge &challenge : *list) {
                    txids << challenge.txid;
                    challenges.append(challenge.toJson());
                }
                txids.sort();
                if (!final && txids == seen)
                    return std::nullopt;
                return Answer {
                    200, ok({ { u"challenges"_s, challenges }, { u"server_time"_s, now() } })
                };
            };
            if (auto answer = poll(!hold)) {
                respond(responder, exchange, answer->first, answer->second);
                return;
            }
            park(u"push:"_s + device.userId, std::move(responder), exchange,
                 qint64(m_server.config().longPollSeconds) * 1000, poll);
        });

    m_http.route(u"/v1/device/answer"_s, QHttpServerRequest::Method::Post,
                 [this, push, signedDevice, refuse](const QHttpServerRequest &request,
                                                    QHttpServerResponder &&responder) {
                     Exchange exchange = exchangeFor(request);
                     auto call = signedDevice(request, responder, exchange);
                     if (!call)
                         return;
                     auto outcome = push->answer(call->first, call->second);
                     if (!outcome)
                         return refuse(responder, exchange, outcome.error());
                     respond(responder, exchange, 200,
                             ok({ { u"txid"_s, outcome->txid },
                                  { u"result"_s, outcome->result },
                                  { u"status"_s, outcome->status },
                                  { u"status_msg"_s, outcome->statusMsg } }));
                 });

    m_http.route(u"/v1/device"_s, QHttpServerRequest::Method::Delete,
                 [this, push, signedDevice, refuse](const QHttpServerRequest &request,
                                                    QHttpServerResponder &&responder) {
                     Exchange exchange = exchangeFor(request);
                     auto call = signedDevice(request, responder, exchange);
                     if (!call)
                         return;
                     if (auto revoked = push->revoke(call->first); !revoked)
                         return refuse(responder, exchange, revoked.error());
                     respond(
                         responder, exchange, 200,
                         ok({ { u"device_id"_s, call->first.id }, { u"status"_s, u"revoked"_s } }));
                 });
}

} // namespace twofold::server
