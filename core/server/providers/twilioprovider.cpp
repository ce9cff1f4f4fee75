#include "server/providers/twilioprovider.h"

#include "crypto/hmac.h"
#include "crypto/secure.h"
#include "server/providers/providerconfig.h"
#include "server/providers/providerhttp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

constexpr QStringView gatherPath = u"/v1/providers/twilio/gather";
constexpr QStringView statusPath = u"/v1/providers/twilio/status";
constexpr qsizetype maxShownMessage = 200;

Error configError(const QString &message)
{
    return Error { ErrorCode::Config, message };
}

Error callbackError(const QString &message)
{
    return Error { ErrorCode::ProviderCallback, message };
}

QString field(const FormFields &fields, QStringView name)
{
    for (const auto &[key, value] : fields) {
        if (key == name)
            return value;
    }
    return {};
}

// The URL as Twilio may have signed it: its helper libraries accept the default port either
// written out or left off, so a proxy that adds or drops it does not break the check.
QList<QString> signedUrlForms(const QUrl &url)
{
    QList<QString> forms { url.toString(QUrl::FullyEncoded) };
    const int defaultPort = url.scheme() == u"https"_s ? 443 : 80;
    QUrl other = url;
    if (url.port() == -1)
        other.setPort(defaultPort);
    else if (url.port() == defaultPort)
        other.setPort(-1);
    if (other != url)
        forms.append(other.toString(QUrl::FullyEncoded));
    return forms;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto port
        = [](const QUrl &url) { return url.port(url.scheme() == u"https"_s ? 443 : 80); };
    return a.scheme() == b.scheme() && a.host() == b.host() && port(a) == port(b);
}

QByteArray callTwiml(const PhoneCall &call, const QUrl &gatherUrl)
{
    // actionOnEmptyResult: a bare # (approve without PIN) still reaches the action URL.
    const QString twiml = u"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                          u"<Gather input=\"dtmf\" finishOnKey=\"#\" timeout=\"10\" "
                          u"actionOnEmptyResult=\"true\" method=\"POST\" action=\""_s
        + gatherUrl.toString(QUrl::FullyEncoded).toHtmlEscaped() + u"\"><Say>"_s
        + call.greeting.toHtmlEscaped() + u"</Say></Gather></Response>"_s;
    return twiml.toUtf8();
}

} // namespace

QByteArray twilioSignature(QByteArrayView authToken, const QString &url, const FormFields &params)
{
    QList<std::pair<QByteArray, QByteArray>> sorted;
    sorted.reserve(params.size());
    for (const auto &[name, value] : params)
        sorted.append({ name.toUtf8(), value.toUtf8() });
    std::sort(sorted.begin(), sorted.end()); // bytewise, by name and then value
    QByteArray data = url.toUtf8();
    for (const auto &[name, value] : sorted)
        data += name + value;
    const Result<QByteArray> mac = hmac(HashAlgorithm::Sha1, authToken, data);
    return mac ? mac->toBase64() : QByteArray();
}

Result<std::unique_ptr<TwilioProvider>> TwilioProvider::create(const ProviderConfig &config,
                                                               QObject *parent)
{
    const QString &sid = config.twilioAccountSid;
    const bool sidIsPlain = std::all_of(sid.begin(), sid.end(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
    });
    if (sid.isEmpty() || !sidIsPlain)
        return configError(u"The Twilio provider needs the account SID (AC followed by 32 "
                           u"letters and digits, from the Twilio console)."_s);
    if (config.twilioAuthToken.isEmpty())
        return configError(u"The Twilio provider needs the account's auth token."_s);
    if (config.twilioFromNumber.isEmpty())
        return configError(u"The Twilio provider needs the Twilio phone number to send from."_s);
    if (!isHttpUrl(config.twilioApiBaseUrl))
        return configError(u"The Twilio API base URL must be an http or https URL; leave it "
                           u"unset for https://api.twilio.com."_s);
    if (!isHttpUrl(config.publicBaseUrl))
        return configError(u"The Twilio provider needs this server's public base URL (http or "
                           u"https) for Twilio's call callbacks to reach."_s);
    return std::unique_ptr<TwilioProvider>(new TwilioProvider(config, parent));
}

TwilioProvider::TwilioProvider(const ProviderConfig &config, QObject *parent)
    : TelephonyProvider(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_accountSid(config.twilioAccountSid)
    , m_authToken(config.twilioAuthToken.toUtf8())
    , m_from(config.twilioFromNumber)
    , m_apiBase(config.twilioApiBaseUrl)
    , m_publicBase(config.publicBaseUrl)
{
    QByteArray credentials = m_accountSid.toUtf8() + ':' + m_authToken;
    m_basicCredentials = "Basic "_ba + credentials.toBase64();
    scrub(credentials);
}

TwilioProvider::~TwilioProvider()
{
    scrub(m_authToken);
    scrub(m_basicCredentials);
}

QString TwilioProvider::name() const
{
    return u"twilio"_s;
}

void TwilioProvider::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

QUrl TwilioProvider::callbackUrl(QStringView path, const QString &callId) const
{
    QUrl url = appendPath(m_publicBase, path);
    url.setQuery(u"call="_s + QString::fromLatin1(QUrl::toPercentEncoding(callId)),
                 QUrl::StrictMode);
    return url;
}

QUrl TwilioProvider::gatherUrl(const QString &callId) const
{
    return callbackUrl(gatherPath, callId);
}

QUrl TwilioProvider::statusUrl(const QString &callId) const
{
    return callbackUrl(statusPath, callId);
}

void TwilioProvider::sendText(const TextMessage &message)
{
    post(message.id, u"Messages.json"_s,
         { { u"To"_s, message.to }, { u"From"_s, m_from }, { u"Body"_s, message.body } }, false);
}

void TwilioProvider::placeCall(const PhoneCall &call)
{
    post(call.id, u"Calls.json"_s,
         { { u"To"_s, call.to },
           { u"From"_s, m_from },
           { u"Twiml"_s, QString::fromUtf8(callTwiml(call, gatherUrl(call.id))) },
           { u"StatusCallback"_s, statusUrl(call.id).toString(QUrl::FullyEncoded) },
           { u"StatusCallbackMethod"_s, u"POST"_s } },
         true);
}

void TwilioProvider::post(const QString &id, const QString &resource, const FormFields &fields,
                          bool isCall)
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
    QNetworkRequest request(appendPath(
        m_apiBase, QString(u"/2010-04-01/Accounts/"_s + m_accountSid + u'/' + resource)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setRawHeader("Accept"_ba, "application/json"_ba);
    request.setRawHeader("Authorization"_ba, m_basicCredentials);
    postToProvider(
        *m_network, request, encodeForm(fields), m_timeout, this,
        [this, id, isCall, fail](const HttpOutcome &outcome) {
            if (outcome.status == 0) {
                fail(u"Twilio could not be reached: %1."_s.arg(outcome.failure));
                return;
            }
            if (outcome.status < 200 || outcome.status > 299) {
                fail(refusal(isCall ? u"call"_s : u"message"_s, outcome.status, outcome.body));
                return;
            }
            const QJsonObject answer = QJsonDocument::fromJson(outcome.body).object();
            const QString status = answer.value(u"status"_s).toString();
            if (answer.value(u"sid"_s).toString().isEmpty())
                fail(u"Twilio answered HTTP %1 without a resource SID."_s.arg(outcome.status));
            else if (status == u"failed"_s || status == u"canceled"_s)
                fail(u"Twilio took the %1 but marked it %2."_s.arg(
                    isCall ? u"call"_s : u"message"_s, status));
            else if (!isCall)
                emit textSent(id);
            // A queued call reports later, through handleCallback().
        });
}

QString TwilioProvider::refusal(const QString &what, int status, const QByteArray &answer) const
{
    // Twilio's errors are {"code":..., "message":...}; anything else shows as the status alone.
    const QJsonObject error = QJsonDocument::fromJson(answer).object();
    const int code = error.value(u"code"_s).toInt();
    QString message = error.value(u"message"_s).toString().left(maxShownMessage);
    message.removeIf([](QChar c) { return !c.isPrint(); });
    const QString token = QString::fromUtf8(m_authToken);
    const QString basic = QString::fromLatin1(m_basicCredentials.sliced(6)); // after "Basic "
    if (message.contains(token) || message.contains(basic))
        message = u"message withheld: it quoted the credentials"_s;
    QString reason = u"Twilio refused the "_s + what + u": HTTP "_s + QString::number(status);
    if (code != 0)
        reason += u", error "_s + QString::number(code);
    if (!message.isEmpty())
        reason += u" ("_s + message + u')';
    return reason + u'.';
}

Result<QByteArray> TwilioProvider::handleCallback(const QUrl &fullUrl, const FormFields &postParams,
                                                  QByteArrayView signatureHeader)
{
    bool verified = false;
    for (const QString &form : signedUrlForms(fullUrl)) {
        const QByteArray expected = twilioSignature(m_authToken, form, postParams);
        verified |= !expected.isEmpty() && constantTimeEquals(expected, signatureHeader);
    }
    if (!verified)
        return Error { ErrorCode::ProviderSignature,
                       u"The X-Twilio-Signature does not verify: the request was not signed with "
                       u"this account's auth token, or for another URL (check the public base "
                       u"URL matches the address Twilio calls)."_s };

    const QString id = QUrlQuery(fullUrl).queryItemValue(u"call"_s, QUrl::FullyDecoded);
    if (id.isEmpty())
        return callbackError(u"The Twilio callback has no call id in its URL."_s);
    const bool ours = sameOrigin(fullUrl, m_publicBase);
    const QString path = fullUrl.path(QUrl::FullyEncoded);

    if (ours && path == appendPath(m_publicBase, gatherPath).path(QUrl::FullyEncoded)) {
        const QString digits = field(postParams, u"Digits");
        const bool finished = field(postParams, u"FinishedOnKey") == u"#"_s;
        const QString keys = finished ? digits + u'#' : digits;
        if (!isKeypadAnswer(keys))
            return callbackError(u"The Twilio callback's Digits are not keypad keys."_s);
        emit callAnswered(id, keys);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>"_ba;
    }
    if (ours && path == appendPath(m_publicBase, statusPath).path(QUrl::FullyEncoded)) {
        static constexpr std::pair<QStringView, QStringView> failures[] = {
            { u"busy", u"The line was busy." },
            { u"no-answer", u"Nobody answered the call." },
            { u"failed", u"Twilio could not place the call." },
            { u"canceled", u"The call was canceled." },
        };
        const QString status = field(postParams, u"CallStatus");
        if (status.isEmpty())
            return callbackError(u"The Twilio status callback has no CallStatus."_s);
        for (const auto &[name, reason] : failures) {
            if (status == name)
                emit callFailed(id, reason.toString());
        }
        // completed: the gather, if there was one, has reported already.
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"_ba;
    }
    return callbackError(u"The URL is not one of this server's Twilio callbacks."_s);
}

} // namespace twofold::server
