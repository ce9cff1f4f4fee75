#include "clicommand.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace twofold::cli {

std::optional<int> parseOrExit(QCommandLineParser &parser, const Invocation &inv,
                               const QString &description)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({ u"h"_s, u"help"_s }, u"Show this help."_s);
    parser.addOption(help);
    if (!parser.parse(inv.arguments))
        return usage(inv, parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // QCommandLineParser names the program only; name the command too.
        text.replace(u"Usage: "_s + inv.arguments.constFirst(),
                     u"Usage: twofold-cli "_s + inv.command);
        inv.out << text;
        return Success;
    }
    return std::nullopt;
}

int fail(const Invocation &inv, const QString &message)
{
    inv.err << "twofold-cli " << inv.command << ": " << message << Qt::endl;
    return BadInput;
}

int usage(const Invocation &inv, const QString &message)
{
    inv.err << "twofold-cli " << inv.command << ": " << message << Qt::endl
            << "Try 'twofold-cli " << inv.command << " --help'." << Qt::endl;
    return UsageError;
}

QString valueOrStdin(const QString &value)
{
    if (value != u"-")
        return value;
    QTextStream in(stdin);
    return in.readLine().trimmed();
}

int dispatch(const Invocation &inv, const QList<Subcommand> &subcommands)
{
    const QString name = inv.arguments.value(1);
    for (const Subcommand &sub : subcommands) {
        if (sub.name == name) {
            Invocation subInv { inv.command + u' ' + name, inv.arguments, inv.out, inv.err };
            subInv.arguments.removeAt(1);
            return sub.run(subInv);
        }
    }
    const bool help = name == u"--help" || name == u"-h";
    QTextStream &stream = help ? inv.out : inv.err;
    if (!help)
        stream << "twofold-cli " << inv.command << ": "
               << (name.isEmpty() ? u"choose a subcommand."_s
                                  : u"unknown subcommand \"%1\"."_s.arg(name))
               << Qt::endl;
    stream << "Usage: twofold-cli " << inv.command << " SUBCOMMAND [OPTIONS]\n\nSubcommands:\n";
    for (const Subcommand &sub : subcommands)
        stream << "  " << sub.name.leftJustified(8) << "  " << sub.summary << '\n';
    stream << "\nRun 'twofold-cli " << inv.command << " SUBCOMMAND --help' for its options."
           << Qt::endl;
    return help ? Success : UsageError;
}

void addOtpOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        { u"totp"_s, u"Time-based code (RFC 6238); the default."_s },
        { u"hotp"_s, u"Counter-based code (RFC 4226)."_s },
        { u"steam"_s, u"Steam Guard code (5 characters)."_s },
        { { u"a"_s, u"algorithm"_s }, u"SHA1 (default), SHA256 or SHA512."_s, u"A"_s },
        { { u"d"_s, u"digits"_s }, u"Digits in the code: 6 (default) to 10."_s, u"N"_s },
        { { u"p"_s, u"period"_s },
          u"Seconds each TOTP code lasts: 30 (default) or any from 1."_s,
          u"S"_s },
        { { u"c"_s, u"counter"_s }, u"HOTP counter value."_s, u"C"_s },
    });
}

Result<void> applyOtpOptions(const QCommandLineParser &parser, OtpParameters &params)
{
    const int types = int(parser.isSet(u"totp"_s)) + int(parser.isSet(u"hotp"_s))
        + int(parser.isSet(u"steam"_s));
    if (types > 1)
        return Error { ErrorCode::InvalidArgument, u"Choose one of --totp, --hotp and --steam."_s };
    if (parser.isSet(u"totp"_s) || parser.isSet(u"hotp"_s)) {
        // Leaving Steam leaves its 5 characters behind too.
        if (params.type == OtpType::Steam)
            params.digits = 6;
        params.type = parser.isSet(u"totp"_s) ? OtpType::Totp : OtpType::Hotp;
    }
    if (parser.isSet(u"steam"_s)) {
        params.type = OtpType::Steam;
        params.digits = OtpParameters::steamDigits;
    }
    if (parser.isSet(u"algorithm"_s)) {
        const Result<HashAlgorithm> algorithm = hashAlgorithmFromName(parser.value(u"algorithm"_s));
        if (!algorithm)
            return algorithm.error();
        params.algorithm = *algorithm;
    }
    const auto number = [&parser](const QString &name, qint64 min, qint64 max) -> Result<qint64> {
        bool ok = false;
        const qint64 n = parser.value(name).toLongLong(&ok);
        if (!ok || n < min || n > max)
            return Error { ErrorCode::InvalidArgument,
                           u"--%1 must be a whole number from %2 to %3, not \"%4\"."_s.arg(name)
                               .arg(min)
                               .arg(max)
                               .arg(parser.value(name)) };
        return n;
    };
    if (parser.isSet(u"digits"_s)) {
        const Result<qint64> digits
            = number(u"digits"_s, OtpParameters::minDigits, OtpParameters::maxDigits);
        if (!digits)
            return digits.error();
        if (params.type == OtpType::Steam)
            return Error { ErrorCode::InvalidArgument,
                           u"Steam codes always have 5 characters; drop --digits."_s };
        params.digits = static_cast<int>(*digits);
    }
    if (parser.isSet(u"period"_s)) {
        if (params.type == OtpType::Hotp)
            return Error { ErrorCode::InvalidArgument,
                           u"--period is for TOTP and Steam codes; HOTP takes --counter."_s };
        const Result<qint64> period = number(u"period"_s, 1, std::numeric_limits<int>::max());
        if (!period)
            return period.error();
        params.period = *period;
    }
    if (parser.isSet(u"counter"_s)) {
        if (params.type != OtpType::Hotp)
            return Error { ErrorCode::InvalidArgument,
                           u"--counter is for HOTP codes; add --hotp."_s };
        const Result<qint64> counter = number(u"counter"_s, 0, std::numeric_limits<qint64>::max());
        if (!counter)
            return counter.error();
        params.counter = static_cast<quint64>(*counter);
    }
    return {};
}

} // namespace twofold::cli
