#pragma once

#include <QDateTime>
#include <QtGlobal>

namespace twofold {

// The time source for everything time-based, injected so that tests never wait on a real clock.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 currentSecsSinceEpoch() const = 0;
};

class SystemClock final : public Clock
{
public:
    qint64 currentSecsSinceEpoch() const override { return QDateTime::currentSecsSinceEpoch(); }
};

// A clock that stays where it is put; tests move it by hand.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 secs = 0)
        : m_secs(secs)
    {
    }
    qint64 currentSecsSinceEpoch() const override { return m_secs; }
    void setSecsSinceEpoch(qint64 secs) { m_secs = secs; }
    void advance(qint64 secs) { m_secs += secs; }

private:
    qint64 m_secs;
};

} // namespace twofold
