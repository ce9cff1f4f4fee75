#include "authenticator/addaccount/camerascanner.h"

#include "authenticator/addaccount/framedecoder.h"
#include "authenticator/addaccount/videopreview.h"

#include <QCamera>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace twofold::ui {

CameraScanner::CameraScanner(QWidget *parent)
    : QWidget(parent)
    , m_decoder(new FrameDecoder(this))
    , m_cameraBox(new QComboBox(this))
    , m_mirror(new QCheckBox(tr("&Mirror the picture"), this))
    , m_preview(new VideoPreview(this))
    , m_status(new QLabel(this))
{
    auto *cameraLabel = new QLabel(tr("C&amera:"), this);
    cameraLabel->setBuddy(m_cameraBox);
    m_cameraBox->setAccessibleName(tr("Camera"));
    m_cameraBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_cameraBox->setMinimumContentsLength(16);
    m_mirror->setAccessibleName(tr("Mirror the picture"));
    m_mirror->setToolTip(tr("Show the picture as a mirror does, which makes it easier to aim "
                            "a front camera. Scanning works either way."));
    m_preview->setAccessibleName(tr("Camera picture"));
    m_preview->setPlaceholderText(tr("Hold the QR code up to the camera."));
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Scanner status"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QHBoxLayout;
    top->addWidget(cameraLabel);
    top->addWidget(m_cameraBox, 1);
    top->addWidget(m_mirror);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addLayout(top);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_status);

    m_session.setVideoSink(&m_sink);
    m_decoder->setVideoSink(&m_sink);
    connect(&m_sink, &QVideoSink::videoFrameChanged, m_preview, &VideoPreview::setFrame);
    connect(m_mirror, &QCheckBox::toggled, m_preview, &VideoPreview::setMirrored);
    connect(m_decoder, &FrameDecoder::accountCodeFound, this, &CameraScanner::onCodeFound);
    connect(m_decoder, &FrameDecoder::otherCodeFound, this,
            [this](const QString &, const QString &reason) {
                setStatus(reason + u' ' + tr("Keep looking for the account's code."));
            });
    connect(&m_devices, &QMediaDevices::videoInputsChanged, this, &CameraScanner::updateCameras);
    connect(m_cameraBox, &QComboBox::activated, this, [this](int index) {
        if (m_wanted)
            openCamera(index);
    });
    updateCameras();
}

CameraScanner::~CameraScanner()
{
    // The session must let go of the camera before the camera is destroyed.
    m_session.setCamera(nullptr);
}

void CameraScanner::updateCameras()
{
    const QByteArray current
        = m_cameraBox->currentIndex() >= 0 && m_cameraBox->currentIndex() < m_cameras.size()
        ? m_cameras.at(m_cameraBox->currentIndex()).id()
        : QByteArray();
    m_cameras = QMediaDevices::videoInputs();
    m_cameraBox->clear();
    int select = 0;
    const QCameraDevice preferred = QMediaDevices::defaultVideoInput();
    for (qsizetype i = 0; i < m_cameras.size(); ++i) {
        m_cameraBox->addItem(m_cameras.at(i).description());
        if (m_cameras.at(i).id() == current
            || (current.isEmpty() && m_cameras.at(i).id() == preferred.id()))
            select = int(i);
    }
    m_cameraBox->setEnabled(hasCamera());
    m_mirror->setEnabled(hasCamera());
    if (!hasCamera()) {
        m_camera.reset();
        const QString none = tr("No camera found. Add the account from an image, the screen or "
                                "by typing the key.");
        m_preview->clear();
        m_preview->setPlaceholderText(none);
        m_cameraBox->addItem(tr("No camera"));
        setStatus(none);
        m_status->hide(); // the preview already says it, in large
        return;
    }
    m_preview->setPlaceholderText(tr("Hold the QR code up to the camera."));
    m_status->show();
    m_cameraBox->setCurrentIndex(select);
    if (m_wanted && (!m_camera || m_camera->cameraDevice().id() != m_cameras.at(select).id()))
        openCamera(select);
}

void CameraScanner::start()
{
    m_wanted = true;
    if (!hasCamera()) {
        updateCameras(); // repeats the message
        return;
    }
    openCamera(m_cameraBox->currentIndex());
}

void CameraScanner::stop()
{
    m_wanted = false;
    m_decoder->stop();
    if (m_camera)
        m_camera->stop();
}

bool CameraScanner::isScanning() const
{
    return m_decoder->isActive();
}

QString CameraScanner::statusText() const
{
    return m_status->text();
}

void CameraScanner::scanVideoSink()
{
    m_status->show();
    setStatus(tr("Looking for a QR code…"));
    m_decoder->start();
}

void CameraScanner::openCamera(int index)
{
    if (index < 0 || index >= m_cameras.size())
        return;
    m_session.setCamera(nullptr);
    m_camera = std::make_unique<QCamera>(m_cameras.at(index));
    connect(m_camera.get(), &QCamera::errorOccurred, this,
            [this](QCamera::Error error, const QString &detail) {
                if (error == QCamera::NoError)
                    return;
                m_decoder->stop();
                setStatus(tr("The camera could not be used: %1. Check that no other program is "
                             "using it and that Twofold is allowed to use the camera, or add the "
                             "account from an image or the screen.")
                              .arg(detail.isEmpty() ? tr("unknown error") : detail));
            });
    m_session.setCamera(m_camera.get());
    m_preview->clear();
    setStatus(tr("Hold the QR code up to the camera."));
    m_decoder->start();
    m_camera->start();
}

void CameraScanner::onCodeFound(const QString &payload)
{
    if (m_camera)
        m_camera->stop();
    m_wanted = false;
    setStatus(tr("Found an account code."));
    Q_EMIT codeFound(payload);
}

void CameraScanner::setStatus(const QString &text)
{
    m_status->setText(text);
}

void CameraScanner::hideEvent(QHideEvent *event)
{
    // A hidden scanner should not keep the camera light on.
    stop();
    QWidget::hideEvent(event);
}

} // namespace twofold::ui
