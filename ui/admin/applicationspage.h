#pragma once

#include <QJsonObject>
#include <QWidget>

class QPushButton;
class QTableView;

namespace twofold::client {
class AdminClient;
}

namespace twofold::ui {

class AdminSession;
class JsonTableModel;
class StatusLabel;

// The relying applications that verify sign-ins through the server: their list, a new one
// (whose secret key is shown once, in a dialog with copy buttons) and deleting one.
class ApplicationsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApplicationsPage)

public:
    ApplicationsPage(client::AdminClient &client, const AdminSession &session,
                     QWidget *parent = nullptr);

    void refresh();
    // Without the name prompt; the keys dialog (object name "applicationKeysDialog") opens.
    void createApplication(const QString &name);
    void deleteApplication(const QString &ikey); // without the confirmation

    QTableView *table() const { return m_table; }
    QString status() const;

signals:
    void created(const QJsonObject &keys); // ikey, skey, host, as the server answered

private:
    void askName();
    void confirmDelete();
    void updateButtons();
    void showKeys(const QJsonObject &keys);

    client::AdminClient &m_client;
    const AdminSession &m_session;
    JsonTableModel *m_model;
    QTableView *m_table;
    QPushButton *m_create;
    QPushButton *m_delete;
    StatusLabel *m_status;
    int m_generation = 0;
    QString m_note; // what the last action did, shown again once the list is refreshed
};

} // namespace twofold::ui
