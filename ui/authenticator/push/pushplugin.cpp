#include "authenticator/push/pushplugin.h"

#include "authenticator/push/pushcenter.h"

namespace twofold::ui {

PushService *PushPlugin::createPushService(const Clock &clock, const QString &dataDir,
                                           QWidget *window, QSystemTrayIcon *tray, QObject *parent)
{
    return new PushCenter(clock, dataDir, window, tray, parent);
}

} // namespace twofold::ui
