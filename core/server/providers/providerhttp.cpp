#include "server/providers/providerhttp.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

// errorString() is not used: Qt puts the request URL in it, and a URL may hold a key.
QString transportFailure(QNetworkReply::NetworkError error, std::chrono::milliseconds timeout)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return u"the connection was refused"_s;
    case QNetworkReply::RemoteHostClosedError:
        return u"the connection closed before an answer came"_s;
    case QNetworkReply::HostNotFoundError:
        return u"the host name was not found"_s;
    case QNetworkReply::OperationCanceledError: // what setTransferTimeout() reports
    case QNetworkReply::TimeoutError:
        return u"no answer within %1 s"_s.arg(static_cast<double>(timeout.count()) / 1000.0);
    case QNetworkReply::SslHandshakeFailedError:
        return u"the TLS handshake failed (check the certificate)"_s;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return u"the proxy failed"_s;
    default:
        return u"network error %1"_s.arg(static_cast<int>(error));
    }
}

} // namespace

void postToProvider(QNetworkAccessManager &network, QNetworkRequest request, const QByteArray &body,
                    std::chrono::milliseconds timeout, QObject *context,
                    std::function<void(const HttpOutcome &)> done)
{
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(static_cast<int>(timeout.count()));
    QNetworkReply *reply = network.post(request, body);
    QObject::connect(
        reply, &QNetworkReply::finished, context, [reply, timeout, done = std::move(done)] {
            reply->deleteLater();
            HttpOutcome outcome;
            const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            if (status.isValid()) {
                outcome.status = status.toInt();
                outcome.body = reply->read(maxProviderAnswer);
            } else {
                outcome.failure = transportFailure(reply->error(), timeout);
            }
            done(outcome);
        });
}

QUrl appendPath(const QUrl &base, QStringView path)
{
    QUrl url = base;
    QString joined = base.path(QUrl::FullyEncoded);
    while (joined.endsWith(u'/'))
        joined.chop(1);
    url.setPath(joined + path, QUrl::StrictMode);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

bool isHttpUrl(const QUrl &url)
{
    return url.isValid() && (url.scheme() == u"https"_s || url.scheme() == u"http"_s)
        && !url.host().isEmpty();
}

} // namespace twofold::server
