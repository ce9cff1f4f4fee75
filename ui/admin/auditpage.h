#pragma once

#include <QUrlQuery>
#include <QWidget>

class QCheckBox;
class QDateTimeEdit;
class QLineEdit;
class QPushButton;
class QTableView;

namespace twofold::client {
class AdminClient;
}

namespace twofold::ui {

class AdminSession;
class JsonTableModel;
class StatusLabel;

// The audit log: searched by subject, action, actor and time, a page at a time ("Load older");
// its hash chain verified on the server; the same search exported as CSV.
class AuditPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditPage)

public:
    AuditPage(client::AdminClient &client, const AdminSession &session, QWidget *parent = nullptr);

    void refresh(); // runs the search with the filters as they are
    void search();
    void loadOlder();
    void verifyChain();
    void exportCsv(const QString &path); // the current filters' entries, all of them

    void setFilters(const QString &subject, const QString &action, const QString &actor);
    QTableView *table() const { return m_table; }
    QString status() const;

signals:
    void exported(const QString &path);

private:
    QUrlQuery filters() const;
    void load(qint64 before);
    void chooseExportFile();

    client::AdminClient &m_client;
    const AdminSession &m_session;
    JsonTableModel *m_model;
    QTableView *m_table;
    QLineEdit *m_subject;
    QLineEdit *m_action;
    QLineEdit *m_actor;
    QCheckBox *m_useFrom;
    QDateTimeEdit *m_from;
    QCheckBox *m_useTo;
    QDateTimeEdit *m_to;
    QPushButton *m_search;
    QPushButton *m_older;
    QPushButton *m_verify;
    QPushButton *m_export;
    StatusLabel *m_status;
    int m_generation = 0;
};

} // namespace twofold::ui
