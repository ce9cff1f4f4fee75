#pragma once

#include <QImage>
#include <QWidget>

class QPainter;

namespace twofold::ui {

// A QR code drawn module by module, so it stays sharp at any size, DPI, on paper and in PDF.
class QrCodeView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QrCodeView)

public:
    explicit QrCodeView(QWidget *parent = nullptr);

    bool setText(const QString &text); // false (and an empty view) if it cannot be encoded
    const QString &text() const { return m_text; }
    bool isEmpty() const { return m_modules.isNull(); }
    // The code as a PNG-ready image with modulePixels per module (quiet zone included).
    QImage image(int modulePixels = 10) const;
    // Draws the code as filled squares, centred in target; for the screen, printers and PDF.
    void paintCode(QPainter &painter, const QRectF &target) const;

    QSize sizeHint() const override { return { 320, 320 }; }
    QSize minimumSizeHint() const override { return { 200, 200 }; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
    QImage m_modules; // one pixel per module, quiet zone included
};

} // namespace twofold::ui
