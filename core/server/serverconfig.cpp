#include "serverconfig.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace twofold::server {

QString ServerConfig::databaseLocation() const
{
    return database.isEmpty() ? QDir(dataDir).filePath(u"twofold.db"_s) : database;
}

QString ServerConfig::keyPath() const
{
    return QDir(dataDir).filePath(u"server.key"_s);
}

QString ServerConfig::certificatePath() const
{
    return QDir(dataDir).filePath(u"tls.crt"_s);
}

QString ServerConfig::certificateKeyPath() const
{
    return QDir(dataDir).filePath(u"tls.key"_s);
}

QString ServerConfig::configPath() const
{
    return QDir(dataDir).filePath(u"config.json"_s);
}

Result<void> ServerConfig::setListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    bool ok = false;
    const uint number = text.mid(colon + 1).toUInt(&ok);
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    QHostAddress parsed(host);
    if (colon < 0 || !ok || number > 65535 || parsed.isNull()) {
        return Error {
            ErrorCode::Config,
            u"\"%1\" is not an address and port; write it as 127.0.0.1:8443 or [::]:443."_s.arg(
                text)
        };
    }
    address = parsed;
    port = quint16(number);
    return {};
}

QString ServerConfig::listen() const
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"[%1]"_s.arg(address.toString())
        : address.toString();
    return host + u':' + QString::number(port);
}

Result<ServerConfig> ServerConfig::load(const QString &dataDir)
{
    ServerConfig config;
    config.dataDir = dataDir;
    config.provider.provider = u"outbox"_s;
    QFile file(config.configPath());
    if (!file.exists())
        return config;
    if (!file.open(QIODevice::ReadOnly))
        return Error { ErrorCode::Config,
                       u"Cannot read %1: %2"_s.arg(file.fileName(), file.errorString()) };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        return Error { ErrorCode::Config,
                       u"%1 is not valid JSON (%2 at offset %3)."_s
                           .arg(file.fileName(), parseError.errorString())
                           .arg(parseError.offset) };
    }
    const QJsonObject json = doc.object();
    if (json.contains(u"listen"_s)) {
        if (auto ok = config.setListen(json.value(u"listen"_s).toString()); !ok)
            return Error { ErrorCode::Config, file.fileName() + u": "_s + ok.error().message };
    }
    config.tls = json.value(u"tls"_s).toBool(true);
    for (const QJsonValue &name : json.value(u"host_names"_s).toArray())
        config.hostNames << name.toString();
    config.database = json.value(u"database"_s).toString();
    const QJsonObject providerJson = json.value(u"provider"_s).toObject();
    config.provider.provider = providerJson.value(u"name"_s).toString(u"outbox"_s);
    config.provider.publicBaseUrl = QUrl(json.value(u"public_url"_s).toString());
    config.provider.webhookUrl = QUrl(providerJson.value(u"webhook_url"_s).toString());
    config.provider.webhookSecret = providerJson.value(u"webhook_secret"_s).toString();
    config.provider.twilioAccountSid = providerJson.value(u"twilio_account_sid"_s).toString();
    config.provider.twilioAuthToken = providerJson.value(u"twilio_auth_token"_s).toString();
    config.provider.twilioFromNumber = providerJson.value(u"twilio_from"_s).toString();
    if (providerJson.contains(u"twilio_api_base"_s))
        config.provider.twilioApiBaseUrl
            = QUrl(providerJson.value(u"twilio_api_base"_s).toString());
    const QJsonObject limits = json.value(u"limits"_s).toObject();
    config.maxBodyBytes = limits.value(u"max_body_bytes"_s).toInteger(config.maxBodyBytes);
    config.maxImportBytes = limits.value(u"max_import_bytes"_s).toInteger(config.maxImportBytes);
    config.requestSeconds = limits.value(u"request_seconds"_s).toInt(config.requestSeconds);
    config.longPollSeconds = limits.value(u"long_poll_seconds"_s).toInt(config.longPollSeconds);
    if (config.maxBodyBytes < 1024 || config.maxImportBytes < config.maxBodyBytes
        || config.requestSeconds < 1 || config.longPollSeconds < 1)
        return Error { ErrorCode::Config, u"%1: the limits are too small."_s.arg(file.fileName()) };
    return config;
}

Result<void> ServerConfig::save() const
{
    QJsonObject providerJson { { u"name"_s, this->provider.provider } };
    const auto put = [&](const QString &key, const QString &value) {
        if (!value.isEmpty())
            providerJson[key] = value;
    };
    put(u"webhook_url"_s, this->provider.webhookUrl.toString());
    put(u"webhook_secret"_s, this->provider.webhookSecret);
    put(u"twilio_account_sid"_s, this->provider.twilioAccountSid);
    put(u"twilio_auth_token"_s, this->provider.twilioAuthToken);
    put(u"twilio_from"_s, this->provider.twilioFromNumber);
    const QJsonObject json { { u"listen"_s, listen() },
                             { u"tls"_s, tls },
                             { u"host_names"_s, QJsonArray::fromStringList(hostNames) },
                             { u"database"_s, database },
                             { u"public_url"_s, this->provider.publicBaseUrl.toString() },
                             { u"provider"_s, providerJson },
                             { u"limits"_s,
                               QJsonObject { { u"max_body_bytes"_s, maxBodyBytes },
                                             { u"max_import_bytes"_s, maxImportBytes },
                                             { u"request_seconds"_s, requestSeconds },
                                             { u"long_poll_seconds"_s, longPollSeconds } } } };
    QSaveFile file(configPath());
    // It may hold provider secrets, so only the service's user reads it.
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(QJsonDocument(json).toJson()) < 0 || !file.commit())
        return Error { ErrorCode::Io,
                       u"Cannot write %1: %2"_s.arg(configPath(), file.errorString()) };
    return {};
}

} // namespace twofold::server
