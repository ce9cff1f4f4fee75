#include "admin/policypage.h"

#include "admin/adminsession.h"
#include "admin/jsontablemodel.h"
#include "admin/statuslabel.h"
#include "client/adminclient.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

struct MethodInfo
{
    const char16_t *name;
    const char *title;
};

// In the server's order; the titles are translated where they are shown.
constexpr MethodInfo methods[] = {
    { u"app_code", QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "Authenticator app") },
    { u"oath_token", QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "Hardware token") },
    { u"push", QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "Push approval") },
    { u"sms", QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "SMS") },
    { u"voice", QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "Voice call") },
};

struct NumberInfo
{
    const char16_t *key;
    const char *title;
    int min, max; // as the server checks them
};

constexpr NumberInfo numbers[] = {
    { u"otp_window",
      QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "&Time steps accepted either side of now:"), 0,
      10 },
    { u"hotp_look_ahead",
      QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "Counters &looked ahead (HOTP tokens):"), 0,
      100 },
    { u"lockout_threshold",
      QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "Failures in a row before loc&kout:"), 1, 100 },
    { u"lockout_minutes", QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "Lockout m&inutes:"), 1,
      7 * 24 * 60 },
    { u"fraud_block_days",
      QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "Days &blocked after a fraud report:"), 1,
      3650 },
    { u"push_timeout_seconds",
      QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "Seconds to &approve a push:"), 15, 600 },
    { u"push_limit",
      QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "&Pushes per user in the window:"), 1, 100 },
    { u"push_window_minutes",
      QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "Push &window in minutes:"), 1, 24 * 60 },
    { u"bypass_lifetime_minutes",
      QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "B&ypass codes valid for minutes:"), 1,
      30 * 24 * 60 },
    { u"sms_code_lifetime_seconds",
      QT_TRANSLATE_NOOP("twofold::ui::PolicyPage", "SMS codes valid for s&econds:"), 60, 3600 },
};

constexpr int nameColumn = 0;
constexpr int ownColumn = 1;
constexpr int firstMethodColumn = 2;

QString methodName(int index)
{
    return QString::fromUtf16(methods[index].name);
}

QStringList stringsOf(const QJsonValue &array)
{
    QStringList list;
    for (const QJsonValue &value : array.toArray())
        list << value.toString();
    return list;
}

} // namespace

PolicyPage::PolicyPage(client::AdminClient &client, const AdminSession &session, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_session(session)
    , m_groups(new QStandardItemModel(this))
    , m_groupTable(new QTableView(this))
    , m_fraudAutoBlock(
          new QCheckBox(tr("Block a user &automatically when they report fraud"), this))
    , m_numberMatching(
          new QCheckBox(tr("&Number matching: the user types the number shown at sign-in"), this))
    , m_fraudCode(new QLineEdit(this))
    , m_addGroup(new QPushButton(tr("Own list for a &group…"), this))
    , m_removeGroup(new QPushButton(tr("&Follow the tenant's list"), this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_reload(new QPushButton(tr("&Reload"), this))
    , m_readOnly(new QLabel(tr("Only administrators can change the policy."), this))
    , m_status(new StatusLabel(this))
{
    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);

    // Methods for everyone, then per group.
    auto *tenantBox = new QGroupBox(tr("Methods allowed for everyone"), content);
    auto *tenantLayout = new QHBoxLayout(tenantBox);
    const QString mnemonics[] = { tr("A&uthenticator app"), tr("&Hardware token"),
                                  tr("Push appro&val"), tr("S&MS"), tr("&Voice call") };
    for (int i = 0; i < int(std::size(methods)); ++i) {
        auto *box = new QCheckBox(mnemonics[i], tenantBox);
        m_methods.insert(methodName(i), box);
        tenantLayout->addWidget(box);
        connect(box, &QCheckBox::toggled, this, [this] {
            for (int row = 0; row < m_groups->rowCount(); ++row)
                showGroupRow(row);
        });
    }
    tenantLayout->addStretch();
    contentLayout->addWidget(tenantBox);

    auto *groupBox = new QGroupBox(tr("Methods per group"), content);
    auto *groupLayout = new QVBoxLayout(groupBox);
    auto *groupHint = new QLabel(tr("A group without its own list follows the list above. Check "
                                    "\"Own list\" to give a group different methods."),
                                 groupBox);
    groupHint->setWordWrap(true);
    groupLayout->addWidget(groupHint);
    QStringList headers { tr("Group"), tr("Own list") };
    for (const MethodInfo &method : methods)
        headers << tr(method.title);
    m_groups->setHorizontalHeaderLabels(headers);
    m_groupTable->setModel(m_groups);
    m_groupTable->setAccessibleName(tr("Methods per group"));
    m_groupTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_groupTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groupTable->verticalHeader()->hide();
    m_groupTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_groupTable->setMinimumHeight(160);
    connect(m_groups, &QStandardItemModel::itemChanged, this, &PolicyPage::groupItemChanged);
    groupLayout->addWidget(m_groupTable);
    auto *groupButtons = new QHBoxLayout;
    groupButtons->addWidget(m_addGroup);
    groupButtons->addWidget(m_removeGroup);
    groupButtons->addStretch();
    groupLayout->addLayout(groupButtons);
    connect(m_addGroup, &QPushButton::clicked, this, &PolicyPage::addGroup);
    connect(m_removeGroup, &QPushButton::clicked, this, &PolicyPage::removeGroupList);
    contentLayout->addWidget(groupBox);

    // Numbers and switches.
    auto *settingsBox = new QGroupBox(tr("Settings"), content);
    auto *form = new QFormLayout(settingsBox);
    for (const NumberInfo &number : numbers) {
        auto *spin = new QSpinBox(settingsBox);
        spin->setRange(number.min, number.max);
        spin->setAccessibleName(tr(number.title).remove(u'&').remove(u':'));
        m_numbers.insert(QString::fromUtf16(number.key), spin);
        form->addRow(tr(number.title), spin);
        if (QString::fromUtf16(number.key) == u"fraud_block_days") {
            form->addRow(m_fraudAutoBlock);
            m_fraudCode->setValidator(
                new QRegularExpressionValidator(QRegularExpression(u"[0-9]{1,8}"_s), m_fraudCode));
            m_fraudCode->setAccessibleName(tr("Keys that report fraud on a voice call"));
            form->addRow(tr("Keys that report fraud on a &call (before #):"), m_fraudCode);
        } else if (QString::fromUtf16(number.key) == u"push_timeout_seconds") {
            form->addRow(m_numberMatching);
        }
    }
    contentLayout->addWidget(settingsBox);
    contentLayout->addStretch();

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_readOnly->setWordWrap(true);
    m_readOnly->setVisible(!m_session.may(u"policy.write"_s));
    connect(m_save, &QPushButton::clicked, this, &PolicyPage::save);
    connect(m_reload, &QPushButton::clicked, this, &PolicyPage::refresh);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_reload);
    actions->addStretch();
    actions->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_readOnly);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_status);
    layout->addLayout(actions);
    setEditable(false); // until the policy is read
}

QString PolicyPage::status() const
{
    return m_status->text();
}

void PolicyPage::setEditable(bool editable)
{
    const bool may = m_session.may(u"policy.write"_s);
    const bool on = editable && may;
    for (QCheckBox *box : std::as_const(m_methods))
        box->setEnabled(on);
    for (QSpinBox *spin : std::as_const(m_numbers))
        spin->setEnabled(on);
    m_fraudAutoBlock->setEnabled(on);
    m_numberMatching->setEnabled(on);
    m_fraudCode->setEnabled(on);
    m_groupTable->setEnabled(editable); // readable, but its items are not checkable without may
    for (QPushButton *button : { m_addGroup, m_removeGroup, m_save })
        m_session.guard(button, u"policy.write"_s, editable);
}

void PolicyPage::refresh()
{
    const int generation = ++m_generation;
    m_status->showInfo(tr("Reading the policy…"));
    const auto failed = [this, generation](const Error &error) {
        if (generation == m_generation)
            m_status->showError(error.message);
    };
    m_client.get(u"policy"_s)
        ->then(
            this,
            [this, generation, failed](const QJsonObject &policy) {
                if (generation != m_generation)
                    return;
                m_client.get(u"groups"_s)
                    ->then(
                        this,
                        [this, generation, policy](const QJsonObject &answer) {
                            if (generation != m_generation)
                                return;
                            fill(policy, objectsOf(answer.value(u"groups"_s)));
                            m_status->showInfo({});
                        },
                        failed);
            },
            failed);
}

void PolicyPage::fill(const QJsonObject &policy, const QList<QJsonObject> &groups)
{
    m_filling = true;
    const QStringList allowed = stringsOf(policy.value(u"allowed_methods"_s));
    for (auto it = m_methods.cbegin(); it != m_methods.cend(); ++it)
        it.value()->setChecked(allowed.contains(it.key()));
    for (auto it = m_numbers.cbegin(); it != m_numbers.cend(); ++it)
        it.value()->setValue(policy.value(it.key()).toInt());
    m_fraudAutoBlock->setChecked(policy.value(u"fraud_auto_block"_s).toBool());
    m_numberMatching->setChecked(policy.value(u"number_matching"_s).toBool());
    m_fraudCode->setText(policy.value(u"fraud_code"_s).toString());

    m_groups->removeRows(0, m_groups->rowCount());
    const QJsonObject own = policy.value(u"group_methods"_s).toObject();
    QStringList names;
    for (const QJsonObject &group : groups)
        names << group.value(u"name"_s).toString();
    names += own.keys();
    names.sort();
    names.removeDuplicates();
    for (const QString &name : std::as_const(names))
        addGroupRow(name, own.contains(name), stringsOf(own.value(name)));
    m_filling = false;
    m_loaded = true;
    setEditable(true);
}

void PolicyPage::addGroupRow(const QString &name, bool own, const QStringList &list)
{
    const bool may = m_session.may(u"policy.write"_s);
    const bool filling = std::exchange(m_filling, true);
    QList<QStandardItem *> items;
    auto *nameItem = new QStandardItem(name);
    nameItem->setEditable(false);
    items << nameItem;
    auto *ownItem = new QStandardItem;
    ownItem->setEditable(false);
    ownItem->setCheckable(may);
    ownItem->setCheckState(own ? Qt::Checked : Qt::Unchecked);
    ownItem->setData(tr("Own list"), Qt::AccessibleTextRole);
    items << ownItem;
    for (int i = 0; i < int(std::size(methods)); ++i) {
        auto *item = new QStandardItem;
        item->setEditable(false);
        item->setCheckState(list.contains(methodName(i)) ? Qt::Checked : Qt::Unchecked);
        item->setData(tr(methods[i].title), Qt::AccessibleTextRole);
        items << item;
    }
    m_groups->appendRow(items);
    showGroupRow(m_groups->rowCount() - 1);
    m_filling = filling;
}

void PolicyPage::showGroupRow(int row)
{
    const bool filling = std::exchange(m_filling, true);
    const bool may = m_session.may(u"policy.write"_s);
    const bool own = m_groups->item(row, ownColumn)->checkState() == Qt::Checked;
    for (int i = 0; i < int(std::size(methods)); ++i) {
        QStandardItem *item = m_groups->item(row, firstMethodColumn + i);
        item->setCheckable(own && may);
        item->setEnabled(own);
        if (!own)
            item->setCheckState(m_methods.value(methodName(i))->isChecked() ? Qt::Checked
                                                                            : Qt::Unchecked);
    }
    m_filling = filling;
}

void PolicyPage::groupItemChanged(QStandardItem *item)
{
    if (m_filling || item->column() != ownColumn)
        return;
    // A new own list starts as a copy of the tenant's, which the row already shows.
    showGroupRow(item->row());
}

void PolicyPage::addGroup()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Own list for a group"),
                                               tr("&Group name, as in the users' group field:"),
                                               QLineEdit::Normal, {}, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    const QList<QStandardItem *> found = m_groups->findItems(name, Qt::MatchExactly, nameColumn);
    if (found.isEmpty()) {
        QStringList tenant;
        for (int i = 0; i < int(std::size(methods)); ++i) {
            if (m_methods.value(methodName(i))->isChecked())
                tenant << methodName(i);
        }
        addGroupRow(name, true, tenant);
        m_groupTable->selectRow(m_groups->rowCount() - 1);
    } else {
        m_groups->item(found.first()->row(), ownColumn)->setCheckState(Qt::Checked);
        m_groupTable->selectRow(found.first()->row());
    }
    m_status->showInfo(tr("Check the methods for %1, then save.").arg(name));
}

void PolicyPage::removeGroupList()
{
    const QModelIndexList rows = m_groupTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return m_status->showError(tr("Select a group in the table first."));
    m_groups->item(rows.first().row(), ownColumn)->setCheckState(Qt::Unchecked);
}

void PolicyPage::setMethodAllowed(const QString &method, bool allowed)
{
    if (QCheckBox *box = m_methods.value(method))
        box->setChecked(allowed);
}

QJsonObject PolicyPage::policy() const
{
    QJsonObject json;
    QJsonArray allowed;
    for (int i = 0; i < int(std::size(methods)); ++i) {
        if (m_methods.value(methodName(i))->isChecked())
            allowed.append(methodName(i));
    }
    json[u"allowed_methods"_s] = allowed;
    QJsonObject groups;
    for (int row = 0; row < m_groups->rowCount(); ++row) {
        if (m_groups->item(row, ownColumn)->checkState() != Qt::Checked)
            continue;
        QJsonArray list;
        for (int i = 0; i < int(std::size(methods)); ++i) {
            if (m_groups->item(row, firstMethodColumn + i)->checkState() == Qt::Checked)
                list.append(methodName(i));
        }
        groups[m_groups->item(row, nameColumn)->text()] = list;
    }
    json[u"group_methods"_s] = groups;
    for (auto it = m_numbers.cbegin(); it != m_numbers.cend(); ++it)
        json[it.key()] = it.value()->value();
    json[u"fraud_auto_block"_s] = m_fraudAutoBlock->isChecked();
    json[u"number_matching"_s] = m_numberMatching->isChecked();
    json[u"fraud_code"_s] = m_fraudCode->text();
    return json;
}

QWidget *PolicyPage::fieldWidget(const QString &field) const
{
    if (m_numbers.contains(field))
        return m_numbers.value(field);
    if (field == u"allowed_methods")
        return m_methods.value(methodName(0));
    if (field.startsWith(u"group_methods"))
        return m_groupTable;
    if (field == u"fraud_auto_block")
        return m_fraudAutoBlock;
    if (field == u"number_matching")
        return m_numberMatching;
    if (field == u"fraud_code")
        return m_fraudCode;
    return nullptr;
}

void PolicyPage::save()
{
    if (!m_session.may(u"policy.write"_s)) {
        const QString message = m_readOnly->text();
        m_status->showError(message);
        emit failed(message);
        return;
    }
    if (!m_loaded) {
        // A form not yet filled holds the spin boxes' minimums, not the policy.
        const QString message = tr("The policy has not been read yet. Wait for it or choose "
                                   "Reload, then change it.");
        m_status->showError(message);
        emit failed(message);
        return;
    }
    m_status->showInfo(tr("Saving…"));
    m_save->setEnabled(false);
    client::AdminReply *reply = m_client.send("PATCH"_ba, u"policy"_s, policy());
    // then() hands over only the error; the field it names is in the answer's JSON.
    connect(reply, &client::AdminReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_session.guard(m_save, u"policy.write"_s);
        if (reply->isOk()) {
            ++m_generation; // the answer is newer than a read still on its way
            QList<QJsonObject> groups;
            for (int row = 0; row < m_groups->rowCount(); ++row)
                groups.append({ { u"name"_s, m_groups->item(row, nameColumn)->text() } });
            fill(reply->json(), groups);
            m_status->showInfo(tr("The policy is saved; it applies to the next sign-in."));
            emit saved();
            return;
        }
        const QString message = reply->error()->message;
        m_status->showError(message);
        if (QWidget *field = fieldWidget(reply->json().value(u"field"_s).toString()))
            field->setFocus();
        emit failed(message);
    });
}

} // namespace twofold::ui
