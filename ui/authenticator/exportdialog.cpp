#include "authenticator/exportdialog.h"

#include "vault/exporter.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStyle>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace twofold::ui {

ExportDialog::ExportDialog(QList<vault::Account> accounts, QWidget *parent)
    : QDialog(parent)
    , m_accounts(std::move(accounts))
    , m_format(new QComboBox)
    , m_about(new QLabel)
    , m_form(new QFormLayout)
    , m_password(new QLineEdit)
    , m_repeat(new QLineEdit)
    , m_passwordHint(new QLabel)
    , m_warning(new QLabel)
    , m_understood(new QCheckBox)
    , m_error(new QLabel)
{
    setWindowTitle(tr("Export accounts"));
    auto *layout = new QVBoxLayout(this);
    const int n = int(m_accounts.size());
    auto *intro = new QLabel(
        n == 1 ? tr("Write your account to a file, to keep as a backup or to move it to "
                    "another app.")
               : tr("Write all %n accounts to a file, to keep as a backup or to move them "
                    "to another app.",
                    nullptr, n));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(m_form);

    m_format->addItem(tr("Twofold backup (encrypted)"), int(Format::TwofoldBackup));
    m_format->addItem(tr("Aegis vault (encrypted)"), int(Format::AegisEncrypted));
    m_format->addItem(tr("Aegis vault (not encrypted)"), int(Format::AegisPlain));
    m_format->addItem(tr("Plain list of otpauth links (not encrypted)"), int(Format::OtpauthList));
    m_format->setAccessibleName(tr("Format"));
    m_form->addRow(tr("&Format:"), m_format);
    // Wrapped labels in a form get spare height; keep the text against the row above.
    m_about->setWordWrap(true);
    m_about->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_form->addRow(QString(), m_about);

    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_repeat->setEchoMode(QLineEdit::Password);
    m_repeat->setAccessibleName(tr("Repeat password"));
    m_form->addRow(tr("&Password:"), m_password);
    m_form->addRow(tr("&Repeat:"), m_repeat);
    m_passwordHint->setWordWrap(true);
    m_passwordHint->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_passwordHint->setAccessibleName(tr("Password hint"));
    m_form->addRow(QString(), m_passwordHint);

    // The warning sits beside the usual warning icon, so it reads as one at a glance.
    auto *warningBox = new QWidget;
    auto *warningLayout = new QVBoxLayout(warningBox);
    warningLayout->setContentsMargins(0, 0, 0, 0);
    auto *warningRow = new QHBoxLayout;
    auto *icon = new QLabel;
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    icon->setPixmap(QIcon(u":/icons/warning.svg"_s).pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);
    icon->setAccessibleName(tr("Warning"));
    warningRow->addWidget(icon);
    m_warning->setText(tr("This file is not encrypted. Your secrets are in it as plain text: "
                          "anyone who gets it, from a synced folder, a backup disk or a lost "
                          "USB stick, can make your codes. Import it where it is going, then "
                          "delete it."));
    m_warning->setWordWrap(true);
    m_warning->setAccessibleName(tr("Warning"));
    warningRow->addWidget(m_warning, 1);
    warningLayout->addLayout(warningRow);
    m_understood->setText(tr("I &understand that anyone who gets this file can make my codes"));
    m_understood->setAccessibleName(m_understood->text().remove(u'&'));
    warningLayout->addWidget(m_understood);
    m_form->addRow(warningBox);

    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Problem"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox;
    m_export = buttons->addButton(tr("&Export…"), QDialogButtonBox::AcceptRole);
    m_export->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    layout->addStretch();
    layout->addWidget(buttons);

    connect(m_export, &QPushButton::clicked, this, &ExportDialog::exportNow);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        // Each plain format is acknowledged on its own, right before it is written.
        m_understood->setChecked(false);
        m_error->hide();
        updateState();
    });
    connect(m_password, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(m_repeat, &QLineEdit::textChanged, this, &ExportDialog::updateState);
    connect(m_understood, &QCheckBox::toggled, this, &ExportDialog::updateState);
    connect(&m_worker, &QFutureWatcher<Result<QByteArray>>::finished, this,
            &ExportDialog::finishExport);

    setMinimumWidth(520);
    updateState();
}

ExportDialog::~ExportDialog()
{
    // The worker only holds its own copies; waiting keeps it from outliving the application.
    m_worker.waitForFinished();
}

bool ExportDialog::isEncrypted(Format format)
{
    return format == Format::TwofoldBackup || format == Format::AegisEncrypted;
}

QString ExportDialog::suggestedFileName(Format format, const QDate &date)
{
    const QString day = date.toString(Qt::ISODate);
    switch (format) {
    case Format::TwofoldBackup:
        return u"twofold-backup-%1.twofold"_s.arg(day);
    case Format::AegisEncrypted:
        return u"aegis-export-%1.json"_s.arg(day);
    case Format::AegisPlain:
        return u"aegis-export-plain-%1.json"_s.arg(day);
    case Format::OtpauthList:
        return u"otpauth-%1.txt"_s.arg(day);
    }
    return {};
}

ExportDialog::Format ExportDialog::format() const
{
    return Format(m_format->currentData().toInt());
}

void ExportDialog::setFormat(Format format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

void ExportDialog::setTargetPath(const QString &path)
{
    m_targetPath = path;
}

bool ExportDialog::canExport() const
{
    if (isBusy() || m_accounts.isEmpty())
        return false;
    if (isEncrypted(format()))
        return !m_password->text().isEmpty() && m_password->text() == m_repeat->text();
    return m_understood->isChecked();
}

QString ExportDialog::errorString() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ExportDialog::updateState()
{
    const bool encrypted = isEncrypted(format());
    switch (format()) {
    case Format::TwofoldBackup:
        m_about->setText(tr("Restore it in Twofold on this or another computer with File → "
                            "Import a backup."));
        break;
    case Format::AegisEncrypted:
    case Format::AegisPlain:
        m_about->setText(tr("Aegis Authenticator on Android imports this file; so does "
                            "Twofold."));
        break;
    case Format::OtpauthList:
        m_about->setText(tr("One otpauth:// link per line, which most authenticator apps and "
                            "password managers can import."));
        break;
    }
    m_form->setRowVisible(m_password, encrypted);
    m_form->setRowVisible(m_repeat, encrypted);
    m_form->setRowVisible(m_passwordHint, encrypted);
    m_form->setRowVisible(m_warning->parentWidget(), !encrypted);

    const bool mismatch = !m_repeat->text().isEmpty() && m_password->text() != m_repeat->text();
    m_passwordHint->setText(mismatch ? tr("The passwords do not match.")
                                     : tr("You need this password to open the file. Nobody can "
                                          "recover it for you, so keep it somewhere safe."));

    const bool busy = isBusy();
    for (QWidget *w : std::initializer_list<QWidget *> { m_format, m_password, m_repeat,
                                                         m_understood, m_cancel })
        w->setEnabled(!busy);
    m_export->setEnabled(canExport());
    m_export->setText(busy ? tr("Exporting…") : tr("&Export…"));
}

void ExportDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void ExportDialog::exportNow()
{
    if (!canExport())
        return;
    QString path = m_targetPath;
    if (path.isEmpty()) {
        const Format f = format();
        QString filter;
        switch (f) {
        case Format::TwofoldBackup:
            filter = tr("Twofold backups (*.twofold)");
            break;
        case Format::AegisEncrypted:
        case Format::AegisPlain:
            filter = tr("Aegis vaults (*.json)");
            break;
        case Format::OtpauthList:
            filter = tr("Text files (*.txt)");
            break;
        }
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        path = QFileDialog::getSaveFileName(
            this, tr("Export accounts"),
            QDir(folder).filePath(suggestedFileName(f, QDate::currentDate())),
            filter + u";;"_s + tr("All files (*)"));
        if (path.isEmpty())
            return; // the person changed their mind; the dialog stays as it was
    }

    m_error->hide();
    m_writingTo = path;
    const Format f = format();
    const QString password = isEncrypted(f) ? m_password->text() : QString();
    // scrypt takes a noticeable moment; the worker gets copies so nothing is shared.
    m_worker.setFuture(QtConcurrent::run([f, password, accounts = m_accounts] {
        switch (f) {
        case Format::TwofoldBackup:
            return vault::Exporter::twofoldBackup(accounts, password);
        case Format::AegisEncrypted:
        case Format::AegisPlain:
            return vault::Exporter::aegis(accounts, password);
        case Format::OtpauthList:
            break;
        }
        return Result<QByteArray>(vault::Exporter::otpauthList(accounts));
    }));
    updateState();
}

void ExportDialog::finishExport()
{
    const Result<QByteArray> encoded = m_worker.result();
    updateState();
    if (!encoded) {
        showError(tr("The accounts could not be exported: %1").arg(encoded.error().message));
        return;
    }
    const QString shown = QDir::toNativeSeparators(m_writingTo);
    QSaveFile file(m_writingTo);
    // Owner-only from the start: the file holds every secret, even when encrypted.
    const bool written = file.open(QIODevice::WriteOnly)
        && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        && file.write(*encoded) == encoded->size() && file.commit();
    if (!written) {
        showError(tr("%1 could not be written (%2). Choose another folder, or check that you "
                     "may write there and that the disk has room.")
                      .arg(shown, file.errorString()));
        return;
    }
    const int n = int(m_accounts.size());
    // No English plural forms are shipped, so the singular has its own string.
    emit exported(n == 1 ? tr("Exported 1 account to %1.").arg(shown)
                         : tr("Exported %n accounts to %1.", nullptr, n).arg(shown));
    accept();
}

void ExportDialog::reject()
{
    if (isBusy())
        return; // the file is half made; Cancel comes back once it is written
    QDialog::reject();
}

} // namespace twofold::ui
