#pragma once

#include "qr/qrencoder.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTest>
#include <QWidget>

// Shared by the add-account GUI tests: QR images, test videos and screenshots.

inline QImage qrImage(const QString &text, int moduleSize = 6)
{
    twofold::QrEncoder::Options options;
    options.moduleSize = moduleSize;
    auto image = twofold::QrEncoder::toImage(text.toUtf8(), options);
    return image ? *image : QImage();
}

// Saves a widget's picture into the build's screenshot folder, for people to look at.
inline void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = QStringLiteral(TWOFOLD_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    widget->grab().save(dir + u'/' + name + u".png");
}

// Makes a 3 s H.264 (or MPEG-4) video of a QR code with ffmpeg, as a camera would see it.
// Returns an empty string and sets why when ffmpeg fails.
inline QString makeQrVideo(const QString &dir, const QString &text, QString *why)
{
    const QString ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
    if (ffmpeg.isEmpty()) {
        *why = QStringLiteral("ffmpeg is missing: run installer/install-deps.sh");
        return {};
    }
    // A QR code smaller than the frame, off-centre on grey, like a phone held up to a webcam.
    QImage frame(640, 480, QImage::Format_RGB32);
    frame.fill(QColor(128, 128, 128));
    const QImage code = qrImage(text, 5).convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < code.height(); ++y)
        for (int x = 0; x < code.width(); ++x)
            frame.setPixel(120 + x, 40 + y, code.pixel(x, y));
    const QString png = dir + QStringLiteral("/qr.png");
    const QString video = dir + QStringLiteral("/qr.mp4");
    if (!frame.save(png)) {
        *why = QStringLiteral("could not write the QR image");
        return {};
    }
    QProcess probe;
    probe.start(ffmpeg, { QStringLiteral("-hide_banner"), QStringLiteral("-encoders") });
    probe.waitForFinished(30000);
    const bool x264 = probe.readAllStandardOutput().contains("libx264");
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(ffmpeg,
                  { QStringLiteral("-y"), QStringLiteral("-loglevel"), QStringLiteral("error"),
                    QStringLiteral("-loop"), QStringLiteral("1"), QStringLiteral("-i"), png,
                    QStringLiteral("-t"), QStringLiteral("3"), QStringLiteral("-r"),
                    QStringLiteral("25"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
                    QStringLiteral("-vf"), QStringLiteral("scale=640:480"), QStringLiteral("-c:v"),
                    x264 ? QStringLiteral("libx264") : QStringLiteral("mpeg4"), video });
    if (!process.waitForFinished(120000) || process.exitCode() != 0) {
        *why = QStringLiteral("ffmpeg failed: ") + QString::fromLocal8Bit(process.readAll());
        return {};
    }
    return video;
}
