#pragma once

#include <QObject>

QT_BEGIN_NAMESPACE
class QLocalServer;
QT_END_NAMESPACE

namespace twofold::ui {

// One running app per user (and data folder): a second launch asks the first to raise its
// window and then quits. On desktops with a D-Bus session bus, the running app owns a bus name
// (the bus frees it if the app dies); elsewhere it listens on a local socket.
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.twofold.Twofold.Instance")
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    explicit SingleInstance(const QString &dataPath, QObject *parent = nullptr);
    ~SingleInstance() override;

    // True when this is the only instance (and now listens); false when another one was told:
    // to raise its window, and to open link when there is one (a clicked twofold:// link).
    bool claim(const QString &link = {});
    // The D-Bus service or local socket name, the same for every launch on this data folder.
    QString serverName() const { return m_name; }

public Q_SLOTS:
    // Called over D-Bus by a second launch.
    Q_SCRIPTABLE void raise();
    Q_SCRIPTABLE void open(const QString &link);

Q_SIGNALS:
    void raiseRequested();
    void openRequested(const QString &link);

private:
    QString m_name;
#ifdef TWOFOLD_SINGLE_INSTANCE_DBUS
    bool m_claimed = false;
#else
    QLocalServer *m_server = nullptr;
#endif
};

} // namespace twofold::ui
