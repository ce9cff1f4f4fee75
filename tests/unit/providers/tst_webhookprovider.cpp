#include "localhttpserver.h"
#include "server/providers/providerconfig.h"
#include "server/providers/webhookprovider.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;

namespace {

const QByteArray secret = "webhook-secret-5f3c9a1e7b2d4f60"_ba;
const QByteArray urlKey = "urlkey-9d8c7b6a"_ba; // a key some receivers put in their URL
constexpr auto shortTimeout = std::chrono::milliseconds(200);

// Worked out here with Qt's own HMAC, not with the code under test.
QByteArray signatureOf(const QByteArray &body, const QByteArray &key = secret)
{
    return "sha256="_ba
        + QMessageAuthenticationCode::hash(body, key, QCryptographicHash::Sha256).toHex();
}

// What the receiver checks on every request; the list of what was wrong, empty when all is well.
QStringList contractProblems(const HttpRequest &request, const QJsonObject &expected)
{
    QStringList problems;
    if (request.method != "POST")
        problems << u"method %1"_s.arg(QString::fromLatin1(request.method));
    if (request.target != "/hooks/twofold?key=" + urlKey)
        problems << u"target %1"_s.arg(QString::fromLatin1(request.target));
    if (request.headers.value("content-type") != "application/json")
        problems << u"content type"_s;
    if (request.headers.value("x-twofold-signature") != signatureOf(request.body))
        problems << u"signature"_s;
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (document.object() != expected)
        problems << u"body %1"_s.arg(QString::fromUtf8(request.body));
    return problems;
}

struct Fixture
{
    std::unique_ptr<TelephonyProvider> provider;
    WebhookProvider *webhook = nullptr;
};

Fixture makeProvider(const QUrl &serverUrl)
{
    ProviderConfig config;
    config.provider = u"webhook"_s;
    QUrl url = serverUrl;
    url.setPath(u"/hooks/twofold"_s);
    url.setQuery(u"key="_s + QString::fromLatin1(urlKey));
    config.webhookUrl = url;
    config.webhookSecret = QString::fromLatin1(secret);
    config.publicBaseUrl = QUrl(u"https://mfa.example.com/twofold/"_s);
    Result<std::unique_ptr<TelephonyProvider>> created = createProvider(config);
    Fixture fixture;
    if (!created)
        return fixture;
    fixture.provider = std::move(*created);
    fixture.webhook = qobject_cast<WebhookProvider *>(fixture.provider.get());
    if (fixture.webhook)
        fixture.webhook->setTimeout(shortTimeout);
    return fixture;
}

bool leaksSecret(const QString &text)
{
    return text.contains(QString::fromLatin1(secret)) || text.contains(QString::fromLatin1(urlKey));
}

// Answers: 0 closes the connection, -1 never answers, otherwise the status with the body.
HttpAnswer answerFor(int status, const QByteArray &body)
{
    if (status == 0)
        return HttpAnswer::close();
    if (status == -1)
        return HttpAnswer::hang();
    return HttpAnswer::respond(status, body);
}

} // namespace

class tst_WebhookProvider final : public QObject
{
    Q_OBJECT

private slots:
    void createRejectsBadSettings_data();
    void createRejectsBadSettings();
    void outboxIsLeftToTheServer();
    void sendText_data();
    void sendText();
    void placeCall_data();
    void placeCall();
    void acceptedCallWaitsForItsResult();
    void redirectIsNotFollowed();
    void refusedConnectionFails();
    void missingIdFailsAsynchronously();
    void handleCallback_data();
    void handleCallback();
};

void tst_WebhookProvider::createRejectsBadSettings_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QUrl>("webhookUrl");
    QTest::addColumn<QString>("webhookSecret");
    QTest::addColumn<QUrl>("publicBaseUrl");
    const QUrl good(u"https://relay.example.com/hook"_s);
    const QUrl base(u"https://mfa.example.com"_s);
    const QString key = QString::fromLatin1(secret);
    QTest::newRow("unknown provider name") << u"carrier-pigeon"_s << good << key << base;
    QTest::newRow("provider names are exact") << u"Webhook"_s << good << key << base;
    QTest::newRow("no webhook url") << u"webhook"_s << QUrl() << key << base;
    QTest::newRow("ftp webhook url")
        << u"webhook"_s << QUrl(u"ftp://relay.example.com/"_s) << key << base;
    QTest::newRow("relative webhook url") << u"webhook"_s << QUrl(u"/hook"_s) << key << base;
    QTest::newRow("no secret") << u"webhook"_s << good << QString() << base;
    QTest::newRow("secret of 15 characters")
        << u"webhook"_s << good << u"0123456789abcde"_s << base;
    QTest::newRow("no public base url") << u"webhook"_s << good << key << QUrl();
}

void tst_WebhookProvider::createRejectsBadSettings()
{
    QFETCH(QString, provider);
    QFETCH(QUrl, webhookUrl);
    QFETCH(QString, webhookSecret);
    QFETCH(QUrl, publicBaseUrl);
    ProviderConfig config;
    config.provider = provider;
    config.webhookUrl = webhookUrl;
    config.webhookSecret = webhookSecret;
    config.publicBaseUrl = publicBaseUrl;
    const Result<std::unique_ptr<TelephonyProvider>> created = createProvider(config);
    QVERIFY(!created);
    QCOMPARE(created.error().code, ErrorCode::Config);
    QVERIFY(!created.error().message.isEmpty());
    QVERIFY(!leaksSecret(created.error().message));

    // The longest secret that is still too short passes once it has one more character.
    if (QByteArrayView(QTest::currentDataTag()) == "secret of 15 characters") {
        config.webhookSecret += u'f';
        QVERIFY(createProvider(config));
    }
}

void tst_WebhookProvider::outboxIsLeftToTheServer()
{
    ProviderConfig config;
    config.provider = u"outbox"_s;
    const Result<std::unique_ptr<TelephonyProvider>> created = createProvider(config);
    QVERIFY(created);
    QVERIFY(!created->get());
}

void tst_WebhookProvider::sendText_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<bool>("sent");
    QTest::addColumn<QString>("reason");
    QTest::newRow("200 is sent") << 200 << "{}"_ba << true << QString();
    QTest::newRow("204 is sent") << 204 << QByteArray() << true << QString();
    QTest::newRow("400 fails with its status")
        << 400 << "bad number"_ba << false << u"The webhook receiver answered HTTP 400."_s;
    QTest::newRow("500 fails and its body is not shown")
        << 500 << "oops, secret was " + secret << false
        << u"The webhook receiver answered HTTP 500."_s;
    QTest::newRow("closed connection fails")
        << 0 << QByteArray() << false
        << u"The webhook receiver could not be reached: the connection closed before an answer "
           u"came."_s;
    QTest::newRow("slow receiver times out")
        << -1 << QByteArray() << false
        << u"The webhook receiver could not be reached: no answer within 0.2 s."_s;
}

void tst_WebhookProvider::sendText()
{
    QFETCH(int, status);
    QFETCH(QByteArray, answer);
    QFETCH(bool, sent);
    QFETCH(QString, reason);

    const QJsonObject expected { { u"type"_s, u"sms"_s },
                                 { u"id"_s, u"msg-1"_s },
                                 { u"to"_s, u"+15551234567"_s },
                                 { u"body"_s, u"Your Twofold code is 123456 & \"é\" + ="_s } };
    QStringList problems;
    LocalHttpServer server([&](const HttpRequest &request) {
        problems << contractProblems(request, expected);
        return answerFor(status, answer);
    });
    QVERIFY(server.listen());
    Fixture fixture = makeProvider(server.url());
    QVERIFY(fixture.webhook);
    QSignalSpy sentSpy(fixture.provider.get(), &TelephonyProvider::textSent);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::textFailed);

    fixture.provider->sendText(
        { u"msg-1"_s, u"+15551234567"_s, u"Your Twofold code is 123456 & \"é\" + ="_s });
    QTRY_COMPARE_WITH_TIMEOUT(sentSpy.size() + failedSpy.size(), 1, 10000);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    QVERIFY(!server.requests().isEmpty());
    if (sent) {
        QCOMPARE(sentSpy.size(), 1);
        QCOMPARE(sentSpy.first().at(0).toString(), u"msg-1"_s);
    } else {
        QCOMPARE(failedSpy.size(), 1);
        QCOMPARE(failedSpy.first().at(0).toString(), u"msg-1"_s);
        const QString emitted = failedSpy.first().at(1).toString();
        QCOMPARE(emitted, reason);
        QVERIFY(!leaksSecret(emitted));
    }
}

void tst_WebhookProvider::placeCall_data()
{
    QTest::addColumn<bool>("askPin");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    QTest::newRow("500 without pin fails")
        << false << 500 << u"The webhook receiver answered HTTP 500."_s;
    QTest::newRow("404 with pin fails")
        << true << 404 << u"The webhook receiver answered HTTP 404."_s;
    QTest::newRow("closed connection fails")
        << true << 0
        << u"The webhook receiver could not be reached: the connection closed before an answer "
           u"came."_s;
    QTest::newRow("slow receiver times out")
        << false << -1 << u"The webhook receiver could not be reached: no answer within 0.2 s."_s;
}

void tst_WebhookProvider::placeCall()
{
    QFETCH(bool, askPin);
    QFETCH(int, status);
    QFETCH(QString, reason);

    const QString greeting
        = u"Twofold: someone signs in to <Payroll> as alice. Press # to approve."_s;
    const QJsonObject expected {
        { u"type"_s, u"call"_s },
        { u"id"_s, u"call-1"_s },
        { u"to"_s, u"+15551234567"_s },
        { u"greeting"_s, greeting },
        { u"ask_pin"_s, askPin },
        { u"callback_url"_s, u"https://mfa.example.com/twofold/v1/providers/webhook/call"_s },
    };
    QStringList problems;
    LocalHttpServer server([&](const HttpRequest &request) {
        problems << contractProblems(request, expected);
        return answerFor(status, secret);
    });
    QVERIFY(server.listen());
    Fixture fixture = makeProvider(server.url());
    QVERIFY(fixture.webhook);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::callFailed);
    QSignalSpy answeredSpy(fixture.provider.get(), &TelephonyProvider::callAnswered);

    fixture.provider->placeCall({ u"call-1"_s, u"+15551234567"_s, greeting, askPin });
    QVERIFY(failedSpy.wait(10000));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    QCOMPARE(failedSpy.size(), 1);
    QCOMPARE(failedSpy.first().at(0).toString(), u"call-1"_s);
    QCOMPARE(failedSpy.first().at(1).toString(), reason);
    QVERIFY(!leaksSecret(reason));
    QCOMPARE(answeredSpy.size(), 0);
}

void tst_WebhookProvider::acceptedCallWaitsForItsResult()
{
    // 2xx only means the receiver took the call: nothing is reported until its callback.
    LocalHttpServer server([](const HttpRequest &) { return HttpAnswer::respond(202); });
    QVERIFY(server.listen());
    Fixture fixture = makeProvider(server.url());
    QVERIFY(fixture.webhook);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::callFailed);
    QSignalSpy answeredSpy(fixture.provider.get(), &TelephonyProvider::callAnswered);
    QSignalSpy sentSpy(fixture.provider.get(), &TelephonyProvider::textSent);

    fixture.provider->placeCall({ u"call-2"_s, u"+15551234567"_s, u"Hello"_s, false });
    QTRY_COMPARE(server.requests().size(), 1);
    // A text sent after the call was answered; once it is through, the call's answer is too.
    fixture.provider->sendText({ u"msg-2"_s, u"+15551234567"_s, u"x"_s });
    QVERIFY(sentSpy.wait(10000));
    QCOMPARE(failedSpy.size(), 0);
    QCOMPARE(answeredSpy.size(), 0);

    const QByteArray result = R"({"id":"call-2","status":"answered","keys":"#"})"_ba;
    QVERIFY(fixture.webhook->handleCallback(result, signatureOf(result)));
    QCOMPARE(answeredSpy.size(), 1);
    QCOMPARE(answeredSpy.first(), QVariantList({ u"call-2"_s, u"#"_s }));
}

void tst_WebhookProvider::redirectIsNotFollowed()
{
    LocalHttpServer elsewhere([](const HttpRequest &) { return HttpAnswer::respond(200); });
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
    QVERIFY(fixture.webhook);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::textFailed);
    fixture.provider->sendText({ u"msg-4"_s, u"+15551234567"_s, u"x"_s });
    QVERIFY(failedSpy.wait(10000));
    QCOMPARE(failedSpy.first().at(1).toString(), u"The webhook receiver answered HTTP 307."_s);
    QCOMPARE(elsewhere.requests().size(), 0);
}

void tst_WebhookProvider::refusedConnectionFails()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    QUrl url(u"http://127.0.0.1"_s);
    url.setPort(closed.serverPort());
    closed.close(); // nothing listens there now
    Fixture fixture = makeProvider(url);
    QVERIFY(fixture.webhook);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::textFailed);
    fixture.provider->sendText({ u"msg-3"_s, u"+15551234567"_s, u"x"_s });
    QVERIFY(failedSpy.wait(10000));
    QCOMPARE(failedSpy.first().at(1).toString(),
             u"The webhook receiver could not be reached: the connection was refused."_s);
}

void tst_WebhookProvider::missingIdFailsAsynchronously()
{
    LocalHttpServer server([](const HttpRequest &) { return HttpAnswer::respond(200); });
    QVERIFY(server.listen());
    Fixture fixture = makeProvider(server.url());
    QVERIFY(fixture.webhook);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::textFailed);
    fixture.provider->sendText({ QString(), u"+15551234567"_s, u"x"_s });
    QCOMPARE(failedSpy.size(), 0); // never from inside the call
    QVERIFY(failedSpy.wait(10000));
    QCOMPARE(server.requests().size(), 0);
}

void tst_WebhookProvider::handleCallback_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("error"); // -1: accepted
    QTest::addColumn<QString>("signal"); // "answered", "failed" or "" for none
    QTest::addColumn<QString>("value"); // the keys, or the reason

    const auto row = [](const char *name, const QByteArray &body, const QString &signal,
                        const QString &value) {
        QTest::newRow(name) << body << signatureOf(body) << -1 << signal << value;
    };
    row("answered with #", R"({"id":"c1","status":"answered","keys":"#"})"_ba, u"answered"_s,
        u"#"_s);
    row("answered with pin and #", R"({"id":"c1","status":"answered","keys":"1234#"})"_ba,
        u"answered"_s, u"1234#"_s);
    row("0# reports fraud", R"({"id":"c1","status":"answered","keys":"0#"})"_ba, u"answered"_s,
        u"0#"_s);
    row("answered without keys", R"({"id":"c1","status":"answered","keys":""})"_ba, u"answered"_s,
        QString());
    row("busy", R"({"id":"c1","status":"busy"})"_ba, u"failed"_s, u"The line was busy."_s);
    row("no answer", R"({"id":"c1","status":"no-answer"})"_ba, u"failed"_s,
        u"Nobody answered the call."_s);
    row("failed", R"({"id":"c1","status":"failed"})"_ba, u"failed"_s,
        u"The webhook receiver could not place the call."_s);
    row("canceled", R"({"id":"c1","status":"canceled"})"_ba, u"failed"_s,
        u"The call was canceled."_s);

    const QByteArray good = R"({"id":"c1","status":"answered","keys":"#"})"_ba;
    QTest::newRow("upper-case hex signature accepted")
        << good << "sha256="_ba + signatureOf(good).sliced(7).toUpper() << -1 << u"answered"_s
        << u"#"_s;

    const int signature = static_cast<int>(ErrorCode::ProviderSignature);
    QTest::newRow("tampered body rejected")
        << R"({"id":"c1","status":"answered","keys":"0#"})"_ba << signatureOf(good) << signature
        << QString() << QString();
    QTest::newRow("other secret rejected")
        << good << signatureOf(good, "another-secret-0123456789"_ba) << signature << QString()
        << QString();
    QTest::newRow("no signature rejected")
        << good << QByteArray() << signature << QString() << QString();
    QTest::newRow("bare hex without sha256= rejected")
        << good << signatureOf(good).sliced(7) << signature << QString() << QString();
    QTest::newRow("sha1= prefix rejected")
        << good << "sha1="_ba + signatureOf(good).sliced(7) << signature << QString() << QString();
    QTest::newRow("truncated signature rejected")
        << good << signatureOf(good).chopped(2) << signature << QString() << QString();
    QTest::newRow("signature with trailing byte rejected")
        << good << signatureOf(good) + "0" << signature << QString() << QString();
    QTest::newRow("non-hex signature of the right length rejected")
        << good << "sha256="_ba + QByteArray(64, 'z') << signature << QString() << QString();

    const int malformed = static_cast<int>(ErrorCode::ProviderCallback);
    const auto bad = [malformed](const char *name, const QByteArray &body) {
        QTest::newRow(name) << body << signatureOf(body) << malformed << QString() << QString();
    };
    bad("signed but not json", "id=c1&status=answered"_ba);
    bad("signed json array", R"([{"id":"c1","status":"busy"}])"_ba);
    bad("signed without id", R"({"status":"answered","keys":"#"})"_ba);
    bad("signed with numeric id", R"({"id":7,"status":"answered","keys":"#"})"_ba);
    bad("signed unknown status", R"({"id":"c1","status":"approved"})"_ba);
    bad("signed answered without keys", R"({"id":"c1","status":"answered"})"_ba);
    bad("signed keys with a letter", R"({"id":"c1","status":"answered","keys":"12a#"})"_ba);
    bad("signed body over 16 KiB",
        R"({"id":"c1","status":"busy","pad":")"_ba + QByteArray(16 * 1024, 'x') + R"("})"_ba);
    bad("signed 33 keys",
        R"({"id":"c1","status":"answered","keys":")"_ba + QByteArray(32, '1') + R"(#"})"_ba);
}

void tst_WebhookProvider::handleCallback()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(int, error);
    QFETCH(QString, signal);
    QFETCH(QString, value);

    Fixture fixture = makeProvider(QUrl(u"http://127.0.0.1:9"_s));
    QVERIFY(fixture.webhook);
    QSignalSpy answeredSpy(fixture.provider.get(), &TelephonyProvider::callAnswered);
    QSignalSpy failedSpy(fixture.provider.get(), &TelephonyProvider::callFailed);

    const Result<void> handled = fixture.webhook->handleCallback(body, header);
    if (error >= 0) {
        QVERIFY(!handled);
        QCOMPARE(static_cast<int>(handled.error().code), error);
        QVERIFY(!leaksSecret(handled.error().message));
        QCOMPARE(answeredSpy.size() + failedSpy.size(), 0);
        return;
    }
    QVERIFY2(handled, qPrintable(handled ? QString() : handled.error().message));
    QSignalSpy &spy = signal == u"answered"_s ? answeredSpy : failedSpy;
    QCOMPARE(answeredSpy.size() + failedSpy.size(), 1);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(0).toString(), u"c1"_s);
    QCOMPARE(spy.first().at(1).toString(), value);
}

QTEST_GUILESS_MAIN(tst_WebhookProvider)
#include "tst_webhookprovider.moc"
