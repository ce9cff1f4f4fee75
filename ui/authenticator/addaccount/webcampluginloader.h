#pragma once

#include <QString>
#include <QStringList>

namespace twofold::ui {

class WebcamScannerFactory;

// Loads the webcam plugin (twofold_webcam) the first time a camera is wanted, so that Qt
// Multimedia is not loaded at start. Looks in $TWOFOLD_PLUGIN_DIR, then next to the program,
// then in the installed plugin folder. Once loaded, the plugin stays loaded.
class WebcamPluginLoader final
{
public:
    // nullptr when the plugin could not be loaded; errorString() then says why.
    static WebcamScannerFactory *factory();
    static QString errorString();
    static QStringList searchPaths();
};

} // namespace twofold::ui
