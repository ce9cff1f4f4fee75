#pragma once

#include <QSortFilterProxyModel>

namespace twofold::ui {

// Search, group filter and sort order over AccountListModel; pinned accounts come first.
class AccountFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class SortMode { Name, Issuer, MostUsed };

    explicit AccountFilterModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    void setGroup(const QString &group); // empty: all groups
    QString group() const { return m_group; }
    void setSortMode(SortMode mode);
    SortMode sortMode() const { return m_mode; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_search;
    QString m_group;
    SortMode m_mode = SortMode::Name;
};

} // namespace twofold::ui
