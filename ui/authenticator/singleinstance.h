#pragma once

#include <QObject>

class QLocalServer;

namespace twofold::ui {

// One running app per user (and data folder): a second launch asks the first to raise its
// window and then quits.
class SingleInstance final : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(const QString &dataPath, QObject *parent = nullptr);

    // True when this is the only instance (and now listens); false when another one was told.
    bool claim();
    QString serverName() const { return m_name; }

signals:
    void raiseRequested();

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace twofold::ui
