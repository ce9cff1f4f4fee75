#include "authenticator/singleinstance.h"

#include <QCryptographicHash>

#ifdef TWOFOLD_SINGLE_INSTANCE_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#else
#include <QLocalServer>
#include <QLocalSocket>
#endif

using namespace Qt::StringLiterals;

namespace twofold::ui {

#ifdef TWOFOLD_SINGLE_INSTANCE_DBUS
namespace {

constexpr int raiseTimeoutMs = 2000;

QString objectPath()
{
    return u"/org/twofold/Twofold"_s;
}

QString interfaceName()
{
    return u"org.twofold.Twofold.Instance"_s; // as in the header's Q_CLASSINFO
}

} // namespace
#endif

SingleInstance::SingleInstance(const QString &dataPath, QObject *parent)
    : QObject(parent)
{
    // Per user and per vault, so tests with their own data folder never meet the real app.
    const QByteArray key = (qEnvironmentVariable("USER") + u'\n' + dataPath).toUtf8();
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16));
#ifdef TWOFOLD_SINGLE_INSTANCE_DBUS
    m_name = u"org.twofold.Twofold.i"_s + hash; // a bus name element may not start with a digit
#else
    m_name = u"twofold-"_s + hash;
#endif
}

SingleInstance::~SingleInstance()
{
#ifdef TWOFOLD_SINGLE_INSTANCE_DBUS
    // The bus frees the name when the process ends; this frees it for a later instance now.
    if (m_claimed)
        QDBusConnection::sessionBus().unregisterService(m_name);
#endif
}

void SingleInstance::raise()
{
    emit raiseRequested();
}

void SingleInstance::open(const QString &link)
{
    emit raiseRequested();
    emit openRequested(link);
}

#ifdef TWOFOLD_SINGLE_INSTANCE_DBUS

// D-Bus rather than a local socket: the session bus is connected anyway (keychain, screen lock),
// while QLocalServer would load QtNetwork and its Kerberos and proxy libraries at every start.
bool SingleInstance::claim(const QString &link)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return true; // run anyway; only the raising is lost
    // The object first, so that a launch that sees the name can always call it.
    bus.registerObject(objectPath(), this, QDBusConnection::ExportScriptableSlots);
    if (bus.registerService(m_name)) {
        m_claimed = true;
        return true;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(m_name, objectPath(), interfaceName(),
                                                       link.isEmpty() ? u"raise"_s : u"open"_s);
    if (!link.isEmpty())
        call << link;
    const QDBusMessage reply = bus.call(call, QDBus::Block, raiseTimeoutMs);
    if (reply.type() == QDBusMessage::ReplyMessage) {
        bus.unregisterObject(objectPath());
        return false;
    }
    // No answer: the owner has just died (the bus frees its name), or hangs. Run anyway.
    m_claimed = bus.registerService(m_name);
    return true;
}

#else

bool SingleInstance::claim(const QString &link)
{
    QLocalSocket probe;
    probe.connectToServer(m_name);
    if (probe.waitForConnected(500)) {
        probe.write(link.isEmpty() ? "raise\n"_ba : "open " + link.toUtf8() + '\n');
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
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                while (socket->canReadLine()) {
                    const QByteArray line = socket->readLine().trimmed();
                    if (line.startsWith("open "))
                        open(QString::fromUtf8(line.mid(5)));
                    else
                        raise();
                }
            });
        }
    });
    return true;
}

#endif

} // namespace twofold::ui
