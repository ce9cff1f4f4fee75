// The load client of bench_server.sh: N keep-alive HTTPS connections on one event loop (one
// thread, so that it takes as little of the 2 cores it shares with the server as it can), each
// sending its next request as soon as the answer to the last one has arrived. For every
// concurrency it measures a static page (nginx, the machine's HTTP ceiling) and then
// twofold-server's Duo passcode verification, back to back, and prints requests per second,
// latency percentiles (steady clock, from the first byte written to the last byte read), errors,
// and the CPU time of this client and of the watched server processes.
//   bench_server_load --ca CERT --clients 1,16,64 [--seconds 10] [--warmup 2] [--label NAME]
//       [--static-port PORT [--static-pid PID]...]
//       [--duo-port PORT --users FILE --ikey IKEY --skey SKEY [--bypass-every N] [--duo-pid PID]]
// FILE is what make_bench_users writes. Every Duo answer must be HTTP 200 with result "allow",
// and every static answer HTTP 200; anything else counts as an error.
#include "otp/base32.h"
#include "otp/otpgenerator.h"
#include "server/duo/duosignature.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <random>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;
using namespace twofold;

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double cpuSecondsSelf()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// utime + stime of other processes (the server under test), from /proc.
double cpuSecondsOf(const QList<qint64> &pids)
{
    static const double ticks = double(sysconf(_SC_CLK_TCK));
    double total = 0;
    for (qint64 pid : pids) {
        QFile stat(u"/proc/%1/stat"_s.arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        // The command name may hold spaces; the fields after its ')' are fixed.
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12)
            total += double(fields[11].toLongLong() + fields[12].toLongLong()) / ticks;
    }
    return total;
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    return file.open(QIODevice::ReadOnly)
        ? QString::fromLatin1(file.readAll().split(' ').mid(0, 3).join(' '))
        : u"?"_s;
}

enum class Kind { Static, AppCode, Token, Bypass };

struct Request
{
    QByteArray bytes;
    Kind kind;
};

// What a connection sends next, and whether an answer is the one expected.
class Workload
{
public:
    virtual ~Workload() = default;
    // nullopt: nothing can be sent right now (the codes ran out).
    virtual std::optional<Request> next() = 0;
    virtual bool accepts(int status, const QByteArray &body) const = 0;
};

class StaticWorkload final : public Workload
{
public:
    explicit StaticWorkload(const QByteArray &hostHeader)
        : m_request("GET / HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n")
    {
    }
    std::optional<Request> next() override { return Request { m_request, Kind::Static }; }
    bool accepts(int status, const QByteArray &) const override { return status == 200; }

private:
    QByteArray m_request;
};

// Passcode verifications as relying applications send them: POST /auth/v2/auth, factor
// passcode, signed with signature v2 as duo_client signs (the host without its port).
// TOTP codes (authenticator apps and hardware tokens) go round the users in turn, each user at
// most once per 30 s step, as people sign in; every bypassEvery-th request spends a bypass code.
class PasscodeWorkload final : public Workload
{
public:
    struct Mix
    {
        quint64 appCodes = 0, tokenCodes = 0, bypassCodes = 0, dry = 0;
    };

    PasscodeWorkload(QByteArray hostHeader, QString ikey, QByteArray skey, int bypassEvery)
        : m_hostHeader(std::move(hostHeader))
        , m_ikey(std::move(ikey))
        , m_skey(std::move(skey))
        , m_bypassEvery(bypassEvery)
    {
    }

    QString load(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return u"Cannot read %1."_s.arg(path);
        while (!file.atEnd()) {
            const QList<QByteArray> fields = file.readLine().split('\t');
            if (fields.size() < 5)
                continue;
            auto seed = Base32::decode(QString::fromLatin1(fields[2]));
            if (!seed)
                return u"%1: a seed does not decode: %2"_s.arg(path, seed.error().message);
            OtpParameters otp;
            otp.secret = *seed;
            m_users.push_back({ fields[1], OtpGenerator(otp), fields[3].toLongLong(),
                                fields[0] == "token" ? Kind::Token : Kind::AppCode });
            if (const QByteArray codes = fields[4].trimmed(); !codes.isEmpty()) {
                for (const QByteArray &code : codes.split(','))
                    m_bypass.push_back({ fields[1], code });
            }
        }
        // The file lists each kind together; mixed, the kinds come in proportion all along.
        std::shuffle(m_users.begin(), m_users.end(), std::mt19937(20));
        std::shuffle(m_bypass.begin(), m_bypass.end(), std::mt19937(21));
        return m_users.empty() ? u"%1 holds no users."_s.arg(path) : QString();
    }

    std::optional<Request> next() override
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        ++m_count;
        if (m_bypassEvery <= 0 || m_count % quint64(m_bypassEvery) != 0) {
            // Users take turns round a ring, so the next one is about the one used longest ago.
            // The server accepts a code once per step and user, from one step either side of
            // its own: a user who has had this step's code may send the next step's, as from a
            // phone whose clock runs a little ahead. A few are tried: setup left them in any order.
            for (size_t tried = 0; tried < std::min<size_t>(m_users.size(), 64); ++tried) {
                const size_t at = (m_cursor + tried) % m_users.size();
                const qint64 current = qint64(m_users[at].generator.timeStep(now));
                const qint64 step = std::max(current, m_users[at].lastStep + 1);
                if (step > current + 1)
                    continue;
                std::swap(m_users[at], m_users[m_cursor]);
                User &user = m_users[m_cursor];
                m_cursor = (m_cursor + 1) % m_users.size();
                user.lastStep = step;
                ++(user.kind == Kind::Token ? m_mix.tokenCodes : m_mix.appCodes);
                return build(
                    user.name,
                    user.generator.codeForCounter(quint64(step)).value_or(QString()).toLatin1(),
                    now, user.kind);
            }
        }
        if (m_nextBypass < m_bypass.size()) {
            const auto &[name, code] = m_bypass[m_nextBypass++];
            ++m_mix.bypassCodes;
            return build(name, code, now, Kind::Bypass);
        }
        ++m_mix.dry;
        return std::nullopt;
    }

    bool accepts(int status, const QByteArray &body) const override
    {
        if (status != 200)
            return false;
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        return json.value(u"stat"_s).toString() == u"OK"
            && json.value(u"response"_s).toObject().value(u"result"_s).toString() == u"allow";
    }

    const Mix &mix() const { return m_mix; }
    qsizetype users(Kind kind) const
    {
        return std::count_if(m_users.begin(), m_users.end(),
                             [kind](const User &u) { return u.kind == kind; });
    }
    qsizetype bypassLeft() const { return qsizetype(m_bypass.size() - m_nextBypass); }

private:
    struct User
    {
        QByteArray name;
        OtpGenerator generator;
        qint64 lastStep;
        Kind kind;
    };

    Request build(const QByteArray &user, const QByteArray &code, qint64 now, Kind kind) const
    {
        // Sorted by name, as duo_client sends the parameters it signs.
        const QByteArray body = "factor=passcode&passcode=" + code + "&username=" + user;
        server::DuoRequest request { "POST", "localhost", "/auth/v2/auth",
                                     {},     body,        "application/x-www-form-urlencoded",
                                     {} };
        QByteArray bytes = "POST /auth/v2/auth HTTP/1.1\r\nHost: " + m_hostHeader
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n";
        for (const auto &[name, value] :
             server::DuoSignature::sign(2, m_ikey, m_skey, request, now))
            bytes += name + ": " + value + "\r\n";
        return { bytes + "\r\n" + body, kind };
    }

    QByteArray m_hostHeader;
    QString m_ikey;
    QByteArray m_skey;
    int m_bypassEvery;
    std::vector<User> m_users;
    size_t m_cursor = 0;
    std::vector<std::pair<QByteArray, QByteArray>> m_bypass;
    size_t m_nextBypass = 0;
    quint64 m_count = 0;
    Mix m_mix;
};

struct Target
{
    QString label;
    quint16 port = 0;
    QList<qint64> pids; // server processes whose CPU time is reported
    Workload *workload = nullptr;
};

struct Figures
{
    quint64 requests = 0, errors = 0;
    double seconds = 0, clientCpu = 0, serverCpu = 0;
    std::vector<qint64> latencies; // ns, sorted after the run
    QString firstError;

    double rate() const { return seconds > 0 ? double(requests) / seconds : 0; }
    double percentileMs(double q) const
    {
        if (latencies.empty())
            return 0;
        const auto rank = size_t(std::ceil(q * double(latencies.size())));
        return double(latencies[std::clamp<size_t>(rank, 1, latencies.size()) - 1]) / 1e6;
    }
};

// One measurement: clients connections against one target for warm-up + measured seconds.
class LoadRun
{
public:
    LoadRun(const Target &target, const QSslConfiguration &tls, int clients, double warmup,
            double seconds)
        : m_target(target)
        , m_tls(tls)
        , m_clients(clients)
        , m_warmup(warmup)
        , m_seconds(seconds)
    {
    }

    Figures run()
    {
        for (int i = 0; i < m_clients; ++i)
            m_connections.push_back(std::make_unique<Connection>(*this));
        for (auto &c : m_connections)
            c->open();
        QTimer::singleShot(int(m_warmup * 1000), [this] {
            m_measuring = true;
            m_figures.latencies.reserve(200000);
            m_start = nowNs();
            m_cpu0 = cpuSecondsSelf();
            m_server0 = cpuSecondsOf(m_target.pids);
        });
        QTimer::singleShot(int((m_warmup + m_seconds) * 1000), [this] {
            m_figures.seconds = double(nowNs() - m_start) / 1e9;
            m_figures.clientCpu = cpuSecondsSelf() - m_cpu0;
            m_figures.serverCpu = cpuSecondsOf(m_target.pids) - m_server0;
            m_measuring = false;
            m_stopping = true;
            // Answers still on their way are awaited (not counted), so that the next run
            // starts on a quiet server.
            QTimer::singleShot(10000, &m_loop, &QEventLoop::quit);
            quitWhenIdle();
        });
        m_loop.exec();
        m_connections.clear();
        std::sort(m_figures.latencies.begin(), m_figures.latencies.end());
        return std::move(m_figures);
    }

private:
    class Connection
    {
    public:
        explicit Connection(LoadRun &run)
            : m_run(run)
        {
            m_socket.setSslConfiguration(run.m_tls);
            m_socket.setPeerVerifyName(u"localhost"_s);
            QObject::connect(&m_socket, &QSslSocket::encrypted, &m_socket, [this] {
                m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
                send();
            });
            QObject::connect(&m_socket, &QSslSocket::readyRead, &m_socket, [this] { read(); });
            // The handshake then fails, and errorOccurred reports it with this reason.
            QObject::connect(&m_socket, &QSslSocket::sslErrors, &m_socket,
                             [this](const QList<QSslError> &errors) {
                                 m_tlsProblem = u"TLS: "_s + errors.value(0).errorString();
                             });
            QObject::connect(&m_socket, &QAbstractSocket::errorOccurred, &m_socket,
                             [this](QAbstractSocket::SocketError) {
                                 if (!m_run.m_stopping)
                                     fail(m_tlsProblem.isEmpty() ? m_socket.errorString()
                                                                 : m_tlsProblem);
                             });
        }
        ~Connection() { m_socket.abort(); }

        void open()
        {
            m_buffer.clear();
            m_busy = false;
            m_socket.connectToHostEncrypted(u"127.0.0.1"_s, m_run.m_target.port, u"localhost"_s);
        }
        bool idle() const { return !m_busy; }

    private:
        void send()
        {
            if (m_run.m_stopping)
                return m_run.quitWhenIdle();
            std::optional<Request> request = m_run.m_target.workload->next();
            if (!request) {
                QTimer::singleShot(50, &m_socket, [this] { send(); });
                return;
            }
            m_busy = true;
            m_sent = nowNs();
            m_socket.write(request->bytes);
        }

        void read()
        {
            m_buffer += m_socket.readAll();
            while (m_busy) {
                const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                int status = 0;
                qsizetype length = -1;
                bool close = false;
                const QList<QByteArray> lines = m_buffer.first(end).split('\n');
                status = lines.value(0).mid(9, 3).toInt();
                for (const QByteArray &line : lines) {
                    const qsizetype colon = line.indexOf(':');
                    if (colon < 0)
                        continue;
                    const QByteArray name = line.first(colon).trimmed().toLower();
                    const QByteArray value = line.sliced(colon + 1).trimmed().toLower();
                    if (name == "content-length")
                        length = value.toLongLong();
                    else if (name == "connection" && value == "close")
                        close = true;
                }
                if (length < 0)
                    return fail(u"an answer without Content-Length"_s);
                if (m_buffer.size() < end + 4 + length)
                    return;
                const QByteArray body = m_buffer.sliced(end + 4, length);
                m_buffer.remove(0, end + 4 + length);
                m_busy = false;
                m_run.record(nowNs() - m_sent, m_run.m_target.workload->accepts(status, body),
                             u"HTTP %1: %2"_s.arg(status).arg(QString::fromUtf8(body.left(200))));
                if (close) {
                    m_socket.abort();
                    open();
                    return;
                }
                send();
            }
        }

        void fail(const QString &why)
        {
            m_run.record(0, false, why);
            m_socket.abort();
            m_busy = false;
            if (m_run.m_stopping)
                return m_run.quitWhenIdle();
            QTimer::singleShot(20, &m_socket, [this] { open(); });
        }

        LoadRun &m_run;
        QSslSocket m_socket;
        QByteArray m_buffer;
        QString m_tlsProblem;
        qint64 m_sent = 0;
        bool m_busy = false;
    };

    void record(qint64 latencyNs, bool ok, const QString &why)
    {
        if (!m_measuring)
            return;
        if (ok) {
            ++m_figures.requests;
            m_figures.latencies.push_back(latencyNs);
        } else {
            ++m_figures.errors;
            if (m_figures.firstError.isEmpty())
                m_figures.firstError = why;
        }
    }

    void quitWhenIdle()
    {
        if (std::all_of(m_connections.begin(), m_connections.end(),
                        [](const auto &c) { return c->idle(); }))
            m_loop.quit();
    }

    const Target &m_target;
    QSslConfiguration m_tls;
    int m_clients;
    double m_warmup, m_seconds;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QEventLoop m_loop;
    bool m_measuring = false;
    bool m_stopping = false;
    qint64 m_start = 0;
    double m_cpu0 = 0, m_server0 = 0;
    Figures m_figures;
};

void print(QTextStream &out, const QString &label, int clients, const Figures &f)
{
    const double perRequestUs = [&](double cpu) {
        return f.requests > 0 ? cpu / double(f.requests) * 1e6 : 0.0;
    }(f.clientCpu);
    out << u"%1 clients=%2 req/s=%3 p50=%4ms p90=%5ms p99=%6ms errors=%7 client_cpu=%8% "
           "(%9us/req) server_cpu=%10% (%11us/req) load=%12"_s.arg(label)
               .arg(clients)
               .arg(f.rate(), 0, 'f', 0)
               .arg(f.percentileMs(0.50), 0, 'f', 2)
               .arg(f.percentileMs(0.90), 0, 'f', 2)
               .arg(f.percentileMs(0.99), 0, 'f', 2)
               .arg(f.errors)
               .arg(f.seconds > 0 ? 100 * f.clientCpu / f.seconds : 0, 0, 'f', 0)
               .arg(perRequestUs, 0, 'f', 1)
               .arg(f.seconds > 0 ? 100 * f.serverCpu / f.seconds : 0, 0, 'f', 0)
               .arg(f.requests > 0 ? f.serverCpu / double(f.requests) * 1e6 : 0.0, 0, 'f', 1)
               .arg(loadAverage())
        << Qt::endl;
    if (f.errors > 0)
        out << u"  first error: %1"_s.arg(f.firstError) << Qt::endl;
    // For the driver script's table.
    out << u"RESULT %1 %2 %3 %4 %5 %6 %7 %8"_s.arg(label)
               .arg(clients)
               .arg(f.rate(), 0, 'f', 1)
               .arg(f.percentileMs(0.50), 0, 'f', 3)
               .arg(f.percentileMs(0.99), 0, 'f', 3)
               .arg(f.errors)
               .arg(f.seconds > 0 ? 100 * f.clientCpu / f.seconds : 0, 0, 'f', 1)
               .arg(f.seconds > 0 ? 100 * f.serverCpu / f.seconds : 0, 0, 'f', 1)
        << Qt::endl;
}

QList<qint64> pidList(const QStringList &values)
{
    QList<qint64> pids;
    for (const QString &value : values)
        pids << value.toLongLong();
    return pids;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"HTTPS load client for bench_server.sh."_s);
    parser.addHelpOption();
    parser.addOptions({
        { u"ca"_s, u"The server certificate to trust (PEM)."_s, u"CERT"_s },
        { u"clients"_s, u"Concurrent connections, comma-separated runs."_s, u"LIST"_s,
          u"1,16,64"_s },
        { u"seconds"_s, u"Measured seconds per run."_s, u"S"_s, u"10"_s },
        { u"warmup"_s, u"Seconds before measuring (connections, caches)."_s, u"S"_s, u"2"_s },
        { u"label"_s, u"Name of the Duo target in the output."_s, u"NAME"_s, u"twofold"_s },
        { u"static-port"_s, u"Port of the static 200 page (nginx)."_s, u"PORT"_s },
        { u"static-pid"_s, u"A process of the static server, for its CPU time."_s, u"PID"_s },
        { u"duo-port"_s, u"Port of twofold-server."_s, u"PORT"_s },
        { u"duo-pid"_s, u"The twofold-server process, for its CPU time."_s, u"PID"_s },
        { u"users"_s, u"The users file of make_bench_users."_s, u"FILE"_s },
        { u"ikey"_s, u"Integration key."_s, u"IKEY"_s },
        { u"skey"_s, u"Secret key."_s, u"SKEY"_s },
        { u"bypass-every"_s, u"Every Nth request uses a bypass code (0: none)."_s, u"N"_s,
          u"10"_s },
    });
    parser.process(app);

    QFile certificate(parser.value(u"ca"_s));
    if (!certificate.open(QIODevice::ReadOnly)) {
        err << "bench_server_load: cannot read the certificate (--ca)" << Qt::endl;
        return 2;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromData(certificate.readAll(), QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);

    QList<int> concurrency;
    for (const QString &n : parser.value(u"clients"_s).split(u',', Qt::SkipEmptyParts))
        concurrency << n.toInt();
    const double seconds = parser.value(u"seconds"_s).toDouble();
    const double warmup = parser.value(u"warmup"_s).toDouble();

    std::unique_ptr<StaticWorkload> staticWorkload;
    std::unique_ptr<PasscodeWorkload> passcodes;
    QList<Target> targets;
    if (parser.isSet(u"static-port"_s)) {
        const quint16 port = parser.value(u"static-port"_s).toUShort();
        staticWorkload = std::make_unique<StaticWorkload>("localhost:" + QByteArray::number(port));
        targets.append(
            { u"nginx"_s, port, pidList(parser.values(u"static-pid"_s)), staticWorkload.get() });
    }
    if (parser.isSet(u"duo-port"_s)) {
        const quint16 port = parser.value(u"duo-port"_s).toUShort();
        passcodes = std::make_unique<PasscodeWorkload>(
            "localhost:" + QByteArray::number(port), parser.value(u"ikey"_s),
            parser.value(u"skey"_s).toUtf8(), parser.value(u"bypass-every"_s).toInt());
        if (const QString problem = passcodes->load(parser.value(u"users"_s)); !problem.isEmpty()) {
            err << "bench_server_load: " << problem << Qt::endl;
            return 2;
        }
        out << u"workload: %1 users with an app code and %2 with a hardware TOTP token (each "
               "user signs in at most once per 30 s step), %3 bypass codes for every %4th "
               "request"_s.arg(passcodes->users(Kind::AppCode))
                   .arg(passcodes->users(Kind::Token))
                   .arg(passcodes->bypassLeft())
                   .arg(parser.value(u"bypass-every"_s))
            << Qt::endl;
        targets.append({ parser.value(u"label"_s), port, pidList(parser.values(u"duo-pid"_s)),
                         passcodes.get() });
    }
    if (targets.isEmpty() || concurrency.isEmpty()) {
        err << parser.helpText();
        return 2;
    }

    int failed = 0;
    for (int clients : std::as_const(concurrency)) {
        for (const Target &target : std::as_const(targets)) {
            LoadRun run(target, tls, clients, warmup, seconds);
            const Figures figures = run.run();
            print(out, target.label, clients, figures);
            failed += figures.requests == 0 ? 1 : 0;
        }
    }
    if (passcodes) {
        const auto &mix = passcodes->mix();
        const double total = double(mix.appCodes + mix.tokenCodes + mix.bypassCodes);
        const auto share = [total](quint64 n) {
            return u"%1 (%2%)"_s.arg(n).arg(total > 0 ? 100 * double(n) / total : 0, 0, 'f', 1);
        };
        out << u"mix sent (warm-up included): app codes %1, token codes %2, bypass codes %3"_s.arg(
            share(mix.appCodes), share(mix.tokenCodes), share(mix.bypassCodes))
            << Qt::endl;
        if (mix.dry > 0)
            out << u"WARNING: the codes ran dry %1 times (every user had used this step's code "
                   "and no bypass codes were left): give make_bench_users more users"_s.arg(mix.dry)
                << Qt::endl;
    }
    return failed > 0 ? 1 : 0;
}
