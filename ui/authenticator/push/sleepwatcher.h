#pragma once

#include <QObject>

namespace twofold::ui {

// Reports when the computer wakes from sleep: logind's PrepareForSleep(false) on the system bus.
// A long poll held across a suspend is usually dead without knowing it, and the retry that
// follows a failure may be minutes away; the push devices reconnect at once instead.
// Where there is no logind (or no system bus) it simply never emits.
class SleepWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit SleepWatcher(QObject *parent = nullptr);

signals:
    void resumed();

private slots:
    // QtDBus connects to slots by signature only.
    void onPrepareForSleep(bool sleeping);
};

} // namespace twofold::ui
