// The admin API, /admin/v1: sign-in, users, enrollment, tokens, support, audit, outbox,
// applications and policy, with roles enforced on every route. JSON in, JSON out; errors are
// {"error": "what went wrong and what to do", "code": "machine_word", ...}.
//
// Every route but POST /session needs "Authorization: Bearer <token>" from POST /session; the
// action column names the entry of actionRules (below) that decides which roles may call it.
//
// | method | path (under /admin/v1)              | action         | takes |
// |--------|-------------------------------------|----------------|----------------------------------------|
// | POST   | /session                            | (none)         | {username, password, code} | |
// GET    | /session                            | session        | who am I, my actions, all routes
// | | DELETE | /session                            | session        | signs out | | GET    | /users
// | users.read     | ?search status method group after limit| | POST   | /users | users.write    |
// {username, email, phone, group, voice_pin} | | POST   | /users/import                       |
// users.write    | CSV body; ?preview=1 writes nothing    | | GET    | /users/<user> | users.read
// | the user and their methods             | | PATCH  | /users/<user>                       |
// users.write    | {email, phone, group, voice_pin}       | | DELETE | /users/<user> | users.write
// |                                        | | POST   | /users/<user>/app_code              |
// enroll         | {issuer}: secret, otpauth URI, QR PNG  | | POST   |
// /users/<user>/app_code/confirm      | enroll         | {code}                                 |
// | POST   | /users/<user>/activation            | enroll         | push activation code and link |
// | DELETE | /users/<user>/methods/<id>          | enroll         | | | POST   | /users/<user>/test
// | verify.test    | {method: push|sms|phone|passcode, passcode} | | POST   | /users/<user>/block
// | users.block    | {reason, until}                        | | POST   | /users/<user>/unblock |
// users.block    |                                        | | POST   | /users/<user>/bypass |
// bypass         | {count}: codes, shown once             | | GET    | /groups | users.read     | |
// | GET    | /transactions/<txid>                | verify.read    | long poll while waiting;
// ?wait=0       | | GET    | /tokens                             | tokens.read    | ?serial
// unassigned limit               | | POST   | /tokens/import                      | tokens.write |
// file body; ?format=csv|pskc preview=1 password key | | POST   | /tokens/<serial>/assign |
// tokens.write   | {user}                                 | | POST   | /tokens/<serial>/activate |
// tokens.write   | {code}                                 | | POST   | /tokens/<serial>/resync |
// tokens.write   | {first, second}                        | | POST   | /tokens/<serial>/unassign |
// tokens.write   |                                        | | GET    | /fraud | fraud.read     |
// ?unresolved limit; wait=1 after=<next> long poll | | GET    | /audit | audit.read     | ?subject
// action actor from to before limit | | GET    | /audit.csv                          | audit.read
// | the same filters, as text/csv          | | POST   | /audit/verify                       |
// audit.read     | checks the hash chain                  | | GET    | /outbox | outbox.read    |
// ?limit                                 | | POST   | /outbox/<call id>/answer            |
// outbox.answer  | {keys}                                 | | GET    | /apps | apps.read      | |
// | POST   | /apps                               | apps.write     | {name}: ikey and skey, shown
// once      | | DELETE | /apps/<ikey>                        | apps.write     | | | GET    |
// /admins                             | admins.read    |                                        |
// | POST   | /admins                             | admins.write   | {username, role}: password,
// otpauth URI | | GET    | /policy                             | policy.read    | | | PATCH  |
// /policy                             | policy.write   | any policy keys (Policy::fromJson)     |
//
// PSKC keys come in X-Twofold-Pskc-Password / X-Twofold-Pskc-Key (hex) or the query; the request
// log line holds neither bodies, queries nor headers, so no secret reaches the log.
#include "crypto/certificate.h"
#include "httpapi.h"
#include "otp/base32.h"
#include "qr/qrencoder.h"
#include "server.h"
#include "server/tokens/azurecsvreader.h"
#include "server/tokens/pskcreader.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QHttpServerRequest>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

// What a role may do. One table: the routes check it, and GET /session lists it for the GUI.
enum class Action {
    Session,
    UsersRead,
    UsersWrite,
    Enroll,
    TestVerify,
    ReadVerify,
    Block,
    Bypass,
    TokensRead,
    TokensWrite,
    FraudRead,
    AuditRead,
    OutboxRead,
    OutboxAnswer,
    AppsRead,
    AppsWrite,
    AdminsRead,
    AdminsWrite,
    PolicyRead,
    PolicyWrite,
};

constexpr int roleBit(Role role)
{
    return 1 << int(role);
}
constexpr int everyone = roleBit(Role::Admin) | roleBit(Role::Helpdesk) | roleBit(Role::Auditor);
constexpr int staff = roleBit(Role::Admin) | roleBit(Role::Helpdesk);
constexpr int readers = roleBit(Role::Admin) | roleBit(Role::Auditor);
constexpr int adminOnly = roleBit(Role::Admin);

struct ActionRule
{
    Action action;
    const char16_t *name;
    const char16_t *description;
    int roles;
};

// The auditor reads everything that holds no secret; the outbox does (SMS codes), so it is
// staff only. The helpdesk supports users but changes no policy, applications or admins.
constexpr ActionRule actionRules[] = {
    { Action::Session, u"session", u"See and end the own session", everyone },
    { Action::UsersRead, u"users.read", u"See users, their methods and groups", everyone },
    { Action::UsersWrite, u"users.write", u"Create, change, import and delete users", staff },
    { Action::Enroll, u"enroll", u"Enroll and remove methods: app codes, push devices", staff },
    { Action::TestVerify, u"verify.test", u"Send a test verification to a user", staff },
    { Action::ReadVerify, u"verify.read", u"Follow a test verification", everyone },
    { Action::Block, u"users.block", u"Block and unblock users", staff },
    { Action::Bypass, u"bypass", u"Create one-time bypass codes", staff },
    { Action::TokensRead, u"tokens.read", u"See hardware tokens", everyone },
    { Action::TokensWrite, u"tokens.write", u"Import, assign, activate and resync hardware tokens",
      staff },
    { Action::FraudRead, u"fraud.read", u"See fraud alerts", everyone },
    { Action::AuditRead, u"audit.read", u"Query, export and verify the audit log", everyone },
    { Action::OutboxRead, u"outbox.read", u"See the outbox's messages and calls", staff },
    { Action::OutboxAnswer, u"outbox.answer", u"Answer a call's keypad from the outbox", staff },
    { Action::AppsRead, u"apps.read", u"See relying applications", readers },
    { Action::AppsWrite, u"apps.write", u"Create and delete relying applications", adminOnly },
    { Action::AdminsRead, u"admins.read", u"See administrators", readers },
    { Action::AdminsWrite, u"admins.write", u"Create administrators", adminOnly },
    { Action::PolicyRead, u"policy.read", u"See the policy", everyone },
    { Action::PolicyWrite, u"policy.write", u"Change the policy", adminOnly },
};

const ActionRule &ruleFor(Action action)
{
    return actionRules[int(action)];
}

QString actionName(Action action)
{
    return QString::fromUtf16(ruleFor(action).name);
}

QStringList rolesFor(Action action)
{
    QStringList names;
    for (Role role : { Role::Admin, Role::Helpdesk, Role::Auditor }) {
        if (ruleFor(action).roles & roleBit(role))
            names << roleName(role);
    }
    return names;
}

bool allowed(Role role, Action action)
{
    return ruleFor(action).roles & roleBit(role);
}

// The test verifications of the admin mode run as this pseudo-application, so their
// transactions are told apart from real sign-ins and only this API reads them.
const QString testApplication = u"twofold-admin-test"_s;

QString pngBase64(const QString &text)
{
    auto image = QrEncoder::toImage(text.toUtf8());
    if (!image)
        return {};
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image->save(&buffer, "PNG");
    return QString::fromLatin1(png.toBase64());
}

// A fraud long poll's position: the newest alert's time and how many alerts have that time.
// Alerts are never deleted, so "more alerts at or after T than n" means a new one arrived.
struct FraudCursor
{
    qint64 time = 0;
    qsizetype count = 0;

    QString toString() const { return u"%1:%2"_s.arg(time).arg(count); }
    static FraudCursor of(const QList<FraudAlert> &alerts)
    {
        FraudCursor cursor;
        for (const FraudAlert &a : alerts)
            cursor.time = std::max(cursor.time, a.created);
        for (const FraudAlert &a : alerts)
            cursor.count += a.created == cursor.time ? 1 : 0;
        return cursor;
    }
};

enum class Kind { String, Integer, Boolean, Object };

struct Field
{
    QString name;
    Kind kind;
    bool required = false;
};

struct AdminCall
{
    const QHttpServerRequest &request;
    QHttpServerResponder &responder;
    Exchange exchange;
    QUrlQuery query;
    QStringList args; // the path's <…> parts, decoded, in order
    QString token;
    Admin admin;

    QString actor() const { return u"admin:"_s + admin.username; }
    QString arg(int i) const { return args.value(i); }
};

class AdminApi;
using Handler = void (AdminApi::*)(AdminCall &);

struct Route
{
    QString method;
    QString pattern; // under /admin/v1; <name> matches one path segment
    Action action;
    bool signedIn; // false only for signing in
    QStringList queryKeys;
    Handler handler;
    bool largeBody = false; // a file import: the larger body limit applies
};

// The routes' handlers, on the server's parts. One instance lives as long as the HttpApi.
class AdminApi final
{
public:
    AdminApi(HttpApi &api, Server &server)
        : m_api(api)
        , m_server(server)
    {
    }

    static const QList<Route> &routes();
    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &responder);

    void signIn(AdminCall &call);
    void whoAmI(AdminCall &call);
    void signOut(AdminCall &call);
    void listUsers(AdminCall &call);
    void createUser(AdminCall &call);
    void importUsers(AdminCall &call);
    void showUser(AdminCall &call);
    void updateUser(AdminCall &call);
    void deleteUser(AdminCall &call);
    void listGroups(AdminCall &call);
    void enrollAppCode(AdminCall &call);
    void confirmAppCode(AdminCall &call);
    void createActivation(AdminCall &call);
    void removeMethod(AdminCall &call);
    void testVerification(AdminCall &call);
    void transactionStatus(AdminCall &call);
    void blockUser(AdminCall &call);
    void unblockUser(AdminCall &call);
    void createBypass(AdminCall &call);
    void listTokens(AdminCall &call);
    void importTokens(AdminCall &call);
    void assignToken(AdminCall &call);
    void activateToken(AdminCall &call);
    void resyncToken(AdminCall &call);
    void unassignToken(AdminCall &call);
    void listFraud(AdminCall &call);
    void queryAudit(AdminCall &call);
    void exportAudit(AdminCall &call);
    void verifyAudit(AdminCall &call);
    void listOutbox(AdminCall &call);
    void answerCall(AdminCall &call);
    void listApps(AdminCall &call);
    void createApp(AdminCall &call);
    void deleteApp(AdminCall &call);
    void listAdmins(AdminCall &call);
    void createAdmin(AdminCall &call);
    void showPolicy(AdminCall &call);
    void changePolicy(AdminCall &call);

private:
    void reply(AdminCall &call, int status, const QJsonObject &body)
    {
        m_api.respond(call.responder, call.exchange, status, body);
    }
    void fail(AdminCall &call, int status, const QString &code, const QString &message,
              QJsonObject extra = {});
    void fail(AdminCall &call, const Error &error);
    std::optional<QJsonObject> body(AdminCall &call, const QList<Field> &fields);
    std::optional<qint64> queryNumber(AdminCall &call, const QString &key, qint64 fallback,
                                      qint64 min, qint64 max);
    std::optional<qint64> queryTime(AdminCall &call, const QString &key);
    bool queryFlag(const AdminCall &call, const QString &key) const;
    QString queryValue(const AdminCall &call, const QString &key) const
    {
        return call.query.queryItemValue(key, QUrl::FullyDecoded);
    }
    std::optional<AuditQuery> auditQuery(AdminCall &call, int defaultLimit, int maxLimit);
    QJsonObject userJson(const User &user) const { return user.toJson(m_server.context().now()); }
    QJsonObject tokenJson(const QString &serial) const;
    QString publicUrl(const AdminCall &call) const;
    QString certificateFingerprint();

    HttpApi &m_api;
    Server &m_server;
    QString m_fingerprint;
};

const QList<Route> &AdminApi::routes()
{
    // Literal paths come before <…> ones that could also match them.
    static const QList<Route> table {
        { u"POST"_s, u"session"_s, Action::Session, false, {}, &AdminApi::signIn },
        { u"GET"_s, u"session"_s, Action::Session, true, {}, &AdminApi::whoAmI },
        { u"DELETE"_s, u"session"_s, Action::Session, true, {}, &AdminApi::signOut },
        { u"GET"_s,
          u"users"_s,
          Action::UsersRead,
          true,
          { u"search"_s, u"status"_s, u"method"_s, u"group"_s, u"after"_s, u"limit"_s },
          &AdminApi::listUsers },
        { u"POST"_s, u"users"_s, Action::UsersWrite, true, {}, &AdminApi::createUser },
        { u"POST"_s,
          u"users/import"_s,
          Action::UsersWrite,
          true,
          { u"preview"_s },
          &AdminApi::importUsers,
          true },
        { u"GET"_s, u"users/<user>"_s, Action::UsersRead, true, {}, &AdminApi::showUser },
        { u"PATCH"_s, u"users/<user>"_s, Action::UsersWrite, true, {}, &AdminApi::updateUser },
        { u"DELETE"_s, u"users/<user>"_s, Action::UsersWrite, true, {}, &AdminApi::deleteUser },
        { u"POST"_s,
          u"users/<user>/app_code"_s,
          Action::Enroll,
          true,
          {},
          &AdminApi::enrollAppCode },
        { u"POST"_s,
          u"users/<user>/app_code/confirm"_s,
          Action::Enroll,
          true,
          {},
          &AdminApi::confirmAppCode },
        { u"POST"_s,
          u"users/<user>/activation"_s,
          Action::Enroll,
          true,
          {},
          &AdminApi::createActivation },
        { u"DELETE"_s,
          u"users/<user>/methods/<id>"_s,
          Action::Enroll,
          true,
          {},
          &AdminApi::removeMethod },
        { u"POST"_s,
          u"users/<user>/test"_s,
          Action::TestVerify,
          true,
          {},
          &AdminApi::testVerification },
        { u"POST"_s, u"users/<user>/block"_s, Action::Block, true, {}, &AdminApi::blockUser },
        { u"POST"_s, u"users/<user>/unblock"_s, Action::Block, true, {}, &AdminApi::unblockUser },
        { u"POST"_s, u"users/<user>/bypass"_s, Action::Bypass, true, {}, &AdminApi::createBypass },
        { u"GET"_s, u"groups"_s, Action::UsersRead, true, {}, &AdminApi::listGroups },
        { u"GET"_s,
          u"transactions/<txid>"_s,
          Action::ReadVerify,
          true,
          { u"wait"_s },
          &AdminApi::transactionStatus },
        { u"GET"_s,
          u"tokens"_s,
          Action::TokensRead,
          true,
          { u"serial"_s, u"unassigned"_s, u"limit"_s },
          &AdminApi::listTokens },
        { u"POST"_s,
          u"tokens/import"_s,
          Action::TokensWrite,
          true,
          { u"format"_s, u"preview"_s, u"password"_s, u"key"_s },
          &AdminApi::importTokens,
          true },
        { u"POST"_s,
          u"tokens/<serial>/assign"_s,
          Action::TokensWrite,
          true,
          {},
          &AdminApi::assignToken },
        { u"POST"_s,
          u"tokens/<serial>/activate"_s,
          Action::TokensWrite,
          true,
          {},
          &AdminApi::activateToken },
        { u"POST"_s,
          u"tokens/<serial>/resync"_s,
          Action::TokensWrite,
          true,
          {},
          &AdminApi::resyncToken },
        { u"POST"_s,
          u"tokens/<serial>/unassign"_s,
          Action::TokensWrite,
          true,
          {},
          &AdminApi::unassignToken },
        { u"GET"_s,
          u"fraud"_s,
          Action::FraudRead,
          true,
          { u"unresolved"_s, u"limit"_s, u"wait"_s, u"after"_s },
          &AdminApi::listFraud },
        { u"GET"_s,
          u"audit"_s,
          Action::AuditRead,
          true,
          { u"subject"_s, u"action"_s, u"actor"_s, u"from"_s, u"to"_s, u"before"_s, u"limit"_s },
          &AdminApi::queryAudit },
        { u"GET"_s,
          u"audit.csv"_s,
          Action::AuditRead,
          true,
          { u"subject"_s, u"action"_s, u"actor"_s, u"from"_s, u"to"_s, u"before"_s, u"limit"_s },
          &AdminApi::exportAudit },
        { u"POST"_s, u"audit/verify"_s, Action::AuditRead, true, {}, &AdminApi::verifyAudit },
        { u"GET"_s, u"outbox"_s, Action::OutboxRead, true, { u"limit"_s }, &AdminApi::listOutbox },
        { u"POST"_s,
          u"outbox/<call>/answer"_s,
          Action::OutboxAnswer,
          true,
          {},
          &AdminApi::answerCall },
        { u"GET"_s, u"apps"_s, Action::AppsRead, true, {}, &AdminApi::listApps },
        { u"POST"_s, u"apps"_s, Action::AppsWrite, true, {}, &AdminApi::createApp },
        { u"DELETE"_s, u"apps/<ikey>"_s, Action::AppsWrite, true, {}, &AdminApi::deleteApp },
        { u"GET"_s, u"admins"_s, Action::AdminsRead, true, {}, &AdminApi::listAdmins },
        { u"POST"_s, u"admins"_s, Action::AdminsWrite, true, {}, &AdminApi::createAdmin },
        { u"GET"_s, u"policy"_s, Action::PolicyRead, true, {}, &AdminApi::showPolicy },
        { u"PATCH"_s, u"policy"_s, Action::PolicyWrite, true, {}, &AdminApi::changePolicy },
    };
    return table;
}

// ---- plumbing: matching, sessions, roles, bodies, errors ----

void AdminApi::dispatch(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    AdminCall call {
        request, responder, HttpApi::exchangeFor(request), request.query(), {}, {}, {}
    };
    const QString prefix = u"/admin/v1/"_s;
    const QString encodedPath = request.url().path(QUrl::FullyEncoded);
    const QStringList segments = encodedPath.mid(prefix.size()).split(u'/');

    const Route *route = nullptr;
    QStringList methods;
    for (const Route &candidate : routes()) {
        const QStringList parts = candidate.pattern.split(u'/');
        if (parts.size() != segments.size())
            continue;
        QStringList args;
        bool matches = true;
        for (qsizetype i = 0; i < parts.size() && matches; ++i) {
            const QString segment = QUrl::fromPercentEncoding(segments[i].toUtf8());
            if (parts[i].startsWith(u'<'))
                args << segment;
            else
                matches = parts[i] == segment;
        }
        if (!matches)
            continue;
        methods << candidate.method;
        if (candidate.method == call.exchange.method && !route) {
            route = &candidate;
            call.args = args;
        }
    }
    if (!route) {
        if (methods.isEmpty())
            return fail(call, 404, u"no_route"_s,
                        u"There is no admin route %1; GET /admin/v1/session lists them."_s.arg(
                            call.exchange.path));
        return fail(call, 405, u"method_not_allowed"_s,
                    u"%1 takes %2, not %3."_s.arg(call.exchange.path, methods.join(u", "),
                                                  call.exchange.method));
    }
    if (m_api.bodyTooLarge(request, responder, call.exchange,
                           route->largeBody ? m_server.config().maxImportBytes : 0))
        return;

    if (route->signedIn) {
        const QByteArray authorization = request.value("Authorization");
        if (authorization.size() > 7
            && authorization.first(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
            call.token = QString::fromLatin1(authorization.mid(7).trimmed());
        auto admin = m_server.directory().session(call.token);
        if (!admin) {
            if (admin.error().code == ErrorCode::NotAuthenticated)
                return fail(call, 401, u"not_authenticated"_s,
                            call.token.isEmpty()
                                ? u"Sign in first: send \"Authorization: Bearer <token>\" with "
                                  u"the token from POST /admin/v1/session."_s
                                : admin.error().message);
            return fail(call, admin.error());
        }
        call.admin = *admin;
        call.exchange.who = call.actor();
        if (!allowed(call.admin.role, route->action)) {
            const QStringList needed = rolesFor(route->action);
            return fail(call, 403, u"permission_denied"_s,
                        u"This needs the %1 role; you are signed in as %2."_s.arg(
                            needed.join(u" or "), roleName(call.admin.role)),
                        { { u"action"_s, actionName(route->action) },
                          { u"needs"_s, QJsonArray::fromStringList(needed) } });
        }
    }
    for (const auto &[key, value] : call.query.queryItems()) {
        if (!route->queryKeys.contains(key))
            return fail(call, 400, u"invalid"_s,
                        route->queryKeys.isEmpty()
                            ? u"%1 takes no query parameters; \"%2\" is unknown."_s.arg(
                                call.exchange.path, key)
                            : u"Unknown query parameter \"%1\"; %2 takes %3."_s.arg(
                                key, call.exchange.path, route->queryKeys.join(u", ")),
                        { { u"field"_s, key } });
    }
    (this->*(route->handler))(call);
}

void AdminApi::fail(AdminCall &call, int status, const QString &code, const QString &message,
                    QJsonObject extra)
{
    // A message whose lines name lines of a file: the first line says what, the rest where.
    QStringList lines = message.split(u'\n');
    extra[u"error"_s] = lines.takeFirst();
    extra[u"code"_s] = code;
    if (!lines.isEmpty())
        extra[u"lines"_s] = QJsonArray::fromStringList(lines);
    reply(call, status, extra);
}

void AdminApi::fail(AdminCall &call, const Error &error)
{
    int status = 500;
    QString code = u"internal"_s;
    switch (error.code) {
    case ErrorCode::NotFound:
        status = 404;
        code = u"not_found"_s;
        break;
    case ErrorCode::AlreadyExists:
        status = 409;
        code = u"already_exists"_s;
        break;
    case ErrorCode::NotAuthenticated:
        status = 401;
        code = u"not_authenticated"_s;
        break;
    case ErrorCode::PermissionDenied:
        status = 403;
        code = u"permission_denied"_s;
        break;
    case ErrorCode::PolicyDenied:
        status = 403;
        code = u"policy_denied"_s;
        break;
    case ErrorCode::UserLocked:
        status = 423;
        code = u"locked"_s;
        break;
    case ErrorCode::RateLimited:
        status = 429;
        code = u"rate_limited"_s;
        break;
    case ErrorCode::CodeRejected:
        status = 400;
        code = u"code_rejected"_s;
        break;
    case ErrorCode::TokenKeyNeeded:
        status = 400;
        code = u"token_key_needed"_s;
        break;
    case ErrorCode::TokenKeyWrong:
        status = 400;
        code = u"token_key_wrong"_s;
        break;
    case ErrorCode::InvalidArgument:
    case ErrorCode::ImportFormat:
    case ErrorCode::TokenFileFormat:
    case ErrorCode::TokenFileUnsupported:
        status = 400;
        code = u"invalid"_s;
        break;
    default:
        break;
    }
    fail(call, status, code, error.message);
}

std::optional<QJsonObject> AdminApi::body(AdminCall &call, const QList<Field> &fields)
{
    const QByteArray bytes = call.request.body();
    QJsonObject object;
    if (!bytes.trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
        if (error.error != QJsonParseError::NoError) {
            fail(call, 400, u"invalid"_s,
                 u"The body is not valid JSON: %1 at offset %2."_s.arg(error.errorString())
                     .arg(error.offset));
            return std::nullopt;
        }
        if (!document.isObject()) {
            fail(call, 400, u"invalid"_s, u"The body must be a JSON object."_s);
            return std::nullopt;
        }
        object = document.object();
    }
    QStringList names;
    for (const Field &field : fields)
        names << field.name;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const auto field = std::find_if(fields.cbegin(), fields.cend(),
                                        [&](const Field &f) { return f.name == it.key(); });
        if (field == fields.cend()) {
            fail(call, 400, u"invalid"_s,
                 names.isEmpty()
                     ? u"Unknown field \"%1\": this route takes no fields."_s.arg(it.key())
                     : u"Unknown field \"%1\"; this route takes %2."_s.arg(it.key(),
                                                                           names.join(u", ")),
                 { { u"field"_s, it.key() } });
            return std::nullopt;
        }
        const QJsonValue value = it.value();
        QString wrong;
        switch (field->kind) {
        case Kind::String:
            if (!value.isString())
                wrong = u"a string"_s;
            break;
        case Kind::Integer:
            if (!value.isDouble() || value.toDouble() != double(value.toInteger()))
                wrong = u"a whole number"_s;
            break;
        case Kind::Boolean:
            if (!value.isBool())
                wrong = u"true or false"_s;
            break;
        case Kind::Object:
            if (!value.isObject())
                wrong = u"an object"_s;
            break;
        }
        if (!wrong.isEmpty()) {
            fail(call, 400, u"invalid"_s, u"\"%1\" must be %2."_s.arg(it.key(), wrong),
                 { { u"field"_s, it.key() } });
            return std::nullopt;
        }
    }
    for (const Field &field : fields) {
        if (field.required && !object.contains(field.name)) {
            fail(call, 400, u"invalid"_s, u"\"%1\" is required."_s.arg(field.name),
                 { { u"field"_s, field.name } });
            return std::nullopt;
        }
    }
    return object;
}

std::optional<qint64> AdminApi::queryNumber(AdminCall &call, const QString &key, qint64 fallback,
                                            qint64 min, qint64 max)
{
    if (!call.query.hasQueryItem(key))
        return fallback;
    bool ok = false;
    const qint64 number = queryValue(call, key).toLongLong(&ok);
    if (!ok || number < min || number > max) {
        fail(call, 400, u"invalid"_s,
             u"\"%1\" must be a whole number from %2 to %3."_s.arg(key).arg(min).arg(max),
             { { u"field"_s, key } });
        return std::nullopt;
    }
    return number;
}

std::optional<qint64> AdminApi::queryTime(AdminCall &call, const QString &key)
{
    const QString text = queryValue(call, key);
    if (text.isEmpty())
        return 0;
    bool ok = false;
    if (const qint64 seconds = text.toLongLong(&ok); ok && seconds >= 0)
        return seconds;
    QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    if (time.isValid()) {
        if (time.timeSpec() == Qt::LocalTime)
            time.setTimeSpec(Qt::UTC); // a time without a zone is UTC, as in the audit log
        return time.toSecsSinceEpoch();
    }
    fail(
        call, 400, u"invalid"_s,
        u"\"%1\" must be Unix seconds or an ISO 8601 time such as 2024-05-01T12:00:00Z."_s.arg(key),
        { { u"field"_s, key } });
    return std::nullopt;
}

bool AdminApi::queryFlag(const AdminCall &call, const QString &key) const
{
    const QString value = queryValue(call, key).toLower();
    return value == u"1" || value == u"true" || value == u"yes";
}

QJsonObject AdminApi::tokenJson(const QString &serial) const
{
    const auto tokens = m_server.enrollment().tokens(serial, false, 1);
    if (tokens && !tokens->isEmpty() && tokens->first().serial == serial)
        return tokens->first().toJson();
    return {};
}

QString AdminApi::publicUrl(const AdminCall &call) const
{
    const QUrl configured = m_server.config().provider.publicBaseUrl;
    if (configured.isValid() && !configured.isEmpty()) {
        QString url = configured.toString(QUrl::FullyEncoded);
        while (url.endsWith(u'/'))
            url.chop(1);
        return url;
    }
    const QString scheme = m_server.config().tls ? u"https"_s : u"http"_s;
    return scheme + u"://"_s + QString::fromLatin1(call.request.value("Host"));
}

QString AdminApi::certificateFingerprint()
{
    if (m_fingerprint.isEmpty()) {
        QFile file(m_server.config().certificatePath());
        if (file.open(QIODevice::ReadOnly))
            m_fingerprint = QString::fromLatin1(certificateSha256Fingerprint(file.readAll()));
    }
    return m_fingerprint;
}

// ---- session ----

void AdminApi::signIn(AdminCall &call)
{
    auto in = body(call,
                   { { u"username"_s, Kind::String, true },
                     { u"password"_s, Kind::String, true },
                     { u"code"_s, Kind::String, true } });
    if (!in)
        return;
    const QString username = in->value(u"username"_s).toString();
    Directory &directory = m_server.directory();
    auto token = directory.signIn(username, in->value(u"password"_s).toString(),
                                  in->value(u"code"_s).toString());
    if (!token) {
        if (token.error().code == ErrorCode::UserLocked) {
            const qint64 until
                = m_server.storage()
                      .scalar(u"SELECT locked_until FROM admins WHERE username = ?"_s,
                              { username.trimmed().toLower() })
                      .value_or(0)
                      .toLongLong();
            const qint64 now = m_server.context().now();
            return fail(call, 423, u"locked"_s, token.error().message,
                        { { u"retry_after"_s, std::max<qint64>(until - now, 1) },
                          { u"retry_at"_s, until } });
        }
        if (token.error().code == ErrorCode::NotAuthenticated)
            return fail(call, 401, u"not_authenticated"_s, token.error().message);
        return fail(call, token.error());
    }
    auto admin = directory.session(*token);
    if (!admin)
        return fail(call, admin.error());
    call.exchange.who = u"admin:"_s + admin->username;
    reply(call, 200,
          { { u"token"_s, *token },
            { u"username"_s, admin->username },
            { u"role"_s, roleName(admin->role) },
            { u"expires"_s, m_server.context().now() + Directory::sessionSeconds } });
}

void AdminApi::whoAmI(AdminCall &call)
{
    QJsonArray actions;
    for (const ActionRule &rule : actionRules) {
        QJsonObject entry { { u"action"_s, QString::fromUtf16(rule.name) },
                            { u"description"_s, QString::fromUtf16(rule.description) },
                            { u"allowed"_s, allowed(call.admin.role, rule.action) } };
        if (!allowed(call.admin.role, rule.action))
            entry[u"reason"_s] = u"Needs the %1 role."_s.arg(rolesFor(rule.action).join(u" or "));
        actions.append(entry);
    }
    QJsonArray routeList;
    for (const Route &route : routes())
        routeList.append(QJsonObject { { u"method"_s, route.method },
                                       { u"path"_s, QString(u"/admin/v1/"_s + route.pattern) },
                                       { u"action"_s, actionName(route.action) } });
    reply(call, 200,
          { { u"username"_s, call.admin.username },
            { u"role"_s, roleName(call.admin.role) },
            { u"actions"_s, actions },
            { u"routes"_s, routeList } });
}

void AdminApi::signOut(AdminCall &call)
{
    if (!body(call, {}))
        return;
    m_server.directory().signOut(call.token);
    static_cast<void>(
        m_server.audit().append(call.actor(), u"admin.signout"_s, call.admin.username, u"ok"_s));
    reply(call, 200, { { u"signed_out"_s, true } });
}

// ---- users ----

void AdminApi::listUsers(AdminCall &call)
{
    const auto limit = queryNumber(call, u"limit"_s, 100, 1, 1000);
    if (!limit)
        return;
    UserQuery query;
    query.search = queryValue(call, u"search"_s);
    query.status = queryValue(call, u"status"_s);
    query.method = queryValue(call, u"method"_s);
    query.group = queryValue(call, u"group"_s);
    query.after = queryValue(call, u"after"_s);
    query.limit = int(*limit);
    auto page = m_server.directory().users(query);
    if (!page)
        return fail(call, page.error());
    QJsonArray users;
    for (const User &user : std::as_const(page->users))
        users.append(userJson(user));
    QJsonObject out { { u"users"_s, users }, { u"total"_s, page->total } };
    out[u"next"_s] = page->next.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(page->next);
    reply(call, 200, out);
}

UserFields userFields(const QJsonObject &in)
{
    const auto text = [&](const QString &key) -> std::optional<QString> {
        return in.contains(key) ? std::optional(in.value(key).toString()) : std::nullopt;
    };
    return { text(u"email"_s), text(u"phone"_s), text(u"group"_s), text(u"voice_pin"_s) };
}

void AdminApi::createUser(AdminCall &call)
{
    auto in = body(call,
                   { { u"username"_s, Kind::String, true },
                     { u"email"_s, Kind::String },
                     { u"phone"_s, Kind::String },
                     { u"group"_s, Kind::String },
                     { u"voice_pin"_s, Kind::String } });
    if (!in)
        return;
    auto user = m_server.directory().addUser(in->value(u"username"_s).toString(), userFields(*in),
                                             call.actor());
    if (!user)
        return fail(call, user.error());
    reply(call, 201, userJson(*user));
}

void AdminApi::importUsers(AdminCall &call)
{
    const QByteArray csv = call.request.body();
    if (queryFlag(call, u"preview"_s)) {
        auto check = m_server.directory().checkUserImport(csv);
        if (!check)
            return fail(call, check.error());
        QJsonArray rows;
        for (const UserImportRow &row : std::as_const(check->rows))
            rows.append(QJsonObject { { u"line"_s, row.line },
                                      { u"username"_s, row.username },
                                      { u"email"_s, row.fields.email.value_or(QString()) },
                                      { u"phone"_s, row.fields.phone.value_or(QString()) },
                                      { u"group"_s, row.fields.group.value_or(QString()) } });
        return reply(call, 200,
                     { { u"preview"_s, true },
                       { u"valid"_s, check->problems.isEmpty() },
                       { u"rows"_s, rows },
                       { u"errors"_s, QJsonArray::fromStringList(check->problems) } });
    }
    auto imported = m_server.directory().importUsers(csv, call.actor());
    if (!imported)
        return fail(call, imported.error());
    reply(call, 200, { { u"imported"_s, *imported } });
}

void AdminApi::showUser(AdminCall &call)
{
    auto user = m_server.directory().user(call.arg(0));
    if (!user)
        return fail(call, user.error());
    auto methods = m_server.enrollment().methods(user->id);
    if (!methods)
        return fail(call, methods.error());
    QJsonObject out = userJson(*user);
    out[u"methods"_s] = *methods;
    reply(call, 200, out);
}

void AdminApi::updateUser(AdminCall &call)
{
    auto in = body(call,
                   { { u"email"_s, Kind::String },
                     { u"phone"_s, Kind::String },
                     { u"group"_s, Kind::String },
                     { u"voice_pin"_s, Kind::String } });
    if (!in)
        return;
    auto user = m_server.directory().updateUser(call.arg(0), userFields(*in), call.actor());
    if (!user)
        return fail(call, user.error());
    reply(call, 200, userJson(*user));
}

void AdminApi::deleteUser(AdminCall &call)
{
    if (!body(call, {}))
        return;
    auto user = m_server.directory().user(call.arg(0));
    if (!user)
        return fail(call, user.error());
    if (auto deleted = m_server.directory().deleteUser(user->id, call.actor()); !deleted)
        return fail(call, deleted.error());
    reply(call, 200, { { u"deleted"_s, user->username } });
}

void AdminApi::listGroups(AdminCall &call)
{
    auto names = m_server.directory().groups();
    if (!names)
        return fail(call, names.error());
    const Policy policy = m_server.directory().policy();
    QStringList all = *names;
    all += policy.groupMethods.keys();
    all.sort();
    all.removeDuplicates();
    QJsonArray groups;
    for (const QString &name : std::as_const(all)) {
        QJsonArray methods;
        for (Method method : policy.methodsFor(name))
            methods.append(methodName(method));
        groups.append(QJsonObject { { u"name"_s, name },
                                    { u"methods"_s, methods },
                                    { u"own_policy"_s, policy.groupMethods.contains(name) } });
    }
    reply(call, 200, { { u"groups"_s, groups } });
}

// ---- enrollment ----

void AdminApi::enrollAppCode(AdminCall &call)
{
    auto in = body(call, { { u"issuer"_s, Kind::String } });
    if (!in)
        return;
    auto enrolled = m_server.enrollment().enrollAppCode(
        call.arg(0), in->value(u"issuer"_s).toString(), call.actor());
    if (!enrolled)
        return fail(call, enrolled.error());
    reply(call, 201,
          { { u"method_id"_s, enrolled->methodId },
            { u"secret"_s, enrolled->secretBase32 },
            { u"otpauth_uri"_s, enrolled->otpauthUri },
            { u"qr_png"_s, QString::fromLatin1(enrolled->qrPng.toBase64()) } });
}

void AdminApi::confirmAppCode(AdminCall &call)
{
    auto in = body(call, { { u"code"_s, Kind::String, true } });
    if (!in)
        return;
    auto confirmed = m_server.enrollment().confirmAppCode(
        call.arg(0), in->value(u"code"_s).toString(), call.actor());
    if (!confirmed)
        return fail(call, confirmed.error());
    reply(call, 200, { { u"confirmed"_s, true } });
}

void AdminApi::createActivation(AdminCall &call)
{
    if (!body(call, {}))
        return;
    auto code = m_server.enrollment().createActivation(call.arg(0), call.actor());
    if (!code)
        return fail(call, code.error());
    const QString link = u"twofold://activate?url=%1&code=%2&fp=%3"_s.arg(
        QString::fromLatin1(QUrl::toPercentEncoding(publicUrl(call))), *code,
        certificateFingerprint());
    reply(call, 201,
          { { u"code"_s, *code },
            { u"expires"_s, m_server.context().now() + Enrollment::activationSeconds },
            { u"url"_s, link },
            { u"qr_png"_s, pngBase64(link) } });
}

void AdminApi::removeMethod(AdminCall &call)
{
    if (!body(call, {}))
        return;
    auto removed = m_server.enrollment().removeMethod(call.arg(0), call.arg(1), call.actor());
    if (!removed)
        return fail(call, removed.error());
    reply(call, 200, { { u"removed"_s, call.arg(1) } });
}

void AdminApi::testVerification(AdminCall &call)
{
    auto in = body(call, { { u"method"_s, Kind::String, true }, { u"passcode"_s, Kind::String } });
    if (!in)
        return;
    const QString method = in->value(u"method"_s).toString();
    if (!QStringList { u"push"_s, u"sms"_s, u"phone"_s, u"passcode"_s }.contains(method))
        return fail(call, 400, u"invalid"_s, u"\"method\" must be push, sms, phone or passcode."_s,
                    { { u"field"_s, u"method"_s } });
    const QString passcode = in->value(u"passcode"_s).toString();
    if (method == u"passcode" && passcode.isEmpty())
        return fail(call, 400, u"invalid"_s, u"\"passcode\" is required for a passcode test."_s,
                    { { u"field"_s, u"passcode"_s } });
    auto user = m_server.directory().user(call.arg(0));
    if (!user)
        return fail(call, user.error());
    AuthRequest request { testApplication,      user->id, method, passcode, u"auto"_s,
                          call.exchange.remote, true };
    auto outcome = m_server.verifier().auth(request);
    if (!outcome)
        return fail(call, outcome.error());
    static_cast<void>(
        m_server.audit().append(call.actor(), u"verify.test"_s, user->username, u"ok"_s,
                                { { u"method"_s, method }, { u"txid"_s, outcome->txid } }));
    QJsonObject out = outcome->toJson();
    out[u"expires"_s] = outcome->expires;
    reply(call, 200, out);
}

void AdminApi::transactionStatus(AdminCall &call)
{
    const QString txid = call.arg(0);
    Verifier &verifier = m_server.verifier();
    auto first = verifier.status(txid, testApplication);
    if (!first)
        return fail(call, 404, u"not_found"_s, u"There is no test verification %1."_s.arg(txid));
    auto answer = [](const AuthOutcome &o) {
        QJsonObject out = o.toJson();
        out[u"expires"_s] = o.expires;
        return out;
    };
    const bool wait = !call.query.hasQueryItem(u"wait"_s) || queryFlag(call, u"wait"_s);
    if (!first->waiting() || !wait)
        return reply(call, 200, answer(*first));
    const QString lastStatus = first->status;
    const qint64 untilExpiry = (first->expires - m_server.context().now()) * 1000 + 500;
    const qint64 waitMs
        = std::min<qint64>(untilExpiry, qint64(m_server.config().longPollSeconds) * 1000);
    m_api.park(u"txn:"_s + txid, std::move(call.responder), call.exchange, waitMs,
               [&verifier, txid, lastStatus,
                answer](bool final) -> std::optional<std::pair<int, QJsonObject>> {
                   auto status = verifier.status(txid, testApplication);
                   if (!status)
                       return std::pair { 404,
                                          QJsonObject { { u"error"_s, status.error().message },
                                                        { u"code"_s, u"not_found"_s } } };
                   if (!final && status->status == lastStatus)
                       return std::nullopt;
                   return std::pair { 200, answer(*status) };
               });
}

// ---- support ----

void AdminApi::blockUser(AdminCall &call)
{
    auto in = body(call, { { u"reason"_s, Kind::String, true }, { u"until"_s, Kind::Integer } });
    if (!in)
        return;
    const qint64 until = in->value(u"until"_s).toInteger(0);
    if (until < 0 || (until != 0 && until <= m_server.context().now()))
        return fail(call, 400, u"invalid"_s,
                    u"\"until\" must be a future time in Unix seconds, or 0 for until unblocked."_s,
                    { { u"field"_s, u"until"_s } });
    const QString reason = in->value(u"reason"_s).toString().trimmed();
    if (reason.isEmpty() || reason.size() > 500)
        return fail(call, 400, u"invalid"_s, u"\"reason\" must say why, in 1 to 500 characters."_s,
                    { { u"field"_s, u"reason"_s } });
    if (auto blocked = m_server.directory().block(call.arg(0), until, reason, call.actor());
        !blocked)
        return fail(call, blocked.error());
    auto user = m_server.directory().user(call.arg(0));
    if (!user)
        return fail(call, user.error());
    reply(call, 200, userJson(*user));
}

void AdminApi::unblockUser(AdminCall &call)
{
    if (!body(call, {}))
        return;
    if (auto unblocked = m_server.directory().unblock(call.arg(0), call.actor()); !unblocked)
        return fail(call, unblocked.error());
    auto user = m_server.directory().user(call.arg(0));
    if (!user)
        return fail(call, user.error());
    reply(call, 200, userJson(*user));
}

void AdminApi::createBypass(AdminCall &call)
{
    auto in = body(call, { { u"count"_s, Kind::Integer } });
    if (!in)
        return;
    const qint64 count = in->value(u"count"_s).toInteger(1);
    if (count < 1 || count > 10)
        return fail(call, 400, u"invalid"_s, u"\"count\" must be a whole number from 1 to 10."_s,
                    { { u"field"_s, u"count"_s } });
    auto codes = m_server.enrollment().createBypassCodes(call.arg(0), int(count), call.actor());
    if (!codes)
        return fail(call, codes.error());
    const qint64 expires = m_server.context().now()
        + qint64(m_server.directory().policy().bypassLifetimeMinutes) * 60;
    reply(call, 201,
          { { u"codes"_s, QJsonArray::fromStringList(*codes) }, { u"expires"_s, expires } });
}

void AdminApi::listFraud(AdminCall &call)
{
    const auto limit = queryNumber(call, u"limit"_s, 100, 1, 1000);
    if (!limit)
        return;
    const bool unresolved = queryFlag(call, u"unresolved"_s);
    Verifier &verifier = m_server.verifier();
    const auto toJson = [unresolved](const QList<FraudAlert> &alerts, int most) {
        QJsonArray list;
        for (const FraudAlert &alert : alerts) {
            if ((!unresolved || alert.resolved == 0) && list.size() < most)
                list.append(alert.toJson());
        }
        return list;
    };
    auto newest = verifier.fraudAlerts(0, false, 1);
    if (!newest)
        return fail(call, newest.error());
    // All alerts at the newest time: the cursor counts them.
    auto atNewest
        = verifier.fraudAlerts(newest->isEmpty() ? 0 : newest->first().created, false, 1000);
    if (!atNewest)
        return fail(call, atNewest.error());
    const FraudCursor head = FraudCursor::of(*atNewest);

    if (!queryFlag(call, u"wait"_s)) {
        auto alerts = verifier.fraudAlerts(0, unresolved, int(*limit));
        if (!alerts)
            return fail(call, alerts.error());
        return reply(
            call, 200,
            { { u"alerts"_s, toJson(*alerts, int(*limit)) }, { u"next"_s, head.toString() } });
    }

    // after=T:n continues from a "next"; after=T (Unix seconds) means alerts later than T.
    FraudCursor cursor = head;
    if (call.query.hasQueryItem(u"after"_s)) {
        static const QRegularExpression form(u"^(\\d+)(?::(\\d+))?$"_s);
        const auto match = form.match(queryValue(call, u"after"_s));
        if (!match.hasMatch())
            return fail(call, 400, u"invalid"_s,
                        u"\"after\" is the \"next\" of an earlier answer, or Unix seconds."_s,
                        { { u"field"_s, u"after"_s } });
        cursor.time = match.captured(1).toLongLong();
        cursor.count = match.captured(2).toLongLong();
        if (match.captured(2).isEmpty())
            cursor = { cursor.time + 1, 0 };
    }
    const int pageLimit = int(*limit);
    const auto poll = [&verifier, cursor, pageLimit,
                       toJson](bool final) -> std::optional<std::pair<int, QJsonObject>> {
        auto since = verifier.fraudAlerts(cursor.time, false, 1000);
        if (!since)
            return std::pair { 500,
                               QJsonObject { { u"error"_s, since.error().message },
                                             { u"code"_s, u"internal"_s } } };
        if (since->size() > cursor.count) {
            // New alerts, with the ones already seen at the cursor's time: ids tell them apart.
            return std::pair { 200,
                               QJsonObject { { u"alerts"_s, toJson(*since, pageLimit) },
                                             { u"next"_s, FraudCursor::of(*since).toString() } } };
        }
        if (!final)
            return std::nullopt;
        return std::pair {
            200, QJsonObject { { u"alerts"_s, QJsonArray() }, { u"next"_s, cursor.toString() } }
        };
    };
    if (auto now = poll(false))
        return reply(call, now->first, now->second);
    m_api.park(u"fraud"_s, std::move(call.responder), call.exchange,
               qint64(m_server.config().longPollSeconds) * 1000, poll);
}

std::optional<AuditQuery> AdminApi::auditQuery(AdminCall &call, int defaultLimit, int maxLimit)
{
    AuditQuery query;
    query.subject = queryValue(call, u"subject"_s);
    query.action = queryValue(call, u"action"_s);
    query.actor = queryValue(call, u"actor"_s);
    const auto from = queryTime(call, u"from"_s);
    if (!from)
        return std::nullopt;
    const auto to = queryTime(call, u"to"_s);
    if (!to)
        return std::nullopt;
    const auto before = queryNumber(call, u"before"_s, 0, 0, std::numeric_limits<qint64>::max());
    if (!before)
        return std::nullopt;
    const auto limit = queryNumber(call, u"limit"_s, defaultLimit, 1, maxLimit);
    if (!limit)
        return std::nullopt;
    query.from = *from;
    query.to = *to;
    query.beforeSeq = *before;
    query.limit = int(*limit);
    return query;
}

void AdminApi::queryAudit(AdminCall &call)
{
    const auto query = auditQuery(call, 100, 1000);
    if (!query)
        return;
    auto entries = m_server.audit().query(*query);
    if (!entries)
        return fail(call, entries.error());
    QJsonArray list;
    for (const AuditEntry &e : std::as_const(*entries))
        list.append(QJsonObject { { u"seq"_s, e.seq },
                                  { u"time"_s, e.time },
                                  { u"actor"_s, e.actor },
                                  { u"action"_s, e.action },
                                  { u"subject"_s, e.subject },
                                  { u"result"_s, e.result },
                                  { u"details"_s, e.details } });
    QJsonObject out { { u"entries"_s, list } };
    // The next page: pass as before=; null when this page was the last.
    out[u"next"_s] = entries->size() == query->limit ? QJsonValue(entries->last().seq)
                                                     : QJsonValue(QJsonValue::Null);
    reply(call, 200, out);
}

void AdminApi::exportAudit(AdminCall &call)
{
    // Without a limit, every matching entry, read a page at a time.
    auto query = auditQuery(call, std::numeric_limits<int>::max(), std::numeric_limits<int>::max());
    if (!query)
        return;
    qint64 remaining = query->limit;
    QByteArray csv = AuditLog::csvHeader().toUtf8();
    while (remaining > 0) {
        AuditQuery page = *query;
        page.limit = int(std::min<qint64>(remaining, 10000));
        auto entries = m_server.audit().query(page);
        if (!entries)
            return fail(call, entries.error());
        for (const AuditEntry &e : std::as_const(*entries))
            csv += AuditLog::csvLine(e).toUtf8();
        remaining -= entries->size();
        if (entries->size() < page.limit)
            break;
        query->beforeSeq = entries->last().seq;
    }
    call.responder.write(csv,
                         { { "Content-Type", "text/csv; charset=utf-8" },
                           { "Content-Disposition", "attachment; filename=\"twofold-audit.csv\"" },
                           { "Cache-Control", "no-store" } },
                         QHttpServerResponder::StatusCode::Ok);
    m_api.logRequest(call.exchange, 200);
}

void AdminApi::verifyAudit(AdminCall &call)
{
    if (!body(call, {}))
        return;
    auto verified = m_server.audit().verify();
    if (!verified)
        return fail(call, verified.error());
    reply(call, 200,
          { { u"rows"_s, verified->rows },
            { u"intact"_s, verified->problem.isEmpty() },
            { u"problem"_s, verified->problem } });
}

// ---- tokens ----

void AdminApi::listTokens(AdminCall &call)
{
    const auto limit = queryNumber(call, u"limit"_s, 100, 1, 1000);
    if (!limit)
        return;
    auto tokens = m_server.enrollment().tokens(queryValue(call, u"serial"_s),
                                               queryFlag(call, u"unassigned"_s), int(*limit));
    if (!tokens)
        return fail(call, tokens.error());
    QJsonArray list;
    for (const TokenInfo &token : std::as_const(*tokens))
        list.append(token.toJson());
    reply(call, 200, { { u"tokens"_s, list } });
}

void AdminApi::importTokens(AdminCall &call)
{
    const QByteArray file = call.request.body();
    QString format = queryValue(call, u"format"_s).toLower();
    if (format.isEmpty())
        format = file.trimmed().startsWith('<') ? u"pskc"_s : u"csv"_s;
    Result<TokenFile> tokens = Error { ErrorCode::InvalidArgument, {} };
    if (format == u"pskc") {
        // Headers first: a query string may be kept in a proxy's access log.
        const auto secret = [&](const QByteArray &header, const QString &key) {
            const QByteArray value = call.request.value(header);
            return value.isEmpty() ? queryValue(call, key) : QString::fromUtf8(value);
        };
        const QString keyHex = secret("X-Twofold-Pskc-Key", u"key"_s);
        static const QRegularExpression hex(u"^([0-9A-Fa-f]{2})*$"_s);
        if (!hex.match(keyHex).hasMatch())
            return fail(call, 400, u"invalid"_s,
                        u"The PSKC key must be hexadecimal, two digits per byte."_s,
                        { { u"field"_s, u"key"_s } });
        tokens = PskcReader::read(file,
                                  { QByteArray::fromHex(keyHex.toLatin1()),
                                    secret("X-Twofold-Pskc-Password", u"password"_s) });
    } else if (format == u"csv") {
        tokens = AzureCsvReader::read(file);
    } else {
        return fail(call, 400, u"invalid"_s, u"\"format\" must be csv or pskc."_s,
                    { { u"field"_s, u"format"_s } });
    }
    if (!tokens)
        return fail(call, tokens.error());
    QJsonArray skipped;
    const auto addSkipped = [&skipped](const QList<SkippedToken> &list) {
        for (const SkippedToken &s : list)
            skipped.append(QJsonObject { { u"serial"_s, s.serial }, { u"reason"_s, s.reason } });
    };
    if (queryFlag(call, u"preview"_s)) {
        addSkipped(tokens->skipped);
        QJsonArray list;
        for (const OathToken &token : std::as_const(tokens->tokens)) {
            list.append(QJsonObject { { u"serial"_s, token.serial },
                                      { u"manufacturer"_s, token.manufacturer },
                                      { u"model"_s, token.model },
                                      { u"type"_s, otpTypeName(token.otp.type) },
                                      { u"digits"_s, token.otp.digits },
                                      { u"period"_s, token.otp.period },
                                      { u"user"_s, token.upn },
                                      { u"known"_s, !tokenJson(token.serial).isEmpty() } });
        }
        return reply(call, 200,
                     { { u"preview"_s, true }, { u"tokens"_s, list }, { u"skipped"_s, skipped } });
    }
    auto imported = m_server.enrollment().importTokens(*tokens, call.actor());
    if (!imported)
        return fail(call, imported.error());
    addSkipped(imported->skipped);
    reply(call, 200,
          { { u"imported"_s, QJsonArray::fromStringList(imported->imported) },
            { u"skipped"_s, skipped } });
}

void AdminApi::assignToken(AdminCall &call)
{
    auto in = body(call, { { u"user"_s, Kind::String, true } });
    if (!in)
        return;
    auto assigned = m_server.enrollment().assignToken(call.arg(0), in->value(u"user"_s).toString(),
                                                      call.actor());
    if (!assigned)
        return fail(call, assigned.error());
    reply(call, 200, tokenJson(call.arg(0)));
}

void AdminApi::activateToken(AdminCall &call)
{
    auto in = body(call, { { u"code"_s, Kind::String, true } });
    if (!in)
        return;
    auto activated = m_server.enrollment().activateToken(
        call.arg(0), in->value(u"code"_s).toString(), call.actor());
    if (!activated)
        return fail(call, activated.error());
    reply(call, 200, tokenJson(call.arg(0)));
}

void AdminApi::resyncToken(AdminCall &call)
{
    auto in
        = body(call, { { u"first"_s, Kind::String, true }, { u"second"_s, Kind::String, true } });
    if (!in)
        return;
    auto synced
        = m_server.enrollment().resyncToken(call.arg(0), in->value(u"first"_s).toString(),
                                            in->value(u"second"_s).toString(), call.actor());
    if (!synced)
        return fail(call, synced.error());
    reply(call, 200, tokenJson(call.arg(0)));
}

void AdminApi::unassignToken(AdminCall &call)
{
    if (!body(call, {}))
        return;
    auto unassigned = m_server.enrollment().unassignToken(call.arg(0), call.actor());
    if (!unassigned)
        return fail(call, unassigned.error());
    reply(call, 200, tokenJson(call.arg(0)));
}

// ---- outbox ----

void AdminApi::listOutbox(AdminCall &call)
{
    const auto limit = queryNumber(call, u"limit"_s, 50, 1, 1000);
    if (!limit)
        return;
    auto messages = m_server.outbox().messages(int(*limit));
    if (!messages)
        return fail(call, messages.error());
    reply(call, 200, { { u"messages"_s, *messages } });
}

void AdminApi::answerCall(AdminCall &call)
{
    auto in = body(call, { { u"keys"_s, Kind::String, true } });
    if (!in)
        return;
    auto answered
        = m_server.outbox().answer(call.arg(0), in->value(u"keys"_s).toString(), call.actor());
    if (!answered)
        return fail(call, answered.error());
    reply(call, 200, { { u"answered"_s, call.arg(0) } });
}

// ---- applications and admins ----

void AdminApi::listApps(AdminCall &call)
{
    auto apps = m_server.directory().applications();
    if (!apps)
        return fail(call, apps.error());
    QJsonArray list;
    for (const Application &app : std::as_const(*apps))
        list.append(QJsonObject {
            { u"ikey"_s, app.ikey }, { u"name"_s, app.name }, { u"created"_s, app.created } });
    reply(call, 200, { { u"apps"_s, list } });
}

void AdminApi::createApp(AdminCall &call)
{
    auto in = body(call, { { u"name"_s, Kind::String, true } });
    if (!in)
        return;
    auto created
        = m_server.directory().addApplication(in->value(u"name"_s).toString(), call.actor());
    if (!created)
        return fail(call, created.error());
    reply(call, 201,
          { { u"ikey"_s, created->app.ikey },
            { u"name"_s, created->app.name },
            { u"created"_s, created->app.created },
            { u"skey"_s, created->skey },
            { u"host"_s, QUrl(publicUrl(call)).authority() } });
}

void AdminApi::deleteApp(AdminCall &call)
{
    if (!body(call, {}))
        return;
    if (auto deleted = m_server.directory().deleteApplication(call.arg(0), call.actor()); !deleted)
        return fail(call, deleted.error());
    reply(call, 200, { { u"deleted"_s, call.arg(0) } });
}

void AdminApi::listAdmins(AdminCall &call)
{
    auto admins = m_server.directory().admins();
    if (!admins)
        return fail(call, admins.error());
    QJsonArray list;
    for (const Admin &admin : std::as_const(*admins))
        list.append(QJsonObject { { u"id"_s, admin.id },
                                  { u"username"_s, admin.username },
                                  { u"role"_s, roleName(admin.role) } });
    reply(call, 200, { { u"admins"_s, list } });
}

void AdminApi::createAdmin(AdminCall &call)
{
    auto in
        = body(call, { { u"username"_s, Kind::String, true }, { u"role"_s, Kind::String, true } });
    if (!in)
        return;
    auto role = roleFromName(in->value(u"role"_s).toString());
    if (!role)
        return fail(call, 400, u"invalid"_s, role.error().message, { { u"field"_s, u"role"_s } });
    auto created
        = m_server.directory().addAdmin(in->value(u"username"_s).toString(), *role, call.actor());
    if (!created)
        return fail(call, created.error());
    reply(call, 201,
          { { u"id"_s, created->admin.id },
            { u"username"_s, created->admin.username },
            { u"role"_s, roleName(created->admin.role) },
            { u"password"_s, created->password },
            { u"otpauth_uri"_s, created->otpauthUri },
            { u"qr_png"_s, pngBase64(created->otpauthUri) } });
}

// ---- policy ----

void AdminApi::showPolicy(AdminCall &call)
{
    reply(call, 200, m_server.directory().policy().toJson());
}

void AdminApi::changePolicy(AdminCall &call)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(call.request.body(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(call, 400, u"invalid"_s,
                    u"The body must be a JSON object of policy settings, such as "
                    u"{\"lockout_threshold\": 3}."_s);
    auto policy = m_server.directory().setPolicy(document.object(), call.actor());
    if (!policy) {
        // Policy::fromJson names the key first, in quotes: hand it to the GUI as the field.
        static const QRegularExpression quoted(u"^\"([^\"]+)\""_s);
        const auto match = quoted.match(policy.error().message);
        QJsonObject extra;
        if (match.hasMatch())
            extra[u"field"_s] = match.captured(1);
        return fail(call, 400, u"invalid"_s, policy.error().message, extra);
    }
    reply(call, 200, policy->toJson());
}

} // namespace

void HttpApi::addAdminRoutes()
{
    auto admin = std::make_shared<AdminApi>(*this, m_server);
    m_http.route(
        u"/admin/v1/<arg>"_s, QHttpServerRequest::Method::AnyKnown,
        [admin](const QUrl &, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            admin->dispatch(request, responder);
        });
}

} // namespace twofold::server
