#include "admin/connectdialog.h"

#include "admin/localserver.h"
#include "admin/serverbook.h"
#include "client/adminclient.h"
#include "clock.h"
#include "otp/otpauthuri.h"
#include "otp/otpgenerator.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

QString readableFingerprint(const QByteArray &hex)
{
    QStringList lines;
    const QByteArray upper = hex.toUpper();
    for (qsizetype line = 0; line < upper.size(); line += 32) {
        QStringList pairs;
        for (qsizetype i = line; i < std::min(line + 32, upper.size()); i += 2)
            pairs << QString::fromLatin1(upper.mid(i, 2));
        lines << pairs.join(u':');
    }
    return lines.join(u'\n');
}

ConnectDialog::ConnectDialog(client::AdminClient &client, ServerBook &book,
                             LocalServer &localServer, const Clock &clock, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_book(book)
    , m_localServer(localServer)
    , m_clock(clock)
    , m_server(new QComboBox(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_code(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_signIn(new QPushButton(tr("&Sign in"), this))
    , m_local(new QPushButton(tr("Start a &local server for evaluation"), this))
{
    setWindowTitle(tr("Sign in to a Twofold server"));
    m_server->setEditable(true);
    m_server->setAccessibleName(tr("Server address"));
    m_server->lineEdit()->setPlaceholderText(u"https://mfa.example.org:8443"_s);
    for (const ServerBook::Entry &entry : m_book.entries())
        m_server->addItem(entry.url);
    m_username->setAccessibleName(tr("Username"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_code->setAccessibleName(tr("Code from your authenticator"));
    m_code->setPlaceholderText(tr("6 digits"));
    m_code->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[0-9 ]{0,11}"_s), m_code));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("Se&rver:"), m_server);
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Code:"), m_code);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_signIn, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_signIn->setDefault(true);
    connect(m_signIn, &QPushButton::clicked, this, &ConnectDialog::signIn);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_local->setToolTip(tr("Runs twofold-server on this computer, on loopback only, with its "
                           "own data folder, and signs you in as its administrator."));
    connect(m_local, &QPushButton::clicked, this, &ConnectDialog::startLocalServer);

    auto *intro = new QLabel(tr("Sign in with your administrator password and the 6-digit code "
                                "from your authenticator app."),
                             this);
    intro->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    layout->addSpacing(8);
    layout->addWidget(m_local);

    connect(m_server, &QComboBox::currentIndexChanged, this, &ConnectDialog::serverChosen);
    serverChosen(m_server->currentIndex());
    connect(&m_localServer, &LocalServer::failed, this, [this](const QString &reason) {
        setBusy(false);
        showError(reason);
    });
    connect(&m_localServer, &LocalServer::started, this, &ConnectDialog::localServerStarted);
    resize(520, sizeHint().height());
}

void ConnectDialog::localServerStarted()
{
    // The evaluation admin's code comes from its TOTP account, as an authenticator would.
    const LocalServer::Credentials &admin = m_localServer.credentials();
    auto params = OtpAuthUri::parse(admin.otpauthUri);
    // The server takes each time step's code once: when this one was used by a sign-in moments
    // ago (the app restarted), the next step's code, which it also accepts, is the way in.
    const auto code = params ? OtpGenerator(*params).codeAt(m_clock.currentSecsSinceEpoch()
                                                            + m_localRetry * params->period)
                             : Result<QString>(params.error());
    if (!code) {
        setBusy(false);
        return showError(code.error().message);
    }
    signInTo(m_localServer.url(), m_localServer.fingerprint(), admin.username, admin.password,
             *code, false);
}

void ConnectDialog::serverChosen(int index)
{
    const QList<ServerBook::Entry> entries = m_book.entries();
    if (index >= 0 && index < entries.size())
        m_username->setText(entries[index].username);
    (m_username->text().isEmpty() ? m_username : m_password)->setFocus();
}

void ConnectDialog::setBusy(bool busy, const QString &status)
{
    for (QWidget *widget : std::initializer_list<QWidget *> { m_server, m_username, m_password,
                                                              m_code, m_signIn, m_local })
        widget->setEnabled(!busy);
    m_status->setStyleSheet({});
    m_status->setText(status);
}

void ConnectDialog::showError(const QString &message)
{
    m_status->setStyleSheet(u"color: palette(highlight); font-weight: bold"_s);
    m_status->setText(message);
}

void ConnectDialog::fill(const QString &server, const QString &username, const QString &password,
                         const QString &code)
{
    m_server->setEditText(server);
    m_username->setText(username);
    m_password->setText(password);
    m_code->setText(code);
}

QString ConnectDialog::status() const
{
    return m_status->text();
}

void ConnectDialog::signIn()
{
    QString address = m_server->currentText().trimmed();
    if (!address.contains(u"://"))
        address.prepend(u"https://"_s);
    const QUrl url(address, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != u"https" && url.scheme() != u"http"))
        return showError(tr("Enter the server's address, for example "
                            "https://mfa.example.org:8443."));
    if (m_username->text().trimmed().isEmpty() || m_password->text().isEmpty())
        return showError(tr("Enter your username and password."));
    const QString code = m_code->text().remove(u' ');
    if (code.size() < 6)
        return showError(tr("Enter the 6-digit code from your authenticator app."));
    signInTo(url, m_book.fingerprint(url.toString()), m_username->text().trimmed(),
             m_password->text(), code, true);
}

void ConnectDialog::signInTo(const QUrl &url, const QByteArray &pin, const QString &username,
                             const QString &password, const QString &code, bool remember)
{
    setBusy(true, tr("Signing in to %1…").arg(url.toDisplayString()));
    m_client.setServer(url, pin);
    client::AdminReply *reply = m_client.signIn(username, password, code);
    connect(reply, &client::AdminReply::finished, this,
            [this, reply, url, username, password, code, remember] {
                reply->deleteLater();
                setBusy(false);
                if (reply->isOk()) {
                    if (remember)
                        m_book.remember(url.toString(), username);
                    m_password->clear();
                    m_code->clear();
                    return accept();
                }
                const Error &error = *reply->error();
                if (!remember && error.code == ErrorCode::NotAuthenticated && m_localRetry == 0) {
                    ++m_localRetry;
                    return localServerStarted();
                }
                if (error.code != ErrorCode::CertificateUnknown
                    && error.code != ErrorCode::CertificateChanged)
                    return showError(error.message);
                const QByteArray presented = reply->presentedFingerprint();
                QMessageBox box(this);
                box.setTextFormat(Qt::PlainText);
                QAbstractButton *trust = nullptr;
                if (error.code == ErrorCode::CertificateUnknown) {
                    box.setIcon(QMessageBox::Question);
                    box.setWindowTitle(tr("Trust this server?"));
                    box.setText(tr("This is your first connection to %1. Its certificate's "
                                   "SHA-256 fingerprint is:\n\n%2\n\nTrust it only if it is the "
                                   "fingerprint that twofold-server printed when it was set up.")
                                    .arg(url.toDisplayString(), readableFingerprint(presented)));
                    trust = box.addButton(tr("&Trust and sign in"), QMessageBox::AcceptRole);
                    box.setDefaultButton(box.addButton(QMessageBox::Cancel));
                } else {
                    box.setIcon(QMessageBox::Warning);
                    box.setWindowTitle(tr("The server's certificate has changed"));
                    box.setText(tr("The certificate of %1 is not the one you trusted before.\n\n"
                                   "Trusted:\n%2\n\nPresented now:\n%3\n\nIf its administrator "
                                   "replaced the certificate, you can trust the new one. "
                                   "Otherwise someone may be intercepting the connection: do "
                                   "not sign in.")
                                    .arg(url.toDisplayString(),
                                         readableFingerprint(m_client.pinnedFingerprint()),
                                         readableFingerprint(presented)));
                    trust = box.addButton(tr("&Trust the new certificate"),
                                          QMessageBox::DestructiveRole);
                    box.setDefaultButton(box.addButton(QMessageBox::Cancel));
                }
                box.exec();
                if (box.clickedButton() != trust || presented.isEmpty())
                    return showError(error.message);
                if (remember)
                    m_book.pin(url.toString(), presented);
                signInTo(url, presented, username, password, code, remember);
            });
}

void ConnectDialog::startLocalServer()
{
    m_localRetry = 0;
    setBusy(true, tr("Starting the local server…"));
    if (m_localServer.isRunning() && !m_localServer.url().isEmpty())
        localServerStarted();
    else
        m_localServer.start();
}

} // namespace twofold::ui
