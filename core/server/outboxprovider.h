#pragma once

#include "context.h"
#include "providers/telephonyprovider.h"

#include <QJsonArray>

namespace twofold::server {

// The default provider: messages and calls are recorded in the database, where the helpdesk
// reads them (admin mode, twofold-cli) and answers a call's keypad. Nothing leaves the server.
class OutboxProvider final : public TelephonyProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxProvider)

public:
    explicit OutboxProvider(Context &context, QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("outbox"); }
    void sendText(const TextMessage &message) override;
    void placeCall(const PhoneCall &call) override;

    // The helpdesk presses keys on a recorded call ("#", "1234#", "0#").
    Result<void> answer(const QString &callId, const QString &keys, const QString &actor);
    Result<QJsonArray> messages(int limit) const;

private:
    Context &m_context;
};

} // namespace twofold::server
