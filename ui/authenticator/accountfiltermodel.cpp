#include "authenticator/accountfiltermodel.h"

#include "authenticator/accountlistmodel.h"

namespace twofold::ui {

AccountFilterModel::AccountFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    // Code ticks change other roles only, so they never re-sort or re-filter.
    setSortRole(Qt::DisplayRole);
    setFilterRole(Qt::DisplayRole);
    sort(0);
}

void AccountFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateFilter();
}

void AccountFilterModel::setGroup(const QString &group)
{
    if (group == m_group)
        return;
    m_group = group;
    invalidateFilter();
}

void AccountFilterModel::setSortMode(SortMode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    invalidate();
}

bool AccountFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString group = i.data(AccountListModel::GroupRole).toString();
    if (!m_group.isEmpty() && group != m_group)
        return false;
    if (m_search.isEmpty())
        return true;
    // Every word must appear in the issuer, the account name or the group.
    const QString haystack = i.data(AccountListModel::IssuerRole).toString() + u'\n'
        + i.data(AccountListModel::NameRole).toString() + u'\n' + group;
    const QStringList words = m_search.split(u' ', Qt::SkipEmptyParts);
    return std::all_of(words.cbegin(), words.cend(),
                       [&](const QString &w) { return haystack.contains(w, Qt::CaseInsensitive); });
}

bool AccountFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool lp = left.data(AccountListModel::PinnedRole).toBool();
    const bool rp = right.data(AccountListModel::PinnedRole).toBool();
    if (lp != rp)
        return lp;

    const auto text = [](const QModelIndex &i, int role) { return i.data(role).toString(); };
    const auto compare = [](const QString &a, const QString &b) {
        return QString::localeAwareCompare(a.toCaseFolded(), b.toCaseFolded());
    };
    int order = 0;
    switch (m_mode) {
    case SortMode::MostUsed: {
        const int lu = left.data(AccountListModel::UseCountRole).toInt();
        const int ru = right.data(AccountListModel::UseCountRole).toInt();
        if (lu != ru)
            return lu > ru;
        order = compare(text(left, AccountListModel::IssuerRole),
                        text(right, AccountListModel::IssuerRole));
        break;
    }
    case SortMode::Issuer:
        order = compare(text(left, AccountListModel::IssuerRole),
                        text(right, AccountListModel::IssuerRole));
        if (order == 0)
            order = compare(text(left, AccountListModel::NameRole),
                            text(right, AccountListModel::NameRole));
        break;
    case SortMode::Name:
        order = compare(text(left, AccountListModel::NameRole),
                        text(right, AccountListModel::NameRole));
        if (order == 0)
            order = compare(text(left, AccountListModel::IssuerRole),
                            text(right, AccountListModel::IssuerRole));
        break;
    }
    if (order != 0)
        return order < 0;
    return left.row() < right.row(); // stable for equal names
}

} // namespace twofold::ui
