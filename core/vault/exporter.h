#pragma once

#include "result.h"
#include "vault/account.h"

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>

namespace twofold::vault {

// Writes accounts out for backup or for moving to another app or a phone.
class Exporter final
{
public:
    // The encrypted Twofold backup: a vault file with one password slot.
    static Result<QByteArray> twofoldBackup(const QList<Account> &accounts, const QString &password);
    // An Aegis vault (version 1, db version 2) that Aegis imports; an empty password writes
    // it unencrypted, otherwise with a scrypt password slot as Aegis does.
    static Result<QByteArray> aegis(const QList<Account> &accounts, const QString &password);
    // One otpauth URI per line. Plain text: callers warn the user first.
    static QByteArray otpauthList(const QList<Account> &accounts);
    // A QR code of one account's otpauth URI, to scan with a phone.
    static Result<QImage> qrCode(const Account &account);
};

} // namespace twofold::vault
