#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThreadPool>
#include <QVideoFrame>

#include <atomic>

QT_BEGIN_NAMESPACE
class QVideoSink;
QT_END_NAMESPACE

namespace twofold::ui {

// Looks for an account QR code in a stream of video frames, camera or file alike. Frames are
// decoded on a worker thread; while it is busy, new frames are dropped rather than queued, so
// the preview never lags behind. Stops at the first otpauth or migration code.
class FrameDecoder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FrameDecoder)

public:
    explicit FrameDecoder(QObject *parent = nullptr);
    ~FrameDecoder() override; // waits for a frame still being decoded

    // Follows the sink's frames; nullptr detaches.
    void setVideoSink(QVideoSink *sink);

    // Starts looking (again); frames are ignored while inactive.
    void start();
    void stop();
    bool isActive() const { return m_active; }

    // Offers one frame: decoded when the worker is free, dropped otherwise.
    void offerFrame(const QVideoFrame &frame);

    int framesOffered() const { return m_offered; }
    int framesDecoded() const { return m_decoded; }
    int framesDropped() const { return m_dropped; }

    // Decodes one frame, straight from its luma plane when it has one (respecting the row
    // stride), otherwise from its RGB conversion. Thread-safe.
    static QStringList decodeFrame(const QVideoFrame &frame);

Q_SIGNALS:
    // The first payload that is an account code (it may still fail to parse; the receiver
    // reports that). Decoding stops.
    void accountCodeFound(const QString &payload);
    // A QR code that is not an account code; reason says what it holds instead.
    void otherCodeFound(const QString &payload, const QString &reason);

private:
    void onDecoded(const QStringList &payloads);

    QThreadPool m_pool;
    QPointer<QVideoSink> m_sink;
    QMetaObject::Connection m_sinkConnection;
    std::atomic_bool m_busy = false;
    bool m_active = false;
    int m_offered = 0;
    int m_decoded = 0;
    int m_dropped = 0;
    QString m_lastOther;
};

} // namespace twofold::ui
