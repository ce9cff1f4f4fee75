#pragma once

#include "authenticator/addaccount/webcamscanner.h"

#include <QObject>

namespace twofold::ui {

// The root object of the twofold_webcam plugin: makes CameraScanners.
class WebcamPlugin final : public QObject, public WebcamScannerFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.twofold.WebcamScannerFactory/1")
    Q_INTERFACES(twofold::ui::WebcamScannerFactory)
    Q_DISABLE_COPY_MOVE(WebcamPlugin)

public:
    WebcamPlugin() = default;

    WebcamScanner *createScanner(QWidget *parent,
                                 std::function<void(const QString &)> onCodeFound) override;
};

} // namespace twofold::ui
