#include "authenticator/addaccount/webcampluginloader.h"

#include "authenticator/addaccount/webcamscanner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPluginLoader>

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

QStringList WebcamPluginLoader::searchPaths()
{
    QStringList dirs;
    if (const QString dir = qEnvironmentVariable("TWOFOLD_PLUGIN_DIR"); !dir.isEmpty())
        dirs << dir;
    const QString app = QCoreApplication::applicationDirPath();
    dirs << app << QDir::cleanPath(app + u'/' + QStringLiteral(TWOFOLD_PLUGIN_RELATIVE_DIR));
    return dirs;
}

WebcamScannerFactory *WebcamPluginLoader::factory()
{
    LoadState &state = loadState();
    if (state.factory)
        return state.factory;
    state.error.clear();
    for (const QString &dir : searchPaths()) {
        const QString path = QDir(dir).filePath(QStringLiteral(TWOFOLD_WEBCAM_PLUGIN_FILE));
        if (!QFileInfo::exists(path))
            continue;
        // Never unloaded: Qt Multimedia keeps threads and registrations for the process's life.
        auto *loader = new QPluginLoader(path, qApp);
        if (auto *factory = qobject_cast<WebcamScannerFactory *>(loader->instance())) {
            state.factory = factory;
            return factory;
        }
        state.error = loader->isLoaded() ? u"%1 is not a Twofold webcam plugin"_s.arg(path)
                                         : loader->errorString();
        delete loader;
        return nullptr;
    }
    state.error = u"%1 was not found in %2"_s.arg(QStringLiteral(TWOFOLD_WEBCAM_PLUGIN_FILE),
                                                  searchPaths().join(u", "_s));
    return nullptr;
}

QString WebcamPluginLoader::errorString()
{
    return loadState().error;
}

} // namespace twofold::ui
