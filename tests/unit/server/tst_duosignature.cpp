#include "server/duo/duosignature.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;

namespace {

const QString python = u"/usr/bin/python3"_s;
const QString firstIkey = u"DIWJ8X6AEYOR5OMC6TQ1"_s;
const QByteArray firstSkey = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep"_ba;
const QString otherIkey = u"DIOTHERAPPLICATION01"_s;
const QByteArray otherSkey = "a-different-secret-key-of-40-characters!"_ba;

std::optional<QByteArray> skeyFor(const QString &ikey)
{
    if (ikey == firstIkey)
        return firstSkey;
    if (ikey == otherIkey)
        return otherSkey;
    return std::nullopt;
}

// One request for duo_client to sign; see duo_reference.py for the fields.
struct Row
{
    const char *name;
    int version;
    const char *method;
    const char *host;
    int port; // 0: none given
    const char *path;
    const char *params; // JSON object: name -> string or list of strings
    const char *xduo; // JSON object of X-Duo-* headers (v5)
    bool otherApplication = false;
};

const Row rows[] = {
    { "v2 GET without parameters", 2, "GET", "localhost", 8443, "/auth/v2/ping", "{}", "{}" },
    { "v2 GET unicode and reserved characters", 2, "GET", "localhost", 8443, "/auth/v2/preauth",
      R"({"username": "j\u00fcrgen \u2603 \u540d\u524d",
          "reserved": "a b&c=d/e?f+g%h~i*'()!;:@,$#[]<>\"\\",
          "\u00fcn\u00efcode key": "1", "tilde~dot.dash-under_": "~._-"})",
      "{}" },
    { "v2 GET repeated and empty values", 2, "GET", "localhost", 8443, "/auth/v2/auth_status",
      R"({"a": ["2", "1", "10", "1"], "empty": "", "B": "upper case sorts first"})", "{}" },
    { "v2 POST form", 2, "POST", "localhost", 8443, "/auth/v2/auth",
      R"({"username": "alice", "factor": "push", "device": "auto",
          "pushinfo": "from=login&ip=10.0.0.1", "type": "Log in \u2713"})",
      "{}" },
    { "v2 uppercase host, default port", 2, "GET", "API.Twofold.EXAMPLE", 0, "/auth/v2/check", "{}",
      "{}" },
    { "v2 host:port signed as other clients do", 2, "POST", "localhost:8443", 0, "/auth/v2/preauth",
      R"({"username": "carol"})", "{}" },
    { "v2 IPv6 address with port", 2, "GET", "::1", 8443, "/auth/v2/check", "{}", "{}" },
    { "v2 DELETE", 2, "DELETE", "127.0.0.1", 8443, "/v1/integrations/42", R"({"reason": "gone"})",
      "{}" },
    { "v2 another application", 2, "GET", "localhost", 8443, "/auth/v2/check", "{}", "{}", true },
    { "v4 GET with parameters", 4, "GET", "localhost", 8443, "/auth/v2/auth_status",
      R"({"txid": "4e7b0a3f-94c1-4b6e-9f7c-0d1b3a2c5e6f", "x y": "\u00e9"})", "{}" },
    { "v4 POST JSON", 4, "POST", "localhost", 8443, "/auth/v2/auth",
      R"({"username": "\u00e5lice", "factor": "passcode", "passcode": "123456",
          "async": "1"})",
      "{}" },
    { "v4 POST JSON to an address and port", 4, "POST", "127.0.0.1", 8443, "/auth/v2/preauth",
      R"({"username": "dave"})", "{}" },
    { "v5 GET", 5, "GET", "localhost", 8443, "/auth/v2/preauth", R"({"username": "bob"})", "{}" },
    { "v5 POST JSON with X-Duo headers", 5, "POST", "localhost", 8443, "/auth/v2/auth",
      R"({"username": "erin", "factor": "push", "device": "auto"})",
      R"({"X-Duo-Zeta-Client-Ip": "192.0.2.7", "x-duo-a-Request-Id": "r-1"})" },
    { "v5 GET uppercase host with port", 5, "GET", "LOCALHOST", 8443, "/auth/v2/check", "{}",
      R"({"X-Duo-Trace": "abc"})" },
};

constexpr qint64 firstTime = 1'700'000'000;

// What duo_client sent for one row.
struct Sent
{
    int version = 0;
    QString ikey;
    QByteArray skey;
    qint64 time = 0;
    QJsonObject params;
    QByteArray signedHost;
    QByteArray authorization;
    QByteArray date;
    QString judge;
    DuoRequest request;
};

QByteArray header(const DuoRequest &request, QByteArrayView name)
{
    for (const auto &[key, value] : request.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void setHeader(DuoRequest &request, const QByteArray &name, const QByteArray &value)
{
    request.headers.removeIf(
        [&name](const auto &entry) { return entry.first.compare(name, Qt::CaseInsensitive) == 0; });
    request.headers.append({ name, value });
}

QByteArray basic(const QString &ikey, const QByteArray &signature)
{
    return "Basic "_ba + QByteArray(ikey.toUtf8() + ':' + signature).toBase64();
}

QByteArray signatureOf(const QByteArray &authorization)
{
    return QByteArray::fromBase64(authorization.mid(6)).split(':').value(1);
}

QList<std::pair<QString, QString>> sortedPairs(const QMultiMap<QString, QString> &map)
{
    QList<std::pair<QString, QString>> pairs;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        pairs.append({ it.key(), it.value() });
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

QList<std::pair<QString, QString>> sortedPairs(const QJsonObject &object)
{
    QList<std::pair<QString, QString>> pairs;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it->isArray()) {
            for (const QJsonValue &value : it->toArray())
                pairs.append({ it.key(), value.toString() });
        } else {
            pairs.append({ it.key(), it->toString() });
        }
    }
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

enum class Tamper {
    ParamValue,
    AddedParam,
    Method,
    Path,
    Date,
    UnknownIkey,
    OtherApplicationsIkey,
    Body,
    Host,
    SignatureDigit,
    DuoHeaderValue,
    DuoHeaderAdded,
    MissingAuthorization,
    NotBasic,
    NotBase64,
    NoColon,
    ShortSignature,
    MissingDate,
    UnreadableDate,
    TwoAuthorizations,
    UnrelatedHeaderAdded,
};

} // namespace

class tst_DuoSignature final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void acceptsWhatDuoClientSends_data();
    void acceptsWhatDuoClientSends();
    void signsAsDuoClientDoes_data();
    void signsAsDuoClientDoes();
    void tamperingFails_data();
    void tamperingFails();
    void dateWindow_data();
    void dateWindow();
    void otherDateForms_data();
    void otherDateForms();
    void parameters_data();
    void parameters();
    void duoErrorCodes();

private:
    void addRowNames();
    QHash<QString, Sent> m_sent;
};

void tst_DuoSignature::initTestCase()
{
    QVERIFY2(QFile::exists(python), "/usr/bin/python3 is missing: run installer/install-deps.sh");
    const QString script = QFINDTESTDATA("duo_reference.py");
    QVERIFY2(!script.isEmpty(), "duo_reference.py is missing beside the test");
    QJsonArray input;
    qint64 time = firstTime;
    for (const Row &row : rows) {
        QJsonParseError error;
        const QJsonObject params = QJsonDocument::fromJson(row.params, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, row.name);
        const QJsonObject xduo = QJsonDocument::fromJson(row.xduo).object();
        const QString ikey = row.otherApplication ? otherIkey : firstIkey;
        const QByteArray skey = row.otherApplication ? otherSkey : firstSkey;
        input.append(QJsonObject {
            { u"name"_s, QString::fromUtf8(row.name) },
            { u"version"_s, row.version },
            { u"ikey"_s, ikey },
            { u"skey"_s, QString::fromLatin1(skey) },
            { u"method"_s, QString::fromLatin1(row.method) },
            { u"host"_s, QString::fromLatin1(row.host) },
            { u"port"_s, row.port ? QJsonValue(row.port) : QJsonValue() },
            { u"path"_s, QString::fromLatin1(row.path) },
            { u"params"_s, params },
            { u"xduo"_s, xduo },
            { u"time"_s, time },
        });
        Sent sent;
        sent.version = row.version;
        sent.ikey = ikey;
        sent.skey = skey;
        sent.time = time++;
        sent.params = params;
        m_sent.insert(QString::fromUtf8(row.name), sent);
    }

    QProcess process;
    process.start(python, { script });
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    process.write(QJsonDocument(input).toJson(QJsonDocument::Compact));
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(120000));
    const QByteArray err = process.readAllStandardError();
    // A missing duo_client fails here with Python's ImportError: install python3-duo-client.
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
             err.constData());
    const QJsonArray output = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
    QCOMPARE(output.size(), input.size());
    for (const QJsonValue &value : output) {
        const QJsonObject object = value.toObject();
        Sent &sent = m_sent[object[u"name"_s].toString()];
        sent.judge = object[u"judge"_s].toString();
        sent.signedHost = object[u"signed_host"_s].toString().toUtf8();
        DuoRequest &request = sent.request;
        request.method = object[u"method"_s].toString().toUtf8();
        request.host = object[u"host_header"_s].toString().toUtf8();
        request.path = object[u"path"_s].toString().toUtf8();
        request.query = object[u"query"_s].toString().toUtf8();
        request.body = object[u"body"_s].toString().toUtf8();
        for (const QJsonValue &pair : object[u"headers"_s].toArray()) {
            const QByteArray name = pair[0].toString().toUtf8();
            const QByteArray headerValue = pair[1].toString().toUtf8();
            request.headers.append({ name, headerValue });
            if (name.compare("content-type", Qt::CaseInsensitive) == 0)
                request.contentType = headerValue;
        }
        sent.authorization = header(request, "Authorization");
        sent.date = header(request, "Date");
        QVERIFY(sent.authorization.startsWith("Basic "));
        QVERIFY(!sent.date.isEmpty());
    }
}

void tst_DuoSignature::addRowNames()
{
    QTest::addColumn<QString>("name");
    for (const Row &row : rows)
        QTest::newRow(row.name) << QString::fromUtf8(row.name);
}

void tst_DuoSignature::acceptsWhatDuoClientSends_data()
{
    addRowNames();
}

void tst_DuoSignature::acceptsWhatDuoClientSends()
{
    QFETCH(QString, name);
    const Sent &sent = m_sent[name];
    qInfo("judge: %s", qPrintable(sent.judge));
    const ManualClock clock(sent.time);
    const Result<QString> ikey = DuoSignature::verify(sent.request, skeyFor, clock);
    QVERIFY2(ikey, qPrintable(ikey ? QString() : ikey.error().message));
    QCOMPARE(*ikey, sent.ikey);

    // The parameters read back are the ones duo_client was given.
    const Result<DuoParams> params = DuoSignature::parameters(sent.request);
    QVERIFY2(params, qPrintable(params ? QString() : params.error().message));
    const bool json = sent.version >= 4 && sent.request.method == "POST";
    QCOMPARE(params->isJson, json);
    if (json) {
        QCOMPARE(params->json, sent.params);
        QVERIFY(params->form.isEmpty());
    } else {
        QCOMPARE(sortedPairs(params->form), sortedPairs(sent.params));
    }
}

void tst_DuoSignature::signsAsDuoClientDoes_data()
{
    addRowNames();
}

void tst_DuoSignature::signsAsDuoClientDoes()
{
    QFETCH(QString, name);
    const Sent &sent = m_sent[name];
    DuoRequest request = sent.request;
    request.host = sent.signedHost;
    request.headers.removeIf([](const auto &entry) {
        return !entry.first.toLower().startsWith("x-duo-"); // the signer adds its own
    });
    const auto headers = DuoSignature::sign(sent.version, sent.ikey, sent.skey, request, sent.time);
    QCOMPARE(headers.size(), 2);
    QCOMPARE(headers[0].first, "Authorization"_ba);
    QCOMPARE(headers[0].second, sent.authorization);
    QCOMPARE(headers[1].first, "Date"_ba);
    QCOMPARE(headers[1].second, sent.date);
}

void tst_DuoSignature::tamperingFails_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Tamper>("tamper");
    QTest::addColumn<bool>("rejected");
    QTest::addColumn<ErrorCode>("expected");
    const auto row = [](const char *rowName, const char *base, Tamper tamper, ErrorCode code) {
        QTest::newRow(rowName) << QString::fromUtf8(base) << tamper << true << code;
    };
    const auto control = [](const char *rowName, const char *base, Tamper tamper) {
        QTest::newRow(rowName) << QString::fromUtf8(base) << tamper << false << ErrorCode {};
    };
    const char *get = "v2 GET unicode and reserved characters";
    const char *form = "v2 POST form";
    const char *json4 = "v4 POST JSON";
    const char *get4 = "v4 GET with parameters";
    const char *json5 = "v5 POST JSON with X-Duo headers";
    const ErrorCode bad = ErrorCode::DuoSignatureInvalid;
    row("v2 GET parameter value", get, Tamper::ParamValue, bad);
    row("v2 GET added parameter", get, Tamper::AddedParam, bad);
    row("v2 GET method", get, Tamper::Method, bad);
    row("v2 GET path", get, Tamper::Path, bad);
    row("v2 GET date one second later", get, Tamper::Date, bad);
    row("v2 GET host", get, Tamper::Host, bad);
    row("v2 GET signature digit", get, Tamper::SignatureDigit, bad);
    row("v2 POST form parameter value", form, Tamper::ParamValue, bad);
    row("v2 POST form added parameter", form, Tamper::AddedParam, bad);
    row("v2 POST form method", form, Tamper::Method, bad);
    row("v2 POST unknown ikey", form, Tamper::UnknownIkey, ErrorCode::DuoIntegrationKeyInvalid);
    row("v2 POST other application's ikey", form, Tamper::OtherApplicationsIkey, bad);
    row("v4 GET parameter value", get4, Tamper::ParamValue, bad);
    row("v4 GET date one second later", get4, Tamper::Date, bad);
    row("v4 POST JSON body", json4, Tamper::Body, bad);
    row("v4 POST JSON path", json4, Tamper::Path, bad);
    row("v4 POST JSON method", json4, Tamper::Method, bad);
    row("v4 POST other application's ikey", json4, Tamper::OtherApplicationsIkey, bad);
    row("v5 POST JSON body", json5, Tamper::Body, bad);
    row("v5 X-Duo header value", json5, Tamper::DuoHeaderValue, bad);
    row("v5 X-Duo header added", json5, Tamper::DuoHeaderAdded, bad);
    row("v5 date one second later", json5, Tamper::Date, bad);
    row("v5 host", json5, Tamper::Host, bad);
    row("no Authorization", get, Tamper::MissingAuthorization, ErrorCode::DuoCredentialsMissing);
    row("Authorization not Basic", get, Tamper::NotBasic, ErrorCode::DuoCredentialsMissing);
    row("Authorization not base64", get, Tamper::NotBase64, ErrorCode::DuoCredentialsMissing);
    row("Authorization without colon", get, Tamper::NoColon, ErrorCode::DuoCredentialsMissing);
    row("two Authorization headers", get, Tamper::TwoAuthorizations,
        ErrorCode::DuoCredentialsMissing);
    row("signature too short", get, Tamper::ShortSignature, bad);
    row("no Date", get, Tamper::MissingDate, ErrorCode::DuoDate);
    row("unreadable Date", get, Tamper::UnreadableDate, ErrorCode::DuoDate);
    // Controls: a change that is not signed must not fail, or the rows above prove nothing.
    control("control: v4 does not sign X-Duo headers", get4, Tamper::DuoHeaderAdded);
    control("control: an unrelated header", json5, Tamper::UnrelatedHeaderAdded);
}

void tst_DuoSignature::tamperingFails()
{
    QFETCH(QString, name);
    QFETCH(Tamper, tamper);
    QFETCH(bool, rejected);
    QFETCH(ErrorCode, expected);
    const Sent &sent = m_sent[name];
    DuoRequest request = sent.request;
    QByteArray &params = request.query.isEmpty() ? request.body : request.query;
    const QByteArray signature = signatureOf(sent.authorization);
    switch (tamper) {
    case Tamper::ParamValue:
        QVERIFY(params.contains('='));
        params.insert(params.indexOf('=') + 1, 'x');
        break;
    case Tamper::AddedParam:
        params.append("&extra=1");
        break;
    case Tamper::Method:
        request.method = request.method == "GET" ? "DELETE"_ba : "PUT"_ba;
        break;
    case Tamper::Path:
        request.path.append('x');
        break;
    case Tamper::Date:
        setHeader(request, "Date", DuoSignature::formatDate(sent.time + 1));
        break;
    case Tamper::UnknownIkey:
        setHeader(request, "Authorization", basic(u"DIUNKNOWNINTEGRATION"_s, signature));
        break;
    case Tamper::OtherApplicationsIkey:
        setHeader(request, "Authorization", basic(otherIkey, signature));
        break;
    case Tamper::Body:
        QVERIFY(request.body.contains(':'));
        request.body.replace(':', ": ");
        break;
    case Tamper::Host:
        request.host = "evil.example:8443";
        break;
    case Tamper::SignatureDigit: {
        QByteArray changed = signature;
        changed[5] = changed[5] == '0' ? '1' : '0';
        setHeader(request, "Authorization", basic(sent.ikey, changed));
        break;
    }
    case Tamper::DuoHeaderValue:
        setHeader(request, "X-Duo-Zeta-Client-Ip", "192.0.2.8");
        break;
    case Tamper::DuoHeaderAdded:
        request.headers.append({ "X-Duo-Injected"_ba, "1"_ba });
        break;
    case Tamper::MissingAuthorization:
        request.headers.removeIf([](const auto &entry) { return entry.first == "Authorization"; });
        break;
    case Tamper::NotBasic:
        setHeader(request, "Authorization", "Bearer " + sent.authorization.mid(6));
        break;
    case Tamper::NotBase64:
        setHeader(request, "Authorization", "Basic !!not base64!!");
        break;
    case Tamper::NoColon:
        setHeader(request, "Authorization",
                  "Basic " + QByteArray(sent.ikey.toUtf8() + signature).toBase64());
        break;
    case Tamper::ShortSignature:
        setHeader(request, "Authorization", basic(sent.ikey, signature.left(39)));
        break;
    case Tamper::MissingDate:
        request.headers.removeIf([](const auto &entry) { return entry.first == "Date"; });
        break;
    case Tamper::UnreadableDate:
        setHeader(request, "Date", "yesterday at noon");
        break;
    case Tamper::TwoAuthorizations:
        request.headers.append({ "authorization", sent.authorization });
        break;
    case Tamper::UnrelatedHeaderAdded:
        request.headers.append({ "X-Forwarded-For"_ba, "198.51.100.1"_ba });
        break;
    }
    const ManualClock clock(sent.time);
    const Result<QString> ikey = DuoSignature::verify(request, skeyFor, clock);
    if (!rejected) {
        QVERIFY2(ikey, qPrintable(ikey ? QString() : ikey.error().message));
        return;
    }
    QVERIFY2(!ikey, "a changed request was accepted");
    QCOMPARE(ikey.error().code, expected);
    const QString message = ikey.error().message;
    QVERIFY(!message.isEmpty());
    // No secret in an error, in any form.
    QVERIFY(!message.contains(QString::fromLatin1(firstSkey)));
    QVERIFY(!message.contains(QString::fromLatin1(otherSkey)));
    QVERIFY(!message.contains(QString::fromLatin1(signature)));
}

void tst_DuoSignature::dateWindow_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("serverAhead");
    QTest::addColumn<bool>("accepted");
    for (const char *base : { "v2 POST form", "v5 POST JSON with X-Duo headers" }) {
        for (const qint64 offset : { -301, -300, -299, 0, 299, 300, 301, 86400 }) {
            QTest::addRow("%s, server %+llds", base, static_cast<long long>(offset))
                << QString::fromUtf8(base) << offset << (qAbs(offset) <= 300);
        }
    }
}

void tst_DuoSignature::dateWindow()
{
    QFETCH(QString, name);
    QFETCH(qint64, serverAhead);
    QFETCH(bool, accepted);
    const Sent &sent = m_sent[name];
    const ManualClock clock(sent.time + serverAhead);
    const Result<QString> ikey = DuoSignature::verify(sent.request, skeyFor, clock);
    QCOMPARE(bool(ikey), accepted);
    if (!accepted) {
        QCOMPARE(ikey.error().code, ErrorCode::DuoDate);
        QVERIFY(ikey.error().message.contains(QString::number(qAbs(serverAhead))));
    }
}

void tst_DuoSignature::otherDateForms_data()
{
    QTest::addColumn<QByteArray>("headerName");
    QTest::addColumn<QByteArray>("date");
    QTest::addColumn<qint64>("time");
    // 1700000000 is Tue, 14 Nov 2023 22:13:20 UTC.
    QTest::newRow("X-Duo-Date") << "X-Duo-Date"_ba
                                << "Tue, 14 Nov 2023 22:13:20 -0000"_ba << qint64(1700000000);
    QTest::newRow("zone offset") << "Date"_ba
                                 << "Tue, 14 Nov 2023 17:13:20 -0500"_ba << qint64(1700000000);
    QTest::newRow("GMT as in HTTP dates")
        << "Date"_ba
        << "Tue, 14 Nov 2023 22:13:20 GMT"_ba << qint64(1700000000);
}

// Other clients sign other date forms, and X-Duo-Date: sign by hand with duo_client's rules.
void tst_DuoSignature::otherDateForms()
{
    QFETCH(QByteArray, headerName);
    QFETCH(QByteArray, date);
    QFETCH(qint64, time);
    const QString script = QFINDTESTDATA("duo_reference.py");
    const QString code = uR"(
import base64, hashlib, hmac, sys
import duo_client.client as duo
ikey, skey, date = sys.argv[1:4]
sig = duo.sign(ikey, skey, 'GET', 'localhost', '/auth/v2/check', date, 2, {},
               digestmod=hashlib.sha1)
print(sig)
)"_s;
    QProcess process;
    process.start(
        python,
        { u"-c"_s, code, firstIkey, QString::fromLatin1(firstSkey), QString::fromLatin1(date) });
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    DuoRequest request;
    request.method = "GET";
    request.host = "localhost:8443";
    request.path = "/auth/v2/check";
    request.headers
        = { { "Authorization", process.readAllStandardOutput().trimmed() }, { headerName, date } };
    if (headerName != "Date")
        request.headers.append(
            { "Date"_ba, "Thu, 01 Jan 1970 00:00:00 -0000"_ba }); // X-Duo-Date wins
    const ManualClock clock(time + 10);
    const Result<QString> ikey = DuoSignature::verify(request, skeyFor, clock);
    QVERIFY2(ikey, qPrintable(ikey ? QString() : ikey.error().message));
    const ManualClock late(time + 400);
    const Result<QString> expired = DuoSignature::verify(request, skeyFor, late);
    QVERIFY(!expired);
    QCOMPARE(expired.error().code, ErrorCode::DuoDate);
}

void tst_DuoSignature::parameters_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("expected"); // "name=value;..." sorted, or the JSON body
    QTest::newRow("query, plus and percent") << "GET"_ba
                                             << "b=x+y&a=%C3%A9%2B&a=&flag"_ba << QByteArray()
                                             << QByteArray() << true << u"a=;a=é+;b=x y;flag="_s;
    QTest::newRow("empty fields skipped")
        << "GET"_ba
        << "&&a=1&&"_ba << QByteArray() << QByteArray() << true << u"a=1"_s;
    QTest::newRow("form body") << "POST"_ba << QByteArray()
                               << "application/x-www-form-urlencoded; charset=utf-8"_ba
                               << "username=al%26ice&factor=push"_ba << true
                               << u"factor=push;username=al&ice"_s;
    QTest::newRow("POST with its parameters in the query")
        << "POST"_ba
        << "username=bob"_ba << QByteArray() << QByteArray() << true << u"username=bob"_s;
    QTest::newRow("JSON body") << "POST"_ba << QByteArray() << "Application/JSON"_ba
                               << R"({"username":"z","n":1})"_ba << true
                               << uR"({"n":1,"username":"z"})"_s;
    QTest::newRow("bad escape") << "GET"_ba
                                << "a=%zz"_ba << QByteArray() << QByteArray() << false << QString();
    QTest::newRow("cut escape") << "GET"_ba
                                << "a=%4"_ba << QByteArray() << QByteArray() << false << QString();
    QTest::newRow("not UTF-8") << "GET"_ba
                               << "a=%FF%FE"_ba << QByteArray() << QByteArray() << false
                               << QString();
    QTest::newRow("JSON array") << "POST"_ba << QByteArray() << "application/json"_ba
                                << "[1]"_ba << false << QString();
    QTest::newRow("JSON cut") << "POST"_ba << QByteArray() << "application/json"_ba
                              << "{\"a\":"_ba << false << QString();
    QTest::newRow("XML body") << "POST"_ba << QByteArray() << "text/xml"_ba
                              << "<a/>"_ba << false << QString();
    QTest::newRow("GET with a body")
        << "GET"_ba << QByteArray() << QByteArray() << "a=1"_ba << false << QString();
    QTest::newRow("query and form body") << "POST"_ba
                                         << "a=1"_ba
                                         << "application/x-www-form-urlencoded"_ba
                                         << "b=2"_ba << false << QString();
}

void tst_DuoSignature::parameters()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, expected);
    DuoRequest request;
    request.method = method;
    request.host = "localhost";
    request.path = "/auth/v2/auth";
    request.query = query;
    request.contentType = contentType;
    request.body = body;
    const Result<DuoParams> params = DuoSignature::parameters(request);
    QCOMPARE(bool(params), ok);
    if (!ok) {
        QCOMPARE(params.error().code, ErrorCode::DuoParameters);
        QVERIFY(!params.error().message.isEmpty());
        return;
    }
    if (params->isJson) {
        QCOMPARE(QString::fromUtf8(QJsonDocument(params->json).toJson(QJsonDocument::Compact)),
                 expected);
        return;
    }
    QStringList fields;
    for (const auto &[name, value] : sortedPairs(params->form))
        fields.append(name + u'=' + value);
    QCOMPARE(fields.join(u';'), expected);
}

void tst_DuoSignature::duoErrorCodes()
{
    QCOMPARE(DuoSignature::duoErrorCode(ErrorCode::DuoParameters), 40002);
    QCOMPARE(DuoSignature::duoErrorCode(ErrorCode::DuoCredentialsMissing), 40101);
    QCOMPARE(DuoSignature::duoErrorCode(ErrorCode::DuoIntegrationKeyInvalid), 40102);
    QCOMPARE(DuoSignature::duoErrorCode(ErrorCode::DuoSignatureInvalid), 40103);
    QCOMPARE(DuoSignature::duoErrorCode(ErrorCode::DuoDate), 40104);
    QCOMPARE(DuoSignature::duoErrorCode(ErrorCode::Crypto), 0);
    QCOMPARE(DuoSignature::duoErrorMessage(ErrorCode::DuoSignatureInvalid),
             u"Invalid signature in request credentials"_s);
    QVERIFY(DuoSignature::duoErrorMessage(ErrorCode::Io).isEmpty());
    // Versions other than 2, 4 and 5 are not signed.
    DuoRequest request;
    request.method = "GET";
    request.host = "localhost";
    request.path = "/auth/v2/ping";
    QVERIFY(DuoSignature::sign(1, firstIkey, firstSkey, request, firstTime).isEmpty());
    QVERIFY(DuoSignature::sign(3, firstIkey, firstSkey, request, firstTime).isEmpty());
}

QTEST_GUILESS_MAIN(tst_DuoSignature)
#include "tst_duosignature.moc"
