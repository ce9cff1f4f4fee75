#pragma once

#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace twofold::server {

// The five verification methods an organisation can allow.
enum class Method { AppCode, OathToken, Push, Sms, Voice };
QString methodName(Method method); // "app_code", "oath_token", "push", "sms", "voice"
Result<Method> methodFromName(const QString &name);
QList<Method> allMethods();

// What administrators decide; stored as JSON in the settings table. The defaults follow RFC 6238
// section 6 (±1 step) and Azure MFA's (fraud block 90 days).
struct Policy
{
    QList<Method> allowedMethods = allMethods();
    QHash<QString, QList<Method>> groupMethods; // a group's own list replaces the tenant's

    int totpWindow = 1; // steps either side of now
    int hotpLookAhead = 10; // counters beyond the expected one
    int lockoutThreshold = 5; // failures in a row
    int lockoutMinutes = 15;

    bool fraudAutoBlock = true;
    int fraudBlockDays = 90;
    QString fraudCode = QStringLiteral("0"); // keys before # on a call that report fraud

    bool numberMatching = true;
    int pushTimeoutSeconds = 60;
    int pushLimit = 5; // pushes per user in the window (MFA fatigue)
    int pushWindowMinutes = 10;

    int bypassLifetimeMinutes = 60;
    int smsCodeLifetimeSeconds = 300;

    QList<Method> methodsFor(const QString &group) const;
    bool allows(Method method, const QString &group) const
    {
        return methodsFor(group).contains(method);
    }

    QJsonObject toJson() const;
    // Unknown keys and out-of-range values are errors that name the key.
    static Result<Policy> fromJson(const QJsonObject &json, const Policy &base);
};

} // namespace twofold::server
