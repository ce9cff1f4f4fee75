#pragma once

#include "client/adminclient.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLineEdit;
class QPushButton;
class QTableView;

namespace twofold {
struct Error;
namespace client {
class AdminClient;
}
} // namespace twofold

namespace twofold::ui {

class AdminSession;
class JsonTableModel;
class StatusLabel;
class TokenImportDialog;

// OATH hardware tokens: the list, searched by serial; importing Azure CSV and PSKC files with a
// preview first; assigning a token to a user, activating it with a code, unassigning it.
class TokensPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokensPage)

public:
    enum class SecretKind { Password, KeyHex }; // what protects a PSKC file

    TokensPage(client::AdminClient &client, const AdminSession &session, QWidget *parent = nullptr);
    ~TokensPage() override;

    void refresh();
    // The import without the file dialog: opens the preview dialog (a TokenImportDialog child
    // of this page, non-modal) whose import button does the real import.
    void importFile(const QString &path, const QString &secret = {},
                    SecretKind kind = SecretKind::Password);
    void assign(const QString &serial, const QString &user);
    void activate(const QString &serial, const QString &code);
    void unassign(const QString &serial);

    QTableView *table() const { return m_table; }
    QString status() const;

signals:
    void changed(); // a token was imported, assigned, activated or unassigned

private:
    void load(bool report); // report: the status line says what the list shows
    void chooseFile();
    client::AdminClient::Headers secretHeaders() const;
    void preview();
    void importNow();
    void importFailed(const Error &error, bool previewing);
    bool askSecret(const QString &why);
    void assignSelected();
    void activateSelected();
    void unassignSelected();
    QString selectedSerial() const;
    void updateButtons();
    void post(const QString &serial, const QString &verb, const QJsonObject &body,
              const QString &done);

    client::AdminClient &m_client;
    const AdminSession &m_session;
    JsonTableModel *m_model;
    QTableView *m_table;
    QLineEdit *m_search;
    QCheckBox *m_unassigned;
    QPushButton *m_import;
    QPushButton *m_assign;
    QPushButton *m_activate;
    QPushButton *m_unassign;
    StatusLabel *m_status;
    int m_generation = 0; // answers to older searches are dropped

    // The import in progress: the file, its format and the secret, kept only until it ends.
    QPointer<TokenImportDialog> m_dialog;
    QByteArray m_file;
    QString m_format;
    QString m_secret;
    SecretKind m_secretKind = SecretKind::Password;
};

} // namespace twofold::ui
