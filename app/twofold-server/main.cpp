// twofold-server: the verification service (serve) and its scripting subcommands, which work
// on the data directory directly: init, app, user, token, bypass, admin, policy, outbox, audit.
#include "client/activationlink.h"
#include "crypto/certificate.h"
#include "crypto/eckey.h"
#include "qr/qrencoder.h"
#include "server/httpapi.h"
#include "server/server.h"
#include "server/serverlog.h"
#include "server/tokens/azurecsvreader.h"
#include "server/tokens/pskcreader.h"
#ifdef TWOFOLD_EPOLL_DISPATCHER
#include "server/epolldispatcher.h"
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;

namespace {

enum ExitStatus { Success = 0, Failure = 1, UsageError = 2 };

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &message)
{
    err() << "twofold-server: " << message << Qt::endl;
    return Failure;
}

const char usageText[] = R"(Usage: twofold-server COMMAND [OPTIONS]

The Twofold verification service, compatible with the Duo Auth API v2.

Commands:
  init                     Create the data directory, its database, keys, certificate and first admin
  serve                    Run the service
  app add NAME             Create a relying application and print its ikey and skey
  app list                 List the applications
  user add USERNAME        Create a user (--email, --phone, --group, --voice-pin)
  user update USERNAME     Change a user (--email, --phone, --group, --voice-pin)
  user enroll USERNAME app_code    Enroll an authenticator app and print its otpauth URI
  user confirm USERNAME CODE       Confirm an app code enrollment with its first code
  user block USERNAME | user unblock USERNAME
  user show USERNAME       Print a user and their methods as JSON
  user activate USERNAME   Print a push device activation link (twofold://activate?...) (--url)
  token import FILE        Import OATH tokens from an Azure CSV or PSKC file (--password, --key)
  token assign SERIAL USERNAME | token activate SERIAL CODE
  bypass USERNAME          Print a one-time bypass code (--count N)
  admin add USERNAME       Create an administrator (--role admin|helpdesk|auditor)
  policy show | policy set JSON    Print or change the policy
  outbox list | outbox answer CALL KEYS    The outbox provider's messages and calls
  audit verify             Check the audit log's hash chain
  database copy --to URL   Move the data to an empty PostgreSQL database and use it from now on

Every command takes --data DIR (default: $TWOFOLD_DATA, $STATE_DIRECTORY, or the user's data folder).
Exit status: 0 success, 1 failure, 2 usage error.
)";

QString defaultDataDir()
{
    const auto env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : { u"TWOFOLD_DATA"_s, u"STATE_DIRECTORY"_s }) {
        if (!env.value(name).isEmpty())
            return env.value(name).split(u':').first();
    }
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(u"twofold-server"_s);
}

// The options every command shares, then the command's own.
struct Command
{
    QCommandLineParser parser;
    QStringList positional;
    QString dataDir;

    Command(const QStringList &arguments, const QString &description,
            const QList<QCommandLineOption> &options, const QString &positionalHelp)
    {
        parser.setApplicationDescription(description);
        parser.addHelpOption();
        parser.addOption({ u"data"_s, u"The data directory."_s, u"DIR"_s });
        parser.addOption({ u"database"_s,
                           u"A postgresql:// URL instead of the data directory's SQLite file."_s,
                           u"URL"_s });
        parser.addOptions(options);
        if (!positionalHelp.isEmpty())
            parser.addPositionalArgument(u"arguments"_s, positionalHelp);
        m_ok = parser.parse(arguments);
        // addHelpOption() also adds --help-all, which must print too, never run the command.
        if (m_ok && (parser.isSet(u"help"_s) || parser.isSet(u"help-all"_s))) {
            out() << helpText();
            m_help = true;
        }
        positional = parser.positionalArguments();
        dataDir = parser.isSet(u"data"_s) ? parser.value(u"data"_s) : defaultDataDir();
    }
    // nullopt: go on; otherwise the exit status.
    std::optional<int> check(int minPositional, int maxPositional)
    {
        if (!m_ok) {
            err() << "twofold-server: " << parser.errorText() << Qt::endl
                  << "Try --help." << Qt::endl;
            return UsageError;
        }
        if (m_help)
            return Success;
        if (positional.size() < minPositional || positional.size() > maxPositional) {
            err() << "twofold-server: wrong number of arguments." << Qt::endl << helpText();
            return UsageError;
        }
        return std::nullopt;
    }
    // "Usage: twofold-server COMMAND [options] ...", where Qt would print the program's path.
    QString helpText() const
    {
        QString text = parser.helpText();
        text.replace(u"Usage: "_s + QCoreApplication::arguments().constFirst(),
                     u"Usage: twofold-server "_s + QCoreApplication::arguments().value(1));
        return text;
    }
    Result<ServerConfig> config() const
    {
        auto loaded = ServerConfig::load(dataDir);
        if (loaded && parser.isSet(u"database"_s))
            loaded->database = parser.value(u"database"_s);
        return loaded;
    }

private:
    bool m_ok = false;
    bool m_help = false;
};

// Draws a QR code with half blocks: two modules per character cell, readable by a phone camera.
QString terminalQr(const QString &text)
{
    QrEncoder::Options options;
    options.moduleSize = 1;
    options.quietZone = 2;
    const auto image = QrEncoder::toImage(text.toUtf8(), options);
    if (!image)
        return {};
    const QImage qr = image->convertToFormat(QImage::Format_Grayscale8);
    QString drawing;
    for (int y = 0; y < qr.height(); y += 2) {
        for (int x = 0; x < qr.width(); ++x) {
            const bool top = qGray(qr.pixel(x, y)) < 128;
            const bool bottom = y + 1 < qr.height() && qGray(qr.pixel(x, y + 1)) < 128;
            // Dark modules are drawn as spaces on a light terminal's background and vice versa:
            // the block characters paint the light modules.
            drawing += !top && !bottom ? QChar(0x2588)
                : !top                 ? QChar(0x2580)
                : !bottom              ? QChar(0x2584)
                                       : QChar(u' ');
        }
        drawing += u'\n';
    }
    return drawing;
}

// settings: the command line's changes to config.json (serve's --listen), when there are any.
Result<std::unique_ptr<Server>> openServer(const Command &command, const Clock &clock,
                                           const ServerConfig *settings = nullptr)
{
    auto config = settings ? Result<ServerConfig>(*settings) : command.config();
    if (!config)
        return config.error();
    if (!QFile::exists(config->keyPath())
        && QProcessEnvironment::systemEnvironment().value(u"TWOFOLD_SERVER_KEY"_s).isEmpty())
        return Error {
            ErrorCode::Config,
            u"%1 is not a Twofold data directory; run twofold-server init --data %1 first."_s.arg(
                command.dataDir)
        };
    return Server::open(*config, clock);
}

int runInit(const QStringList &args)
{
    Command command(
        args,
        u"Creates the data directory: database, server key, TLS certificate and first admin."_s,
        { { u"host"_s, u"A host name the certificate names (repeatable)."_s, u"NAME"_s },
          { u"listen"_s, u"The address and port serve listens on (127.0.0.1:8443)."_s,
            u"ADDR:PORT"_s },
          { u"admin"_s, u"The first administrator's username (admin)."_s, u"NAME"_s },
          { u"first-admin-file"_s,
            u"Write the first administrator's password and sign-in key to FILE (mode 0600) "
            u"instead of printing them, e.g. when the output goes to a journal."_s,
            u"FILE"_s } },
        {});
    if (auto exit = command.check(0, 0))
        return *exit;
    auto config = command.config();
    if (!config)
        return fail(config.error().message);
    if (QFile::exists(config->keyPath()))
        return fail(u"%1 is set up already (it has a server key); nothing was changed."_s.arg(
            command.dataDir));
    if (!QDir().mkpath(command.dataDir)
        || !QFile::setPermissions(command.dataDir,
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                      | QFileDevice::ExeOwner))
        return fail(u"Cannot create the data directory %1."_s.arg(command.dataDir));
    config->hostNames = command.parser.values(u"host"_s);
    if (command.parser.isSet(u"listen"_s)) {
        if (auto ok = config->setListen(command.parser.value(u"listen"_s)); !ok)
            return fail(ok.error().message);
    }
    if (auto saved = config->save(); !saved)
        return fail(saved.error().message);
    if (auto key = SecretBox::create(config->keyPath()); !key)
        return fail(key.error().message);

    // The TLS key doubles as the key that signs push challenges; devices pin its certificate.
    auto tlsKey = EcKey::generate();
    if (!tlsKey)
        return fail(tlsKey.error().message);
    QStringList dnsNames { u"localhost"_s };
    dnsNames += config->hostNames;
    auto certificate
        = createSelfSignedCertificate(*tlsKey, dnsNames, { u"127.0.0.1"_s, u"::1"_s }, 825);
    if (!certificate)
        return fail(certificate.error().message);
    for (const auto &[path, bytes] :
         { std::pair { config->certificateKeyPath(), tlsKey->privatePem() },
           std::pair { config->certificatePath(), certificate->pem } }) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)
            || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || file.write(bytes) < 0 || !file.commit())
            return fail(u"Cannot write %1: %2"_s.arg(path, file.errorString()));
    }

    SystemClock clock;
    auto server = Server::open(*config, clock);
    if (!server)
        return fail(server.error().message);
    const QString adminName
        = command.parser.isSet(u"admin"_s) ? command.parser.value(u"admin"_s) : u"admin"_s;
    auto admin = (*server)->directory().addAdmin(adminName, Role::Admin, u"cli"_s);
    if (!admin)
        return fail(admin.error().message);
    // The password and the TOTP key are the keys to the whole service: printed to a terminal,
    // or written to a file only its owner reads when the output is logged (the systemd unit).
    QString credentials;
    QTextStream(&credentials) << "First administrator: " << admin->admin.username << Qt::endl
                              << "Password: " << admin->password << Qt::endl
                              << "Add this account to an authenticator app for the admin "
                                 "sign-in codes:"
                              << Qt::endl
                              << admin->otpauthUri << Qt::endl
                              << terminalQr(admin->otpauthUri) << Qt::endl;
    const QString credentialsPath = command.parser.value(u"first-admin-file"_s);
    if (!credentialsPath.isEmpty()) {
        QSaveFile file(credentialsPath);
        if (!file.open(QIODevice::WriteOnly)
            || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || file.write(credentials.toUtf8()) < 0 || !file.commit())
            return fail(u"Cannot write %1: %2"_s.arg(credentialsPath, file.errorString()));
    }
    out() << "Created " << QDir(command.dataDir).absolutePath() << Qt::endl
          << "Database: "
          << (config->database.isEmpty() ? config->databaseLocation() : u"PostgreSQL"_s) << Qt::endl
          << "TLS certificate: " << config->certificatePath() << Qt::endl
          << "Certificate SHA-256 fingerprint: "
          << QString::fromLatin1(certificateSha256Fingerprint(certificate->pem)) << Qt::endl
          << Qt::endl;
    if (credentialsPath.isEmpty())
        out() << credentials;
    else
        out() << "The first administrator (" << admin->admin.username
              << "), their password and sign-in key are in " << credentialsPath
              << " (readable by this user only); delete it after the first sign-in." << Qt::endl;
    out() << "Start the service with: twofold-server serve --data " << command.dataDir << Qt::endl;
    return Success;
}

int signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

int runServe(const QStringList &args)
{
    Command command(
        args, u"Runs the verification service."_s,
        { { u"listen"_s, u"Address and port, e.g. 127.0.0.1:8443 or [::]:443."_s, u"ADDR:PORT"_s },
          { u"plain-http"_s, u"Serve plain HTTP (loopback addresses only)."_s } },
        {});
    if (auto exit = command.check(0, 0))
        return *exit;
    auto config = command.config();
    if (!config)
        return fail(config.error().message);
    if (command.parser.isSet(u"listen"_s)) {
        if (auto ok = config->setListen(command.parser.value(u"listen"_s)); !ok)
            return fail(ok.error().message);
    }
    if (command.parser.isSet(u"plain-http"_s))
        config->tls = false;
    SystemClock clock;
    auto served = openServer(command, clock, &*config);
    if (!served)
        return fail(served.error().message);
    HttpApi api(**served);
    auto port = api.listen(config->address, config->port, config->tls);
    if (!port)
        return fail(port.error().message);
    logEvent(u"info"_s, u"listening"_s,
             { { u"address"_s, config->address.toString() },
               { u"port"_s, int(*port) },
               { u"tls"_s, config->tls },
               { u"database"_s, (*served)->storage().isPostgres() ? u"postgresql"_s : u"sqlite"_s },
               { u"provider"_s, (*served)->provider().name() } });

    // SIGTERM and SIGINT reach the event loop through a socket pair; the shutdown then answers
    // the parked long polls, lets the answers go out, and quits.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return fail(u"Cannot set up signal handling."_s);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &api, [&api, &notifier] {
        char byte;
        [[maybe_unused]] const auto read = ::read(signalPipe[0], &byte, 1);
        notifier.setEnabled(false);
        logEvent(u"info"_s, u"shutting down"_s, { { u"parked"_s, api.parkedCount() } });
        api.shutdown();
    });
    QObject::connect(&api, &HttpApi::drained, qApp, [] {
        logEvent(u"info"_s, u"stopped"_s);
        QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}

void printJson(const QJsonObject &json)
{
    out() << QJsonDocument(json).toJson(QJsonDocument::Indented);
}

int runApp(const QStringList &args)
{
    Command command(args, u"Relying applications: app add NAME, app list."_s, {},
                    u"add NAME | list"_s);
    if (auto exit = command.check(1, 2))
        return *exit;
    SystemClock clock;
    auto server = openServer(command, clock);
    if (!server)
        return fail(server.error().message);
    const QString verb = command.positional[0];
    if (verb == u"add" && command.positional.size() == 2) {
        auto app = (*server)->directory().addApplication(command.positional[1], u"cli"_s);
        if (!app)
            return fail(app.error().message);
        out() << "ikey: " << app->app.ikey << Qt::endl << "skey: " << app->skey << Qt::endl;
        return Success;
    }
    if (verb == u"list" && command.positional.size() == 1) {
        auto apps = (*server)->directory().applications();
        if (!apps)
            return fail(apps.error().message);
        for (const Application &app : *apps)
            out() << app.ikey << '\t' << app.name << Qt::endl;
        return Success;
    }
    err() << command.helpText();
    return UsageError;
}

int runUser(const QStringList &args)
{
    Command command(
        args, u"Users: add, update, enroll, confirm, block, unblock, show, activate."_s,
        { { u"email"_s, u"Email address."_s, u"EMAIL"_s },
          { u"phone"_s, u"Phone number in international form (+31612345678)."_s, u"PHONE"_s },
          { u"group"_s, u"Group name."_s, u"GROUP"_s },
          { u"voice-pin"_s, u"A 4 to 8 digit PIN for phone calls."_s, u"PIN"_s },
          { u"issuer"_s, u"The issuer shown in the app (Twofold)."_s, u"NAME"_s },
          { u"url"_s, u"The server URL a push device connects to (https://HOST:PORT)."_s,
            u"URL"_s } },
        u"add|update|enroll|confirm|block|unblock|show|activate USERNAME [...]"_s);
    if (auto exit = command.check(2, 3))
        return *exit;
    SystemClock clock;
    auto server = openServer(command, clock);
    if (!server)
        return fail(server.error().message);
    Directory &directory = (*server)->directory();
    const QString verb = command.positional[0];
    const QString name = command.positional[1];
    const auto optional = [&](const QString &option) -> std::optional<QString> {
        return command.parser.isSet(option) ? std::optional(command.parser.value(option))
                                            : std::nullopt;
    };
    const UserFields fields { optional(u"email"_s), optional(u"phone"_s), optional(u"group"_s),
                              optional(u"voice-pin"_s) };
    if (verb == u"add" || verb == u"update") {
        auto user = verb == u"add" ? directory.addUser(name, fields, u"cli"_s)
                                   : directory.updateUser(name, fields, u"cli"_s);
        if (!user)
            return fail(user.error().message);
        out() << user->id << '\t' << user->username << Qt::endl;
        return Success;
    }
    if (verb == u"enroll") {
        if (command.positional.value(2) != u"app_code")
            return fail(
                u"Enroll which method? Only app_code is enrolled here: user enroll USERNAME app_code"_s);
        auto enrolled = (*server)->enrollment().enrollAppCode(
            name, optional(u"issuer"_s).value_or(QString()), u"cli"_s);
        if (!enrolled)
            return fail(enrolled.error().message);
        out() << enrolled->otpauthUri << Qt::endl;
        return Success;
    }
    if (verb == u"confirm" && command.positional.size() == 3) {
        auto confirmed
            = (*server)->enrollment().confirmAppCode(name, command.positional[2], u"cli"_s);
        return confirmed ? Success : fail(confirmed.error().message);
    }
    if (verb == u"block") {
        auto blocked = directory.block(name, 0, u"cli"_s, u"cli"_s);
        return blocked ? Success : fail(blocked.error().message);
    }
    if (verb == u"unblock") {
        auto unblocked = directory.unblock(name, u"cli"_s);
        return unblocked ? Success : fail(unblocked.error().message);
    }
    if (verb == u"activate") {
        auto code = (*server)->enrollment().createActivation(name, u"cli"_s);
        if (!code)
            return fail(code.error().message);
        QFile certificate((*server)->config().certificatePath());
        if (!certificate.open(QIODevice::ReadOnly))
            return fail(u"Cannot read the TLS certificate %1."_s.arg(certificate.fileName()));
        const ServerConfig &config = (*server)->config();
        // The certificate names localhost and the configured host names, not 0.0.0.0.
        const QString host = !config.hostNames.isEmpty() ? config.hostNames.first()
            : config.address.isLoopback() || config.address == QHostAddress::Any
                || config.address == QHostAddress::AnyIPv6
            ? u"localhost"_s
            : config.address.toString();
        client::ActivationLink link;
        link.serverUrl
            = QUrl(optional(u"url"_s).value_or(u"https://%1:%2"_s.arg(host).arg(config.port)));
        link.code = *code;
        link.fingerprint = certificateSha256Fingerprint(certificate.readAll());
        out() << link.toString() << Qt::endl;
        return Success;
    }
    if (verb == u"show") {
        auto user = directory.user(name);
        if (!user)
            return fail(user.error().message);
        QJsonObject json = user->toJson(clock.currentSecsSinceEpoch());
        json[u"methods"_s] = (*server)->enrollment().methods(name).value_or(QJsonArray());
        printJson(json);
        return Success;
    }
    err() << command.helpText();
    return UsageError;
}

int runToken(const QStringList &args)
{
    Command command(
        args, u"OATH tokens: import FILE, assign SERIAL USERNAME, activate SERIAL CODE."_s,
        { { u"password"_s, u"The password of a PBKDF2-protected PSKC file."_s, u"PASSWORD"_s },
          { u"key"_s, u"The pre-shared key of an encrypted PSKC file, in hex."_s, u"HEX"_s } },
        u"import FILE | assign SERIAL USERNAME | activate SERIAL CODE"_s);
    if (auto exit = command.check(2, 3))
        return *exit;
    const QString verb = command.positional[0];
    SystemClock clock;
    if (verb == u"import") {
        QFile file(command.positional[1]);
        if (!file.open(QIODevice::ReadOnly))
            return fail(u"Cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
        const QByteArray bytes = file.readAll();
        const bool xml = bytes.trimmed().startsWith('<');
        Result<TokenFile> tokens = xml
            ? PskcReader::read(bytes,
                               { QByteArray::fromHex(command.parser.value(u"key"_s).toLatin1()),
                                 command.parser.value(u"password"_s) })
            : AzureCsvReader::read(bytes);
        if (!tokens)
            return fail(u"%1: %2"_s.arg(file.fileName(), tokens.error().message));
        auto server = openServer(command, clock);
        if (!server)
            return fail(server.error().message);
        auto imported = (*server)->enrollment().importTokens(*tokens, u"cli"_s);
        if (!imported)
            return fail(imported.error().message);
        for (const QString &serial : imported->imported)
            out() << serial << Qt::endl;
        for (const SkippedToken &skipped : imported->skipped)
            err() << "skipped " << skipped.serial << ": " << skipped.reason << Qt::endl;
        return Success;
    }
    if (command.positional.size() != 3) {
        err() << command.helpText();
        return UsageError;
    }
    auto server = openServer(command, clock);
    if (!server)
        return fail(server.error().message);
    Result<void> done = verb == u"assign" ? (*server)->enrollment().assignToken(
                            command.positional[1], command.positional[2], u"cli"_s)
        : verb == u"activate"
        ? (*server)->enrollment().activateToken(command.positional[1], command.positional[2],
                                                u"cli"_s)
        : Result<void>(
            Error { ErrorCode::InvalidArgument, u"Unknown token command \"%1\"."_s.arg(verb) });
    return done ? Success : fail(done.error().message);
}

int runBypass(const QStringList &args)
{
    Command command(args, u"Prints one-time bypass codes for a user."_s,
                    { { u"count"_s, u"How many codes (1 to 10)."_s, u"N"_s, u"1"_s } },
                    u"USERNAME"_s);
    if (auto exit = command.check(1, 1))
        return *exit;
    SystemClock clock;
    auto server = openServer(command, clock);
    if (!server)
        return fail(server.error().message);
    auto codes = (*server)->enrollment().createBypassCodes(
        command.positional[0], command.parser.value(u"count"_s).toInt(), u"cli"_s);
    if (!codes)
        return fail(codes.error().message);
    for (const QString &code : *codes)
        out() << code << Qt::endl;
    return Success;
}

int runAdmin(const QStringList &args)
{
    Command command(args, u"Administrators: admin add USERNAME --role ROLE."_s,
                    { { u"role"_s, u"admin, helpdesk or auditor."_s, u"ROLE"_s, u"helpdesk"_s } },
                    u"add USERNAME"_s);
    if (auto exit = command.check(2, 2))
        return *exit;
    if (command.positional[0] != u"add") {
        err() << command.helpText();
        return UsageError;
    }
    auto role = roleFromName(command.parser.value(u"role"_s));
    if (!role)
        return fail(role.error().message);
    SystemClock clock;
    auto server = openServer(command, clock);
    if (!server)
        return fail(server.error().message);
    auto admin = (*server)->directory().addAdmin(command.positional[1], *role, u"cli"_s);
    if (!admin)
        return fail(admin.error().message);
    out() << "password: " << admin->password << Qt::endl
          << "otpauth: " << admin->otpauthUri << Qt::endl;
    return Success;
}

int runPolicy(const QStringList &args)
{
    Command command(args, u"Prints the policy, or changes it with a JSON object of settings."_s, {},
                    u"show | set JSON"_s);
    if (auto exit = command.check(1, 2))
        return *exit;
    SystemClock clock;
    auto server = openServer(command, clock);
    if (!server)
        return fail(server.error().message);
    if (command.positional[0] == u"set" && command.positional.size() == 2) {
        QJsonParseError error;
        const QJsonDocument changes
            = QJsonDocument::fromJson(command.positional[1].toUtf8(), &error);
        if (!changes.isObject())
            return fail(
                u"The settings must be a JSON object, such as '{\"lockout_threshold\": 3}'."_s);
        auto policy = (*server)->directory().setPolicy(changes.object(), u"cli"_s);
        if (!policy)
            return fail(policy.error().message);
    }
    printJson((*server)->directory().policy().toJson());
    return Success;
}

int runOutbox(const QStringList &args)
{
    Command command(args, u"The outbox provider: list, or answer a call's keypad."_s,
                    { { u"limit"_s, u"How many entries."_s, u"N"_s, u"50"_s } },
                    u"list | answer CALL KEYS"_s);
    if (auto exit = command.check(1, 3))
        return *exit;
    SystemClock clock;
    auto server = openServer(command, clock);
    if (!server)
        return fail(server.error().message);
    if (command.positional[0] == u"list") {
        auto messages = (*server)->outbox().messages(command.parser.value(u"limit"_s).toInt());
        if (!messages)
            return fail(messages.error().message);
        out() << QJsonDocument(*messages).toJson(QJsonDocument::Indented);
        return Success;
    }
    if (command.positional[0] == u"answer" && command.positional.size() == 3) {
        auto answered
            = (*server)->outbox().answer(command.positional[1], command.positional[2], u"cli"_s);
        return answered ? Success : fail(answered.error().message);
    }
    err() << command.helpText();
    return UsageError;
}

int runDatabase(const QStringList &args)
{
    Command command(
        args,
        u"Copies the data directory's database into an empty PostgreSQL database and switches to it."_s,
        { { u"to"_s, u"The target, postgresql://user@host/database."_s, u"URL"_s } }, u"copy"_s);
    if (auto exit = command.check(1, 1))
        return *exit;
    if (command.positional[0] != u"copy" || !command.parser.isSet(u"to"_s)) {
        err() << command.helpText();
        return UsageError;
    }
    SystemClock clock;
    auto server = openServer(command, clock);
    if (!server)
        return fail(server.error().message);
    auto target = Storage::open(command.parser.value(u"to"_s));
    if (!target)
        return fail(target.error().message);
    auto copied = (*server)->storage().copyTo(**target);
    if (!copied)
        return fail(copied.error().message);
    ServerConfig config = (*server)->config();
    config.database = command.parser.value(u"to"_s);
    if (auto saved = config.save(); !saved)
        return fail(saved.error().message);
    out() << "Copied " << *copied
          << " rows. config.json now uses the new database; restart twofold-server." << Qt::endl;
    return Success;
}

int runAudit(const QStringList &args)
{
    Command command(args, u"Checks the audit log's hash chain."_s, {}, u"verify"_s);
    if (auto exit = command.check(1, 1))
        return *exit;
    if (command.positional[0] != u"verify") {
        err() << command.helpText();
        return UsageError;
    }
    SystemClock clock;
    auto server = openServer(command, clock);
    if (!server)
        return fail(server.error().message);
    auto verified = (*server)->audit().verify();
    if (!verified)
        return fail(verified.error().message);
    if (!verified->problem.isEmpty())
        return fail(u"The audit log has been tampered with: %1"_s.arg(verified->problem));
    out() << "The audit log is intact: " << verified->rows << " entries." << Qt::endl;
    return Success;
}

} // namespace

int main(int argc, char *argv[])
{
#ifdef TWOFOLD_EPOLL_DISPATCHER
    // One thread holds every device's long poll: its event loop must not scan them all each time.
    QCoreApplication::setEventDispatcher(new twofold::server::EpollEventDispatcher);
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"twofold-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TWOFOLD_VERSION));
    QStringList args = QCoreApplication::arguments();
    const QString first = args.value(1);
    if (first.isEmpty() || first == u"--help" || first == u"-h" || first == u"help") {
        (first.isEmpty() ? err() : out()) << usageText;
        return first.isEmpty() ? UsageError : Success;
    }
    if (first == u"--version") {
        out() << "twofold-server " << QCoreApplication::applicationVersion() << Qt::endl;
        return Success;
    }
    static const QHash<QString, int (*)(const QStringList &)> commands {
        { u"init"_s, runInit },   { u"serve"_s, runServe },       { u"app"_s, runApp },
        { u"user"_s, runUser },   { u"token"_s, runToken },       { u"bypass"_s, runBypass },
        { u"admin"_s, runAdmin }, { u"policy"_s, runPolicy },     { u"outbox"_s, runOutbox },
        { u"audit"_s, runAudit }, { u"database"_s, runDatabase },
    };
    const auto command = commands.constFind(first);
    if (command == commands.cend()) {
        err() << "twofold-server: unknown command \"" << first << "\". Try 'twofold-server --help'."
              << Qt::endl;
        return UsageError;
    }
    args.removeAt(1);
    return (*command)(args);
}
