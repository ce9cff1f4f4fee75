#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

namespace twofold::ui {

// The desktop app's preferences: one enum of keys, their names and defaults in one table
// (settings.cpp), stored through QSettings.
class Settings final
{
public:
    enum class Key {
        ClipboardClearSeconds, // 0: never clear
        AutoLockMinutes, // 0: never lock when idle
        LockOnScreenLock,
        ShowTrayIcon,
        StartMinimised,
        Language, // "" follows the system; "en", "nl"
        Theme, // "system", "light", "dark"
        SortMode, // AccountFilterModel::SortMode as int
        WindowGeometry,
    };

    Settings(); // the application's QSettings
    explicit Settings(const QString &iniFile); // tests

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    static QVariant defaultValue(Key key);
    static QString name(Key key);

    int clipboardClearSeconds() const { return value(Key::ClipboardClearSeconds).toInt(); }
    int autoLockMinutes() const { return value(Key::AutoLockMinutes).toInt(); }

private:
    Q_DISABLE_COPY_MOVE(Settings)
    QSettings m_settings;
};

} // namespace twofold::ui
