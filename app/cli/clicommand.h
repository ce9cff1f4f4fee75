#pragma once

#include "otp/otpparameters.h"
#include "result.h"
#include "vault/importer.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

namespace twofold::cli {

// Exit statuses every command keeps to: scripts branch on them.
enum ExitStatus { Success = 0, BadInput = 1, UsageError = 2 };

// What a command needs: its arguments and the two streams, so tests could drive it in-process.
struct Invocation
{
    QString command; // e.g. "code", "uri parse"
    QStringList arguments; // starts with the program name, as QCommandLineParser expects
    QTextStream &out;
    QTextStream &err;
};

// Parses the options; on --help prints help and returns Success, on a usage error returns
// UsageError after saying why. std::nullopt means: go on.
std::optional<int> parseOrExit(QCommandLineParser &parser, const Invocation &inv,
                               const QString &description);

int fail(const Invocation &inv, const QString &message); // one line on stderr, BadInput
int usage(const Invocation &inv, const QString &message); // one line + hint, UsageError

// Reads a command-line value, or the first line of standard input when the value is "-".
QString valueOrStdin(const QString &value);

// --totp/--hotp/--steam, --algorithm, --digits, --period, --counter: shared by code and uri make.
void addOtpOptions(QCommandLineParser &parser);
// Applies the options the user gave on top of params; an error names the option.
Result<void> applyOtpOptions(const QCommandLineParser &parser, OtpParameters &params);

// A command with subcommands ("uri parse"): picks one, or explains the choice.
struct Subcommand
{
    QString name;
    QString summary;
    int (*run)(const Invocation &);
};
int dispatch(const Invocation &inv, const QList<Subcommand> &subcommands);

int runCode(const Invocation &inv);
int runUri(const Invocation &inv);
int runQr(const Invocation &inv);
int runMigration(const Invocation &inv);
int runImport(const Invocation &inv);
int runExport(const Invocation &inv);

// Reads an importable file ("-": stdin) for import and export; errors are ready to print.
Result<vault::Importer::Imported> readImportable(const QString &path, const QString &password);

} // namespace twofold::cli
