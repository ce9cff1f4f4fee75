#pragma once

#include "result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace twofold::vault {

// The OS keychain (Secret Service, KWallet, Windows Credential Manager, macOS Keychain) through
// QtKeychain, with its insecure plaintext fallback refused. Jobs are asynchronous; each call
// answers once through its signal. The service name is "Twofold"; keys are vault entry names.
class Keychain final : public QObject
{
    Q_OBJECT

public:
    explicit Keychain(QObject *parent = nullptr);

    void checkAvailable(); // -> availabilityChecked
    void readKey(const QString &entry); // -> keyRead
    void writeKey(const QString &entry, const QByteArray &key); // -> keyWritten
    void deleteKey(const QString &entry); // -> keyDeleted

    // Blocking forms for twofold-cli and tests: run a local event loop until the job ends.
    static Result<QByteArray> readKeyBlocking(const QString &entry);
    static Result<void> writeKeyBlocking(const QString &entry, const QByteArray &key);
    static Result<void> deleteKeyBlocking(const QString &entry);

signals:
    // Not available: no Secret Service on the session bus, or it refused; the message says
    // so in plain words for the first-start dialog.
    void availabilityChecked(bool available, const QString &message);
    void keyRead(const QString &entry, const twofold::Result<QByteArray> &key);
    void keyWritten(const QString &entry, const twofold::Result<void> &result);
    void keyDeleted(const QString &entry, const twofold::Result<void> &result);
};

} // namespace twofold::vault
