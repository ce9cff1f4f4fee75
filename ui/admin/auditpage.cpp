#include "admin/auditpage.h"

#include "admin/adminsession.h"
#include "admin/jsontablemodel.h"
#include "admin/statuslabel.h"
#include "client/adminclient.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

constexpr int pageSize = 200;

QString compactDetails(const QJsonValue &details)
{
    if (details.isObject())
        return details.toObject().isEmpty()
            ? QString()
            : QString::fromUtf8(QJsonDocument(details.toObject()).toJson(QJsonDocument::Compact));
    if (details.isArray())
        return QString::fromUtf8(QJsonDocument(details.toArray()).toJson(QJsonDocument::Compact));
    return details.toVariant().toString();
}

QDateTimeEdit *timeEdit(QWidget *parent, const QString &name)
{
    auto *edit = new QDateTimeEdit(QDateTime::currentDateTime(), parent);
    edit->setCalendarPopup(true);
    edit->setEnabled(false);
    edit->setAccessibleName(name);
    return edit;
}

} // namespace

AuditPage::AuditPage(client::AdminClient &client, const AdminSession &session, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_session(session)
    , m_model(new JsonTableModel({ JsonTableModel::text(tr("Seq"), u"seq"_s),
                                   JsonTableModel::time(tr("Time"), u"time"_s),
                                   JsonTableModel::text(tr("Actor"), u"actor"_s),
                                   JsonTableModel::text(tr("Action"), u"action"_s),
                                   JsonTableModel::text(tr("Subject"), u"subject"_s),
                                   JsonTableModel::text(tr("Result"), u"result"_s),
                                   { tr("Details"),
                                     [](const QJsonObject &entry) -> QVariant {
                                         return compactDetails(entry.value(u"details"_s));
                                     } } },
                                 this))
    , m_table(new QTableView(this))
    , m_subject(new QLineEdit(this))
    , m_action(new QLineEdit(this))
    , m_actor(new QLineEdit(this))
    , m_useFrom(new QCheckBox(tr("&From:"), this))
    , m_from(timeEdit(this, tr("From time")))
    , m_useTo(new QCheckBox(tr("&To:"), this))
    , m_to(timeEdit(this, tr("To time")))
    , m_search(new QPushButton(tr("&Search"), this))
    , m_older(new QPushButton(tr("Load &older"), this))
    , m_verify(new QPushButton(tr("&Verify chain"), this))
    , m_export(new QPushButton(tr("&Export CSV…"), this))
    , m_status(new StatusLabel(this))
{
    m_subject->setPlaceholderText(tr("user name, token serial, application key…"));
    m_action->setPlaceholderText(tr("such as user.block or verify.passcode"));
    m_actor->setPlaceholderText(tr("such as admin:alice"));
    for (QLineEdit *edit : { m_subject, m_action, m_actor }) {
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::returnPressed, this, &AuditPage::search);
    }
    m_subject->setAccessibleName(tr("Subject"));
    m_action->setAccessibleName(tr("Action"));
    m_actor->setAccessibleName(tr("Actor"));
    m_from->setDateTime(QDateTime::currentDateTime().addDays(-7));
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);

    auto *grid = new QGridLayout;
    const auto addField = [this, grid](int row, int column, const QString &label, QWidget *edit) {
        auto *title = new QLabel(label, this);
        title->setBuddy(edit);
        grid->addWidget(title, row, column);
        grid->addWidget(edit, row, column + 1);
    };
    addField(0, 0, tr("Su&bject:"), m_subject);
    addField(0, 2, tr("&Action:"), m_action);
    addField(0, 4, tr("A&ctor:"), m_actor);
    grid->addWidget(m_useFrom, 1, 0);
    grid->addWidget(m_from, 1, 1);
    grid->addWidget(m_useTo, 1, 2);
    grid->addWidget(m_to, 1, 3);
    grid->addWidget(m_search, 1, 5);
    m_search->setDefault(true);

    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Audit log entries, newest first"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);

    connect(m_search, &QPushButton::clicked, this, &AuditPage::search);
    connect(m_older, &QPushButton::clicked, this, &AuditPage::loadOlder);
    connect(m_verify, &QPushButton::clicked, this, &AuditPage::verifyChain);
    connect(m_export, &QPushButton::clicked, this, &AuditPage::chooseExportFile);
    m_older->setEnabled(false);
    for (QPushButton *button : { m_search, m_verify, m_export })
        m_session.guard(button, u"audit.read"_s);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_older);
    actions->addStretch();
    actions->addWidget(m_verify);
    actions->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addLayout(actions);
}

QString AuditPage::status() const
{
    return m_status->text();
}

void AuditPage::setFilters(const QString &subject, const QString &action, const QString &actor)
{
    m_subject->setText(subject);
    m_action->setText(action);
    m_actor->setText(actor);
}

QUrlQuery AuditPage::filters() const
{
    QUrlQuery query;
    const std::pair<QString, QLineEdit *> texts[]
        = { { u"subject"_s, m_subject }, { u"action"_s, m_action }, { u"actor"_s, m_actor } };
    for (const auto &[key, edit] : texts) {
        const QString value = edit->text().trimmed();
        if (!value.isEmpty())
            query.addQueryItem(key, client::AdminClient::argument(value));
    }
    if (m_useFrom->isChecked())
        query.addQueryItem(u"from"_s, QString::number(m_from->dateTime().toSecsSinceEpoch()));
    if (m_useTo->isChecked())
        query.addQueryItem(u"to"_s, QString::number(m_to->dateTime().toSecsSinceEpoch()));
    return query;
}

void AuditPage::refresh()
{
    search();
}

void AuditPage::search()
{
    load(0);
}

void AuditPage::loadOlder()
{
    qint64 smallest = std::numeric_limits<qint64>::max();
    for (const QJsonObject &entry : m_model->rows())
        smallest = std::min(smallest, entry.value(u"seq"_s).toInteger());
    if (m_model->rowCount() > 0)
        load(smallest);
}

void AuditPage::load(qint64 before)
{
    if (!m_session.may(u"audit.read"_s))
        return m_status->showError(
            tr("Your role (%1) may not read the audit log.").arg(m_session.roleTitle()));
    if (m_useFrom->isChecked() && m_useTo->isChecked() && m_from->dateTime() > m_to->dateTime())
        return m_status->showError(tr("The From time is after the To time. Change one of them."));
    QUrlQuery query = filters();
    if (before > 0)
        query.addQueryItem(u"before"_s, QString::number(before));
    query.addQueryItem(u"limit"_s, QString::number(pageSize));
    const int generation = ++m_generation;
    m_older->setEnabled(false);
    m_status->showInfo(tr("Searching…"));
    m_client.get(u"audit"_s, query)
        ->then(
            this,
            [this, generation, before](const QJsonObject &answer) {
                if (generation != m_generation)
                    return;
                const QList<QJsonObject> entries = objectsOf(answer.value(u"entries"_s));
                if (before > 0)
                    m_model->appendRows(entries);
                else
                    m_model->setRows(entries);
                const bool more = !answer.value(u"next"_s).isNull();
                m_older->setEnabled(more);
                if (m_model->rowCount() == 0)
                    m_status->showInfo(tr("No entry matches. Clear a filter or widen the "
                                          "time range, then search again."));
                else
                    m_status->showInfo(more ? tr("%n entries shown; Load older shows more.",
                                                 nullptr, m_model->rowCount())
                                            : tr("%n entries shown; these are all that match.",
                                                 nullptr, m_model->rowCount()));
            },
            [this, generation](const Error &error) {
                if (generation == m_generation)
                    m_status->showError(error.message);
            });
}

void AuditPage::verifyChain()
{
    m_status->showInfo(tr("Checking every entry of the audit log…"));
    m_client.send("POST"_ba, u"audit/verify"_s, {})
        ->then(
            this,
            [this](const QJsonObject &answer) {
                const qint64 rows = answer.value(u"rows"_s).toInteger();
                if (answer.value(u"intact"_s).toBool()) {
                    m_status->showInfo(
                        tr("The audit log is intact: all %1 entries are unchanged.").arg(rows));
                    m_status->setStyleSheet(u"color: darkgreen"_s);
                } else {
                    m_status->showError(tr("The audit log has been tampered with: %1 Keep a copy "
                                           "of the database and tell whoever is responsible "
                                           "for security.")
                                            .arg(answer.value(u"problem"_s).toString()));
                }
            },
            [this](const Error &error) { m_status->showError(error.message); });
}

void AuditPage::chooseExportFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the audit log"),
                                                      u"twofold-audit.csv"_s, tr("CSV (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void AuditPage::exportCsv(const QString &path)
{
    m_status->showInfo(tr("Exporting…"));
    client::AdminReply *reply = m_client.get(u"audit.csv"_s, filters());
    // The CSV is the raw body, which then() does not hand over.
    connect(reply, &client::AdminReply::finished, this, [this, reply, path] {
        reply->deleteLater();
        if (!reply->isOk())
            return m_status->showError(reply->error()->message);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(reply->body()) != reply->body().size()
            || !file.commit())
            return m_status->showError(
                tr("Could not write %1: %2. Choose another folder.").arg(path, file.errorString()));
        m_status->showInfo(tr("Saved the matching entries to %1.").arg(path));
        emit exported(path);
    });
}

} // namespace twofold::ui
