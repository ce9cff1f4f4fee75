#include "authenticator/accountqrdialog.h"
#include "authenticator/exportdialog.h"
#include "authenticator/mainwindow.h"
#include "authenticator/settings.h"
#include "authenticator/vaultsession.h"
#include "clock.h"
#include "demoaccounts.h"
#include "otp/otpauthuri.h"
#include "qr/qrdecoder.h"
#include "vault/exporter.h"
#include "vault/importer.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::ui;
using Format = ExportDialog::Format;

namespace {

const QString password = u"correct horse battery"_s;

QString screenshotPath(const QString &name)
{
    QDir().mkpath(QStringLiteral(TWOFOLD_SCREENSHOT_DIR));
    return QDir(QStringLiteral(TWOFOLD_SCREENSHOT_DIR)).filePath(name + u".png"_s);
}

QLineEdit *field(QDialog &dialog, const QString &accessibleName)
{
    for (QLineEdit *e : dialog.findChildren<QLineEdit *>()) {
        if (e->accessibleName() == accessibleName)
            return e;
    }
    return nullptr;
}

QPushButton *exportButton(QDialog &dialog)
{
    auto *box = dialog.findChild<QDialogButtonBox *>();
    for (QAbstractButton *b : box->buttons()) {
        if (box->buttonRole(b) == QDialogButtonBox::AcceptRole)
            return qobject_cast<QPushButton *>(b);
    }
    return nullptr;
}

void typePasswords(ExportDialog &dialog, const QString &first, const QString &second)
{
    QLineEdit *a = field(dialog, u"Password"_s);
    QLineEdit *b = field(dialog, u"Repeat password"_s);
    QVERIFY(a && b);
    a->clear();
    b->clear();
    QTest::keyClicks(a, first);
    QTest::keyClicks(b, second);
}

} // namespace

class TestExportDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void exportsReadBack_data()
    {
        QTest::addColumn<Format>("format");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("twofold backup, encrypted") << Format::TwofoldBackup << u"twofold"_s;
        QTest::newRow("aegis, encrypted") << Format::AegisEncrypted << u"json"_s;
        QTest::newRow("aegis, plain after acknowledging") << Format::AegisPlain << u"json"_s;
        QTest::newRow("otpauth list after acknowledging") << Format::OtpauthList << u"txt"_s;
    }

    void exportsReadBack()
    {
        QFETCH(Format, format);
        QFETCH(QString, suffix);
        const QList<vault::Account> accounts = demoAccounts();
        ExportDialog dialog(accounts);
        dialog.show();
        dialog.setFormat(format);
        const bool encrypted = ExportDialog::isEncrypted(format);
        if (encrypted)
            typePasswords(dialog, password, password);
        else
            dialog.findChild<QCheckBox *>()->click();
        QVERIFY(exportButton(dialog)->isEnabled());

        const QString path = m_dir.filePath(u"export-%1.%2"_s.arg(int(format)).arg(suffix));
        {
            // An older, world-readable file in the way: QSaveFile would keep its mode.
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old");
            QVERIFY(old.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                       | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        }
        dialog.setTargetPath(path);
        QSignalSpy exported(&dialog, &ExportDialog::exported);
        QTest::mouseClick(exportButton(dialog), Qt::LeftButton);
        if (encrypted) { // scrypt is still running: no second click, no Cancel
            QVERIFY(dialog.isBusy());
            QVERIFY(!exportButton(dialog)->isEnabled());
        }
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 20000);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(exported.at(0).at(0).toString(),
                 u"Exported %1 accounts to %2."_s.arg(accounts.size())
                     .arg(QDir::toNativeSeparators(path)));

        // Owner read and write, nothing for anyone else.
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
            | QFileDevice::ExeOther | QFileDevice::ExeOwner;
        const QFileDevice::Permissions perms = QFile::permissions(path);
        QVERIFY(perms.testFlags(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QCOMPARE(perms & others, QFileDevice::Permissions());

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Result<vault::Importer::Imported> read
            = vault::Importer::read(file.readAll(), encrypted ? password : QString());
        QVERIFY2(read.has_value(), qPrintable(read ? QString() : read.error().message));
        QCOMPARE(read->accounts.size(), accounts.size());
        for (qsizetype i = 0; i < accounts.size(); ++i) {
            const OtpParameters &want = accounts.at(i).otp;
            const OtpParameters &got = read->accounts.at(i).otp;
            QCOMPARE(got.issuer, want.issuer);
            QCOMPARE(got.account, want.account);
            QCOMPARE(got.secret, want.secret);
        }
    }

    void plainFormatsNeedAcknowledgement_data()
    {
        QTest::addColumn<Format>("format");
        QTest::newRow("aegis, plain") << Format::AegisPlain;
        QTest::newRow("otpauth list") << Format::OtpauthList;
    }

    void plainFormatsNeedAcknowledgement()
    {
        QFETCH(Format, format);
        ExportDialog dialog(demoAccounts());
        dialog.show();
        QCOMPARE(dialog.format(), Format::TwofoldBackup); // the safe one by default
        dialog.setFormat(format);
        auto *understood = dialog.findChild<QCheckBox *>();
        QVERIFY(understood->isVisible());
        QVERIFY(!field(dialog, u"Password"_s)->isVisible());
        QVERIFY(!exportButton(dialog)->isEnabled());
        dialog.setTargetPath(m_dir.filePath(u"never-written"_s));
        dialog.exportNow(); // ignored, even when called directly
        QVERIFY(!dialog.isBusy());
        QVERIFY(!QFile::exists(m_dir.filePath(u"never-written"_s)));

        QTest::keyClick(understood, Qt::Key_Space); // the keyboard path
        QVERIFY(understood->isChecked());
        QVERIFY(exportButton(dialog)->isEnabled());

        // Another format is another decision.
        dialog.setFormat(Format::TwofoldBackup);
        dialog.setFormat(format);
        QVERIFY(!understood->isChecked());
        QVERIFY(!exportButton(dialog)->isEnabled());
    }

    void passwordsMustMatch_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<bool>("enabled");
        QTest::newRow("both empty") << QString() << QString() << false;
        QTest::newRow("repeat missing") << password << QString() << false;
        QTest::newRow("mismatch") << password << u"correct horse batterY"_s << false;
        QTest::newRow("repeat only") << QString() << password << false;
        QTest::newRow("match") << password << password << true;
    }

    void passwordsMustMatch()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(bool, enabled);
        for (Format f : { Format::TwofoldBackup, Format::AegisEncrypted }) {
            ExportDialog dialog(demoAccounts());
            dialog.show();
            dialog.setFormat(f);
            QVERIFY(!dialog.findChild<QCheckBox *>()->isVisible());
            typePasswords(dialog, first, second);
            QCOMPARE(exportButton(dialog)->isEnabled(), enabled);
            QCOMPARE(dialog.canExport(), enabled);
        }
    }

    void writeFailureIsReported()
    {
        ExportDialog dialog(demoAccounts());
        dialog.show();
        dialog.setFormat(Format::OtpauthList);
        dialog.findChild<QCheckBox *>()->setChecked(true);
        const QString path = m_dir.filePath(u"no-such-folder/otpauth.txt"_s);
        dialog.setTargetPath(path);
        QSignalSpy exported(&dialog, &ExportDialog::exported);
        dialog.exportNow();
        QTRY_VERIFY(!dialog.isBusy());
        QTRY_VERIFY(!dialog.errorString().isEmpty());
        QVERIFY2(dialog.errorString().contains(QDir::toNativeSeparators(path)),
                 qPrintable(dialog.errorString()));
        QCOMPARE(exported.size(), 0);
        QVERIFY(dialog.isVisible()); // still open to choose another place
        QVERIFY(exportButton(dialog)->isEnabled());
    }

    void suggestedNames()
    {
        const QDate day(2026, 3, 7);
        QCOMPARE(ExportDialog::suggestedFileName(Format::TwofoldBackup, day),
                 u"twofold-backup-2026-03-07.twofold"_s);
        QCOMPARE(ExportDialog::suggestedFileName(Format::AegisEncrypted, day),
                 u"aegis-export-2026-03-07.json"_s);
        QCOMPARE(ExportDialog::suggestedFileName(Format::OtpauthList, day),
                 u"otpauth-2026-03-07.txt"_s);
    }

    void qrCodeDecodesToTheAccount()
    {
        for (const vault::Account &a : demoAccounts()) {
            AccountQrDialog dialog(a);
            const QImage code = dialog.code();
            QVERIFY(!code.isNull());
            QCOMPARE(code.width() % vault::Exporter::qrCode(a)->width(), 0); // whole-pixel scale
            QCOMPARE(QrDecoder::decode(code), QStringList { OtpAuthUri::serialise(a.otp) });
        }
    }

    void qrDialogClosesWithEscape()
    {
        AccountQrDialog dialog(demoAccounts().constFirst());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void mainWindowMenuEntries()
    {
        QTemporaryDir dir;
        ManualClock clock { 1700000006 };
        Settings settings(dir.filePath(u"settings.ini"_s));
        const QString path = dir.filePath(u"vault.twofold"_s);
        Result<vault::Vault> v = vault::Vault::create(path);
        QVERIFY(v && v->setPassword(password) && v->save());
        MainWindow w(clock, settings, path);
        w.session().adopt(std::move(v).value());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto *exportAction = w.findChild<QAction *>(u"Export"_s);
        auto *qrAction = w.findChild<QAction *>(u"Show QR code"_s);
        QVERIFY(exportAction && qrAction);
        QCOMPARE(exportAction->shortcut(), QKeySequence(u"Ctrl+Shift+E"_s));
        QCOMPARE(qrAction->shortcut(), QKeySequence(u"Ctrl+Shift+Q"_s));
        QVERIFY(!exportAction->isEnabled()); // nothing to export yet
        QVERIFY(!qrAction->isEnabled());

        const QList<vault::Account> accounts = demoAccounts();
        w.addAccounts(accounts);
        QVERIFY(exportAction->isEnabled());
        QVERIFY(qrAction->isEnabled());

        // The keyboard path: the shortcut opens the current account's code; Esc closes it.
        QString shown;
        QTimer::singleShot(0, this, [&shown] {
            auto *dialog = qobject_cast<AccountQrDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            const QStringList decoded = QrDecoder::decode(dialog->code());
            shown = decoded.value(0);
            QTest::keyClick(dialog, Qt::Key_Escape);
        });
        QTest::keyClick(&w, Qt::Key_Q, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(shown.startsWith(u"otpauth://"_s));
        bool found = false;
        for (const vault::Account &a : accounts)
            found = found || OtpAuthUri::serialise(a.otp) == shown;
        QVERIFY2(found, qPrintable(shown));

        w.lock();
        QVERIFY(!exportAction->isEnabled());
        QVERIFY(!qrAction->isEnabled());
    }

    void screenshots()
    {
        ExportDialog dialog(demoAccounts());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        typePasswords(dialog, password, u"correct"_s);
        QVERIFY(dialog.grab().save(screenshotPath(u"export-mismatch"_s)));
        typePasswords(dialog, password, password);
        QVERIFY(dialog.grab().save(screenshotPath(u"export"_s)));
        dialog.setFormat(Format::OtpauthList);
        QTest::qWait(50); // let the layout settle after rows are hidden
        QVERIFY(dialog.grab().save(screenshotPath(u"export-plain"_s)));

        AccountQrDialog qr(demoAccounts().constFirst());
        qr.show();
        QVERIFY(QTest::qWaitForWindowExposed(&qr));
        QVERIFY(qr.grab().save(screenshotPath(u"account-qr"_s)));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
