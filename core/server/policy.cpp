#include "policy.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

struct IntSetting
{
    const char16_t *key;
    int Policy::*field;
    int min;
    int max;
};

const IntSetting intSettings[] = {
    { u"otp_window", &Policy::totpWindow, 0, 10 },
    { u"hotp_look_ahead", &Policy::hotpLookAhead, 0, 100 },
    { u"lockout_threshold", &Policy::lockoutThreshold, 1, 100 },
    { u"lockout_minutes", &Policy::lockoutMinutes, 1, 7 * 24 * 60 },
    { u"fraud_block_days", &Policy::fraudBlockDays, 1, 3650 },
    { u"push_timeout_seconds", &Policy::pushTimeoutSeconds, 15, 600 },
    { u"push_limit", &Policy::pushLimit, 1, 100 },
    { u"push_window_minutes", &Policy::pushWindowMinutes, 1, 24 * 60 },
    { u"bypass_lifetime_minutes", &Policy::bypassLifetimeMinutes, 1, 30 * 24 * 60 },
    { u"sms_code_lifetime_seconds", &Policy::smsCodeLifetimeSeconds, 60, 3600 },
};

QJsonArray methodArray(const QList<Method> &methods)
{
    QJsonArray array;
    for (Method m : methods)
        array.append(methodName(m));
    return array;
}

Result<QList<Method>> methodList(const QJsonValue &value, const QString &key)
{
    if (!value.isArray())
        return Error { ErrorCode::InvalidArgument,
                       u"\"%1\" must be a list of method names."_s.arg(key) };
    QList<Method> methods;
    for (const QJsonValue &item : value.toArray()) {
        auto method = methodFromName(item.toString());
        if (!method)
            return Error { ErrorCode::InvalidArgument,
                           u"\"%1\": %2"_s.arg(key, method.error().message) };
        if (!methods.contains(*method))
            methods.append(*method);
    }
    return methods;
}

} // namespace

QString methodName(Method method)
{
    switch (method) {
    case Method::AppCode:
        return u"app_code"_s;
    case Method::OathToken:
        return u"oath_token"_s;
    case Method::Push:
        return u"push"_s;
    case Method::Sms:
        return u"sms"_s;
    case Method::Voice:
        return u"voice"_s;
    }
    return {};
}

QList<Method> allMethods()
{
    return { Method::AppCode, Method::OathToken, Method::Push, Method::Sms, Method::Voice };
}

Result<Method> methodFromName(const QString &name)
{
    for (Method m : allMethods()) {
        if (methodName(m) == name)
            return m;
    }
    return Error { ErrorCode::InvalidArgument,
                   u"\"%1\" is not a method; use app_code, oath_token, push, sms or voice."_s.arg(
                       name) };
}

QList<Method> Policy::methodsFor(const QString &group) const
{
    const auto own = groupMethods.constFind(group);
    if (group.isEmpty() || own == groupMethods.cend())
        return allowedMethods;
    // A group can narrow the tenant's list, never widen it.
    QList<Method> methods;
    for (Method m : *own) {
        if (allowedMethods.contains(m))
            methods.append(m);
    }
    return methods;
}

QJsonObject Policy::toJson() const
{
    QJsonObject json;
    json[u"allowed_methods"_s] = methodArray(allowedMethods);
    QJsonObject groups;
    for (auto it = groupMethods.cbegin(); it != groupMethods.cend(); ++it)
        groups[it.key()] = methodArray(it.value());
    json[u"group_methods"_s] = groups;
    for (const IntSetting &s : intSettings)
        json[QString::fromUtf16(s.key)] = this->*s.field;
    json[u"fraud_auto_block"_s] = fraudAutoBlock;
    json[u"fraud_code"_s] = fraudCode;
    json[u"number_matching"_s] = numberMatching;
    return json;
}

Result<Policy> Policy::fromJson(const QJsonObject &json, const Policy &base)
{
    Policy policy = base;
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (key == u"allowed_methods") {
            auto methods = methodList(value, key);
            if (!methods)
                return methods.error();
            policy.allowedMethods = *methods;
        } else if (key == u"group_methods") {
            if (!value.isObject())
                return Error { ErrorCode::InvalidArgument,
                               u"\"group_methods\" must map group names to method lists."_s };
            policy.groupMethods.clear();
            const QJsonObject groups = value.toObject();
            for (auto g = groups.constBegin(); g != groups.constEnd(); ++g) {
                auto methods = methodList(g.value(), u"group_methods."_s + g.key());
                if (!methods)
                    return methods.error();
                policy.groupMethods.insert(g.key(), *methods);
            }
        } else if (key == u"fraud_auto_block" || key == u"number_matching") {
            if (!value.isBool())
                return Error { ErrorCode::InvalidArgument,
                               u"\"%1\" must be true or false."_s.arg(key) };
            (key == u"fraud_auto_block" ? policy.fraudAutoBlock : policy.numberMatching)
                = value.toBool();
        } else if (key == u"fraud_code") {
            const QString code = value.toString();
            // The keys of a phone keypad: ASCII digits, not whatever QChar::isDigit() accepts.
            if (code.isEmpty() || code.size() > 8
                || !std::all_of(code.begin(), code.end(),
                                [](QChar c) { return c >= u'0' && c <= u'9'; }))
                return Error { ErrorCode::InvalidArgument,
                               u"\"fraud_code\" must be 1 to 8 digits."_s };
            policy.fraudCode = code;
        } else {
            const auto setting
                = std::find_if(std::begin(intSettings), std::end(intSettings),
                               [&](const IntSetting &s) { return key == QStringView(s.key); });
            if (setting == std::end(intSettings))
                return Error { ErrorCode::InvalidArgument,
                               u"\"%1\" is not a policy setting."_s.arg(key) };
            // The range first: converting a double outside int's range to int is undefined.
            const double number = value.toDouble(-1);
            if (!value.isDouble() || number < setting->min || number > setting->max
                || number != std::floor(number)) {
                return Error { ErrorCode::InvalidArgument,
                               u"\"%1\" must be a whole number from %2 to %3."_s.arg(key)
                                   .arg(setting->min)
                                   .arg(setting->max) };
            }
            policy.*(setting->field) = int(number);
        }
    }
    return policy;
}

} // namespace twofold::server
