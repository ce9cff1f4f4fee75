#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace twofold {
class Clock;
namespace client {
class AdminClient;
}
} // namespace twofold

namespace twofold::ui {

class LocalServer;
class ServerBook;

// Sign-in to a twofold-server: its URL (remembered ones offered), username, password and TOTP
// code. A certificate seen for the first time is shown for the person to trust, and a changed
// one is refused with a warning unless they choose to trust it. Accepts once signed in.
class ConnectDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    ConnectDialog(client::AdminClient &client, ServerBook &book, LocalServer &localServer,
                  const Clock &clock, QWidget *parent = nullptr);

    void startLocalServer(); // the "local server for evaluation" action
    // As a person types and presses Sign in (tests).
    void fill(const QString &server, const QString &username, const QString &password,
              const QString &code);
    void signIn();
    QString status() const;

private:
    void signInTo(const QUrl &url, const QByteArray &pin, const QString &username,
                  const QString &password, const QString &code, bool remember);
    void localServerStarted();
    void serverChosen(int index);
    void setBusy(bool busy, const QString &status = {});
    void showError(const QString &message);

    client::AdminClient &m_client;
    ServerBook &m_book;
    LocalServer &m_localServer;
    const Clock &m_clock;
    QComboBox *m_server;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLineEdit *m_code;
    QLabel *m_status;
    QPushButton *m_signIn;
    QPushButton *m_local;
    int m_localRetry = 0; // sign-ins to the local server retried with the next step's code
};

// "ab12cd…" as "AB:12:CD:…" in lines of 16 bytes, the way people compare fingerprints.
QString readableFingerprint(const QByteArray &hex);

} // namespace twofold::ui
