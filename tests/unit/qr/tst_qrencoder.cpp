#include "qr/qrdecoder.h"
#include "qr/qrencoder.h"
#include "tools.h"

#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using twofold::ErrorCode;
using twofold::QrDecoder;
using twofold::QrEncoder;
using Level = twofold::QrEncoder::ErrorCorrection;

Q_DECLARE_METATYPE(twofold::QrEncoder::ErrorCorrection)
Q_DECLARE_METATYPE(twofold::ErrorCode)

namespace {

const QByteArray otpauthUri
    = "otpauth://totp/ACME%20Co:Alice@example.com?secret="
      "JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"_ba;

// QVERIFY2 evaluates its message even when the check passes, so it must not touch error().
template<typename T> QByteArray errorText(const twofold::Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

// 1000 bytes of mixed case, digits and punctuation, so that case and byte mode both matter.
QByteArray longText()
{
    const QByteArray alphabet = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-._~!$&'()*+,;=:@/?"_ba;
    QByteArray text;
    for (int i = 0; i < 1000; ++i)
        text.append(alphabet.at((i * 7 + i / 13) % alphabet.size()));
    return text;
}

// Reads the SVG path of one-module-high runs back into a module matrix, as a renderer would.
QImage rasterizeSvgPath(const QString &path, int modules)
{
    QImage image(modules, modules, QImage::Format_Grayscale8);
    image.fill(0xff);
    static const QRegularExpression run(u"M(\\d+) (\\d+)h(\\d+)v1h-\\3z"_s);
    qsizetype consumed = 0;
    auto it = run.globalMatch(path);
    while (it.hasNext()) {
        const auto match = it.next();
        if (match.capturedStart() != consumed)
            return {}; // something between runs that this reader does not understand
        consumed = match.capturedEnd();
        const int x = match.captured(1).toInt();
        const int y = match.captured(2).toInt();
        const int length = match.captured(3).toInt();
        if (y >= modules || x + length > modules)
            return {};
        for (int i = 0; i < length; ++i)
            image.scanLine(y)[x + i] = 0;
    }
    return consumed == path.size() ? image : QImage();
}

} // namespace

class tst_QrEncoder final : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void quietZoneIsWhite_data();
    void quietZoneIsWhite();
    void errors_data();
    void errors();
    void fullCapacityEncodes_data();
    void fullCapacityEncodes();
    void svgIsWellFormed_data();
    void svgIsWellFormed();
    void zbarimgDecodesOurImages_data();
    void zbarimgDecodesOurImages();
};

void tst_QrEncoder::roundTrip_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Level>("level");

    QTest::newRow("otpauth URI, L") << otpauthUri << Level::Low;
    QTest::newRow("otpauth URI, M") << otpauthUri << Level::Medium;
    QTest::newRow("otpauth URI, Q") << otpauthUri << Level::Quartile;
    QTest::newRow("otpauth URI, H") << otpauthUri << Level::High;
    QTest::newRow("UTF-8 text, M") << u"Zürich ✓"_s.toUtf8() << Level::Medium;
    QTest::newRow("UTF-8 text, H") << u"Zürich ✓"_s.toUtf8() << Level::High;
    QTest::newRow("case preserved") << "otpauth://TOTP/MiXeD?secret=ABCdef"_ba << Level::Medium;
    QTest::newRow("one byte") << "x"_ba << Level::Low;
    QTest::newRow("1000 bytes, L") << longText() << Level::Low;
    QTest::newRow("1000 bytes, H") << longText() << Level::High;
}

void tst_QrEncoder::roundTrip()
{
    QFETCH(QByteArray, text);
    QFETCH(Level, level);

    QrEncoder::Options options;
    options.errorCorrection = level;
    options.moduleSize = 4;
    const auto image = QrEncoder::toImage(text, options);
    QVERIFY2(image.has_value(), errorText(image).constData());

    QCOMPARE(QrDecoder::decode(*image), QStringList { QString::fromUtf8(text) });
}

void tst_QrEncoder::quietZoneIsWhite_data()
{
    QTest::addColumn<int>("moduleSize");
    QTest::addColumn<int>("quietZone");

    QTest::newRow("defaults: 8 px, 4 modules") << 8 << 4;
    QTest::newRow("1 px modules") << 1 << 4;
    QTest::newRow("3 px modules") << 3 << 4;
    QTest::newRow("wider quiet zone") << 5 << 6;
    QTest::newRow("no quiet zone") << 4 << 0;
}

void tst_QrEncoder::quietZoneIsWhite()
{
    QFETCH(int, moduleSize);
    QFETCH(int, quietZone);

    QrEncoder::Options options;
    options.moduleSize = moduleSize;
    options.quietZone = quietZone;
    const auto result = QrEncoder::toImage(otpauthUri, options);
    QVERIFY2(result.has_value(), errorText(result).constData());
    const QImage &image = *result;

    QCOMPARE(image.width(), image.height());
    QCOMPARE(image.width() % moduleSize, 0);
    const int symbolModules = image.width() / moduleSize - 2 * quietZone;
    QVERIFY2(symbolModules >= 21 && symbolModules % 4 == 1,
             qPrintable(u"%1 modules is not a QR code size"_s.arg(symbolModules)));

    const int border = quietZone * moduleSize;
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < gray.height(); ++y) {
        const uchar *row = gray.constScanLine(y);
        for (int x = 0; x < gray.width(); ++x) {
            // Crisp: every pixel is pure black or pure white.
            QVERIFY2(row[x] == 0 || row[x] == 255, qPrintable(u"grey at %1,%2"_s.arg(x).arg(y)));
            const bool inBorder = x < border || y < border || x >= gray.width() - border
                || y >= gray.height() - border;
            if (inBorder)
                QVERIFY2(row[x] == 255, qPrintable(u"dark quiet zone at %1,%2"_s.arg(x).arg(y)));
        }
    }
    // The finder patterns start right where the quiet zone ends, so it is not wider than asked.
    QCOMPARE(gray.pixelColor(border, border).value(), 0);
    QCOMPARE(gray.pixelColor(gray.width() - border - 1, border).value(), 0);
    QCOMPARE(gray.pixelColor(border, gray.height() - border - 1).value(), 0);
}

void tst_QrEncoder::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Level>("level");
    QTest::addColumn<int>("moduleSize");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("empty text") << QByteArray() << Level::Medium << 8 << ErrorCode::InvalidArgument
                                << u"no text"_s;
    QTest::newRow("2954 bytes at L") << QByteArray(2954, 'a') << Level::Low << 8
                                     << ErrorCode::QrEncode << u"(2954 bytes; at most 2953"_s;
    QTest::newRow("2332 bytes at M") << QByteArray(2332, 'a') << Level::Medium << 8
                                     << ErrorCode::QrEncode << u"at error correction M"_s;
    QTest::newRow("1664 bytes at Q") << QByteArray(1664, 'a') << Level::Quartile << 8
                                     << ErrorCode::QrEncode << u"at most 1663"_s;
    QTest::newRow("1274 bytes at H")
        << QByteArray(1274, 'a') << Level::High << 8 << ErrorCode::QrEncode << u"at most 1273"_s;
    QTest::newRow("zero module size")
        << "x"_ba << Level::Medium << 0 << ErrorCode::InvalidArgument << u"module size"_s;
    QTest::newRow("image too large")
        << "x"_ba << Level::Medium << 1000 << ErrorCode::InvalidArgument << u"pixels wide"_s;
}

void tst_QrEncoder::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(Level, level);
    QFETCH(int, moduleSize);
    QFETCH(ErrorCode, code);
    QFETCH(QString, messagePart);

    QrEncoder::Options options;
    options.errorCorrection = level;
    options.moduleSize = moduleSize;
    const auto image = QrEncoder::toImage(text, options);
    QVERIFY(!image.has_value());
    QCOMPARE(image.error().code, code);
    QVERIFY2(image.error().message.contains(messagePart), qPrintable(image.error().message));

    // The image does not apply to SVG, whose size is in modules.
    if (messagePart != u"pixels wide"_s) {
        const auto svg = QrEncoder::toSvg(text, options);
        QVERIFY(!svg.has_value());
        QCOMPARE(svg.error().code, code);
    }
}

void tst_QrEncoder::fullCapacityEncodes_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<Level>("level");

    QTest::newRow("2953 bytes at L") << 2953 << Level::Low;
    QTest::newRow("1273 bytes at H") << 1273 << Level::High;
}

void tst_QrEncoder::fullCapacityEncodes()
{
    QFETCH(int, size);
    QFETCH(Level, level);

    QrEncoder::Options options;
    options.errorCorrection = level;
    options.moduleSize = 1;
    const auto image = QrEncoder::toImage(QByteArray(size, 'a'), options);
    QVERIFY2(image.has_value(), errorText(image).constData());
    QCOMPARE(image->width(), 177 + 2 * 4); // version 40
}

void tst_QrEncoder::svgIsWellFormed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("quietZone");
    QTest::addColumn<int>("moduleSize");

    QTest::newRow("otpauth URI, default quiet zone") << otpauthUri << 4 << 8;
    QTest::newRow("UTF-8 text, 2 module quiet zone") << u"Zürich ✓"_s.toUtf8() << 2 << 3;
    QTest::newRow("1000 bytes") << longText() << 4 << 1;
}

void tst_QrEncoder::svgIsWellFormed()
{
    QFETCH(QByteArray, text);
    QFETCH(int, quietZone);
    QFETCH(int, moduleSize);

    QrEncoder::Options options;
    options.quietZone = quietZone;
    options.moduleSize = moduleSize;
    const auto svg = QrEncoder::toSvg(text, options);
    QVERIFY2(svg.has_value(), errorText(svg).constData());

    // The image at one pixel per module is the reference for the size and the modules.
    options.moduleSize = 1;
    const auto reference = QrEncoder::toImage(text, options);
    QVERIFY(reference.has_value());
    const int modules = reference->width();

    QXmlStreamReader xml(*svg);
    int rects = 0;
    int paths = 0;
    QString pathData;
    bool sawRoot = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto attributes = xml.attributes();
        if (!sawRoot) {
            QCOMPARE(xml.name(), u"svg"_s);
            QCOMPARE(xml.namespaceUri(), u"http://www.w3.org/2000/svg"_s);
            QCOMPARE(attributes.value(u"viewBox"_s), u"0 0 %1 %1"_s.arg(modules));
            QCOMPARE(attributes.value(u"width"_s), QString::number(modules * moduleSize));
            QCOMPARE(attributes.value(u"height"_s), QString::number(modules * moduleSize));
            sawRoot = true;
        } else if (xml.name() == u"rect"_s) {
            ++rects;
            QCOMPARE(attributes.value(u"fill"_s), u"#ffffff"_s);
            QCOMPARE(attributes.value(u"width"_s), QString::number(modules));
            QCOMPARE(attributes.value(u"height"_s), QString::number(modules));
        } else if (xml.name() == u"path"_s) {
            ++paths;
            QCOMPARE(attributes.value(u"fill"_s), u"#000000"_s);
            pathData = attributes.value(u"d"_s).toString();
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(sawRoot);
    QCOMPARE(rects, 1);
    QCOMPARE(paths, 1);

    const QImage drawn = rasterizeSvgPath(pathData, modules);
    QVERIFY2(!drawn.isNull(), "the path has commands other than one-module-high runs");
    QCOMPARE(drawn, reference->convertToFormat(QImage::Format_Grayscale8));
}

void tst_QrEncoder::zbarimgDecodesOurImages_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<Level>("level");
    QTest::addColumn<int>("moduleSize");

    QTest::newRow("otpauth URI, M, 8 px") << otpauthUri << Level::Medium << 8;
    QTest::newRow("otpauth URI, H, 3 px") << otpauthUri << Level::High << 3;
    QTest::newRow("UTF-8 text, Q") << u"Zürich ✓"_s.toUtf8() << Level::Quartile << 6;
    QTest::newRow("1000 bytes, L") << longText() << Level::Low << 4;
}

void tst_QrEncoder::zbarimgDecodesOurImages()
{
    QFETCH(QByteArray, text);
    QFETCH(Level, level);
    QFETCH(int, moduleSize);

    REQUIRE_TOOL(zbarimg, "zbarimg");

    QrEncoder::Options options;
    options.errorCorrection = level;
    options.moduleSize = moduleSize;
    const auto image = QrEncoder::toImage(text, options);
    QVERIFY2(image.has_value(), errorText(image).constData());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(u"code.png"_s);
    QVERIFY(image->save(file, "PNG"));

    QProcess zbar;
    zbar.start(zbarimg, { u"-q"_s, u"--raw"_s, file });
    QVERIFY2(zbar.waitForFinished(60000), qPrintable(zbar.errorString()));
    QCOMPARE(zbar.exitStatus(), QProcess::NormalExit);
    QCOMPARE(zbar.exitCode(), 0);
    QByteArray output = zbar.readAllStandardOutput();
    QVERIFY(output.endsWith('\n'));
    output.chop(1);
    QCOMPARE(output, text);
}

QTEST_GUILESS_MAIN(tst_QrEncoder)
#include "tst_qrencoder.moc"
