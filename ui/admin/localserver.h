#pragma once

#include <QObject>
#include <QProcess>
#include <QUrl>

namespace twofold::ui {

// A twofold-server for evaluation, on loopback with a data directory of this user's own: set up
// on first use (init), then served on a free port. Its first administrator's credentials are
// kept in the data directory (0600, beside the server key that already opens everything there),
// so that admin mode can sign in to it with one action.
class LocalServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalServer)

public:
    struct Credentials
    {
        QString username;
        QString password;
        QString otpauthUri; // the admin's TOTP account, for the sign-in code
    };

    explicit LocalServer(QString dataDir = defaultDataDir(), QObject *parent = nullptr);
    ~LocalServer() override;

    static QString defaultDataDir(); // AppDataLocation/local-server
    // TWOFOLD_SERVER_PROGRAM, else twofold-server beside this program or in the build tree,
    // else on PATH; empty when none is found.
    static QString program();

    void start(); // init if needed, then serve; reports by started() or failed()
    void stop();
    bool isRunning() const { return m_serve.state() != QProcess::NotRunning; }
    const QUrl &url() const { return m_url; }
    const QByteArray &fingerprint() const { return m_fingerprint; }
    const Credentials &credentials() const { return m_credentials; }
    const QString &dataDir() const { return m_dataDir; }

signals:
    void started();
    void failed(const QString &reason);

private:
    void initFinished(int exitCode, QProcess::ExitStatus status);
    void serve();
    void readServeLog();
    bool loadSetup(QString *reason);

    QString m_dataDir;
    QProcess m_init;
    QProcess m_serve;
    QByteArray m_log;
    QUrl m_url;
    QByteArray m_fingerprint;
    Credentials m_credentials;
};

} // namespace twofold::ui
