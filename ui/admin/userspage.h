#pragma once

#include "admin/userlistmodel.h"

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace twofold {
class Clock;
}

namespace twofold::ui {

class AdminSession;

// The users of the server: a paged table with search and filters, a details panel for the
// selected user (methods, devices, tokens, phone, status, recent verifications), and the actions
// on them, each enabled only when the signed-in role may take it.
class UsersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsersPage)

public:
    UsersPage(client::AdminClient &client, const AdminSession &session, const Clock &clock,
              QWidget *parent = nullptr);

    void refresh();
    UserListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *searchField() const { return m_search; }
    void selectUser(const QString &username); // selects the row once it is loaded
    const QJsonObject &currentUser() const { return m_current; } // with its methods
    QString detailsText() const;

    // The actions, for menus, shortcuts and tests.
    void newUser();
    void editUser();
    void deleteUser();
    void toggleBlock();
    void enroll();
    void testVerification();
    void bypassCodes();
    void removeMethod(const QString &methodId = {}); // asks which when none is given
    void importUsers(const QString &path = {});

signals:
    void detailsLoaded();

private:
    void applyFilter();
    void selectionChanged();
    void showDetails(const QJsonObject &user, const QList<QJsonObject> &recent);
    void updateActions();
    void loadGroups();
    QString userPath() const;
    void setStatus(const QString &text, bool error = false);

    client::AdminClient &m_client;
    const AdminSession &m_session;
    const Clock &m_clock;
    UserListModel *m_model;
    QTableView *m_table;
    QLineEdit *m_search;
    QComboBox *m_status;
    QComboBox *m_method;
    QComboBox *m_group;
    QTimer *m_searchDelay;
    QLabel *m_count;
    QLabel *m_message;
    QLabel *m_details;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPushButton *m_block;
    QPushButton *m_enroll;
    QPushButton *m_test;
    QPushButton *m_bypass;
    QPushButton *m_removeMethod;
    QPushButton *m_import;
    QJsonObject m_current;
    QString m_wanted; // selectUser() before the row arrived
};

} // namespace twofold::ui
