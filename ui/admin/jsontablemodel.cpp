#include "admin/jsontablemodel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QLocale>
#include <QTableView>

namespace twofold::ui {

QList<QJsonObject> objectsOf(const QJsonValue &array)
{
    QList<QJsonObject> rows;
    for (const QJsonValue &value : array.toArray())
        rows.append(value.toObject());
    return rows;
}

void setUpTable(QTableView *view, QAbstractItemModel *model, const QString &accessibleName)
{
    view->setModel(model);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
}

JsonTableModel::JsonTableModel(QList<Column> columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns(std::move(columns))
{
}

void JsonTableModel::setRows(QList<QJsonObject> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void JsonTableModel::appendRows(const QList<QJsonObject> &rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows += rows;
    endInsertRows();
}

void JsonTableModel::prependRows(const QList<QJsonObject> &rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, 0, int(rows.size() - 1));
    m_rows = rows + m_rows;
    endInsertRows();
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JsonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
        return m_columns.at(index.column()).display(m_rows.at(index.row()));
    if (role == Qt::UserRole)
        return m_rows.at(index.row());
    return {};
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
        return m_columns.at(section).title;
    return QAbstractTableModel::headerData(section, orientation, role);
}

JsonTableModel::Column JsonTableModel::text(const QString &title, const QString &key)
{
    return { title, [key](const QJsonObject &row) -> QVariant {
                const QJsonValue value = row.value(key);
                return value.isDouble() ? QVariant(value.toInteger()) : value.toVariant();
            } };
}

JsonTableModel::Column JsonTableModel::time(const QString &title, const QString &key)
{
    return { title, [key](const QJsonObject &row) -> QVariant {
                return localTime(row.value(key).toInteger());
            } };
}

QString JsonTableModel::localTime(qint64 unixTime)
{
    if (unixTime <= 0)
        return {};
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(unixTime), QLocale::ShortFormat);
}

} // namespace twofold::ui
