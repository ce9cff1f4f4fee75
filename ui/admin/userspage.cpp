#include "admin/userspage.h"

#include "admin/adminsession.h"
#include "admin/enrollmentwizard.h"
#include "admin/testverificationdialog.h"
#include "admin/userdialog.h"
#include "admin/userimportdialog.h"
#include "clock.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

QString methodTitle(const QString &method)
{
    static const QHash<QString, const char *> titles {
        { u"app_code"_s, QT_TRANSLATE_NOOP("twofold::ui::UsersPage", "Authenticator app") },
        { u"oath_token"_s, QT_TRANSLATE_NOOP("twofold::ui::UsersPage", "Hardware token") },
        { u"push"_s, QT_TRANSLATE_NOOP("twofold::ui::UsersPage", "Push approval") },
        { u"sms"_s, QT_TRANSLATE_NOOP("twofold::ui::UsersPage", "SMS") },
        { u"voice"_s, QT_TRANSLATE_NOOP("twofold::ui::UsersPage", "Voice call") },
    };
    const char *title = titles.value(method);
    return title ? UsersPage::tr(title) : method;
}

QPushButton *actionButton(const QString &text, const QKeySequence &shortcut, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    if (!shortcut.isEmpty()) {
        button->setShortcut(shortcut);
        button->setToolTip(shortcut.toString(QKeySequence::NativeText));
    }
    return button;
}

} // namespace

UsersPage::UsersPage(client::AdminClient &client, const AdminSession &session, const Clock &clock,
                     QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_session(session)
    , m_clock(clock)
    , m_model(new UserListModel(client, this))
    , m_table(new QTableView(this))
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_method(new QComboBox(this))
    , m_group(new QComboBox(this))
    , m_searchDelay(new QTimer(this))
    , m_count(new QLabel(this))
    , m_message(new QLabel(this))
    , m_details(new QLabel(this))
    , m_new(actionButton(tr("&New user…"), QKeySequence::New, this))
    , m_edit(actionButton(tr("&Edit…"), Qt::Key_F2, this))
    , m_delete(actionButton(tr("&Delete…"), QKeySequence::Delete, this))
    , m_block(actionButton(tr("&Block…"), {}, this))
    , m_enroll(actionButton(tr("En&roll…"), Qt::CTRL | Qt::Key_E, this))
    , m_test(actionButton(tr("&Test verification…"), Qt::CTRL | Qt::Key_T, this))
    , m_bypass(actionButton(tr("B&ypass codes…"), {}, this))
    , m_removeMethod(actionButton(tr("Re&move a method…"), {}, this))
    , m_import(actionButton(tr("&Import CSV…"), {}, this))
{
    m_search->setPlaceholderText(tr("Search by username (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search users"));
    m_search->setClearButtonEnabled(true);
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, m_search, qOverload<>(&QWidget::setFocus));
    addAction(find);
    m_status->setAccessibleName(tr("Status"));
    m_status->addItem(tr("Any status"), QString());
    m_status->addItem(tr("Active"), u"active"_s);
    m_status->addItem(tr("Blocked"), u"blocked"_s);
    m_status->addItem(tr("Locked out"), u"locked"_s);
    m_method->setAccessibleName(tr("Method"));
    m_method->addItem(tr("Any method"), QString());
    for (const QString &method :
         { u"app_code"_s, u"oath_token"_s, u"push"_s, u"sms"_s, u"voice"_s })
        m_method->addItem(methodTitle(method), method);
    m_group->setAccessibleName(tr("Group"));
    m_group->addItem(tr("Any group"), QString());

    // Typing waits a moment so that a fast typist sends one query, not one per key.
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_searchDelay, &QTimer::timeout, this, &UsersPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    for (QComboBox *box : { m_status, m_method, m_group })
        connect(box, &QComboBox::currentIndexChanged, this, &UsersPage::applyFilter);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Users"));
    m_table->setTabKeyNavigation(false);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &UsersPage::selectionChanged);
    connect(m_table, &QTableView::activated, this, &UsersPage::editUser);
    connect(m_model, &UserListModel::loaded, this, [this] {
        m_count->setText(tr("%n user(s)", nullptr, int(m_model->total())));
        setStatus(m_model->total() == 0
                      ? (m_search->text().isEmpty() && m_status->currentIndex() == 0
                                 && m_method->currentIndex() == 0 && m_group->currentIndex() == 0
                             ? tr("There are no users yet. Create one with New user, or import "
                                  "a CSV file.")
                             : tr("No user matches. Clear the search or the filters."))
                      : QString());
        if (!m_wanted.isEmpty())
            selectUser(m_wanted);
    });
    connect(m_model, &UserListModel::failed, this,
            [this](const QString &message) { setStatus(message, true); });

    connect(m_new, &QPushButton::clicked, this, &UsersPage::newUser);
    connect(m_edit, &QPushButton::clicked, this, &UsersPage::editUser);
    connect(m_delete, &QPushButton::clicked, this, &UsersPage::deleteUser);
    connect(m_block, &QPushButton::clicked, this, &UsersPage::toggleBlock);
    connect(m_enroll, &QPushButton::clicked, this, &UsersPage::enroll);
    connect(m_test, &QPushButton::clicked, this, &UsersPage::testVerification);
    connect(m_bypass, &QPushButton::clicked, this, &UsersPage::bypassCodes);
    connect(m_removeMethod, &QPushButton::clicked, this, [this] { removeMethod(); });
    connect(m_import, &QPushButton::clicked, this, [this] { importUsers(); });

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(m_status);
    filters->addWidget(m_method);
    filters->addWidget(m_group);
    auto *actions = new QHBoxLayout;
    for (QPushButton *button : { m_new, m_import })
        actions->addWidget(button);
    actions->addStretch();
    actions->addWidget(m_count);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(filters);
    leftLayout->addWidget(m_message);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addLayout(actions);

    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setAccessibleName(tr("User details"));
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_details);
    scroll->setWidgetResizable(true);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(scroll, 1);
    auto *userActions = new QGridLayout;
    QPushButton *const order[]
        = { m_enroll, m_removeMethod, m_test, m_bypass, m_edit, m_block, m_delete };
    for (int i = 0; i < 7; ++i)
        userActions->addWidget(order[i], i / 2, i % 2);
    rightLayout->addLayout(userActions);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    m_message->setWordWrap(true);
    m_message->hide();
    showDetails({}, {});
}

void UsersPage::setStatus(const QString &text, bool error)
{
    m_message->setStyleSheet(error ? u"color: palette(highlight); font-weight: bold"_s : QString());
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void UsersPage::refresh()
{
    loadGroups();
    applyFilter();
}

void UsersPage::loadGroups()
{
    m_client.get(u"groups"_s)
        ->then(
            this,
            [this](const QJsonObject &answer) {
                const QString chosen = m_group->currentData().toString();
                const QSignalBlocker blocker(m_group);
                while (m_group->count() > 1)
                    m_group->removeItem(1);
                for (const QJsonObject &group : objectsOf(answer.value(u"groups"_s))) {
                    const QString name = group.value(u"name"_s).toString();
                    m_group->addItem(name, name);
                }
                m_group->setCurrentIndex(std::max(0, m_group->findData(chosen)));
            },
            [this](const Error &error) { setStatus(error.message, true); });
}

void UsersPage::applyFilter()
{
    m_searchDelay->stop();
    m_model->setFilter({ m_search->text().trimmed(), m_status->currentData().toString(),
                         m_method->currentData().toString(), m_group->currentData().toString() });
    m_current = {};
    showDetails({}, {});
}

void UsersPage::selectUser(const QString &username)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->rowObject(row).value(u"username"_s).toString() == username) {
            m_wanted.clear();
            m_table->selectRow(row);
            m_table->setCurrentIndex(m_model->index(row, 0));
            return;
        }
    }
    m_wanted = username;
}

QString UsersPage::userPath() const
{
    return u"users/"_s + client::AdminClient::argument(m_current.value(u"username"_s).toString());
}

void UsersPage::selectionChanged()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_current = {};
        return showDetails({}, {});
    }
    const QString username = m_model->rowObject(current.row()).value(u"username"_s).toString();
    m_current = m_model->rowObject(current.row());
    showDetails(m_current, {});
    const QString path = u"users/"_s + client::AdminClient::argument(username);
    m_client.get(path)->then(
        this,
        [this, username](const QJsonObject &user) {
            if (m_current.value(u"username"_s).toString() != username)
                return; // another user was chosen meanwhile
            m_current = user;
            if (!m_session.may(u"audit.read"_s)) {
                showDetails(user, {});
                return emit detailsLoaded();
            }
            QUrlQuery query;
            query.addQueryItem(u"subject"_s,
                               QString::fromLatin1(QUrl::toPercentEncoding(username)));
            query.addQueryItem(u"limit"_s, u"10"_s);
            m_client.get(u"audit"_s, query)
                ->then(
                    this,
                    [this, username](const QJsonObject &audit) {
                        if (m_current.value(u"username"_s).toString() != username)
                            return;
                        showDetails(m_current, objectsOf(audit.value(u"entries"_s)));
                        emit detailsLoaded();
                    },
                    [this](const Error &error) {
                        showDetails(m_current, {});
                        setStatus(error.message, true);
                        emit detailsLoaded();
                    });
        },
        [this](const Error &error) { setStatus(error.message, true); });
}

QString UsersPage::detailsText() const
{
    return m_details->text();
}

void UsersPage::showDetails(const QJsonObject &user, const QList<QJsonObject> &recent)
{
    updateActions();
    if (user.isEmpty()) {
        m_details->setText(tr("Select a user to see their methods, devices and recent "
                              "verifications."));
        return;
    }
    const auto e = [](const QString &text) { return text.toHtmlEscaped(); };
    const QString status = user.value(u"status"_s).toString();
    QString html = u"<h2>%1</h2><table>"_s.arg(e(user.value(u"username"_s).toString()));
    const auto row = [&html, &e](const QString &label, const QString &value) {
        if (!value.isEmpty())
            html += u"<tr><td><b>%1</b>&nbsp;</td><td>%2</td></tr>"_s.arg(e(label), e(value));
    };
    row(tr("Status"),
        status == u"blocked"
            ? tr("Blocked until %1")
                  .arg(user.value(u"blocked_until"_s).toInteger() > 0
                           ? JsonTableModel::localTime(user.value(u"blocked_until"_s).toInteger())
                           : tr("unblocked by hand"))
            : status == u"locked"
            ? tr("Locked out after failed attempts until %1")
                  .arg(JsonTableModel::localTime(user.value(u"locked_until"_s).toInteger()))
            : tr("Active"));
    row(tr("Email"), user.value(u"email"_s).toString());
    row(tr("Phone"), user.value(u"phone"_s).toString());
    row(tr("Voice PIN"), user.value(u"voice_pin"_s).toBool() ? tr("set") : QString());
    row(tr("Group"), user.value(u"group"_s).toString());
    row(tr("Created"), JsonTableModel::localTime(user.value(u"created"_s).toInteger()));
    html += u"</table><h3>%1</h3>"_s.arg(e(tr("Methods")));
    const QJsonArray methods = user.value(u"methods"_s).toArray();
    if (!user.contains(u"methods"_s))
        html += e(tr("Loading…"));
    else if (methods.isEmpty())
        html += e(tr("None yet. Use Enroll to give this user a way to verify."));
    html += u"<ul>"_s;
    for (const QJsonValue &value : methods) {
        const QJsonObject method = value.toObject();
        QString line = methodTitle(method.value(u"method"_s).toString());
        for (const QString &key : { u"name"_s, u"serial"_s, u"phone"_s })
            if (!method.value(key).toString().isEmpty())
                line += u" · "_s + method.value(key).toString();
        const QString state = method.value(u"state"_s).toString();
        line += u" · "_s
            + (state == u"active"        ? tr("active")
                   : state == u"pending" ? tr("waiting for its first code")
                                         : state);
        if (method.value(u"last_seen"_s).toInteger() > 0)
            line += u" · "_s
                + tr("last seen %1")
                      .arg(JsonTableModel::localTime(method.value(u"last_seen"_s).toInteger()));
        html += u"<li>%1</li>"_s.arg(e(line));
    }
    html += u"</ul>"_s;
    if (!recent.isEmpty()) {
        html += u"<h3>%1</h3><ul>"_s.arg(e(tr("Recent activity")));
        for (const QJsonObject &entry : recent)
            html += u"<li>%1 · %2 · %3</li>"_s.arg(
                e(JsonTableModel::localTime(entry.value(u"time"_s).toInteger())),
                e(entry.value(u"action"_s).toString()), e(entry.value(u"result"_s).toString()));
        html += u"</ul>"_s;
    }
    m_details->setText(html);
}

void UsersPage::updateActions()
{
    const bool chosen = !m_current.isEmpty();
    const bool blocked = m_current.value(u"status"_s).toString() == u"blocked";
    m_block->setText(blocked ? tr("Un&block") : tr("&Block…"));
    m_session.guard(m_new, u"users.write"_s);
    m_session.guard(m_import, u"users.write"_s);
    m_session.guard(m_edit, u"users.write"_s, chosen);
    m_session.guard(m_delete, u"users.write"_s, chosen);
    m_session.guard(m_block, u"users.block"_s, chosen);
    m_session.guard(m_enroll, u"enroll"_s, chosen);
    m_session.guard(m_test, u"verify.test"_s, chosen);
    m_session.guard(m_bypass, u"bypass"_s, chosen);
    m_session.guard(m_removeMethod, u"enroll"_s,
                    chosen && !m_current.value(u"methods"_s).toArray().isEmpty());
}

void UsersPage::newUser()
{
    auto *dialog = new UserDialog(m_client, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_wanted = dialog->result().value(u"username"_s).toString();
        m_search->clear();
        refresh();
    });
    dialog->open();
}

void UsersPage::editUser()
{
    if (m_current.isEmpty() || !m_session.may(u"users.write"_s))
        return;
    auto *dialog = new UserDialog(m_client, m_current, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_wanted = dialog->result().value(u"username"_s).toString();
        m_model->reload();
    });
    dialog->open();
}

void UsersPage::deleteUser()
{
    if (m_current.isEmpty())
        return;
    const QString name = m_current.value(u"username"_s).toString();
    if (QMessageBox::question(this, tr("Delete %1?").arg(name),
                              tr("Delete %1 with all their methods and devices? They can no "
                                 "longer sign in with multi-factor authentication. The audit "
                                 "log keeps what they did.")
                                  .arg(name),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        != QMessageBox::Yes)
        return;
    m_client.send("DELETE"_ba, userPath())
        ->then(
            this, [this](const QJsonObject &) { m_model->reload(); },
            [this](const Error &error) { setStatus(error.message, true); });
}

void UsersPage::toggleBlock()
{
    if (m_current.isEmpty())
        return;
    const QString name = m_current.value(u"username"_s).toString();
    const auto done = [this, name](const QJsonObject &) {
        m_wanted = name;
        m_model->reload();
    };
    const auto failed = [this](const Error &error) { setStatus(error.message, true); };
    if (m_current.value(u"status"_s).toString() == u"blocked")
        return m_client.send("POST"_ba, userPath() + u"/unblock"_s)->then(this, done, failed);
    bool ok = false;
    const QString reason = QInputDialog::getText(
        this, tr("Block %1").arg(name),
        tr("Why is %1 blocked? The reason goes to the audit log.").arg(name), QLineEdit::Normal, {},
        &ok);
    if (!ok)
        return;
    m_client.send("POST"_ba, userPath() + u"/block"_s, { { u"reason"_s, reason } })
        ->then(this, done, failed);
}

void UsersPage::enroll()
{
    if (m_current.isEmpty())
        return;
    auto *wizard = new EnrollmentWizard(m_client, m_current, m_clock, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    const QString name = m_current.value(u"username"_s).toString();
    connect(wizard, &QDialog::finished, this, [this, name] {
        if (m_current.value(u"username"_s).toString() == name)
            selectionChanged(); // the details show what was enrolled
    });
    wizard->open();
}

void UsersPage::testVerification()
{
    if (m_current.isEmpty())
        return;
    auto *dialog
        = new TestVerificationDialog(m_client, m_current.value(u"username"_s).toString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void UsersPage::removeMethod(const QString &methodId)
{
    if (m_current.isEmpty())
        return;
    QString id = methodId;
    if (id.isEmpty()) {
        // SMS and voice follow the phone number: they are removed by clearing it under Edit.
        QStringList labels;
        QStringList ids;
        for (const QJsonValue &value : m_current.value(u"methods"_s).toArray()) {
            const QJsonObject method = value.toObject();
            const QString kind = method.value(u"method"_s).toString();
            if (kind == u"sms" || kind == u"voice")
                continue;
            QString label = methodTitle(kind);
            for (const QString &key : { u"name"_s, u"serial"_s })
                if (!method.value(key).toString().isEmpty())
                    label += u" · "_s + method.value(key).toString();
            labels << label;
            ids << method.value(u"id"_s).toString();
        }
        if (ids.isEmpty())
            return setStatus(tr("This user has no app, token or device to remove. SMS and voice "
                                "calls follow the phone number: clear it under Edit."),
                             true);
        bool ok = false;
        const QString chosen = QInputDialog::getItem(
            this, tr("Remove a method"),
            tr("Which method should %1 no longer use? A removed push device is revoked: it "
               "receives no more requests.")
                .arg(m_current.value(u"username"_s).toString()),
            labels, 0, false, &ok);
        if (!ok)
            return;
        id = ids.value(labels.indexOf(chosen));
    }
    m_client.send("DELETE"_ba, userPath() + u"/methods/"_s + client::AdminClient::argument(id))
        ->then(
            this, [this](const QJsonObject &) { selectionChanged(); },
            [this](const Error &error) { setStatus(error.message, true); });
}

void UsersPage::bypassCodes()
{
    if (m_current.isEmpty())
        return;
    const QString name = m_current.value(u"username"_s).toString();
    m_client.send("POST"_ba, userPath() + u"/bypass"_s, { { u"count"_s, 1 } })
        ->then(
            this,
            [this, name](const QJsonObject &answer) {
                QStringList codes;
                for (const QJsonValue &code : answer.value(u"codes"_s).toArray())
                    codes << code.toString();
                QMessageBox box(
                    QMessageBox::Information, tr("Bypass code for %1").arg(name),
                    tr("Read this one-time code to %1: %2\n\nIt works once, until "
                       "%3. It is not shown again.")
                        .arg(name, codes.join(u", "),
                             JsonTableModel::localTime(answer.value(u"expires"_s).toInteger())),
                    QMessageBox::Ok, this);
                box.setTextInteractionFlags(Qt::TextSelectableByMouse);
                box.exec();
            },
            [this](const Error &error) { setStatus(error.message, true); });
}

void UsersPage::importUsers(const QString &path)
{
    const QString file = path.isEmpty()
        ? QFileDialog::getOpenFileName(this, tr("Import users"), {},
                                       tr("CSV files (*.csv *.txt);;All files (*)"))
        : path;
    if (file.isEmpty())
        return;
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        return setStatus(tr("Cannot read %1: %2").arg(file, in.errorString()), true);
    auto *dialog = new UserImportDialog(m_client, in.readAll(), QFileInfo(file).fileName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] { refresh(); });
    dialog->open();
}

} // namespace twofold::ui
