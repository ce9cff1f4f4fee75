#include "clicommand.h"
#include "qr/qrdecoder.h"
#include "qr/qrencoder.h"

#include <QFile>
#include <QImage>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace twofold::cli {

namespace {

int encodeQr(const Invocation &inv)
{
    QCommandLineParser parser;
    parser.addOptions({
        { u"out"_s, u"File to write. Required."_s, u"FILE"_s },
        { u"svg"_s, u"Write SVG instead of PNG (also chosen by a .svg file name)."_s },
        { u"ec"_s, u"Error correction: L, M (default), Q or H."_s, u"LEVEL"_s, u"M"_s },
        { u"scale"_s, u"Pixels per module in a PNG (default 8)."_s, u"N"_s, u"8"_s },
    });
    parser.addPositionalArgument(u"TEXT"_s, u"What the code holds; \"-\" reads it from stdin."_s);
    if (const auto exit = parseOrExit(parser, inv, u"Write text as a QR code."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usage(inv, u"Give exactly one TEXT (quote it)."_s);
    const QString path = parser.value(u"out"_s);
    if (path.isEmpty())
        return usage(inv, u"--out FILE is required."_s);

    QrEncoder::Options options;
    static const QHash<QString, QrEncoder::ErrorCorrection> levels = {
        { u"L"_s, QrEncoder::ErrorCorrection::Low },
        { u"M"_s, QrEncoder::ErrorCorrection::Medium },
        { u"Q"_s, QrEncoder::ErrorCorrection::Quartile },
        { u"H"_s, QrEncoder::ErrorCorrection::High },
    };
    const QString level = parser.value(u"ec"_s).toUpper();
    if (!levels.contains(level))
        return usage(inv, u"--ec must be L, M, Q or H, not \"%1\"."_s.arg(parser.value(u"ec"_s)));
    options.errorCorrection = levels.value(level);
    bool scaleOk = false;
    options.moduleSize = parser.value(u"scale"_s).toInt(&scaleOk);
    if (!scaleOk || options.moduleSize < 1 || options.moduleSize > 100)
        return usage(inv, u"--scale must be a whole number from 1 to 100."_s);

    const QByteArray text = valueOrStdin(parser.positionalArguments().constFirst()).toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(inv, u"Cannot write %1: %2."_s.arg(path, file.errorString()));
    if (parser.isSet(u"svg"_s) || path.endsWith(u".svg"_s, Qt::CaseInsensitive)) {
        const Result<QString> svg = QrEncoder::toSvg(text, options);
        if (!svg)
            return fail(inv, svg.error().message);
        file.write(svg->toUtf8());
    } else {
        const Result<QImage> image = QrEncoder::toImage(text, options);
        if (!image)
            return fail(inv, image.error().message);
        if (!image->save(&file, "PNG"))
            return fail(inv, u"Cannot encode the PNG for %1."_s.arg(path));
    }
    if (!file.commit())
        return fail(inv, u"Cannot write %1: %2."_s.arg(path, file.errorString()));
    return Success;
}

int decodeQr(const Invocation &inv)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"FILE"_s, u"Images (PNG, JPEG, ...) to search for QR codes."_s,
                                 u"FILE..."_s);
    if (const auto exit
        = parseOrExit(parser, inv, u"Print every QR code payload found, one per line."_s))
        return *exit;
    if (parser.positionalArguments().isEmpty())
        return usage(inv, u"Give at least one image FILE."_s);

    int status = Success;
    for (const QString &path : parser.positionalArguments()) {
        const QImage image(path);
        if (image.isNull()) {
            status = fail(inv, u"%1 is not an image this program can read."_s.arg(path));
            continue;
        }
        const QStringList payloads = QrDecoder::decode(image);
        if (payloads.isEmpty())
            status = fail(inv, u"%1 holds no QR code that could be read."_s.arg(path));
        for (const QString &payload : payloads)
            inv.out << payload << '\n';
    }
    inv.out.flush();
    return status;
}

} // namespace

int runQr(const Invocation &inv)
{
    return dispatch(
        inv,
        { { u"encode"_s, u"Write text as a QR code image (PNG) or SVG"_s, encodeQr },
          { u"decode"_s, u"Print every QR code payload found in images"_s, decodeQr } });
}

} // namespace twofold::cli
