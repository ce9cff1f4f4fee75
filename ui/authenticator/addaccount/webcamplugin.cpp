#include "authenticator/addaccount/webcamplugin.h"

#include "authenticator/addaccount/camerascanner.h"

namespace twofold::ui {

WebcamScanner *WebcamPlugin::createScanner(QWidget *parent,
                                           std::function<void(const QString &)> onCodeFound)
{
    auto *scanner = new CameraScanner(parent);
    connect(scanner, &CameraScanner::codeFound, scanner, std::move(onCodeFound));
    return scanner;
}

} // namespace twofold::ui
