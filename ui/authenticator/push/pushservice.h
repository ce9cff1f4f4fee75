#pragma once

#include <QtPlugin>

class QObject;
class QString;
class QSystemTrayIcon;
class QWidget;

namespace twofold {
class Clock;
}

namespace twofold::ui {

// Sign-in approvals on this desktop (ARCHITECTURE.md, "Push"), as the authenticator sees them.
// They live in the twofold_push plugin, loaded only once this desktop has been activated with a
// server (or is being activated), so that the authenticator alone never loads QtNetwork.
class PushService
{
public:
    virtual ~PushService() = default;
    // Enrolls this desktop with the server named in a twofold://activate link; says how it went.
    virtual void activate(const QString &link) = 0;
    // The servers this desktop is enrolled with, their status, and the last requests.
    virtual void showDevices() = 0;
};

class PushServiceFactory
{
public:
    virtual ~PushServiceFactory() = default;
    // dataDir holds the enrollments (no secrets: each device's key is in the OS keychain).
    // window is where dialogs belong; tray, when there is one, shows a notification per request.
    virtual PushService *createPushService(const Clock &clock, const QString &dataDir,
                                           QWidget *window, QSystemTrayIcon *tray, QObject *parent)
        = 0;
};

} // namespace twofold::ui

Q_DECLARE_INTERFACE(twofold::ui::PushServiceFactory, "org.twofold.PushServiceFactory/1")
