#include "authenticator/addaccount/importdialog.h"
#include "qrtestdata.h"
#include "vectors.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace twofold;
using namespace twofold::ui;

namespace {

QPushButton *importButton(ImportDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

bool waitForRead(ImportDialog &dialog)
{
    QSignalSpy spy(&dialog, &ImportDialog::previewChanged);
    while (dialog.isBusy()) {
        if (!spy.wait(30000))
            return false;
    }
    return true;
}

} // namespace

class tst_ImportDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void otpauthList();
    void unknownFormatListsSupported();
    void aegisPlainVector();
    void encryptedWrongPasswordThenRight();

private:
    QTemporaryDir m_dir;
};

void tst_ImportDialog::otpauthList()
{
    const QString path = m_dir.filePath(QStringLiteral("list.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example\n"
               "otpauth://hotp/Corp:bob?secret=MFRGGZDFMZTWQ2LK&issuer=Corp&counter=3\n");
    file.close();

    ImportDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!importButton(dialog)->isEnabled());
    dialog.setFile(path);
    QVERIFY(waitForRead(dialog));
    QVERIFY(!dialog.needsPassword());
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("format"))->text(),
             vault::Importer::formatName(vault::Importer::Format::OtpauthList));
    QVERIFY2(dialog.messageText().contains(QStringLiteral("2 accounts found")),
             qPrintable(dialog.messageText()));
    QVERIFY(importButton(dialog)->isEnabled());
    QTest::mouseClick(importButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto accounts = dialog.accounts();
    QCOMPARE(accounts.size(), 2);
    QCOMPARE(accounts.at(0).otp.issuer, QStringLiteral("Example"));
    QCOMPARE(accounts.at(1).otp.type, OtpType::Hotp);
    QCOMPARE(accounts.at(1).otp.counter, 3u);
}

void tst_ImportDialog::unknownFormatListsSupported()
{
    const QString path = m_dir.filePath(QStringLiteral("random.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not an export\n");
    file.close();
    ImportDialog dialog;
    dialog.setFile(path);
    QVERIFY(waitForRead(dialog));
    const QString message = dialog.messageText();
    QVERIFY2(message.contains(QStringLiteral("does not recognise")), qPrintable(message));
    for (auto format : { vault::Importer::Format::AegisEncrypted,
                         vault::Importer::Format::Bitwarden, vault::Importer::Format::FreeOtpPlus })
        QVERIFY2(message.contains(vault::Importer::formatName(format)), qPrintable(message));
    QVERIFY(!importButton(dialog)->isEnabled());
}

void tst_ImportDialog::aegisPlainVector()
{
    REQUIRE_VECTORS(dir);
    ImportDialog dialog;
    dialog.setFile(dir + QStringLiteral("/import/aegis_plain.json"));
    QVERIFY(waitForRead(dialog));
    QVERIFY2(importButton(dialog)->isEnabled(), qPrintable(dialog.messageText()));
    dialog.accept();
    const auto accounts = dialog.accounts();
    QCOMPARE(accounts.size(), 7);
    QCOMPARE(accounts.first().otp.issuer, QStringLiteral("Deno"));
    QCOMPARE(accounts.first().otp.account, QStringLiteral("Mason"));
}

void tst_ImportDialog::encryptedWrongPasswordThenRight()
{
    REQUIRE_VECTORS(dir);
    ImportDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setFile(dir + QStringLiteral("/import/aegis_encrypted.json"));
    QVERIFY(dialog.needsPassword());
    auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("password"));
    QVERIFY(password && password->isVisible());
    QVERIFY(!importButton(dialog)->isEnabled());

    QTest::keyClicks(password, QStringLiteral("wrong"));
    QTest::keyClick(password, Qt::Key_Return);
    QVERIFY(dialog.isBusy()); // the key derivation runs on a worker
    QVERIFY(waitForRead(dialog));
    QCOMPARE(dialog.messageText(),
             QStringLiteral("The password is wrong. Check it and try again."));
    QVERIFY(!importButton(dialog)->isEnabled());
    QVERIFY(password->isEnabled());

    password->clear();
    QTest::keyClicks(password, QStringLiteral("test"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("unlock")), Qt::LeftButton);
    QVERIFY(waitForRead(dialog));
    QVERIFY2(importButton(dialog)->isEnabled(), qPrintable(dialog.messageText()));
    QVERIFY2(dialog.messageText().startsWith(QStringLiteral("Aegis (encrypted): 7 accounts found")),
             qPrintable(dialog.messageText()));
    saveScreenshot(&dialog, QStringLiteral("import-preview"));
    dialog.accept();
    QCOMPARE(dialog.accounts().size(), 7);
}

QTEST_MAIN(tst_ImportDialog)
#include "tst_importdialog.moc"
