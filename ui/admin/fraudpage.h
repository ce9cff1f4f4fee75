#pragma once

#include <QPointer>
#include <QSet>
#include <QWidget>

class QPushButton;
class QTableView;
class QTimer;

namespace twofold {
struct Error;
namespace client {
class AdminClient;
class AdminReply;
} // namespace client
} // namespace twofold

namespace twofold::ui {

class AdminSession;
class JsonTableModel;
class StatusLabel;

// Fraud alerts as they come: the newest first, followed by a long poll of the server that is
// re-armed after every answer until stop(). The selected alert's user can be unblocked.
class FraudPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FraudPage)

public:
    FraudPage(client::AdminClient &client, const AdminSession &session, QWidget *parent = nullptr);
    ~FraudPage() override;

    // Reloads the list and starts following new alerts (if stopped). The window calls it at
    // sign-in rather than when the page shows, so that alerts arrive while other pages show.
    void refresh();
    void stop(); // ends following: aborts the pending long poll (on sign-out)
    bool isFollowing() const { return !m_stopped; }
    void unblock(const QString &username);

    QTableView *table() const { return m_table; }
    QString status() const;

signals:
    void alertArrived(int count); // new alerts since the list was loaded

private:
    void poll();
    void polled(const QJsonObject &answer);
    void pollFailed(const Error &error);
    void unblockSelected();
    void updateButtons();

    client::AdminClient &m_client;
    const AdminSession &m_session;
    JsonTableModel *m_model;
    QTableView *m_table;
    QPushButton *m_unblock;
    StatusLabel *m_status;
    QTimer *m_retry; // after a failed poll: once, 5 s later
    QPointer<client::AdminReply> m_poll;
    QSet<QString> m_seen; // alert ids in the list: a poll repeats those at the cursor's time
    QString m_next; // the server's cursor; empty until the first list came
    bool m_stopped = true;
    int m_generation = 0; // a refresh makes older answers stale
};

} // namespace twofold::ui
