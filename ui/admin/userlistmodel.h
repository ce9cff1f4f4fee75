#pragma once

#include "admin/jsontablemodel.h"
#include "client/adminclient.h"

#include <QPointer>
#include <QUrlQuery>

namespace twofold::ui {

// The users of the server, fetched a page at a time as the view scrolls (GET /admin/v1/users
// with the "next" cursor), so that 100,000 users cost only what is on screen.
class UserListModel final : public JsonTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserListModel)

public:
    struct Filter
    {
        QString search; // a username prefix
        QString status; // "", active, blocked, locked
        QString method; // "", app_code, oath_token, push, sms, voice
        QString group;
    };

    explicit UserListModel(client::AdminClient &client, QObject *parent = nullptr);

    void setFilter(const Filter &filter); // starts again from the first page
    void reload() { setFilter(m_filter); }
    qint64 total() const { return m_total; } // matching users on the server
    bool isLoading() const { return m_pending; }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int size) { m_pageSize = size; }

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loaded(); // a page arrived
    void failed(const QString &message);

private:
    void fetch(const QString &after);

    client::AdminClient &m_client;
    Filter m_filter;
    QString m_next; // the cursor of the next page; empty at the end
    bool m_started = false;
    qint64 m_total = 0;
    int m_pageSize = 200;
    QPointer<client::AdminReply> m_pending;
};

} // namespace twofold::ui
