#pragma once

#include "vault/account.h"
#include "vault/importer.h"

#include <QByteArray>
#include <QDialog>
#include <QList>
#include <QThreadPool>

QT_BEGIN_NAMESPACE
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
QT_END_NAMESPACE

namespace twofold::ui {

// Imports another authenticator's export: choose a file, give its password when it is
// encrypted, check the preview, import. Reading (and its key derivation) runs on a worker.
// After accept(), accounts() holds what to add.
class ImportDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(QWidget *parent = nullptr);
    ~ImportDialog() override;

    // Reads the file and detects its format; previewChanged() follows, or passwordNeeded().
    void setFile(const QString &path);
    // Reads the chosen encrypted file with the password typed in the dialog.
    void unlock();

    QList<vault::Account> accounts() const;
    QString messageText() const;
    bool isBusy() const { return m_busy; }
    bool needsPassword() const;

    void accept() override;

Q_SIGNALS:
    // A read finished, well or not; the preview, message and buttons are up to date.
    void previewChanged();

private:
    void chooseFile();
    void startRead();
    void onRead(quint64 generation, Result<vault::Importer::Imported> result);
    void setMessage(const QString &text, bool error);
    void showAccounts(const QList<vault::Account> &accounts);
    void updateButtons();
    static QString supportedFormats();

    QLineEdit *m_path = nullptr;
    QLabel *m_formatLabel = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_password = nullptr;
    QPushButton *m_unlock = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_previewTitle = nullptr;
    QTreeWidget *m_preview = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    QByteArray m_data;
    vault::Importer::Format m_format = vault::Importer::Format::Unknown;
    QList<vault::Account> m_pending;
    QList<vault::Account> m_accounts;
    QThreadPool m_pool;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace twofold::ui
