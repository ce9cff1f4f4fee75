#pragma once

#include <QObject>

namespace twofold::ui {

// Reports when the desktop locks the screen: org.freedesktop.ScreenSaver and
// org.gnome.ScreenSaver ActiveChanged on the session bus, and logind's Lock on the system bus.
// Desktops that report none of these simply never emit.
class ScreenLockWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit ScreenLockWatcher(QObject *parent = nullptr);

signals:
    void screenLocked();

private slots:
    // QtDBus connects to slots by signature only.
    void onActiveChanged(bool active);
    void onSessionLock();
};

} // namespace twofold::ui
