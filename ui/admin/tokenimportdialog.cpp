#include "admin/tokenimportdialog.h"

#include "admin/jsontablemodel.h"
#include "admin/statuslabel.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

TokenImportDialog::TokenImportDialog(const QString &fileName, QWidget *parent)
    : QDialog(parent)
    , m_tokens(new JsonTableModel({ JsonTableModel::text(tr("Serial"), u"serial"_s),
                                    JsonTableModel::text(tr("Manufacturer"), u"manufacturer"_s),
                                    JsonTableModel::text(tr("Model"), u"model"_s),
                                    JsonTableModel::text(tr("Type"), u"type"_s),
                                    JsonTableModel::text(tr("Digits"), u"digits"_s),
                                    JsonTableModel::text(tr("User in the file"), u"user"_s),
                                    { tr("Already imported"),
                                      [](const QJsonObject &token) -> QVariant {
                                          return token.value(u"known"_s).toBool()
                                              ? tr("Yes, it will be updated")
                                              : QString();
                                      } } },
                                  this))
    , m_table(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
    , m_status(new StatusLabel(this))
{
    setWindowTitle(tr("Import tokens from %1").arg(QFileInfo(fileName).fileName()));
    m_table->setModel(m_tokens);
    m_table->setAccessibleName(tr("Tokens found in the file"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_details->setReadOnly(true);
    m_details->setAccessibleName(tr("Skipped tokens and errors"));
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::ActionRole);
    m_import->setEnabled(false);
    m_import->setDefault(true);
    connect(m_import, &QPushButton::clicked, this, [this] {
        m_import->setEnabled(false);
        emit importRequested();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 2);
    layout->addWidget(m_details, 1);
    layout->addWidget(buttons);
    resize(760, 520);
}

void TokenImportDialog::showBusy(const QString &text)
{
    m_import->setEnabled(false);
    m_status->showInfo(text);
}

void TokenImportDialog::showPreview(const QJsonObject &preview)
{
    m_tokens->setRows(objectsOf(preview.value(u"tokens"_s)));
    QStringList lines;
    for (const QJsonObject &skip : objectsOf(preview.value(u"skipped"_s)))
        lines << tr("Skipped %1: %2")
                     .arg(skip.value(u"serial"_s).toString(), skip.value(u"reason"_s).toString());
    m_details->setPlainText(lines.join(u'\n'));
    m_details->setVisible(!lines.isEmpty());
    const int count = tokenCount();
    m_import->setText(tr("&Import %n token(s)", nullptr, count));
    m_import->setEnabled(count > 0);
    if (count == 0)
        m_status->showError(tr("The file holds no token that can be imported. Read the reasons "
                               "below, or ask the vendor for another file."));
    else
        m_status->showInfo(
            tr("Found %n token(s). Nothing is imported until you press Import.", nullptr, count)
            + (lines.isEmpty()
                   ? QString()
                   : u' ' + tr("%n token(s) will be skipped.", nullptr, int(lines.size()))));
}

void TokenImportDialog::showError(const QString &message)
{
    QStringList lines = message.split(u'\n');
    m_status->showError(lines.takeFirst());
    m_details->setPlainText(lines.join(u'\n'));
    m_details->setVisible(!lines.isEmpty());
    m_import->setEnabled(false);
}

void TokenImportDialog::showImported(const QJsonObject &answer)
{
    const int imported = int(answer.value(u"imported"_s).toArray().size());
    const int skipped = int(answer.value(u"skipped"_s).toArray().size());
    m_import->hide();
    m_status->showInfo(tr("Imported %n token(s).", nullptr, imported)
                       + (skipped > 0 ? u' ' + tr("Skipped %n.", nullptr, skipped) : QString())
                       + u' '
                       + tr("Assign them to users under OATH tokens or in a user's enrollment."));
}

int TokenImportDialog::tokenCount() const
{
    return m_tokens->rowCount();
}

QString TokenImportDialog::status() const
{
    if (m_details->toPlainText().isEmpty())
        return m_status->text();
    return m_status->text() + u'\n' + m_details->toPlainText();
}

} // namespace twofold::ui
