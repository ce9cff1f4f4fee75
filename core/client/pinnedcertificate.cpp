#include "client/pinnedcertificate.h"

#include <QCryptographicHash>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

namespace twofold::client::PinnedCertificate {

namespace {
constexpr char presentedProperty[] = "twofoldPresentedFingerprint";
}

QByteArray fingerprint(const QSslCertificate &certificate)
{
    return certificate.isNull() ? QByteArray()
                                : certificate.digest(QCryptographicHash::Sha256).toHex();
}

void prepare(QNetworkRequest &request)
{
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates({});
    ssl.setProtocol(QSsl::TlsV1_2OrLater);
    request.setSslConfiguration(ssl);
}

void enforce(QNetworkReply *reply, const QByteArray &pinned)
{
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [reply, pinned](const QList<QSslError> &errors) {
                         // With no CA store every certificate has errors; the pinned one is
                         // accepted as it is.
                         QSslCertificate peer = reply->sslConfiguration().peerCertificate();
                         for (auto it = errors.cbegin(); peer.isNull() && it != errors.cend(); ++it)
                             peer = it->certificate();
                         const QByteArray presented = fingerprint(peer);
                         if (!pinned.isEmpty() && presented == pinned)
                             reply->ignoreSslErrors();
                         else
                             reply->setProperty(presentedProperty, presented);
                     });
    QObject::connect(reply, &QNetworkReply::encrypted, reply, [reply, pinned] {
        // The handshake is done and nothing has been sent yet: the last point to refuse.
        const QByteArray presented = fingerprint(reply->sslConfiguration().peerCertificate());
        if (pinned.isEmpty() || presented != pinned) {
            reply->setProperty(presentedProperty, presented);
            reply->abort();
        }
    });
}

bool refused(const QNetworkReply *reply)
{
    return reply->property(presentedProperty).isValid();
}

QByteArray refusedFingerprint(const QNetworkReply *reply)
{
    return reply->property(presentedProperty).toByteArray();
}

} // namespace twofold::client::PinnedCertificate
