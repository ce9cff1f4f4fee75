#include "admin/adminwindow.h"

#include "admin/applicationspage.h"
#include "admin/auditpage.h"
#include "admin/fraudpage.h"
#include "admin/outboxpage.h"
#include "admin/policypage.h"
#include "admin/tokenspage.h"
#include "admin/userspage.h"
#include "client/adminclient.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace twofold::ui {

AdminWindow::AdminWindow(client::AdminClient &client, const QJsonObject &whoAmI, const Clock &clock,
                         QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_session(whoAmI)
    , m_tabs(new QTabWidget(this))
    , m_users(new UsersPage(client, m_session, clock, this))
    , m_tokens(new TokensPage(client, m_session, this))
    , m_fraud(new FraudPage(client, m_session, this))
    , m_audit(new AuditPage(client, m_session, this))
    , m_outbox(new OutboxPage(client, m_session, this))
    , m_applications(new ApplicationsPage(client, m_session, this))
    , m_policy(new PolicyPage(client, m_session, this))
{
    setWindowTitle(tr("Twofold administration — %1").arg(client.server().toDisplayString()));
    // Alt+1…7 reach the tabs from anywhere; the mnemonics of their titles do too.
    m_tabs->addTab(m_users, tr("&Users"));
    m_tabs->addTab(m_tokens, tr("OATH &tokens"));
    m_tabs->addTab(m_fraud, tr("&Fraud alerts"));
    m_tabs->addTab(m_audit, tr("&Audit log"));
    m_tabs->addTab(m_outbox, tr("&Outbox"));
    m_tabs->addTab(m_applications, tr("A&pplications"));
    m_tabs->addTab(m_policy, tr("Po&licy"));
    const struct
    {
        QWidget *page;
        const char *action;
    } reads[] = { { m_users, "users.read" },   { m_tokens, "tokens.read" },
                  { m_fraud, "fraud.read" },   { m_audit, "audit.read" },
                  { m_outbox, "outbox.read" }, { m_applications, "apps.read" },
                  { m_policy, "policy.read" } };
    for (const auto &read : reads) {
        const int index = m_tabs->indexOf(read.page);
        if (!m_session.may(QString::fromLatin1(read.action))) {
            m_tabs->setTabEnabled(index, false);
            m_tabs->setTabToolTip(
                index, tr("Your role (%1) may not see this.").arg(m_session.roleTitle()));
        }
    }
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this, &AdminWindow::pageShown);

    connect(m_fraud, &FraudPage::alertArrived, this, [this](int count) {
        if (m_tabs->currentWidget() == m_fraud)
            return;
        m_newAlerts += count;
        m_tabs->setTabText(m_tabs->indexOf(m_fraud), tr("&Fraud alerts (%1 new)").arg(m_newAlerts));
    });

    QMenu *server = menuBar()->addMenu(tr("&Server"));
    QAction *signOut = server->addAction(tr("Sign &out"), this, &AdminWindow::signOutRequested);
    signOut->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_Q);
    server->addSeparator();
    QAction *quit = server->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    QMenu *go = menuBar()->addMenu(tr("&Go"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *action = go->addAction(m_tabs->tabText(i).remove(u'&'));
        action->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(i); });
    }

    auto *who = new QLabel(
        tr("Signed in to %1 as %2 · %3")
            .arg(client.server().toDisplayString(), m_session.username(), m_session.roleTitle()),
        this);
    who->setAccessibleName(tr("Signed-in server and role"));
    statusBar()->addPermanentWidget(who);
    resize(1180, 760);
    if (m_session.may(u"fraud.read"_s))
        m_fraud->refresh(); // the live list runs from the start, so the badge can count
    pageShown(m_tabs->currentIndex());
}

AdminWindow::~AdminWindow()
{
    m_fraud->stop();
}

void AdminWindow::pageShown(int index)
{
    QWidget *page = m_tabs->widget(index);
    if (page == m_users)
        m_users->refresh();
    else if (page == m_tokens)
        m_tokens->refresh();
    else if (page == m_fraud) {
        m_newAlerts = 0;
        m_tabs->setTabText(index, tr("&Fraud alerts"));
    } else if (page == m_audit)
        m_audit->refresh();
    else if (page == m_outbox)
        m_outbox->refresh();
    else if (page == m_applications)
        m_applications->refresh();
    else if (page == m_policy)
        m_policy->refresh();
}

} // namespace twofold::ui
