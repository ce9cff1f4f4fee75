#include "qr/qrencoder.h"

#include <QtGlobal>
#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace twofold {

namespace {

// Bytes that fit in a version 40 symbol in 8-bit mode (ISO/IEC 18004, table 7).
int byteCapacity(QrEncoder::ErrorCorrection level)
{
    switch (level) {
    case QrEncoder::ErrorCorrection::Low:
        return 2953;
    case QrEncoder::ErrorCorrection::Medium:
        return 2331;
    case QrEncoder::ErrorCorrection::Quartile:
        return 1663;
    case QrEncoder::ErrorCorrection::High:
        return 1273;
    }
    return 0;
}

QString levelName(QrEncoder::ErrorCorrection level)
{
    switch (level) {
    case QrEncoder::ErrorCorrection::Low:
        return u"L"_s;
    case QrEncoder::ErrorCorrection::Medium:
        return u"M"_s;
    case QrEncoder::ErrorCorrection::Quartile:
        return u"Q"_s;
    case QrEncoder::ErrorCorrection::High:
        return u"H"_s;
    }
    return {};
}

QRecLevel toQrLevel(QrEncoder::ErrorCorrection level)
{
    switch (level) {
    case QrEncoder::ErrorCorrection::Low:
        return QR_ECLEVEL_L;
    case QrEncoder::ErrorCorrection::Medium:
        return QR_ECLEVEL_M;
    case QrEncoder::ErrorCorrection::Quartile:
        return QR_ECLEVEL_Q;
    case QrEncoder::ErrorCorrection::High:
        return QR_ECLEVEL_H;
    }
    return QR_ECLEVEL_M;
}

struct QrCodeDeleter
{
    void operator()(QRcode *code) const { QRcode_free(code); }
};
using QrCodePtr = std::unique_ptr<QRcode, QrCodeDeleter>;

// The symbol without its quiet zone; width x width modules, true is dark.
struct ModuleMatrix
{
    int width = 0;
    QList<bool> dark;

    bool isDark(int x, int y) const { return dark.at(y * width + x); }
};

// A larger image is a mistake by the caller, not a QR code anyone can print or show.
constexpr int maxImageSide = 16384;

Result<ModuleMatrix> encodeModules(QByteArrayView text, const QrEncoder::Options &options)
{
    if (text.isEmpty())
        return Error { ErrorCode::InvalidArgument, u"There is no text to put in the QR code."_s };
    if (options.quietZone < 0 || options.moduleSize < 1)
        return Error { ErrorCode::InvalidArgument,
                       u"The QR code needs a module size of at least 1 pixel and a quiet zone that "
                       u"is not negative (got %1 and %2)."_s.arg(options.moduleSize)
                           .arg(options.quietZone) };
    const int capacity = byteCapacity(options.errorCorrection);
    if (text.size() > capacity)
        return Error { ErrorCode::QrEncode,
                       u"The text is too long for a QR code (%1 bytes; at most %2 at error "
                       u"correction %3). Shorten it or choose a lower error correction level."_s
                           .arg(text.size())
                           .arg(capacity)
                           .arg(levelName(options.errorCorrection)) };

    // Version 0 lets libqrencode pick the smallest version that holds the data; 8-bit mode keeps
    // the bytes (and their case) exactly as given.
    errno = 0;
    const QrCodePtr code(QRcode_encodeData(static_cast<int>(text.size()),
                                           reinterpret_cast<const unsigned char *>(text.data()), 0,
                                           toQrLevel(options.errorCorrection)));
    if (!code) {
        const int cause = errno;
        return Error { ErrorCode::QrEncode,
                       cause == ERANGE
                           ? u"The text is too long for a QR code (%1 bytes; at most %2 at "
                             u"error correction %3)."_s.arg(text.size())
                                 .arg(capacity)
                                 .arg(levelName(options.errorCorrection))
                           : u"The QR code could not be made (%1)."_s.arg(
                               QString::fromLocal8Bit(strerror(cause))) };
    }

    ModuleMatrix matrix;
    matrix.width = code->width;
    matrix.dark.resize(qsizetype(code->width) * code->width);
    for (qsizetype i = 0; i < matrix.dark.size(); ++i)
        matrix.dark[i] = (code->data[i] & 1) != 0; // bit 0 is the module colour
    return matrix;
}

} // namespace

Result<QImage> QrEncoder::toImage(QByteArrayView text, const Options &options)
{
    auto matrix = encodeModules(text, options);
    if (!matrix)
        return matrix.error();

    const int modules = matrix->width + 2 * options.quietZone;
    if (qint64(modules) * options.moduleSize > maxImageSide)
        return Error { ErrorCode::InvalidArgument,
                       u"The QR code image would be %1 pixels wide; at most %2 are allowed. Choose "
                       u"a smaller module size."_s.arg(qint64(modules) * options.moduleSize)
                           .arg(maxImageSide) };

    const int side = modules * options.moduleSize;
    QImage image(side, side, QImage::Format_Grayscale8);
    if (image.isNull())
        return Error { ErrorCode::QrEncode,
                       u"There is not enough memory for the QR code image."_s };
    image.fill(0xff);

    const int offset = options.quietZone * options.moduleSize;
    for (int my = 0; my < matrix->width; ++my) {
        for (int mx = 0; mx < matrix->width; ++mx) {
            if (!matrix->isDark(mx, my))
                continue;
            for (int py = 0; py < options.moduleSize; ++py) {
                uchar *row = image.scanLine(offset + my * options.moduleSize + py);
                std::fill_n(row + offset + mx * options.moduleSize, options.moduleSize, uchar(0));
            }
        }
    }
    return image;
}

Result<QString> QrEncoder::toSvg(QByteArrayView text, const Options &options)
{
    auto matrix = encodeModules(text, options);
    if (!matrix)
        return matrix.error();

    const int modules = matrix->width + 2 * options.quietZone;
    const qint64 side = qint64(modules) * options.moduleSize;

    // One subpath per horizontal run of dark modules keeps the path short; crispEdges stops
    // anti-aliased seams between runs.
    QString path;
    path.reserve(matrix->width * matrix->width * 3);
    for (int y = 0; y < matrix->width; ++y) {
        int x = 0;
        while (x < matrix->width) {
            if (!matrix->isDark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < matrix->width && matrix->isDark(x, y))
                ++x;
            const int run = x - start;
            path += u"M%1 %2h%3v1h-%3z"_s.arg(start + options.quietZone)
                        .arg(y + options.quietZone)
                        .arg(run);
        }
    }

    QString svg = u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  u"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%1\" "
                  u"height=\"%1\" viewBox=\"0 0 %2 %2\" shape-rendering=\"crispEdges\">\n"
                  u"<rect width=\"%2\" height=\"%2\" fill=\"#ffffff\"/>\n"
                  u"<path fill=\"#000000\" d=\"%3\"/>\n"
                  u"</svg>\n"_s.arg(side)
                      .arg(modules)
                      .arg(path);
    return svg;
}

} // namespace twofold
