#include "authenticator/codeclipboard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>

using namespace Qt::StringLiterals;

namespace twofold::ui {

CodeClipboard::CodeClipboard(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

void CodeClipboard::copy(const QString &code, int clearAfterSeconds)
{
    auto *mime = new QMimeData;
    mime->setText(code);
    // KDE Klipper, and managers that follow it, do not keep entries marked secret.
    mime->setData(QLatin1StringView(passwordManagerHint), QByteArrayLiteral("secret"));
    QGuiApplication::clipboard()->setMimeData(mime, QClipboard::Clipboard);
    m_code = clearAfterSeconds > 0 ? code : QString();
    m_expiresAt = m_clock.currentSecsSinceEpoch() + clearAfterSeconds;
}

bool CodeClipboard::holdsOurCode() const
{
    return !m_code.isEmpty() && QGuiApplication::clipboard()->text(QClipboard::Clipboard) == m_code;
}

void CodeClipboard::expire()
{
    if (m_code.isEmpty() || m_clock.currentSecsSinceEpoch() < m_expiresAt)
        return;
    clearNow();
}

void CodeClipboard::clearNow()
{
    if (holdsOurCode()) {
        QGuiApplication::clipboard()->clear(QClipboard::Clipboard);
        emit cleared();
    }
    m_code.clear();
}

} // namespace twofold::ui
