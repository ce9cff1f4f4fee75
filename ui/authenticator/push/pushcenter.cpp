#include "authenticator/push/pushcenter.h"

#include "authenticator/push/approvaldialog.h"
#include "authenticator/push/pushdevicesdialog.h"
#include "client/activationlink.h"
#include "clock.h"
#include "crypto/secure.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSaveFile>
#include <QSysInfo>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

constexpr char fileName[] = "push-devices.json";

QString answerTitle(client::PushDevice::Answer answer)
{
    switch (answer) {
    case client::PushDevice::Answer::Approve:
        return PushCenter::tr("Approved");
    case client::PushDevice::Answer::Deny:
        return PushCenter::tr("Denied");
    case client::PushDevice::Answer::Fraud:
        return PushCenter::tr("Reported as fraud");
    }
    return {};
}

QString stateTitle(client::PushDevice::State state)
{
    switch (state) {
    case client::PushDevice::State::Inactive:
        return PushCenter::tr("Not connected");
    case client::PushDevice::State::Activating:
        return PushCenter::tr("Activating…");
    case client::PushDevice::State::Connecting:
        return PushCenter::tr("Connecting…");
    case client::PushDevice::State::Connected:
        return PushCenter::tr("Connected");
    case client::PushDevice::State::Retrying:
        return PushCenter::tr("Retrying: the server cannot be reached");
    case client::PushDevice::State::Revoked:
        return PushCenter::tr("Revoked: activate again to receive requests");
    }
    return {};
}

} // namespace

PushCenter::PushCenter(const Clock &clock, QString dataDir, QWidget *window, QSystemTrayIcon *tray,
                       QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_dataDir(std::move(dataDir))
    , m_window(window)
    , m_tray(tray)
{
    m_devices.setHorizontalHeaderLabels({ tr("Server"), tr("User"), tr("Status"), tr("Warning") });
    m_history.setHorizontalHeaderLabels(
        { tr("Time"), tr("Application"), tr("User"), tr("Server"), tr("From"), tr("Answer") });
    connect(&m_keychain, &vault::Keychain::keyRead, this, &PushCenter::keyRead);
    connect(&m_keychain, &vault::Keychain::keyWritten, this,
            [this](const QString &keyEntry, const Result<void> &written) {
                if (!m_activating || keyEntry != m_activating->keyEntry)
                    return;
                std::unique_ptr<Entry> entry = std::move(m_activating);
                auto key = EcKey::fromPrivatePem(m_activatingKey);
                scrub(m_activatingKey);
                m_activatingKey.clear();
                if (!written || !key) {
                    const QString reason
                        = tr("The device key could not be stored in the system keychain, so "
                             "sign-in approvals were not turned on: %1")
                              .arg(!written ? written.error().message : key.error().message);
                    if (m_devicesDialog)
                        m_devicesDialog->setStatus(reason, true);
                    return emit activationFailed(reason);
                }
                entry->registration = entry->device->registration();
                entry->device.reset();
                m_entries.push_back(std::move(entry));
                Entry &added = *m_entries.back();
                QString error;
                if (!save(&error) && m_devicesDialog)
                    m_devicesDialog->setStatus(error, true);
                attach(added, *key);
                if (m_devicesDialog)
                    m_devicesDialog->setStatus(
                        tr("Sign-in approvals are on for %1 at %2.")
                            .arg(added.registration.username, serverName(added.registration)),
                        false);
                emit activated(int(m_entries.size()) - 1);
            });
    connect(&m_keychain, &vault::Keychain::keyDeleted, this,
            [](const QString &, const Result<void> &) {});
    connect(&m_sleep, &SleepWatcher::resumed, this, [this] {
        for (const auto &entry : m_entries) {
            if (entry->device)
                entry->device->reconnect();
        }
    });
    load();
}

void PushCenter::setRetrySchedule(const client::RetrySchedule &schedule)
{
    m_schedule = schedule;
    for (const auto &entry : m_entries) {
        if (entry->device)
            entry->device->setRetrySchedule(schedule);
    }
}

PushCenter::~PushCenter()
{
    delete m_dialog;
    delete m_devicesDialog;
}

QString PushCenter::serverName(const client::PushRegistration &registration)
{
    const QUrl &url = registration.serverUrl;
    return url.port() > 0 ? u"%1:%2"_s.arg(url.host()).arg(url.port()) : url.host();
}

client::PushDevice *PushCenter::device(int index) const
{
    return index >= 0 && index < int(m_entries.size()) ? m_entries[index]->device.get() : nullptr;
}

int PushCenter::indexOf(const client::PushDevice *device) const
{
    for (int i = 0; i < int(m_entries.size()); ++i) {
        if (m_entries[i]->device.get() == device)
            return i;
    }
    return -1;
}

QString PushCenter::warnings() const
{
    QStringList lines;
    for (const auto &entry : m_entries) {
        if (!entry->warning.isEmpty())
            lines << entry->warning;
    }
    return lines.join(u'\n');
}

// ---- the enrollments file ----

void PushCenter::load()
{
    QFile file(QDir(m_dataDir).filePath(QLatin1StringView(fileName)));
    if (!file.open(QIODevice::ReadOnly))
        return; // none yet
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    for (const QJsonValue &value : root.value(u"devices"_s).toArray()) {
        auto registration = client::PushRegistration::fromJson(value[u"registration"_s].toObject());
        const QString keyEntry = value[u"key_entry"_s].toString();
        if (!registration || keyEntry.isEmpty())
            continue;
        auto entry = std::make_unique<Entry>();
        entry->registration = *registration;
        entry->keyEntry = keyEntry;
        m_entries.push_back(std::move(entry));
        QList<QStandardItem *> row;
        for (int i = 0; i < m_devices.columnCount(); ++i)
            row << new QStandardItem;
        m_devices.appendRow(row);
        updateRow(*m_entries.back());
        m_keychain.readKey(keyEntry);
    }
    for (const QJsonValue &value : root.value(u"history"_s).toArray()) {
        const QJsonObject h = value.toObject();
        m_historyEntries.append({ h[u"time"_s].toInteger(), h[u"server"_s].toString(),
                                  h[u"user"_s].toString(), h[u"application"_s].toString(),
                                  h[u"ip"_s].toString(), h[u"outcome"_s].toString() });
    }
    for (const HistoryEntry &h : std::as_const(m_historyEntries)) {
        m_history.appendRow({ new QStandardItem(QLocale().toString(
                                  QDateTime::fromSecsSinceEpoch(h.time), QLocale::ShortFormat)),
                              new QStandardItem(h.application), new QStandardItem(h.username),
                              new QStandardItem(h.server), new QStandardItem(h.clientIp),
                              new QStandardItem(h.outcome) });
    }
}

bool PushCenter::save(QString *error) const
{
    QJsonArray devices;
    for (const auto &entry : m_entries)
        devices.append(QJsonObject { { u"registration"_s, entry->registration.toJson() },
                                     { u"key_entry"_s, entry->keyEntry } });
    QJsonArray history;
    for (const HistoryEntry &h : m_historyEntries)
        history.append(QJsonObject { { u"time"_s, h.time },
                                     { u"server"_s, h.server },
                                     { u"user"_s, h.username },
                                     { u"application"_s, h.application },
                                     { u"ip"_s, h.clientIp },
                                     { u"outcome"_s, h.outcome } });
    QDir().mkpath(m_dataDir);
    QSaveFile file(QDir(m_dataDir).filePath(QLatin1StringView(fileName)));
    if (!file.open(QIODevice::WriteOnly)
        || file.write(
               QJsonDocument(QJsonObject { { u"devices"_s, devices }, { u"history"_s, history } })
                   .toJson())
            < 0
        || !file.commit()) {
        *error = tr("Cannot save the sign-in approval settings in %1: %2")
                     .arg(m_dataDir, file.errorString());
        return false;
    }
    return true;
}

void PushCenter::keyRead(const QString &keyEntry, const Result<QByteArray> &key)
{
    for (auto &entry : m_entries) {
        if (entry->keyEntry != keyEntry || entry->device)
            continue;
        auto ecKey = key ? EcKey::fromPrivatePem(*key) : Result<EcKey>(key.error());
        if (!ecKey) {
            entry->warning = tr("The key for %1 is not in the system keychain (%2). Remove this "
                                "server and activate this computer again.")
                                 .arg(serverName(entry->registration), ecKey.error().message);
            updateRow(*entry);
            emit warningsChanged();
            return;
        }
        attach(*entry, *ecKey);
        return;
    }
}

// ---- devices ----

void PushCenter::attach(Entry &entry, EcKey key)
{
    entry.device
        = std::make_unique<client::PushDevice>(std::move(key), entry.registration, &m_clock);
    client::PushDevice *device = entry.device.get();
    device->setRetrySchedule(m_schedule);
    Entry *e = &entry;
    connect(device, &client::PushDevice::stateChanged, this, [this, e] {
        // Connected again with the pinned certificate (the one it met was not the server's):
        // the warning about it is over.
        if (e->certificateRefused && e->device->state() == client::PushDevice::State::Connected) {
            e->certificateRefused = false;
            e->warning.clear();
            emit warningsChanged();
        }
        updateRow(*e);
        emit deviceStateChanged(indexOf(e->device.get()));
    });
    connect(
        device, &client::PushDevice::challengeReceived, this,
        [this, e](const client::PushChallenge &challenge) { challengeReceived(*e, challenge); });
    connect(device, &client::PushDevice::challengeClosed, this, [this, e](const QString &txid) {
        m_waiting.removeIf([&txid](const auto &w) { return w.second.txid == txid; });
        // Closed before this desktop answered it: someone answered elsewhere, or it expired.
        if (m_dialog && m_dialog->challenge().txid == txid
            && m_dialog->property("answer").toString().isEmpty()) {
            record(m_dialog->challenge(), serverName(e->registration),
                   tr("Answered elsewhere or expired"));
            m_dialog->endRequest(tr("This request was answered on another device, or it has "
                                    "expired."));
        }
    });
    connect(device, &client::PushDevice::answered, this,
            [this, e](const QString &txid, const QString &result, const QString &message) {
                if (!m_dialog || m_dialog->challenge().txid != txid)
                    return;
                QString outcome = m_dialog->property("answer").toString();
                // An approval the server refused (a wrong number) says so in the history.
                if (outcome == answerTitle(client::PushDevice::Answer::Approve)
                    && result != u"allow")
                    outcome = tr("Approved, but refused: %1").arg(message);
                record(m_dialog->challenge(), serverName(e->registration), outcome);
                m_dialog->showResult(result == u"fraud" ? tr("Reported. Your helpdesk has been "
                                                             "told.")
                                                        : tr("Sent."),
                                     false);
                m_dialog->accept();
            });
    connect(device, &client::PushDevice::answerFailed, this,
            [this](const QString &txid, const QString &reason) {
                if (m_dialog && m_dialog->challenge().txid == txid)
                    m_dialog->showResult(reason, true);
            });
    connect(device, &client::PushDevice::revoked, this, [this, e] {
        updateRow(*e);
        emit deviceStateChanged(indexOf(e->device.get()));
    });
    connect(device, &client::PushDevice::certificateChanged, this, [this, e] {
        e->certificateRefused = true;
        e->warning = tr("The certificate of %1 has changed since this computer was activated. "
                        "Requests from it are refused until you activate again; if its "
                        "administrator did not replace it, tell your helpdesk.")
                         .arg(serverName(e->registration));
        updateRow(*e);
        emit warningsChanged();
    });
    connect(device, &client::PushDevice::serverTimeReceived, this,
            [this, e](qint64 serverTime, qint64 localTime) {
                const qint64 skew = localTime - serverTime;
                e->warning = std::abs(skew) > maxClockSkewSeconds
                    ? tr("This computer's clock is %n second(s) away from the clock of %1. Set "
                         "the clock right, or sign-in approvals may be refused.",
                         nullptr, int(std::abs(skew)))
                          .arg(serverName(e->registration))
                    : QString();
                updateRow(*e);
                emit warningsChanged();
            });
    device->start();
    device->requestServerTime();
    updateRow(entry);
}

void PushCenter::updateRow(const Entry &entry)
{
    int row = -1;
    for (int i = 0; i < int(m_entries.size()); ++i) {
        if (m_entries[i].get() == &entry)
            row = i;
    }
    if (row < 0)
        return;
    while (m_devices.rowCount() <= row) {
        QList<QStandardItem *> items;
        for (int i = 0; i < m_devices.columnCount(); ++i)
            items << new QStandardItem;
        m_devices.appendRow(items);
    }
    m_devices.item(row, 0)->setText(serverName(entry.registration));
    m_devices.item(row, 1)->setText(entry.registration.username);
    // A server met with another certificate was reached: say why it is not used.
    m_devices.item(row, 2)->setText(!entry.device ? tr("Reading the key…")
                                        : entry.certificateRefused
                                        ? tr("Refused: not the certificate this computer trusts")
                                        : stateTitle(entry.device->state()));
    m_devices.item(row, 3)->setText(entry.warning);
}

void PushCenter::activate(const QString &link)
{
    showDevices();
    auto parsed = client::ActivationLink::parse(link);
    auto key = EcKey::generate();
    if (!parsed || !key) {
        const QString reason = !parsed ? parsed.error().message : key.error().message;
        m_devicesDialog->setStatus(reason, true);
        return emit activationFailed(reason);
    }
    m_activating = std::make_unique<Entry>();
    m_activating->keyEntry = u"push-device-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_activatingKey = key->privatePem();
    m_activating->device = std::make_unique<client::PushDevice>(*key, &m_clock);
    client::PushDevice *device = m_activating->device.get();
    connect(device, &client::PushDevice::activated, this,
            [this] { m_keychain.writeKey(m_activating->keyEntry, m_activatingKey); });
    connect(device, &client::PushDevice::failed, this, [this](const QString &reason) {
        m_activating.reset();
        scrub(m_activatingKey);
        m_activatingKey.clear();
        m_devicesDialog->setStatus(reason, true);
        emit activationFailed(reason);
    });
    m_devicesDialog->setStatus(tr("Activating with %1…").arg(parsed->serverUrl.host()), false);
    device->activate(*parsed, tr("Twofold on %1").arg(QSysInfo::machineHostName()));
}

void PushCenter::revoke(int index)
{
    if (index < 0 || index >= int(m_entries.size()))
        return;
    Entry *entry = m_entries[index].get();
    const auto remove = [this, entry] {
        const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                     [entry](const auto &e) { return e.get() == entry; });
        if (it == m_entries.end())
            return;
        m_keychain.deleteKey(entry->keyEntry);
        const int row = int(it - m_entries.begin());
        // Deleted later: this may run inside one of the device's own signals.
        if (entry->device)
            entry->device.release()->deleteLater();
        m_entries.erase(it);
        m_devices.removeRow(row);
        QString error;
        if (!save(&error) && m_devicesDialog)
            m_devicesDialog->setStatus(error, true);
    };
    if (!entry->device || entry->device->state() == client::PushDevice::State::Revoked)
        return remove();
    connect(entry->device.get(), &client::PushDevice::revoked, this, remove);
    connect(entry->device.get(), &client::PushDevice::revokeFailed, this,
            [this](const QString &reason) {
                if (m_devicesDialog)
                    m_devicesDialog->setStatus(reason, true);
            });
    entry->device->revoke();
}

// ---- requests ----

void PushCenter::challengeReceived(Entry &entry, const client::PushChallenge &challenge)
{
    m_waiting.append({ &entry, challenge });
    if (m_tray && m_tray->isVisible())
        m_tray->showMessage(tr("Sign-in request"),
                            tr("%1 for %2: open the request to approve or deny it.")
                                .arg(challenge.application, challenge.username),
                            QSystemTrayIcon::Information);
    showNext();
}

void PushCenter::showNext()
{
    if (m_dialog)
        return;
    while (!m_waiting.isEmpty()) {
        const auto [entry, challenge] = m_waiting.takeFirst();
        if (challenge.expires <= m_clock.currentSecsSinceEpoch())
            continue;
        auto *dialog
            = new ApprovalDialog(challenge, serverName(entry->registration), m_clock, m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_dialog = dialog;
        connect(dialog, &ApprovalDialog::answerChosen, this,
                [this, entry, dialog](const QString &txid, client::PushDevice::Answer answer,
                                      int number) {
                    dialog->setProperty("answer", answerTitle(answer));
                    if (entry->device)
                        entry->device->answer(txid, answer, number);
                });
        connect(dialog, &QObject::destroyed, this,
                [this] { QTimer::singleShot(0, this, &PushCenter::showNext); });
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
        emit requestShown(challenge);
        return;
    }
}

void PushCenter::record(const client::PushChallenge &challenge, const QString &server,
                        const QString &outcome)
{
    const HistoryEntry entry { m_clock.currentSecsSinceEpoch(),
                               server,
                               challenge.username,
                               challenge.application,
                               challenge.clientIp,
                               outcome };
    m_historyEntries.prepend(entry);
    m_history.insertRow(0,
                        { new QStandardItem(QLocale().toString(
                              QDateTime::fromSecsSinceEpoch(entry.time), QLocale::ShortFormat)),
                          new QStandardItem(entry.application), new QStandardItem(entry.username),
                          new QStandardItem(entry.server), new QStandardItem(entry.clientIp),
                          new QStandardItem(outcome) });
    while (m_historyEntries.size() > historySize) {
        m_historyEntries.removeLast();
        m_history.removeRow(m_history.rowCount() - 1);
    }
    QString error;
    save(&error);
    emit historyChanged();
}

void PushCenter::showDevices()
{
    if (!m_devicesDialog) {
        m_devicesDialog = new PushDevicesDialog(*this, m_window);
        m_devicesDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_devicesDialog->show();
    m_devicesDialog->raise();
}

} // namespace twofold::ui
