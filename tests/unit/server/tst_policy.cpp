#include "server/policy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class tst_Policy : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void methodNames_data();
    void methodNames();
    void unknownMethodNamed();
    void validChanges_data();
    void validChanges();
    void invalidChanges_data();
    void invalidChanges();
    void groupNarrowsNeverWidens_data();
    void groupNarrowsNeverWidens();
    void jsonRoundTrip();
};

void tst_Policy::defaults()
{
    const Policy p;
    // RFC 6238 section 6: one step of network delay either side.
    QCOMPARE(p.totpWindow, 1);
    // Azure MFA blocks a user for 90 days after a fraud report.
    QCOMPARE(p.fraudBlockDays, 90);
    QVERIFY(p.fraudAutoBlock);
    QCOMPARE(p.fraudCode, u"0"_s);
    QCOMPARE(p.lockoutThreshold, 5);
    QCOMPARE(p.lockoutMinutes, 15);
    QVERIFY(p.numberMatching);
    QCOMPARE(p.pushTimeoutSeconds, 60);
    QCOMPARE(p.smsCodeLifetimeSeconds, 300);
    QCOMPARE(p.allowedMethods.size(), 5);
    for (Method m : allMethods()) {
        QVERIFY(p.allows(m, QString()));
        QVERIFY(p.allows(m, u"any group"_s));
    }
}

void tst_Policy::methodNames_data()
{
    QTest::addColumn<Method>("method");
    QTest::addColumn<QString>("name");
    QTest::newRow("app code") << Method::AppCode << u"app_code"_s;
    QTest::newRow("oath token") << Method::OathToken << u"oath_token"_s;
    QTest::newRow("push") << Method::Push << u"push"_s;
    QTest::newRow("sms") << Method::Sms << u"sms"_s;
    QTest::newRow("voice") << Method::Voice << u"voice"_s;
}

void tst_Policy::methodNames()
{
    QFETCH(Method, method);
    QFETCH(QString, name);
    QCOMPARE(methodName(method), name);
    QCOMPARE(methodFromName(name).value(), method);
}

void tst_Policy::unknownMethodNamed()
{
    const auto m = methodFromName(u"email"_s);
    QVERIFY(!m);
    QCOMPARE(m.error().code, ErrorCode::InvalidArgument);
    QVERIFY(m.error().message.contains(u"\"email\""_s));
}

void tst_Policy::validChanges_data()
{
    QTest::addColumn<QJsonObject>("changes");
    QTest::addColumn<QString>("key"); // the toJson() key that must hold the new value
    QTest::addColumn<QJsonValue>("expected");

    QTest::newRow("otp window widened")
        << json(R"({"otp_window": 2})") << u"otp_window"_s << QJsonValue(2);
    QTest::newRow("otp window zero")
        << json(R"({"otp_window": 0})") << u"otp_window"_s << QJsonValue(0);
    QTest::newRow("lockout at the top of the range")
        << json(R"({"lockout_threshold": 100})") << u"lockout_threshold"_s << QJsonValue(100);
    QTest::newRow("lockout minutes a week")
        << json(R"({"lockout_minutes": 10080})") << u"lockout_minutes"_s << QJsonValue(10080);
    QTest::newRow("fraud block days")
        << json(R"({"fraud_block_days": 7})") << u"fraud_block_days"_s << QJsonValue(7);
    QTest::newRow("fraud auto block off")
        << json(R"({"fraud_auto_block": false})") << u"fraud_auto_block"_s << QJsonValue(false);
    QTest::newRow("fraud code several digits")
        << json(R"({"fraud_code": "911"})") << u"fraud_code"_s << QJsonValue(u"911"_s);
    QTest::newRow("number matching off")
        << json(R"({"number_matching": false})") << u"number_matching"_s << QJsonValue(false);
    QTest::newRow("whole number written as 2.0")
        << json(R"({"push_limit": 2.0})") << u"push_limit"_s << QJsonValue(2);
    QTest::newRow("allowed methods narrowed")
        << json(R"({"allowed_methods": ["sms", "app_code", "sms"]})") << u"allowed_methods"_s
        << QJsonValue(QJsonArray { u"sms"_s, u"app_code"_s });
}

void tst_Policy::validChanges()
{
    QFETCH(QJsonObject, changes);
    QFETCH(QString, key);
    QFETCH(QJsonValue, expected);
    const Policy base;
    auto changed = Policy::fromJson(changes, base);
    QVERIFY2(changed, qPrintable(changed ? QString() : changed.error().message));
    QCOMPARE(changed->toJson().value(key), expected);
    // Everything else stays as it was.
    QJsonObject rest = changed->toJson();
    QJsonObject before = base.toJson();
    rest.remove(key);
    before.remove(key);
    QCOMPARE(rest, before);
}

void tst_Policy::invalidChanges_data()
{
    QTest::addColumn<QJsonObject>("changes");
    QTest::addColumn<QString>("named"); // the message must name the key at fault

    QTest::newRow("unknown key") << json(R"({"otp_windw": 1})") << u"\"otp_windw\""_s;
    QTest::newRow("unknown key after a valid one")
        << json(R"({"otp_window": 2, "zzz_extra": true})") << u"\"zzz_extra\""_s;
    QTest::newRow("number as text") << json(R"({"otp_window": "2"})") << u"\"otp_window\""_s;
    QTest::newRow("number as bool")
        << json(R"({"lockout_threshold": true})") << u"\"lockout_threshold\""_s;
    QTest::newRow("number as null")
        << json(R"({"lockout_minutes": null})") << u"\"lockout_minutes\""_s;
    QTest::newRow("fraction") << json(R"({"lockout_threshold": 2.5})")
                              << u"\"lockout_threshold\""_s;
    QTest::newRow("above range") << json(R"({"otp_window": 11})") << u"\"otp_window\""_s;
    QTest::newRow("below range") << json(R"({"lockout_threshold": 0})")
                                 << u"\"lockout_threshold\""_s;
    QTest::newRow("negative") << json(R"({"fraud_block_days": -1})") << u"\"fraud_block_days\""_s;
    QTest::newRow("fraud block beyond ten years")
        << json(R"({"fraud_block_days": 3651})") << u"\"fraud_block_days\""_s;
    QTest::newRow("push timeout too short")
        << json(R"({"push_timeout_seconds": 14})") << u"\"push_timeout_seconds\""_s;
    QTest::newRow("sms lifetime too short")
        << json(R"({"sms_code_lifetime_seconds": 59})") << u"\"sms_code_lifetime_seconds\""_s;
    // Far outside int: converting it to int first would be undefined behaviour.
    QTest::newRow("huge number") << json(R"({"otp_window": 1e20})") << u"\"otp_window\""_s;
    QTest::newRow("huge negative number")
        << json(R"({"push_limit": -1e300})") << u"\"push_limit\""_s;
    QTest::newRow("bool as text") << json(R"({"fraud_auto_block": "yes"})")
                                  << u"\"fraud_auto_block\""_s;
    QTest::newRow("bool as number")
        << json(R"({"number_matching": 1})") << u"\"number_matching\""_s;
    QTest::newRow("fraud code empty") << json(R"({"fraud_code": ""})") << u"\"fraud_code\""_s;
    QTest::newRow("fraud code as number") << json(R"({"fraud_code": 0})") << u"\"fraud_code\""_s;
    QTest::newRow("fraud code with a letter")
        << json(R"({"fraud_code": "1a"})") << u"\"fraud_code\""_s;
    QTest::newRow("fraud code with #") << json(R"({"fraud_code": "0#"})") << u"\"fraud_code\""_s;
    QTest::newRow("fraud code too long")
        << json(R"({"fraud_code": "123456789"})") << u"\"fraud_code\""_s;
    // A keypad has only ASCII digits: an Arabic-Indic zero could never be pressed.
    QTest::newRow("fraud code in non-ASCII digits")
        << json("{\"fraud_code\": \"\xd9\xa0\"}") << u"\"fraud_code\""_s;
    QTest::newRow("methods not a list")
        << json(R"({"allowed_methods": "sms"})") << u"\"allowed_methods\""_s;
    QTest::newRow("unknown method")
        << json(R"({"allowed_methods": ["sms", "fax"]})") << u"\"allowed_methods\""_s;
    QTest::newRow("method not a string")
        << json(R"({"allowed_methods": [3]})") << u"\"allowed_methods\""_s;
    QTest::newRow("group methods not an object")
        << json(R"({"group_methods": ["sms"]})") << u"\"group_methods\""_s;
    QTest::newRow("group with an unknown method")
        << json(R"({"group_methods": {"vpn": ["fax"]}})") << u"\"group_methods.vpn\""_s;
}

void tst_Policy::invalidChanges()
{
    QFETCH(QJsonObject, changes);
    QFETCH(QString, named);
    const auto changed = Policy::fromJson(changes, Policy());
    QVERIFY(!changed);
    QCOMPARE(changed.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(changed.error().message.contains(named), qPrintable(changed.error().message));
}

void tst_Policy::groupNarrowsNeverWidens_data()
{
    QTest::addColumn<QJsonObject>("policy");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QStringList>("expected");

    const QJsonObject narrow = json(R"({"allowed_methods": ["app_code", "sms", "voice"],
        "group_methods": {"vpn": ["app_code", "push"], "contractors": [], "phones": ["voice", "sms"]}})");
    QTest::newRow("no group: the tenant's list")
        << narrow << QString() << QStringList { u"app_code"_s, u"sms"_s, u"voice"_s };
    QTest::newRow("group without a list of its own: the tenant's")
        << narrow << u"web"_s << QStringList { u"app_code"_s, u"sms"_s, u"voice"_s };
    QTest::newRow("group asks for push the tenant forbids: not given")
        << narrow << u"vpn"_s << QStringList { u"app_code"_s };
    QTest::newRow("group with an empty list: nothing")
        << narrow << u"contractors"_s << QStringList {};
    QTest::newRow("group keeps its own order")
        << narrow << u"phones"_s << QStringList { u"voice"_s, u"sms"_s };
    QTest::newRow("group names are exact")
        << narrow << u"VPN"_s << QStringList { u"app_code"_s, u"sms"_s, u"voice"_s };
}

void tst_Policy::groupNarrowsNeverWidens()
{
    QFETCH(QJsonObject, policy);
    QFETCH(QString, group);
    QFETCH(QStringList, expected);
    const auto p = Policy::fromJson(policy, Policy());
    QVERIFY(p);
    QStringList names;
    for (Method m : p->methodsFor(group))
        names << methodName(m);
    QCOMPARE(names, expected);
    for (Method m : allMethods())
        QCOMPARE(p->allows(m, group), expected.contains(methodName(m)));
}

void tst_Policy::jsonRoundTrip()
{
    auto changed = Policy::fromJson(json(R"({"otp_window": 3, "hotp_look_ahead": 20,
        "lockout_threshold": 7, "lockout_minutes": 30, "fraud_auto_block": false,
        "fraud_block_days": 10, "fraud_code": "99", "number_matching": false,
        "push_timeout_seconds": 120, "push_limit": 3, "push_window_minutes": 5,
        "bypass_lifetime_minutes": 90, "sms_code_lifetime_seconds": 600,
        "allowed_methods": ["push", "sms"], "group_methods": {"ops": ["sms"]}})"),
                                    Policy());
    QVERIFY(changed);
    const Policy &p = *changed;
    QCOMPARE(p.totpWindow, 3);
    QCOMPARE(p.hotpLookAhead, 20);
    QCOMPARE(p.lockoutThreshold, 7);
    QCOMPARE(p.lockoutMinutes, 30);
    QVERIFY(!p.fraudAutoBlock);
    QCOMPARE(p.fraudBlockDays, 10);
    QCOMPARE(p.fraudCode, u"99"_s);
    QVERIFY(!p.numberMatching);
    QCOMPARE(p.pushTimeoutSeconds, 120);
    QCOMPARE(p.pushLimit, 3);
    QCOMPARE(p.pushWindowMinutes, 5);
    QCOMPARE(p.bypassLifetimeMinutes, 90);
    QCOMPARE(p.smsCodeLifetimeSeconds, 600);
    QCOMPARE(p.allowedMethods, (QList<Method> { Method::Push, Method::Sms }));
    QCOMPARE(p.groupMethods.value(u"ops"_s), QList<Method> { Method::Sms });

    // What toJson() writes, fromJson() reads back to the same policy, from any base.
    Policy other;
    other.totpWindow = 9;
    other.groupMethods.insert(u"stale"_s, { Method::Voice });
    auto again = Policy::fromJson(p.toJson(), other);
    QVERIFY(again);
    QCOMPARE(again->toJson(), p.toJson());
}

QTEST_GUILESS_MAIN(tst_Policy)
#include "tst_policy.moc"
