#include "clicommand.h"
#include "otp/migrationpayload.h"
#include "otp/otpauthuri.h"
#include "qr/qrdecoder.h"

#include <QFile>
#include <QImage>

using namespace Qt::StringLiterals;

namespace twofold::cli {

namespace {

struct Source
{
    QString where; // "line 3 of x.txt", for messages
    QString text;
};

// The migration URIs in an argument: the URI itself, the QR codes of an image, or a text file
// with one URI per line ('#' comments and blank lines skipped).
Result<QList<Source>> collectSources(const QString &argument)
{
    if (argument.startsWith(u"otpauth-migration:"_s, Qt::CaseInsensitive))
        return QList<Source> { { u"the URI"_s, argument } };
    QFile file(argument);
    const bool opened
        = argument == u"-" ? file.open(stdin, QIODevice::ReadOnly) : file.open(QIODevice::ReadOnly);
    if (!opened) {
        return Error {
            ErrorCode::Io,
            argument.contains(u"://"_s)
                ? u"This is not a Google Authenticator export: expected otpauth-migration://offline?data=…"_s
                : u"Cannot open %1: %2."_s.arg(argument, file.errorString())
        };
    }
    const QByteArray bytes = file.readAll();
    QList<Source> sources;
    const QImage image = QImage::fromData(bytes);
    if (!image.isNull()) {
        const QStringList payloads = QrDecoder::decode(image);
        if (payloads.isEmpty())
            return Error { ErrorCode::QrNotFound,
                           u"%1 holds no QR code that could be read."_s.arg(argument) };
        for (const QString &payload : payloads)
            sources.append({ u"a QR code in %1"_s.arg(argument), payload });
        return sources;
    }
    const QStringList lines = QString::fromUtf8(bytes).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (!line.isEmpty() && !line.startsWith(u'#'))
            sources.append({ u"line %1 of %2"_s.arg(i + 1).arg(argument), line });
    }
    if (sources.isEmpty())
        return Error { ErrorCode::MigrationPrefix, u"%1 holds no migration URI."_s.arg(argument) };
    return sources;
}

int decodeMigration(const Invocation &inv)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        u"URI|FILE"_s,
        u"An otpauth-migration:// URI, a QR image of one, or a text file of them; \"-\" reads stdin."_s);
    if (const auto exit = parseOrExit(
            parser, inv, u"Print the accounts of a Google Authenticator export as otpauth URIs."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usage(inv, u"Give exactly one URI or FILE."_s);

    const Result<QList<Source>> sources = collectSources(parser.positionalArguments().constFirst());
    if (!sources)
        return fail(inv, sources.error().message);
    // Decode everything before printing anything: a damaged batch yields no accounts at all.
    QStringList uris;
    for (const Source &source : *sources) {
        const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(source.text);
        if (!batch)
            return fail(inv, u"In %1: %2"_s.arg(source.where, batch.error().message));
        for (const OtpParameters &account : batch->accounts)
            uris.append(OtpAuthUri::serialise(account));
    }
    for (const QString &uri : uris)
        inv.out << uri << '\n';
    inv.out.flush();
    return Success;
}

int encodeMigration(const Invocation &inv)
{
    QCommandLineParser parser;
    if (const auto exit
        = parseOrExit(parser, inv,
                      u"Read otpauth URIs from stdin, one per line, and print Google "
                      "Authenticator migration URIs (10 accounts each)."_s))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return usage(inv, u"This command reads its URIs from stdin and takes no arguments."_s);

    QTextStream in(stdin);
    QList<OtpParameters> accounts;
    for (int lineNumber = 1; !in.atEnd(); ++lineNumber) {
        const QString line = in.readLine().trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        Result<OtpParameters> account = OtpAuthUri::parse(line);
        if (!account)
            return fail(inv, u"Line %1: %2"_s.arg(lineNumber).arg(account.error().message));
        accounts.append(std::move(*account));
    }
    if (accounts.isEmpty())
        return fail(inv, u"No otpauth URIs on stdin; give one per line."_s);
    const Result<QStringList> uris = MigrationPayload::encode(accounts);
    if (!uris)
        return fail(inv, uris.error().message);
    for (const QString &uri : *uris)
        inv.out << uri << '\n';
    inv.out.flush();
    return Success;
}

} // namespace

int runMigration(const Invocation &inv)
{
    return dispatch(inv,
                    { { u"decode"_s, u"Print the accounts of a Google Authenticator export"_s,
                        decodeMigration },
                      { u"encode"_s, u"Turn otpauth URIs from stdin into migration URIs"_s,
                        encodeMigration } });
}

} // namespace twofold::cli
