#pragma once

#include "admin/adminwindow.h"
#include "admin/connectdialog.h"
#include "admin/localserver.h"
#include "admin/serverbook.h"
#include "client/adminclient.h"

#include <QObject>
#include <QPointer>

namespace twofold {
class Clock;
}

namespace twofold::ui {

// The admin mode of the app from start to end: the sign-in dialog, then the console window, and
// back to the sign-in dialog when the person signs out or the session ends.
class AdminMode final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminMode)

public:
    explicit AdminMode(const Clock &clock, QObject *parent = nullptr);
    ~AdminMode() override;

    void start(bool localServer); // localServer: start and sign in to the evaluation server

    client::AdminClient &client() { return m_client; }
    ConnectDialog *connectDialog() const { return m_dialog; }
    AdminWindow *window() const { return m_window; }

signals:
    void windowShown(); // signed in and the console is open

private:
    void showSignIn(const QString &reason = {});
    void signedIn();

    const Clock &m_clock;
    client::AdminClient m_client;
    ServerBook m_book;
    LocalServer m_localServer;
    QPointer<ConnectDialog> m_dialog;
    QPointer<AdminWindow> m_window;
};

} // namespace twofold::ui
