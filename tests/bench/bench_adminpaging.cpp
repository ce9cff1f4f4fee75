// The driver of bench_adminpaging.sh: admin mode's user list (UserListModel over AdminClient)
// paging through every user of a running twofold-server, and, as the peer, the same client
// fetching a static file of one page's bytes from nginx. Figures are printed, never asserted.
//   bench_adminpaging --url https://127.0.0.1:PORT --fingerprint HEX --username U --password P
//       --otpauth URI [--fill N] [--page-out FILE] [--runs 20]
//   bench_adminpaging --static https://127.0.0.1:PORT/page.json --fingerprint HEX --count N
// --fill imports N users (user000000…, 20 groups) through POST /admin/v1/users/import first;
// --page-out writes the raw body of the first 200-user page, for nginx to serve.
// Every page is timed from the request (setFilter or fetchMore) to the model's loaded().
#include "admin/userlistmodel.h"
#include "client/adminclient.h"
#include "client/pinnedcertificate.h"
#include "otp/otpauthuri.h"
#include "otp/otpgenerator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace twofold;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

[[noreturn]] void die(const QString &message)
{
    QTextStream(stderr) << "bench_adminpaging: " << message << Qt::endl;
    std::exit(1);
}

// Runs the event loop until sender emits signal; the benchmark is sequential by design.
template<typename Sender, typename Signal> void waitFor(Sender *sender, Signal signal)
{
    QEventLoop loop;
    QObject::connect(sender, signal, &loop, &QEventLoop::quit);
    loop.exec();
}

// Nearest-rank percentile of milliseconds.
double percentile(QList<double> ms, double q)
{
    if (ms.isEmpty())
        return 0;
    std::sort(ms.begin(), ms.end());
    const auto rank = qsizetype(std::ceil(q * double(ms.size())));
    return ms[std::clamp<qsizetype>(rank - 1, 0, ms.size() - 1)];
}

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

void finishOrDie(client::AdminReply *reply, const QString &what)
{
    if (!reply->isOk() && !reply->error())
        waitFor(reply, &client::AdminReply::finished);
    if (!reply->isOk())
        die(u"%1 failed: %2"_s.arg(what, reply->error()->message));
}

void fill(client::AdminClient &client, int count)
{
    constexpr int chunk = 10'000; // ~450 KB of CSV, well under the server's import limit
    QElapsedTimer timer;
    timer.start();
    for (int first = 0; first < count; first += chunk) {
        QByteArray csv = "username,email,phone,group\n"_ba;
        for (int i = first; i < std::min(count, first + chunk); ++i) {
            const QString name = u"user%1"_s.arg(i, 6, 10, QChar(u'0'));
            csv += u"%1,%1@example.com,,group%2\n"_s.arg(name)
                       .arg(i % 20, 2, 10, QChar(u'0'))
                       .toUtf8();
        }
        client::AdminReply *reply = client.upload(u"users/import"_s, {}, csv, "text/csv"_ba);
        finishOrDie(reply, u"Importing users"_s);
        reply->deleteLater();
    }
    out() << "filled: " << count << " users through users/import in "
          << QString::number(elapsedMs(timer) / 1000, 'f', 1) << " s" << Qt::endl;
}

void writeFirstPage(client::AdminClient &client, const QString &path)
{
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, u"200"_s);
    client::AdminReply *reply = client.get(u"users"_s, query);
    finishOrDie(reply, u"Fetching the first page"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(reply->body()) != reply->body().size())
        die(u"Cannot write %1."_s.arg(path));
    out() << "page file: " << reply->body().size() << " bytes (first 200-user page)" << Qt::endl;
    reply->deleteLater();
}

void waitLoaded(ui::UserListModel &model)
{
    QEventLoop loop;
    QObject::connect(&model, &ui::UserListModel::loaded, &loop, &QEventLoop::quit);
    QObject::connect(&model, &ui::UserListModel::failed, &loop,
                     [](const QString &message) { die(u"A page failed: "_s + message); });
    loop.exec();
}

void printTimings(const QString &label, const QList<double> &ms)
{
    out() << "RESULT " << label << ' ' << ms.size() << ' ' << percentile(ms, 0.5) << ' '
          << percentile(ms, 0.99) << ' ' << percentile(ms, 1.0) << Qt::endl;
}

void pageAll(client::AdminClient &client, int pageSize)
{
    ui::UserListModel model(client);
    model.setPageSize(pageSize);
    QList<double> ms;
    QElapsedTimer total, page;
    total.start();
    page.start();
    model.setFilter({});
    waitLoaded(model);
    ms << elapsedMs(page);
    while (model.canFetchMore({})) {
        page.restart();
        model.fetchMore({});
        waitLoaded(model);
        ms << elapsedMs(page);
    }
    const double seconds = elapsedMs(total) / 1000;
    const int rows = model.rowCount();
    out() << "page size " << pageSize << ": " << ms.size() << " pages, " << rows << " rows (server "
          << "total " << model.total() << ") in " << QString::number(seconds, 'f', 2)
          << " s; per page p50 " << QString::number(percentile(ms, 0.5), 'f', 2) << " ms, p99 "
          << QString::number(percentile(ms, 0.99), 'f', 2) << " ms, max "
          << QString::number(percentile(ms, 1.0), 'f', 2) << " ms; "
          << QString::number(double(rows) / seconds, 'f', 0) << " rows/s" << Qt::endl;
    if (rows != model.total())
        die(u"The model holds %1 rows but the server counts %2."_s.arg(rows).arg(model.total()));
    printTimings(u"page%1"_s.arg(pageSize), ms);
}

// The first page of a filtered list, as the console shows it after each keystroke.
void timeFilter(client::AdminClient &client, const QString &label,
                const ui::UserListModel::Filter &filter, int runs)
{
    ui::UserListModel model(client);
    QList<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        model.setFilter(filter);
        waitLoaded(model);
        ms << elapsedMs(timer);
    }
    out() << QString(label).leftJustified(24) << " p50 "
          << QString::number(percentile(ms, 0.5), 'f', 2) << " ms (" << runs
          << " runs, first page of " << model.rowCount() << " rows, " << model.total()
          << " matching)" << Qt::endl;
}

void runStatic(const QUrl &url, const QByteArray &fingerprint, int count)
{
    QNetworkAccessManager network;
    QList<double> ms;
    qint64 bytes = -1;
    for (int i = 0; i < count; ++i) {
        QNetworkRequest request(url);
        client::PinnedCertificate::prepare(request); // the same TLS set-up as AdminClient
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *reply = network.get(request);
        client::PinnedCertificate::enforce(reply, fingerprint);
        waitFor(reply, &QNetworkReply::finished);
        const QByteArray body = reply->readAll();
        // AdminReply parses every JSON answer; so does this, to compare like with like.
        const bool parsed = !QJsonDocument::fromJson(body).object().isEmpty();
        ms << elapsedMs(timer);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200)
            die(u"%1 answered %2: %3"_s.arg(url.toString()).arg(status).arg(reply->errorString()));
        if (!parsed || (bytes >= 0 && body.size() != bytes))
            die(u"%1 answered with a different body."_s.arg(url.toString()));
        bytes = body.size();
        reply->deleteLater();
    }
    out() << "static: " << count << " fetches of " << bytes << " bytes; p50 "
          << QString::number(percentile(ms, 0.5), 'f', 2) << " ms, p99 "
          << QString::number(percentile(ms, 0.99), 'f', 2) << " ms, max "
          << QString::number(percentile(ms, 1.0), 'f', 2) << " ms" << Qt::endl;
    printTimings(u"static"_s, ms);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption urlOption(u"url"_s, u"twofold-server's address"_s, u"url"_s);
    const QCommandLineOption fingerprintOption(u"fingerprint"_s, u"certificate SHA-256"_s,
                                               u"hex"_s);
    const QCommandLineOption usernameOption(u"username"_s, u"admin"_s, u"name"_s);
    const QCommandLineOption passwordOption(u"password"_s, u"admin password"_s, u"password"_s);
    const QCommandLineOption otpauthOption(u"otpauth"_s, u"admin TOTP"_s, u"uri"_s);
    const QCommandLineOption fillOption(u"fill"_s, u"users to import first"_s, u"n"_s, u"0"_s);
    const QCommandLineOption pageOutOption(u"page-out"_s, u"first page to"_s, u"file"_s);
    const QCommandLineOption runsOption(u"runs"_s, u"runs per filter"_s, u"n"_s, u"20"_s);
    const QCommandLineOption staticOption(u"static"_s, u"static page URL"_s, u"url"_s);
    const QCommandLineOption countOption(u"count"_s, u"static fetches"_s, u"n"_s, u"500"_s);
    parser.addOptions({ urlOption, fingerprintOption, usernameOption, passwordOption, otpauthOption,
                        fillOption, pageOutOption, runsOption, staticOption, countOption });
    parser.addHelpOption();
    parser.process(app);
    const QByteArray fingerprint = parser.value(fingerprintOption).toLatin1().toLower();
    if (fingerprint.isEmpty())
        die(u"--fingerprint is required."_s);

    if (parser.isSet(staticOption)) {
        runStatic(QUrl(parser.value(staticOption)), fingerprint,
                  std::max(1, parser.value(countOption).toInt()));
        return 0;
    }

    auto otp = OtpAuthUri::parse(parser.value(otpauthOption));
    if (!otp)
        die(u"--otpauth: "_s + otp.error().message);
    auto code = OtpGenerator(*otp).codeAt(QDateTime::currentSecsSinceEpoch());
    if (!code)
        die(code.error().message);
    client::AdminClient client;
    client.setServer(QUrl(parser.value(urlOption)), fingerprint);
    client::AdminReply *signedIn
        = client.signIn(parser.value(usernameOption), parser.value(passwordOption), *code);
    finishOrDie(signedIn, u"Signing in"_s);
    signedIn->deleteLater();

    if (const int count = parser.value(fillOption).toInt(); count > 0)
        fill(client, count);
    if (parser.isSet(pageOutOption))
        writeFirstPage(client, parser.value(pageOutOption));

    pageAll(client, 200);
    pageAll(client, 1000);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    for (const QString &prefix :
         { u"user0"_s, u"user01"_s, u"user012"_s, u"user0123"_s, u"user01234"_s, u"nobody"_s })
        timeFilter(client, u"search \"%1\""_s.arg(prefix), { prefix, {}, {}, {} }, runs);
    timeFilter(client, u"group \"group07\""_s, { {}, {}, {}, u"group07"_s }, runs);
    timeFilter(client, u"status \"blocked\""_s, { {}, u"blocked"_s, {}, {} }, runs);
    client.signOut();
    return 0;
}
