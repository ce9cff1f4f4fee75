// The proof that the admin API's access control holds: every route of /admin/v1, called with no
// session, a made-up token, and the sessions of an auditor, a helpdesk member and an admin,
// against a real twofold-server over HTTPS. The expected answers are written here from the
// roles in ARCHITECTURE.md, not read from the server; the server's own route list must match
// this table exactly, so a route added without a row here fails the test.
#include "adminclient.h"
#include "otp/otpauthuri.h"
#include "otp/otpgenerator.h"
#include "serverprocess.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::test;

namespace {

const QStringList staff { u"admin"_s, u"helpdesk"_s };
const QStringList everyone { u"admin"_s, u"helpdesk"_s, u"auditor"_s };
const QStringList readers { u"admin"_s, u"auditor"_s }; // no secrets, but not support work
const QStringList adminOnly { u"admin"_s };

struct RouteCase
{
    QByteArray method;
    QString path; // as the server lists it, with <…> for the parts a fixture fills in
    QStringList roles; // who may call it; empty: anyone, signed in or not
    int success; // the status for those who may
};

// admin: everything. helpdesk: users, enrollment, tokens, support, outbox, test verifications,
// reading fraud and audit; no policy changes, applications or admins. auditor: reading only,
// and never a secret (the outbox holds text message codes).
const QList<RouteCase> routeCases {
    { "POST", u"/admin/v1/session"_s, {}, 200 },
    { "GET", u"/admin/v1/session"_s, everyone, 200 },
    { "DELETE", u"/admin/v1/session"_s, everyone, 200 },
    { "GET", u"/admin/v1/users"_s, everyone, 200 },
    { "POST", u"/admin/v1/users"_s, staff, 201 },
    { "POST", u"/admin/v1/users/import"_s, staff, 200 },
    { "GET", u"/admin/v1/users/<user>"_s, everyone, 200 },
    { "PATCH", u"/admin/v1/users/<user>"_s, staff, 200 },
    { "DELETE", u"/admin/v1/users/<user>"_s, staff, 200 },
    { "POST", u"/admin/v1/users/<user>/app_code"_s, staff, 201 },
    { "POST", u"/admin/v1/users/<user>/app_code/confirm"_s, staff, 200 },
    { "POST", u"/admin/v1/users/<user>/activation"_s, staff, 201 },
    { "DELETE", u"/admin/v1/users/<user>/methods/<id>"_s, staff, 200 },
    { "POST", u"/admin/v1/users/<user>/test"_s, staff, 200 },
    { "POST", u"/admin/v1/users/<user>/block"_s, staff, 200 },
    { "POST", u"/admin/v1/users/<user>/unblock"_s, staff, 200 },
    { "POST", u"/admin/v1/users/<user>/bypass"_s, staff, 201 },
    { "GET", u"/admin/v1/groups"_s, everyone, 200 },
    { "GET", u"/admin/v1/transactions/<txid>"_s, everyone, 200 },
    { "GET", u"/admin/v1/tokens"_s, everyone, 200 },
    { "POST", u"/admin/v1/tokens/import"_s, staff, 200 },
    { "POST", u"/admin/v1/tokens/<serial>/assign"_s, staff, 200 },
    { "POST", u"/admin/v1/tokens/<serial>/activate"_s, staff, 200 },
    { "POST", u"/admin/v1/tokens/<serial>/resync"_s, staff, 200 },
    { "POST", u"/admin/v1/tokens/<serial>/unassign"_s, staff, 200 },
    { "GET", u"/admin/v1/fraud"_s, everyone, 200 },
    { "GET", u"/admin/v1/audit"_s, everyone, 200 },
    { "GET", u"/admin/v1/audit.csv"_s, everyone, 200 },
    { "POST", u"/admin/v1/audit/verify"_s, everyone, 200 },
    { "GET", u"/admin/v1/outbox"_s, staff, 200 },
    { "POST", u"/admin/v1/outbox/<call>/answer"_s, staff, 200 },
    { "GET", u"/admin/v1/apps"_s, readers, 200 },
    { "POST", u"/admin/v1/apps"_s, adminOnly, 201 },
    { "DELETE", u"/admin/v1/apps/<ikey>"_s, adminOnly, 200 },
    { "GET", u"/admin/v1/admins"_s, readers, 200 },
    { "POST", u"/admin/v1/admins"_s, adminOnly, 201 },
    { "GET", u"/admin/v1/policy"_s, everyone, 200 },
    { "PATCH", u"/admin/v1/policy"_s, adminOnly, 200 },
};

// Callers: no Authorization header, a token the server never issued, and the three roles.
const QStringList callers { u"nobody"_s, u"forged"_s, u"auditor"_s, u"helpdesk"_s, u"admin"_s };

// An HOTP token file (RFC 6030 plain secret, RFC 4226's key) with the given serial.
QByteArray pskcToken(const QString &serial)
{
    return uR"(<?xml version="1.0" encoding="UTF-8"?>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">
  <KeyPackage>
    <DeviceInfo><Manufacturer>Access</Manufacturer><SerialNo>%1</SerialNo></DeviceInfo>
    <Key Id="%1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
      <AlgorithmParameters><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
      <Data>
        <Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>
        <Counter><PlainValue>0</PlainValue></Counter>
      </Data>
    </Key>
  </KeyPackage>
</KeyContainer>
)"_s.arg(serial)
        .toUtf8();
}

QString hotp(quint64 counter)
{
    OtpParameters params;
    params.type = OtpType::Hotp;
    params.secret = "12345678901234567890"_ba;
    params.digits = 6;
    return OtpGenerator(params).codeForCounter(counter).value_or(QString());
}

// A request ready to send: what a row calls, after its fixture exists.
struct Prepared
{
    QString path;
    QByteArray body;
    QByteArray contentType = "application/json";
    QString failure; // set when the fixture could not be made
};

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class tst_AdminAccess final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void serverListsExactlyTheseRoutes();
    void unknownRoutesAndMethods();
    void access_data();
    void access();

private:
    QString unique(const QString &prefix) { return u"%1-%2"_s.arg(prefix).arg(++m_counter); }
    Prepared prepare(const RouteCase &route, const QString &caller);
    std::optional<AdminLogin> newAdmin(const QString &role);

    ServerData m_data;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<AdminClient> m_setup; // an admin's session that makes the fixtures
    QHash<QString, std::shared_ptr<AdminClient>> m_clients; // by caller
    int m_counter = 0;
};

std::optional<AdminLogin> tst_AdminAccess::newAdmin(const QString &role)
{
    QString why;
    auto login = addAdmin(m_data, unique(role), role, &why);
    if (!login)
        qWarning("%s", qPrintable(why));
    return login;
}

void tst_AdminAccess::initTestCase()
{
    QVERIFY2(m_data.init(), m_data.lastRun());
    m_server = std::make_unique<ServerProcess>(m_data);
    QVERIFY2(m_server->start(), qPrintable(m_server->log()));

    for (const QString &caller : callers) {
        auto client = std::make_shared<AdminClient>(*m_server, m_data.certificatePath());
        if (caller == u"forged") {
            client->setToken(u"Q7XKWM4PZ2RTN8VBHC5JDF3GL6YSA9E4UQW2KXR7M5T"_s);
        } else if (caller != u"nobody") {
            auto login = newAdmin(caller);
            QVERIFY(login);
            const ApiReply signedIn = client->signIn(*login);
            QVERIFY2(signedIn.status == 200, signedIn.describe());
            QCOMPARE(signedIn.json.value(u"role"_s).toString(), caller);
        }
        m_clients.insert(caller, client);
    }
    auto setupLogin = newAdmin(u"admin"_s);
    QVERIFY(setupLogin);
    m_setup = std::make_unique<AdminClient>(*m_server, m_data.certificatePath());
    QCOMPARE(m_setup->signIn(*setupLogin).status, 200);
}

void tst_AdminAccess::cleanupTestCase()
{
    m_setup.reset();
    m_clients.clear();
    if (m_server)
        QCOMPARE(m_server->terminate(), 0);
}

void tst_AdminAccess::serverListsExactlyTheseRoutes()
{
    const ApiReply session = m_setup->get(u"/admin/v1/session"_s);
    QVERIFY2(session.status == 200, session.describe());
    QSet<QString> listed;
    for (const QJsonValue &route : session.json.value(u"routes"_s).toArray())
        listed << route[u"method"_s].toString() + u' ' + route[u"path"_s].toString();
    QSet<QString> tested;
    for (const RouteCase &route : routeCases)
        tested << QString::fromLatin1(route.method) + u' ' + route.path;
    QVERIFY2(listed == tested,
             qPrintable(u"untested: %1; not served: %2"_s.arg(
                 QStringList((listed - tested).values()).join(u", "),
                 QStringList((tested - listed).values()).join(u", "))));

    // The GUI's list of actions says what this role may not do, and why.
    const ApiReply auditor = m_clients.value(u"auditor"_s)->get(u"/admin/v1/session"_s);
    QCOMPARE(auditor.json.value(u"role"_s).toString(), u"auditor"_s);
    bool sawDenied = false;
    for (const QJsonValue &action : auditor.json.value(u"actions"_s).toArray()) {
        if (action[u"action"_s].toString() == u"policy.write") {
            QCOMPARE(action[u"allowed"_s].toBool(), false);
            QVERIFY(action[u"reason"_s].toString().contains(u"admin"_s));
            sawDenied = true;
        }
        if (action[u"action"_s].toString() == u"audit.read")
            QCOMPARE(action[u"allowed"_s].toBool(), true);
    }
    QVERIFY(sawDenied);
}

void tst_AdminAccess::unknownRoutesAndMethods()
{
    AdminClient &nobody = *m_clients.value(u"nobody"_s);
    const ApiReply missing = nobody.get(u"/admin/v1/no-such-thing"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.json.value(u"code"_s).toString(), u"no_route"_s);
    const ApiReply wrongMethod = nobody.send("PUT", u"/admin/v1/policy"_s);
    QCOMPARE(wrongMethod.status, 405);
    QVERIFY(wrongMethod.json.value(u"error"_s).toString().contains(u"PATCH"_s));
}

void tst_AdminAccess::access_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("caller");
    QTest::addColumn<int>("expected");
    for (qsizetype i = 0; i < routeCases.size(); ++i) {
        const RouteCase &route = routeCases[i];
        for (const QString &caller : callers) {
            int expected = route.success;
            if (!route.roles.isEmpty()) {
                if (caller == u"nobody" || caller == u"forged")
                    expected = 401;
                else if (!route.roles.contains(caller))
                    expected = 403;
            }
            QTest::addRow("%s %s as %s", route.method.constData(), qPrintable(route.path),
                          qPrintable(caller))
                << int(i) << caller << expected;
        }
    }
}

void tst_AdminAccess::access()
{
    QFETCH(int, index);
    QFETCH(QString, caller);
    QFETCH(int, expected);
    const RouteCase &route = routeCases[index];

    const Prepared request = prepare(route, caller);
    QVERIFY2(request.failure.isEmpty(), qPrintable(request.failure));
    std::shared_ptr<AdminClient> client = m_clients.value(caller);
    if (route.method == "DELETE" && route.path == u"/admin/v1/session"
        && route.roles.contains(caller)) {
        // Signing out ends the session: use a fresh one, so the caller's own stays valid.
        client = std::make_shared<AdminClient>(*m_server, m_data.certificatePath());
        auto login = newAdmin(caller);
        QVERIFY(login);
        QCOMPARE(client->signIn(*login).status, 200);
    }
    const ApiReply reply
        = client->send(route.method, request.path, request.body,
                       request.body.isEmpty() ? QByteArray() : request.contentType);
    QVERIFY2(reply.status == expected,
             qPrintable(u"%1 %2 as %3: expected %4, got %5"_s
                            .arg(QString::fromLatin1(route.method), request.path, caller)
                            .arg(expected)
                            .arg(QString::fromUtf8(reply.describe()))));
    if (expected == 401) {
        QCOMPARE(reply.json.value(u"code"_s).toString(), u"not_authenticated"_s);
    } else if (expected == 403) {
        // The refusal names the roles that may, and they are the ones this table says.
        QCOMPARE(reply.json.value(u"code"_s).toString(), u"permission_denied"_s);
        QStringList needs;
        for (const QJsonValue &role : reply.json.value(u"needs"_s).toArray())
            needs << role.toString();
        QCOMPARE(needs, route.roles);
        QVERIFY(reply.json.value(u"error"_s).toString().contains(caller));
    }
    if (route.method == "DELETE" && route.path == u"/admin/v1/session" && expected == 200) {
        // The token is gone for good.
        QCOMPARE(client->get(u"/admin/v1/session"_s).status, 401);
    }
}

Prepared tst_AdminAccess::prepare(const RouteCase &route, const QString &caller)
{
    Prepared out;
    out.path = route.path;
    const auto fail = [&out](const QString &what, const ApiReply &reply) {
        out.failure = what + u": "_s + QString::fromUtf8(reply.describe());
        return out;
    };
    // A user of its own for every row, so no row sees another's changes.
    QString user;
    if (route.path.contains(u"<user>"_s) || route.path.contains(u"<txid>"_s)
        || route.path.contains(u"<call>"_s) || route.path.contains(u"<serial>"_s)) {
        user = unique(u"user"_s);
        const ApiReply created = m_setup->send(
            "POST", u"/admin/v1/users"_s,
            QJsonObject { { u"username"_s, user }, { u"phone"_s, u"+31612345678"_s } });
        if (created.status != 201)
            return fail(u"creating a user"_s, created);
        out.path.replace(u"<user>"_s, user);
    }
    const QString key = QString::fromLatin1(route.method) + u' ' + route.path;

    if (key == u"POST /admin/v1/session") {
        auto login = newAdmin(u"auditor"_s);
        if (!login)
            return fail(u"adding an admin"_s, {});
        out.body = json({ { u"username"_s, login->username },
                          { u"password"_s, login->password },
                          { u"code"_s, AdminClient::nextCode(*login) } });
    } else if (key == u"POST /admin/v1/users") {
        out.body = json({ { u"username"_s, unique(u"new"_s) } });
    } else if (key == u"POST /admin/v1/users/import") {
        out.body = (unique(u"imported"_s) + u",a@example.com,,staff\n"_s + unique(u"imported"_s)
                    + u",,+31611111111,\n"_s)
                       .toUtf8();
        out.contentType = "text/csv";
    } else if (key == u"PATCH /admin/v1/users/<user>") {
        out.body = json({ { u"email"_s, u"changed@example.com"_s } });
    } else if (key == u"POST /admin/v1/users/<user>/app_code/confirm"
               || key == u"DELETE /admin/v1/users/<user>/methods/<id>") {
        const ApiReply enrolled
            = m_setup->send("POST", u"/admin/v1/users/%1/app_code"_s.arg(user), QJsonObject {});
        if (enrolled.status != 201)
            return fail(u"enrolling an app code"_s, enrolled);
        if (key.endsWith(u"<id>"_s)) {
            out.path.replace(u"<id>"_s, enrolled.json.value(u"method_id"_s).toString());
        } else {
            auto params = OtpAuthUri::parse(enrolled.json.value(u"otpauth_uri"_s).toString());
            if (!params)
                return fail(u"reading the otpauth URI"_s, enrolled);
            out.body
                = json({ { u"code"_s,
                           *OtpGenerator(*params).codeAt(QDateTime::currentSecsSinceEpoch()) } });
        }
    } else if (key == u"POST /admin/v1/users/<user>/test") {
        out.body = json({ { u"method"_s, u"sms"_s } });
    } else if (key == u"POST /admin/v1/users/<user>/block") {
        out.body = json({ { u"reason"_s, u"access test"_s } });
    } else if (key == u"POST /admin/v1/users/<user>/unblock") {
        const ApiReply blocked
            = m_setup->send("POST", u"/admin/v1/users/%1/block"_s.arg(user),
                            QJsonObject { { u"reason"_s, u"to be unblocked"_s } });
        if (blocked.status != 200)
            return fail(u"blocking"_s, blocked);
    } else if (key == u"POST /admin/v1/users/<user>/bypass") {
        out.body = json({ { u"count"_s, 1 } });
    } else if (key == u"GET /admin/v1/transactions/<txid>"
               || key == u"POST /admin/v1/outbox/<call>/answer") {
        const bool call = key.contains(u"<call>"_s);
        const ApiReply started
            = m_setup->send("POST", u"/admin/v1/users/%1/test"_s.arg(user),
                            QJsonObject { { u"method"_s, call ? u"phone"_s : u"sms"_s } });
        const QString txid = started.json.value(u"txid"_s).toString();
        if (started.status != 200 || txid.isEmpty())
            return fail(u"starting a test verification"_s, started);
        if (call) {
            out.path.replace(u"<call>"_s, txid);
            out.body = json({ { u"keys"_s, u"#"_s } });
        } else {
            out.path.replace(u"<txid>"_s, txid) += u"?wait=0"_s;
        }
    } else if (key == u"POST /admin/v1/tokens/import") {
        out.path += u"?format=pskc"_s;
        out.body = pskcToken(unique(u"T"_s));
        out.contentType = "application/pskc+xml";
    } else if (key.startsWith(u"POST /admin/v1/tokens/<serial>/"_s)) {
        const QString serial = unique(u"T"_s);
        const ApiReply imported = m_setup->send("POST", u"/admin/v1/tokens/import"_s,
                                                pskcToken(serial), "application/pskc+xml");
        if (imported.status != 200)
            return fail(u"importing a token"_s, imported);
        out.path.replace(u"<serial>"_s, serial);
        if (key.endsWith(u"/assign"_s)) {
            out.body = json({ { u"user"_s, user } });
        } else {
            const ApiReply assigned
                = m_setup->send("POST", u"/admin/v1/tokens/%1/assign"_s.arg(serial),
                                QJsonObject { { u"user"_s, user } });
            if (assigned.status != 200)
                return fail(u"assigning a token"_s, assigned);
            if (key.endsWith(u"/activate"_s))
                out.body = json({ { u"code"_s, hotp(0) } });
            else if (key.endsWith(u"/resync"_s))
                out.body = json({ { u"first"_s, hotp(40) }, { u"second"_s, hotp(41) } });
        }
    } else if (key == u"POST /admin/v1/apps") {
        out.body = json({ { u"name"_s, unique(u"app"_s) } });
    } else if (key == u"DELETE /admin/v1/apps/<ikey>") {
        const ApiReply created = m_setup->send("POST", u"/admin/v1/apps"_s,
                                               QJsonObject { { u"name"_s, unique(u"app"_s) } });
        if (created.status != 201)
            return fail(u"creating an app"_s, created);
        out.path.replace(u"<ikey>"_s, created.json.value(u"ikey"_s).toString());
    } else if (key == u"POST /admin/v1/admins") {
        out.body = json({ { u"username"_s, unique(u"made"_s) }, { u"role"_s, u"auditor"_s } });
    } else if (key == u"PATCH /admin/v1/policy") {
        out.body = json({ { u"lockout_threshold"_s, 5 } });
    }
    Q_UNUSED(caller)
    return out;
}

QTEST_GUILESS_MAIN(tst_AdminAccess)
#include "tst_adminaccess.moc"
