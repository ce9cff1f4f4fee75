#pragma once

#include <QImage>
#include <QStringList>

namespace twofold {

// QR code decoding through ZXing-C++. Finds every code in the picture; rotated, inverted
// and small codes included (inverted ones only when no dark-on-light code is found). Returns
// each distinct payload once, as UTF-8 text, in reading order of the codes' centres (top to
// bottom, then left to right); empty if none. Thread-safe, no I/O.
class QrDecoder final
{
public:
    static QStringList decode(const QImage &image);
    // An 8-bit luma plane (a camera frame's Y plane); stride is bytes per row, >= width.
    static QStringList decodeLuma(const uchar *data, int width, int height, int stride);
};

} // namespace twofold
