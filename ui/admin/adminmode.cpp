#include "admin/adminmode.h"

#include "admin/adminwindow.h"
#include "admin/connectdialog.h"

#include <QApplication>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace twofold::ui {

AdminMode::AdminMode(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    // Between the sign-in dialog and the window no window is open: quitting is decided here.
    QApplication::setQuitOnLastWindowClosed(false);
    connect(&m_client, &client::AdminClient::sessionEnded, this, [this](const QString &reason) {
        showSignIn(tr("Your session has ended (%1). Sign in again.").arg(reason));
    });
}

AdminMode::~AdminMode()
{
    delete m_window;
    delete m_dialog;
}

void AdminMode::start(bool localServer)
{
    showSignIn();
    if (localServer)
        m_dialog->startLocalServer();
}

void AdminMode::showSignIn(const QString &reason)
{
    if (m_window) {
        m_window->hide();
        m_window->deleteLater();
    }
    if (!m_dialog) {
        m_dialog = new ConnectDialog(m_client, m_book, m_localServer, m_clock);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &QDialog::accepted, this, &AdminMode::signedIn);
        connect(m_dialog, &QDialog::rejected, qApp, &QApplication::quit, Qt::QueuedConnection);
    }
    m_dialog->show();
    if (!reason.isEmpty())
        QMessageBox::information(m_dialog, tr("Signed out"), reason);
}

void AdminMode::signedIn()
{
    // The role decides what the window offers: ask the server what this session may do.
    m_client.get(u"session"_s)
        ->then(
            this,
            [this](const QJsonObject &whoAmI) {
                m_window = new AdminWindow(m_client, whoAmI, m_clock);
                m_window->setAttribute(Qt::WA_DeleteOnClose);
                connect(m_window, &QObject::destroyed, this, [this] {
                    if (!m_dialog || !m_dialog->isVisible())
                        QApplication::quit(); // closed by the person, not a sign-out
                });
                connect(m_window, &AdminWindow::signOutRequested, this, [this] {
                    m_client.signOut();
                    showSignIn();
                });
                m_window->show();
                emit windowShown();
            },
            [this](const Error &error) { showSignIn(error.message); });
}

} // namespace twofold::ui
