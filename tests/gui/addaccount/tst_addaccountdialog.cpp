#include "authenticator/addaccount/addaccountdialog.h"
#include "otp/migrationpayload.h"
#include "otp/otpauthuri.h"
#include "qrtestdata.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace twofold;
using namespace twofold::ui;

namespace {

const QString uri = QStringLiteral(
    "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example");

QPushButton *okButton(AddAccountDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

OtpParameters totp(const QString &issuer, const QString &account, const QByteArray &secret)
{
    OtpParameters p;
    p.issuer = issuer;
    p.account = account;
    p.secret = secret;
    return p;
}

// Waits for the dialog's current scan to finish.
bool waitForScan(AddAccountDialog &dialog)
{
    if (!dialog.isBusy())
        return true;
    QSignalSpy spy(&dialog, &AddAccountDialog::previewChanged);
    while (dialog.isBusy()) {
        if (!spy.wait(15000))
            return false;
    }
    return true;
}

} // namespace

class tst_AddAccountDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pasteOfferedFromClipboard();
    void invalidUriShowsParserMessage_data();
    void invalidUriShowsParserMessage();
    void manualFormValidates();
    void imageFileAddsAccount();
    void migrationImageAddsAll();
    void imageFiles_data();
    void imageFiles();
    void activationCodeTurnsOnApprovals();
    void droppedFileIsScanned();
    void clipboardImage();
    void screenScan();
    void keyboardAndNames();
    void cameraPluginMissingSaysWhatToDo();
    void cameraPageLoadsPlugin();
    void screenshots();

private:
    QTemporaryDir m_dir;
};

void tst_AddAccountDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_AddAccountDialog::pasteOfferedFromClipboard()
{
    QGuiApplication::clipboard()->setText(QStringLiteral("  ") + uri + QStringLiteral("\n"));
    AddAccountDialog dialog(nullptr, AddAccountDialog::Source::Choose);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *paste = dialog.findChild<QPushButton *>(QStringLiteral("pasteButton"));
    QVERIFY(paste);
    QVERIFY(paste->isVisible());
    QVERIFY(!okButton(dialog)->isEnabled());
    QTest::mouseClick(paste, Qt::LeftButton);
    QCOMPARE(dialog.pendingAccounts().size(), 1);
    QVERIFY(okButton(dialog)->isEnabled());
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto accounts = dialog.accounts();
    QCOMPARE(accounts.size(), 1);
    QCOMPARE(accounts.first().otp, *OtpAuthUri::parse(uri));
    QVERIFY(!accounts.first().id.isNull());
    QVERIFY(accounts.first().addedAt > 0);

    // Plain text on the clipboard is not offered.
    QGuiApplication::clipboard()->setText(QStringLiteral("hello"));
    QVERIFY(!paste->isVisible());
}

void tst_AddAccountDialog::invalidUriShowsParserMessage_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("bad Base32 secret")
        << QStringLiteral("otpauth://totp/A:b?secret=JBSW1Y3DP&issuer=A");
    QTest::newRow("unknown type") << QStringLiteral("otpauth://motp/A:b?secret=JBSWY3DP");
    QTest::newRow("no secret") << QStringLiteral("otpauth://totp/A:b?issuer=A");
    QTest::newRow("issuer mismatch")
        << QStringLiteral("otpauth://totp/A:b?secret=JBSWY3DP&issuer=B");
    QTest::newRow("broken migration") << QStringLiteral("otpauth-migration://offline?data=%%%");
}

void tst_AddAccountDialog::invalidUriShowsParserMessage()
{
    QFETCH(QString, text);
    AddAccountDialog dialog(nullptr, AddAccountDialog::Source::Uri);
    dialog.setUri(text);
    const QString expected = text.startsWith(QStringLiteral("otpauth-migration"))
        ? MigrationPayload::decode(text).error().message
        : OtpAuthUri::parse(text).error().message;
    QVERIFY(!expected.isEmpty());
    QCOMPARE(dialog.messageText(), expected);
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("message"))->isVisibleTo(&dialog));
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY(dialog.pendingAccounts().isEmpty());
    dialog.accept(); // refused while invalid
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.accounts().isEmpty());
}

void tst_AddAccountDialog::manualFormValidates()
{
    AddAccountDialog dialog(nullptr, AddAccountDialog::Source::Manual);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *issuer = dialog.findChild<QLineEdit *>(QStringLiteral("issuer"));
    auto *account = dialog.findChild<QLineEdit *>(QStringLiteral("account"));
    auto *secret = dialog.findChild<QLineEdit *>(QStringLiteral("secret"));
    auto *secretError = dialog.findChild<QLabel *>(QStringLiteral("secretError"));
    QVERIFY(issuer && account && secret && secretError);
    QVERIFY(!okButton(dialog)->isEnabled());

    QTest::keyClicks(issuer, QStringLiteral("GitHub"));
    QTest::keyClicks(account, QStringLiteral("octocat"));
    QTest::keyClicks(secret, QStringLiteral("JBSW Y3D1"));
    QVERIFY(secretError->isVisible());
    QVERIFY2(secretError->text().contains(QStringLiteral("\"1\" (at position 9)")),
             qPrintable(secretError->text()));
    QVERIFY(!okButton(dialog)->isEnabled());

    secret->clear();
    QTest::keyClicks(secret, QStringLiteral("jbsw y3dp ehpk 3pxp"));
    QVERIFY(!secretError->isVisible());
    QVERIFY(okButton(dialog)->isEnabled());
    QTest::keyClick(&dialog, Qt::Key_Return);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.accounts().size(), 1);
    const OtpParameters got = dialog.accounts().first().otp;
    QCOMPARE(got.issuer, QStringLiteral("GitHub"));
    QCOMPARE(got.account, QStringLiteral("octocat"));
    QCOMPARE(got.secret, QByteArray("Hello!\xDE\xAD\xBE\xEF"));
    QCOMPARE(got.type, OtpType::Totp);
    QCOMPARE(got.digits, 6);
    QCOMPARE(got.period, 30);
}

void tst_AddAccountDialog::imageFileAddsAccount()
{
    const QString path = m_dir.filePath(QStringLiteral("one.png"));
    QVERIFY(qrImage(uri).save(path));
    AddAccountDialog dialog(nullptr, AddAccountDialog::Source::ImageFile);
    QSignalSpy changed(&dialog, &AddAccountDialog::previewChanged);
    dialog.loadImageFile(path);
    QVERIFY(dialog.isBusy());
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY(waitForScan(dialog));
    QCOMPARE(dialog.pendingAccounts(), QList<OtpParameters> { *OtpAuthUri::parse(uri) });
    QVERIFY(okButton(dialog)->isEnabled());
    dialog.accept();
    QCOMPARE(dialog.accounts().size(), 1);
}

void tst_AddAccountDialog::migrationImageAddsAll()
{
    const QList<OtpParameters> three {
        totp(QStringLiteral("Deno"), QStringLiteral("Mason"), QByteArray(10, 'a')),
        totp(QStringLiteral("SPDX"), QStringLiteral("James"), QByteArray(10, 'b')),
        totp(QStringLiteral("Airbnb"), QStringLiteral("Elijah"), QByteArray(10, 'c'))
    };
    const auto uris = MigrationPayload::encode(three);
    QVERIFY(uris);
    QCOMPARE(uris->size(), 1);
    const QString path = m_dir.filePath(QStringLiteral("migration.png"));
    QVERIFY(qrImage(uris->first(), 4).save(path));
    AddAccountDialog dialog;
    dialog.loadImageFile(path);
    QVERIFY(waitForScan(dialog));
    QCOMPARE(dialog.pendingAccounts().size(), 3);
    QVERIFY2(dialog.messageText().startsWith(QStringLiteral("3 accounts found")),
             qPrintable(dialog.messageText()));
    QCOMPARE(okButton(dialog)->text(), QStringLiteral("&Add 3 Accounts"));
    dialog.accept();
    const auto accounts = dialog.accounts();
    QCOMPARE(accounts.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(accounts.at(i).otp.issuer, three.at(i).issuer);
        QCOMPARE(accounts.at(i).otp.account, three.at(i).account);
        QCOMPARE(accounts.at(i).otp.secret, three.at(i).secret);
    }
}

void tst_AddAccountDialog::imageFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("contents"); // empty: a blank PNG
    QTest::addColumn<QString>("qrText"); // when set, a QR of this text
    QTest::addColumn<QString>("message");

    QTest::newRow("no QR code") << QStringLiteral("blank.png") << QByteArray() << QString()
                                << QStringLiteral("No QR code was found in the picture.");
    QTest::newRow("web link QR")
        << QStringLiteral("link.png") << QByteArray() << QStringLiteral("https://example.com/")
        << QStringLiteral("This QR code is not a one-time-password code: it contains a web "
                          "link.");
    QTest::newRow("bad otpauth QR")
        << QStringLiteral("bad.png") << QByteArray()
        << QStringLiteral("otpauth://totp/A:b?issuer=A")
        << OtpAuthUri::parse(u"otpauth://totp/A:b?issuer=A").error().message;
    QTest::newRow("not an image") << QStringLiteral("notes.png") << QByteArray("just text\n")
                                  << QString()
                                  << QStringLiteral("This file could not be read as an image.");
}

void tst_AddAccountDialog::imageFiles()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, contents);
    QFETCH(QString, qrText);
    QFETCH(QString, message);
    const QString path = m_dir.filePath(name);
    if (!contents.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
    } else if (!qrText.isEmpty()) {
        QVERIFY(qrImage(qrText).save(path));
    } else {
        QImage blank(300, 200, QImage::Format_RGB32);
        blank.fill(Qt::white);
        QVERIFY(blank.save(path));
    }
    AddAccountDialog dialog;
    dialog.loadImageFile(path);
    QVERIFY(waitForScan(dialog));
    QVERIFY2(dialog.messageText().startsWith(message), qPrintable(dialog.messageText()));
    QVERIFY(dialog.pendingAccounts().isEmpty());
    QVERIFY(!okButton(dialog)->isEnabled());
}

void tst_AddAccountDialog::activationCodeTurnsOnApprovals()
{
    // A push activation QR code adds no account: the dialog offers to turn on sign-in
    // approvals and hands the link over.
    const QString link
        = QStringLiteral("twofold://activate?url=https://mfa.example.org:8443&code=ABC123&fp=")
        + QString(64, u'a');
    const QString path = m_dir.filePath(QStringLiteral("activation.png"));
    QVERIFY(qrImage(link).save(path));
    AddAccountDialog dialog;
    dialog.loadImageFile(path);
    QVERIFY(waitForScan(dialog));
    QVERIFY2(dialog.messageText().contains(QStringLiteral("sign-in approvals")),
             qPrintable(dialog.messageText()));
    QVERIFY(dialog.pendingAccounts().isEmpty());
    QVERIFY(okButton(dialog)->isEnabled());
    QCOMPARE(okButton(dialog)->text(), QStringLiteral("&Turn On Sign-in Approvals"));
    dialog.accept();
    QCOMPARE(dialog.activationLink(), link);
    QVERIFY(dialog.accounts().isEmpty());
}

void tst_AddAccountDialog::droppedFileIsScanned()
{
    const QString path = m_dir.filePath(QStringLiteral("dropped.png"));
    QVERIFY(qrImage(uri).save(path));
    AddAccountDialog dialog(nullptr, AddAccountDialog::Source::Manual);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(path) });
    const QPoint at = dialog.rect().center();
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&dialog, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&dialog, &drop);
    QCOMPARE(dialog.source(), AddAccountDialog::Source::ImageFile);
    QVERIFY(waitForScan(dialog));
    QCOMPARE(dialog.pendingAccounts().size(), 1);
}

void tst_AddAccountDialog::clipboardImage()
{
    QGuiApplication::clipboard()->setText(QStringLiteral("not a picture"));
    AddAccountDialog dialog(nullptr, AddAccountDialog::Source::Clipboard);
    dialog.scanClipboard();
    QVERIFY(waitForScan(dialog));
    QVERIFY2(dialog.messageText().startsWith(QStringLiteral("The clipboard holds no picture")),
             qPrintable(dialog.messageText()));

    QGuiApplication::clipboard()->setImage(qrImage(uri).convertToFormat(QImage::Format_RGB32));
    dialog.scanClipboard();
    QVERIFY(waitForScan(dialog));
    QCOMPARE(dialog.pendingAccounts(), QList<OtpParameters> { *OtpAuthUri::parse(uri) });
    dialog.accept();
    QCOMPARE(dialog.accounts().size(), 1);
}

void tst_AddAccountDialog::screenScan()
{
    const QString screenUri
        = QStringLiteral("otpauth://hotp/Corp:carol?secret=MFRGGZDFMZTWQ2LK&issuer=Corp&counter=5");
    // A window showing the QR code, as a web page would, away from the dialog.
    QLabel shown;
    shown.setWindowFlag(Qt::FramelessWindowHint);
    shown.setPixmap(QPixmap::fromImage(qrImage(screenUri, 5)));
    const QRect screen = QGuiApplication::primaryScreen()->geometry();
    shown.move(screen.topLeft() + QPoint(20, 20));
    shown.show();
    QVERIFY(QTest::qWaitForWindowExposed(&shown));

    AddAccountDialog dialog(nullptr, AddAccountDialog::Source::Screen);
    dialog.move(screen.topLeft() + QPoint(screen.width() / 2, 20));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // The label must have been painted before the screen is read.
    QTRY_VERIFY_WITH_TIMEOUT(!shown.grab().isNull(), 2000);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("scanScreen")),
                      Qt::LeftButton);
    QVERIFY(waitForScan(dialog));
    QCOMPARE(dialog.pendingAccounts().size(), 1);
    QCOMPARE(dialog.pendingAccounts().first(), *OtpAuthUri::parse(screenUri));
    QCOMPARE(dialog.pendingAccounts().first().counter, 5u);
}

void tst_AddAccountDialog::keyboardAndNames()
{
    AddAccountDialog dialog;
    const auto widgets = dialog.findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        // Skip the parts that Qt builds inside composite controls.
        QObject *parent = w->parent();
        if (parent
            && (parent->inherits("QAbstractSpinBox") || parent->inherits("QComboBox")
                || parent->inherits("QTabBar")))
            continue;
        const bool control = w->inherits("QAbstractButton") || w->inherits("QLineEdit")
            || w->inherits("QPlainTextEdit") || w->inherits("QComboBox")
            || w->inherits("QAbstractSpinBox") || w->inherits("QTreeWidget");
        if (control)
            QVERIFY2(!w->accessibleName().isEmpty(),
                     qPrintable(QString::fromLatin1(w->metaObject()->className()) + u' '
                                + w->objectName()));
    }
    // Alt+T opens the manual page from the keyboard.
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QTest::keyClick(&dialog, Qt::Key_T, Qt::AltModifier);
    QCOMPARE(dialog.source(), AddAccountDialog::Source::Manual);
}

void tst_AddAccountDialog::screenshots()
{
    QGuiApplication::clipboard()->setText(uri);
    AddAccountDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    saveScreenshot(&dialog, QStringLiteral("addaccount-link-offer"));

    const auto uris = MigrationPayload::encode(
        { totp(QStringLiteral("Deno"), QStringLiteral("mason@example.com"), QByteArray(10, 'a')),
          totp(QStringLiteral("SPDX"), QStringLiteral("james"), QByteArray(10, 'b')),
          totp(QStringLiteral("Airbnb"), QStringLiteral("elijah@example.org"),
               QByteArray(10, 'c')) });
    QVERIFY(uris);
    dialog.setUri(uris->first());
    saveScreenshot(&dialog, QStringLiteral("addaccount-link-migration"));

    dialog.setSource(AddAccountDialog::Source::Manual);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("issuer")),
                     QStringLiteral("GitHub"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("account")),
                     QStringLiteral("octocat"));
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("secret")),
                     QStringLiteral("JBSW Y3D1 EHPK"));
    saveScreenshot(&dialog, QStringLiteral("addaccount-manual-error"));

    const QString path = m_dir.filePath(QStringLiteral("shot.png"));
    QVERIFY(qrImage(uri).save(path));
    dialog.loadImageFile(path);
    QVERIFY(waitForScan(dialog));
    saveScreenshot(&dialog, QStringLiteral("addaccount-image"));

    const QString link = m_dir.filePath(QStringLiteral("link.png"));
    QVERIFY(qrImage(QStringLiteral("https://example.com/")).save(link));
    dialog.loadImageFile(link);
    QVERIFY(waitForScan(dialog));
    saveScreenshot(&dialog, QStringLiteral("addaccount-image-weblink"));

    dialog.setSource(AddAccountDialog::Source::Screen);
    saveScreenshot(&dialog, QStringLiteral("addaccount-screen"));
    dialog.setSource(AddAccountDialog::Source::Camera);
    saveScreenshot(&dialog, QStringLiteral("addaccount-camera"));
}

// Runs before cameraPageLoadsPlugin: a plugin once loaded stays loaded.
void tst_AddAccountDialog::cameraPluginMissingSaysWhatToDo()
{
    const QByteArray pluginDir = qgetenv("TWOFOLD_PLUGIN_DIR");
    QVERIFY2(!pluginDir.isEmpty(), "ctest sets TWOFOLD_PLUGIN_DIR to the plugin's build folder");
    QTemporaryDir empty;
    qputenv("TWOFOLD_PLUGIN_DIR", QFile::encodeName(empty.path()));
    AddAccountDialog dialog(nullptr, AddAccountDialog::Source::Choose);
    dialog.setSource(AddAccountDialog::Source::Camera);
    qputenv("TWOFOLD_PLUGIN_DIR", pluginDir);
    QVERIFY(!dialog.findChild<QWidget *>(QStringLiteral("cameraScanner")));
    const auto *message = dialog.findChild<QLabel *>(QStringLiteral("cameraMessage"));
    QVERIFY(message);
    QVERIFY2(message->text().contains(QStringLiteral("could not be loaded"))
                 && message->text().contains(QStringLiteral("from an image")),
             qPrintable(message->text()));
}

void tst_AddAccountDialog::cameraPageLoadsPlugin()
{
    AddAccountDialog dialog(nullptr, AddAccountDialog::Source::Choose);
    // Nothing of the camera is made before its page is opened.
    QVERIFY(!dialog.findChild<QWidget *>(QStringLiteral("cameraScanner")));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setSource(AddAccountDialog::Source::Camera);
    auto *scanner = dialog.findChild<QWidget *>(QStringLiteral("cameraScanner"));
    QVERIFY2(scanner,
             qPrintable(dialog.findChild<QLabel *>(QStringLiteral("cameraMessage"))->text()));
    QVERIFY(scanner->isVisible());
    // The plugin's widget is the real scanner, with its camera picker.
    const auto *picker = scanner->findChild<QComboBox *>();
    QVERIFY(picker);
    QCOMPARE(picker->accessibleName(), QStringLiteral("Camera"));
    dialog.setSource(AddAccountDialog::Source::Uri);
    QVERIFY(!scanner->isVisible());
}

QTEST_MAIN(tst_AddAccountDialog)
#include "tst_addaccountdialog.moc"
