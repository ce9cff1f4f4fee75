#include "authenticator/addaccount/webcampluginloader.h"

#include "authenticator/addaccount/pluginloader.h"
#include "authenticator/addaccount/webcamscanner.h"

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

struct LoadState
{
    WebcamScannerFactory *factory = nullptr;
    QString error;
};

LoadState &loadState()
{
    static LoadState state;
    return state;
}

} // namespace

WebcamScannerFactory *WebcamPluginLoader::factory()
{
    LoadState &state = loadState();
    if (state.factory)
        return state.factory;
    state.error.clear();
    QObject *root = PluginLoader::load(QStringLiteral(TWOFOLD_WEBCAM_PLUGIN_FILE), &state.error);
    state.factory = qobject_cast<WebcamScannerFactory *>(root);
    if (root && !state.factory)
        state.error = u"%1 is not a Twofold webcam plugin"_s.arg(
            QStringLiteral(TWOFOLD_WEBCAM_PLUGIN_FILE));
    return state.factory;
}

QString WebcamPluginLoader::errorString()
{
    return loadState().error;
}

} // namespace twofold::ui
