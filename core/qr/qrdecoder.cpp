#include "qr/qrdecoder.h"

#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <exception>
#include <vector>

namespace twofold {

namespace {

struct Found
{
    QString text;
    double centerX = 0;
    double centerY = 0;
    double bottom = 0;
};

std::vector<Found> readQrCodes(const uchar *data, int width, int height, int stride)
{
    // tryHarder finds small codes in large frames; UTF-8 is what otpauth and our own encoder
    // write when a code has no ECI, so ZXing need not guess the character set.
    const auto hints = ZXing::DecodeHints()
                           .setFormats(ZXing::BarcodeFormat::QRCode)
                           .setTryHarder(true)
                           .setTryRotate(true)
                           .setCharacterSet("UTF-8");
    std::vector<Found> found;
    try {
        const ZXing::ImageView view(data, width, height, ZXing::ImageFormat::Lum, stride);
        for (const ZXing::Result &result : ZXing::ReadBarcodes(view, hints)) {
            if (!result.isValid())
                continue;
            const ZXing::Position &corners = result.position();
            double sumX = 0;
            double sumY = 0;
            double bottom = corners.front().y;
            for (const auto &point : corners) {
                sumX += point.x;
                sumY += point.y;
                bottom = std::max(bottom, double(point.y));
            }
            found.push_back({ QString::fromStdString(result.text()), sumX / 4, sumY / 4, bottom });
        }
    } catch (const std::exception &) {
        // Exceptions never cross core's API; a picture ZXing cannot read holds no code for us.
        return {};
    }
    return found;
}

QStringList decodeWithInversion(const uchar *data, int width, int height, int stride)
{
    std::vector<Found> found = readQrCodes(data, width, height, stride);
    if (found.empty()) {
        // ZXing 1.4 has no tryInvert; white-on-black codes (dark themes) need a negative copy.
        // Only on a miss, so the common dark-on-light frame pays nothing.
        std::vector<uchar> inverted(size_t(width) * size_t(height));
        for (int y = 0; y < height; ++y) {
            const uchar *src = data + qsizetype(y) * stride;
            uchar *dst = inverted.data() + qsizetype(y) * width;
            for (int x = 0; x < width; ++x)
                dst[x] = uchar(255 - src[x]);
        }
        found = readQrCodes(inverted.data(), width, height, width);
    }

    // Reading order keeps the result stable whatever order ZXing finds the codes in: a row is
    // the highest code left plus every code whose centre lies above that code's bottom edge,
    // so codes of different sizes side by side still share a row. Rows go left to right.
    std::sort(found.begin(), found.end(),
              [](const Found &a, const Found &b) { return a.centerY < b.centerY; });
    for (auto rowStart = found.begin(); rowStart != found.end();) {
        const double rowBottom = rowStart->bottom;
        const auto rowEnd = std::find_if(rowStart, found.end(),
                                         [&](const Found &f) { return f.centerY > rowBottom; });
        std::sort(rowStart, rowEnd,
                  [](const Found &a, const Found &b) { return a.centerX < b.centerX; });
        rowStart = rowEnd;
    }

    QStringList texts;
    texts.reserve(qsizetype(found.size()));
    for (const Found &code : found) {
        if (!texts.contains(code.text))
            texts.append(code.text);
    }
    return texts;
}

// Transparent pixels mean "background": composite over white so that a transparent PNG with
// black modules does not turn into an all-black picture.
QImage toLuma(const QImage &image)
{
    if (!image.hasAlphaChannel())
        return image.convertToFormat(QImage::Format_Grayscale8);

    const QImage argb = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    QImage luma(argb.size(), QImage::Format_Grayscale8);
    if (argb.isNull() || luma.isNull())
        return {};
    for (int y = 0; y < argb.height(); ++y) {
        const auto *src = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        uchar *dst = luma.scanLine(y);
        for (int x = 0; x < argb.width(); ++x) {
            const QRgb p = src[x];
            const int white = 255 - qAlpha(p); // premultiplied: colour + (1 - alpha) * white
            dst[x] = uchar(qGray(qRed(p) + white, qGreen(p) + white, qBlue(p) + white));
        }
    }
    return luma;
}

} // namespace

QStringList QrDecoder::decode(const QImage &image)
{
    if (image.isNull())
        return {};
    const QImage luma = toLuma(image);
    if (luma.isNull())
        return {};
    return decodeWithInversion(luma.constBits(), luma.width(), luma.height(),
                               int(luma.bytesPerLine()));
}

QStringList QrDecoder::decodeLuma(const uchar *data, int width, int height, int stride)
{
    if (!data || width <= 0 || height <= 0 || stride < width)
        return {};
    return decodeWithInversion(data, width, height, stride);
}

} // namespace twofold
