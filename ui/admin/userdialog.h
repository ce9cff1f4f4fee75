#pragma once

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QLineEdit;

namespace twofold::client {
class AdminClient;
}

namespace twofold::ui {

// Creates a user (POST users) or edits one (PATCH users/<name>); accepts once the server agrees,
// and shows its answer otherwise.
class UserDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserDialog)

public:
    // An empty user creates a new one.
    UserDialog(client::AdminClient &client, const QJsonObject &user, QWidget *parent = nullptr);

    const QJsonObject &result() const { return m_result; } // the user as the server stored it
    void setField(const QString &key, const QString &value); // tests: fill a field by its key
    void submit();

private:
    client::AdminClient &m_client;
    const bool m_creating;
    QLineEdit *m_username;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QLineEdit *m_group;
    QLineEdit *m_pin;
    QLabel *m_status;
    QJsonObject m_result;
};

} // namespace twofold::ui
