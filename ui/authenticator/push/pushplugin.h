#pragma once

#include "authenticator/push/pushservice.h"

#include <QObject>

namespace twofold::ui {

// The root object of the twofold_push plugin.
class PushPlugin final : public QObject, public PushServiceFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.twofold.PushServiceFactory/1")
    Q_INTERFACES(twofold::ui::PushServiceFactory)
    Q_DISABLE_COPY_MOVE(PushPlugin)

public:
    PushPlugin() = default;

    PushService *createPushService(const Clock &clock, const QString &dataDir, QWidget *window,
                                   QSystemTrayIcon *tray, QObject *parent) override;
};

} // namespace twofold::ui
