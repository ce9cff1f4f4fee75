#pragma once

#include "providers/providerconfig.h"
#include "result.h"

#include <QHostAddress>
#include <QStringList>

namespace twofold::server {

// config.json in the data directory. Command-line options override it.
struct ServerConfig
{
    QString dataDir;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8443;
    bool tls = true; // plain HTTP is refused on anything but loopback
    QStringList hostNames; // extra names the certificate carries, besides localhost and 127.0.0.1
    QString database; // empty: twofold.db in the data directory; or postgresql://…
    ProviderConfig provider;
    qint64 maxBodyBytes = 64 * 1024;
    qint64 maxImportBytes = 16 * 1024 * 1024; // the admin API's user and token file imports
    int requestSeconds = 30; // a request must arrive in full within this time
    int longPollSeconds = 30; // auth_status and the device channel answer "waiting" after this

    QString databaseLocation() const;
    QString keyPath() const; // the server key (0600)
    QString certificatePath() const;
    QString certificateKeyPath() const;
    QString configPath() const;

    static Result<ServerConfig> load(const QString &dataDir);
    Result<void> save() const;
    // "127.0.0.1:8443", "[::1]:8443", "0.0.0.0:443"
    Result<void> setListen(const QString &addressAndPort);
    QString listen() const;
};

} // namespace twofold::server
