#include "admin/localserver.h"

#include "crypto/certificate.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {
constexpr char credentialsFile[] = "evaluation-admin.json";
}

LocalServer::LocalServer(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
{
#ifdef Q_OS_LINUX
    // The server must not outlive the app, even when the app is killed.
    for (QProcess *process : { &m_init, &m_serve })
        process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(&m_init, &QProcess::finished, this, &LocalServer::initFinished);
    connect(&m_serve, &QProcess::readyReadStandardError, this, &LocalServer::readServeLog);
    connect(&m_serve, &QProcess::finished, this, [this](int exitCode) {
        if (m_url.isEmpty())
            emit failed(tr("twofold-server stopped before it was ready (exit status %1): %2")
                            .arg(exitCode)
                            .arg(QString::fromUtf8(m_log.trimmed().right(400))));
        m_url.clear();
    });
    connect(&m_serve, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            emit failed(tr("twofold-server could not be started: %1").arg(m_serve.errorString()));
    });
}

LocalServer::~LocalServer()
{
    stop();
}

QString LocalServer::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/local-server"_s;
}

QString LocalServer::program()
{
    const QString given = qEnvironmentVariable("TWOFOLD_SERVER_PROGRAM");
    if (!given.isEmpty())
        return given;
    const QString here = QCoreApplication::applicationDirPath();
    const QStringList candidates { here + u"/twofold-server"_s,
                                   here + u"/../twofold-server/twofold-server"_s };
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(u"twofold-server"_s);
}

void LocalServer::start()
{
    if (isRunning() || m_init.state() != QProcess::NotRunning)
        return;
    const QString server = program();
    if (server.isEmpty())
        return emit failed(tr("twofold-server is not installed. Install the twofold-server "
                              "package, or set TWOFOLD_SERVER_PROGRAM to its path."));
    if (QFile::exists(m_dataDir + u'/' + QLatin1StringView(credentialsFile)))
        return serve();
    if (QFile::exists(m_dataDir + u"/server.key"_s))
        return emit failed(tr("%1 holds a server that was not set up by Twofold's admin mode; "
                              "sign in to it with its own administrator instead.")
                               .arg(m_dataDir));
    m_init.start(server, { u"init"_s, u"--data"_s, m_dataDir, u"--listen"_s, u"127.0.0.1:0"_s });
}

void LocalServer::initFinished(int exitCode, QProcess::ExitStatus status)
{
    const QString output = QString::fromUtf8(m_init.readAllStandardOutput());
    if (status != QProcess::NormalExit || exitCode != 0)
        return emit failed(tr("Setting up the local server failed: %1")
                               .arg(QString::fromUtf8(m_init.readAllStandardError()).trimmed()));
    const auto field = [&output](const QString &pattern) {
        return QRegularExpression(pattern, QRegularExpression::MultilineOption)
            .match(output)
            .captured(1);
    };
    const QJsonObject setup {
        { u"username"_s, field(u"^First administrator: (\\S+)$"_s) },
        { u"password"_s, field(u"^Password: (\\S+)$"_s) },
        { u"otpauth"_s, field(u"^(otpauth://\\S+)$"_s) },
    };
    QSaveFile file(m_dataDir + u'/' + QLatin1StringView(credentialsFile));
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(QJsonDocument(setup).toJson()) < 0 || !file.commit())
        return emit failed(tr("Cannot save the local server's administrator in %1: %2")
                               .arg(m_dataDir, file.errorString()));
    serve();
}

bool LocalServer::loadSetup(QString *reason)
{
    QFile file(m_dataDir + u'/' + QLatin1StringView(credentialsFile));
    const QJsonObject setup = file.open(QIODevice::ReadOnly)
        ? QJsonDocument::fromJson(file.readAll()).object()
        : QJsonObject();
    m_credentials = { setup.value(u"username"_s).toString(), setup.value(u"password"_s).toString(),
                      setup.value(u"otpauth"_s).toString() };
    QFile certificate(m_dataDir + u"/tls.crt"_s);
    m_fingerprint = certificate.open(QIODevice::ReadOnly)
        ? certificateSha256Fingerprint(certificate.readAll())
        : QByteArray();
    if (m_credentials.username.isEmpty() || m_credentials.password.isEmpty()
        || !m_credentials.otpauthUri.startsWith(u"otpauth://") || m_fingerprint.isEmpty()) {
        *reason = tr("The local server's set-up in %1 is incomplete. Move that folder away to "
                     "start a new local server.")
                      .arg(m_dataDir);
        return false;
    }
    return true;
}

void LocalServer::serve()
{
    QString reason;
    if (!loadSetup(&reason))
        return emit failed(reason);
    m_log.clear();
    m_url.clear();
    m_serve.start(program(),
                  { u"serve"_s, u"--data"_s, m_dataDir, u"--listen"_s, u"127.0.0.1:0"_s });
}

void LocalServer::readServeLog()
{
    m_log += m_serve.readAllStandardError();
    if (!m_url.isEmpty())
        return m_log.clear(); // ready: nothing more to look for in the log
    qsizetype end;
    qsizetype start = 0;
    while ((end = m_log.indexOf('\n', start)) >= 0) {
        const QJsonObject line = QJsonDocument::fromJson(m_log.mid(start, end - start)).object();
        start = end + 1;
        if (line.value(u"event"_s).toString() != u"listening")
            continue;
        m_url = QUrl(u"https://127.0.0.1:%1"_s.arg(line.value(u"port"_s).toInt()));
        m_log.clear();
        emit started();
        return;
    }
}

void LocalServer::stop()
{
    for (QProcess *process : { &m_init, &m_serve }) {
        if (process->state() == QProcess::NotRunning)
            continue;
        process->terminate(); // the server answers parked long polls and exits
        if (!process->waitForFinished(5000))
            process->kill();
    }
}

} // namespace twofold::ui
