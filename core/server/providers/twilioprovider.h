#pragma once

#include "result.h"
#include "server/providers/formencoding.h"
#include "server/providers/telephonyprovider.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QUrl>

#include <chrono>
#include <memory>

class QNetworkAccessManager;

namespace twofold::server {

struct ProviderConfig;

// X-Twilio-Signature for a request Twilio makes to url with these POST parameters:
// base64(HMAC-SHA1(auth token, url + each parameter's name and value, sorted by name)).
// Empty only if the crypto library fails.
QByteArray twilioSignature(QByteArrayView authToken, const QString &url, const FormFields &params);

// Texts and calls through Twilio's REST API (2010-04-01). A call says the greeting inside a
// <Gather> that ends on #; Twilio then POSTs the keys to gatherUrl() and, when the call ends,
// its final status to statusUrl(). The server passes both requests to handleCallback().
class TwilioProvider final : public TelephonyProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TwilioProvider)

public:
    // Needs twilioAccountSid, twilioAuthToken, twilioFromNumber, an http(s) twilioApiBaseUrl and
    // publicBaseUrl.
    static Result<std::unique_ptr<TwilioProvider>> create(const ProviderConfig &config,
                                                          QObject *parent = nullptr);
    ~TwilioProvider() override;

    QString name() const override;
    void sendText(const TextMessage &message) override;
    void placeCall(const PhoneCall &call) override;

    // A request Twilio made to this server. fullUrl is the URL as Twilio called it (public base
    // URL, path and query); postParams its decoded form body (decodeForm()). Checks
    // X-Twilio-Signature in constant time, then for /v1/providers/twilio/gather emits
    // callAnswered(id, Digits + "#" when # ended the input) and for /v1/providers/twilio/status
    // emits callFailed when CallStatus is busy, no-answer, failed or canceled. The value is the
    // TwiML to answer with (200, Content-Type: text/xml). Errors emit nothing: ProviderSignature
    // (answer 403) and ProviderCallback (answer 400).
    Result<QByteArray> handleCallback(const QUrl &fullUrl, const FormFields &postParams,
                                      QByteArrayView signatureHeader);

    QUrl gatherUrl(const QString &callId) const;
    QUrl statusUrl(const QString &callId) const;

    // How long to wait for Twilio's API (10 s); tests shorten it.
    void setTimeout(std::chrono::milliseconds timeout);

private:
    explicit TwilioProvider(const ProviderConfig &config, QObject *parent);
    void post(const QString &id, const QString &resource, const FormFields &fields, bool isCall);
    QString refusal(const QString &what, int status, const QByteArray &answer) const;
    QUrl callbackUrl(QStringView path, const QString &callId) const;

    QNetworkAccessManager *m_network; // a child, so that it goes after our connections
    QString m_accountSid;
    QByteArray m_authToken;
    QByteArray m_basicCredentials; // "Basic " + base64(sid:token)
    QString m_from;
    QUrl m_apiBase;
    QUrl m_publicBase;
    std::chrono::milliseconds m_timeout { std::chrono::seconds(10) };
};

} // namespace twofold::server
