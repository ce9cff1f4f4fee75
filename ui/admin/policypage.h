#pragma once

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStandardItem;
class QStandardItemModel;
class QTableView;

namespace twofold::client {
class AdminClient;
}

namespace twofold::ui {

class AdminSession;
class StatusLabel;

// The tenant's policy as a form: the methods allowed for everyone and per group, lockout, fraud,
// push and code lifetimes. Saved whole; read-only for roles that may not change it.
class PolicyPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolicyPage)

public:
    PolicyPage(client::AdminClient &client, const AdminSession &session, QWidget *parent = nullptr);

    void refresh(); // reads the policy and the groups; unsaved changes are lost
    void setMethodAllowed(const QString &method, bool allowed); // the tenant's list
    void save();

    bool isLoaded() const { return m_loaded; } // the form shows the server's policy
    QJsonObject policy() const; // the form as the PATCH body
    QString status() const;

signals:
    void saved();
    void failed(const QString &message);

private:
    void fill(const QJsonObject &policy, const QList<QJsonObject> &groups);
    void addGroupRow(const QString &name, bool own, const QStringList &methods);
    void groupItemChanged(QStandardItem *item);
    void showGroupRow(int row); // a row without its own list shows the tenant's
    void addGroup();
    void removeGroupList();
    void setEditable(bool editable);
    QWidget *fieldWidget(const QString &field) const;

    client::AdminClient &m_client;
    const AdminSession &m_session;
    QHash<QString, QCheckBox *> m_methods; // by method name
    QStandardItemModel *m_groups;
    QTableView *m_groupTable;
    QHash<QString, QSpinBox *> m_numbers; // by policy key
    QCheckBox *m_fraudAutoBlock;
    QCheckBox *m_numberMatching;
    QLineEdit *m_fraudCode;
    QPushButton *m_addGroup;
    QPushButton *m_removeGroup;
    QPushButton *m_save;
    QPushButton *m_reload;
    QLabel *m_readOnly;
    StatusLabel *m_status;
    bool m_loaded = false;
    bool m_filling = false; // itemChanged from the page's own updates is not an edit
    int m_generation = 0;
};

} // namespace twofold::ui
