#pragma once

#include <QDialog>
#include <QPointer>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace twofold::client {
class AdminClient;
class AdminReply;
} // namespace twofold::client

namespace twofold::ui {

// Sends a test verification to a user (push, SMS, call, or a code typed here) and shows its
// progress live: the server's answers to a long poll on the transaction, one line each.
class TestVerificationDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TestVerificationDialog)

public:
    TestVerificationDialog(client::AdminClient &client, const QString &username,
                           QWidget *parent = nullptr);
    ~TestVerificationDialog() override;

    void start(const QString &method, const QString &passcode = {});
    QString log() const;
    const QString &result() const { return m_result; } // allow / deny once final

signals:
    void verificationFinished(const QString &result);

private:
    void follow(const QString &txid);
    void report(const QJsonObject &answer);

    client::AdminClient &m_client;
    const QString m_username;
    QComboBox *m_method;
    QLineEdit *m_passcode;
    QPushButton *m_send;
    QPlainTextEdit *m_log;
    QPointer<client::AdminReply> m_poll;
    QString m_result;
};

} // namespace twofold::ui
