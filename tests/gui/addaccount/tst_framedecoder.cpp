#include "authenticator/addaccount/framedecoder.h"
#include "qrtestdata.h"
#include "vectors.h"

#include <QMediaPlayer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QVideoFrame>
#include <QVideoSink>

#include <cstring>

using namespace twofold::ui;

namespace {

const QString uri = QStringLiteral(
    "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example");

// An 8-bit luma frame holding the picture, as a camera driver hands it over.
QVideoFrame lumaFrame(const QImage &picture)
{
    const QImage gray = picture.convertToFormat(QImage::Format_Grayscale8);
    QVideoFrame frame(QVideoFrameFormat(gray.size(), QVideoFrameFormat::Format_Y8));
    if (!frame.map(QVideoFrame::WriteOnly))
        return {};
    // Fill the padding with mid-grey, so a decoder that ignores the stride sees garbage.
    std::memset(frame.bits(0), 0x80, size_t(frame.mappedBytes(0)));
    for (int y = 0; y < gray.height(); ++y)
        std::memcpy(frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0), gray.constScanLine(y),
                    size_t(gray.width()));
    frame.unmap();
    return frame;
}

} // namespace

class tst_FrameDecoder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesLumaPlaneWithPaddedStride();
    void decodesRgbFrame();
    void decodesRealCameraFrame();
    void dropsFramesWhileBusy();
    void ignoresOtherCodesWithReason();
    void videoFilePipeline();
};

void tst_FrameDecoder::decodesLumaPlaneWithPaddedStride()
{
    // 654 is not a multiple of the row alignment, so the stride is wider than the picture.
    QImage picture(654, 490, QImage::Format_Grayscale8);
    picture.fill(255);
    const QImage code = qrImage(uri, 4).convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < code.height(); ++y)
        std::memcpy(picture.scanLine(y + 20) + 30, code.constScanLine(y), size_t(code.width()));
    const QVideoFrame frame = lumaFrame(picture);
    QVERIFY(frame.isValid());
    QVideoFrame probe = frame;
    QVERIFY(probe.map(QVideoFrame::ReadOnly));
    const int stride = probe.bytesPerLine(0);
    probe.unmap();
    QVERIFY2(stride > picture.width(), "the test needs a frame with row padding");
    QCOMPARE(FrameDecoder::decodeFrame(frame), QStringList { uri });
}

void tst_FrameDecoder::decodesRgbFrame()
{
    // ARGB32 is B, G, R, A in memory on little-endian machines: BGRA8888.
    const QImage rgb = qrImage(uri).convertToFormat(QImage::Format_ARGB32);
    QVideoFrame frame(QVideoFrameFormat(rgb.size(), QVideoFrameFormat::Format_BGRA8888));
    QVERIFY(frame.map(QVideoFrame::WriteOnly));
    for (int y = 0; y < rgb.height(); ++y)
        std::memcpy(frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0), rgb.constScanLine(y),
                    size_t(rgb.width() * 4));
    frame.unmap();
    QCOMPARE(FrameDecoder::decodeFrame(frame), QStringList { uri });
}

void tst_FrameDecoder::decodesRealCameraFrame()
{
    REQUIRE_VECTORS(dir);
    QProcess gunzip;
    gunzip.start(QStringLiteral("gzip"),
                 { QStringLiteral("-dc"), dir + QStringLiteral("/camera/qr.y.gz") });
    QVERIFY(gunzip.waitForFinished(30000));
    const QByteArray luma = gunzip.readAllStandardOutput();
    QCOMPARE(luma.size(), 1600 * 1200);
    const QImage picture(reinterpret_cast<const uchar *>(luma.constData()), 1600, 1200, 1600,
                         QImage::Format_Grayscale8);
    QCOMPARE(FrameDecoder::decodeFrame(lumaFrame(picture)),
             QStringList { QStringLiteral("otpauth://totp/neo4j:Charlotte?secret="
                                          "B33WS2ALPT34K4BNY24AYROE4M&issuer=neo4j&algorithm="
                                          "SHA1&digits=6&period=30") });
}

void tst_FrameDecoder::dropsFramesWhileBusy()
{
    // A large frame without a code keeps the worker busy while the others arrive.
    QImage noise(1600, 1200, QImage::Format_Grayscale8);
    for (int y = 0; y < noise.height(); ++y)
        for (int x = 0; x < noise.width(); ++x)
            noise.scanLine(y)[x] = uchar((x * 7919 + y * 104729) % 251);
    const QVideoFrame frame = lumaFrame(noise);
    FrameDecoder decoder;
    decoder.start();
    constexpr int offered = 20;
    for (int i = 0; i < offered; ++i)
        decoder.offerFrame(frame);
    QCOMPARE(decoder.framesOffered(), offered);
    QVERIFY2(decoder.framesDropped() >= 1, "frames must be dropped, not queued, while busy");
    QTRY_COMPARE_WITH_TIMEOUT(decoder.framesDecoded() + decoder.framesDropped(), offered, 10000);
}

void tst_FrameDecoder::ignoresOtherCodesWithReason()
{
    FrameDecoder decoder;
    QSignalSpy other(&decoder, &FrameDecoder::otherCodeFound);
    QSignalSpy found(&decoder, &FrameDecoder::accountCodeFound);
    decoder.start();
    decoder.offerFrame(lumaFrame(qrImage(QStringLiteral("https://example.com/"))));
    QVERIFY(other.wait(10000));
    QCOMPARE(other.first().at(1).toString(),
             QStringLiteral("This QR code is not a one-time-password code: it contains a web "
                            "link."));
    QVERIFY(decoder.isActive());
    decoder.offerFrame(lumaFrame(qrImage(uri)));
    QVERIFY(found.wait(10000));
    QCOMPARE(found.first().first().toString(), uri);
    QVERIFY(!decoder.isActive());
}

void tst_FrameDecoder::videoFilePipeline()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString why;
    const QString video = makeQrVideo(dir.path(), uri, &why);
    if (video.isEmpty())
        QFAIL(qPrintable(why));

    QVideoSink sink;
    FrameDecoder decoder;
    decoder.setVideoSink(&sink);
    decoder.start();
    QSignalSpy found(&decoder, &FrameDecoder::accountCodeFound);
    QMediaPlayer player;
    QString playerError;
    connect(&player, &QMediaPlayer::errorOccurred, this,
            [&](QMediaPlayer::Error, const QString &text) { playerError = text; });
    QVideoFrameFormat::PixelFormat pixelFormat = QVideoFrameFormat::Format_Invalid;
    connect(&sink, &QVideoSink::videoFrameChanged, this, [&](const QVideoFrame &frame) {
        if (pixelFormat == QVideoFrameFormat::Format_Invalid)
            pixelFormat = frame.pixelFormat();
    });
    player.setVideoOutput(&sink);
    player.setSource(QUrl::fromLocalFile(video));
    player.play();
    const bool gotIt = found.wait(20000);
    player.stop();
    QVERIFY2(playerError.isEmpty(), qPrintable(playerError));
    QVERIFY2(gotIt, "no account code came out of the video");
    QCOMPARE(found.first().first().toString(), uri);
    QVERIFY(decoder.framesDecoded() >= 1);
    qInfo("frames: %d offered, %d decoded, %d dropped; pixel format %s", decoder.framesOffered(),
          decoder.framesDecoded(), decoder.framesDropped(),
          qPrintable(QVideoFrameFormat::pixelFormatToString(pixelFormat)));
}

QTEST_MAIN(tst_FrameDecoder)
#include "tst_framedecoder.moc"
