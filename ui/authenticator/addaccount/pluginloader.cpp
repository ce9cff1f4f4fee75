#include "authenticator/addaccount/pluginloader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPluginLoader>

using namespace Qt::StringLiterals;

namespace twofold::ui::PluginLoader {

QStringList searchPaths()
{
    QStringList dirs;
    if (const QString dir = qEnvironmentVariable("TWOFOLD_PLUGIN_DIR"); !dir.isEmpty())
        dirs << dir;
    const QString app = QCoreApplication::applicationDirPath();
    dirs << app << QDir::cleanPath(app + u'/' + QStringLiteral(TWOFOLD_PLUGIN_RELATIVE_DIR));
    return dirs;
}

QObject *load(const QString &fileName, QString *error)
{
    for (const QString &dir : searchPaths()) {
        const QString path = QDir(dir).filePath(fileName);
        if (!QFileInfo::exists(path))
            continue;
        // Never unloaded: Qt modules keep threads and registrations for the process's life.
        auto *loader = new QPluginLoader(path, qApp);
        if (QObject *root = loader->instance())
            return root;
        *error = loader->errorString();
        delete loader;
        return nullptr;
    }
    *error = u"%1 was not found in %2"_s.arg(fileName, searchPaths().join(u", "_s));
    return nullptr;
}

} // namespace twofold::ui::PluginLoader
