#pragma once

#include <QDialog>

class QLabel;
class QTableView;

namespace twofold::ui {

class PushCenter;

// The servers this desktop approves sign-ins for, with their status and warnings, the last
// requests and their answers; activation by pasted link, and removal (which revokes the device
// on the server).
class PushDevicesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PushDevicesDialog)

public:
    PushDevicesDialog(PushCenter &center, QWidget *parent = nullptr);

    void setStatus(const QString &text, bool error);
    QString status() const;

private:
    void updateWarnings();
    void removeSelected();

    PushCenter &m_center;
    QTableView *m_devices;
    QTableView *m_history;
    QLabel *m_warnings;
    QLabel *m_status;
};

} // namespace twofold::ui
