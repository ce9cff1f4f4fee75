#pragma once

#include <QByteArray>
#include <QList>
#include <QSettings>
#include <QString>

namespace twofold::ui {

// The servers admin mode has signed in to, with the certificate pinned on first use (as SSH's
// known_hosts) and the last username, newest first.
class ServerBook final
{
public:
    struct Entry
    {
        QString url;
        QByteArray fingerprint; // lower-case hex SHA-256
        QString username;
    };

    ServerBook(); // the application's QSettings
    explicit ServerBook(const QString &iniFile); // tests

    QList<Entry> entries() const;
    QByteArray fingerprint(const QString &url) const; // empty when not pinned yet
    void pin(const QString &url, const QByteArray &fingerprint);
    void remember(const QString &url, const QString &username); // moves it to the top

private:
    Q_DISABLE_COPY_MOVE(ServerBook)
    void save(const QList<Entry> &entries);

    mutable QSettings m_settings; // reading an array moves its cursor
};

} // namespace twofold::ui
