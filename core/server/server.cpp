#include "server.h"

#include <QProcessEnvironment>

using namespace Qt::StringLiterals;

namespace twofold::server {

Server::Server(ServerConfig config, const Clock &clock)
    : m_config(std::move(config))
    , m_clock(clock)
{
}

Server::~Server()
{
    // The verifier listens to the provider and the storage: it goes first.
    m_verifier.reset();
    m_provider.reset();
    m_outbox.reset();
}

Result<std::unique_ptr<Server>> Server::open(const ServerConfig &config, const Clock &clock)
{
    std::unique_ptr<Server> server(new Server(config, clock));
    // TWOFOLD_SERVER_KEY (base64) supplies the key from the environment, e.g. a secrets manager.
    const QString fromEnvironment
        = QProcessEnvironment::systemEnvironment().value(u"TWOFOLD_SERVER_KEY"_s);
    auto secrets = fromEnvironment.isEmpty()
        ? SecretBox::load(config.keyPath())
        : SecretBox::fromKey(QByteArray::fromBase64(fromEnvironment.toLatin1()));
    if (!secrets)
        return secrets.error();
    server->m_secrets.emplace(std::move(*secrets));
    auto storage = Storage::open(config.databaseLocation());
    if (!storage)
        return storage.error();
    server->m_storage = std::move(*storage);
    server->m_audit = std::make_unique<AuditLog>(*server->m_storage, clock);
    server->m_context.reset(
        new Context { *server->m_storage, *server->m_secrets, clock, *server->m_audit });
    server->m_directory = std::make_unique<Directory>(*server->m_context);
    server->m_enrollment = std::make_unique<Enrollment>(*server->m_context, *server->m_directory);
    server->m_outbox = std::make_unique<OutboxProvider>(*server->m_context);
    if (!config.provider.provider.isEmpty() && config.provider.provider != u"outbox") {
        auto provider = createProvider(config.provider);
        if (!provider)
            return provider.error();
        server->m_provider = std::move(*provider);
    }
    server->m_verifier
        = std::make_unique<Verifier>(*server->m_context, *server->m_directory, server->provider());
    // The outbox's keypad answers reach the verifier whichever provider places real calls.
    if (server->m_provider) {
        QObject::connect(server->m_outbox.get(), &TelephonyProvider::callAnswered,
                         server->m_provider.get(), &TelephonyProvider::callAnswered);
    }
    return server;
}

} // namespace twofold::server
