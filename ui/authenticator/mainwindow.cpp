#include "authenticator/mainwindow.h"

#include "authenticator/accountfiltermodel.h"
#include "authenticator/accountlistmodel.h"
#include "authenticator/accountlistview.h"
#include "authenticator/accountqrdialog.h"
#include "authenticator/addaccount/accountcode.h"
#include "authenticator/addaccount/addaccountdialog.h"
#include "authenticator/addaccount/importdialog.h"
#include "authenticator/addaccount/pluginloader.h"
#include "authenticator/appearance.h"
#include "authenticator/codeclipboard.h"
#include "authenticator/editaccountdialog.h"
#include "authenticator/exportdialog.h"
#include "authenticator/firststartdialog.h"
#include "authenticator/heap.h"
#include "authenticator/lockview.h"
#include "authenticator/push/pushservice.h"
#include "authenticator/screenlockwatcher.h"
#include "authenticator/settings.h"
#include "authenticator/settingsdialog.h"
#include "authenticator/vaultsession.h"
#include "vault/keychain.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

static void initTwofoldResources()
{
    Q_INIT_RESOURCE(twofold); // the .qrc lives in a static library
}

namespace twofold::ui {

namespace {

constexpr int undoSeconds = 10;
constexpr int copiedFlashSeconds = 2;
constexpr int statusSeconds = 6;
constexpr int heapTrimDelayMs = 500;

QWidget *centredMessage(const QString &iconPath, const QString &title, const QString &text,
                        QList<QPushButton *> buttons, QLabel **textLabel = nullptr)
{
    auto *page = new QWidget;
    auto *outer = new QVBoxLayout(page);
    outer->addStretch(2);
    auto *box = new QWidget;
    box->setMaximumWidth(440);
    box->setMinimumWidth(360);
    auto *layout = new QVBoxLayout(box);
    auto *icon = new QLabel;
    icon->setPixmap(QIcon(iconPath).pixmap(64, 64));
    icon->setAlignment(Qt::AlignCenter);
    icon->setMinimumHeight(76); // room for the whole pixmap, whatever the font
    layout->addWidget(icon);
    auto *heading = new QLabel(title);
    QFont f = heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    heading->setFont(f);
    heading->setAlignment(Qt::AlignCenter);
    heading->setWordWrap(true);
    layout->addWidget(heading);
    auto *body = new QLabel(text);
    body->setWordWrap(true);
    body->setAlignment(Qt::AlignCenter);
    body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(body);
    if (textLabel)
        *textLabel = body;
    auto *row = new QHBoxLayout;
    row->addStretch();
    for (QPushButton *b : buttons)
        row->addWidget(b);
    row->addStretch();
    layout->addSpacing(8);
    layout->addLayout(row);
    outer->addWidget(box, 0, Qt::AlignHCenter);
    outer->addStretch(3);
    return page;
}

} // namespace

MainWindow::MainWindow(const Clock &clock, Settings &settings, const QString &vaultPath,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_clock(clock)
    , m_settings(settings)
    , m_session(new VaultSession(vaultPath, this))
    , m_model(new AccountListModel(clock, this))
    , m_filter(new AccountFilterModel(this))
    , m_clipboard(new CodeClipboard(clock, this))
{
    m_dataDir = QFileInfo(vaultPath).absolutePath();
    initTwofoldResources();
    setWindowTitle(tr("Twofold"));
    setWindowIcon(QIcon(u":/icons/twofold.svg"_s));
    m_filter->setSourceModel(m_model);
    m_filter->setSortMode(
        AccountFilterModel::SortMode(m_settings.value(Settings::Key::SortMode).toInt()));

    createActions();
    createPages();
    createTray();
    statusBar()->setSizeGripEnabled(false);

    connect(m_session, &VaultSession::stateChanged, this, &MainWindow::onSessionState);
    connect(m_session, &VaultSession::error, this, [this](const QString &message) {
        if (m_session->state() == VaultSession::State::Locked)
            m_lockView->showError(message);
        else
            QMessageBox::warning(this, tr("Twofold"), message);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::showAccountsOrEmpty);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::showAccountsOrEmpty);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::showAccountsOrEmpty);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &MainWindow::showAccountsOrEmpty);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MainWindow::showAccountsOrEmpty);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::showAccountsOrEmpty);

    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(300); // several edits in a row make one write
    connect(&m_saveTimer, &QTimer::timeout, m_session, &VaultSession::save);
    m_ticker.setSingleShot(true);
    m_ticker.setTimerType(Qt::PreciseTimer);
    connect(&m_ticker, &QTimer::timeout, this, [this] {
        tick();
        scheduleNextTick();
    });

    auto *screenLock = new ScreenLockWatcher(this);
    connect(screenLock, &ScreenLockWatcher::screenLocked, this, [this] {
        if (m_settings.value(Settings::Key::LockOnScreenLock).toBool())
            lock();
    });
    qApp->installEventFilter(this); // idle time for auto-lock
    m_lastActivity = m_clock.currentSecsSinceEpoch();

    resize(560, 640);
    restoreGeometry(m_settings.value(Settings::Key::WindowGeometry).toByteArray());
    onSessionState();
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
    if (m_saveTimer.isActive())
        m_session->save();
    m_clipboard->clearNow();
}

void MainWindow::start()
{
    m_session->load();
    // Sign-in approvals run whether or not the vault is unlocked: they need none of its secrets.
    if (QFile::exists(QDir(m_dataDir).filePath(u"push-devices.json"_s)))
        pushService();
    scheduleNextTick();
    if (m_session->state() == VaultSession::State::NoVault)
        QTimer::singleShot(0, this, &MainWindow::showFirstStart);
}

bool MainWindow::startsInTray() const
{
    return m_tray && m_tray->isVisible()
        && m_settings.value(Settings::Key::StartMinimised).toBool();
}

void MainWindow::createActions()
{
    const auto make = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_addAction = make(tr("&Add account…"), QKeySequence::New, &MainWindow::addFromDialog);
    m_pasteAction = make(tr("Add from &pasted link"), QKeySequence::Paste, &MainWindow::pasteLink);
    m_importAction
        = make(tr("&Import a backup…"), QKeySequence(tr("Ctrl+I")), &MainWindow::importBackup);
    m_exportAction
        = make(tr("&Export…"), QKeySequence(tr("Ctrl+Shift+E")), &MainWindow::exportAccounts);
    m_lockAction = make(tr("&Lock"), QKeySequence(tr("Ctrl+L")), &MainWindow::lock);
    QAction *settings
        = make(tr("&Settings…"), QKeySequence(tr("Ctrl+,")), &MainWindow::openSettings);
    QAction *quit = make(tr("&Quit"), QKeySequence::Quit, [this] {
        m_quitting = true;
        close();
        qApp->quit();
    });
    file->addActions({ m_addAction, m_pasteAction, m_importAction, m_exportAction });
    file->addSeparator();
    file->addAction(make(tr("Sign-in appro&vals…"), QKeySequence(), [this] {
        if (PushService *push = pushService())
            push->showDevices();
    }));
    file->addSeparator();
    file->addActions({ m_lockAction, settings });
    file->addSeparator();
    file->addAction(quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_copyAction
        = make(tr("&Copy code"), QKeySequence::Copy, [this] { copyCode(m_view->currentIndex()); });
    m_nextAction = make(tr("&Next code (counter-based)"), QKeySequence(tr("Ctrl+Shift+N")),
                        [this] { nextHotpCode(m_view->currentIndex()); });
    m_editAction = make(tr("&Edit account…"), QKeySequence(tr("F2")), &MainWindow::editCurrent);
    m_pinAction = make(tr("&Pin to top"), QKeySequence(tr("Ctrl+P")), &MainWindow::togglePin);
    m_qrAction
        = make(tr("Show &QR code…"), QKeySequence(tr("Ctrl+Shift+Q")), &MainWindow::showQrCode);
    m_pinAction->setCheckable(true);
    m_deleteAction = make(tr("&Delete account…"), QKeySequence::Delete, &MainWindow::deleteCurrent);
    m_undoAction = make(tr("&Undo delete"), QKeySequence::Undo, &MainWindow::undoDelete);
    m_findAction = make(tr("&Find"), QKeySequence::Find, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    edit->addActions({ m_copyAction, m_nextAction });
    edit->addSeparator();
    edit->addActions({ m_editAction, m_qrAction, m_pinAction, m_deleteAction, m_undoAction });
    edit->addSeparator();
    edit->addAction(m_findAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    auto *sortGroup = new QActionGroup(this);
    const std::pair<QString, AccountFilterModel::SortMode> sorts[] = {
        { tr("Sort by &name"), AccountFilterModel::SortMode::Name },
        { tr("Sort by &issuer"), AccountFilterModel::SortMode::Issuer },
        { tr("Sort by &most used"), AccountFilterModel::SortMode::MostUsed },
    };
    int n = 1;
    for (const auto &[text, mode] : sorts) {
        QAction *a = view->addAction(text);
        a->setCheckable(true);
        a->setShortcut(QKeySequence(tr("Ctrl+%1").arg(n++)));
        a->setChecked(m_filter->sortMode() == mode);
        sortGroup->addAction(a);
        connect(a, &QAction::triggered, this,
                [this, sortMode = mode] { m_sort->setCurrentIndex(int(sortMode)); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Twofold"), this, [this] {
        QMessageBox::about(this, tr("About Twofold"),
                           tr("<b>Twofold %1</b><br>One-time codes for your accounts, kept in "
                              "an encrypted vault on this computer.")
                               .arg(QCoreApplication::applicationVersion()));
    });

    // Copy, edit and delete act on the list; elsewhere the keys keep their usual meaning.
    for (QAction *a : { m_copyAction, m_deleteAction, m_editAction })
        a->setShortcutContext(Qt::WidgetShortcut);
    for (QAction *a : findChildren<QAction *>())
        a->setObjectName(a->text().remove(u'&').remove(u'…'));
}

void MainWindow::createPages()
{
    m_pages = new QStackedWidget;
    setCentralWidget(m_pages);

    // The list page: search, group and sort above the list.
    m_listPage = new QWidget;
    auto *listLayout = new QVBoxLayout(m_listPage);
    listLayout->setContentsMargins(0, 6, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 0, 8, 0);
    m_search = new QLineEdit;
    m_search->setPlaceholderText(tr("Search accounts (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search accounts"));
    bar->addWidget(m_search, 1);
    m_group = new QComboBox;
    m_group->setAccessibleName(tr("Group"));
    m_group->setToolTip(tr("Show one group"));
    bar->addWidget(m_group);
    m_sort = new QComboBox;
    m_sort->addItem(tr("Name"));
    m_sort->addItem(tr("Issuer"));
    m_sort->addItem(tr("Most used"));
    m_sort->setAccessibleName(tr("Sort by"));
    m_sort->setToolTip(tr("Sort by"));
    m_sort->setCurrentIndex(int(m_filter->sortMode()));
    bar->addWidget(m_sort);
    auto *add = new QPushButton(QIcon(u":/icons/add.svg"_s), tr("Add"));
    add->setToolTip(tr("Add an account (Ctrl+N)"));
    add->setAccessibleName(tr("Add account"));
    connect(add, &QPushButton::clicked, m_addAction, &QAction::trigger);
    bar->addWidget(add);
    listLayout->addLayout(bar);

    m_view = new AccountListView;
    m_view->setModel(m_filter);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->addActions({ m_copyAction, m_editAction, m_deleteAction });
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    listLayout->addWidget(m_view, 1);
    m_noMatches = new QLabel;
    m_noMatches->setAlignment(Qt::AlignCenter);
    m_noMatches->setWordWrap(true);
    m_noMatches->setContentsMargins(16, 16, 16, 16);
    m_noMatches->hide();
    listLayout->addWidget(m_noMatches, 1);

    connect(m_search, &QLineEdit::textChanged, m_filter, &AccountFilterModel::setSearchText);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        // Enter in the search copies the selected match, or the first one.
        QModelIndex i = m_view->currentIndex();
        if (!i.isValid())
            i = m_filter->index(0, 0);
        copyCode(i);
    });
    m_search->installEventFilter(this);
    connect(m_view, &AccountListView::typedText, this, [this](const QString &text) {
        m_search->setFocus();
        m_search->insert(text);
    });
    connect(m_view, &AccountListView::copyRequested, this, &MainWindow::copyCode);
    connect(m_view, &AccountListView::nextCodeRequested, this, &MainWindow::nextHotpCode);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::updateActions);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_view->indexAt(pos).isValid())
            return;
        QMenu menu(this);
        menu.addActions({ m_copyAction, m_nextAction, m_editAction, m_qrAction, m_pinAction });
        menu.addSeparator();
        menu.addAction(m_deleteAction);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_group, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setGroup(m_group->currentData().toString()); });
    connect(m_sort, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_filter->setSortMode(AccountFilterModel::SortMode(index));
        m_settings.setValue(Settings::Key::SortMode, index);
        const QList<QAction *> sortActions = findChildren<QActionGroup *>().value(0)->actions();
        if (index >= 0 && index < sortActions.size())
            sortActions.at(index)->setChecked(true);
    });
    m_pages->addWidget(m_listPage);

    // Empty: what to do next.
    auto *emptyAdd = new QPushButton(tr("&Add account"));
    auto *emptyPaste = new QPushButton(tr("&Paste link"));
    auto *emptyImport = new QPushButton(tr("&Import backup"));
    connect(emptyAdd, &QPushButton::clicked, m_addAction, &QAction::trigger);
    connect(emptyPaste, &QPushButton::clicked, m_pasteAction, &QAction::trigger);
    connect(emptyImport, &QPushButton::clicked, m_importAction, &QAction::trigger);
    m_emptyPage = centredMessage(
        u":/icons/twofold.svg"_s, tr("No accounts yet"),
        tr("Add one with Ctrl+N, paste an otpauth:// link with Ctrl+V, or import a backup "
           "from another authenticator app."),
        { emptyAdd, emptyPaste, emptyImport });
    m_pages->addWidget(m_emptyPage);

    // No vault yet (first start was cancelled).
    auto *setUp = new QPushButton(tr("&Set up Twofold…"));
    connect(setUp, &QPushButton::clicked, this, &MainWindow::showFirstStart);
    m_welcomePage = centredMessage(u":/icons/twofold.svg"_s, tr("Welcome to Twofold"),
                                   tr("Twofold keeps your one-time codes in an encrypted vault. "
                                      "Choose how to protect it to begin."),
                                   { setUp });
    m_pages->addWidget(m_welcomePage);

    // The vault could not be read.
    auto *retry = new QPushButton(tr("&Try again"));
    auto *openFolder = new QPushButton(tr("&Open the data folder"));
    connect(retry, &QPushButton::clicked, m_session, &VaultSession::load);
    connect(openFolder, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_session->path()).absolutePath()));
    });
    m_errorPage = centredMessage(u":/icons/warning.svg"_s, tr("Your vault could not be opened"),
                                 QString(), { retry, openFolder }, &m_errorText);
    m_pages->addWidget(m_errorPage);

    m_lockView = new LockView;
    connect(m_lockView, &LockView::passwordEntered, m_session, &VaultSession::unlockWithPassword);
    connect(m_lockView, &LockView::keychainRequested, m_session, &VaultSession::unlockWithKeychain);
    m_pages->addWidget(m_lockView);

    // The status bar carries the copy feedback and the Undo button.
    m_status = new QLabel;
    m_status->setAccessibleName(tr("Status"));
    statusBar()->addWidget(m_status, 1);
    m_undoButton = new QPushButton(tr("&Undo"));
    m_undoButton->setAccessibleName(tr("Undo delete"));
    m_undoButton->setFlat(true);
    m_undoButton->hide();
    connect(m_undoButton, &QPushButton::clicked, this, &MainWindow::undoDelete);
    statusBar()->addPermanentWidget(m_undoButton);
}

void MainWindow::createTray()
{
    m_showAction = new QAction(tr("&Show Twofold"), this);
    connect(m_showAction, &QAction::triggered, this, [this] {
        if (isVisible() && !isMinimized())
            hide();
        else
            raiseWindow();
    });
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new QSystemTrayIcon(QIcon(u":/icons/twofold.svg"_s), this);
    m_tray->setToolTip(tr("Twofold"));
    auto *menu = new QMenu(this);
    menu->addAction(m_showAction);
    menu->addAction(m_lockAction);
    menu->addSeparator();
    menu->addAction(tr("&Quit"), this, [this] {
        m_quitting = true;
        close();
        qApp->quit();
    });
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger)
            m_showAction->trigger();
    });
    m_tray->setVisible(m_settings.value(Settings::Key::ShowTrayIcon).toBool());
}

void MainWindow::raiseWindow()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

QWidget *MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

void MainWindow::showStatus(const QString &text)
{
    m_status->setText(text);
    m_statusUntil = m_clock.currentSecsSinceEpoch() + statusSeconds;
}

void MainWindow::onSessionState()
{
    using State = VaultSession::State;
    const State state = m_session->state();
    m_lockView->setBusy(state == State::Busy);
    switch (state) {
    case State::Unlocked:
        m_model->setAccounts(m_session->vault()->accounts());
        updateGroups();
        m_lastActivity = m_clock.currentSecsSinceEpoch();
        showAccountsOrEmpty();
        if (m_pages->currentWidget() == m_listPage)
            m_view->setFocus();
        // Once the list has been painted, return what decrypting and parsing left free.
        QTimer::singleShot(heapTrimDelayMs, this, &releaseFreedHeap);
        break;
    case State::Locked:
        m_model->setLocked(true);
        m_clipboard->clearNow();
        m_lockView->setMethods(m_session->hasPasswordSlot(), m_session->hasKeychainSlot());
        m_pages->setCurrentWidget(m_lockView);
        m_lockView->focusPassword();
        if (!m_autoKeychainTried && m_session->hasKeychainSlot()) {
            // Only at start: after a manual lock the keychain must be asked for on purpose.
            m_autoKeychainTried = true;
            QTimer::singleShot(0, m_session, &VaultSession::unlockWithKeychain);
        }
        break;
    case State::Busy:
        if (m_pages->currentWidget() != m_lockView)
            m_pages->setCurrentWidget(m_lockView);
        break;
    case State::NoVault:
        m_model->setLocked(true);
        m_pages->setCurrentWidget(m_welcomePage);
        break;
    case State::Failed:
        m_model->setLocked(true);
        m_errorText->setText(
            tr("%1\n\nThe file is %2. If it was damaged, the previous version is kept next "
               "to it as %3.bak: close Twofold, rename that backup to the vault's name, and "
               "start again.")
                .arg(m_session->errorString(), QDir::toNativeSeparators(m_session->path()),
                     QFileInfo(m_session->path()).fileName()));
        m_pages->setCurrentWidget(m_errorPage);
        break;
    }
    updateActions();
}

void MainWindow::showAccountsOrEmpty()
{
    if (m_session->state() != VaultSession::State::Unlocked)
        return;
    if (m_model->rowCount() == 0) {
        m_pages->setCurrentWidget(m_emptyPage);
    } else {
        m_pages->setCurrentWidget(m_listPage);
        const bool none = m_filter->rowCount() == 0;
        m_view->setVisible(!none);
        m_noMatches->setVisible(none);
        if (none) {
            m_noMatches->setText(
                tr("No account matches “%1”. Check the spelling, or press Esc to show all.")
                    .arg(m_search->text().trimmed()));
        } else if (!m_view->currentIndex().isValid()) {
            m_view->setCurrentIndex(m_filter->index(0, 0));
        }
    }
    updateActions();
}

void MainWindow::updateGroups()
{
    QStringList groups;
    for (const vault::Account &a : m_model->accounts()) {
        if (!a.group.isEmpty() && !groups.contains(a.group))
            groups.append(a.group);
    }
    groups.sort(Qt::CaseInsensitive);
    const QString current = m_group->currentData().toString();
    const QSignalBlocker block(m_group);
    m_group->clear();
    m_group->addItem(tr("All groups"), QString());
    for (const QString &g : groups)
        m_group->addItem(g, g);
    m_group->setCurrentIndex(std::max(0, m_group->findData(current)));
    m_filter->setGroup(m_group->currentData().toString());
    m_group->setVisible(!groups.isEmpty());
}

void MainWindow::updateActions()
{
    const bool unlocked = m_session->state() == VaultSession::State::Unlocked;
    const vault::Account *a = unlocked ? currentAccount() : nullptr;
    for (QAction *action :
         { m_addAction, m_pasteAction, m_importAction, m_lockAction, m_findAction })
        action->setEnabled(unlocked);
    for (QAction *action : { m_copyAction, m_editAction, m_qrAction, m_deleteAction, m_pinAction })
        action->setEnabled(a != nullptr);
    m_exportAction->setEnabled(unlocked && m_model->rowCount() > 0);
    m_nextAction->setEnabled(a && a->otp.type == OtpType::Hotp);
    m_pinAction->setChecked(a && a->pinned);
    m_undoAction->setEnabled(unlocked && m_deleted.has_value());
}

const vault::Account *MainWindow::currentAccount() const
{
    const QModelIndex i = m_filter->mapToSource(m_view->currentIndex());
    return m_model->account(i.isValid() ? i.row() : -1);
}

void MainWindow::scheduleNextTick()
{
    // Fire just after the next whole second, when TOTP codes change.
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    m_ticker.start(int(1000 - ms % 1000) + 5);
}

void MainWindow::scheduleSave()
{
    m_saveTimer.start();
}

void MainWindow::tick()
{
    const qint64 now = m_clock.currentSecsSinceEpoch();
    m_clipboard->expire();
    if (m_copiedUntil && now >= m_copiedUntil) {
        m_copiedUntil = 0;
        m_model->setCopied({});
    }
    if (m_statusUntil && now >= m_statusUntil) {
        m_statusUntil = 0;
        m_status->clear();
    }
    if (m_deleted && now >= m_undoUntil) {
        m_deleted.reset();
        m_undoButton->hide();
        updateActions();
    }
    const int idleMinutes = m_settings.autoLockMinutes();
    if (idleMinutes > 0 && m_session->state() == VaultSession::State::Unlocked
        && now - m_lastActivity >= qint64(idleMinutes) * 60) {
        lock();
        return;
    }
    if (m_pages->currentWidget() == m_listPage)
        m_view->refreshVisibleCodes(*m_model);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
        m_lastActivity = m_clock.currentSecsSinceEpoch();
        break;
    default:
        break;
    }
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            m_view->setFocus();
            QCoreApplication::sendEvent(m_view, event);
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setValue(Settings::Key::WindowGeometry, saveGeometry());
    if (!m_quitting && m_tray && m_tray->isVisible()) {
        hide(); // keep running in the tray
        event->ignore();
        return;
    }
    if (m_saveTimer.isActive()) {
        m_saveTimer.stop();
        m_session->save();
    }
    m_clipboard->clearNow();
    event->accept();
}

void MainWindow::showFirstStart()
{
    FirstStartDialog dialog(this);
    auto *keychain = new vault::Keychain(&dialog);
    connect(keychain, &vault::Keychain::availabilityChecked, &dialog,
            &FirstStartDialog::setKeychainAvailable);
    keychain->checkAvailable();
    if (dialog.exec() != QDialog::Accepted)
        return;
    const auto p = dialog.protection();
    m_session->create(p != FirstStartDialog::Protection::Password, dialog.password());
}

void MainWindow::addAccounts(const QList<vault::Account> &accounts)
{
    vault::Vault *v = m_session->vault();
    if (!v || accounts.isEmpty())
        return;
    const Result<vault::AddSummary> added = v->addAccounts(accounts);
    if (!added) {
        QMessageBox::warning(this, tr("Twofold"),
                             tr("Nothing was added: %1").arg(added.error().message));
        return;
    }
    m_session->save();
    m_model->setAccounts(v->accounts());
    updateGroups();
    if (added->duplicates > 0)
        showStatus(tr("%n added, ", nullptr, added->added)
                   + tr("%n duplicates skipped.", nullptr, added->duplicates));
    else
        showStatus(tr("%n account(s) added.", nullptr, added->added));
}

void MainWindow::addFromDialog()
{
    if (!m_session->vault())
        return;
    AddAccountDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        addFromDialogResult(dialog);
}

void MainWindow::addFromDialogResult(const AddAccountDialog &dialog)
{
    if (!dialog.activationLink().isEmpty()) {
        if (PushService *push = pushService())
            push->activate(dialog.activationLink());
    }
    if (!dialog.accounts().isEmpty())
        addAccounts(dialog.accounts());
}

void MainWindow::openLink(const QString &link)
{
    if (!AccountCode::looksLikeAccountCode(link))
        return showStatus(tr("Twofold cannot open this link: %1").arg(link.left(80)));
    if (link.startsWith(u"twofold://activate"_s, Qt::CaseInsensitive)) {
        if (PushService *push = pushService())
            push->activate(link);
        return;
    }
    // An otpauth link: shown in the add-account dialog, added once the vault is open.
    if (!m_session->vault())
        return showStatus(tr("Unlock Twofold first, then open the link again."));
    AddAccountDialog dialog(this);
    dialog.setUri(link);
    if (dialog.exec() == QDialog::Accepted)
        addFromDialogResult(dialog);
}

PushService *MainWindow::pushService()
{
    if (m_push)
        return m_push;
    QString error;
    auto *factory = qobject_cast<PushServiceFactory *>(
        PluginLoader::load(QStringLiteral(TWOFOLD_PUSH_PLUGIN_FILE), &error));
    if (!factory) {
        showStatus(tr("Sign-in approvals are not installed (%1). Reinstall Twofold.").arg(error));
        return nullptr;
    }
    m_push = factory->createPushService(m_clock, m_dataDir, this, m_tray, this);
    return m_push;
}

void MainWindow::pasteLink()
{
    if (!m_session->vault())
        return;
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    const QString text = mime ? mime->text().trimmed() : QString();
    AddAccountDialog dialog(this);
    if (AccountCode::looksLikeAccountCode(text)) {
        dialog.setUri(text);
    } else if (mime && mime->hasImage()) {
        dialog.setSource(AddAccountDialog::Source::Clipboard);
    } else {
        showStatus(tr("The clipboard holds no otpauth:// link or QR code. Copy one first, or "
                      "add the account with Ctrl+N."));
        return;
    }
    if (dialog.exec() == QDialog::Accepted)
        addFromDialogResult(dialog);
}

void MainWindow::importBackup()
{
    if (!m_session->vault())
        return;
    ImportDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        addAccounts(dialog.accounts());
}

void MainWindow::exportAccounts()
{
    vault::Vault *v = m_session->vault();
    if (!v || v->accounts().isEmpty())
        return;
    ExportDialog dialog(v->accounts(), this);
    connect(&dialog, &ExportDialog::exported, this, &MainWindow::showStatus);
    dialog.exec();
}

void MainWindow::showQrCode()
{
    const vault::Account *a = currentAccount();
    if (!a)
        return;
    AccountQrDialog dialog(*a, this);
    dialog.exec();
}

void MainWindow::copyCode(const QModelIndex &proxyIndex)
{
    const QModelIndex source = m_filter->mapToSource(proxyIndex);
    const vault::Account *a = m_model->account(source.isValid() ? source.row() : -1);
    if (!a)
        return;
    const QString code = m_model->code(source.row());
    if (code.isEmpty()) {
        showStatus(tr("No code could be made for this account. Check its secret in Edit."));
        return;
    }
    const int timeout = m_settings.clipboardClearSeconds();
    m_clipboard->copy(code, timeout);
    const QString label = a->otp.issuer.isEmpty() ? a->otp.account : a->otp.issuer;
    showStatus(timeout > 0 ? tr("Copied the code for %1. The clipboard is cleared in %n s.",
                                nullptr, timeout)
                                 .arg(label)
                           : tr("Copied the code for %1.").arg(label));
    m_model->setCopied(a->id);
    m_copiedUntil = m_clock.currentSecsSinceEpoch() + copiedFlashSeconds;
    vault::Account used = *a;
    ++used.useCount;
    storeAccount(used, false);
}

void MainWindow::storeAccount(const vault::Account &account, bool saveNow)
{
    vault::Vault *v = m_session->vault();
    if (!v)
        return;
    if (const Result<void> r = v->updateAccount(account); !r) {
        showStatus(r.error().message);
        return;
    }
    m_model->upsertAccount(account);
    if (saveNow)
        m_session->save();
    else
        scheduleSave();
    updateActions();
}

void MainWindow::nextHotpCode(const QModelIndex &proxyIndex)
{
    const QModelIndex source = m_filter->mapToSource(proxyIndex);
    const vault::Account *a = m_model->account(source.isValid() ? source.row() : -1);
    if (!a || a->otp.type != OtpType::Hotp)
        return;
    vault::Account next = *a;
    ++next.otp.counter;
    storeAccount(next, true); // the counter must survive a crash, or codes repeat
    showStatus(tr("Counter advanced to %1.").arg(next.otp.counter));
}

void MainWindow::editCurrent()
{
    const vault::Account *a = currentAccount();
    if (!a)
        return;
    QStringList groups;
    for (const vault::Account &other : m_model->accounts()) {
        if (!other.group.isEmpty() && !groups.contains(other.group))
            groups.append(other.group);
    }
    EditAccountDialog dialog(*a, groups, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    storeAccount(dialog.account(), true);
    updateGroups();
}

void MainWindow::togglePin()
{
    const vault::Account *a = currentAccount();
    if (!a)
        return;
    vault::Account pinned = *a;
    pinned.pinned = !pinned.pinned;
    storeAccount(pinned, false);
    m_view->scrollTo(m_view->currentIndex());
}

void MainWindow::deleteCurrent()
{
    const vault::Account *a = currentAccount();
    vault::Vault *v = m_session->vault();
    if (!a || !v)
        return;
    const QString label = a->otp.account.isEmpty()
        ? a->otp.issuer
        : tr("%1 (%2)").arg(a->otp.issuer, a->otp.account);
    const auto answer = QMessageBox::question(
        this, tr("Delete account"),
        tr("Delete %1?\n\nYou can undo this for a few seconds. After that, you need the "
           "service's QR code or recovery codes to add it again.")
            .arg(label),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    const vault::Account removed = *a;
    if (const Result<void> r = v->removeAccount(removed.id); !r) {
        showStatus(r.error().message);
        return;
    }
    m_model->removeAccount(removed.id);
    m_session->save();
    m_deleted = removed;
    m_undoUntil = m_clock.currentSecsSinceEpoch() + undoSeconds;
    showStatus(tr("Deleted %1.").arg(label));
    m_statusUntil = m_undoUntil;
    m_undoButton->show();
    updateGroups();
    updateActions();
}

void MainWindow::undoDelete()
{
    vault::Vault *v = m_session->vault();
    if (!m_deleted || !v)
        return;
    const vault::Account restored = *m_deleted;
    m_deleted.reset();
    m_undoButton->hide();
    if (const Result<vault::AddSummary> r = v->addAccounts({ restored }); !r) {
        showStatus(r.error().message);
        return;
    }
    m_session->save();
    m_model->setAccounts(v->accounts());
    updateGroups();
    const int row = m_filter->mapFromSource(m_model->index(m_model->rowOf(restored.id))).row();
    if (row >= 0)
        m_view->setCurrentIndex(m_filter->index(row, 0));
    showStatus(tr("Restored %1.").arg(restored.otp.issuer));
}

void MainWindow::lock()
{
    if (m_session->state() != VaultSession::State::Unlocked)
        return;
    if (m_saveTimer.isActive()) {
        m_saveTimer.stop();
        m_session->save();
    }
    m_search->clear();
    m_deleted.reset();
    m_undoButton->hide();
    m_status->clear();
    m_session->lock();
}

void MainWindow::openSettings()
{
    const QString language = m_settings.value(Settings::Key::Language).toString();
    SettingsDialog dialog(m_settings, QSystemTrayIcon::isSystemTrayAvailable(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    applySettings();
    if (m_settings.value(Settings::Key::Language).toString() != language)
        applyLanguage(m_settings.value(Settings::Key::Language).toString());
}

void MainWindow::applySettings()
{
    applyTheme(m_settings.value(Settings::Key::Theme).toString());
    if (m_tray)
        m_tray->setVisible(m_settings.value(Settings::Key::ShowTrayIcon).toBool());
}

} // namespace twofold::ui
