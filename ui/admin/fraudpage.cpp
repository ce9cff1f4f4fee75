#include "admin/fraudpage.h"

#include "admin/adminsession.h"
#include "admin/jsontablemodel.h"
#include "admin/statuslabel.h"
#include "client/adminclient.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

constexpr int listLimit = 200;
constexpr int pollTimeoutMs = 35'000; // longer than the server holds a long poll
constexpr int retryMs = 5'000;

} // namespace

FraudPage::FraudPage(client::AdminClient &client, const AdminSession &session, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_session(session)
    , m_model(new JsonTableModel({ JsonTableModel::time(tr("Time"), u"created"_s),
                                   JsonTableModel::text(tr("User"), u"username"_s),
                                   JsonTableModel::text(tr("Application or source"), u"source"_s),
                                   JsonTableModel::text(tr("IP address"), u"ip"_s),
                                   JsonTableModel::text(tr("Transaction"), u"txid"_s),
                                   { tr("Resolved"),
                                     [](const QJsonObject &alert) -> QVariant {
                                         const qint64 resolved
                                             = alert.value(u"resolved"_s).toInteger();
                                         return resolved > 0 ? JsonTableModel::localTime(resolved)
                                                             : tr("No");
                                     } } },
                                 this))
    , m_table(new QTableView(this))
    , m_unblock(new QPushButton(tr("&Unblock user"), this))
    , m_status(new StatusLabel(this))
    , m_retry(new QTimer(this))
{
    setUpTable(m_table, m_model, tr("Fraud alerts, newest first"));
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FraudPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &FraudPage::updateButtons);
    connect(m_unblock, &QPushButton::clicked, this, &FraudPage::unblockSelected);

    m_retry->setSingleShot(true);
    m_retry->setInterval(retryMs);
    connect(m_retry, &QTimer::timeout, this, [this] {
        // Without a cursor the first list never came: start over with it.
        if (m_next.isEmpty())
            refresh();
        else
            poll();
    });

    auto *actions = new QHBoxLayout;
    actions->addStretch();
    actions->addWidget(m_unblock);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addLayout(actions);
    updateButtons();
}

FraudPage::~FraudPage()
{
    stop();
}

QString FraudPage::status() const
{
    return m_status->text();
}

void FraudPage::refresh()
{
    m_stopped = false;
    m_retry->stop();
    const int generation = ++m_generation;
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, QString::number(listLimit));
    m_client.get(u"fraud"_s, query)
        ->then(
            this,
            [this, generation](const QJsonObject &answer) {
                if (m_stopped || generation != m_generation)
                    return;
                QList<QJsonObject> alerts = objectsOf(answer.value(u"alerts"_s));
                m_seen.clear();
                for (const QJsonObject &alert : std::as_const(alerts))
                    m_seen.insert(alert.value(u"id"_s).toString());
                m_model->setRows(std::move(alerts));
                m_status->showInfo(m_model->rowCount() == 0
                                       ? tr("No fraud alert so far. New alerts appear here as "
                                            "users report them.")
                                       : tr("New alerts appear at the top as users report "
                                            "them. Unblock a user once you have checked with "
                                            "them that they are safe."));
                m_next = answer.value(u"next"_s).toString();
                if (!m_poll) // a poll still pending carries on with its own cursor
                    poll();
            },
            [this, generation](const Error &error) {
                if (m_stopped || generation != m_generation)
                    return;
                pollFailed(error);
            });
}

void FraudPage::stop()
{
    m_stopped = true;
    ++m_generation;
    m_retry->stop();
    if (m_poll) {
        client::AdminReply *reply = m_poll;
        m_poll = nullptr;
        reply->disconnect(this); // its answer must not re-arm the poll
        reply->abort();
        reply->deleteLater();
    }
}

void FraudPage::poll()
{
    if (m_stopped || m_poll)
        return;
    QUrlQuery query;
    query.addQueryItem(u"wait"_s, u"true"_s); // a flag: the server decides how long it waits
    if (!m_next.isEmpty())
        query.addQueryItem(u"after"_s, m_next);
    query.addQueryItem(u"limit"_s, QString::number(listLimit));
    m_poll = m_client.get(u"fraud"_s, query, pollTimeoutMs);
    m_poll->then(
        this,
        [this](const QJsonObject &answer) {
            m_poll = nullptr;
            polled(answer);
        },
        [this](const Error &error) {
            m_poll = nullptr;
            pollFailed(error);
        });
}

void FraudPage::polled(const QJsonObject &answer)
{
    if (m_stopped)
        return;
    QList<QJsonObject> fresh;
    for (const QJsonObject &alert : objectsOf(answer.value(u"alerts"_s))) {
        const QString id = alert.value(u"id"_s).toString();
        if (!m_seen.contains(id)) {
            m_seen.insert(id);
            fresh.append(alert);
        }
    }
    if (!fresh.isEmpty()) {
        m_model->prependRows(fresh);
        m_status->showInfo(tr("%n new alert(s) at the top.", nullptr, int(fresh.size())));
        emit alertArrived(int(fresh.size()));
    }
    const QString next = answer.value(u"next"_s).toString();
    if (!next.isEmpty())
        m_next = next;
    poll();
}

void FraudPage::pollFailed(const Error &error)
{
    if (m_stopped)
        return;
    // Retrying cannot help when the session or the role is the problem.
    if (error.code == ErrorCode::NotAuthenticated || error.code == ErrorCode::PermissionDenied) {
        m_status->showError(error.message);
        return stop();
    }
    m_status->showError(
        tr("New alerts cannot be followed: %1 Trying again in a few seconds.").arg(error.message));
    m_retry->start();
}

void FraudPage::updateButtons()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const bool hasUser = !rows.isEmpty()
        && !m_model->rowObject(rows.first().row()).value(u"username"_s).toString().isEmpty();
    m_session.guard(m_unblock, u"users.block"_s, hasUser);
}

void FraudPage::unblockSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        unblock(m_model->rowObject(rows.first().row()).value(u"username"_s).toString());
}

void FraudPage::unblock(const QString &username)
{
    if (username.isEmpty())
        return;
    m_client
        .send("POST"_ba, u"users/"_s + client::AdminClient::argument(username) + u"/unblock"_s, {})
        ->then(
            this,
            [this, username](const QJsonObject &) {
                m_status->showInfo(tr("%1 is unblocked and can sign in again.").arg(username));
            },
            [this](const Error &error) { m_status->showError(error.message); });
}

} // namespace twofold::ui
