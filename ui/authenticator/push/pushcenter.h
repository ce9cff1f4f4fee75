#pragma once

#include "authenticator/push/approvaldialog.h"
#include "authenticator/push/pushdevicesdialog.h"
#include "authenticator/push/pushservice.h"
#include "authenticator/push/sleepwatcher.h"
#include "client/pushdevice.h"
#include "vault/keychain.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStandardItemModel>

#include <memory>

class QSystemTrayIcon;

namespace twofold::ui {

// This desktop's enrollments for sign-in approval: one PushDevice per server (or per user on a
// server), each with its private key in the OS keychain and its registration in
// dataDir/push-devices.json. Shows each request in an ApprovalDialog, one at a time, and keeps
// the last answers as history.
class PushCenter final : public QObject, public PushService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PushCenter)

public:
    struct HistoryEntry
    {
        qint64 time = 0;
        QString server;
        QString username;
        QString application;
        QString clientIp;
        QString outcome; // what the user answered, or why the request ended
    };

    PushCenter(const Clock &clock, QString dataDir, QWidget *window, QSystemTrayIcon *tray,
               QObject *parent = nullptr);
    ~PushCenter() override;

    void activate(const QString &link) override;
    void showDevices() override;
    void revoke(int index);

    // For the devices dialog and tests.
    QStandardItemModel *devicesModel() { return &m_devices; }
    QStandardItemModel *historyModel() { return &m_history; }
    int deviceCount() const { return int(m_entries.size()); }
    client::PushDevice *device(int index) const;
    ApprovalDialog *approvalDialog() const { return m_dialog; }
    PushDevicesDialog *devicesDialog() const { return m_devicesDialog; }
    QString warnings() const; // clock and certificate warnings, one a line
    // For the devices there are and those to come.
    void setRetrySchedule(const client::RetrySchedule &schedule);

    static constexpr qint64 maxClockSkewSeconds = 30;
    static constexpr int historySize = 50;

signals:
    void activated(int index);
    void activationFailed(const QString &reason);
    void deviceStateChanged(int index);
    void requestShown(const twofold::client::PushChallenge &challenge);
    void historyChanged();
    void warningsChanged();

private:
    struct Entry
    {
        client::PushRegistration registration;
        QString keyEntry;
        std::unique_ptr<client::PushDevice> device;
        QString warning;
        bool certificateRefused = false; // warning is about it
    };

    void load();
    bool save(QString *error) const;
    void attach(Entry &entry, EcKey key);
    void keyRead(const QString &keyEntry, const Result<QByteArray> &key);
    void challengeReceived(Entry &entry, const client::PushChallenge &challenge);
    void showNext();
    void record(const client::PushChallenge &challenge, const QString &server,
                const QString &outcome);
    void updateRow(const Entry &entry);
    int indexOf(const client::PushDevice *device) const;
    static QString serverName(const client::PushRegistration &registration);

    const Clock &m_clock;
    const QString m_dataDir;
    QPointer<QWidget> m_window;
    QPointer<QSystemTrayIcon> m_tray;
    vault::Keychain m_keychain;
    client::RetrySchedule m_schedule;
    SleepWatcher m_sleep;
    std::vector<std::unique_ptr<Entry>> m_entries;
    QList<std::pair<Entry *, client::PushChallenge>> m_waiting; // requests behind the one shown
    QPointer<ApprovalDialog> m_dialog;
    Entry *m_dialogEntry = nullptr;
    QPointer<PushDevicesDialog> m_devicesDialog;
    QStandardItemModel m_devices;
    QStandardItemModel m_history;
    QList<HistoryEntry> m_historyEntries;
    // An activation under way: its device, and the key to store once the server has it.
    std::unique_ptr<Entry> m_activating;
    QByteArray m_activatingKey;
};

} // namespace twofold::ui
