#include "admin/userimportdialog.h"

#include "admin/jsontablemodel.h"
#include "client/adminclient.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

UserImportDialog::UserImportDialog(client::AdminClient &client, QByteArray csv,
                                   const QString &fileName, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_csv(std::move(csv))
    , m_rows(new JsonTableModel({ JsonTableModel::text(tr("Line"), u"line"_s),
                                  JsonTableModel::text(tr("Username"), u"username"_s),
                                  JsonTableModel::text(tr("Email"), u"email"_s),
                                  JsonTableModel::text(tr("Phone"), u"phone"_s),
                                  JsonTableModel::text(tr("Group"), u"group"_s) },
                                this))
    , m_table(new QTableView(this))
    , m_problems(new QPlainTextEdit(this))
    , m_status(new QLabel(tr("Checking %1…").arg(fileName), this))
{
    setWindowTitle(tr("Import users from %1").arg(fileName));
    m_table->setModel(m_rows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Users in the file"));
    m_problems->setReadOnly(true);
    m_problems->setAccessibleName(tr("Problems in the file"));
    m_problems->hide();
    m_status->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setEnabled(false);
    connect(m_import, &QPushButton::clicked, this, &UserImportDialog::runImport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 2);
    layout->addWidget(m_problems, 1);
    layout->addWidget(buttons);
    resize(720, 480);

    QUrlQuery query;
    query.addQueryItem(u"preview"_s, u"true"_s);
    m_client.upload(u"users/import"_s, query, m_csv, "text/csv"_ba)
        ->then(
            this,
            [this](const QJsonObject &preview) {
                m_rows->setRows(objectsOf(preview.value(u"rows"_s)));
                QStringList problems;
                for (const QJsonValue &line : preview.value(u"errors"_s).toArray())
                    problems << line.toString();
                const bool valid = preview.value(u"valid"_s).toBool() && problems.isEmpty();
                m_problems->setPlainText(problems.join(u'\n'));
                m_problems->setVisible(!valid);
                m_import->setEnabled(valid && m_rows->rowCount() > 0);
                m_import->setText(tr("&Import %n user(s)", nullptr, m_rows->rowCount()));
                m_status->setText(
                    valid ? tr("The file is good. Nothing changes until you press Import.")
                          : tr("Fix these lines in the file and open it again; nothing was "
                               "imported:"));
                emit previewed();
            },
            [this](const Error &error) {
                m_problems->setPlainText(error.message);
                m_problems->show();
                m_status->setText(tr("The file cannot be imported; nothing was changed."));
                emit previewed();
            });
}

int UserImportDialog::previewRows() const
{
    return m_rows->rowCount();
}

QString UserImportDialog::problems() const
{
    return m_problems->toPlainText();
}

void UserImportDialog::runImport()
{
    m_import->setEnabled(false);
    m_status->setText(tr("Importing…"));
    m_client.upload(u"users/import"_s, {}, m_csv, "text/csv"_ba)
        ->then(
            this,
            [this](const QJsonObject &answer) {
                m_imported = answer.value(u"imported"_s).toInt();
                accept();
            },
            [this](const Error &error) {
                m_status->setText(tr("Nothing was imported: %1").arg(error.message));
            });
}

} // namespace twofold::ui
