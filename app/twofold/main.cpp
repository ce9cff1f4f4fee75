#include "admin/adminmodefactory.h"
#include "authenticator/addaccount/pluginloader.h"
#include "authenticator/appearance.h"
#include "authenticator/mainwindow.h"
#include "authenticator/settings.h"
#include "authenticator/singleinstance.h"
#include "authenticator/vaultsession.h"
#include "clock.h"

#include <QApplication>
#include <QCommandLineParser>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"twofold"_s);
    QApplication::setApplicationDisplayName(u"Twofold"_s);
    QApplication::setOrganizationName(u"Twofold"_s);
    QApplication::setApplicationVersion(QStringLiteral(TWOFOLD_VERSION));
    QApplication::setDesktopFileName(u"org.twofold.Twofold"_s);

    using twofold::ui::Settings;
    Settings settings;
    twofold::ui::applyLanguage(settings.value(Settings::Key::Language).toString());
    twofold::ui::applyTheme(settings.value(Settings::Key::Theme).toString());

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Twofold: one-time codes for your accounts, and the console for administrators."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption admin(
        u"admin"_s,
        QApplication::translate("main",
                                "Open admin mode: the console for helpdesk staff "
                                "and administrators of a twofold-server."));
    const QCommandLineOption localServer(
        u"local-server"_s,
        QApplication::translate("main",
                                "With --admin: start a twofold-server for evaluation on "
                                "this computer and sign in to it."));
    parser.addOptions({ admin, localServer });
    parser.process(app);

    const twofold::SystemClock clock;
    if (parser.isSet(admin) || parser.isSet(localServer)) {
        QString error;
        auto *factory = qobject_cast<twofold::ui::AdminModeFactory *>(
            twofold::ui::PluginLoader::load(QStringLiteral(TWOFOLD_ADMIN_PLUGIN_FILE), &error));
        if (!factory) {
            qCritical("Admin mode is not installed: %s", qPrintable(error));
            return 1;
        }
        factory->startAdminMode(clock, parser.isSet(localServer), &app);
        return QApplication::exec();
    }

    const QString vaultPath = twofold::ui::VaultSession::defaultPath();
    twofold::ui::SingleInstance instance(vaultPath);
    if (!instance.claim())
        return 0; // the running one raises its window

    twofold::ui::MainWindow window(clock, settings, vaultPath);
    QObject::connect(&instance, &twofold::ui::SingleInstance::raiseRequested, &window,
                     &twofold::ui::MainWindow::raiseWindow);
    window.start();
    if (!window.startsInTray())
        window.show();
    return QApplication::exec();
}
