#include "authenticator/settings.h"

#include <QByteArray>

#include <array>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

struct Entry
{
    Settings::Key key;
    QLatin1StringView name;
    QVariant (*fallback)();
};

// The one table of keys and defaults.
const std::array entries {
    Entry { Settings::Key::ClipboardClearSeconds, "Clipboard/ClearSeconds"_L1,
            [] { return QVariant(30); } },
    Entry { Settings::Key::AutoLockMinutes, "Security/AutoLockMinutes"_L1,
            [] { return QVariant(5); } },
    Entry { Settings::Key::LockOnScreenLock, "Security/LockOnScreenLock"_L1,
            [] { return QVariant(true); } },
    Entry { Settings::Key::ShowTrayIcon, "Window/ShowTrayIcon"_L1, [] { return QVariant(true); } },
    Entry { Settings::Key::StartMinimised, "Window/StartMinimised"_L1,
            [] { return QVariant(false); } },
    Entry { Settings::Key::Language, "Appearance/Language"_L1, [] { return QVariant(QString()); } },
    Entry { Settings::Key::Theme, "Appearance/Theme"_L1, [] { return QVariant(u"system"_s); } },
    Entry { Settings::Key::SortMode, "List/SortMode"_L1, [] { return QVariant(0); } },
    Entry { Settings::Key::WindowGeometry, "Window/Geometry"_L1,
            [] { return QVariant(QByteArray()); } },
};

const Entry &entry(Settings::Key key)
{
    for (const Entry &e : entries) {
        if (e.key == key)
            return e;
    }
    Q_UNREACHABLE();
    return entries.front();
}

} // namespace

Settings::Settings() = default;

Settings::Settings(const QString &iniFile)
    : m_settings(iniFile, QSettings::IniFormat)
{
}

QVariant Settings::value(Key key) const
{
    const Entry &e = entry(key);
    return m_settings.value(QString(e.name), e.fallback());
}

void Settings::setValue(Key key, const QVariant &value)
{
    m_settings.setValue(QString(entry(key).name), value);
}

QVariant Settings::defaultValue(Key key)
{
    return entry(key).fallback();
}

QString Settings::name(Key key)
{
    return QString(entry(key).name);
}

} // namespace twofold::ui
