// The client of bench_push.sh, in two modes against one running twofold-server whose users
// make_bench_users --push made (one activated device each):
//  - latency: DEVICES PushDevices (the desktop app's class) in this process, every long poll
//    parked; then ROUNDS push sign-ins, one at a time: the relying application sends Duo
//    auth(factor=push, async=1), the device approves as soon as the challenge arrives (with the
//    number the sign-in shows), and auth_status long polls until "allow". The time from the
//    first byte of auth to the "allow" answer is the figure. The floor in the same run: nginx's
//    static 200 over one keep-alive TLS connection, the same number of times, one at a time.
//  - capacity: plain TLS sockets, each a device sending its signed long poll, opened up to each
//    step of STEPS; at each step the server's RSS (and per held poll). Then the same number of
//    idle keep-alive TLS connections to nginx (one request each) and nginx's RSS.
//   bench_push --mode latency --ca CERT --devices FILE --server-port P --server-pid PID
//       --ikey IKEY --skey SKEY [--count 1000] [--rounds 2000] [--hold N] [--nginx-port P]
//   bench_push --mode capacity --ca CERT --devices FILE --server-port P --server-pid PID
//       [--steps 1000,5000,10000] [--nginx-port P --nginx-pid PID...]
// Nothing here asserts a figure; the exit status is non-zero only when a run could not be made.
#include "client/pushdevice.h"
#include "client/pushprotocol.h"
#include "crypto/eckey.h"
#include "server/duo/duosignature.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
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
#include <functional>
#include <memory>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;
using namespace twofold;

namespace {

QTextStream out(stdout);

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// VmRSS of a process in KiB, 0 when it cannot be read.
qint64 rssKiB(qint64 pid)
{
    QFile status(pid > 0 ? u"/proc/%1/status"_s.arg(pid) : u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

qint64 rssKiBOf(const QList<qint64> &pids)
{
    qint64 total = 0;
    for (qint64 pid : pids)
        total += rssKiB(pid);
    return total;
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    return file.open(QIODevice::ReadOnly)
        ? QString::fromLatin1(file.readAll().split(' ').mid(0, 3).join(' '))
        : u"?"_s;
}

// Runs the event loop until done() holds or timeoutMs passes; false on timeout.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QEventLoop loop;
    QTimer check;
    check.setInterval(10);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    check.start();
    if (!done())
        loop.exec();
    return done();
}

struct BenchDevice
{
    QString username;
    QString deviceId;
    QByteArray privatePem;
};

std::vector<BenchDevice> loadDevices(const QString &path)
{
    std::vector<BenchDevice> devices;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return devices;
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().trimmed().split('\t');
        if (fields.size() == 4 && fields[0] == "push")
            devices.push_back({ QString::fromLatin1(fields[1]), QString::fromLatin1(fields[2]),
                                QByteArray::fromBase64(fields[3]) });
    }
    return devices;
}

struct Response
{
    int status = 0;
    QByteArray body;
};

// One keep-alive HTTPS connection that sends a request when the last answer has arrived.
class HttpsConnection final
{
    Q_DISABLE_COPY_MOVE(HttpsConnection)

public:
    using Handler = std::function<void(const Response &)>;

    HttpsConnection(const QSslConfiguration &tls, quint16 port)
        : m_port(port)
    {
        m_socket.setSslConfiguration(tls);
        m_socket.setPeerVerifyName(u"localhost"_s);
        QObject::connect(&m_socket, &QSslSocket::encrypted, &m_socket, [this] {
            m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
            if (m_onReady)
                m_onReady();
        });
        QObject::connect(&m_socket, &QSslSocket::readyRead, &m_socket, [this] { read(); });
        QObject::connect(&m_socket, &QAbstractSocket::errorOccurred, &m_socket,
                         [this](QAbstractSocket::SocketError) {
                             m_failed = true;
                             if (m_onError)
                                 m_onError(m_socket.errorString());
                         });
    }
    ~HttpsConnection()
    {
        m_socket.disconnect();
        m_socket.abort();
    }

    void open(std::function<void()> onReady, std::function<void(const QString &)> onError)
    {
        m_onReady = std::move(onReady);
        m_onError = std::move(onError);
        m_socket.connectToHostEncrypted(u"127.0.0.1"_s, m_port, u"localhost"_s);
    }
    void send(const QByteArray &bytes, Handler handler)
    {
        m_handler = std::move(handler);
        m_socket.write(bytes);
    }
    bool waiting() const { return bool(m_handler); }
    bool failed() const { return m_failed; }

private:
    void read()
    {
        m_buffer += m_socket.readAll();
        while (m_handler) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = m_buffer.first(end).split('\n');
            Response response;
            response.status = lines.value(0).mid(9, 3).toInt();
            qsizetype length = 0;
            for (const QByteArray &line : lines) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (m_buffer.size() < end + 4 + length)
                return;
            response.body = m_buffer.mid(end + 4, length);
            m_buffer.remove(0, end + 4 + length);
            Handler handler = std::exchange(m_handler, {});
            handler(response);
        }
    }

    quint16 m_port;
    QSslSocket m_socket;
    QByteArray m_buffer;
    Handler m_handler;
    std::function<void()> m_onReady;
    std::function<void(const QString &)> m_onError;
    bool m_failed = false;
};

// Duo Auth API requests signed as duo_client signs them (v2, the host without its port).
class RelyingApp final
{
public:
    RelyingApp(quint16 port, QString ikey, QByteArray skey)
        : m_host("localhost:" + QByteArray::number(port))
        , m_ikey(std::move(ikey))
        , m_skey(std::move(skey))
    {
    }

    QByteArray auth(const QString &user) const
    {
        const QByteArray body = "async=1&factor=push&username=" + QUrl::toPercentEncoding(user);
        return build("POST", "/auth/v2/auth", {}, body);
    }
    QByteArray authStatus(const QString &txid) const
    {
        return build("GET", "/auth/v2/auth_status", "txid=" + QUrl::toPercentEncoding(txid), {});
    }

private:
    QByteArray build(const QByteArray &method, const QByteArray &path, const QByteArray &query,
                     const QByteArray &body) const
    {
        const QByteArray type
            = body.isEmpty() ? QByteArray() : "application/x-www-form-urlencoded"_ba;
        const server::DuoRequest request { method, "localhost", path, query, body, type, {} };
        QByteArray bytes = method + ' ' + path + (query.isEmpty() ? QByteArray() : "?" + query)
            + " HTTP/1.1\r\nHost: " + m_host + "\r\n";
        if (!body.isEmpty())
            bytes += "Content-Type: " + type
                + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        for (const auto &[name, value] : server::DuoSignature::sign(
                 2, m_ikey, m_skey, request, QDateTime::currentSecsSinceEpoch()))
            bytes += name + ": " + value + "\r\n";
        return bytes + "\r\n" + body;
    }

    QByteArray m_host;
    QString m_ikey;
    QByteArray m_skey;
};

struct Percentiles
{
    std::vector<qint64> ns;
    double ms(double q) const
    {
        if (ns.empty())
            return 0;
        const auto rank = size_t(std::ceil(q * double(ns.size())));
        return double(ns[std::clamp<size_t>(rank, 1, ns.size()) - 1]) / 1e6;
    }
    void sort() { std::sort(ns.begin(), ns.end()); }
};

QString figures(const Percentiles &p)
{
    return u"p50=%1ms p99=%2ms max=%3ms n=%4"_s.arg(p.ms(0.50), 0, 'f', 3)
        .arg(p.ms(0.99), 0, 'f', 3)
        .arg(p.ms(1.0), 0, 'f', 3)
        .arg(p.ns.size());
}

// nginx's static 200 over one keep-alive TLS connection, rounds times one after the other.
Percentiles staticFloor(const QSslConfiguration &tls, quint16 port, int rounds)
{
    Percentiles result;
    HttpsConnection connection(tls, port);
    const QByteArray request
        = "GET / HTTP/1.1\r\nHost: localhost:" + QByteArray::number(port) + "\r\n\r\n";
    bool ready = false;
    connection.open([&] { ready = true; }, [](const QString &) {});
    if (!waitUntil([&] { return ready || connection.failed(); }, 10000) || !ready)
        return result;
    int done = 0;
    qint64 sent = 0;
    std::function<void()> next = [&] {
        sent = nowNs();
        connection.send(request, [&](const Response &r) {
            if (r.status == 200)
                result.ns.push_back(nowNs() - sent);
            if (++done < rounds)
                next();
        });
    };
    next();
    waitUntil([&] { return done >= rounds || connection.failed(); }, 120000);
    result.sort();
    return result;
}

struct CapacityStep
{
    int opened = 0, held = 0, failed = 0;
    qint64 rssKiB = 0;
};

// Connections to one target, grown step by step. request(i) is what connection i sends first;
// with repoll, again whenever an answer comes (the device's next long poll); without, it sends
// one request and then stays idle (a keep-alive connection).
class ConnectionPool final
{
    Q_DISABLE_COPY_MOVE(ConnectionPool)

public:
    ConnectionPool(const QSslConfiguration &tls, quint16 port,
                   std::function<QByteArray(int)> request, bool repoll)
        : m_tls(tls)
        , m_port(port)
        , m_request(std::move(request))
        , m_repoll(repoll)
    {
    }
    ~ConnectionPool() { m_connections.clear(); }

    // Opens connections up to count, then lets them settle; returns how many are held.
    CapacityStep grow(int count)
    {
        constexpr int inFlight = 64; // handshakes at once, as devices coming online
        while (int(m_connections.size()) < count) {
            if (!waitUntil([this] { return m_handshaking < inFlight; }, 30000))
                break;
            open(int(m_connections.size()));
        }
        waitUntil([this] { return m_handshaking == 0; }, 60000);
        // Answers to first requests and the server's bookkeeping settle.
        waitUntil([] { return false; }, 3000);
        CapacityStep s;
        s.opened = int(m_connections.size());
        for (size_t i = 0; i < m_connections.size(); ++i) {
            if (m_connections[i]->failed())
                continue;
            if (m_repoll ? m_connections[i]->waiting() : bool(m_idle[i]))
                ++s.held;
        }
        s.failed = m_failed + m_badAnswers;
        return s;
    }

private:
    void open(int i)
    {
        m_connections.push_back(std::make_unique<HttpsConnection>(m_tls, m_port));
        m_idle.push_back(0);
        HttpsConnection *c = m_connections.back().get();
        ++m_handshaking;
        auto send = std::make_shared<std::function<void()>>();
        *send = [this, c, i, weak = std::weak_ptr(send)] {
            c->send(m_request(i), [this, i, weak](const Response &r) {
                if (r.status != 200)
                    ++m_badAnswers;
                if (auto again = weak.lock(); m_repoll && r.status == 200 && again)
                    (*again)();
                else
                    m_idle[size_t(i)] = 1;
            });
        };
        auto shaking = std::make_shared<bool>(true);
        c->open(
            [this, send, shaking] {
                *shaking = false;
                --m_handshaking;
                (*send)();
            },
            [this, shaking](const QString &) {
                if (std::exchange(*shaking, false))
                    --m_handshaking;
                ++m_failed;
            });
    }

    QSslConfiguration m_tls;
    quint16 m_port;
    std::function<QByteArray(int)> m_request;
    bool m_repoll;
    int m_handshaking = 0, m_failed = 0, m_badAnswers = 0;
    std::vector<char> m_idle; // answered and not polling again (keep-alive)
    std::vector<std::unique_ptr<HttpsConnection>> m_connections;
};

// Grows a pool through steps, printing and returning the target's RSS at each.
std::vector<CapacityStep> ramp(ConnectionPool &pool, const QList<qint64> &pids,
                               const QList<int> &steps, qint64 &baseKiB)
{
    std::vector<CapacityStep> result;
    baseKiB = rssKiBOf(pids);
    for (int step : steps) {
        CapacityStep s = pool.grow(step);
        s.rssKiB = rssKiBOf(pids);
        result.push_back(s);
        out << u"  step %1: %2 held, %3 failed, RSS %4 MiB, client RSS %5 MiB, load %6"_s.arg(step)
                   .arg(s.held)
                   .arg(s.failed)
                   .arg(double(s.rssKiB) / 1024, 0, 'f', 1)
                   .arg(double(rssKiB(0)) / 1024, 0, 'f', 1)
                   .arg(loadAverage())
            << Qt::endl;
    }
    return result;
}

// A device's held long poll, signed with its key: "seen" lists the challenges it has (none),
// so the server parks it.
class SignedPolls final
{
public:
    SignedPolls(const std::vector<BenchDevice> &devices, quint16 port)
        : m_devices(devices)
        , m_host("Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n")
    {
    }

    QString load()
    {
        m_keys.reserve(m_devices.size());
        for (const BenchDevice &d : m_devices) {
            auto key = EcKey::fromPrivatePem(d.privatePem);
            if (!key)
                return key.error().message;
            m_keys.push_back(std::move(*key));
        }
        return {};
    }

    QByteArray operator()(int i) const
    {
        const QByteArray target = "/v1/device/challenges?seen=";
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QByteArray signature
            = m_keys[size_t(i)]
                  .sign(PushProtocol::requestCanonical("GET", target, now, {}))
                  .value_or(QByteArray())
                  .toBase64();
        return "GET " + target + " HTTP/1.1\r\n" + m_host + PushProtocol::deviceHeader + ": "
            + m_devices[size_t(i)].deviceId.toLatin1() + "\r\n" + PushProtocol::timestampHeader
            + ": " + QByteArray::number(now) + "\r\n" + PushProtocol::signatureHeader + ": "
            + signature + "\r\n\r\n";
    }

private:
    const std::vector<BenchDevice> &m_devices;
    QByteArray m_host;
    std::vector<EcKey> m_keys;
};

int runLatency(const QCommandLineParser &args, const QSslConfiguration &tls,
               const std::vector<BenchDevice> &all, const QSslCertificate &certificate)
{
    const int count = std::min<int>(args.value(u"count"_s).toInt(), int(all.size()));
    const int rounds = args.value(u"rounds"_s).toInt();
    const quint16 port = args.value(u"server-port"_s).toUShort();
    const qint64 serverPid = args.value(u"server-pid"_s).toLongLong();
    auto serverKey = EcKey::fromCertificatePem(certificate.toPem());
    if (!serverKey) {
        out << "bench_push: " << serverKey.error().message << Qt::endl;
        return 1;
    }
    // Optionally, more devices' long polls held by plain sockets (the devices after the first
    // count), to tell the server's share of the cost of many connections from this client's.
    const int hold = std::min<int>(args.value(u"hold"_s).toInt(), int(all.size()) - count);
    std::unique_ptr<SignedPolls> heldPolls;
    std::unique_ptr<ConnectionPool> held;
    if (hold > 0) {
        heldPolls = std::make_unique<SignedPolls>(all, port);
        if (const QString problem = heldPolls->load(); !problem.isEmpty()) {
            out << "bench_push: " << problem << Qt::endl;
            return 1;
        }
        held = std::make_unique<ConnectionPool>(
            tls, port, [&polls = *heldPolls, count](int i) { return polls(count + i); }, true);
        const CapacityStep s = held->grow(hold);
        out << u"latency: %1 more long polls held by plain sockets (%2 failed)"_s.arg(s.held).arg(
            s.failed)
            << Qt::endl;
    }
    if (rounds > 5 * count)
        out << "WARNING: more than 5 rounds per device: the default policy refuses the 6th push "
               "to a user within 10 minutes"
            << Qt::endl;
    const qint64 serverBefore = rssKiB(serverPid), clientBefore = rssKiB(0);

    // One round at a time: the txid and number from auth, and whether the challenge came.
    struct Round
    {
        QString txid;
        int number = 0;
        client::PushDevice *device = nullptr;
        bool challenged = false, answered = false;
        qint64 start = 0, challengeAt = 0;
    } round;
    const auto approveWhenReady = [&round] {
        if (round.answered || !round.challenged || round.txid.isEmpty())
            return;
        round.answered = true;
        round.device->answer(round.txid, client::PushDevice::Answer::Approve, round.number);
    };

    std::vector<std::unique_ptr<client::PushDevice>> devices;
    QElapsedTimer connecting;
    connecting.start();
    int rejected = 0;
    for (int i = 0; i < count; ++i) {
        auto key = EcKey::fromPrivatePem(all[size_t(i)].privatePem);
        if (!key) {
            out << "bench_push: " << key.error().message << Qt::endl;
            return 1;
        }
        client::PushRegistration registration {
            QUrl(u"https://127.0.0.1:%1"_s.arg(port)),
            certificate.digest(QCryptographicHash::Sha256).toHex(),
            all[size_t(i)].deviceId,
            all[size_t(i)].username,
            serverKey->publicPem(),
        };
        auto device = std::make_unique<client::PushDevice>(std::move(*key), registration);
        client::PushDevice *raw = device.get();
        QObject::connect(raw, &client::PushDevice::challengeReceived, raw,
                         [&round, raw, approveWhenReady](const client::PushChallenge &challenge) {
                             if (raw != round.device)
                                 return;
                             round.challenged = true;
                             round.challengeAt = nowNs();
                             if (round.txid.isEmpty() || round.txid == challenge.txid)
                                 approveWhenReady();
                         });
        QObject::connect(raw, &client::PushDevice::challengeRejected, raw,
                         [&rejected](const QString &, const QString &) { ++rejected; });
        devices.push_back(std::move(device));
        raw->start();
    }
    const auto connected = [&] {
        return std::count_if(devices.begin(), devices.end(), [](const auto &d) {
            return d->state() == client::PushDevice::State::Connected;
        });
    };
    waitUntil([&] { return connected() == count; }, 120000);
    // Every device has had its first, immediate answer and sent its held poll.
    waitUntil([] { return false; }, 2000);
    const qint64 connectedCount = connected();
    out << u"latency: %1 of %2 devices connected in %3 ms; server RSS %4 MiB (was %5), this "
           "client %6 MiB (was %7); load %8"_s.arg(connectedCount)
               .arg(count)
               .arg(connecting.elapsed())
               .arg(double(rssKiB(serverPid)) / 1024, 0, 'f', 1)
               .arg(double(serverBefore) / 1024, 0, 'f', 1)
               .arg(double(rssKiB(0)) / 1024, 0, 'f', 1)
               .arg(double(clientBefore) / 1024, 0, 'f', 1)
               .arg(loadAverage())
        << Qt::endl;
    if (connectedCount == 0)
        return 1;

    // Devices in a shuffled ring: each user has at most ceil(rounds / count) pushes, well
    // within the default policy's 5 per 10 minutes.
    std::vector<int> order(static_cast<size_t>(count));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937(7));

    RelyingApp app(port, args.value(u"ikey"_s), args.value(u"skey"_s).toUtf8());
    HttpsConnection duo(tls, port);
    bool ready = false;
    QString failure;
    duo.open([&] { ready = true; }, [&](const QString &why) { failure = why; });
    waitUntil([&] { return ready || !failure.isEmpty(); }, 10000);
    Percentiles total, toChallenge, firstPush, laterPush;
    int errors = 0, done = 0;
    QString firstError;
    const auto fail = [&](const QString &why) {
        ++errors;
        if (firstError.isEmpty())
            firstError = why;
    };
    std::function<void()> nextRound;
    std::function<void()> pollStatus = [&] {
        duo.send(app.authStatus(round.txid), [&](const Response &r) {
            const QJsonObject response
                = QJsonDocument::fromJson(r.body).object().value(u"response"_s).toObject();
            const QString result = response.value(u"result"_s).toString();
            if (r.status == 200 && result == u"allow") {
                total.ns.push_back(nowNs() - round.start);
                toChallenge.ns.push_back(round.challengeAt - round.start);
                (done < count ? firstPush : laterPush).ns.push_back(nowNs() - round.start);
            } else if (r.status == 200 && result == u"waiting") {
                return pollStatus();
            } else {
                fail(u"auth_status: HTTP %1 %2"_s.arg(r.status).arg(QString::fromUtf8(r.body)));
            }
            ++done;
            // The device's answer and its next poll finish before the next sign-in starts.
            QTimer::singleShot(5, [&] { nextRound(); });
        });
    };
    nextRound = [&] {
        if (done >= rounds)
            return;
        round = Round {};
        round.device = devices[size_t(order[size_t(done) % order.size()])].get();
        round.start = nowNs();
        const QString user = round.device->registration().username;
        duo.send(app.auth(user), [&](const Response &r) {
            const QJsonObject response
                = QJsonDocument::fromJson(r.body).object().value(u"response"_s).toObject();
            round.txid = response.value(u"txid"_s).toString();
            round.number = response.value(u"number"_s).toString().toInt();
            if (r.status != 200 || round.txid.isEmpty()) {
                fail(u"auth: HTTP %1 %2"_s.arg(r.status).arg(QString::fromUtf8(r.body)));
                ++done;
                QTimer::singleShot(5, [&] { nextRound(); });
                return;
            }
            approveWhenReady();
            pollStatus();
        });
    };
    if (ready) {
        nextRound();
        waitUntil([&] { return done >= rounds || duo.failed(); }, rounds * 2000);
    }
    total.sort();
    toChallenge.sort();
    firstPush.sort();
    laterPush.sort();
    out << u"twofold push auth->allow: %1 errors=%2 load %3"_s.arg(figures(total))
               .arg(errors)
               .arg(loadAverage())
        << Qt::endl;
    out << u"  of which auth->challenge at the device: %1"_s.arg(figures(toChallenge)) << Qt::endl;
    // A device's first answer opens a second connection (its poll holds the first); later
    // answers reuse it while it is kept alive.
    out << u"  first push to a device: %1"_s.arg(figures(firstPush)) << Qt::endl;
    out << u"  later pushes: %1"_s.arg(figures(laterPush)) << Qt::endl;
    if (errors > 0)
        out << "  first error: " << firstError << Qt::endl;
    if (rejected > 0)
        out << "  challenges the devices rejected: " << rejected << Qt::endl;
    out << u"  devices still connected after the rounds: %1 of %2"_s.arg(connected()).arg(count)
        << Qt::endl;
    if (args.isSet(u"nginx-port"_s)) {
        const Percentiles floor = staticFloor(tls, args.value(u"nginx-port"_s).toUShort(), rounds);
        out << u"nginx static 200, one keep-alive TLS connection: %1"_s.arg(figures(floor))
            << Qt::endl;
        if (!floor.ns.empty() && !total.ns.empty())
            out << u"ratio push/static: p50 %1x p99 %2x"_s
                       .arg(total.ms(0.5) / floor.ms(0.5), 0, 'f', 1)
                       .arg(total.ms(0.99) / floor.ms(0.99), 0, 'f', 1)
                << Qt::endl;
    }
    out << u"target p50 < 5 ms: %1 ms %2; p99 < 50 ms: %3 ms %4"_s.arg(total.ms(0.5), 0, 'f', 2)
               .arg(total.ms(0.5) < 5 ? u"PASS"_s : u"BELOW TARGET"_s)
               .arg(total.ms(0.99), 0, 'f', 2)
               .arg(total.ms(0.99) < 50 ? u"PASS"_s : u"BELOW TARGET"_s)
        << Qt::endl;
    return total.ns.empty() ? 1 : 0;
}

int runCapacity(const QCommandLineParser &args, const QSslConfiguration &tls,
                const std::vector<BenchDevice> &all)
{
    QList<int> steps;
    for (const QString &n : args.value(u"steps"_s).split(u',', Qt::SkipEmptyParts))
        steps << std::min(n.toInt(), int(all.size()));
    const quint16 port = args.value(u"server-port"_s).toUShort();
    SignedPolls polls(all, port);
    if (const QString problem = polls.load(); !problem.isEmpty()) {
        out << "bench_push: " << problem << Qt::endl;
        return 1;
    }
    out << "capacity: twofold-server, device long polls (plain TLS sockets, signed polls)"
        << Qt::endl;
    qint64 base = 0;
    std::vector<CapacityStep> twofold;
    {
        ConnectionPool pool(tls, port, std::cref(polls), true);
        twofold = ramp(pool, { args.value(u"server-pid"_s).toLongLong() }, steps, base);
    }
    out << u"  twofold-server RSS before any connection: %1 MiB"_s.arg(double(base) / 1024, 0, 'f',
                                                                       1)
        << Qt::endl;

    std::vector<CapacityStep> nginx;
    qint64 nginxBase = 0;
    if (args.isSet(u"nginx-port"_s)) {
        const quint16 nginxPort = args.value(u"nginx-port"_s).toUShort();
        QList<qint64> pids;
        for (const QString &pid : args.values(u"nginx-pid"_s))
            pids << pid.toLongLong();
        const QByteArray get
            = "GET / HTTP/1.1\r\nHost: localhost:" + QByteArray::number(nginxPort) + "\r\n\r\n";
        out << "capacity: nginx, idle keep-alive TLS connections after one request each"
            << Qt::endl;
        ConnectionPool pool(
            tls, nginxPort, [get](int) { return get; }, false);
        nginx = ramp(pool, pids, steps, nginxBase);
        out << u"  nginx worker RSS before any connection: %1 MiB"_s.arg(double(nginxBase) / 1024,
                                                                         0, 'f', 1)
            << Qt::endl;
    }

    out << Qt::endl
        << u"%1 | %2 %3 %4 | %5 %6 %7 | %8"_s.arg(u"connections"_s, 11)
               .arg(u"held"_s, 6)
               .arg(u"RSS MiB"_s, 8)
               .arg(u"KiB/conn"_s, 8)
               .arg(u"nginx"_s, 6)
               .arg(u"RSS MiB"_s, 8)
               .arg(u"KiB/conn"_s, 8)
               .arg(u"x KiB/conn"_s, 10)
        << Qt::endl;
    for (size_t i = 0; i < twofold.size(); ++i) {
        const CapacityStep &t = twofold[i];
        const double perConn = t.held > 0 ? double(t.rssKiB - base) / t.held : 0;
        const CapacityStep n = i < nginx.size() ? nginx[i] : CapacityStep {};
        const double nginxPer = n.held > 0 ? double(n.rssKiB - nginxBase) / n.held : 0;
        out << u"%1 | %2 %3 %4 | %5 %6 %7 | %8"_s.arg(steps[qsizetype(i)], 11)
                   .arg(t.held, 6)
                   .arg(double(t.rssKiB) / 1024, 8, 'f', 1)
                   .arg(perConn, 8, 'f', 1)
                   .arg(n.held, 6)
                   .arg(double(n.rssKiB) / 1024, 8, 'f', 1)
                   .arg(nginxPer, 8, 'f', 1)
                   .arg(nginxPer > 0 ? perConn / nginxPer : 0.0, 10, 'f', 1)
            << Qt::endl;
    }
    out << "(KiB/conn: RSS growth over the idle process, per held connection; x: twofold-server "
           "per nginx)"
        << Qt::endl;
    if (!twofold.empty()) {
        const CapacityStep &last = twofold.back();
        out << u"target 10,000 devices under 300 MB RSS: %1 held, %2 MB %3"_s.arg(last.held)
                   .arg(double(last.rssKiB) * 1024 / 1e6, 0, 'f', 1)
                   .arg(last.held >= 10000 && double(last.rssKiB) * 1024 / 1e6 < 300
                            ? u"PASS"_s
                            : u"BELOW TARGET"_s)
            << Qt::endl;
    }
    return twofold.empty() || twofold.back().held == 0 ? 1 : 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Push latency and capacity client for bench_push.sh."_s);
    parser.addHelpOption();
    parser.addOptions({
        { u"mode"_s, u"latency or capacity."_s, u"MODE"_s },
        { u"ca"_s, u"The server certificate (PEM), pinned and trusted."_s, u"CERT"_s },
        { u"devices"_s, u"The file of make_bench_users --push."_s, u"FILE"_s },
        { u"server-port"_s, u"Port of twofold-server."_s, u"PORT"_s },
        { u"server-pid"_s, u"The twofold-server process, for its RSS."_s, u"PID"_s },
        { u"ikey"_s, u"Integration key (latency)."_s, u"IKEY"_s },
        { u"skey"_s, u"Secret key (latency)."_s, u"SKEY"_s },
        { u"count"_s, u"Connected PushDevices (latency)."_s, u"N"_s, u"1000"_s },
        { u"rounds"_s, u"Push sign-ins, one at a time (latency)."_s, u"N"_s, u"2000"_s },
        { u"hold"_s, u"More device polls held by plain sockets (latency)."_s, u"N"_s, u"0"_s },
        { u"steps"_s, u"Connections at which to measure (capacity)."_s, u"LIST"_s,
          u"1000,5000,10000"_s },
        { u"nginx-port"_s, u"Port of nginx, the peer in the same run."_s, u"PORT"_s },
        { u"nginx-pid"_s, u"An nginx worker, for its RSS (capacity)."_s, u"PID"_s },
    });
    parser.process(app);

    QFile certificateFile(parser.value(u"ca"_s));
    const QList<QSslCertificate> certificates = certificateFile.open(QIODevice::ReadOnly)
        ? QSslCertificate::fromData(certificateFile.readAll(), QSsl::Pem)
        : QList<QSslCertificate>();
    const std::vector<BenchDevice> devices = loadDevices(parser.value(u"devices"_s));
    if (certificates.isEmpty() || devices.empty() || !parser.isSet(u"server-port"_s)) {
        QTextStream(stderr) << "bench_push: needs --ca, --devices and --server-port\n"
                            << parser.helpText();
        return 2;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(certificates);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);

    const QString mode = parser.value(u"mode"_s);
    if (mode == u"latency")
        return runLatency(parser, tls, devices, certificates.first());
    if (mode == u"capacity")
        return runCapacity(parser, tls, devices);
    QTextStream(stderr) << "bench_push: --mode latency or capacity\n";
    return 2;
}
