#include "clicommand.h"
#include "otp/otpauthuri.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace twofold::cli {

Result<vault::Importer::Imported> readImportable(const QString &path, const QString &password)
{
    QFile file(path == u"-" ? QString() : path);
    const bool opened
        = path == u"-" ? file.open(stdin, QIODevice::ReadOnly) : file.open(QIODevice::ReadOnly);
    if (!opened)
        return Error { ErrorCode::Io, u"Cannot open %1: %2."_s.arg(path, file.errorString()) };
    const QByteArray data = file.readAll();
    Result<vault::Importer::Imported> imported = vault::Importer::read(data, password);
    if (!imported && password.isEmpty()
        && vault::Importer::needsPassword(vault::Importer::detect(data)))
        return Error { imported.error().code,
                       imported.error().message
                           + u" Use --password P, or --password - to read it from stdin."_s };
    return imported;
}

int runImport(const Invocation &inv)
{
    QCommandLineParser parser;
    parser.addOption({ { u"p"_s, u"password"_s },
                       u"Password of an encrypted backup; \"-\" reads it from stdin."_s,
                       u"P"_s });
    parser.addPositionalArgument(
        u"FILE"_s,
        u"A backup of Aegis, 2FAS, andOTP, Bitwarden (JSON), FreeOTP+, a Google Authenticator "
        "export (text or QR image), a list of otpauth URIs or a Twofold backup; \"-\" reads "
        "stdin."_s);
    if (const auto exit = parseOrExit(
            parser, inv,
            u"Print the accounts of a backup as otpauth URIs, one per line, without touching a "
            "vault. The detected format and the count go to stderr."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usage(inv, u"Give exactly one FILE."_s);
    const QString path = parser.positionalArguments().constFirst();
    const QString passwordOption = parser.value(u"password"_s);
    if (path == u"-" && passwordOption == u"-")
        return usage(inv, u"stdin cannot carry both the FILE and the password."_s);

    const Result<vault::Importer::Imported> imported
        = readImportable(path, valueOrStdin(passwordOption));
    if (!imported)
        return fail(inv, imported.error().message);
    inv.err << "Detected: " << vault::Importer::formatName(imported->format) << ", "
            << imported->accounts.size()
            << (imported->accounts.size() == 1 ? " account" : " accounts") << Qt::endl;
    for (const vault::Account &account : imported->accounts)
        inv.out << OtpAuthUri::serialise(account.otp) << '\n';
    inv.out.flush();
    return Success;
}

} // namespace twofold::cli
