#pragma once

#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace twofold {
class Clock;
}

namespace twofold::server {

class Storage;

struct AuditEntry
{
    qint64 seq = 0;
    qint64 time = 0;
    QString actor; // "app:<ikey>", "admin:<name>", "device:<id>", "cli"
    QString action; // "auth", "preauth", "user.create", ...
    QString subject; // usually the username
    QString result; // "allow", "deny", "ok", "fail", ...
    QJsonObject details; // never a secret
};

struct AuditQuery
{
    QString subject;
    QString action;
    QString actor;
    qint64 from = 0; // Unix seconds; 0 for no bound
    qint64 to = 0;
    qint64 beforeSeq = 0; // paging: entries older than this; 0 for the newest
    int limit = 100;
};

// The append-only audit log. Each row's hash covers the previous row's hash and its own
// fields, so an edited, deleted or reordered row breaks the chain and verify() names it.
class AuditLog final
{
public:
    AuditLog(Storage &storage, const Clock &clock);

    // Appends inside the caller's transaction when there is one, so the entry commits with
    // the change it records.
    Result<void> append(const QString &actor, const QString &action, const QString &subject,
                        const QString &result, const QJsonObject &details = {});

    Result<QList<AuditEntry>> query(const AuditQuery &query) const;

    struct Verification
    {
        qint64 rows = 0;
        QString problem; // empty when the chain is intact
    };
    Result<Verification> verify() const;

    static QString csvHeader();
    static QString csvLine(const AuditEntry &entry);

private:
    static QString hashOf(const QString &previous, const AuditEntry &entry);

    Storage &m_storage;
    const Clock &m_clock;
};

} // namespace twofold::server
