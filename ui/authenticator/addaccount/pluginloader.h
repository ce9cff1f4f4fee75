#pragma once

#include <QString>
#include <QStringList>

class QObject;

namespace twofold::ui {

// Loads one of the app's plugins (the webcam scanner, admin mode), which keep their Qt modules out
// of the process until they are wanted. Looks in $TWOFOLD_PLUGIN_DIR, then next to the program,
// then in the installed plugin folder. A loaded plugin stays loaded.
namespace PluginLoader {

QStringList searchPaths();
// The plugin's root object, or nullptr with *error saying why.
QObject *load(const QString &fileName, QString *error);

} // namespace PluginLoader

} // namespace twofold::ui
