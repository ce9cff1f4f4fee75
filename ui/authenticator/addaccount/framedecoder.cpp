#include "authenticator/addaccount/framedecoder.h"

#include "authenticator/addaccount/accountcode.h"
#include "qr/qrdecoder.h"

#include <QVideoSink>

namespace twofold::ui {

namespace {

// Formats whose plane 0 is an 8-bit luma plane, one byte per pixel.
bool hasLumaPlane(QVideoFrameFormat::PixelFormat format)
{
    switch (format) {
    case QVideoFrameFormat::Format_YUV420P:
    case QVideoFrameFormat::Format_YUV422P:
    case QVideoFrameFormat::Format_YV12:
    case QVideoFrameFormat::Format_NV12:
    case QVideoFrameFormat::Format_NV21:
    case QVideoFrameFormat::Format_IMC1:
    case QVideoFrameFormat::Format_IMC2:
    case QVideoFrameFormat::Format_IMC3:
    case QVideoFrameFormat::Format_IMC4:
    case QVideoFrameFormat::Format_Y8:
        return true;
    default:
        return false;
    }
}

} // namespace

FrameDecoder::FrameDecoder(QObject *parent)
    : QObject(parent)
{
    // One worker: a second would only decode a near-identical frame.
    m_pool.setMaxThreadCount(1);
}

FrameDecoder::~FrameDecoder()
{
    m_pool.waitForDone();
}

void FrameDecoder::setVideoSink(QVideoSink *sink)
{
    disconnect(m_sinkConnection);
    m_sink = sink;
    if (sink)
        m_sinkConnection
            = connect(sink, &QVideoSink::videoFrameChanged, this, &FrameDecoder::offerFrame);
}

void FrameDecoder::start()
{
    m_active = true;
    m_lastOther.clear();
}

void FrameDecoder::stop()
{
    m_active = false;
}

void FrameDecoder::offerFrame(const QVideoFrame &frame)
{
    if (!m_active || !frame.isValid())
        return;
    ++m_offered;
    if (m_busy.exchange(true)) {
        ++m_dropped;
        return;
    }
    m_pool.start([this, frame] {
        const QStringList payloads = decodeFrame(frame);
        m_busy = false;
        // Queued to this object: dropped by Qt if it is destroyed first (the destructor waits
        // for this job, so the object is still alive while the event is posted).
        QMetaObject::invokeMethod(
            this, [this, payloads] { onDecoded(payloads); }, Qt::QueuedConnection);
    });
}

QStringList FrameDecoder::decodeFrame(const QVideoFrame &frame)
{
    if (hasLumaPlane(frame.pixelFormat())) {
        QVideoFrame mapped = frame; // shallow; map() needs a non-const frame
        if (mapped.map(QVideoFrame::ReadOnly)) {
            const QStringList found = QrDecoder::decodeLuma(
                mapped.bits(0), mapped.width(), mapped.height(), mapped.bytesPerLine(0));
            mapped.unmap();
            return found;
        }
    }
    const QImage image = frame.toImage();
    return image.isNull() ? QStringList() : QrDecoder::decode(image);
}

void FrameDecoder::onDecoded(const QStringList &payloads)
{
    ++m_decoded;
    if (!m_active)
        return;
    for (const QString &payload : payloads) {
        if (AccountCode::looksLikeAccountCode(payload)) {
            m_active = false;
            Q_EMIT accountCodeFound(payload);
            return;
        }
    }
    // The same wrong code is seen in every frame; report it once.
    if (!payloads.isEmpty() && payloads.first() != m_lastOther) {
        m_lastOther = payloads.first();
        auto parsed = AccountCode::parse(m_lastOther);
        Q_EMIT otherCodeFound(m_lastOther, parsed ? QString() : parsed.error().message);
    }
}

} // namespace twofold::ui
