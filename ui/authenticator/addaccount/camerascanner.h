#pragma once

#include "authenticator/addaccount/webcamscanner.h"

#include <QCameraDevice>
#include <QMediaCaptureSession>
#include <QMediaDevices>
#include <QVideoSink>
#include <QWidget>

#include <memory>

QT_BEGIN_NAMESPACE
class QCamera;
class QCheckBox;
class QComboBox;
class QLabel;
QT_END_NAMESPACE

namespace twofold::ui {

class FrameDecoder;
class VideoPreview;

// Scans an account QR code with a webcam: a camera picker, a live preview (mirror optional)
// and a status line. Frames go to a FrameDecoder; the camera stops at the first account code.
// Built into the webcam plugin (WebcamPlugin); the app sees it as a WebcamScanner.
class CameraScanner final : public QWidget, public WebcamScanner
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CameraScanner)

public:
    explicit CameraScanner(QWidget *parent = nullptr);
    ~CameraScanner() override;

    QWidget *widget() override { return this; }
    // Opens the chosen camera and starts looking; says so plainly when there is no camera.
    void start() override;
    void stop() override;
    bool isScanning() const;

    bool hasCamera() const { return !m_cameras.isEmpty(); }
    QString statusText() const;

    // Where frames come in. A camera feeds it while scanning; tests play a video into it.
    QVideoSink *videoSink() { return &m_sink; }
    FrameDecoder *frameDecoder() const { return m_decoder; }
    VideoPreview *preview() const { return m_preview; }

    // Starts decoding the sink's frames without a camera (a video played into videoSink()).
    void scanVideoSink();

Q_SIGNALS:
    // The first account code seen (otpauth:// or otpauth-migration://); scanning has stopped.
    void codeFound(const QString &payload);

protected:
    void hideEvent(QHideEvent *event) override;

private:
    void updateCameras();
    void openCamera(int index);
    void setStatus(const QString &text);
    void onCodeFound(const QString &payload);

    QMediaDevices m_devices;
    QList<QCameraDevice> m_cameras;
    QMediaCaptureSession m_session;
    QVideoSink m_sink;
    std::unique_ptr<QCamera> m_camera;
    FrameDecoder *m_decoder = nullptr;
    QComboBox *m_cameraBox = nullptr;
    QCheckBox *m_mirror = nullptr;
    VideoPreview *m_preview = nullptr;
    QLabel *m_status = nullptr;
    bool m_wanted = false; // start() called and not stopped
};

} // namespace twofold::ui
