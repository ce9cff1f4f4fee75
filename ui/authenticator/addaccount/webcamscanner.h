#pragma once

#include <QtPlugin>

#include <functional>

QT_BEGIN_NAMESPACE
class QString;
class QWidget;
QT_END_NAMESPACE

namespace twofold::ui {

// The webcam scanner as the add-account dialog sees it. It lives in a plugin (WebcamPlugin)
// so that Qt Multimedia, and the sound and video libraries it loads, cost nothing until a
// camera is wanted.
class WebcamScanner
{
public:
    virtual ~WebcamScanner() = default;

    virtual QWidget *widget() = 0; // the camera picker, preview and status line
    virtual void start() = 0; // opens the chosen camera, or says that there is none
    virtual void stop() = 0;
};

// What the plugin's root object implements.
class WebcamScannerFactory
{
public:
    virtual ~WebcamScannerFactory() = default;

    // A scanner whose widget is a child of parent (and deleted with it); onCodeFound gets the
    // first account code seen (otpauth:// or otpauth-migration://).
    virtual WebcamScanner *createScanner(QWidget *parent,
                                         std::function<void(const QString &)> onCodeFound)
        = 0;
};

} // namespace twofold::ui

// The same IID is in WebcamPlugin's Q_PLUGIN_METADATA; change both when the interface changes.
Q_DECLARE_INTERFACE(twofold::ui::WebcamScannerFactory, "org.twofold.WebcamScannerFactory/1")
