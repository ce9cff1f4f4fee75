#include "clicommand.h"
#include "otp/otpauthuri.h"
#include "vault/exporter.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace twofold::cli {

namespace {

// "03-Air_Canada-Benjamin.png": sortable, and safe on every file system.
QString qrFileName(qsizetype index, const vault::Account &account)
{
    static const QRegularExpression unsafe(u"[^A-Za-z0-9._@-]+"_s);
    QString name = QStringList { account.otp.issuer, account.otp.account }.join(u'-');
    name.replace(unsafe, u"_"_s);
    return u"%1-%2.png"_s.arg(index + 1, 2, 10, QChar(u'0')).arg(name.left(80));
}

Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error { ErrorCode::Io, u"Cannot write %1: %2."_s.arg(path, file.errorString()) };
    return {};
}

int writeQrCodes(const Invocation &inv, const QList<vault::Account> &accounts, const QString &dir)
{
    if (!QDir().mkpath(dir))
        return fail(inv, u"Cannot create the directory %1."_s.arg(dir));
    for (qsizetype i = 0; i < accounts.size(); ++i) {
        const Result<QImage> image = vault::Exporter::qrCode(accounts[i]);
        if (!image)
            return fail(inv, image.error().message);
        const QString path = QDir(dir).filePath(qrFileName(i, accounts[i]));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !image->save(&file, "PNG") || !file.commit())
            return fail(inv, u"Cannot write %1: %2."_s.arg(path, file.errorString()));
        inv.out << path << '\n';
    }
    inv.out.flush();
    return Success;
}

} // namespace

int runExport(const Invocation &inv)
{
    QCommandLineParser parser;
    parser.addOptions({
        { { u"f"_s, u"format"_s },
          u"twofold (encrypted backup), aegis (encrypted Aegis vault), aegis-plain, otpauth "
          "(URIs, one per line) or qr (one PNG per account into --out DIR). Required."_s,
          u"FORMAT"_s },
        { { u"p"_s, u"password"_s },
          u"Password that encrypts the output; required by twofold and aegis. \"-\" reads it "
          "from stdin."_s,
          u"P"_s },
        { { u"o"_s, u"out"_s },
          u"File to write (default: stdout), or for qr the directory to write into."_s,
          u"FILE|DIR"_s },
        { u"vault-password"_s,
          u"Password that opens SOURCE when it is encrypted: a Twofold vault's password, or an "
          "encrypted backup's. \"-\" reads it from stdin."_s,
          u"P"_s },
    });
    parser.addPositionalArgument(
        u"SOURCE"_s,
        u"A Twofold vault file, or any file 'twofold-cli import' reads (so scripts can convert "
        "formats); \"-\" reads stdin."_s);
    if (const auto exit = parseOrExit(
            parser, inv,
            u"Write the accounts of a Twofold vault (or of another app's backup) as a Twofold "
            "backup, an Aegis vault, otpauth URIs or QR codes."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usage(inv, u"Give exactly one SOURCE."_s);

    const QString format = parser.value(u"format"_s);
    static const QStringList formats { u"twofold"_s, u"aegis"_s, u"aegis-plain"_s, u"otpauth"_s,
                                       u"qr"_s };
    if (!formats.contains(format))
        return usage(inv,
                     format.isEmpty()
                         ? u"--format is required."_s
                         : u"Unknown --format \"%1\"; use %2."_s.arg(format, formats.join(u", ")));
    const bool encrypts = format == u"twofold" || format == u"aegis";
    if (encrypts && !parser.isSet(u"password"_s))
        return usage(inv, u"--format %1 encrypts its output: give --password."_s.arg(format));
    if (!encrypts && parser.isSet(u"password"_s))
        return usage(inv, u"--format %1 is not encrypted; drop --password."_s.arg(format));
    if (format == u"qr" && !parser.isSet(u"out"_s))
        return usage(inv, u"--format qr writes files: give --out DIR."_s);
    const QString source = parser.positionalArguments().constFirst();
    const int fromStdin = int(source == u"-") + int(parser.value(u"password"_s) == u"-")
        + int(parser.value(u"vault-password"_s) == u"-");
    if (fromStdin > 1)
        return usage(inv, u"Only one of SOURCE, --password and --vault-password can be \"-\"."_s);

    const QString vaultPassword = valueOrStdin(parser.value(u"vault-password"_s));
    const QString password = valueOrStdin(parser.value(u"password"_s));
    if (encrypts && password.isEmpty())
        return usage(inv, u"The --password for the output cannot be empty."_s);
    const Result<vault::Importer::Imported> imported = readImportable(source, vaultPassword);
    if (!imported) {
        QString message = imported.error().message;
        message.replace(u"--password"_s, u"--vault-password"_s); // the source's password
        return fail(inv, message);
    }
    const QList<vault::Account> &accounts = imported->accounts;
    inv.err << "Read " << accounts.size() << (accounts.size() == 1 ? " account" : " accounts")
            << " from " << vault::Importer::formatName(imported->format) << '.' << Qt::endl;

    if (format == u"qr")
        return writeQrCodes(inv, accounts, parser.value(u"out"_s));

    Result<QByteArray> bytes = QByteArray();
    if (format == u"twofold")
        bytes = vault::Exporter::twofoldBackup(accounts, password);
    else if (format == u"aegis" || format == u"aegis-plain")
        bytes = vault::Exporter::aegis(accounts, format == u"aegis" ? password : QString());
    else
        bytes = vault::Exporter::otpauthList(accounts);
    if (!bytes)
        return fail(inv, bytes.error().message);
    if (!encrypts)
        inv.err << "Warning: the output holds every secret unencrypted; keep it safe and delete "
                   "it once used."
                << Qt::endl;

    if (parser.isSet(u"out"_s)) {
        if (const Result<void> written = writeFile(parser.value(u"out"_s), *bytes); !written)
            return fail(inv, written.error().message);
        return Success;
    }
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly) || out.write(*bytes) != bytes->size())
        return fail(inv, u"Cannot write to stdout."_s);
    out.flush();
    return Success;
}

} // namespace twofold::cli
