#pragma once

#include "result.h"
#include "vault/account.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace twofold::vault {

// Reads other authenticators' exports (and Twofold's own backup) into accounts.
// Every parser answers bad input with a clear error and never a partial list.
class Importer final
{
public:
    enum class Format {
        Unknown,
        OtpauthList, // one otpauth:// URI per line
        GoogleMigration, // otpauth-migration:// lines, or a QR image of one
        AegisPlain,
        AegisEncrypted,
        TwoFasPlain,
        TwoFasEncrypted,
        AndOtpPlain,
        AndOtpEncrypted,
        Bitwarden,
        FreeOtpPlus,
        TwofoldBackup,
    };

    struct Imported
    {
        Format format = Format::Unknown;
        QList<Account> accounts; // fresh ids; addedAt left 0 for the vault to set
    };

    static Format detect(const QByteArray &data);
    static bool needsPassword(Format format);
    static QString formatName(Format format); // for people: "Aegis (encrypted)"

    // A wrong or missing password for an encrypted format is its own clear error
    // (ErrorCode::InvalidArgument with "password" in the message).
    static Result<Imported> read(const QByteArray &data, const QString &password = {});
};

} // namespace twofold::vault
