// Durability of twofold-server on its SQLite file: kill -9 under load (CLI enrollments beside
// Duo API traffic) loses nothing that was reported done, and the data directory always opens with
// an intact audit chain; SIGTERM answers parked long polls and exits 0.
#include "duoscript.h"
#include "otp/otpauthuri.h"
#include "otp/otpgenerator.h"
#include "serverprocess.h"

#include <QDateTime>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::test;

namespace {

constexpr int writers = 4; // CLI enrollments running at once
constexpr int boundMs = 90'000; // a bound for a hung process, never a wait for time to pass

QJsonObject response(const QJsonObject &answer)
{
    return answer.value(u"response"_s).toObject();
}

// `user add NAME` then `user enroll NAME app_code`, as a separate CLI process each, over and over.
class EnrollmentWriter final
{
public:
    EnrollmentWriter(const ServerData &data, QString prefix)
        : m_data(data)
        , m_prefix(std::move(prefix))
    {
        QObject::connect(&m_process, &QProcess::finished, &m_process,
                         [this](int exitCode, QProcess::ExitStatus status) {
                             finished(status == QProcess::NormalExit ? exitCode : -1);
                         });
    }

    void start() { next(); }
    void stop() { m_stopping = true; }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    void kill()
    {
        m_stopping = true;
        m_process.kill();
    }
    // username -> the otpauth URI `user enroll` printed with exit status 0
    const QHash<QString, QString> &enrolled() const { return m_enrolled; }

private:
    void next()
    {
        if (m_stopping)
            return;
        m_adding = !m_adding;
        if (m_adding)
            m_user = u"%1%2"_s.arg(m_prefix).arg(++m_count);
        const QStringList verb = m_adding
            ? QStringList { u"user"_s, u"add"_s, m_user }
            : QStringList { u"user"_s, u"enroll"_s, m_user, u"app_code"_s };
        m_process.start(serverBinary(), verb + m_data.commonArguments());
    }
    void finished(int exitCode)
    {
        const QString out = QString::fromUtf8(m_process.readAllStandardOutput()).trimmed();
        m_process.readAllStandardError();
        if (exitCode != 0) {
            m_adding = false; // start over with a new user
        } else if (!m_adding && out.startsWith(u"otpauth://"_s)) {
            m_enrolled.insert(m_user, out);
        }
        next();
    }

    const ServerData &m_data;
    QString m_prefix;
    QProcess m_process;
    QString m_user;
    int m_count = 0;
    bool m_adding = false;
    bool m_stopping = false;
    QHash<QString, QString> m_enrolled;
};

} // namespace

class tst_Durability final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killUnderLoad_data();
    void killUnderLoad();
    void sigtermAnswersParkedRequests();

private:
    ServerData m_data;
    ServerData::Application m_app;
    QHash<QString, QString> m_enrolled; // over all rounds
};

void tst_Durability::initTestCase()
{
    QVERIFY2(m_data.init(), m_data.lastRun());
    auto app = m_data.addApplication(u"VPN"_s);
    QVERIFY2(app, m_data.lastRun());
    m_app = *app;
    QVERIFY(m_data.setConfig({ { u"limits"_s, QJsonObject { { u"long_poll_seconds"_s, 600 } } } }));
    QVERIFY2(m_data.setPolicy({ { u"push_timeout_seconds"_s, 600 } }), m_data.lastRun());
}

void tst_Durability::killUnderLoad_data()
{
    QTest::addColumn<int>("killAfter"); // enrollments reported before the kill
    // Random points, reproducible from the printed seed.
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("kill points from seed %u", seed);
    QRandomGenerator random(seed);
    for (int round = 1; round <= 4; ++round)
        QTest::addRow("round %d", round) << int(random.bounded(4, 20));
}

void tst_Durability::killUnderLoad()
{
    QFETCH(int, killAfter);
    ServerProcess server(m_data);
    QVERIFY2(server.start(), qPrintable(server.log()));

    // A passcode the server accepts in this round, to replay after the crash.
    const QString round = QString::fromLatin1(QTest::currentDataTag()).remove(u' ');
    const QString steady = u"steady_"_s + round;
    QVERIFY2(m_data.addUser(steady), m_data.lastRun());
    auto otp = OtpAuthUri::parse(m_data.enrollAppCode(steady));
    QVERIFY2(otp, m_data.lastRun());
    const OtpGenerator generator(*otp);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QVERIFY2(m_data.confirmAppCode(steady, *generator.codeAt(now)), m_data.lastRun());
    const QString accepted = *generator.codeAt(now + 30);

    DuoScript duo(m_app.ikey, m_app.skey, server.port(), m_data.certificatePath());
    QVERIFY2(duo.start(), "/usr/bin/python3 is missing");
    const QJsonObject allowed = duo.call(
        u"auth"_s,
        { { u"username"_s, steady }, { u"factor"_s, u"passcode"_s }, { u"passcode"_s, accepted } });
    QCOMPARE(response(allowed).value(u"result"_s).toString(), u"allow"_s);

    // Load: text messages through the Duo API (codes, outbox, audit) and CLI enrollments.
    const QString loader = u"loader_"_s + round;
    const QString phone = u"+316555550"_s + round.right(1);
    QVERIFY2(m_data.addUser(loader, { u"--phone"_s, phone }), m_data.lastRun());
    QList<int> smsCalls;
    for (int i = 0; i < 400; ++i)
        smsCalls << duo.send(u"auth"_s, { { u"username"_s, loader }, { u"factor"_s, u"sms"_s } });
    std::vector<std::unique_ptr<EnrollmentWriter>> chains;
    for (int i = 0; i < writers; ++i) {
        chains.push_back(std::make_unique<EnrollmentWriter>(m_data, u"%1w%2u"_s.arg(round).arg(i)));
        chains.back()->start();
    }
    const auto reported = [&] {
        qsizetype count = 0;
        for (const auto &chain : chains)
            count += chain->enrolled().size();
        return count;
    };
    QVERIFY2(QTest::qWaitFor([&] { return reported() >= killAfter; }, boundMs),
             qPrintable(server.log()));

    // The crash: the server, and one CLI writer in the middle of whatever it was doing.
    server.kill();
    QVERIFY(!server.isRunning());
    chains[size_t(QRandomGenerator::global()->bounded(writers))]->kill();
    for (const auto &chain : chains)
        chain->stop();
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::none_of(chains.cbegin(), chains.cend(),
                                [](const auto &chain) { return chain->running(); });
        },
        boundMs));
    // Every answer the client got was written after the server's commit.
    int smsSent = 0;
    for (int id : std::as_const(smsCalls)) {
        const QJsonObject answer = duo.result(id, boundMs);
        smsSent += response(answer).value(u"status"_s).toString() == u"sent" ? 1 : 0;
    }
    for (const auto &chain : chains)
        m_enrolled.insert(chain->enrolled());
    qInfo("killed after %lld enrollments in this round, %lld in all; %d text messages sent",
          qlonglong(reported()), qlonglong(m_enrolled.size()), smsSent);

    // The data directory opens, its audit chain is whole, and nothing reported is lost.
    const ProgramRun verified = m_data.run({ u"audit"_s, u"verify"_s });
    QVERIFY2(verified.ok(), verified.describe({ u"audit verify"_s }));
    for (auto it = m_enrolled.cbegin(); it != m_enrolled.cend(); ++it) {
        QVERIFY2(m_data.runChecked({ u"user"_s, u"show"_s, it.key() }), m_data.lastRun());
        const QJsonArray methods = QJsonDocument::fromJson(m_data.last().out.toUtf8())
                                       .object()
                                       .value(u"methods"_s)
                                       .toArray();
        QVERIFY2(std::any_of(
                     methods.cbegin(), methods.cend(),
                     [](const QJsonValue &m) { return m[u"method"_s].toString() == u"app_code"; }),
                 m_data.lastRun());
    }
    QVERIFY2(m_data.runChecked({ u"outbox"_s, u"list"_s, u"--limit"_s, u"1000"_s }),
             m_data.lastRun());
    const QJsonArray outbox = QJsonDocument::fromJson(m_data.last().out.toUtf8()).array();
    const auto smsInOutbox
        = std::count_if(outbox.cbegin(), outbox.cend(),
                        [&](const QJsonValue &e) { return e[u"to"_s].toString() == phone; });
    QVERIFY2(smsInOutbox >= smsSent, qPrintable(u"%1 of %2"_s.arg(smsInOutbox).arg(smsSent)));

    // The restarted server opens the same directory and still refuses the accepted code.
    QVERIFY2(server.start(), qPrintable(server.log()));
    DuoScript again(m_app.ikey, m_app.skey, server.port(), m_data.certificatePath());
    QVERIFY(again.start());
    const QJsonObject replayed = again.call(
        u"auth"_s,
        { { u"username"_s, steady }, { u"factor"_s, u"passcode"_s }, { u"passcode"_s, accepted } });
    QVERIFY2(replayed.value(u"ok"_s).toBool(), again.describe(replayed));
    QCOMPARE(response(replayed).value(u"result"_s).toString(), u"deny"_s);
    QCOMPARE(server.terminate(), 0);

    // Each enrollment still holds the secret that was printed: its first code confirms it.
    if (QTest::currentDataTag() == QByteArray("round 4")) {
        const qint64 when = QDateTime::currentSecsSinceEpoch();
        for (auto it = m_enrolled.cbegin(); it != m_enrolled.cend(); ++it) {
            auto params = OtpAuthUri::parse(it.value());
            QVERIFY(params);
            QVERIFY2(m_data.confirmAppCode(it.key(), *OtpGenerator(*params).codeAt(when)),
                     m_data.lastRun());
        }
    }
}

void tst_Durability::sigtermAnswersParkedRequests()
{
    ServerProcess server(m_data);
    QVERIFY2(server.start(), qPrintable(server.log()));
    QVERIFY2(m_data.addUser(u"waiter"_s, { u"--phone"_s, u"+31666666666"_s }), m_data.lastRun());
    QVERIFY2(m_data.addUser(u"poller"_s, { u"--phone"_s, u"+31677777777"_s }), m_data.lastRun());

    // A synchronous phone auth: parked once its call is in the outbox (one event-loop turn).
    DuoScript sync(m_app.ikey, m_app.skey, server.port(), m_data.certificatePath());
    QVERIFY(sync.start());
    const int syncAuth
        = sync.send(u"auth"_s, { { u"username"_s, u"waiter"_s }, { u"factor"_s, u"phone"_s } });
    QVERIFY(QTest::qWaitFor(
        [&] {
            const QJsonArray outbox = m_data.outbox();
            return std::any_of(outbox.cbegin(), outbox.cend(), [](const QJsonValue &e) {
                return e[u"to"_s].toString() == u"+31666666666"
                    && e[u"status"_s].toString() == u"ringing";
            });
        },
        boundMs));

    // An auth_status long poll on an async call, on the wire before the signal.
    DuoScript async(m_app.ikey, m_app.skey, server.port(), m_data.certificatePath());
    QVERIFY(async.start());
    const QJsonObject started = async.call(
        u"auth"_s,
        { { u"username"_s, u"poller"_s }, { u"factor"_s, u"phone"_s }, { u"async_txn"_s, true } });
    const QString txid = response(started).value(u"txid"_s).toString();
    QVERIFY2(!txid.isEmpty(), async.describe(started));
    const int poll = async.send(u"auth_status"_s, { { u"txid"_s, txid } });
    QVERIFY(async.waitSent(poll));

    // Shut down well within the long polls' 600 s, answering both.
    server.process().terminate();
    QVERIFY2(server.process().waitForFinished(10'000), qPrintable(server.log()));
    QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.process().exitCode(), 0);
    const QJsonObject polled = async.result(poll, 10'000);
    QVERIFY2(polled.value(u"ok"_s).toBool(), async.describe(polled));
    QCOMPARE(response(polled).value(u"waiting"_s).toBool(), true);
    const QJsonObject synced = sync.result(syncAuth, 10'000);
    QVERIFY2(synced.value(u"ok"_s).toBool(), sync.describe(synced));
    QCOMPARE(response(synced).value(u"result"_s).toString(), u"deny"_s);
    QVERIFY2(server.log().contains(u"\"event\":\"stopped\""_s), qPrintable(server.log()));
}

QTEST_GUILESS_MAIN(tst_Durability)
#include "tst_durability.moc"
