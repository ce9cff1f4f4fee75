#include "server/providers/providerconfig.h"

#include "server/providers/twilioprovider.h"
#include "server/providers/webhookprovider.h"

using namespace Qt::StringLiterals;

namespace twofold::server {

Result<std::unique_ptr<TelephonyProvider>> createProvider(const ProviderConfig &config,
                                                          QObject *parent)
{
    if (config.provider == u"outbox"_s)
        return std::unique_ptr<TelephonyProvider>();
    if (config.provider == u"webhook"_s) {
        auto provider = WebhookProvider::create(config, parent);
        if (!provider)
            return provider.error();
        return std::unique_ptr<TelephonyProvider>(std::move(*provider));
    }
    if (config.provider == u"twilio"_s) {
        auto provider = TwilioProvider::create(config, parent);
        if (!provider)
            return provider.error();
        return std::unique_ptr<TelephonyProvider>(std::move(*provider));
    }
    return Error { ErrorCode::Config,
                   u"Unknown SMS and voice provider \"%1\": use outbox, webhook or twilio."_s.arg(
                       config.provider) };
}

} // namespace twofold::server
