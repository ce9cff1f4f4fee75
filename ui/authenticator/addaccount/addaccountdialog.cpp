#include "authenticator/addaccount/addaccountdialog.h"

#include "authenticator/addaccount/accountcode.h"
#include "authenticator/addaccount/webcampluginloader.h"
#include "authenticator/addaccount/webcamscanner.h"
#include "otp/base32.h"
#include "qr/qrdecoder.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSpinBox>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

QString typeLabel(OtpType type)
{
    switch (type) {
    case OtpType::Totp:
        return AddAccountDialog::tr("Time-based");
    case OtpType::Hotp:
        return AddAccountDialog::tr("Counter-based");
    case OtpType::Steam:
        return AddAccountDialog::tr("Steam");
    }
    return {};
}

QLabel *explanation(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

// The first local file among dropped URLs, or empty.
QString droppedFile(const QMimeData *mime)
{
    if (!mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            return url.toLocalFile();
    }
    return {};
}

} // namespace

AddAccountDialog::AddAccountDialog(QWidget *parent, Source start)
    : QDialog(parent)
    , m_tabs(new QTabWidget(this))
    , m_message(new QLabel(this))
    , m_previewTitle(new QLabel(this))
    , m_preview(new QTreeWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add an Account"));
    setAcceptDrops(true);
    m_pool.setMaxThreadCount(1);

    m_tabs->setObjectName(u"sourceTabs"_s);
    m_tabs->setAccessibleName(tr("Ways to add an account"));
    m_tabs->addTab(createLinkPage(), tr("&Link"));
    m_tabs->addTab(createManualPage(), tr("&Type the Key"));
    m_tabs->addTab(createImagePage(), tr("&Image File"));
    m_tabs->addTab(createClipboardPage(), tr("Cli&pboard"));
    m_tabs->addTab(createScreenPage(), tr("&Screen"));
    m_tabs->addTab(createCameraPage(), tr("Ca&mera"));

    m_message->setObjectName(u"message"_s);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Message"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_previewTitle->setObjectName(u"previewTitle"_s);
    m_preview->setObjectName(u"preview"_s);
    m_preview->setAccessibleName(tr("Accounts to add"));
    m_preview->setRootIsDecorated(false);
    m_preview->setSelectionMode(QAbstractItemView::NoSelection);
    m_preview->setHeaderLabels({ tr("Issuer"), tr("Account"), tr("Type") });
    m_preview->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_preview->header()->setStretchLastSection(true);
    m_preview->setMaximumHeight(m_preview->fontMetrics().height() * 9);
    m_previewTitle->setBuddy(m_preview);
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Add the accounts"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_previewTitle);
    layout->addWidget(m_preview);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddAccountDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddAccountDialog::reject);
    connect(m_tabs, &QTabWidget::currentChanged, this, &AddAccountDialog::onPageChanged);
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this,
            &AddAccountDialog::updateClipboardOffer);

    m_states[ManualPage].message = tr("Type the secret key the website shows as text.");
    m_states[ImagePage].message = tr("Choose a picture of the QR code, or drop it here.");
    m_states[ClipboardPage].message = tr("Copy a picture of the QR code, then scan the clipboard.");
    m_states[ScreenPage].message = tr("Show the QR code on the screen, then scan the screen.");
    updateClipboardOffer();
    updateManualFields();
    setSource(start);
    refresh();
    resize(sizeHint().expandedTo({ 560, 560 }));
}

AddAccountDialog::~AddAccountDialog()
{
    m_pool.waitForDone();
}

// ---- Pages -------------------------------------------------------------------------------

QWidget *AddAccountDialog::createLinkPage()
{
    auto *page = new QWidget(this);
    m_uriEdit = new QPlainTextEdit(page);
    m_uriEdit->setObjectName(u"uriEdit"_s);
    m_uriEdit->setAccessibleName(tr("Account link"));
    m_uriEdit->setPlaceholderText(u"otpauth://totp/Example:alice@example.com?secret=…"_s);
    m_uriEdit->setTabChangesFocus(true);
    m_uriEdit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_pasteButton = new QPushButton(tr("&Use the Link on the Clipboard"), page);
    m_pasteButton->setObjectName(u"pasteButton"_s);
    m_pasteButton->setAccessibleName(tr("Use the link on the clipboard"));

    auto *label
        = new QLabel(tr("Paste an &otpauth:// or otpauth-migration:// link, one a line:"), page);
    label->setWordWrap(true);
    label->setBuddy(m_uriEdit);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(label);
    layout->addWidget(m_uriEdit, 1);
    layout->addWidget(m_pasteButton, 0, Qt::AlignLeft);

    connect(m_uriEdit, &QPlainTextEdit::textChanged, this, &AddAccountDialog::parseLinks);
    connect(m_pasteButton, &QPushButton::clicked, this, [this] {
        m_uriEdit->setPlainText(QGuiApplication::clipboard()->text().trimmed());
        m_uriEdit->setFocus();
    });
    return page;
}

QWidget *AddAccountDialog::createManualPage()
{
    auto *page = new QWidget(this);
    m_issuer = new QLineEdit(page);
    m_issuer->setObjectName(u"issuer"_s);
    m_issuer->setAccessibleName(tr("Issuer"));
    m_issuer->setPlaceholderText(tr("The service, such as Example Corp"));
    m_account = new QLineEdit(page);
    m_account->setObjectName(u"account"_s);
    m_account->setAccessibleName(tr("Account name"));
    m_account->setPlaceholderText(tr("Your user name or e-mail address"));
    m_secret = new QLineEdit(page);
    m_secret->setObjectName(u"secret"_s);
    m_secret->setAccessibleName(tr("Secret key"));
    m_secret->setPlaceholderText(tr("Letters A–Z and digits 2–7"));
    m_secret->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_secretError = new QLabel(page);
    m_secretError->setObjectName(u"secretError"_s);
    m_secretError->setAccessibleName(tr("Secret key problem"));
    m_secretError->setWordWrap(true);
    m_secretError->setStyleSheet(u"color: #b3261e;"_s);
    m_secretError->hide();

    m_type = new QComboBox(page);
    m_type->setObjectName(u"type"_s);
    m_type->setAccessibleName(tr("Type"));
    m_type->addItem(tr("Time-based (TOTP)"), int(OtpType::Totp));
    m_type->addItem(tr("Counter-based (HOTP)"), int(OtpType::Hotp));
    m_type->addItem(tr("Steam Guard"), int(OtpType::Steam));
    m_algorithm = new QComboBox(page);
    m_algorithm->setObjectName(u"algorithm"_s);
    m_algorithm->setAccessibleName(tr("Algorithm"));
    m_algorithm->addItem(tr("SHA-1 (most services)"), int(HashAlgorithm::Sha1));
    m_algorithm->addItem(u"SHA-256"_s, int(HashAlgorithm::Sha256));
    m_algorithm->addItem(u"SHA-512"_s, int(HashAlgorithm::Sha512));
    m_digits = new QSpinBox(page);
    m_digits->setObjectName(u"digits"_s);
    m_digits->setAccessibleName(tr("Digits"));
    m_digits->setRange(OtpParameters::minDigits, OtpParameters::maxDigits);
    m_digits->setValue(6);
    m_period = new QSpinBox(page);
    m_period->setObjectName(u"period"_s);
    m_period->setAccessibleName(tr("Period in seconds"));
    m_period->setRange(1, 24 * 3600);
    m_period->setValue(30);
    m_period->setSuffix(tr(" s"));
    m_counter = new QSpinBox(page);
    m_counter->setObjectName(u"counter"_s);
    m_counter->setAccessibleName(tr("Counter"));
    m_counter->setRange(0, std::numeric_limits<int>::max());

    m_form = new QFormLayout(page);
    m_form->addRow(tr("&Issuer:"), m_issuer);
    m_form->addRow(tr("&Account:"), m_account);
    m_form->addRow(tr("Secret &key:"), m_secret);
    m_form->addRow(QString(), m_secretError);
    m_form->addRow(tr("T&ype:"), m_type);
    m_form->addRow(tr("Al&gorithm:"), m_algorithm);
    m_form->addRow(tr("&Digits:"), m_digits);
    m_form->addRow(tr("&Period:"), m_period);
    m_form->addRow(tr("&Counter:"), m_counter);

    for (QLineEdit *edit : { m_issuer, m_account, m_secret })
        connect(edit, &QLineEdit::textChanged, this, &AddAccountDialog::validateManual);
    connect(m_type, &QComboBox::currentIndexChanged, this, &AddAccountDialog::updateManualFields);
    connect(m_algorithm, &QComboBox::currentIndexChanged, this, &AddAccountDialog::validateManual);
    for (QSpinBox *box : { m_digits, m_period, m_counter })
        connect(box, &QSpinBox::valueChanged, this, &AddAccountDialog::validateManual);
    return page;
}

QWidget *AddAccountDialog::createImagePage()
{
    auto *page = new QWidget(this);
    auto *choose = new QPushButton(tr("&Choose an Image…"), page);
    choose->setObjectName(u"chooseImage"_s);
    choose->setAccessibleName(tr("Choose an image file"));
    m_imageThumb = new QLabel(page);
    m_imageThumb->setAlignment(Qt::AlignCenter);
    m_imageThumb->setAccessibleName(tr("Chosen image"));
    m_imageName = new QLabel(page);
    m_imageName->setAlignment(Qt::AlignCenter);
    m_imageName->setAccessibleName(tr("Chosen file"));

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(explanation(tr("Choose a screenshot or photo of the QR code, or drag the "
                                     "image file onto this window."),
                                  page));
    layout->addWidget(choose, 0, Qt::AlignLeft);
    layout->addWidget(m_imageThumb, 1);
    layout->addWidget(m_imageName);

    connect(choose, &QPushButton::clicked, this, [this] {
        QStringList patterns;
        for (const QByteArray &format : QImageReader::supportedImageFormats())
            patterns << u"*."_s + QString::fromLatin1(format);
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Choose an Image of the QR Code"), {},
            tr("Images (%1)").arg(patterns.join(u' ')) + u";;"_s + tr("All files (*)"));
        if (!path.isEmpty())
            loadImageFile(path);
    });
    return page;
}

QWidget *AddAccountDialog::createClipboardPage()
{
    auto *page = new QWidget(this);
    auto *scan = new QPushButton(tr("Scan the &Clipboard Image"), page);
    scan->setObjectName(u"scanClipboard"_s);
    scan->setAccessibleName(tr("Scan the clipboard image"));
    m_clipboardThumb = new QLabel(page);
    m_clipboardThumb->setAlignment(Qt::AlignCenter);
    m_clipboardThumb->setAccessibleName(tr("Clipboard image"));

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(explanation(tr("Copy a picture of the QR code (for example with your "
                                     "screenshot tool's copy action), then scan it here."),
                                  page));
    layout->addWidget(scan, 0, Qt::AlignLeft);
    layout->addWidget(m_clipboardThumb, 1);
    connect(scan, &QPushButton::clicked, this, &AddAccountDialog::scanClipboard);
    return page;
}

QWidget *AddAccountDialog::createScreenPage()
{
    auto *page = new QWidget(this);
    auto *scan = new QPushButton(tr("Scan the &Screen"), page);
    scan->setObjectName(u"scanScreen"_s);
    scan->setAccessibleName(tr("Scan the screen"));
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(explanation(tr("Show the QR code anywhere on your screens, for example in "
                                     "the website's page, and make sure this window does not "
                                     "cover it. Then scan: every screen is searched."),
                                  page));
    layout->addWidget(scan, 0, Qt::AlignLeft);
    layout->addStretch(1);
    connect(scan, &QPushButton::clicked, this, &AddAccountDialog::scanScreen);
    return page;
}

QWidget *AddAccountDialog::createCameraPage()
{
    m_cameraPage = new QWidget(this);
    m_cameraMessage = new QLabel(tr("Opening the camera…"), m_cameraPage);
    m_cameraMessage->setObjectName(u"cameraMessage"_s);
    m_cameraMessage->setWordWrap(true);
    m_cameraMessage->setAlignment(Qt::AlignCenter);
    m_cameraMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(m_cameraPage);
    layout->addWidget(m_cameraMessage);
    return m_cameraPage;
}

bool AddAccountDialog::ensureScanner()
{
    if (m_scanner)
        return true;
    WebcamScannerFactory *factory = WebcamPluginLoader::factory();
    if (!factory) {
        m_cameraMessage->setText(
            tr("The webcam scanner could not be loaded (%1). Reinstall Twofold, or add the "
               "account from an image, the screen or by typing the key.")
                .arg(WebcamPluginLoader::errorString()));
        return false;
    }
    m_scanner = factory->createScanner(m_cameraPage, [this](const QString &payload) {
        PageState state;
        state.generation = ++m_nextGeneration;
        if (auto found = AccountCode::parse(payload)) {
            state.accounts = found->accounts;
            state.message = found->note;
        } else {
            state.message = found.error().message;
            state.error = true;
        }
        setPageState(CameraPage, std::move(state));
    });
    m_scanner->widget()->setObjectName(u"cameraScanner"_s);
    m_cameraMessage->hide();
    m_cameraPage->layout()->addWidget(m_scanner->widget());
    m_scanner->widget()->show(); // made after the page was shown: the layout would wait a turn
    return true;
}

// ---- Sources -----------------------------------------------------------------------------

void AddAccountDialog::setSource(Source source)
{
    switch (source) {
    case Source::Choose:
    case Source::Uri:
        m_tabs->setCurrentIndex(LinkPage);
        break;
    case Source::Manual:
        m_tabs->setCurrentIndex(ManualPage);
        break;
    case Source::ImageFile:
        m_tabs->setCurrentIndex(ImagePage);
        break;
    case Source::Clipboard:
        m_tabs->setCurrentIndex(ClipboardPage);
        break;
    case Source::Screen:
        m_tabs->setCurrentIndex(ScreenPage);
        break;
    case Source::Camera:
        m_tabs->setCurrentIndex(CameraPage);
        break;
    }
}

AddAccountDialog::Source AddAccountDialog::source() const
{
    switch (m_tabs->currentIndex()) {
    case ManualPage:
        return Source::Manual;
    case ImagePage:
        return Source::ImageFile;
    case ClipboardPage:
        return Source::Clipboard;
    case ScreenPage:
        return Source::Screen;
    case CameraPage:
        return Source::Camera;
    default:
        return Source::Uri;
    }
}

void AddAccountDialog::onPageChanged(int index)
{
    if (index == CameraPage && ensureScanner() && isVisible())
        m_scanner->start();
    else if (m_scanner)
        m_scanner->stop();
    if (index == ClipboardPage && m_states[ClipboardPage].accounts.isEmpty()
        && !m_states[ClipboardPage].busy && QGuiApplication::clipboard()->mimeData()
        && QGuiApplication::clipboard()->mimeData()->hasImage())
        scanClipboard();
    refresh();
}

void AddAccountDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (m_tabs->currentIndex() == CameraPage && ensureScanner())
        m_scanner->start();
}

void AddAccountDialog::setUri(const QString &text)
{
    m_tabs->setCurrentIndex(LinkPage);
    m_uriEdit->setPlainText(text.trimmed());
}

void AddAccountDialog::updateClipboardOffer()
{
    const QString text = QGuiApplication::clipboard()->text();
    const bool offer = AccountCode::looksLikeAccountCode(text);
    m_pasteButton->setVisible(offer);
    m_pasteButton->setToolTip(offer ? tr("The clipboard holds an account link.") : QString());
}

void AddAccountDialog::parseLinks()
{
    PageState state;
    state.generation = ++m_nextGeneration;
    const QStringList lines = m_uriEdit->toPlainText().split(u'\n');
    const bool several = lines.size() > 1;
    QStringList errors;
    QStringList notes;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).trimmed().isEmpty())
            continue;
        auto found = AccountCode::parse(lines.at(i));
        if (!found) {
            errors << (several ? tr("Line %1: %2").arg(i + 1).arg(found.error().message)
                               : found.error().message);
            continue;
        }
        state.accounts << found->accounts;
        if (state.activationLink.isEmpty())
            state.activationLink = found->activationLink;
        if (!found->note.isEmpty())
            notes << found->note;
    }
    // A bad line among good ones blocks adding: the user should fix or remove it.
    state.error = !errors.isEmpty();
    state.message = (errors + notes).join(u'\n');
    setPageState(LinkPage, std::move(state));
}

void AddAccountDialog::updateManualFields()
{
    const auto type = OtpType(m_type->currentData().toInt());
    const bool steam = type == OtpType::Steam;
    if (steam) {
        m_algorithm->setCurrentIndex(0);
        m_period->setValue(30);
    }
    m_algorithm->setEnabled(!steam);
    m_digits->setEnabled(!steam);
    m_period->setEnabled(!steam);
    m_form->setRowVisible(m_period, type != OtpType::Hotp);
    m_form->setRowVisible(m_counter, type == OtpType::Hotp);
    m_form->setRowVisible(m_digits, !steam);
    validateManual();
}

void AddAccountDialog::validateManual()
{
    PageState state;
    state.generation = ++m_nextGeneration;
    OtpParameters params;
    params.type = OtpType(m_type->currentData().toInt());
    params.algorithm = HashAlgorithm(m_algorithm->currentData().toInt());
    params.digits = params.type == OtpType::Steam ? OtpParameters::steamDigits : m_digits->value();
    params.period = m_period->value();
    params.counter = quint64(m_counter->value());
    params.issuer = m_issuer->text().trimmed();
    params.account = m_account->text().trimmed();

    const QString secretText = m_secret->text();
    QString secretProblem;
    if (!secretText.trimmed().isEmpty()) {
        auto secret = Base32::decode(secretText);
        if (secret)
            params.secret = *secret;
        else
            secretProblem = secret.error().message;
    }
    m_secretError->setText(secretProblem);
    m_secretError->setVisible(!secretProblem.isEmpty());

    if (!secretProblem.isEmpty()) {
        state.message = tr("The secret key is not valid: see the note under it.");
        state.error = true;
    } else if (params.secret.isEmpty()) {
        state.message = tr("Type the secret key the website shows as text.");
    } else if (params.issuer.isEmpty() && params.account.isEmpty()) {
        state.message = tr("Enter the issuer or the account name, so that you can tell the "
                           "account apart.");
    } else if (auto valid = params.validate(); !valid) {
        state.message = valid.error().message;
        state.error = true;
    } else {
        state.accounts << params;
    }
    setPageState(ManualPage, std::move(state));
}

void AddAccountDialog::loadImageFile(const QString &path)
{
    m_tabs->setCurrentIndex(ImagePage);
    m_imageName->setText(QFileInfo(path).fileName());
    scanImageFile(path);
}

void AddAccountDialog::scanImageFile(const QString &path)
{
    PageState state;
    state.busy = true;
    state.generation = ++m_nextGeneration;
    state.message = tr("Looking for a QR code…");
    const quint64 generation = state.generation;
    setPageState(ImagePage, std::move(state));
    m_imageThumb->clear();
    m_pool.start([this, path, generation] {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        const QImage image = reader.read();
        const QStringList payloads = image.isNull() ? QStringList() : QrDecoder::decode(image);
        const QImage thumb = thumbnail(image);
        QMetaObject::invokeMethod(
            this,
            [this, payloads, generation, thumb] {
                if (m_states[ImagePage].generation != generation)
                    return;
                m_imageThumb->setPixmap(QPixmap::fromImage(thumb));
                applyScan(ImagePage, generation, payloads, thumb.isNull());
            },
            Qt::QueuedConnection);
    });
}

void AddAccountDialog::scanClipboard()
{
    m_tabs->setCurrentIndex(ClipboardPage);
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    QImage image;
    if (mime && mime->hasImage())
        image = qvariant_cast<QImage>(mime->imageData());
    if (image.isNull()) {
        PageState state;
        state.generation = ++m_nextGeneration;
        state.error = true;
        state.message = tr("The clipboard holds no picture. Copy the QR code image first, or "
                           "use the Link page if you copied a link.");
        m_clipboardThumb->clear();
        setPageState(ClipboardPage, std::move(state));
        return;
    }
    m_clipboardThumb->setPixmap(QPixmap::fromImage(thumbnail(image)));
    scanImages(ClipboardPage, { image });
}

void AddAccountDialog::scanScreen()
{
    m_tabs->setCurrentIndex(ScreenPage);
    // Grabbing is quick and must happen on the GUI thread; decoding goes to the worker.
    QList<QImage> shots;
    const QList<QScreen *> screens = QGuiApplication::screens();
    for (QScreen *screen : screens) {
        const QImage shot = screen->grabWindow(0).toImage();
        if (!shot.isNull())
            shots << shot;
    }
    if (shots.isEmpty()) {
        PageState state;
        state.generation = ++m_nextGeneration;
        state.error = true;
        state.message = tr("The screen could not be read on this system. Save the QR code as "
                           "an image and use the Image File page instead.");
        setPageState(ScreenPage, std::move(state));
        return;
    }
    scanImages(ScreenPage, shots);
}

void AddAccountDialog::scanImages(Page page, const QList<QImage> &images)
{
    PageState state;
    state.busy = true;
    state.generation = ++m_nextGeneration;
    state.message = tr("Looking for a QR code…");
    const quint64 generation = state.generation;
    setPageState(page, std::move(state));
    m_pool.start([this, page, images, generation] {
        QStringList payloads;
        for (const QImage &image : images) {
            for (const QString &payload : QrDecoder::decode(image)) {
                if (!payloads.contains(payload))
                    payloads << payload;
            }
        }
        QMetaObject::invokeMethod(
            this,
            [this, page, generation, payloads] { applyScan(page, generation, payloads, false); },
            Qt::QueuedConnection);
    });
}

void AddAccountDialog::applyScan(Page page, quint64 generation, const QStringList &payloads,
                                 bool unreadable)
{
    if (m_states[page].generation != generation)
        return; // a newer scan was started meanwhile
    PageState state;
    state.generation = generation;
    if (unreadable) {
        state.error = true;
        state.message = tr("This file could not be read as an image. Choose a PNG, JPEG or "
                           "other picture file.");
    } else if (auto found = AccountCode::parseAll(payloads)) {
        state.accounts = found->accounts;
        state.activationLink = found->activationLink;
        state.message = found->note;
    } else {
        state.error = true;
        state.message = found.error().message;
    }
    setPageState(page, std::move(state));
}

QImage AddAccountDialog::thumbnail(const QImage &image)
{
    if (image.isNull())
        return {};
    return image.width() > 200 || image.height() > 200
        ? image.scaled(200, 200, Qt::KeepAspectRatio, Qt::SmoothTransformation)
        : image;
}

// ---- Preview and result ------------------------------------------------------------------

void AddAccountDialog::setPageState(Page page, PageState state)
{
    m_states[page] = std::move(state);
    if (m_tabs->currentIndex() == page)
        refresh();
}

void AddAccountDialog::refresh()
{
    const int page = m_tabs->currentIndex();
    if (page < 0 || page >= PageCount)
        return;
    const PageState &state = m_states[page];
    const qsizetype count = state.accounts.size();

    QString message = state.message;
    if (!state.error && count > 1) {
        // Plain "%1 accounts": English has no translation file to pick a plural form from.
        const QString found = tr("%1 accounts found.").arg(count);
        message = message.isEmpty() ? found : found + u'\n' + message;
    }
    m_message->setText(message);
    m_message->setStyleSheet(state.error ? u"color: #b3261e;"_s : QString());
    m_message->setVisible(!message.isEmpty());

    m_preview->clear();
    for (const OtpParameters &params : state.accounts) {
        auto *item = new QTreeWidgetItem(m_preview);
        item->setText(0, params.issuer.isEmpty() ? tr("(no issuer)") : params.issuer);
        item->setText(1, params.account);
        item->setText(2, typeLabel(params.type));
    }
    m_previewTitle->setText(count == 0 ? tr("Nothing to add yet.") : tr("Will be added:"));
    m_preview->setEnabled(count > 0);

    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    const bool activation = !state.activationLink.isEmpty();
    ok->setEnabled((count > 0 || activation) && !state.error && !state.busy);
    ok->setText(count > 1                      ? tr("&Add %1 Accounts").arg(count)
                    : count == 0 && activation ? tr("&Turn On Sign-in Approvals")
                                               : tr("&Add Account"));
    Q_EMIT previewChanged();
}

QList<OtpParameters> AddAccountDialog::pendingAccounts() const
{
    const int page = m_tabs->currentIndex();
    return page >= 0 && page < PageCount ? m_states[page].accounts : QList<OtpParameters>();
}

QString AddAccountDialog::messageText() const
{
    return m_message->text();
}

bool AddAccountDialog::isBusy() const
{
    const int page = m_tabs->currentIndex();
    return page >= 0 && page < PageCount && m_states[page].busy;
}

void AddAccountDialog::accept()
{
    const int page = m_tabs->currentIndex();
    if (page < 0 || page >= PageCount || m_states[page].error || m_states[page].busy
        || (m_states[page].accounts.isEmpty() && m_states[page].activationLink.isEmpty()))
        return;
    m_accounts.clear();
    m_activationLink = m_states[page].activationLink;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const OtpParameters &params : std::as_const(m_states[page].accounts)) {
        vault::Account account;
        account.id = QUuid::createUuid();
        account.otp = params;
        account.addedAt = now;
        m_accounts << account;
    }
    if (m_scanner)
        m_scanner->stop();
    QDialog::accept();
}

QList<vault::Account> AddAccountDialog::accounts() const
{
    return m_accounts;
}

void AddAccountDialog::dragEnterEvent(QDragEnterEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (mime->hasImage() || !droppedFile(mime).isEmpty())
        event->acceptProposedAction();
}

void AddAccountDialog::dropEvent(QDropEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (const QString path = droppedFile(mime); !path.isEmpty()) {
        loadImageFile(path);
        event->acceptProposedAction();
    } else if (mime->hasImage()) {
        m_tabs->setCurrentIndex(ImagePage);
        const auto image = qvariant_cast<QImage>(mime->imageData());
        m_imageName->setText(tr("Dropped picture"));
        m_imageThumb->setPixmap(QPixmap::fromImage(thumbnail(image)));
        scanImages(ImagePage, { image });
        event->acceptProposedAction();
    }
}

} // namespace twofold::ui
