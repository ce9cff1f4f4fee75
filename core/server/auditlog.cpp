#include "auditlog.h"

#include "clock.h"
#include "storage.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString csvField(QString text)
{
    // Quoted always; a leading = + - @ (or tab or carriage return, which spreadsheets skip
    // before a formula) is defused so a spreadsheet does not run it.
    if (!text.isEmpty() && QStringView(u"=+-@\t\r").contains(text.front()))
        text.prepend(u'\'');
    return u'"' + text.replace(u'"', u"\"\""_s) + u'"';
}

} // namespace

AuditLog::AuditLog(Storage &storage, const Clock &clock)
    : m_storage(storage)
    , m_clock(clock)
{
}

QString AuditLog::hashOf(const QString &previous, const AuditEntry &e)
{
    // Fields are length-prefixed, so no two different rows hash the same input.
    QByteArray input;
    for (const QString &field :
         { previous, QString::number(e.seq), QString::number(e.time), e.actor, e.action, e.subject,
           e.result, compactJson(e.details) }) {
        const QByteArray bytes = field.toUtf8();
        input += QByteArray::number(bytes.size()) + ':' + bytes;
    }
    return QString::fromLatin1(QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex());
}

Result<void> AuditLog::append(const QString &actor, const QString &action, const QString &subject,
                              const QString &result, const QJsonObject &details)
{
    return m_storage.transaction([&]() -> Result<void> {
        // FOR UPDATE orders appends between PostgreSQL processes; SQLite's write lock already does.
        auto head = m_storage.exec(
            m_storage.isPostgres() ? u"SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE"_s
                                   : u"SELECT seq, hash FROM audit_head WHERE id = 1"_s);
        if (!head)
            return head.error();
        if (!(*head)->next())
            return Error { ErrorCode::Database, u"The audit log's head row is missing."_s };
        const qint64 seq = (*head)->value(0).toLongLong() + 1;
        const QString previous = (*head)->value(1).toString();
        (*head)->finish();

        AuditEntry entry { seq,    m_clock.currentSecsSinceEpoch(), actor, action, subject, result,
                           details };
        const QString hash = hashOf(previous, entry);
        auto inserted = m_storage.exec(
            u"INSERT INTO audit (seq, time, actor, action, subject, result, details, prev, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            { seq, entry.time, actor, action, subject, result, compactJson(details), previous,
              hash });
        if (!inserted)
            return inserted.error();
        auto moved = m_storage.exec(u"UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"_s,
                                    { seq, hash });
        if (!moved)
            return moved.error();
        return {};
    });
}

Result<QList<AuditEntry>> AuditLog::query(const AuditQuery &q) const
{
    QString sql
        = u"SELECT seq, time, actor, action, subject, result, details FROM audit WHERE 1 = 1"_s;
    QVariantList args;
    const auto where = [&](const QString &clause, const QVariant &value) {
        sql += u" AND "_s + clause;
        args.append(value);
    };
    if (!q.subject.isEmpty())
        where(u"subject = ?"_s, q.subject);
    if (!q.action.isEmpty())
        where(u"action = ?"_s, q.action);
    if (!q.actor.isEmpty())
        where(u"actor = ?"_s, q.actor);
    if (q.from > 0)
        where(u"time >= ?"_s, q.from);
    if (q.to > 0)
        where(u"time <= ?"_s, q.to);
    if (q.beforeSeq > 0)
        where(u"seq < ?"_s, q.beforeSeq);
    sql += u" ORDER BY seq DESC LIMIT ?"_s;
    args.append(std::clamp(q.limit, 1, 10000));
    auto rows = m_storage.exec(sql, args);
    if (!rows)
        return rows.error();
    QList<AuditEntry> entries;
    while ((*rows)->next()) {
        const QSqlQuery &r = **rows;
        entries.append({ r.value(0).toLongLong(), r.value(1).toLongLong(), r.value(2).toString(),
                         r.value(3).toString(), r.value(4).toString(), r.value(5).toString(),
                         QJsonDocument::fromJson(r.value(6).toString().toUtf8()).object() });
    }
    (*rows)->finish();
    return entries;
}

Result<AuditLog::Verification> AuditLog::verify() const
{
    auto all
        = m_storage.exec(u"SELECT seq, time, actor, action, subject, result, details, prev, hash "
                         "FROM audit ORDER BY seq"_s);
    if (!all)
        return all.error();
    Verification v;
    QString previous;
    qint64 expectedSeq = 1;
    while ((*all)->next()) {
        const QSqlQuery &r = **all;
        AuditEntry e { r.value(0).toLongLong(),
                       r.value(1).toLongLong(),
                       r.value(2).toString(),
                       r.value(3).toString(),
                       r.value(4).toString(),
                       r.value(5).toString(),
                       QJsonDocument::fromJson(r.value(6).toString().toUtf8()).object() };
        const QString storedPrev = r.value(7).toString();
        const QString storedHash = r.value(8).toString();
        ++v.rows;
        if (v.problem.isEmpty()) {
            if (e.seq != expectedSeq)
                v.problem
                    = u"Entry %1 is missing: the next entry is %2."_s.arg(expectedSeq).arg(e.seq);
            else if (storedPrev != previous)
                v.problem
                    = u"Entry %1 does not follow entry %2: entries were removed or reordered."_s
                          .arg(e.seq)
                          .arg(e.seq - 1);
            else if (hashOf(previous, e) != storedHash)
                v.problem = u"Entry %1 was changed after it was written."_s.arg(e.seq);
        }
        previous = storedHash;
        expectedSeq = e.seq + 1;
    }
    (*all)->finish();
    if (v.problem.isEmpty()) {
        auto head = m_storage.exec(u"SELECT seq, hash FROM audit_head WHERE id = 1"_s);
        if (!head)
            return head.error();
        if ((*head)->next()
            && ((*head)->value(0).toLongLong() != expectedSeq - 1
                || (*head)->value(1).toString() != previous)) {
            v.problem
                = u"The newest entries were removed: the log ends at entry %1, but entry %2 was written."_s
                      .arg(expectedSeq - 1)
                      .arg((*head)->value(0).toLongLong());
        }
        (*head)->finish();
    }
    return v;
}

QString AuditLog::csvHeader()
{
    return u"seq,time,actor,action,subject,result,details\r\n"_s;
}

QString AuditLog::csvLine(const AuditEntry &e)
{
    const QString time = QDateTime::fromSecsSinceEpoch(e.time, Qt::UTC).toString(Qt::ISODate);
    return QStringList { QString::number(e.seq),
                         time,
                         csvField(e.actor),
                         csvField(e.action),
                         csvField(e.subject),
                         csvField(e.result),
                         csvField(compactJson(e.details)) }
               .join(u',')
        + u"\r\n"_s;
}

} // namespace twofold::server
