// Duo Auth API v2: /auth/v2/ping, check, preauth, auth and auth_status, signed as Duo signs them,
// so that existing Duo integrations work against Twofold unchanged.
#include "duo/duosignature.h"
#include "httpapi.h"
#include "server.h"

#include <QHttpServerRequest>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

QJsonObject ok(const QJsonValue &response)
{
    return { { u"stat"_s, u"OK"_s }, { u"response"_s, response } };
}

QJsonObject fail(int code, const QString &message, const QString &detail)
{
    QJsonObject json { { u"stat"_s, u"FAIL"_s }, { u"code"_s, code }, { u"message"_s, message } };
    if (!detail.isEmpty())
        json[u"message_detail"_s] = detail;
    return json;
}

QString param(const DuoParams &params, const QString &name)
{
    if (params.isJson) {
        const QJsonValue value = params.json.value(name);
        return value.isString() ? value.toString()
            : value.isDouble()  ? QString::number(value.toDouble())
                                : QString();
    }
    return params.form.value(name);
}

bool flag(const DuoParams &params, const QString &name)
{
    if (params.isJson && params.json.value(name).isBool())
        return params.json.value(name).toBool();
    const QString value = param(params, name).toLower();
    return value == u"1" || value == u"true";
}

struct Signed
{
    QString ikey;
    DuoParams params;
};

} // namespace

void HttpApi::addDuoRoutes()
{
    // Checks size, signature and parameters; on failure answers as Duo does and returns nullopt.
    auto authenticate = [this](const QHttpServerRequest &request, QHttpServerResponder &responder,
                               Exchange &exchange) -> std::optional<Signed> {
        if (bodyTooLarge(request, responder, exchange))
            return std::nullopt;
        const DuoRequest duo = duoRequest(request);
        Directory &directory = m_server.directory();
        auto ikey = DuoSignature::verify(
            duo, [&directory](const QString &key) { return directory.applicationSecret(key); },
            m_server.context().clock);
        if (!ikey) {
            const int code = DuoSignature::duoErrorCode(ikey.error().code);
            respond(responder, exchange, code ? code / 100 : 401,
                    fail(code ? code : 40103, DuoSignature::duoErrorMessage(ikey.error().code),
                         ikey.error().message));
            return std::nullopt;
        }
        exchange.who = u"app:"_s + *ikey;
        auto params = DuoSignature::parameters(duo);
        if (!params) {
            respond(responder, exchange, 400,
                    fail(40002, u"Invalid request parameters"_s, params.error().message));
            return std::nullopt;
        }
        return Signed { *ikey, *params };
    };
    auto userParam = [](const DuoParams &params) {
        const QString username = param(params, u"username"_s);
        return username.isEmpty() ? param(params, u"user_id"_s) : username;
    };
    auto serverError = [this](QHttpServerResponder &responder, Exchange &exchange,
                              const Error &error) {
        respond(responder, exchange, error.code == ErrorCode::InvalidArgument ? 400 : 500,
                fail(error.code == ErrorCode::InvalidArgument ? 40002 : 50000,
                     error.code == ErrorCode::InvalidArgument ? u"Invalid request parameters"_s
                                                              : u"Internal server error"_s,
                     error.code == ErrorCode::InvalidArgument ? error.message : QString()));
    };

    m_http.route(u"/auth/v2/ping"_s, QHttpServerRequest::Method::Get,
                 [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                     Exchange exchange = exchangeFor(request);
                     respond(responder, exchange, 200,
                             ok(QJsonObject { { u"time"_s, m_server.context().now() } }));
                 });

    m_http.route(
        u"/auth/v2/check"_s, QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Post,
        [this, authenticate](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            Exchange exchange = exchangeFor(request);
            if (!authenticate(request, responder, exchange))
                return;
            respond(responder, exchange, 200,
                    ok(QJsonObject { { u"time"_s, m_server.context().now() } }));
        });

    m_http.route(u"/auth/v2/preauth"_s, QHttpServerRequest::Method::Post,
                 [this, authenticate, userParam, serverError](const QHttpServerRequest &request,
                                                              QHttpServerResponder &&responder) {
                     Exchange exchange = exchangeFor(request);
                     auto call = authenticate(request, responder, exchange);
                     if (!call)
                         return;
                     const QString user = userParam(call->params);
                     if (user.isEmpty()) {
                         respond(responder, exchange, 400,
                                 fail(40002, u"Invalid request parameters"_s, u"username"_s));
                         return;
                     }
                     auto result = m_server.verifier().preauth(call->ikey, user,
                                                               param(call->params, u"ipaddr"_s));
                     if (!result)
                         return serverError(responder, exchange, result.error());
                     respond(responder, exchange, 200, ok(*result));
                 });

    m_http.route(
        u"/auth/v2/auth"_s, QHttpServerRequest::Method::Post,
        [this, authenticate, userParam, serverError](const QHttpServerRequest &request,
                                                     QHttpServerResponder &&responder) {
            Exchange exchange = exchangeFor(request);
            auto call = authenticate(request, responder, exchange);
            if (!call)
                return;
            AuthRequest auth { call->ikey,
                               userParam(call->params),
                               param(call->params, u"factor"_s),
                               param(call->params, u"passcode"_s),
                               param(call->params, u"device"_s),
                               param(call->params, u"ipaddr"_s),
                               flag(call->params, u"async"_s) };
            for (const auto &[name, value] : { std::pair { u"username"_s, auth.user },
                                               std::pair { u"factor"_s, auth.factor } }) {
                if (value.isEmpty()) {
                    respond(responder, exchange, 400,
                            fail(40002, u"Invalid request parameters"_s, name));
                    return;
                }
            }
            if (auth.factor == u"passcode" && auth.passcode.isEmpty()) {
                respond(responder, exchange, 400,
                        fail(40002, u"Invalid request parameters"_s, u"passcode"_s));
                return;
            }
            auto outcome = m_server.verifier().auth(auth);
            if (!outcome)
                return serverError(responder, exchange, outcome.error());
            if (auth.async) {
                QJsonObject response { { u"txid"_s, outcome->txid } };
                if (outcome->number > 0)
                    response[u"number"_s] = QString::number(outcome->number);
                respond(responder, exchange, 200, ok(response));
                return;
            }
            if (!outcome->waiting()) {
                QJsonObject response = outcome->toJson();
                response.remove(u"txid"_s);
                respond(responder, exchange, 200, ok(response));
                return;
            }
            // A synchronous push or call: the request waits for the answer.
            const QString txid = outcome->txid;
            const QString ikey = call->ikey;
            const qint64 waitMs = (outcome->expires - m_server.context().now()) * 1000 + 1500;
            park(u"txn:"_s + txid, std::move(responder), exchange, waitMs,
                 [this, txid, ikey](bool final) -> std::optional<std::pair<int, QJsonObject>> {
                     auto status = m_server.verifier().status(txid, ikey);
                     if (!status)
                         return std::pair { 500, fail(50000, u"Internal server error"_s, {}) };
                     if (status->waiting() && !final)
                         return std::nullopt;
                     QJsonObject response = status->waiting()
                         ? QJsonObject { { u"result"_s, u"deny"_s },
                                         { u"status"_s, u"timeout"_s },
                                         { u"status_msg"_s, u"Login timed out"_s } }
                         : status->toJson();
                     response.remove(u"txid"_s);
                     response.remove(u"number"_s);
                     return std::pair { 200, ok(response) };
                 });
        });

    m_http.route(
        u"/auth/v2/auth_status"_s, QHttpServerRequest::Method::Get,
        [this, authenticate](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            Exchange exchange = exchangeFor(request);
            auto call = authenticate(request, responder, exchange);
            if (!call)
                return;
            const QString txid = param(call->params, u"txid"_s);
            const QString ikey = call->ikey;
            auto first = m_server.verifier().status(txid, ikey);
            if (!first) {
                respond(responder, exchange, 400,
                        fail(40002, u"Invalid request parameters"_s, u"txid"_s));
                return;
            }
            auto answer = [](const AuthOutcome &o) {
                QJsonObject response = o.toJson();
                response.remove(u"txid"_s);
                response.remove(u"number"_s);
                return ok(response);
            };
            if (!first->waiting()) {
                respond(responder, exchange, 200, answer(*first));
                return;
            }
            // A long poll: answered when the status changes, at the transaction's
            // expiry, or after the long-poll limit with "waiting".
            const QString lastStatus = first->status;
            const qint64 untilExpiry = (first->expires - m_server.context().now()) * 1000 + 500;
            const qint64 waitMs
                = std::min<qint64>(untilExpiry, qint64(m_server.config().longPollSeconds) * 1000);
            park(u"txn:"_s + txid, std::move(responder), exchange, waitMs,
                 [this, txid, ikey, lastStatus,
                  answer](bool final) -> std::optional<std::pair<int, QJsonObject>> {
                     auto status = m_server.verifier().status(txid, ikey);
                     if (!status)
                         return std::pair { 500, fail(50000, u"Internal server error"_s, {}) };
                     if (!final && status->status == lastStatus)
                         return std::nullopt;
                     return std::pair { 200, answer(*status) };
                 });
        });
}

} // namespace twofold::server
