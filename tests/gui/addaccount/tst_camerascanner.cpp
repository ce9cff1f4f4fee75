#include "authenticator/addaccount/camerascanner.h"
#include "authenticator/addaccount/framedecoder.h"
#include "authenticator/addaccount/videopreview.h"
#include "qrtestdata.h"

#include <QComboBox>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace twofold::ui;

class tst_CameraScanner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noCameraSaysWhatToDo();
    void videoIntoScannerFindsCodeAndPreviews();
};

void tst_CameraScanner::noCameraSaysWhatToDo()
{
    if (!QMediaDevices::videoInputs().isEmpty())
        QSKIP("This machine has a camera; the no-camera state cannot be shown.");
    CameraScanner scanner;
    scanner.resize(480, 400);
    scanner.show();
    QVERIFY(QTest::qWaitForWindowExposed(&scanner));
    scanner.start();
    QVERIFY(!scanner.hasCamera());
    QVERIFY(!scanner.isScanning());
    QCOMPARE(scanner.statusText(),
             QStringLiteral("No camera found. Add the account from an image, the screen or by "
                            "typing the key."));
    auto *picker = scanner.findChild<QComboBox *>();
    QVERIFY(picker);
    QVERIFY(!picker->isEnabled());
    QVERIFY(!picker->accessibleName().isEmpty());
    saveScreenshot(&scanner, QStringLiteral("camerascanner-nocamera"));
}

void tst_CameraScanner::videoIntoScannerFindsCodeAndPreviews()
{
    const QString uri
        = QStringLiteral("otpauth://totp/ACME:bob?secret=GEZDGNBVGY3TQOJQ&issuer=ACME");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString why;
    const QString video = makeQrVideo(dir.path(), uri, &why);
    if (video.isEmpty())
        QFAIL(qPrintable(why));

    CameraScanner scanner;
    scanner.resize(520, 460);
    scanner.show();
    QVERIFY(QTest::qWaitForWindowExposed(&scanner));
    QSignalSpy found(&scanner, &CameraScanner::codeFound);
    scanner.scanVideoSink();
    QMediaPlayer player;
    player.setVideoOutput(scanner.videoSink());
    player.setSource(QUrl::fromLocalFile(video));
    player.play();
    QVERIFY2(found.wait(20000), "no account code came out of the video");
    player.pause(); // keep the last frame in the preview for the screenshot
    QCOMPARE(found.first().first().toString(), uri);
    QVERIFY(!scanner.isScanning());
    QTRY_VERIFY_WITH_TIMEOUT(scanner.preview()->hasFrame(), 5000);
    scanner.preview()->repaint();
    saveScreenshot(&scanner, QStringLiteral("camerascanner-video"));
}

QTEST_MAIN(tst_CameraScanner)
#include "tst_camerascanner.moc"
