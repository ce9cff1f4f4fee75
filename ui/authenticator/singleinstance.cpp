#include "authenticator/singleinstance.h"

#include <QCryptographicHash>
#include <QLocalServer>
#include <QLocalSocket>

using namespace Qt::StringLiterals;

namespace twofold::ui {

SingleInstance::SingleInstance(const QString &dataPath, QObject *parent)
    : QObject(parent)
{
    // Per user and per vault, so tests with their own data folder never meet the real app.
    const QByteArray key = (qEnvironmentVariable("USER") + u'\n' + dataPath).toUtf8();
    m_name = u"twofold-"_s
        + QString::fromLatin1(
                 QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16));
}

bool SingleInstance::claim()
{
    QLocalSocket probe;
    probe.connectToServer(m_name);
    if (probe.waitForConnected(500)) {
        probe.write("raise\n");
        probe.waitForBytesWritten(500);
        probe.disconnectFromServer();
        return false;
    }
    QLocalServer::removeServer(m_name); // a stale socket left by a crash
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name))
        return true; // run anyway; only the raising is lost
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            emit raiseRequested();
        }
    });
    return true;
}

} // namespace twofold::ui
