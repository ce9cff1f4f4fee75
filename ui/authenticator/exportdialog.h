#pragma once

#include "result.h"
#include "vault/account.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QList>

class QCheckBox;
class QComboBox;
class QDate;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace twofold::ui {

// Writes the accounts to a file in one of the export formats. Encrypted formats ask for a
// password twice; plain ones must be acknowledged first. scrypt runs on a worker thread.
class ExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    enum class Format { TwofoldBackup, AegisEncrypted, AegisPlain, OtpauthList };
    Q_ENUM(Format)

    explicit ExportDialog(QList<vault::Account> accounts, QWidget *parent = nullptr);
    ~ExportDialog() override;

    static bool isEncrypted(Format format);
    static QString suggestedFileName(Format format, const QDate &date);

    Format format() const;
    void setFormat(Format format);
    // Where to write; when set, exportNow() does not ask with the file dialog (tests, scripts).
    void setTargetPath(const QString &path);
    bool canExport() const; // what the Export button's enabled state says
    bool isBusy() const { return m_worker.isRunning(); }
    QString errorString() const; // the last failure, in words; empty if none

    // Asks where to save (unless a target path is set), then encodes on a worker and writes.
    void exportNow();

    void reject() override;

signals:
    void exported(const QString &message); // "Exported 3 accounts to …", for the status bar

private:
    void updateState();
    void finishExport();
    void showError(const QString &message);

    QList<vault::Account> m_accounts;
    QString m_targetPath;
    QString m_writingTo;
    QComboBox *m_format;
    QLabel *m_about;
    QFormLayout *m_form;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QLabel *m_passwordHint;
    QLabel *m_warning;
    QCheckBox *m_understood;
    QLabel *m_error;
    QPushButton *m_export;
    QPushButton *m_cancel;
    QFutureWatcher<Result<QByteArray>> m_worker;
};

} // namespace twofold::ui
