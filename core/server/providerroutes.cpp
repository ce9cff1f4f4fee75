// Callbacks of the telephony providers: a call's keys and final status come back here.
// Each provider checks its own signature; the verifier then decides once per call.
#include "httpapi.h"
#include "providers/formencoding.h"
#include "providers/twilioprovider.h"
#include "providers/webhookprovider.h"
#include "server.h"

#include <QHttpServerRequest>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

int statusFor(const Error &error)
{
    return error.code == ErrorCode::ProviderSignature ? 403 : 400;
}

} // namespace

void HttpApi::addProviderRoutes()
{
    m_http.route(u"/v1/providers/webhook/call"_s, QHttpServerRequest::Method::Post,
                 [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                     Exchange exchange = exchangeFor(request);
                     if (bodyTooLarge(request, responder, exchange))
                         return;
                     auto *webhook = qobject_cast<WebhookProvider *>(&m_server.provider());
                     if (!webhook) {
                         respond(responder, exchange, 404,
                                 { { u"error"_s, u"The webhook provider is not configured."_s } });
                         return;
                     }
                     auto handled = webhook->handleCallback(request.body(),
                                                            request.value("X-Twofold-Signature"));
                     if (!handled) {
                         respond(responder, exchange, statusFor(handled.error()),
                                 { { u"error"_s, handled.error().message } });
                         return;
                     }
                     respond(responder, exchange, 200, { { u"ok"_s, true } });
                 });

    const auto twilio
        = [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
              Exchange exchange = exchangeFor(request);
              if (bodyTooLarge(request, responder, exchange))
                  return;
              auto *provider = qobject_cast<TwilioProvider *>(&m_server.provider());
              if (!provider) {
                  respond(responder, exchange, 404,
                          { { u"error"_s, u"The Twilio provider is not configured."_s } });
                  return;
              }
              // Twilio signs the URL it called: our public base URL, then the path and query as
              // sent.
              QUrl full = m_server.config().provider.publicBaseUrl;
              full.setPath(full.path(QUrl::FullyEncoded).chopped(full.path().endsWith(u'/') ? 1 : 0)
                               + request.url().path(QUrl::FullyEncoded),
                           QUrl::TolerantMode);
              full.setQuery(request.url().query(QUrl::FullyEncoded), QUrl::TolerantMode);
              auto twiml = provider->handleCallback(full, decodeForm(request.body()),
                                                    request.value("X-Twilio-Signature"));
              if (!twiml) {
                  respond(responder, exchange, statusFor(twiml.error()),
                          { { u"error"_s, twiml.error().message } });
                  return;
              }
              responder.write(*twiml, "text/xml");
              logRequest(exchange, 200);
          };
    m_http.route(u"/v1/providers/twilio/gather"_s, QHttpServerRequest::Method::Post, twilio);
    m_http.route(u"/v1/providers/twilio/status"_s, QHttpServerRequest::Method::Post, twilio);
}

} // namespace twofold::server
