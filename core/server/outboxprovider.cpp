#include "outboxprovider.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace twofold::server {

OutboxProvider::OutboxProvider(Context &context, QObject *parent)
    : TelephonyProvider(parent)
    , m_context(context)
{
}

void OutboxProvider::sendText(const TextMessage &message)
{
    auto stored = m_context.storage.exec(
        u"INSERT INTO outbox (id, kind, recipient, body, status, created) VALUES (?, 'sms', ?, ?, 'delivered', ?)"_s,
        { message.id, message.to, message.body, m_context.now() });
    if (stored)
        emit textSent(message.id);
    else
        emit textFailed(message.id, u"The outbox could not record the message."_s);
}

void OutboxProvider::placeCall(const PhoneCall &call)
{
    auto stored = m_context.storage.exec(
        u"INSERT INTO outbox (id, kind, recipient, body, txid, status, created) VALUES (?, 'call', ?, ?, ?, 'ringing', ?)"_s,
        { call.id, call.to, call.greeting, call.id, m_context.now() });
    if (!stored)
        emit callFailed(call.id, u"The outbox could not record the call."_s);
}

Result<void> OutboxProvider::answer(const QString &callId, const QString &keys,
                                    const QString &actor)
{
    if (!isKeypadAnswer(keys) || keys.isEmpty())
        return Error { ErrorCode::InvalidArgument,
                       u"Keys are digits, * and #, such as \"#\" or \"1234#\"."_s };
    auto changed = m_context.storage.change(
        u"UPDATE outbox SET status = 'answered', keys = ? WHERE id = ? AND kind = 'call' AND status = 'ringing'"_s,
        { QString(keys.size(), u'*'), callId });
    if (!changed)
        return changed.error();
    if (*changed == 0)
        return Error { ErrorCode::NotFound,
                       u"There is no ringing call %1 in the outbox."_s.arg(callId) };
    // The keys may be a PIN: the audit log and the outbox keep only their count.
    static_cast<void>(m_context.audit.append(actor, u"outbox.answer"_s, callId, u"ok"_s));
    emit callAnswered(callId, keys);
    return {};
}

Result<QJsonArray> OutboxProvider::messages(int limit) const
{
    auto rows = m_context.storage.exec(
        u"SELECT id, kind, recipient, body, txid, status, keys, created FROM outbox ORDER BY created DESC, id LIMIT ?"_s,
        { std::clamp(limit, 1, 1000) });
    if (!rows)
        return rows.error();
    QJsonArray list;
    while ((*rows)->next()) {
        const QSqlQuery &r = **rows;
        list.append(QJsonObject { { u"id"_s, r.value(0).toString() },
                                  { u"kind"_s, r.value(1).toString() },
                                  { u"to"_s, r.value(2).toString() },
                                  { u"body"_s, r.value(3).toString() },
                                  { u"txid"_s, r.value(4).toString() },
                                  { u"status"_s, r.value(5).toString() },
                                  { u"keys"_s, r.value(6).toString() },
                                  { u"created"_s, r.value(7).toLongLong() } });
    }
    (*rows)->finish();
    return list;
}

} // namespace twofold::server
