#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

#include <functional>

class QTableView;

namespace twofold::ui {

// Rows of JSON objects from the admin API, shown in columns. Each column says how to show a row;
// the whole object stays reachable through rowObject() and Qt::UserRole.
class JsonTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTableModel)

public:
    struct Column
    {
        QString title;
        std::function<QVariant(const QJsonObject &)> display;
    };

    explicit JsonTableModel(QList<Column> columns, QObject *parent = nullptr);

    void setRows(QList<QJsonObject> rows);
    void appendRows(const QList<QJsonObject> &rows);
    void prependRows(const QList<QJsonObject> &rows);
    const QJsonObject &rowObject(int row) const { return m_rows.at(row); }
    const QList<QJsonObject> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // A column that shows one key as text.
    static Column text(const QString &title, const QString &key);
    // A column that shows a Unix time key in the local time zone; empty when 0 or missing.
    static Column time(const QString &title, const QString &key);
    static QString localTime(qint64 unixTime);

private:
    QList<Column> m_columns;
    QList<QJsonObject> m_rows;
};

// The "users", "tokens"… array of an answer as rows.
QList<QJsonObject> objectsOf(const QJsonValue &array);

// A read-only list of whole rows, one selected at a time: how the console's pages show a model.
void setUpTable(QTableView *view, QAbstractItemModel *model, const QString &accessibleName);

} // namespace twofold::ui
