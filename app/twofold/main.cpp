#include "authenticator/appearance.h"
#include "authenticator/mainwindow.h"
#include "authenticator/settings.h"
#include "authenticator/singleinstance.h"
#include "authenticator/vaultsession.h"
#include "clock.h"

#include <QApplication>

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

    const QString vaultPath = twofold::ui::VaultSession::defaultPath();
    twofold::ui::SingleInstance instance(vaultPath);
    if (!instance.claim())
        return 0; // the running one raises its window

    const twofold::SystemClock clock;
    twofold::ui::MainWindow window(clock, settings, vaultPath);
    QObject::connect(&instance, &twofold::ui::SingleInstance::raiseRequested, &window,
                     &twofold::ui::MainWindow::raiseWindow);
    window.start();
    if (!window.startsInTray())
        window.show();
    return QApplication::exec();
}
