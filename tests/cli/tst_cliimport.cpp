#include "programrun.h"
#include "tools.h"
#include "vectors.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// `twofold-cli import` and `export`, run as a user's shell would run them.
namespace {

using Run = ProgramRun;

Run runCli(const QStringList &arguments, const QByteArray &input = {})
{
    return runProgram(QStringLiteral(TWOFOLD_CLI), arguments, input);
}

QStringList lines(const QString &text)
{
    return text.split(u'\n', Qt::SkipEmptyParts);
}

const QByteArray twoAccounts
    = "otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno\n"
      "otpauth://hotp/WWE:Mason?secret=5VAML3X35THCEBVRLV24CGBKOY&issuer=WWE&counter=7\n";

} // namespace

class TestCliImport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void importsVector_data();
    void importsVector();
    void importReadsPasswordFromStdin();
    void importReadsFileFromStdin();
    void importFails_data();
    void importFails();

    void exportRoundTrip_data();
    void exportRoundTrip();
    void exportQrCodesDecodeWithZbarimg();
    void exportReadsVaultPasswordFromStdin();
    void exportWrongSourcePassword();

    void usageErrors_data();
    void usageErrors();
    void help_data();
    void help();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QString writeInput(const QString &name, const QByteArray &bytes);

    QTemporaryDir m_dir;
};

void TestCliImport::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(TWOFOLD_CLI)).isExecutable(), TWOFOLD_CLI);
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
}

QString TestCliImport::writeInput(const QString &name, const QByteArray &bytes)
{
    QFile file(path(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return file.fileName();
}

void TestCliImport::importsVector_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("detected");
    QTest::newRow("otpauth list") << u"plain.txt"_s << QString()
                                  << u"Detected: otpauth URI list, 7 accounts"_s;
    QTest::newRow("Aegis plain") << u"aegis_plain.json"_s << QString()
                                 << u"Detected: Aegis, 7 accounts"_s;
    QTest::newRow("Aegis encrypted")
        << u"aegis_encrypted.json"_s << u"test"_s << u"Detected: Aegis (encrypted), 7 accounts"_s;
    QTest::newRow("2FAS plain") << u"2fas_authenticator_plain.2fas"_s << QString()
                                << u"Detected: 2FAS, 4 accounts"_s;
    QTest::newRow("2FAS encrypted") << u"2fas_authenticator_encrypted.2fas"_s << u"test"_s
                                    << u"Detected: 2FAS (encrypted), 4 accounts"_s;
    QTest::newRow("andOTP plain") << u"andotp_plain.json"_s << QString()
                                  << u"Detected: andOTP, 7 accounts"_s;
    QTest::newRow("andOTP encrypted")
        << u"andotp_encrypted.bin"_s << u"test"_s << u"Detected: andOTP (encrypted), 7 accounts"_s;
    QTest::newRow("Bitwarden") << u"bitwarden.json"_s << QString()
                               << u"Detected: Bitwarden, 4 accounts"_s;
    QTest::newRow("FreeOTP+") << u"freeotp_plus.json"_s << QString()
                              << u"Detected: FreeOTP+, 6 accounts"_s;
}

// stdout holds only URIs that parse back; stderr names the format and the count.
void TestCliImport::importsVector()
{
    REQUIRE_VECTORS(dir);
    QFETCH(QString, file);
    QFETCH(QString, password);
    QFETCH(QString, detected);
    QStringList arguments { u"import"_s, dir + u"/import/"_s + file };
    if (!password.isEmpty())
        arguments << u"--password"_s << password;
    const Run run = runCli(arguments);
    QVERIFY2(run.ok(), run.describe(arguments));
    QCOMPARE(run.err.trimmed(), detected);
    const QStringList uris = lines(run.out);
    QCOMPARE(uris.size(), detected.section(u' ', -2, -2).toInt());
    for (const QString &uri : uris) {
        const QStringList parse { u"uri"_s, u"parse"_s, uri };
        const Run parsed = runCli(parse);
        QVERIFY2(parsed.ok(), parsed.describe(parse));
    }
}

void TestCliImport::importReadsPasswordFromStdin()
{
    REQUIRE_VECTORS(dir);
    const QStringList arguments { u"import"_s, u"--password"_s, u"-"_s,
                                  dir + u"/import/aegis_encrypted.json"_s };
    const Run run = runCli(arguments, "test\n");
    QVERIFY2(run.ok(), run.describe(arguments));
    QCOMPARE(lines(run.out).size(), 7);
}

void TestCliImport::importReadsFileFromStdin()
{
    const QStringList arguments { u"import"_s, u"-"_s };
    const Run run = runCli(arguments, twoAccounts);
    QVERIFY2(run.ok(), run.describe(arguments));
    QCOMPARE(lines(run.out).size(), 2);
    QVERIFY(run.out.contains(u"counter=7"_s));
}

void TestCliImport::importFails_data()
{
    QTest::addColumn<QString>("file"); // in vectors/import, or "own:" + text written here
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("message");
    QTest::newRow("wrong password")
        << u"aegis_encrypted.json"_s << QStringList { u"--password"_s, u"nope"_s }
        << u"twofold-cli import: The password is wrong"_s;
    QTest::newRow("missing password") << u"andotp_encrypted.bin"_s << QStringList()
                                      << u"This andOTP backup is encrypted; give its password."_s;
    QTest::newRow("unknown file") << u"own:Dear diary,\n"_s << QStringList()
                                  << u"Twofold does not recognise this file."_s;
    QTest::newRow("bad entry, nothing printed")
        << u"own:otpauth://totp/A:b?secret=AAAA\notpauth://totp/C:d?secret=A!\n"_s << QStringList()
        << u"Line 2:"_s;
    QTest::newRow("missing file") << u"own-missing"_s << QStringList() << u"Cannot open"_s;
}

void TestCliImport::importFails()
{
    QFETCH(QString, file);
    QFETCH(QStringList, options);
    QFETCH(QString, message);
    QString input;
    if (file.startsWith(u"own:"_s)) {
        input = writeInput(u"input.txt"_s, file.mid(4).toUtf8());
    } else if (file == u"own-missing") {
        input = path(u"does-not-exist.json"_s);
    } else {
        REQUIRE_VECTORS(dir);
        input = dir + u"/import/"_s + file;
    }
    const QStringList arguments = QStringList { u"import"_s } + options + QStringList { input };
    const Run run = runCli(arguments);
    QVERIFY2(run.failure.isEmpty() && run.exitCode == 1, run.describe(arguments));
    QVERIFY2(run.out.isEmpty(), run.describe(arguments));
    QCOMPARE(lines(run.err).size(), 1);
    QVERIFY2(run.err.contains(message), run.describe(arguments));
}

void TestCliImport::exportRoundTrip_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("password");
    QTest::newRow("twofold backup reads back") << u"twofold"_s << u"s3cret"_s;
    QTest::newRow("encrypted Aegis reads back") << u"aegis"_s << u"s3cret"_s;
    QTest::newRow("plain Aegis reads back") << u"aegis-plain"_s << QString();
    QTest::newRow("otpauth list reads back") << u"otpauth"_s << QString();
}

// Converting a backup and importing the result gives the same URIs as importing the original.
void TestCliImport::exportRoundTrip()
{
    REQUIRE_VECTORS(dir);
    QFETCH(QString, format);
    QFETCH(QString, password);
    const QString source = dir + u"/import/aegis_encrypted.json"_s;
    const QStringList importOriginal { u"import"_s, u"--password"_s, u"test"_s, source };
    const Run original = runCli(importOriginal);
    QVERIFY2(original.ok(), original.describe(importOriginal));

    const QString out = path(u"export-"_s + format);
    QStringList exportArgs { u"export"_s, u"--format"_s, format, u"--vault-password"_s,
                             u"test"_s,   u"--out"_s,    out,    source };
    if (!password.isEmpty())
        exportArgs << u"--password"_s << password;
    const Run exported = runCli(exportArgs);
    QVERIFY2(exported.ok(), exported.describe(exportArgs));
    QVERIFY(exported.out.isEmpty()); // the file went to --out
    QCOMPARE(exported.err.contains(u"Warning:"_s), password.isEmpty());

    QStringList importBack { u"import"_s, out };
    if (!password.isEmpty())
        importBack << u"--password"_s << password;
    const Run back = runCli(importBack);
    QVERIFY2(back.ok(), back.describe(importBack));
    QCOMPARE(back.out, original.out);
}

void TestCliImport::exportQrCodesDecodeWithZbarimg()
{
    REQUIRE_TOOL(zbarimg, "zbarimg");
    const QString input = writeInput(u"two.txt"_s, twoAccounts);
    const QString outDir = path(u"qr"_s);
    const QStringList arguments { u"export"_s, u"--format"_s, u"qr"_s, u"--out"_s, outDir, input };
    const Run run = runCli(arguments);
    QVERIFY2(run.ok(), run.describe(arguments));
    const QStringList files = lines(run.out);
    QCOMPARE(files.size(), 2);
    QCOMPARE(QDir(outDir).entryList({ u"*.png"_s }).size(), 2);

    const Run imported = runCli({ u"import"_s, input });
    QVERIFY(imported.ok());
    const QStringList uris = lines(imported.out);
    for (qsizetype i = 0; i < files.size(); ++i) {
        const Run decoded = runProgram(zbarimg, { u"-q"_s, u"--raw"_s, files[i] });
        QVERIFY2(decoded.ok(), decoded.describe({ files[i] }));
        QCOMPARE(decoded.out.trimmed(), uris[i]);
    }
}

void TestCliImport::exportReadsVaultPasswordFromStdin()
{
    REQUIRE_VECTORS(dir);
    const QStringList arguments { u"export"_s,  u"-f"_s,
                                  u"otpauth"_s, u"--vault-password"_s,
                                  u"-"_s,       dir + u"/import/andotp_encrypted.bin"_s };
    const Run run = runCli(arguments, "test\n");
    QVERIFY2(run.ok(), run.describe(arguments));
    QCOMPARE(lines(run.out).size(), 7);
}

void TestCliImport::exportWrongSourcePassword()
{
    REQUIRE_VECTORS(dir);
    const QStringList arguments {
        u"export"_s,           u"-f"_s,    u"otpauth"_s,
        u"--vault-password"_s, u"wrong"_s, dir + u"/import/2fas_authenticator_encrypted.2fas"_s
    };
    const Run run = runCli(arguments);
    QVERIFY2(run.failure.isEmpty() && run.exitCode == 1, run.describe(arguments));
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(u"The password is wrong"_s), run.describe(arguments));
}

void TestCliImport::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString file = u"input.txt"_s; // never read: the usage check comes first
    QTest::newRow("import without FILE") << QStringList { u"import"_s } << u"exactly one FILE"_s;
    QTest::newRow("import with two files")
        << QStringList { u"import"_s, file, file } << u"exactly one FILE"_s;
    QTest::newRow("import with an unknown option")
        << QStringList { u"import"_s, u"--bogus"_s, file } << u"bogus"_s;
    QTest::newRow("import: file and password both from stdin")
        << QStringList { u"import"_s, u"--password"_s, u"-"_s, u"-"_s } << u"stdin"_s;
    QTest::newRow("export without --format")
        << QStringList { u"export"_s, file } << u"--format is required"_s;
    QTest::newRow("export to an unknown format")
        << QStringList { u"export"_s, u"-f"_s, u"keepass"_s, file } << u"Unknown --format"_s;
    QTest::newRow("encrypted export without --password")
        << QStringList { u"export"_s, u"-f"_s, u"aegis"_s, file } << u"give --password"_s;
    QTest::newRow("plain export with --password")
        << QStringList { u"export"_s, u"-f"_s, u"otpauth"_s, u"-p"_s, u"x"_s, file }
        << u"drop --password"_s;
    QTest::newRow("qr export without --out")
        << QStringList { u"export"_s, u"-f"_s, u"qr"_s, file } << u"--out DIR"_s;
    QTest::newRow("export with two passwords from stdin")
        << QStringList { u"export"_s,           u"-f"_s, u"aegis"_s, u"-p"_s, u"-"_s,
                         u"--vault-password"_s, u"-"_s,  file }
        << u"Only one of"_s;
}

void TestCliImport::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = runCli(arguments);
    QVERIFY2(run.failure.isEmpty() && run.exitCode == 2, run.describe(arguments));
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(message), run.describe(arguments));
}

void TestCliImport::help_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("import --help") << u"import"_s;
    QTest::newRow("export --help") << u"export"_s;
}

void TestCliImport::help()
{
    QFETCH(QString, command);
    const QStringList arguments { command, u"--help"_s };
    const Run run = runCli(arguments);
    QVERIFY2(run.ok(), run.describe(arguments));
    QVERIFY(run.out.startsWith(u"Usage: twofold-cli "_s + command));
    const Run top = runCli({ u"--help"_s });
    QVERIFY(top.out.contains(u"  "_s + command + u' '));
}

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cliimport.moc"
