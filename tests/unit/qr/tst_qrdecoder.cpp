#include "qr/qrdecoder.h"
#include "qr/qrencoder.h"
#include "tools.h"
#include "vectors.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTransform>

using namespace Qt::StringLiterals;
using twofold::QrDecoder;
using twofold::QrEncoder;

namespace {

const QString cameraPayload
    = u"otpauth://totp/neo4j:Charlotte?secret=B33WS2ALPT34K4BNY24AYROE4M&issuer=neo4j&"
      u"algorithm=SHA1&digits=6&period=30"_s;
constexpr int cameraWidth = 1600;
constexpr int cameraHeight = 1200;

const QString otpauthUri = u"otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&"
                           u"issuer=Example"_s;

QImage encode(const QString &text, int moduleSize = 6)
{
    QrEncoder::Options options;
    options.moduleSize = moduleSize;
    auto image = QrEncoder::toImage(text.toUtf8(), options);
    if (!image)
        qFatal("encoding failed: %s", qPrintable(image.error().message));
    return std::move(image).value();
}

// Copies source into a white Grayscale8 canvas at (x, y); no QPainter, so no GUI needed.
void blit(QImage &canvas, const QImage &source, int x, int y)
{
    const QImage gray = source.convertToFormat(QImage::Format_Grayscale8);
    for (int row = 0; row < gray.height(); ++row)
        std::copy_n(gray.constScanLine(row), gray.width(), canvas.scanLine(y + row) + x);
}

QImage whiteCanvas(int width, int height)
{
    QImage canvas(width, height, QImage::Format_Grayscale8);
    canvas.fill(0xff);
    return canvas;
}

QImage inverted(const QImage &image)
{
    QImage copy = image.convertToFormat(QImage::Format_Grayscale8);
    copy.invertPixels();
    return copy;
}

// The camera frame's Y plane, or an empty array when the vectors are missing or unreadable.
QByteArray readCameraFrame(const QString &vectors)
{
    QProcess gzip;
    gzip.start(u"gzip"_s, { u"-dc"_s, vectors + u"/camera/qr.y.gz"_s });
    if (!gzip.waitForFinished(60000) || gzip.exitStatus() != QProcess::NormalExit
        || gzip.exitCode() != 0)
        return {};
    return gzip.readAllStandardOutput();
}

// Lays rows of width bytes out with a wider stride, filling the padding with a checkerboard of
// black and white so that a decoder reading the padding as pixels sees nonsense.
QByteArray withStride(const uchar *rows, int width, int height, int fromStride, int toStride)
{
    QByteArray out(qsizetype(toStride) * height, '\0');
    for (int y = 0; y < height; ++y) {
        char *dst = out.data() + qsizetype(y) * toStride;
        std::copy_n(rows + qsizetype(y) * fromStride, width, dst);
        for (int x = width; x < toStride; ++x)
            dst[x] = ((x / 2 + y) % 2) ? char(0xff) : char(0);
    }
    return out;
}

} // namespace

class tst_QrDecoder final : public QObject
{
    Q_OBJECT

private slots:
    void decodesQrencodeImages_data();
    void decodesQrencodeImages();
    void decodesHardPictures_data();
    void decodesHardPictures();
    void findsEveryCode_data();
    void findsEveryCode();
    void noCodeGivesEmptyList_data();
    void noCodeGivesEmptyList();
    void imageFormats_data();
    void imageFormats();
    void lumaWithPaddedStride();
    void lumaRejectsBadArguments();
    void cameraFrame_data();
    void cameraFrame();
};

void tst_QrDecoder::decodesQrencodeImages_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("arguments");

    QTest::newRow("otpauth URI, L, 3 px")
        << otpauthUri << QStringList { u"-l"_s, u"L"_s, u"-s"_s, u"3"_s };
    QTest::newRow("otpauth URI, M, 8 px")
        << otpauthUri << QStringList { u"-l"_s, u"M"_s, u"-s"_s, u"8"_s };
    QTest::newRow("otpauth URI, Q, 2 px")
        << otpauthUri << QStringList { u"-l"_s, u"Q"_s, u"-s"_s, u"2"_s };
    QTest::newRow("otpauth URI, H, 5 px")
        << otpauthUri << QStringList { u"-l"_s, u"H"_s, u"-s"_s, u"5"_s };
    QTest::newRow("UTF-8 text, 8-bit mode")
        << u"Zürich ✓"_s << QStringList { u"-8"_s, u"-s"_s, u"4"_s };
    QTest::newRow("mixed case, default modes")
        << u"otpauth://TOTP/MiXeD:Case?secret=ABCDEFGH&issuer=MiXeD"_s << QStringList {};
    QTest::newRow("white on black")
        << otpauthUri
        << QStringList { u"--foreground=FFFFFF"_s, u"--background=000000"_s, u"-s"_s, u"4"_s };
    QTest::newRow("micro margin of 1 module")
        << otpauthUri << QStringList { u"-m"_s, u"1"_s, u"-s"_s, u"4"_s };
}

void tst_QrDecoder::decodesQrencodeImages()
{
    QFETCH(QString, text);
    QFETCH(QStringList, arguments);

    REQUIRE_TOOL(qrencode, "qrencode");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"code.png"_s);
    QProcess process;
    process.start(qrencode,
                  QStringList { u"-o"_s, file } + arguments + QStringList { u"--"_s, text });
    QVERIFY2(process.waitForFinished(60000), qPrintable(process.errorString()));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());

    const QImage image(file);
    QVERIFY(!image.isNull());
    QCOMPARE(QrDecoder::decode(image), QStringList { text });
}

void tst_QrDecoder::decodesHardPictures_data()
{
    QTest::addColumn<QImage>("image");

    const QImage code = encode(otpauthUri);
    QTest::newRow("rotated 90 degrees") << code.transformed(QTransform().rotate(90));
    QTest::newRow("rotated 180 degrees") << code.transformed(QTransform().rotate(180));
    QTest::newRow("rotated 30 degrees, smooth")
        << code.transformed(QTransform().rotate(30), Qt::SmoothTransformation);
    QTest::newRow("rotated 30 degrees, nearest")
        << code.transformed(QTransform().rotate(30), Qt::FastTransformation);
    QTest::newRow("rotated -15 degrees, smooth")
        << code.transformed(QTransform().rotate(-15), Qt::SmoothTransformation);
    QTest::newRow("inverted (white on black)") << inverted(code);
    QTest::newRow("inverted and rotated 30 degrees")
        << inverted(code.transformed(QTransform().rotate(30), Qt::SmoothTransformation)
                        .convertToFormat(QImage::Format_RGB32));
    QTest::newRow("2 px per module") << encode(otpauthUri, 2);

    QImage small = whiteCanvas(1600, 1200);
    const QImage tiny = encode(otpauthUri, 2);
    blit(small, tiny, 1100, 850);
    QTest::newRow("small code in a large white picture") << small;

    QImage darkFrame = whiteCanvas(1200, 900);
    darkFrame.fill(0x40); // a grey desk around a white card
    blit(darkFrame, code, 300, 200);
    QTest::newRow("code on a grey background") << darkFrame;
}

void tst_QrDecoder::decodesHardPictures()
{
    QFETCH(QImage, image);
    QCOMPARE(QrDecoder::decode(image), QStringList { otpauthUri });
}

void tst_QrDecoder::findsEveryCode_data()
{
    QTest::addColumn<QImage>("image");
    QTest::addColumn<QStringList>("expected");

    const QString first = u"otpauth://totp/First:one?secret=AAAAAAAAAAAAAAAA"_s;
    const QString second = u"otpauth://totp/Second:two?secret=BBBBBBBBBBBBBBBB"_s;
    const QImage a = encode(first);
    const QImage b = encode(second);

    QImage sideBySide = whiteCanvas(a.width() + b.width() + 40, qMax(a.height(), b.height()));
    blit(sideBySide, b, 0, 0);
    blit(sideBySide, a, b.width() + 40, 0);
    QTest::newRow("side by side, listed left to right")
        << sideBySide << QStringList { second, first };

    QImage stacked = whiteCanvas(qMax(a.width(), b.width()), a.height() + b.height());
    blit(stacked, a, 0, 0);
    blit(stacked, b, 0, a.height());
    QTest::newRow("stacked, listed top to bottom") << stacked << QStringList { first, second };

    QImage twice = whiteCanvas(a.width() * 2, a.height());
    blit(twice, a, 0, 0);
    blit(twice, a, a.width(), 0);
    QTest::newRow("same payload twice, listed once") << twice << QStringList { first };

    const QString third = u"Zürich ✓"_s;
    QImage three = whiteCanvas(a.width() * 3, a.height() * 2);
    blit(three, a, 0, 0);
    blit(three, encode(third), a.width() * 2, 0);
    blit(three, b, a.width(), a.height());
    QTest::newRow("three codes, one in a second row")
        << three << QStringList { first, third, second };
}

void tst_QrDecoder::findsEveryCode()
{
    QFETCH(QImage, image);
    QFETCH(QStringList, expected);
    QCOMPARE(QrDecoder::decode(image), expected);
}

void tst_QrDecoder::noCodeGivesEmptyList_data()
{
    QTest::addColumn<QImage>("image");

    QTest::newRow("null image") << QImage();
    QTest::newRow("white picture") << whiteCanvas(640, 480);
    QImage black = whiteCanvas(640, 480);
    black.fill(0);
    QTest::newRow("black picture") << black;

    QImage noise = whiteCanvas(640, 480);
    QRandomGenerator random(20240501); // fixed seed: the same picture every run
    for (int y = 0; y < noise.height(); ++y)
        for (int x = 0; x < noise.width(); ++x)
            noise.scanLine(y)[x] = uchar(random.bounded(256));
    QTest::newRow("noise") << noise;

    // Half a code: the finder patterns of one side are gone.
    const QImage code = encode(otpauthUri);
    QTest::newRow("left half of a code") << code.copy(0, 0, code.width() / 2, code.height());
}

void tst_QrDecoder::noCodeGivesEmptyList()
{
    QFETCH(QImage, image);
    QCOMPARE(QrDecoder::decode(image), QStringList {});
}

void tst_QrDecoder::imageFormats_data()
{
    QTest::addColumn<QImage>("image");

    const QImage code = encode(otpauthUri, 5);
    QTest::newRow("Grayscale8") << code;
    QTest::newRow("Mono") << code.convertToFormat(QImage::Format_Mono);
    QTest::newRow("RGB32") << code.convertToFormat(QImage::Format_RGB32);
    QTest::newRow("RGB888, odd width so rows are padded")
        << code.copy(0, 0, code.width() - 1, code.height() - 1)
               .convertToFormat(QImage::Format_RGB888);

    // A transparent background with black modules, as many web pages serve their codes.
    QImage transparent = code.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < transparent.height(); ++y) {
        auto *row = reinterpret_cast<QRgb *>(transparent.scanLine(y));
        for (int x = 0; x < transparent.width(); ++x)
            row[x] = qRed(row[x]) ? qRgba(0, 0, 0, 0) : qRgba(0, 0, 0, 255);
    }
    QTest::newRow("ARGB32, transparent background") << transparent;

    QImage blue = code.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < blue.height(); ++y) {
        auto *row = reinterpret_cast<QRgb *>(blue.scanLine(y));
        for (int x = 0; x < blue.width(); ++x)
            row[x] = qRed(row[x]) ? qRgb(255, 255, 200) : qRgb(20, 30, 140);
    }
    QTest::newRow("RGB32, dark blue on cream") << blue;
}

void tst_QrDecoder::imageFormats()
{
    QFETCH(QImage, image);
    QCOMPARE(QrDecoder::decode(image), QStringList { otpauthUri });
}

void tst_QrDecoder::lumaWithPaddedStride()
{
    const QImage code = encode(otpauthUri, 4);
    const int width = code.width();
    const int height = code.height();
    const int stride = width + 37;
    const QByteArray luma
        = withStride(code.constBits(), width, height, int(code.bytesPerLine()), stride);
    const auto *data = reinterpret_cast<const uchar *>(luma.constData());

    QCOMPARE(QrDecoder::decodeLuma(data, width, height, stride), QStringList { otpauthUri });
    // The padding really is harmful: reading the same bytes as if unpadded finds nothing.
    QCOMPARE(QrDecoder::decodeLuma(data, width, height, width), QStringList {});

    // A QImage over the same buffer must honour its bytesPerLine too.
    const QImage view(data, width, height, stride, QImage::Format_Grayscale8);
    QCOMPARE(QrDecoder::decode(view), QStringList { otpauthUri });
}

void tst_QrDecoder::lumaRejectsBadArguments()
{
    const QImage code = encode(otpauthUri, 4);
    const uchar *bits = code.constBits();
    const int w = code.width();
    const int h = code.height();
    const int stride = int(code.bytesPerLine());

    QCOMPARE(QrDecoder::decodeLuma(bits, w, h, stride), QStringList { otpauthUri });
    QCOMPARE(QrDecoder::decodeLuma(nullptr, w, h, stride), QStringList {});
    QCOMPARE(QrDecoder::decodeLuma(bits, 0, h, stride), QStringList {});
    QCOMPARE(QrDecoder::decodeLuma(bits, w, -1, stride), QStringList {});
    QCOMPARE(QrDecoder::decodeLuma(bits, w, h, w - 1), QStringList {});
}

void tst_QrDecoder::cameraFrame_data()
{
    QTest::addColumn<int>("stride");

    QTest::newRow("stride equals width (1600)") << cameraWidth;
    QTest::newRow("padded stride (1664)") << 1664;
    QTest::newRow("odd padded stride (1601)") << 1601;
}

void tst_QrDecoder::cameraFrame()
{
    QFETCH(int, stride);
    REQUIRE_VECTORS(vectors);

    const QByteArray frame = readCameraFrame(vectors);
    QCOMPARE(frame.size(), qsizetype(cameraWidth) * cameraHeight);

    const QByteArray laidOut = withStride(reinterpret_cast<const uchar *>(frame.constData()),
                                          cameraWidth, cameraHeight, cameraWidth, stride);
    const auto *data = reinterpret_cast<const uchar *>(laidOut.constData());
    QCOMPARE(QrDecoder::decodeLuma(data, cameraWidth, cameraHeight, stride),
             QStringList { cameraPayload });

    const QImage image(data, cameraWidth, cameraHeight, stride, QImage::Format_Grayscale8);
    QCOMPARE(QrDecoder::decode(image), QStringList { cameraPayload });
}

QTEST_GUILESS_MAIN(tst_QrDecoder)
#include "tst_qrdecoder.moc"
