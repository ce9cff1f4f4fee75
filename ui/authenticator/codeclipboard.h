#pragma once

#include "clock.h"

#include <QObject>
#include <QString>

namespace twofold::ui {

// Puts codes on the system clipboard, marked as secret for clipboard managers, and clears
// them after a timeout, but only while the clipboard still holds our code. Time comes from
// the injected clock; expire() runs on the window's once-a-second tick.
class CodeClipboard final : public QObject
{
    Q_OBJECT

public:
    explicit CodeClipboard(const Clock &clock, QObject *parent = nullptr);

    // clearAfterSeconds <= 0: never clear.
    void copy(const QString &code, int clearAfterSeconds);
    void expire(); // clears once the timeout has passed
    void clearNow(); // on lock and quit, if the clipboard still holds our code
    bool holdsOurCode() const;

    static constexpr char passwordManagerHint[] = "x-kde-passwordManagerHint";

signals:
    void cleared();

private:
    const Clock &m_clock;
    QString m_code;
    qint64 m_expiresAt = 0;
};

} // namespace twofold::ui
