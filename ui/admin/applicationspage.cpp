#include "admin/applicationspage.h"

#include "admin/adminsession.h"
#include "admin/jsontablemodel.h"
#include "admin/statuslabel.h"
#include "client/adminclient.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

ApplicationsPage::ApplicationsPage(client::AdminClient &client, const AdminSession &session,
                                   QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_session(session)
    , m_model(new JsonTableModel({ JsonTableModel::text(tr("Name"), u"name"_s),
                                   JsonTableModel::text(tr("Integration key"), u"ikey"_s),
                                   JsonTableModel::time(tr("Created"), u"created"_s) },
                                 this))
    , m_table(new QTableView(this))
    , m_create(new QPushButton(tr("&New application…"), this))
    , m_delete(new QPushButton(tr("&Delete"), this))
    , m_status(new StatusLabel(this))
{
    setUpTable(m_table, m_model, tr("Applications"));
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ApplicationsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ApplicationsPage::updateButtons);
    connect(m_create, &QPushButton::clicked, this, &ApplicationsPage::askName);
    connect(m_delete, &QPushButton::clicked, this, &ApplicationsPage::confirmDelete);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_create);
    actions->addStretch();
    actions->addWidget(m_delete);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addLayout(actions);
    updateButtons();
}

QString ApplicationsPage::status() const
{
    return m_status->text();
}

void ApplicationsPage::refresh()
{
    const int generation = ++m_generation;
    m_client.get(u"apps"_s)->then(
        this,
        [this, generation](const QJsonObject &answer) {
            if (generation != m_generation)
                return;
            m_model->setRows(objectsOf(answer.value(u"apps"_s)));
            if (!m_note.isEmpty())
                m_status->showInfo(std::exchange(m_note, {}));
            else if (m_model->rowCount() == 0)
                m_status->showInfo(tr("No application verifies sign-ins yet. Add one with New "
                                      "application… and put its keys in its configuration."));
            else
                m_status->showInfo({});
        },
        [this, generation](const Error &error) {
            if (generation == m_generation)
                m_status->showError(error.message);
        });
}

void ApplicationsPage::updateButtons()
{
    m_session.guard(m_create, u"apps.write"_s);
    m_session.guard(m_delete, u"apps.write"_s,
                    !m_table->selectionModel()->selectedRows().isEmpty());
}

void ApplicationsPage::askName()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New application"),
                                               tr("&Name, as administrators will recognise it:"),
                                               QLineEdit::Normal, {}, &ok)
                             .trimmed();
    if (ok && !name.isEmpty())
        createApplication(name);
}

void ApplicationsPage::createApplication(const QString &name)
{
    m_client.send("POST"_ba, u"apps"_s, { { u"name"_s, name } })
        ->then(
            this,
            [this](const QJsonObject &keys) {
                m_note = tr("Application %1 was added.").arg(keys.value(u"name"_s).toString());
                refresh();
                showKeys(keys);
                emit created(keys);
            },
            [this](const Error &error) { m_status->showError(error.message); });
}

void ApplicationsPage::showKeys(const QJsonObject &keys)
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"applicationKeysDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Keys of %1").arg(keys.value(u"name"_s).toString()));
    auto *form = new QFormLayout;
    struct Row
    {
        QString title, copy, value;
    };
    const Row rows[] = {
        { tr("Integration key:"), tr("Copy &integration key"), keys.value(u"ikey"_s).toString() },
        { tr("Secret key:"), tr("Copy &secret key"), keys.value(u"skey"_s).toString() },
        { tr("API host:"), tr("Copy API &host"), keys.value(u"host"_s).toString() },
    };
    for (const Row &row : rows) {
        auto *field = new QLineEdit(row.value, dialog);
        field->setReadOnly(true);
        field->setAccessibleName(QString(row.title).remove(u':'));
        field->setMinimumWidth(field->fontMetrics().horizontalAdvance(row.value) + 24);
        auto *copy = new QPushButton(row.copy, dialog);
        connect(copy, &QPushButton::clicked, dialog,
                [value = row.value] { QApplication::clipboard()->setText(value); });
        auto *line = new QHBoxLayout;
        line->addWidget(field, 1);
        line->addWidget(copy);
        form->addRow(row.title, line);
    }
    auto *warning = new QLabel(tr("The secret key is shown only now; store it in the "
                                  "application's configuration."),
                               dialog);
    warning->setWordWrap(true);
    warning->setStyleSheet(u"font-weight: bold"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addLayout(form);
    layout->addWidget(warning);
    layout->addWidget(buttons);
    dialog->open();
}

void ApplicationsPage::confirmDelete()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QJsonObject &app = m_model->rowObject(rows.first().row());
    const QString name = app.value(u"name"_s).toString();
    const auto answer = QMessageBox::question(
        this, tr("Delete %1?").arg(name),
        tr("Delete the application %1? It can no longer verify sign-ins, and its keys cannot be "
           "restored: a new application gets new keys.")
            .arg(name),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        deleteApplication(app.value(u"ikey"_s).toString());
}

void ApplicationsPage::deleteApplication(const QString &ikey)
{
    m_client.send("DELETE"_ba, u"apps/"_s + client::AdminClient::argument(ikey), {})
        ->then(
            this,
            [this, ikey](const QJsonObject &) {
                m_note = tr("Application %1 was deleted.").arg(ikey);
                m_status->showInfo(m_note);
                refresh();
            },
            [this](const Error &error) { m_status->showError(error.message); });
}

} // namespace twofold::ui
