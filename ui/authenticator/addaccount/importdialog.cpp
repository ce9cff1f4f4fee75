#include "authenticator/addaccount/importdialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

using vault::Importer;

// Larger files are not authenticator exports; refusing them keeps memory in check.
constexpr qint64 maxFileSize = 16 * 1024 * 1024;

QString typeLabel(OtpType type)
{
    switch (type) {
    case OtpType::Totp:
        return ImportDialog::tr("Time-based");
    case OtpType::Hotp:
        return ImportDialog::tr("Counter-based");
    case OtpType::Steam:
        return ImportDialog::tr("Steam");
    }
    return {};
}

} // namespace

ImportDialog::ImportDialog(QWidget *parent)
    : QDialog(parent)
    , m_path(new QLineEdit(this))
    , m_formatLabel(new QLabel(this))
    , m_passwordLabel(new QLabel(tr("&Password:"), this))
    , m_password(new QLineEdit(this))
    , m_unlock(new QPushButton(tr("&Unlock"), this))
    , m_message(new QLabel(this))
    , m_previewTitle(new QLabel(this))
    , m_preview(new QTreeWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import Accounts"));
    m_pool.setMaxThreadCount(1);

    m_path->setObjectName(u"path"_s);
    m_path->setReadOnly(true);
    m_path->setAccessibleName(tr("File to import"));
    m_path->setPlaceholderText(tr("No file chosen"));
    auto *browse = new QPushButton(tr("&Choose File…"), this);
    browse->setObjectName(u"browse"_s);
    browse->setAccessibleName(tr("Choose the file to import"));
    m_formatLabel->setObjectName(u"format"_s);
    m_formatLabel->setAccessibleName(tr("Detected format"));
    m_password->setObjectName(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password of the export"));
    m_passwordLabel->setBuddy(m_password);
    m_unlock->setObjectName(u"unlock"_s);
    m_unlock->setAccessibleName(tr("Unlock the export"));
    m_message->setObjectName(u"message"_s);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Message"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setObjectName(u"preview"_s);
    m_preview->setAccessibleName(tr("Accounts to import"));
    m_preview->setRootIsDecorated(false);
    m_preview->setSelectionMode(QAbstractItemView::NoSelection);
    m_preview->setHeaderLabels({ tr("Issuer"), tr("Account"), tr("Type") });
    m_preview->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_preview->header()->setStretchLastSection(true);
    m_previewTitle->setBuddy(m_preview);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Import the accounts"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));

    auto *intro = new QLabel(tr("Import accounts from Aegis, 2FAS, andOTP, Bitwarden, FreeOTP+, "
                                "Google Authenticator or a Twofold backup."),
                             this);
    intro->setWordWrap(true);
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(browse);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);
    auto *passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_unlock);
    auto *form = new QFormLayout;
    form->addRow(fileLabel, fileRow);
    form->addRow(tr("Format:"), m_formatLabel);
    form->addRow(m_passwordLabel, passwordRow);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_previewTitle);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_buttons);

    connect(browse, &QPushButton::clicked, this, &ImportDialog::chooseFile);
    connect(m_unlock, &QPushButton::clicked, this, &ImportDialog::unlock);
    connect(m_password, &QLineEdit::returnPressed, this, &ImportDialog::unlock);
    connect(m_password, &QLineEdit::textChanged, this, &ImportDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ImportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);

    m_passwordLabel->hide();
    m_password->hide();
    m_unlock->hide();
    m_message->hide();
    m_formatLabel->setText(tr("Choose a file first."));
    showAccounts({});
    resize(sizeHint().expandedTo({ 560, 460 }));
}

ImportDialog::~ImportDialog()
{
    m_pool.waitForDone();
}

void ImportDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose the Export to Import"));
    if (!path.isEmpty())
        setFile(path);
}

void ImportDialog::setFile(const QString &path)
{
    ++m_generation; // results of an earlier file no longer matter
    m_busy = false;
    m_path->setText(QDir::toNativeSeparators(path));
    m_data.clear();
    m_format = Importer::Format::Unknown;
    m_password->clear();
    showAccounts({});

    QFile file(path);
    if (file.size() > maxFileSize) {
        m_formatLabel->setText(tr("Unknown"));
        setMessage(tr("This file is too large to be an authenticator export."), true);
        Q_EMIT previewChanged();
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_formatLabel->setText(tr("Unknown"));
        setMessage(tr("The file could not be opened: %1").arg(file.errorString()), true);
        Q_EMIT previewChanged();
        return;
    }
    m_data = file.readAll();
    m_format = Importer::detect(m_data);
    const bool password = Importer::needsPassword(m_format);
    m_passwordLabel->setVisible(password);
    m_password->setVisible(password);
    m_unlock->setVisible(password);

    if (m_format == Importer::Format::Unknown) {
        m_formatLabel->setText(tr("Unknown"));
        setMessage(
            tr("Twofold does not recognise this file. It can import: %1.").arg(supportedFormats()),
            true);
        Q_EMIT previewChanged();
        return;
    }
    m_formatLabel->setText(Importer::formatName(m_format));
    if (password) {
        setMessage(tr("This export is encrypted. Type the password it was saved with."), false);
        m_password->setFocus();
        updateButtons();
        Q_EMIT previewChanged();
        return;
    }
    startRead();
}

void ImportDialog::unlock()
{
    if (m_busy || !needsPassword() || m_password->text().isEmpty())
        return;
    startRead();
}

bool ImportDialog::needsPassword() const
{
    return Importer::needsPassword(m_format);
}

void ImportDialog::startRead()
{
    m_busy = true;
    const quint64 generation = ++m_generation;
    setMessage(needsPassword() ? tr("Unlocking… this takes a moment.") : tr("Reading…"), false);
    updateButtons();
    // Copies: the worker must not touch members the GUI thread may change meanwhile.
    const QByteArray bytes = m_data;
    const QString password = m_password->text();
    m_pool.start([this, bytes, password, generation] {
        auto result = Importer::read(bytes, password);
        QMetaObject::invokeMethod(
            this,
            [this, generation, result = std::move(result)]() mutable {
                onRead(generation, std::move(result));
            },
            Qt::QueuedConnection);
    });
}

void ImportDialog::onRead(quint64 generation, Result<vault::Importer::Imported> result)
{
    if (generation != m_generation)
        return;
    m_busy = false;
    if (!result) {
        const Error &error = result.error();
        if (needsPassword() && error.code == ErrorCode::InvalidArgument
            && error.message.contains(u"password"_s, Qt::CaseInsensitive)) {
            setMessage(tr("The password is wrong. Check it and try again."), true);
            m_password->selectAll();
            m_password->setFocus();
        } else {
            setMessage(tr("The file could not be imported: %1").arg(error.message), true);
        }
        showAccounts({});
        Q_EMIT previewChanged();
        return;
    }
    if (result->format != Importer::Format::Unknown)
        m_formatLabel->setText(Importer::formatName(result->format));
    const qsizetype count = result->accounts.size();
    if (count == 0)
        setMessage(tr("The file holds no accounts."), true);
    else if (count == 1)
        setMessage(tr("%1: 1 account found.").arg(m_formatLabel->text()), false);
    else
        setMessage(tr("%1: %2 accounts found.").arg(m_formatLabel->text()).arg(count), false);
    showAccounts(result->accounts);
    Q_EMIT previewChanged();
}

void ImportDialog::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"color: #b3261e;"_s : QString());
    m_message->setVisible(!text.isEmpty());
}

void ImportDialog::showAccounts(const QList<vault::Account> &accounts)
{
    m_pending = accounts;
    m_preview->clear();
    for (const vault::Account &account : accounts) {
        auto *item = new QTreeWidgetItem(m_preview);
        item->setText(0, account.otp.issuer.isEmpty() ? tr("(no issuer)") : account.otp.issuer);
        item->setText(1, account.otp.account);
        item->setText(2, typeLabel(account.otp.type));
    }
    m_previewTitle->setText(accounts.isEmpty() ? tr("Nothing to import yet.")
                                               : tr("Will be imported:"));
    m_preview->setEnabled(!accounts.isEmpty());
    updateButtons();
}

void ImportDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && !m_pending.isEmpty());
    m_unlock->setEnabled(!m_busy && !m_password->text().isEmpty());
    m_password->setEnabled(!m_busy);
}

QString ImportDialog::messageText() const
{
    return m_message->text();
}

void ImportDialog::accept()
{
    if (m_busy || m_pending.isEmpty())
        return;
    m_accounts = m_pending;
    QDialog::accept();
}

QList<vault::Account> ImportDialog::accounts() const
{
    return m_accounts;
}

QString ImportDialog::supportedFormats()
{
    QStringList names;
    for (int f = int(Importer::Format::OtpauthList); f <= int(Importer::Format::TwofoldBackup); ++f)
        names << Importer::formatName(Importer::Format(f));
    return names.join(u", "_s);
}

} // namespace twofold::ui
