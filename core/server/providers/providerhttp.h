#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkRequest;
class QObject;

namespace twofold::server {

// What one HTTP exchange with a provider came to. status is 0 when no HTTP answer arrived; then
// failure says why, in words that carry neither a URL nor a secret.
struct HttpOutcome
{
    int status = 0;
    QByteArray body; // at most maxProviderAnswer bytes
    QString failure;
};

inline constexpr qsizetype maxProviderAnswer = 64 * 1024;

// POSTs body; done runs once, in context's thread, unless context is destroyed first.
// Redirects are answers, not followed: credentials must not travel to another host.
void postToProvider(QNetworkAccessManager &network, QNetworkRequest request, const QByteArray &body,
                    std::chrono::milliseconds timeout, QObject *context,
                    std::function<void(const HttpOutcome &)> done);

// base with path added to its own path ("https://h/mfa" + "/v1/x" = "https://h/mfa/v1/x").
QUrl appendPath(const QUrl &base, QStringView path);
// An absolute http or https URL with a host.
bool isHttpUrl(const QUrl &url);

} // namespace twofold::server
