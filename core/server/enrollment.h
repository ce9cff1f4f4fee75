#pragma once

#include "context.h"
#include "directory.h"
#include "server/tokens/oathtoken.h"

#include <QJsonArray>
#include <QJsonObject>

namespace twofold::server {

struct AppCodeEnrollment
{
    QString methodId;
    QString secretBase32; // shown once, for typing in by hand
    QString otpauthUri;
    QByteArray qrPng;
};

struct TokenImport
{
    QStringList imported; // serials
    QList<SkippedToken> skipped; // with the reader's reasons, and serials already known
};

struct TokenInfo
{
    QString serial, manufacturer, model, type, user, state; // state: unassigned, assigned, active
    int digits = 6;
    qint64 period = 30;
    QJsonObject toJson() const;
};

// Enrolling users' methods: app codes, OATH tokens, bypass codes and push activation codes.
class Enrollment final
{
public:
    Enrollment(Context &context, Directory &directory);

    // A new TOTP seed for the user's authenticator app; pending until confirmAppCode().
    Result<AppCodeEnrollment> enrollAppCode(const QString &user, const QString &issuer,
                                            const QString &actor);
    Result<void> confirmAppCode(const QString &user, const QString &code, const QString &actor);

    Result<TokenImport> importTokens(const TokenFile &file, const QString &actor);
    Result<QList<TokenInfo>> tokens(const QString &serialPrefix, bool unassignedOnly,
                                    int limit) const;
    Result<void> assignToken(const QString &serial, const QString &user, const QString &actor);
    // The first valid code from the token makes it a method the user can sign in with.
    Result<void> activateToken(const QString &serial, const QString &code, const QString &actor);
    Result<void> resyncToken(const QString &serial, const QString &first, const QString &second,
                             const QString &actor);
    Result<void> unassignToken(const QString &serial, const QString &actor);

    // One-time bypass codes: 9 digits, valid for the policy's lifetime.
    Result<QStringList> createBypassCodes(const QString &user, int count, const QString &actor);

    // A one-time code for a push device's activation (10 minutes).
    Result<QString> createActivation(const QString &user, const QString &actor);
    static constexpr qint64 activationSeconds = 600;

    // The user's methods, devices and tokens, for the details panel and preauth.
    Result<QJsonArray> methods(const QString &user) const;
    Result<void> removeMethod(const QString &user, const QString &methodId, const QString &actor);

private:
    Context &m_context;
    Directory &m_directory;
};

} // namespace twofold::server
