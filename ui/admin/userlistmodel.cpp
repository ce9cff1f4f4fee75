#include "admin/userlistmodel.h"

#include "client/adminclient.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

QString statusTitle(const QString &status)
{
    if (status == u"blocked")
        return UserListModel::tr("Blocked");
    if (status == u"locked")
        return UserListModel::tr("Locked out");
    return UserListModel::tr("Active");
}

} // namespace

UserListModel::UserListModel(client::AdminClient &client, QObject *parent)
    : JsonTableModel({ text(tr("Username"), u"username"_s),
                       text(tr("Email"), u"email"_s),
                       text(tr("Phone"), u"phone"_s),
                       text(tr("Group"), u"group"_s),
                       { tr("Status"),
                         [](const QJsonObject &row) -> QVariant {
                             return statusTitle(row.value(u"status"_s).toString());
                         } },
                       time(tr("Created"), u"created"_s) },
                     parent)
    , m_client(client)
{
}

void UserListModel::setFilter(const Filter &filter)
{
    m_filter = filter;
    if (QPointer<client::AdminReply> old = std::exchange(m_pending, nullptr))
        old->abort(); // its answer is ignored: it is no longer the pending one
    m_started = true;
    m_next.clear();
    setRows({});
    fetch({});
}

bool UserListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_next.isEmpty() && !m_pending;
}

void UserListModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        fetch(m_next);
}

void UserListModel::fetch(const QString &after)
{
    QUrlQuery query;
    const auto add = [&query](const QString &key, const QString &value) {
        if (!value.isEmpty())
            query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add(u"search"_s, m_filter.search);
    add(u"status"_s, m_filter.status);
    add(u"method"_s, m_filter.method);
    add(u"group"_s, m_filter.group);
    add(u"after"_s, after);
    query.addQueryItem(u"limit"_s, QString::number(m_pageSize));
    client::AdminReply *reply = m_client.get(u"users"_s, query);
    m_pending = reply;
    connect(reply, &client::AdminReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (m_pending != reply)
            return; // superseded by a new filter
        m_pending = nullptr;
        if (!reply->isOk())
            return emit failed(reply->error()->message);
        m_total = reply->json().value(u"total"_s).toInteger();
        m_next = reply->json().value(u"next"_s).toString();
        appendRows(objectsOf(reply->json().value(u"users"_s)));
        emit loaded();
    });
}

} // namespace twofold::ui
