#include "authenticator/screenlockwatcher.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

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
    // logind signals on the session's own object path ("auto" only works for calls), so ask
    // which path is ours, without blocking start-up on the system bus.
    QDBusConnection system = QDBusConnection::systemBus();
    if (!system.isConnected())
        return;
    QDBusMessage call
        = QDBusMessage::createMethodCall(u"org.freedesktop.login1"_s, u"/org/freedesktop/login1"_s,
                                         u"org.freedesktop.login1.Manager"_s, u"GetSessionByPID"_s);
    call << quint32(QCoreApplication::applicationPid());
    auto *watcher = new QDBusPendingCallWatcher(system.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        const QDBusPendingReply<QDBusObjectPath> reply = *w;
        w->deleteLater();
        if (reply.isError())
            return; // no logind (or no session): the session-bus signals still work
        QDBusConnection::systemBus().connect(u"org.freedesktop.login1"_s, reply.value().path(),
                                             u"org.freedesktop.login1.Session"_s, u"Lock"_s, this,
                                             SLOT(onSessionLock()));
    });
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
