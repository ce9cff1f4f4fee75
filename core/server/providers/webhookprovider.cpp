#include "server/providers/webhookprovider.h"

#include "crypto/hmac.h"
#include "crypto/secure.h"
#include "server/providers/providerconfig.h"
#include "server/providers/providerhttp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>
#include <cctype>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

constexpr qsizetype minSecretLength = 16;
constexpr qsizetype maxCallbackBody = 16 * 1024;
constexpr qsizetype maxIdLength = 256;

Error configError(const QString &message)
{
    return Error { ErrorCode::Config, message };
}

Error callbackError(const QString &message)
{
    return Error { ErrorCode::ProviderCallback, message };
}

} // namespace

Result<std::unique_ptr<WebhookProvider>> WebhookProvider::create(const ProviderConfig &config,
                                                                 QObject *parent)
{
    if (!isHttpUrl(config.webhookUrl))
        return configError(u"The webhook provider needs the URL to post to, as an http or https "
                           u"URL with a host name."_s);
    if (config.webhookSecret.size() < minSecretLength)
        return configError(
            u"The webhook provider needs a shared secret of at least %1 "
            u"characters; the receiver checks each request with it."_s.arg(minSecretLength));
    if (!isHttpUrl(config.publicBaseUrl))
        return configError(u"The webhook provider needs this server's public base URL (http or "
                           u"https) for the call results to come back to."_s);
    const QUrl callbackUrl = appendPath(config.publicBaseUrl, u"/v1/providers/webhook/call");
    return std::unique_ptr<WebhookProvider>(
        new WebhookProvider(config.webhookUrl, config.webhookSecret.toUtf8(), callbackUrl, parent));
}

WebhookProvider::WebhookProvider(QUrl url, QByteArray secret, QUrl callbackUrl, QObject *parent)
    : TelephonyProvider(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_url(std::move(url))
    , m_secret(std::move(secret))
    , m_callbackUrl(std::move(callbackUrl))
{
}

WebhookProvider::~WebhookProvider()
{
    scrub(m_secret);
}

QString WebhookProvider::name() const
{
    return u"webhook"_s;
}

void WebhookProvider::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

void WebhookProvider::sendText(const TextMessage &message)
{
    const QJsonObject json { { u"type"_s, u"sms"_s },
                             { u"id"_s, message.id },
                             { u"to"_s, message.to },
                             { u"body"_s, message.body } };
    post(message.id, QJsonDocument(json).toJson(QJsonDocument::Compact), false);
}

void WebhookProvider::placeCall(const PhoneCall &call)
{
    const QJsonObject json { { u"type"_s, u"call"_s },
                             { u"id"_s, call.id },
                             { u"to"_s, call.to },
                             { u"greeting"_s, call.greeting },
                             { u"ask_pin"_s, call.askPin },
                             { u"callback_url"_s, m_callbackUrl.toString(QUrl::FullyEncoded) } };
    post(call.id, QJsonDocument(json).toJson(QJsonDocument::Compact), true);
}

void WebhookProvider::post(const QString &id, const QByteArray &body, bool isCall)
{
    const auto fail = [this, id, isCall](const QString &reason) {
        if (isCall)
            emit callFailed(id, reason);
        else
            emit textFailed(id, reason);
    };
    if (id.isEmpty()) {
        // Still asynchronous, as the interface promises.
        QTimer::singleShot(0, this, [fail] { fail(u"The message has no id."_s); });
        return;
    }
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setRawHeader("X-Twofold-Signature"_ba, signatureFor(body));
    postToProvider(
        *m_network, request, body, m_timeout, this,
        [this, id, isCall, fail](const HttpOutcome &outcome) {
            if (outcome.status == 0)
                fail(u"The webhook receiver could not be reached: %1."_s.arg(outcome.failure));
            else if (outcome.status < 200 || outcome.status > 299)
                fail(u"The webhook receiver answered HTTP %1."_s.arg(outcome.status));
            else if (!isCall)
                emit textSent(id);
            // An accepted call reports later, through handleCallback().
        });
}

QByteArray WebhookProvider::signatureFor(QByteArrayView body) const
{
    const Result<QByteArray> mac = hmac(HashAlgorithm::Sha256, m_secret, body);
    return mac ? "sha256="_ba + mac->toHex() : QByteArray();
}

Result<void> WebhookProvider::handleCallback(QByteArrayView body, QByteArrayView signatureHeader)
{
    // Bounded before the HMAC runs over it.
    if (body.size() > maxCallbackBody)
        return callbackError(u"The call result is larger than %1 bytes."_s.arg(maxCallbackBody));
    const QByteArrayView prefix = "sha256=";
    const QByteArrayView hex
        = signatureHeader.startsWith(prefix) ? signatureHeader.sliced(prefix.size()) : "";
    const bool wellFormed = hex.size() == 64
        && std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(uchar(c)); });
    const Result<QByteArray> expected = hmac(HashAlgorithm::Sha256, m_secret, body);
    if (!wellFormed || !expected
        || !constantTimeEquals(*expected, QByteArray::fromHex(hex.toByteArray())))
        return Error { ErrorCode::ProviderSignature,
                       u"The call result's X-Twofold-Signature does not verify: it was not sent "
                       u"by a webhook receiver holding this server's shared secret."_s };

    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray());
    if (!document.isObject())
        return callbackError(u"The call result is not a JSON object."_s);
    const QJsonObject json = document.object();
    const QString id = json.value(u"id"_s).toString();
    const QString status = json.value(u"status"_s).toString();
    if (id.isEmpty() || id.size() > maxIdLength)
        return callbackError(u"The call result has no usable \"id\"."_s);

    if (status == u"answered"_s) {
        const QJsonValue keys = json.value(u"keys"_s);
        if (!keys.isString() || !isKeypadAnswer(keys.toString()))
            return callbackError(u"The call result's \"keys\" must be a string of at most 32 "
                                 u"keys from 0-9, * and #."_s);
        emit callAnswered(id, keys.toString());
        return {};
    }
    static constexpr std::pair<QStringView, QStringView> failures[] = {
        { u"busy", u"The line was busy." },
        { u"no-answer", u"Nobody answered the call." },
        { u"failed", u"The webhook receiver could not place the call." },
        { u"canceled", u"The call was canceled." },
    };
    for (const auto &[name, reason] : failures) {
        if (status == name) {
            emit callFailed(id, reason.toString());
            return {};
        }
    }
    return callbackError(u"The call result's \"status\" must be answered, busy, no-answer, failed "
                         u"or canceled."_s);
}

} // namespace twofold::server
