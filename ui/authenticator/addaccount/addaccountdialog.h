#pragma once

#include "otp/otpparameters.h"
#include "vault/account.h"

#include <QDialog>
#include <QImage>
#include <QList>
#include <QThreadPool>

#include <array>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTreeWidget;
class QFormLayout;
QT_END_NAMESPACE

namespace twofold::ui {

class WebcamScanner;

// Adds accounts: paste a URI (offered when the clipboard holds one), a manual form, a QR code
// from an image file (or dropped), the clipboard, the screen or a webcam. A migration code adds
// all its accounts. After accept(), accounts() holds what to add.
class AddAccountDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Source { Choose, Uri, Manual, ImageFile, Clipboard, Screen, Camera };

    explicit AddAccountDialog(QWidget *parent = nullptr, Source start = Source::Choose);
    ~AddAccountDialog() override;

    QList<vault::Account> accounts() const;
    // After accept(): a twofold://activate link to enroll this desktop for push, or empty.
    QString activationLink() const { return m_activationLink; }

    // Opens a page; Choose shows the link page.
    void setSource(Source source);
    Source source() const;

    // Fills the link page (one or more URIs, one a line) and shows it.
    void setUri(const QString &text);
    // Reads a QR code from an image file on a worker thread; previewChanged() tells the result.
    void loadImageFile(const QString &path);
    void scanClipboard();
    void scanScreen();

    // What the current page would add, shown in the preview list.
    QList<OtpParameters> pendingAccounts() const;
    // The message under the page: an error, a hint or a count.
    QString messageText() const;
    bool isBusy() const;

    void accept() override;

Q_SIGNALS:
    // The current page's result changed (after a scan finishes, or the text or form changed).
    void previewChanged();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    enum Page { LinkPage, ManualPage, ImagePage, ClipboardPage, ScreenPage, CameraPage, PageCount };

    struct PageState
    {
        QList<OtpParameters> accounts;
        QString activationLink; // a push activation code, added instead of accounts
        QString message;
        bool error = false;
        bool busy = false;
        quint64 generation = 0; // a newer scan makes older results stale
    };

    QWidget *createLinkPage();
    QWidget *createManualPage();
    QWidget *createImagePage();
    QWidget *createClipboardPage();
    QWidget *createScreenPage();
    QWidget *createCameraPage();
    bool ensureScanner(); // loads the webcam plugin on first use

    void onPageChanged(int index);
    void updateClipboardOffer();
    void parseLinks();
    void validateManual();
    void updateManualFields();
    void scanImages(Page page, const QList<QImage> &images);
    void scanImageFile(const QString &path);
    void applyScan(Page page, quint64 generation, const QStringList &payloads, bool unreadable);
    void setPageState(Page page, PageState state);
    void refresh();
    static QImage thumbnail(const QImage &image);

    QTabWidget *m_tabs = nullptr;
    // Link page
    QPlainTextEdit *m_uriEdit = nullptr;
    QPushButton *m_pasteButton = nullptr;
    // Manual page
    QFormLayout *m_form = nullptr;
    QLineEdit *m_issuer = nullptr;
    QLineEdit *m_account = nullptr;
    QLineEdit *m_secret = nullptr;
    QLabel *m_secretError = nullptr;
    QComboBox *m_type = nullptr;
    QComboBox *m_algorithm = nullptr;
    QSpinBox *m_digits = nullptr;
    QSpinBox *m_period = nullptr;
    QSpinBox *m_counter = nullptr;
    // Image, clipboard and screen pages
    QLabel *m_imageThumb = nullptr;
    QLabel *m_imageName = nullptr;
    QLabel *m_clipboardThumb = nullptr;
    // Camera page: the scanner comes from a plugin, made when the page is first opened.
    QWidget *m_cameraPage = nullptr;
    QLabel *m_cameraMessage = nullptr;
    WebcamScanner *m_scanner = nullptr;
    // Shared
    QLabel *m_message = nullptr;
    QLabel *m_previewTitle = nullptr;
    QTreeWidget *m_preview = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    std::array<PageState, PageCount> m_states;
    quint64 m_nextGeneration = 0;
    QThreadPool m_pool;
    QList<vault::Account> m_accounts;
    QString m_activationLink;
};

} // namespace twofold::ui
