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

namespace {

struct Options
{
    QCommandLineOption admin { u"admin"_s,
                               QCoreApplication::translate(
                                   "main",
                                   "Open admin mode: the console for helpdesk staff and "
                                   "administrators of a twofold-server.") };
    QCommandLineOption localServer { u"local-server"_s,
                                     QCoreApplication::translate(
                                         "main",
                                         "Start a twofold-server for evaluation on "
                                         "this computer and open admin mode signed in "
                                         "to it (implies --admin).") };
};

void describe(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Twofold: one-time codes for your accounts, and the console for administrators."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({ options.admin, options.localServer });
    parser.addPositionalArgument(
        u"link"_s,
        QCoreApplication::translate("main",
                                    "A twofold://activate link to turn on sign-in approvals "
                                    "(what a clicked activation link passes)."),
        u"[link]"_s);
}

// --help and --version print and exit without a display, as packaging checks and scripts run.
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version"
            || arg == "-v")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(u"twofold"_s);
    QCoreApplication::setOrganizationName(u"Twofold"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TWOFOLD_VERSION));
    if (onlyPrints(argc, argv)) {
        QCoreApplication core(argc, argv);
        twofold::ui::applyLanguage(
            twofold::ui::Settings().value(twofold::ui::Settings::Key::Language).toString());
        QCommandLineParser parser;
        const Options options;
        describe(parser, options);
        parser.process(core); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"Twofold"_s);
    QApplication::setDesktopFileName(u"org.twofold.Twofold"_s);

    using twofold::ui::Settings;
    Settings settings;
    twofold::ui::applyLanguage(settings.value(Settings::Key::Language).toString());
    twofold::ui::applyTheme(settings.value(Settings::Key::Theme).toString());

    QCommandLineParser parser;
    const Options options;
    describe(parser, options);
    parser.process(app);
    const QCommandLineOption &admin = options.admin;
    const QCommandLineOption &localServer = options.localServer;

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
    const QString link = parser.positionalArguments().value(0);
    if (!instance.claim(link))
        return 0; // the running one raises its window and opens the link

    twofold::ui::MainWindow window(clock, settings, vaultPath);
    QObject::connect(&instance, &twofold::ui::SingleInstance::raiseRequested, &window,
                     &twofold::ui::MainWindow::raiseWindow);
    QObject::connect(&instance, &twofold::ui::SingleInstance::openRequested, &window,
                     &twofold::ui::MainWindow::openLink);
    window.start();
    if (!link.isEmpty())
        window.openLink(link);
    if (!window.startsInTray())
        window.show();
    return QApplication::exec();
}
