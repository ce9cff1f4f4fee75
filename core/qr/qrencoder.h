#pragma once

#include "result.h"

#include <QByteArray>
#include <QImage>
#include <QString>

namespace twofold {

// QR code encoding through libqrencode.
class QrEncoder final
{
public:
    enum class ErrorCorrection { Low, Medium, Quartile, High };

    struct Options
    {
        ErrorCorrection errorCorrection = ErrorCorrection::Medium;
        int moduleSize = 8; // pixels per module in the image
        int quietZone = 4; // modules of white border on each side (ISO/IEC 18004 asks for 4)
    };

    static Result<QImage> toImage(QByteArrayView text, const Options &options);
    static Result<QString> toSvg(QByteArrayView text, const Options &options);
    static Result<QImage> toImage(QByteArrayView text) { return toImage(text, Options{}); }
    static Result<QString> toSvg(QByteArrayView text) { return toSvg(text, Options{}); }
};

} // namespace twofold
