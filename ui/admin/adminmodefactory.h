#pragma once

#include <QtPlugin>

class QObject;

namespace twofold {
class Clock;
}

namespace twofold::ui {

// What the twofold_admin plugin offers the app. Admin mode is a plugin so that the authenticator,
// which most people run all day, never loads QtNetwork and Qt Print Support.
class AdminModeFactory
{
public:
    virtual ~AdminModeFactory() = default;
    // Opens the sign-in dialog (starting the local evaluation server first if asked); the
    // returned object runs admin mode until the application quits.
    virtual QObject *startAdminMode(const Clock &clock, bool localServer, QObject *parent) = 0;
};

} // namespace twofold::ui

Q_DECLARE_INTERFACE(twofold::ui::AdminModeFactory, "org.twofold.AdminModeFactory/1")
