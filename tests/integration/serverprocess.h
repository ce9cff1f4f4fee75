#pragma once

// A twofold-server data directory for integration tests (ServerData: init and the scripting
// subcommands) and the `serve` process on it (ServerProcess: a free loopback port, ready when
// the server logs {"event":"listening","port":N}, never after a sleep; SIGTERM at the end).

#include "programrun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <optional>

namespace twofold::test {

inline QString serverBinary()
{
    return QStringLiteral(TWOFOLD_SERVER_BIN);
}

class ServerData final
{
    Q_DISABLE_COPY_MOVE(ServerData)

public:
    struct Application
    {
        QString ikey;
        QString skey;
    };

    // databaseUrl: a postgresql:// URL every command and the server use; empty for SQLite.
    explicit ServerData(QString databaseUrl = {})
        : m_database(std::move(databaseUrl))
    {
    }

    QString binary() const { return serverBinary(); }
    QString dataDir() const { return m_root.filePath(QStringLiteral("data")); }
    QString dir() const { return dataDir(); }
    QString databaseUrl() const { return m_database; }
    // --data DIR, and --database URL when there is one: what every subcommand takes.
    QStringList commonArguments() const
    {
        QStringList arguments { QStringLiteral("--data"), dataDir() };
        if (!m_database.isEmpty())
            arguments << QStringLiteral("--database") << m_database;
        return arguments;
    }
    // A folder for the test's own files (token files, CSVs), outside the data directory.
    QString scratch() const
    {
        const QString path = m_root.filePath(QStringLiteral("scratch"));
        QDir().mkpath(path);
        return path;
    }
    QString certificatePath() const { return QDir(dataDir()).filePath(QStringLiteral("tls.crt")); }

    // The last subcommand: what it was and printed (lastRun() for QVERIFY2).
    const ProgramRun &last() const { return m_last; }
    const char *lastRun() const { return m_lastRun.constData(); }
    QString lastOutput() const { return m_last.out; }

    bool init(const QStringList &extra = {})
    {
        const bool ok = runChecked(QStringList { QStringLiteral("init"), QStringLiteral("--listen"),
                                                 QStringLiteral("127.0.0.1:0") }
                                   + extra);
        m_initOutput = m_last.out;
        return ok;
    }
    // What init printed: the certificate's SHA-256 fingerprint and the first admin's sign-in.
    QString fingerprint() const
    {
        return initLine(QStringLiteral("Certificate SHA-256 fingerprint:"));
    }
    QString adminUsername() const { return initLine(QStringLiteral("First administrator:")); }
    QString adminPassword() const { return initLine(QStringLiteral("Password:")); }
    QString adminOtpauth() const
    {
        const auto uri = QRegularExpression(QStringLiteral("^otpauth://\\S+$"),
                                            QRegularExpression::MultilineOption)
                             .match(m_initOutput);
        return uri.captured(0);
    }

    // A subcommand on this data directory (commonArguments() are added).
    ProgramRun run(const QStringList &arguments, const QByteArray &input = {})
    {
        m_last = runProgram(serverBinary(), arguments + commonArguments(), input);
        m_lastRun = m_last.describe(arguments);
        return m_last;
    }
    // The same; true when it exits with 0.
    bool runChecked(const QStringList &arguments, const QByteArray &input = {})
    {
        return run(arguments, input).ok();
    }

    // Merges keys into config.json; objects (such as "limits") are merged one level deep.
    bool setConfig(const QJsonObject &changes)
    {
        QFile file(QDir(dataDir()).filePath(QStringLiteral("config.json")));
        if (!file.open(QIODevice::ReadOnly))
            return false;
        QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
            if (it.value().isObject() && config.value(it.key()).isObject()) {
                QJsonObject merged = config.value(it.key()).toObject();
                const QJsonObject inner = it.value().toObject();
                for (auto i = inner.constBegin(); i != inner.constEnd(); ++i)
                    merged[i.key()] = i.value();
                config[it.key()] = merged;
            } else {
                config[it.key()] = it.value();
            }
        }
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            && file.write(QJsonDocument(config).toJson()) > 0;
    }

    bool setPolicy(const QJsonObject &changes)
    {
        return runChecked(
            { QStringLiteral("policy"), QStringLiteral("set"),
              QString::fromUtf8(QJsonDocument(changes).toJson(QJsonDocument::Compact)) });
    }

    std::optional<Application> addApplication(const QString &name)
    {
        if (!runChecked({ QStringLiteral("app"), QStringLiteral("add"), name }))
            return std::nullopt;
        const Application app { field(QStringLiteral("ikey")), field(QStringLiteral("skey")) };
        if (app.ikey.isEmpty() || app.skey.isEmpty())
            return std::nullopt;
        return app;
    }

    bool addUser(const QString &username, const QStringList &options = {})
    {
        return runChecked(QStringList { QStringLiteral("user"), QStringLiteral("add"), username }
                          + options);
    }

    // The otpauth URI of a new app code enrollment, or empty.
    QString enrollAppCode(const QString &username)
    {
        if (!runChecked({ QStringLiteral("user"), QStringLiteral("enroll"), username,
                          QStringLiteral("app_code") }))
            return {};
        return m_last.out.trimmed();
    }

    bool confirmAppCode(const QString &username, const QString &code)
    {
        return runChecked({ QStringLiteral("user"), QStringLiteral("confirm"), username, code });
    }

    // The serials imported, one per line of output.
    QStringList importTokens(const QString &file, const QStringList &options = {})
    {
        if (!runChecked(QStringList { QStringLiteral("token"), QStringLiteral("import"), file }
                        + options))
            return {};
        return m_last.out.split(u'\n', Qt::SkipEmptyParts);
    }

    bool assignToken(const QString &serial, const QString &username)
    {
        return runChecked({ QStringLiteral("token"), QStringLiteral("assign"), serial, username });
    }

    bool activateToken(const QString &serial, const QString &code)
    {
        return runChecked({ QStringLiteral("token"), QStringLiteral("activate"), serial, code });
    }

    QString bypassCode(const QString &username)
    {
        if (!runChecked({ QStringLiteral("bypass"), username }))
            return {};
        return m_last.out.trimmed();
    }

    QJsonArray outbox()
    {
        if (!runChecked({ QStringLiteral("outbox"), QStringLiteral("list") }))
            return {};
        return QJsonDocument::fromJson(m_last.out.toUtf8()).array();
    }

    bool answerCall(const QString &callId, const QString &keys)
    {
        return runChecked({ QStringLiteral("outbox"), QStringLiteral("answer"), callId, keys });
    }

private:
    QString initLine(const QString &prefix) const
    {
        for (const QString &line : m_initOutput.split(u'\n')) {
            if (line.startsWith(prefix))
                return line.mid(prefix.size()).trimmed();
        }
        return {};
    }
    // "name: value" from the last output.
    QString field(const QString &name) const
    {
        return QRegularExpression(QStringLiteral("^%1: (\\S+)$").arg(name),
                                  QRegularExpression::MultilineOption)
            .match(m_last.out)
            .captured(1);
    }

    QTemporaryDir m_root;
    QString m_database;
    ProgramRun m_last;
    QByteArray m_lastRun;
    QString m_initOutput;
};

class ServerProcess final
{
    Q_DISABLE_COPY_MOVE(ServerProcess)

public:
    explicit ServerProcess(const ServerData &data)
        : m_data(data)
    {
        m_process.setReadChannel(QProcess::StandardError);
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                         [this] { readLog(); });
    }
    ~ServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    // serve --listen 127.0.0.1:0 plus extra ("--plain-http", "--database URL"); true once the
    // server has logged its port.
    bool start(const QStringList &extra = {})
    {
        constexpr int timeoutMs = 60'000; // a bound for a hung start, never a wait for time
        m_log.clear();
        m_seen = 0;
        m_port = 0;
        m_tls = !extra.contains(QStringLiteral("--plain-http"));
        m_process.start(serverBinary(),
                        QStringList { QStringLiteral("serve"), QStringLiteral("--listen"),
                                      QStringLiteral("127.0.0.1:0") }
                            + m_data.commonArguments() + extra);
        if (!m_process.waitForStarted(timeoutMs))
            return false;
        while (m_port == 0 && m_process.state() == QProcess::Running
               && m_process.waitForReadyRead(timeoutMs))
            readLog();
        readLog();
        return m_port != 0;
    }

    // SIGTERM, then the exit code once it has shut down; -1 when it had to be killed.
    int terminate()
    {
        if (m_process.state() == QProcess::NotRunning)
            return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        m_process.terminate();
        if (!m_process.waitForFinished(60'000)) {
            m_process.kill();
            m_process.waitForFinished();
            return -1;
        }
        readLog();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    // SIGKILL: a crash, with no chance to finish anything.
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished();
        readLog();
    }

    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    QProcess &process() { return m_process; }
    // https://127.0.0.1:PORT + path (http:// with --plain-http).
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("%1://127.0.0.1:%2%3")
                        .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
                        .arg(m_port)
                        .arg(pathAndQuery));
    }
    // The server's stderr so far: one JSON line per event.
    QString log()
    {
        readLog();
        return QString::fromUtf8(m_log);
    }

private:
    void readLog()
    {
        m_log += m_process.readAllStandardError();
        qsizetype end;
        while ((end = m_log.indexOf('\n', m_seen)) >= 0) {
            const QJsonObject line
                = QJsonDocument::fromJson(m_log.mid(m_seen, end - m_seen)).object();
            if (line.value(QStringLiteral("event")).toString() == QStringLiteral("listening"))
                m_port = quint16(line.value(QStringLiteral("port")).toInt());
            m_seen = end + 1;
        }
    }

    const ServerData &m_data;
    QProcess m_process;
    QByteArray m_log;
    qsizetype m_seen = 0;
    quint16 m_port = 0;
    bool m_tls = true;
};

} // namespace twofold::test
