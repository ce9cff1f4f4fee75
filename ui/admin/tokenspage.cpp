#include "admin/tokenspage.h"

#include "admin/adminsession.h"
#include "admin/jsontablemodel.h"
#include "admin/statuslabel.h"
#include "admin/tokenimportdialog.h"
#include "client/adminclient.h"
#include "crypto/secure.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

QString stateTitle(const QString &state)
{
    if (state == u"unassigned")
        return TokensPage::tr("Unassigned");
    if (state == u"assigned")
        return TokensPage::tr("Assigned, waiting for a first code");
    if (state == u"active")
        return TokensPage::tr("Active");
    return state;
}

} // namespace

TokensPage::TokensPage(client::AdminClient &client, const AdminSession &session, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_session(session)
    , m_model(new JsonTableModel({ JsonTableModel::text(tr("Serial"), u"serial"_s),
                                   JsonTableModel::text(tr("Manufacturer"), u"manufacturer"_s),
                                   JsonTableModel::text(tr("Model"), u"model"_s),
                                   JsonTableModel::text(tr("Type"), u"type"_s),
                                   JsonTableModel::text(tr("Digits"), u"digits"_s),
                                   JsonTableModel::text(tr("Assigned user"), u"user"_s),
                                   { tr("State"),
                                     [](const QJsonObject &token) -> QVariant {
                                         return stateTitle(token.value(u"state"_s).toString());
                                     } } },
                                 this))
    , m_table(new QTableView(this))
    , m_search(new QLineEdit(this))
    , m_unassigned(new QCheckBox(tr("&Unassigned only"), this))
    , m_import(new QPushButton(tr("&Import…"), this))
    , m_assign(new QPushButton(tr("&Assign…"), this))
    , m_activate(new QPushButton(tr("Ac&tivate…"), this))
    , m_unassign(new QPushButton(tr("U&nassign"), this))
    , m_status(new StatusLabel(this))
{
    m_search->setPlaceholderText(tr("Serial number starts with…"));
    m_search->setAccessibleName(tr("Search tokens by serial number"));
    m_search->setClearButtonEnabled(true);
    auto *searchLabel = new QLabel(tr("&Serial:"), this);
    searchLabel->setBuddy(m_search);
    connect(m_search, &QLineEdit::textChanged, this, &TokensPage::refresh);
    connect(m_unassigned, &QCheckBox::toggled, this, &TokensPage::refresh);

    setUpTable(m_table, m_model, tr("Hardware tokens"));
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TokensPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TokensPage::updateButtons);

    connect(m_import, &QPushButton::clicked, this, &TokensPage::chooseFile);
    connect(m_assign, &QPushButton::clicked, this, &TokensPage::assignSelected);
    connect(m_activate, &QPushButton::clicked, this, &TokensPage::activateSelected);
    connect(m_unassign, &QPushButton::clicked, this, &TokensPage::unassignSelected);

    auto *filters = new QHBoxLayout;
    filters->addWidget(searchLabel);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_unassigned);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_import);
    actions->addStretch();
    actions->addWidget(m_assign);
    actions->addWidget(m_activate);
    actions->addWidget(m_unassign);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addLayout(actions);
    updateButtons();
}

QString TokensPage::status() const
{
    return m_status->text();
}

void TokensPage::refresh()
{
    load(true);
}

void TokensPage::load(bool report)
{
    QUrlQuery query;
    const QString prefix = m_search->text().trimmed();
    if (!prefix.isEmpty())
        query.addQueryItem(u"serial"_s, client::AdminClient::argument(prefix));
    if (m_unassigned->isChecked())
        query.addQueryItem(u"unassigned"_s, u"true"_s);
    query.addQueryItem(u"limit"_s, u"1000"_s);
    const int generation = ++m_generation;
    m_client.get(u"tokens"_s, query)
        ->then(
            this,
            [this, generation, prefix, report](const QJsonObject &answer) {
                if (generation != m_generation)
                    return;
                m_model->setRows(objectsOf(answer.value(u"tokens"_s)));
                if (!report)
                    return;
                if (m_model->rowCount() > 0)
                    m_status->showInfo(tr("%n token(s).", nullptr, m_model->rowCount()));
                else if (prefix.isEmpty() && !m_unassigned->isChecked())
                    m_status->showInfo(tr("No hardware token has been imported yet. Import the "
                                          "file that came with the tokens (Azure CSV or "
                                          "PSKC) with Import…"));
                else
                    m_status->showInfo(tr("No token matches. Clear the search, or import the "
                                          "tokens' file with Import…"));
            },
            [this, generation](const Error &error) {
                if (generation == m_generation)
                    m_status->showError(error.message);
            });
}

QString TokensPage::selectedSerial() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return m_model->rowObject(rows.first().row()).value(u"serial"_s).toString();
}

void TokensPage::updateButtons()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const QString state = rows.isEmpty()
        ? QString()
        : m_model->rowObject(rows.first().row()).value(u"state"_s).toString();
    m_session.guard(m_import, u"tokens.write"_s);
    m_session.guard(m_assign, u"tokens.write"_s, state == u"unassigned");
    m_session.guard(m_activate, u"tokens.write"_s, state == u"assigned");
    m_session.guard(m_unassign, u"tokens.write"_s, state == u"assigned" || state == u"active");
}

// ---- import ----

void TokensPage::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import hardware tokens"), {},
        tr("Token files (*.csv *.xml *.pskc *.pskcxml);;Azure CSV (*.csv);;PSKC (*.xml *.pskc "
           "*.pskcxml)"));
    if (!path.isEmpty())
        importFile(path);
}

TokensPage::~TokensPage()
{
    // Its destroyed() handler scrubs this page's copy of the file: run it while that still lives.
    delete m_dialog;
}

void TokensPage::importFile(const QString &path, const QString &secret, SecretKind kind)
{
    if (m_dialog)
        m_dialog->close();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"csv")
        m_format = u"csv"_s;
    else if (suffix == u"xml" || suffix == u"pskc" || suffix == u"pskcxml")
        m_format = u"pskc"_s;
    else
        return m_status->showError(tr("%1 is neither an Azure CSV file (.csv) nor a PSKC file "
                                      "(.xml, .pskc). Choose the file the token vendor sent.")
                                       .arg(QFileInfo(path).fileName()));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return m_status->showError(
            tr("Cannot read %1: %2. Check that the file exists and that you may read it.")
                .arg(path, file.errorString()));
    m_file = file.readAll();
    m_secret = secret;
    m_secretKind = kind;

    auto *dialog = new TokenImportDialog(path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TokenImportDialog::importRequested, this, &TokensPage::importNow);
    // The file and its secret are kept only while the dialog is open.
    connect(dialog, &QObject::destroyed, this, [this, dialog] {
        if (m_dialog && m_dialog != dialog)
            return; // an earlier import's dialog: the file now is another one
        scrub(m_secret);
        m_file.clear();
    });
    m_dialog = dialog;
    dialog->open();
    preview();
}

client::AdminClient::Headers TokensPage::secretHeaders() const
{
    // In a header, not the query: a query string may end up in a proxy's access log.
    if (m_format != u"pskc" || m_secret.isEmpty())
        return {};
    return { { m_secretKind == SecretKind::KeyHex ? "X-Twofold-Pskc-Key"_ba
                                                  : "X-Twofold-Pskc-Password"_ba,
               m_secret.toUtf8() } };
}

void TokensPage::preview()
{
    if (!m_dialog)
        return;
    m_dialog->showBusy(tr("Reading the file…"));
    QUrlQuery query;
    query.addQueryItem(u"format"_s, m_format);
    query.addQueryItem(u"preview"_s, u"true"_s);
    const QByteArray type = m_format == u"csv" ? "text/csv"_ba : "application/xml"_ba;
    m_client.upload(u"tokens/import"_s, query, m_file, type, secretHeaders())
        ->then(
            this,
            [this](const QJsonObject &answer) {
                if (m_dialog)
                    m_dialog->showPreview(answer);
            },
            [this](const Error &error) { importFailed(error, true); });
}

void TokensPage::importNow()
{
    if (!m_dialog)
        return;
    m_dialog->showBusy(tr("Importing…"));
    QUrlQuery query;
    query.addQueryItem(u"format"_s, m_format);
    const QByteArray type = m_format == u"csv" ? "text/csv"_ba : "application/xml"_ba;
    m_client.upload(u"tokens/import"_s, query, m_file, type, secretHeaders())
        ->then(
            this,
            [this](const QJsonObject &answer) {
                scrub(m_secret);
                if (m_dialog)
                    m_dialog->showImported(answer);
                emit changed();
                refresh();
            },
            [this](const Error &error) { importFailed(error, false); });
}

void TokensPage::importFailed(const Error &error, bool previewing)
{
    if (!m_dialog)
        return;
    const bool keyProblem
        = error.code == ErrorCode::TokenKeyNeeded || error.code == ErrorCode::TokenKeyWrong;
    if (previewing && keyProblem && askSecret(error.message))
        return preview();
    m_dialog->showError(error.message);
}

bool TokensPage::askSecret(const QString &why)
{
    QDialog ask(m_dialog ? static_cast<QWidget *>(m_dialog) : this);
    ask.setWindowTitle(tr("Key of the token file"));
    auto *kind = new QComboBox(&ask);
    kind->addItem(tr("Password"));
    kind->addItem(tr("Pre-shared key (hexadecimal)"));
    kind->setCurrentIndex(why.contains(u"pre-shared key"_s) ? 1 : 0);
    auto *secret = new QLineEdit(&ask);
    secret->setEchoMode(QLineEdit::Password);
    secret->setAccessibleName(tr("Password or key"));
    auto *reason = new QLabel(why, &ask);
    reason->setWordWrap(true);
    reason->setTextFormat(Qt::PlainText);
    auto *form = new QFormLayout;
    form->addRow(tr("&Kind:"), kind);
    form->addRow(tr("&Password or key:"), secret);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &ask);
    connect(buttons, &QDialogButtonBox::accepted, &ask, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &ask, &QDialog::reject);
    auto *layout = new QVBoxLayout(&ask);
    layout->addWidget(reason);
    layout->addLayout(form);
    layout->addWidget(buttons);
    secret->setFocus();
    if (ask.exec() != QDialog::Accepted || secret->text().isEmpty() || !m_dialog)
        return false;
    scrub(m_secret);
    m_secret = secret->text().remove(u' ');
    m_secretKind = kind->currentIndex() == 1 ? SecretKind::KeyHex : SecretKind::Password;
    secret->clear();
    return true;
}

// ---- one token ----

void TokensPage::post(const QString &serial, const QString &verb, const QJsonObject &body,
                      const QString &done)
{
    m_client
        .send("POST"_ba, u"tokens/"_s + client::AdminClient::argument(serial) + u'/' + verb, body)
        ->then(
            this,
            [this, done](const QJsonObject &) {
                emit changed();
                load(false); // the result stays in the status line, not the list's count
                m_status->showInfo(done);
            },
            [this](const Error &error) { m_status->showError(error.message); });
}

void TokensPage::assign(const QString &serial, const QString &user)
{
    post(serial, u"assign"_s, { { u"user"_s, user } },
         tr("Token %1 is assigned to %2. Activate it with a code that the token shows.")
             .arg(serial, user));
}

void TokensPage::activate(const QString &serial, const QString &code)
{
    post(serial, u"activate"_s, { { u"code"_s, code } },
         tr("Token %1 is active: it verifies sign-ins now.").arg(serial));
}

void TokensPage::unassign(const QString &serial)
{
    post(serial, u"unassign"_s, {},
         tr("Token %1 is unassigned; it can be given to another user.").arg(serial));
}

void TokensPage::assignSelected()
{
    const QString serial = selectedSerial();
    if (serial.isEmpty())
        return;
    bool ok = false;
    const QString user = QInputDialog::getText(this, tr("Assign token %1").arg(serial),
                                               tr("&User name:"), QLineEdit::Normal, {}, &ok)
                             .trimmed();
    if (ok && !user.isEmpty())
        assign(serial, user);
}

void TokensPage::activateSelected()
{
    const QString serial = selectedSerial();
    if (serial.isEmpty())
        return;
    bool ok = false;
    const QString code = QInputDialog::getText(this, tr("Activate token %1").arg(serial),
                                               tr("Press the token's button and enter the "
                                                  "&code it shows:"),
                                               QLineEdit::Normal, {}, &ok)
                             .remove(u' ');
    if (ok && !code.isEmpty())
        activate(serial, code);
}

void TokensPage::unassignSelected()
{
    const QString serial = selectedSerial();
    if (!serial.isEmpty())
        unassign(serial);
}

} // namespace twofold::ui
