#pragma once

#include <QImage>
#include <QStringList>

namespace twofold {

// QR code decoding through ZXing-C++. Finds every code in the picture; rotated, inverted
// and small codes included. Returns the payloads as text, in reading order; empty if none.
class QrDecoder final
{
public:
    static QStringList decode(const QImage &image);
    // An 8-bit luma plane (a camera frame's Y plane); stride is bytes per row, >= width.
    static QStringList decodeLuma(const uchar *data, int width, int height, int stride);
};

} // namespace twofold
