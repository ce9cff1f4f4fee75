#pragma once

#include <QByteArray>
#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace twofold::client {
class AdminClient;
}

namespace twofold::ui {

class JsonTableModel;

// Bulk user import from CSV (username,email,phone,group): the server's preview first, with every
// bad line listed; the import runs only when the whole file is good, and then all of it at once.
class UserImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserImportDialog)

public:
    UserImportDialog(client::AdminClient &client, QByteArray csv, const QString &fileName,
                     QWidget *parent = nullptr);

    int previewRows() const;
    QString problems() const;
    QPushButton *importButton() const { return m_import; }
    int imported() const { return m_imported; }

signals:
    void previewed();

private:
    void runImport();

    client::AdminClient &m_client;
    const QByteArray m_csv;
    JsonTableModel *m_rows;
    QTableView *m_table;
    QPlainTextEdit *m_problems;
    QLabel *m_status;
    QPushButton *m_import;
    int m_imported = 0;
};

} // namespace twofold::ui
