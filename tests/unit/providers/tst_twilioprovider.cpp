#include "localhttpserver.h"
#include "server/providers/providerconfig.h"
#include "server/providers/twilioprovider.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;

namespace {

const QString accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
const QString authToken = u"4a1b9c2d8e3f7a6b5c4d3e2f1a0b9c8d"_s;
const QString fromNumber = u"+15005550006"_s;
const QString publicBase = u"https://mfa.example.com/base"_s;
constexpr auto shortTimeout = std::chrono::milliseconds(200);

QByteArray basicCredentials()
{
    return "Basic "_ba + (accountSid + u':' + authToken).toUtf8().toBase64();
}

bool leaksSecret(const QString &text)
{
    return text.contains(authToken) || text.contains(QString::fromLatin1(basicCredentials()))
        || text.contains(QString::fromLatin1(basicCredentials().sliced(6)));
}

// The test's own reading of a form body, independent of the library's decodeForm().
QMap<QString, QString> readForm(const QByteArray &body)
{
    QMap<QString, QString> fields;
    for (QByteArray piece : body.split('&')) {
        piece.replace('+', ' ');
        const qsizetype equals = piece.indexOf('=');
        fields.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(piece.left(equals))),
                      QString::fromUtf8(QByteArray::fromPercentEncoding(piece.mid(equals + 1))));
    }
    return fields;
}

// The documented rule, worked out with Qt's own HMAC rather than the code under test.
QByteArray referenceSignature(const QString &token, const QString &url, const FormFields &params)
{
    FormFields sorted = params;
    std::sort(sorted.begin(), sorted.end());
    QByteArray data = url.toUtf8();
    for (const auto &[name, value] : sorted)
        data += name.toUtf8() + value.toUtf8();
    return QMessageAuthenticationCode::hash(data, token.toUtf8(), QCryptographicHash::Sha1)
        .toBase64();
}

QStringList contractProblems(const HttpRequest &request, const QString &resource,
                             const QMap<QString, QString> &expected)
{
    QStringList problems;
    if (request.method != "POST")
        problems << u"method"_s;
    const QByteArray target
        = "/2010-04-01/Accounts/" + accountSid.toLatin1() + "/" + resource.toLatin1();
    if (request.target != target)
        problems << u"target %1"_s.arg(QString::fromLatin1(request.target));
    if (request.headers.value("authorization") != basicCredentials())
        problems << u"authorization"_s;
    if (request.headers.value("content-type") != "application/x-www-form-urlencoded")
        problems << u"content type"_s;
    const QMap<QString, QString> fields = readForm(request.body);
    if (fields != expected)
        problems << u"form %1"_s.arg(QString::fromUtf8(request.body));
    return problems;
}

struct Fixture
{
    std::unique_ptr<TelephonyProvider> provider;
    TwilioProvider *twilio = nullptr;
};

Fixture makeProvider(const QUrl &apiBase, const QString &base = publicBase,
                     const QString &token = authToken)
{
    ProviderConfig config;
    config.provider = u"twilio"_s;
    config.twilioAccountSid = accountSid;
    config.twilioAuthToken = token;
    config.twilioFromNumber = fromNumber;
    config.twilioApiBaseUrl = apiBase;
    config.publicBaseUrl = QUrl(base);
    Result<std::unique_ptr<TelephonyProvider>> created = createProvider(config);
    Fixture fixture;
    if (!created)
        return fixture;
    fixture.provider = std::move(*created);
    fixture.twilio = qobject_cast<TwilioProvider *>(fixture.provider.get());
    if (fixture.twilio)
        fixture.twilio->setTimeout(shortTimeout);
    return fixture;
}

// Twilio's error body, in the shape its API documents.
QByteArray twilioError(int code, const QString &message, int status)
{
    return QJsonDocument(QJsonObject { { u"code"_s, code },
                                       { u"message"_s, message },
                                       { u"more_info"_s,
                                         u"https://www.twilio.com/docs/errors/%1"_s.arg(code) },
                                       { u"status"_s, status } })
        .toJson(QJsonDocument::Compact);
}

HttpAnswer answerFor(int status, const QByteArray &body)
{
    if (status == 0)
        return HttpAnswer::close();
    if (status == -1)
        return HttpAnswer::hang();
    return HttpAnswer::respond(status, body,
                               body.startsWith('<') ? "text/html"_ba : "application/json"_ba);
}

const QString greeting = u"Twofold: sign-in to <Payroll> & \"HR\" as alice. Press # to approve."_s;
const QString callId = u"call 7+8&x=é"_s;
// The callback URLs for callId, percent-encoded by hand from RFC 3986.
const QString gatherUrl
    = u"https://mfa.example.com/base/v1/providers/twilio/gather?call=call%207%2B8%26x%3D%C3%A9"_s;
const QString statusUrl
    = u"https://mfa.example.com/base/v1/providers/twilio/status?call=call%207%2B8%26x%3D%C3%A9"_s;

// What the call's TwiML must hold; the list of what differs.
QStringList twimlProblems(const QString &twiml)
{
    QStringList problems;
    QXmlStreamReader xml(twiml);
    QStringList path;
    bool sawGather = false;
    QString said;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            path << xml.name().toString();
            if (path == QStringList { u"Response"_s, u"Gather"_s }) {
                sawGather = true;
                const QXmlStreamAttributes a = xml.attributes();
                if (a.value(u"finishOnKey"_s) != u"#")
                    problems << u"finishOnKey"_s;
                if (a.value(u"action"_s) != gatherUrl)
                    problems << u"action %1"_s.arg(a.value(u"action"_s));
                if (a.value(u"method"_s) != u"POST")
                    problems << u"method"_s;
                if (a.value(u"actionOnEmptyResult"_s) != u"true")
                    problems << u"actionOnEmptyResult"_s;
            }
        } else if (xml.isCharacters()
                   && path == QStringList { u"Response"_s, u"Gather"_s, u"Say"_s }) {
            said += xml.text();
        } else if (xml.isEndElement()) {
            path.removeLast();
        }
    }
    if (xml.hasError())
        problems << u"XML: %1"_s.arg(xml.errorString());
    if (!sawGather)
        problems << u"no Response/Gather"_s;
    if (said != greeting)
        problems << u"Say %1"_s.arg(said);
    return problems;
}

} // namespace

class tst_TwilioProvider final : public QObject
{
    Q_OBJECT

private slots:
    void createRejectsBadSettings_data();
    void createRejectsBadSettings();
    void sendText_data();
    void sendText();
    void placeCall_data();
    void placeCall();
    void queuedCallWaitsForItsCallbacks();
    void redirectDoesNotCarryTheCredentials();
    void documentedSignature_data();
    void documentedSignature();
    void handleCallback_data();
    void handleCallback();
};

void tst_TwilioProvider::createRejectsBadSettings_data()
{
    QTest::addColumn<QString>("sid");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QUrl>("apiBase");
    QTest::addColumn<QUrl>("base");
    const QUrl api(u"https://api.twilio.com"_s);
    const QUrl base(publicBase);
    QTest::newRow("no account sid") << QString() << authToken << fromNumber << api << base;
    QTest::newRow("account sid with a path in it")
        << u"AC01/../../x"_s << authToken << fromNumber << api << base;
    QTest::newRow("no auth token") << accountSid << QString() << fromNumber << api << base;
    QTest::newRow("no from number") << accountSid << authToken << QString() << api << base;
    QTest::newRow("ftp api base") << accountSid << authToken << fromNumber
                                  << QUrl(u"ftp://api.twilio.com"_s) << base;
    QTest::newRow("no public base url") << accountSid << authToken << fromNumber << api << QUrl();
}

void tst_TwilioProvider::createRejectsBadSettings()
{
    QFETCH(QString, sid);
    QFETCH(QString, token);
    QFETCH(QString, from);
    QFETCH(QUrl, apiBase);
    QFETCH(QUrl, base);
    ProviderConfig config;
    config.provider = u"twilio"_s;
    config.twilioAccountSid = sid;
    config.twilioAuthToken = token;
    config.twilioFromNumber = from;
    config.twilioApiBaseUrl = apiBase;
    config.publicBaseUrl = base;
    const Result<std::unique_ptr<TelephonyProvider>> created = createProvider(config);
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::Config);
    QVERIFY(!leaksSecret(created.error().message));
}

void tst_TwilioProvider::sendText_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<bool>("sent");
    QTest::addColumn<QString>("reason");
    QTest::newRow("201 queued is sent")
        << 201 << R"({"sid":"SM0123456789abcdef0123456789abcdef","status":"queued"})"_ba << true
        << QString();
    QTest::newRow("400 invalid number fails with Twilio's code and message")
        << 400 << twilioError(21211, u"The 'To' number +1555 is not a valid phone number."_s, 400)
        << false
        << u"Twilio refused the message: HTTP 400, error 21211 (The 'To' number +1555 is not a "
           u"valid phone number.)."_s;
    QTest::newRow("401 quoting the auth token is withheld")
        << 401 << twilioError(20003, u"Authenticate with "_s + authToken, 401) << false
        << u"Twilio refused the message: HTTP 401, error 20003 (message withheld: it quoted the "
           u"credentials)."_s;
    QTest::newRow("401 quoting the basic credentials is withheld")
        << 401
        << twilioError(20003, u"Bad header "_s + QString::fromLatin1(basicCredentials()), 401)
        << false
        << u"Twilio refused the message: HTTP 401, error 20003 (message withheld: it quoted the "
           u"credentials)."_s;
    QTest::newRow("control characters are dropped from the message")
        << 429 << twilioError(20429, u"Too many\r\nrequests"_s, 429) << false
        << u"Twilio refused the message: HTTP 429, error 20429 (Too manyrequests)."_s;
    QTest::newRow("500 html shows the status only")
        << 500 << "<html>" + authToken.toUtf8() + "</html>" << false
        << u"Twilio refused the message: HTTP 500."_s;
    QTest::newRow("201 without a sid fails")
        << 201 << "{}"_ba << false << u"Twilio answered HTTP 201 without a resource SID."_s;
    QTest::newRow("201 already failed fails")
        << 201 << R"({"sid":"SM01","status":"failed"})"_ba << false
        << u"Twilio took the message but marked it failed."_s;
    QTest::newRow("closed connection fails")
        << 0 << QByteArray() << false
        << u"Twilio could not be reached: the connection closed before an answer came."_s;
    QTest::newRow("slow api times out")
        << -1 << QByteArray() << false << u"Twilio could not be reached: no answer within 0.2 s."_s;
}

void tst_TwilioProvider::sendText()
{
    QFETCH(int, status);
    QFETCH(QByteArray, answer);
    QFETCH(bool, sent);
    QFETCH(QString, reason);

    const QString body = u"Your Twofold code is 123 456 & \"é\" + = ?"_s;
    const QMap<QString, QString> expected { { u"To"_s, u"+15551234567"_s },
                                            { u"From"_s, fromNumber },
                                            { u"Body"_s, body } };
    QStringList problems;
    LocalHttpServer server([&](const HttpRequest &request) {
        problems << contractProblems(request, u"Messages.json"_s, expected);
        return answerFor(status, answer);
    });
    QVERIFY(server.listen());
    Fixture fixture = makeProvider(server.url());
    QVERIFY(fixture.twilio);
    QSignalSpy sentSpy(fixture.provider.get(), &TelephonyProvider::textSent);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::textFailed);

    fixture.provider->sendText({ u"msg-1"_s, u"+15551234567"_s, body });
    QTRY_COMPARE_WITH_TIMEOUT(sentSpy.size() + failedSpy.size(), 1, 10000);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    QVERIFY(!server.requests().isEmpty());
    if (sent) {
        QCOMPARE(sentSpy.first().at(0).toString(), u"msg-1"_s);
        QCOMPARE(failedSpy.size(), 0);
    } else {
        QCOMPARE(failedSpy.size(), 1);
        QCOMPARE(failedSpy.first().at(0).toString(), u"msg-1"_s);
        const QString emitted = failedSpy.first().at(1).toString();
        QCOMPARE(emitted, reason);
        QVERIFY(!leaksSecret(emitted));
    }
}

void tst_TwilioProvider::placeCall_data()
{
    QTest::addColumn<bool>("askPin");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("reason");
    QTest::newRow("400 unreachable country fails")
        << false << 400 << twilioError(21215, u"Account not authorized to call +1555."_s, 400)
        << u"Twilio refused the call: HTTP 400, error 21215 (Account not authorized to call "
           u"+1555.)."_s;
    QTest::newRow("503 with pin fails")
        << true << 503 << QByteArray() << u"Twilio refused the call: HTTP 503."_s;
    QTest::newRow("closed connection fails")
        << false << 0 << QByteArray()
        << u"Twilio could not be reached: the connection closed before an answer came."_s;
    QTest::newRow("slow api times out")
        << true << -1 << QByteArray() << u"Twilio could not be reached: no answer within 0.2 s."_s;
}

void tst_TwilioProvider::placeCall()
{
    QFETCH(bool, askPin);
    QFETCH(int, status);
    QFETCH(QByteArray, answer);
    QFETCH(QString, reason);

    QStringList problems;
    LocalHttpServer server([&](const HttpRequest &request) {
        QMap<QString, QString> fields = readForm(request.body);
        problems << twimlProblems(fields.value(u"Twiml"_s));
        fields.remove(u"Twiml"_s);
        QByteArray rest; // the other fields, checked as a form of their own
        for (auto it = fields.cbegin(); it != fields.cend(); ++it)
            rest += (rest.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(it.key()) + "="
                + QUrl::toPercentEncoding(it.value());
        HttpRequest others = request;
        others.body = rest;
        problems << contractProblems(others, u"Calls.json"_s,
                                     { { u"To"_s, u"+15551234567"_s },
                                       { u"From"_s, fromNumber },
                                       { u"StatusCallback"_s, statusUrl },
                                       { u"StatusCallbackMethod"_s, u"POST"_s } });
        return answerFor(status, answer);
    });
    QVERIFY(server.listen());
    Fixture fixture = makeProvider(server.url());
    QVERIFY(fixture.twilio);
    QCOMPARE(fixture.twilio->gatherUrl(callId).toString(QUrl::FullyEncoded), gatherUrl);
    QCOMPARE(fixture.twilio->statusUrl(callId).toString(QUrl::FullyEncoded), statusUrl);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::callFailed);

    fixture.provider->placeCall({ callId, u"+15551234567"_s, greeting, askPin });
    QVERIFY(failedSpy.wait(10000));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    QCOMPARE(failedSpy.first().at(0).toString(), callId);
    QCOMPARE(failedSpy.first().at(1).toString(), reason);
    QVERIFY(!leaksSecret(reason));
}

void tst_TwilioProvider::queuedCallWaitsForItsCallbacks()
{
    LocalHttpServer server([](const HttpRequest &request) {
        const bool call = request.target.endsWith("/Calls.json");
        return HttpAnswer::respond(201,
                                   call ? R"({"sid":"CA01","status":"queued"})"_ba
                                        : R"({"sid":"SM01","status":"queued"})"_ba);
    });
    QVERIFY(server.listen());
    Fixture fixture = makeProvider(server.url());
    QVERIFY(fixture.twilio);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::callFailed);
    QSignalSpy answeredSpy(fixture.provider.get(), &TelephonyProvider::callAnswered);
    QSignalSpy sentSpy(fixture.provider.get(), &TelephonyProvider::textSent);

    fixture.provider->placeCall({ u"c9"_s, u"+15551234567"_s, greeting, false });
    QTRY_COMPARE(server.requests().size(), 1);
    // A text sent after the call was answered; once it is through, the call's answer is too.
    fixture.provider->sendText({ u"m9"_s, u"+15551234567"_s, u"x"_s });
    QVERIFY(sentSpy.wait(10000));
    QCOMPARE(failedSpy.size() + answeredSpy.size(), 0);
}

void tst_TwilioProvider::redirectDoesNotCarryTheCredentials()
{
    LocalHttpServer elsewhere([](const HttpRequest &) { return HttpAnswer::respond(201, "{}"); });
    QVERIFY(elsewhere.listen());
    LocalHttpServer server([&](const HttpRequest &) {
        HttpAnswer answer = HttpAnswer::respond(307);
        QUrl target = elsewhere.url();
        target.setPath(u"/collect"_s);
        answer.extraHeaders.append({ "Location"_ba, target.toEncoded() });
        return answer;
    });
    QVERIFY(server.listen());
    Fixture fixture = makeProvider(server.url());
    QVERIFY(fixture.twilio);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::textFailed);
    fixture.provider->sendText({ u"m1"_s, u"+15551234567"_s, u"x"_s });
    QVERIFY(failedSpy.wait(10000));
    QCOMPARE(failedSpy.first().at(1).toString(), u"Twilio refused the message: HTTP 307."_s);
    QCOMPARE(elsewhere.requests().size(), 0);
}

void tst_TwilioProvider::documentedSignature_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("url");
    QTest::addColumn<FormFields>("params");
    QTest::addColumn<QByteArray>("expected");
    // Twilio's worked examples of X-Twilio-Signature, values as published.
    // The security guide (twilio.com/docs/usage/security, "Validating requests"):
    QTest::newRow("twilio security guide")
        << u"12345"_s << u"https://mycompany.com/myapp.php?foo=1&bar=2"_s
        << FormFields { { u"CallSid"_s, u"CA1234567890ABCDE"_s },
                        { u"Caller"_s, u"+12349013030"_s },
                        { u"Digits"_s, u"1234"_s },
                        { u"From"_s, u"+12349013030"_s },
                        { u"To"_s, u"+18005551212"_s } }
        << "0/KCTR6DLpKmkAf8muzZqo1nDgQ="_ba;
    // The helper library's validation guide (twilio-php docs/usage/validation.rst), in another
    // order so that the sorting is exercised:
    QTest::newRow("twilio-php validation guide")
        << u"12345"_s << u"https://mycompany.com/myapp.php?foo=1&bar=2"_s
        << FormFields { { u"To"_s, u"+18005551212"_s },
                        { u"Digits"_s, u"1234"_s },
                        { u"From"_s, u"+14158675309"_s },
                        { u"CallSid"_s, u"CA1234567890ABCDE"_s },
                        { u"Caller"_s, u"+14158675309"_s } }
        << "RSOYDt4T1cUTdK1PDd93/VVr8B8="_ba;
}

void tst_TwilioProvider::documentedSignature()
{
    QFETCH(QString, token);
    QFETCH(QString, url);
    QFETCH(FormFields, params);
    QFETCH(QByteArray, expected);
    QCOMPARE(twilioSignature(token.toUtf8(), url, params), expected);

    // handleCallback verifies it too; the URL is no callback of ours, which it says only after
    // the signature has passed.
    Fixture fixture
        = makeProvider(QUrl(u"http://127.0.0.1:9"_s), u"https://mycompany.com"_s, token);
    QVERIFY(fixture.twilio);
    const Result<QByteArray> handled = fixture.twilio->handleCallback(QUrl(url), params, expected);
    QVERIFY(!handled);
    QCOMPARE(handled.error().code, ErrorCode::ProviderCallback);
    const Result<QByteArray> forged
        = fixture.twilio->handleCallback(QUrl(url), params, QByteArray(expected.chopped(2) + "A="));
    QVERIFY(!forged);
    QCOMPARE(forged.error().code, ErrorCode::ProviderSignature);
}

void tst_TwilioProvider::handleCallback_data()
{
    QTest::addColumn<QString>("signedUrl");
    QTest::addColumn<FormFields>("signedParams");
    QTest::addColumn<QString>("signingToken");
    QTest::addColumn<QString>("sentUrl");
    QTest::addColumn<FormFields>("sentParams");
    QTest::addColumn<int>("error"); // -1: accepted
    QTest::addColumn<QString>("signal"); // "answered", "failed" or "" for none
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("value"); // the keys, or the reason

    const QString gather = publicBase + u"/v1/providers/twilio/gather?call=c1"_s;
    const QString status = publicBase + u"/v1/providers/twilio/status?call=c1"_s;
    const auto gathered = [](const QString &digits, const QString &finishedOnKey) {
        return FormFields { { u"AccountSid"_s, accountSid },
                            { u"CallSid"_s, u"CA0123456789abcdef0123456789abcdef"_s },
                            { u"CallStatus"_s, u"in-progress"_s },
                            { u"Digits"_s, digits },
                            { u"FinishedOnKey"_s, finishedOnKey },
                            { u"From"_s, fromNumber },
                            { u"To"_s, u"+15551234567"_s } };
    };
    const auto ended = [](const QString &callStatus) {
        return FormFields { { u"AccountSid"_s, accountSid },
                            { u"CallSid"_s, u"CA0123456789abcdef0123456789abcdef"_s },
                            { u"CallStatus"_s, callStatus },
                            { u"From"_s, fromNumber },
                            { u"To"_s, u"+15551234567"_s } };
    };
    const auto ok = [](const char *name, const QString &url, const FormFields &params,
                       const QString &signal, const QString &id, const QString &value) {
        QTest::newRow(name) << url << params << authToken << url << params << -1 << signal << id
                            << value;
    };
    ok("# approves", gather, gathered(u""_s, u"#"_s), u"answered"_s, u"c1"_s, u"#"_s);
    ok("pin then #", gather, gathered(u"1234"_s, u"#"_s), u"answered"_s, u"c1"_s, u"1234#"_s);
    ok("0# reports fraud", gather, gathered(u"0"_s, u"#"_s), u"answered"_s, u"c1"_s, u"0#"_s);
    ok("timeout keeps the digits without #", gather, gathered(u"12"_s, u""_s), u"answered"_s,
       u"c1"_s, u"12"_s);
    ok("no keys at all", gather, gathered(u""_s, u""_s), u"answered"_s, u"c1"_s, u""_s);
    ok("call id with reserved characters", gatherUrl, gathered(u""_s, u"#"_s), u"answered"_s,
       callId, u"#"_s);
    ok("busy fails", status, ended(u"busy"_s), u"failed"_s, u"c1"_s, u"The line was busy."_s);
    ok("no-answer fails", status, ended(u"no-answer"_s), u"failed"_s, u"c1"_s,
       u"Nobody answered the call."_s);
    ok("failed fails", status, ended(u"failed"_s), u"failed"_s, u"c1"_s,
       u"Twilio could not place the call."_s);
    ok("canceled fails", status, ended(u"canceled"_s), u"failed"_s, u"c1"_s,
       u"The call was canceled."_s);
    ok("completed is quiet", status, ended(u"completed"_s), QString(), QString(), QString());
    ok("ringing is quiet", status, ended(u"ringing"_s), QString(), QString(), QString());

    const auto row = [](const char *name, const QString &signedUrl, const FormFields &signedParams,
                        const QString &token, const QString &sentUrl, const FormFields &sentParams,
                        ErrorCode error, const QString &signal = {}, const QString &value = {}) {
        QTest::newRow(name) << signedUrl << signedParams << token << sentUrl << sentParams
                            << (signal.isEmpty() ? static_cast<int>(error) : -1) << signal
                            << u"c1"_s << value;
    };
    const FormFields pin = gathered(u"1234"_s, u"#"_s);
    FormFields tampered = pin;
    tampered[3].second = u"0"_s;
    FormFields added = pin;
    added.append({ u"Extra"_s, u"1"_s });
    FormFields dropped = pin;
    dropped.removeAt(4); // FinishedOnKey
    const ErrorCode signature = ErrorCode::ProviderSignature;
    row("tampered Digits rejected", gather, pin, authToken, gather, tampered, signature);
    row("added parameter rejected", gather, pin, authToken, gather, added, signature);
    row("dropped parameter rejected", gather, pin, authToken, gather, dropped, signature);
    row("tampered call id rejected", gather, pin, authToken,
        publicBase + u"/v1/providers/twilio/gather?call=c2"_s, pin, signature);
    row("status signature on the gather URL rejected", status, pin, authToken, gather, pin,
        signature);
    row("other host rejected", gather, pin, authToken,
        u"https://mfa.example.net/base/v1/providers/twilio/gather?call=c1"_s, pin, signature);
    row("http instead of https rejected", gather, pin, authToken,
        u"http://mfa.example.com/base/v1/providers/twilio/gather?call=c1"_s, pin, signature);
    row("other auth token rejected", gather, pin, u"0000000000000000ffffffffffffffff"_s, gather,
        pin, signature);
    row("default port written out accepted", gather, pin, authToken,
        u"https://mfa.example.com:443/base/v1/providers/twilio/gather?call=c1"_s, pin, signature,
        u"answered"_s, u"1234#"_s);
    row("signed with the port, sent without it, accepted",
        u"https://mfa.example.com:443/base/v1/providers/twilio/gather?call=c1"_s, pin, authToken,
        gather, pin, signature, u"answered"_s, u"1234#"_s);
    row("other port rejected", gather, pin, authToken,
        u"https://mfa.example.com:8443/base/v1/providers/twilio/gather?call=c1"_s, pin, signature);

    const ErrorCode malformed = ErrorCode::ProviderCallback;
    const QString elsewhere = u"https://mfa.example.net/base/v1/providers/twilio/gather?call=c1"_s;
    row("signed for another host is no callback of ours", elsewhere, pin, authToken, elsewhere, pin,
        malformed);
    const QString noId = publicBase + u"/v1/providers/twilio/gather"_s;
    row("gather without a call id", noId, pin, authToken, noId, pin, malformed);
    const QString other = publicBase + u"/v1/providers/twilio/other?call=c1"_s;
    row("unknown callback path", other, pin, authToken, other, pin, malformed);
    row("Digits with a letter", gather, gathered(u"12a"_s, u"#"_s), authToken, gather,
        gathered(u"12a"_s, u"#"_s), malformed);
    row("32 Digits and # are too many", gather, gathered(QString(32, u'1'), u"#"_s), authToken,
        gather, gathered(QString(32, u'1'), u"#"_s), malformed);
    const FormFields noStatus = { { u"CallSid"_s, u"CA01"_s } };
    row("status without CallStatus", status, noStatus, authToken, status, noStatus, malformed);
}

void tst_TwilioProvider::handleCallback()
{
    QFETCH(QString, signedUrl);
    QFETCH(FormFields, signedParams);
    QFETCH(QString, signingToken);
    QFETCH(QString, sentUrl);
    QFETCH(FormFields, sentParams);
    QFETCH(int, error);
    QFETCH(QString, signal);
    QFETCH(QString, id);
    QFETCH(QString, value);

    Fixture fixture = makeProvider(QUrl(u"http://127.0.0.1:9"_s));
    QVERIFY(fixture.twilio);
    QSignalSpy answeredSpy(fixture.provider.get(), &TelephonyProvider::callAnswered);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::callFailed);

    const QByteArray header = referenceSignature(signingToken, signedUrl, signedParams);
    const Result<QByteArray> handled
        = fixture.twilio->handleCallback(QUrl(sentUrl, QUrl::StrictMode), sentParams, header);
    if (error >= 0) {
        QVERIFY(!handled);
        QCOMPARE(static_cast<int>(handled.error().code), error);
        QVERIFY(!leaksSecret(handled.error().message));
        QCOMPARE(answeredSpy.size() + failedSpy.size(), 0);
        return;
    }
    QVERIFY2(handled, qPrintable(handled ? QString() : handled.error().message));
    QXmlStreamReader twiml(*handled); // the answer to Twilio is a TwiML document
    QVERIFY(twiml.readNextStartElement());
    QCOMPARE(twiml.name(), u"Response"_s);
    if (signal.isEmpty()) {
        QCOMPARE(answeredSpy.size() + failedSpy.size(), 0);
        return;
    }
    QSignalSpy &spy = signal == u"answered"_s ? answeredSpy : failedSpy;
    QCOMPARE(answeredSpy.size() + failedSpy.size(), 1);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(0).toString(), id);
    QCOMPARE(spy.first().at(1).toString(), value);
    QVERIFY(!leaksSecret(value));
}

QTEST_GUILESS_MAIN(tst_TwilioProvider)
#include "tst_twilioprovider.moc"
