#pragma once

#include <QString>

namespace twofold::ui {

class WebcamScannerFactory;

// Loads the webcam plugin (twofold_webcam) the first time a camera is wanted, so that Qt
// Multimedia is not loaded at start (see PluginLoader for where it looks).
class WebcamPluginLoader final
{
public:
    // nullptr when the plugin could not be loaded; errorString() then says why.
    static WebcamScannerFactory *factory();
    static QString errorString();
};

} // namespace twofold::ui
