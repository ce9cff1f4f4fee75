#include "authenticator/screenlockwatcher.h"

#include <QDBusConnection>

using namespace Qt::StringLiterals;

namespace twofold::ui {

ScreenLockWatcher::ScreenLockWatcher(QObject *parent)
    : QObject(parent)
{
    QDBusConnection session = QDBusConnection::sessionBus();
    if (session.isConnected()) {
        session.connect(QString(), u"/org/freedesktop/ScreenSaver"_s,
                        u"org.freedesktop.ScreenSaver"_s, u"ActiveChanged"_s, this,
                        SLOT(onActiveChanged(bool)));
        session.connect(QString(), u"/org/gnome/ScreenSaver"_s, u"org.gnome.ScreenSaver"_s,
                        u"ActiveChanged"_s, this, SLOT(onActiveChanged(bool)));
    }
    QDBusConnection system = QDBusConnection::systemBus();
    if (system.isConnected()) {
        system.connect(u"org.freedesktop.login1"_s, u"/org/freedesktop/login1/session/auto"_s,
                       u"org.freedesktop.login1.Session"_s, u"Lock"_s, this, SLOT(onSessionLock()));
    }
}

void ScreenLockWatcher::onActiveChanged(bool active)
{
    if (active)
        emit screenLocked();
}

void ScreenLockWatcher::onSessionLock()
{
    emit screenLocked();
}

} // namespace twofold::ui
