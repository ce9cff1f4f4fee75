#pragma once

#include "admin/adminmodefactory.h"

#include <QObject>

namespace twofold::ui {

// The root object of the twofold_admin plugin.
class AdminPlugin final : public QObject, public AdminModeFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.twofold.AdminModeFactory/1")
    Q_INTERFACES(twofold::ui::AdminModeFactory)
    Q_DISABLE_COPY_MOVE(AdminPlugin)

public:
    AdminPlugin() = default;

    QObject *startAdminMode(const Clock &clock, bool localServer, QObject *parent) override;
};

} // namespace twofold::ui
