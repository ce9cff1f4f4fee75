#include "admin/adminplugin.h"

#include "admin/adminmode.h"

namespace twofold::ui {

QObject *AdminPlugin::startAdminMode(const Clock &clock, bool localServer, QObject *parent)
{
    auto *mode = new AdminMode(clock, parent);
    mode->start(localServer);
    return mode;
}

} // namespace twofold::ui
