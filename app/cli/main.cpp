#include "clicommand.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace twofold::cli;

static const char usageText[] = R"(Usage: twofold-cli COMMAND [OPTIONS] [ARGUMENTS]

One-time codes, otpauth URIs and QR codes from the shell.

Commands:
  code        Print the current (or a given) TOTP, HOTP or Steam code
  uri parse   Print the fields of an otpauth URI as JSON
  uri make    Build an otpauth URI
  qr encode   Write text as a QR code image (PNG) or SVG
  qr decode   Print every QR code payload found in images
  migration decode   Print the accounts of a Google Authenticator export
  migration encode   Turn otpauth URIs (stdin) into Google Authenticator exports
  import      Print the accounts of another app's backup (Aegis, 2FAS, ...) as URIs
  export      Write accounts as a Twofold backup, an Aegis vault, URIs or QR codes

Run 'twofold-cli COMMAND --help' for a command's options.
Exit status: 0 success, 1 bad input, 2 usage error.
)";

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"twofold-cli"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TWOFOLD_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments();
    const QString first = args.value(1);
    if (first.isEmpty() || first == u"--help" || first == u"-h" || first == u"help") {
        (first.isEmpty() ? err : out) << usageText;
        return first.isEmpty() ? UsageError : Success;
    }
    if (first == u"--version") {
        out << "twofold-cli " << QCoreApplication::applicationVersion() << Qt::endl;
        return Success;
    }

    // "code" takes one word; "uri", "qr" and "migration" take a second one.
    static const QHash<QString, int (*)(const Invocation &)> commands = {
        { u"code"_s, runCode },
        { u"uri"_s, runUri },
        { u"qr"_s, runQr },
        { u"migration"_s, runMigration },
        { u"import"_s, runImport },
        { u"export"_s, runExport },
    };
    const auto command = commands.constFind(first);
    if (command == commands.cend()) {
        err << "twofold-cli: unknown command \"" << first << "\"." << Qt::endl
            << "Try 'twofold-cli --help'." << Qt::endl;
        return UsageError;
    }
    args.removeAt(1);
    return (*command)(Invocation { first, args, out, err });
}
