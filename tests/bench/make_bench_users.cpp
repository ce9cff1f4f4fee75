// Fills a twofold-server data directory with users for bench_server.sh, through the server's own
// enrollment code:
//  - APP_USERS users with an app code (TOTP, enrolled and confirmed with a first code, as a person
//    would); the first BYPASS_USERS of them also get 10 bypass codes from the helpdesk;
//  - TOKEN_USERS users with a hardware TOTP token (imported, assigned and activated with a code).
// Writes one line per user, for bench_server_load to send codes the server has not seen yet:
//   app|token <TAB> username <TAB> base32 seed <TAB> time step last used <TAB> bypass,codes
//   make_bench_users DATA_DIR APP_USERS TOKEN_USERS BYPASS_USERS OUT [DATABASE_URL]
// For bench_push.sh, users each with one activated push device (a real key pair, activated
// with a one-time code through the server's push channel, as the app does over HTTP):
//   push <TAB> username <TAB> device id <TAB> base64 of the device's private key PEM
//   make_bench_users DATA_DIR --push USERS OUT
#include "crypto/eckey.h"
#include "crypto/random.h"
#include "otp/base32.h"
#include "otp/otpgenerator.h"
#include "server/pushchannel.h"
#include "server/server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;

namespace {

// The code an authenticator shows now for seed, and its time step.
Result<std::pair<QString, qint64>> currentCode(const QByteArray &seed, const Clock &clock)
{
    OtpParameters otp;
    otp.secret = seed;
    const OtpGenerator generator(otp);
    const qint64 now = clock.currentSecsSinceEpoch();
    auto code = generator.codeAt(now);
    if (!code)
        return code.error();
    return std::pair { *code, qint64(generator.timeStep(now)) };
}

Result<QByteArray> addAppUser(Server &s, const QString &name, bool bypass, const Clock &clock)
{
    if (auto added = s.directory().addUser(name, {}, u"bench"_s); !added)
        return added.error();
    auto enrolled = s.enrollment().enrollAppCode(name, u"Bench"_s, u"bench"_s);
    if (!enrolled)
        return enrolled.error();
    auto seed = Base32::decode(enrolled->secretBase32);
    if (!seed)
        return seed.error();
    auto code = currentCode(*seed, clock);
    if (!code)
        return code.error();
    if (auto confirmed = s.enrollment().confirmAppCode(name, code->first, u"bench"_s); !confirmed)
        return confirmed.error();
    QStringList codes;
    if (bypass) {
        auto made = s.enrollment().createBypassCodes(name, 10, u"bench"_s);
        if (!made)
            return made.error();
        codes = *made;
    }
    return u"app\t%1\t%2\t%3\t%4\n"_s.arg(name, enrolled->secretBase32)
        .arg(code->second)
        .arg(codes.join(u','))
        .toUtf8();
}

// Tokens come in one import per batch, as an administrator loads a vendor's file.
Result<QByteArray> addTokenUsers(Server &s, int first, int count, const Clock &clock)
{
    server::TokenFile file;
    for (int i = first; i < first + count; ++i) {
        const QString name = u"token%1"_s.arg(i, 6, 10, QChar(u'0'));
        if (auto added = s.directory().addUser(name, {}, u"bench"_s); !added)
            return added.error();
        auto seed = randomBytes(20);
        if (!seed)
            return seed.error();
        server::OathToken token;
        token.serial = u"BT%1"_s.arg(i, 8, 10, QChar(u'0'));
        token.manufacturer = u"Bench"_s;
        token.upn = name; // assigned to the user on import
        token.otp.secret = *seed;
        token.otp.account = token.serial;
        file.tokens.append(token);
    }
    auto imported = s.enrollment().importTokens(file, u"bench"_s);
    if (!imported)
        return imported.error();
    QByteArray lines;
    for (const server::OathToken &token : std::as_const(file.tokens)) {
        auto code = currentCode(token.otp.secret, clock);
        if (!code)
            return code.error();
        if (auto active = s.enrollment().activateToken(token.serial, code->first, u"bench"_s);
            !active)
            return active.error();
        lines += u"token\t%1\t%2\t%3\t\n"_s.arg(token.upn, Base32::encode(token.otp.secret))
                     .arg(code->second)
                     .toUtf8();
    }
    return lines;
}

Result<QByteArray> addPushUser(Server &s, PushChannel &push, const QString &name)
{
    if (auto added = s.directory().addUser(name, {}, u"bench"_s); !added)
        return added.error();
    auto code = s.enrollment().createActivation(name, u"bench"_s);
    if (!code)
        return code.error();
    auto key = EcKey::generate();
    if (!key)
        return key.error();
    auto device = push.activate(*code, u"Bench phone"_s, key->publicPem(), u"127.0.0.1"_s);
    if (!device)
        return device.error();
    return u"push\t%1\t%2\t%3\n"_s
        .arg(name, device->deviceId, QString::fromLatin1(key->privatePem().toBase64()))
        .toUtf8();
}

int makePushUsers(Server &s, int users, const QString &outPath)
{
    QTextStream err(stderr);
    const auto fail = [&err](const Error &e) {
        err << "make_bench_users: " << e.message << Qt::endl;
        return 1;
    };
    // The channel signs with the TLS key, as the running server's does.
    QFile keyFile(s.config().certificateKeyPath());
    auto serverKey = EcKey::fromPrivatePem(keyFile.open(QIODevice::ReadOnly) ? keyFile.readAll()
                                                                             : QByteArray());
    if (!serverKey)
        return fail(serverKey.error());
    PushChannel push(s.context(), s.directory(), s.enrollment(), s.verifier(), *serverKey);
    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly))
        return fail({ ErrorCode::Io, u"Cannot write %1."_s.arg(outPath) });
    constexpr int batch = 500; // users per transaction: the nested calls join it
    QElapsedTimer timer;
    timer.start();
    for (int first = 0; first < users; first += batch) {
        QByteArray lines;
        auto done = s.storage().transaction([&]() -> Result<void> {
            for (int i = first; i < std::min(users, first + batch); ++i) {
                auto line = addPushUser(s, push, u"push%1"_s.arg(i, 6, 10, QChar(u'0')));
                if (!line)
                    return line.error();
                lines += *line;
            }
            return {};
        });
        if (!done)
            return fail(done.error());
        out.write(lines);
    }
    if (!out.commit())
        return fail({ ErrorCode::Io, u"Cannot write %1."_s.arg(outPath) });
    err << "make_bench_users: " << users << " push users with an activated device in "
        << timer.elapsed() << " ms" << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);
    const QStringList args = QCoreApplication::arguments();
    if (args.value(2) == u"--push") {
        bool ok = false;
        const int users = args.value(3).toInt(&ok);
        if (args.size() != 5 || !ok || users <= 0) {
            err << "usage: make_bench_users DATA_DIR --push USERS OUT" << Qt::endl;
            return 2;
        }
        auto config = ServerConfig::load(args[1]);
        if (!config) {
            err << "make_bench_users: " << config.error().message << Qt::endl;
            return 1;
        }
        SystemClock clock;
        auto server = Server::open(*config, clock);
        if (!server) {
            err << "make_bench_users: " << server.error().message << Qt::endl;
            return 1;
        }
        return makePushUsers(**server, users, args[4]);
    }
    QList<int> counts;
    for (int i = 2; i <= 4; ++i) {
        bool ok = false;
        counts << args.value(i).toInt(&ok);
        if (!ok || counts.back() < 0)
            counts.back() = -1;
    }
    const int appUsers = counts[0], tokenUsers = counts[1], bypassUsers = counts[2];
    if (args.size() < 6 || args.size() > 7 || appUsers < 0 || tokenUsers < 0 || bypassUsers < 0
        || bypassUsers > appUsers || appUsers + tokenUsers == 0) {
        err << "usage: make_bench_users DATA_DIR APP_USERS TOKEN_USERS BYPASS_USERS OUT "
               "[DATABASE_URL]"
            << Qt::endl;
        return 2;
    }
    const auto fail = [&err](const Error &e) {
        err << "make_bench_users: " << e.message << Qt::endl;
        return 1;
    };
    auto config = ServerConfig::load(args[1]);
    if (!config)
        return fail(config.error());
    if (args.size() == 7)
        config->database = args[6];
    SystemClock clock;
    auto server = Server::open(*config, clock);
    if (!server)
        return fail(server.error());
    Server &s = **server;

    QSaveFile out(args[5]);
    if (!out.open(QIODevice::WriteOnly))
        return fail({ ErrorCode::Io, u"Cannot write %1."_s.arg(args[5]) });
    constexpr int batch = 500; // users per transaction: the nested calls join it
    QElapsedTimer timer;
    timer.start();
    for (int first = 0; first < appUsers; first += batch) {
        QByteArray lines;
        auto done = s.storage().transaction([&]() -> Result<void> {
            for (int i = first; i < std::min(appUsers, first + batch); ++i) {
                auto line = addAppUser(s, u"bench%1"_s.arg(i, 6, 10, QChar(u'0')), i < bypassUsers,
                                       clock);
                if (!line)
                    return line.error();
                lines += *line;
            }
            return {};
        });
        if (!done)
            return fail(done.error());
        out.write(lines);
    }
    const qint64 appMs = timer.restart();
    for (int first = 0; first < tokenUsers; first += batch) {
        QByteArray lines;
        auto done = s.storage().transaction([&]() -> Result<void> {
            auto made = addTokenUsers(s, first, std::min(batch, tokenUsers - first), clock);
            if (!made)
                return made.error();
            lines = *made;
            return {};
        });
        if (!done)
            return fail(done.error());
        out.write(lines);
    }
    if (!out.commit())
        return fail({ ErrorCode::Io, u"Cannot write %1."_s.arg(args[5]) });
    err << "make_bench_users: " << appUsers << " app code users (" << bypassUsers
        << " with 10 bypass codes) in " << appMs << " ms, " << tokenUsers << " token users in "
        << timer.elapsed() << " ms" << Qt::endl;
    return 0;
}
