#pragma once

#include <QDialog>
#include <QJsonObject>

class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace twofold::ui {

class JsonTableModel;
class StatusLabel;

// What a token file holds before it is imported: the tokens found (and whether the server knows
// them already), the ones skipped with the reason, or the file's errors line by line. Its
// "Import N tokens" button asks for the real import; the page that opened it does the call.
class TokenImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenImportDialog)

public:
    explicit TokenImportDialog(const QString &fileName, QWidget *parent = nullptr);

    void showBusy(const QString &text);
    void showPreview(const QJsonObject &preview); // the answer of POST tokens/import?preview=true
    void showError(const QString &message); // its lines after the first name lines of the file
    void showImported(const QJsonObject &answer); // the answer of the real import

    int tokenCount() const; // tokens the preview found
    QPushButton *importButton() const { return m_import; }
    QTableView *table() const { return m_table; }
    QString status() const; // the summary, then the skipped tokens or the file's errors

signals:
    void importRequested();

private:
    JsonTableModel *m_tokens;
    QTableView *m_table;
    QPlainTextEdit *m_details;
    StatusLabel *m_status;
    QPushButton *m_import;
};

} // namespace twofold::ui
