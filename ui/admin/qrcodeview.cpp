#include "admin/qrcodeview.h"

#include "qr/qrencoder.h"

#include <QPainter>

namespace twofold::ui {

QrCodeView::QrCodeView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

bool QrCodeView::setText(const QString &text)
{
    m_text = text;
    auto modules = QrEncoder::toImage(text.toUtf8(), { QrEncoder::ErrorCorrection::Medium, 1, 4 });
    m_modules = modules ? modules->convertToFormat(QImage::Format_Mono) : QImage();
    update();
    return modules.has_value();
}

QImage QrCodeView::image(int modulePixels) const
{
    if (m_modules.isNull())
        return {};
    return m_modules.convertToFormat(QImage::Format_RGB32)
        .scaled(m_modules.size() * modulePixels, Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

void QrCodeView::paintCode(QPainter &painter, const QRectF &target) const
{
    if (m_modules.isNull())
        return;
    const int count = m_modules.width();
    const qreal module = std::min(target.width(), target.height()) / count;
    const QPointF origin = target.center() - QPointF(module * count, module * count) / 2;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(QRectF(origin, QSizeF(module * count, module * count)), Qt::white);
    for (int y = 0; y < count; ++y) {
        for (int x = 0; x < count; ++x) {
            if (qGray(m_modules.pixel(x, y)) < 128)
                painter.fillRect(
                    QRectF(origin + QPointF(x * module, y * module), QSizeF(module, module)),
                    Qt::black);
        }
    }
    painter.restore();
}

void QrCodeView::paintEvent(QPaintEvent *)
{
    if (m_modules.isNull())
        return;
    QPainter painter(this);
    // Whole device pixels per module: no module is drawn a pixel wider than its neighbour.
    const qreal ratio = devicePixelRatioF();
    const int count = m_modules.width();
    const int devicePixels = int(std::min(width(), height()) * ratio) / count * count;
    const qreal side = devicePixels / ratio;
    paintCode(painter, QRectF((width() - side) / 2, (height() - side) / 2, side, side));
}

} // namespace twofold::ui
