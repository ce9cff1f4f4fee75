#include "authenticator/addaccount/videopreview.h"

#include <QPainter>

namespace twofold::ui {

VideoPreview::VideoPreview(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(240, 180);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void VideoPreview::setFrame(const QVideoFrame &frame)
{
    m_frame = frame;
    update();
}

void VideoPreview::clear()
{
    m_frame = {};
    m_image = {};
    update();
}

void VideoPreview::setMirrored(bool mirrored)
{
    m_mirrored = mirrored;
    update();
}

void VideoPreview::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    update();
}

QSize VideoPreview::sizeHint() const
{
    return { 400, 300 };
}

void VideoPreview::paintEvent(QPaintEvent *)
{
    if (m_frame.isValid()) {
        m_image = m_frame.toImage();
        m_frame = {};
    }
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Shadow));
    if (m_image.isNull()) {
        painter.setPen(palette().color(QPalette::BrightText));
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap,
                         m_placeholder);
        return;
    }
    const QSize scaled = m_image.size().scaled(size(), Qt::KeepAspectRatio);
    QRect target({}, scaled);
    target.moveCenter(rect().center());
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    if (m_mirrored) {
        // Mirror about the target's vertical centre line, as a selfie view does.
        painter.translate(target.left() + target.right() + 1, 0);
        painter.scale(-1, 1);
    }
    painter.drawImage(target, m_image);
}

} // namespace twofold::ui
