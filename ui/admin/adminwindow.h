#pragma once

#include "admin/adminsession.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace twofold {
class Clock;
namespace client {
class AdminClient;
}
} // namespace twofold

namespace twofold::ui {

class ApplicationsPage;
class AuditPage;
class FraudPage;
class OutboxPage;
class PolicyPage;
class TokensPage;
class UsersPage;

// The admin console once signed in: users, OATH tokens, fraud alerts, audit log, outbox,
// applications and policy, each a tab; the status bar names the server and the signed-in role.
class AdminWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminWindow)

public:
    AdminWindow(client::AdminClient &client, const QJsonObject &whoAmI, const Clock &clock,
                QWidget *parent = nullptr);
    ~AdminWindow() override;

    const AdminSession &session() const { return m_session; }
    QTabWidget *tabs() const { return m_tabs; }
    UsersPage *usersPage() const { return m_users; }
    TokensPage *tokensPage() const { return m_tokens; }
    FraudPage *fraudPage() const { return m_fraud; }
    AuditPage *auditPage() const { return m_audit; }
    OutboxPage *outboxPage() const { return m_outbox; }
    ApplicationsPage *applicationsPage() const { return m_applications; }
    PolicyPage *policyPage() const { return m_policy; }

signals:
    void signOutRequested();

private:
    void pageShown(int index);

    client::AdminClient &m_client;
    AdminSession m_session;
    QTabWidget *m_tabs;
    UsersPage *m_users;
    TokensPage *m_tokens;
    FraudPage *m_fraud;
    AuditPage *m_audit;
    OutboxPage *m_outbox;
    ApplicationsPage *m_applications;
    PolicyPage *m_policy;
    int m_newAlerts = 0;
};

} // namespace twofold::ui
