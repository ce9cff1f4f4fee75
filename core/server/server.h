#pragma once

#include "auditlog.h"
#include "context.h"
#include "directory.h"
#include "enrollment.h"
#include "outboxprovider.h"
#include "serverconfig.h"
#include "verifier.h"

#include <memory>

namespace twofold::server {

// The verification service's parts on one database, without HTTP: what `serve` puts behind the
// API and what the scripting subcommands (app add, user add, bypass, audit verify) use directly.
class Server final
{
    Q_DISABLE_COPY_MOVE(Server)

public:
    // Opens the data directory made by init: its key, database and provider.
    static Result<std::unique_ptr<Server>> open(const ServerConfig &config, const Clock &clock);
    ~Server();

    const ServerConfig &config() const { return m_config; }
    Context &context() { return *m_context; }
    Storage &storage() { return *m_storage; }
    AuditLog &audit() { return *m_audit; }
    Directory &directory() { return *m_directory; }
    Enrollment &enrollment() { return *m_enrollment; }
    Verifier &verifier() { return *m_verifier; }
    OutboxProvider &outbox() { return *m_outbox; }
    TelephonyProvider &provider() { return m_provider ? *m_provider : *m_outbox; }

private:
    Server(ServerConfig config, const Clock &clock);

    ServerConfig m_config;
    const Clock &m_clock;
    std::optional<SecretBox> m_secrets;
    std::unique_ptr<Storage> m_storage;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<Context> m_context;
    std::unique_ptr<Directory> m_directory;
    std::unique_ptr<Enrollment> m_enrollment;
    std::unique_ptr<OutboxProvider> m_outbox;
    std::unique_ptr<TelephonyProvider> m_provider; // webhook or twilio; empty for the outbox
    std::unique_ptr<Verifier> m_verifier;
};

} // namespace twofold::server
