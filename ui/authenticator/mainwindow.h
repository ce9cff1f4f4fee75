#pragma once

#include "clock.h"
#include "vault/account.h"

#include <QMainWindow>
#include <QTimer>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QSystemTrayIcon;

namespace twofold::ui {

class AccountFilterModel;
class AddAccountDialog;
class PushService;
class AccountListModel;
class AccountListView;
class CodeClipboard;
class LockView;
class Settings;
class VaultSession;

// The authenticator: the account list with live codes, and the locked, empty, first-start and
// error states around it. Time comes from the injected clock; tick() runs once a second.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(const Clock &clock, Settings &settings, const QString &vaultPath,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the vault (or asks how to create it) and starts the once-a-second tick.
    void start();
    // A twofold:// link the app was started with or handed (activation for sign-in approvals).
    void openLink(const QString &link);
    // Whether the window should start hidden in the tray (setting, and a tray exists).
    bool startsInTray() const;

    // Adds accounts to the unlocked vault and the list; says how many were new.
    void addAccounts(const QList<vault::Account> &accounts);
    void copyCode(const QModelIndex &proxyIndex);
    void lock();
    void tick(); // clipboard timeout, idle lock, undo expiry, visible codes
    void raiseWindow();

    VaultSession &session() { return *m_session; }
    AccountListModel &model() { return *m_model; }
    AccountFilterModel &filterModel() { return *m_filter; }
    AccountListView &view() { return *m_view; }
    CodeClipboard &clipboard() { return *m_clipboard; }
    QLineEdit &searchField() { return *m_search; }
    LockView &lockView() { return *m_lockView; }
    QString statusText() const;
    QWidget *currentPage() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createPages();
    void createTray();
    void onSessionState();
    void showFirstStart();
    void showAccountsOrEmpty();
    void updateGroups();
    void updateActions();
    void scheduleNextTick();
    void scheduleSave();
    void showStatus(const QString &text);

    const vault::Account *currentAccount() const;
    void addFromDialog();
    // The sign-in approvals plugin, loaded on first use; nullptr (with a message) if missing.
    PushService *pushService();
    void addFromDialogResult(const AddAccountDialog &dialog);
    void pasteLink();
    void importBackup();
    void exportAccounts();
    void showQrCode();
    void editCurrent();
    void deleteCurrent();
    void undoDelete();
    void togglePin();
    void nextHotpCode(const QModelIndex &proxyIndex);
    void storeAccount(const vault::Account &account, bool saveNow);
    void openSettings();
    void applySettings();

    const Clock &m_clock;
    Settings &m_settings;
    VaultSession *m_session;
    AccountListModel *m_model;
    AccountFilterModel *m_filter;
    CodeClipboard *m_clipboard;

    QStackedWidget *m_pages = nullptr;
    QWidget *m_listPage = nullptr;
    QWidget *m_emptyPage = nullptr;
    QWidget *m_welcomePage = nullptr;
    QWidget *m_errorPage = nullptr;
    QLabel *m_errorText = nullptr;
    LockView *m_lockView = nullptr;
    AccountListView *m_view = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_sort = nullptr;
    QComboBox *m_group = nullptr;
    QLabel *m_noMatches = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_undoButton = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    PushService *m_push = nullptr;
    QString m_dataDir;

    QAction *m_addAction = nullptr;
    QAction *m_pasteAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_qrAction = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_pinAction = nullptr;
    QAction *m_nextAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_lockAction = nullptr;
    QAction *m_showAction = nullptr;

    QTimer m_ticker;
    QTimer m_saveTimer;
    qint64 m_lastActivity = 0;
    qint64 m_copiedUntil = 0;
    qint64 m_statusUntil = 0;
    std::optional<vault::Account> m_deleted; // for Undo
    qint64 m_undoUntil = 0;
    bool m_autoKeychainTried = false;
    bool m_quitting = false;
};

} // namespace twofold::ui
