#pragma once

#include "result.h"

#include <QString>
#include <QUrl>

#include <memory>

class QObject;

namespace twofold::server {

class TelephonyProvider;

// The settings of every provider; each one reads only its own.
struct ProviderConfig
{
    QString provider; // "outbox", "webhook" or "twilio"
    // Where the provider's callbacks reach this server from outside, e.g. https://mfa.example.com.
    // Both webhook and twilio need it for calls.
    QUrl publicBaseUrl;

    QUrl webhookUrl;
    QString webhookSecret; // at least 16 characters

    QString twilioAccountSid;
    QString twilioAuthToken;
    QString twilioFromNumber;
    QUrl twilioApiBaseUrl { QStringLiteral("https://api.twilio.com") }; // tests point it elsewhere
};

// The webhook or twilio provider for config. For "outbox" it returns an empty pointer: the server
// builds that one itself. An unknown name or missing setting is an ErrorCode::Config error.
// With a parent, keep the pointer in a member of the parent (destroyed before the parent's
// children) or release() it to the parent; never let both delete it.
Result<std::unique_ptr<TelephonyProvider>> createProvider(const ProviderConfig &config,
                                                          QObject *parent = nullptr);

} // namespace twofold::server
