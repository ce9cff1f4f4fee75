#pragma once

// The webhook provider contract, for whoever writes the receiver.
//
// Sending. twofold-server POSTs one JSON object per text or call to the configured webhook URL,
// with Content-Type: application/json and
//     X-Twofold-Signature: sha256=<lower-case hex HMAC-SHA256(shared secret, exact body bytes)>
// A text:  {"type":"sms","id":"<id>","to":"<number>","body":"<text>"}
// A call:  {"type":"call","id":"<id>","to":"<number>","greeting":"<what to say first>",
//           "ask_pin":<bool>,"callback_url":"<public base URL>/v1/providers/webhook/call"}
// The receiver checks the signature, then answers any 2xx once it has accepted the work. Anything
// else (another status, a redirect, a closed connection, no answer within 10 s) is a failure,
// reported to the helpdesk with the status only; the answer's body is never shown.
// Ids are unique, so a receiver can drop a request whose id it has seen (a replay).
//
// The call. Say the greeting, then collect keys up to and including #. Without ask_pin the person
// presses # to approve; with it, PIN then #. 0# reports fraud.
//
// Call results. When the call ends the receiver POSTs one JSON object to callback_url, signed the
// same way (X-Twofold-Signature over the exact body, same secret):
//     {"id":"<call id>","status":"answered","keys":"<keys pressed, with the # if pressed>"}
//     {"id":"<call id>","status":"busy"|"no-answer"|"failed"|"canceled"}
// keys holds only 0-9, * and #, at most 32 of them; "" when the person pressed nothing.
// twofold-server answers 204 when it took the result, 403 when the signature does not verify and
// 400 when the body is malformed (at most 16 KiB). A call's result counts once; later ones are
// refused.

#include "result.h"
#include "server/providers/telephonyprovider.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QUrl>

#include <chrono>
#include <memory>

class QNetworkAccessManager;

namespace twofold::server {

struct ProviderConfig;

class WebhookProvider final : public TelephonyProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookProvider)

public:
    // Needs webhookUrl (http or https), webhookSecret (16 characters or more) and publicBaseUrl.
    static Result<std::unique_ptr<WebhookProvider>> create(const ProviderConfig &config,
                                                           QObject *parent = nullptr);
    ~WebhookProvider() override;

    QString name() const override;
    void sendText(const TextMessage &message) override;
    void placeCall(const PhoneCall &call) override;

    // A call result POSTed to /v1/providers/webhook/call: checks the signature in constant time,
    // then emits callAnswered or callFailed. ProviderSignature and ProviderCallback errors emit
    // nothing.
    Result<void> handleCallback(QByteArrayView body, QByteArrayView signatureHeader);

    // How long to wait for the receiver (10 s); tests shorten it.
    void setTimeout(std::chrono::milliseconds timeout);

private:
    WebhookProvider(QUrl url, QByteArray secret, QUrl callbackUrl, QObject *parent);
    void post(const QString &id, const QByteArray &body, bool isCall);
    QByteArray signatureFor(QByteArrayView body) const;

    QNetworkAccessManager *m_network; // a child, so that it goes after our connections
    QUrl m_url;
    QByteArray m_secret;
    QUrl m_callbackUrl;
    std::chrono::milliseconds m_timeout { std::chrono::seconds(10) };
};

} // namespace twofold::server
