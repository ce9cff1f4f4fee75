#pragma once

#include <QWidget>

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

// The outbox provider's SMS messages and voice calls, newest first. A ringing call is answered
// here by typing the keys the user would press on the phone.
class OutboxPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxPage)

public:
    OutboxPage(client::AdminClient &client, const AdminSession &session, QWidget *parent = nullptr);

    void refresh();
    void answerCall(const QString &callId, const QString &keys);

    QTableView *table() const { return m_table; }
    QLineEdit *keypad() const { return m_keys; }
    QString status() const;

private:
    void answerSelected();
    void updateButtons();
    QString ringingCallId() const; // the selected row's call, when it waits for keys

    client::AdminClient &m_client;
    const AdminSession &m_session;
    JsonTableModel *m_model;
    QTableView *m_table;
    QLineEdit *m_keys;
    QPushButton *m_answer;
    QPushButton *m_refresh;
    StatusLabel *m_status;
    int m_generation = 0;
    QString m_note; // what the last action did, shown again once the list is refreshed
};

} // namespace twofold::ui
