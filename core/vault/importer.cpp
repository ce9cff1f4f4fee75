#include "vault/importer.h"

#include "vault/importers/formats.h"
#include "vault/vault.h"

using namespace Qt::StringLiterals;

namespace twofold::vault {

namespace {

bool isImage(const QByteArray &data)
{
    return data.startsWith("\x89PNG\r\n\x1a\n") || data.startsWith("\xff\xd8\xff");
}

// The first line that is not blank or a comment, or empty.
QString firstMeaningfulLine(const QByteArray &data)
{
    const QStringList lines = QString::fromUtf8(data).split(u'\n');
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (!line.isEmpty() && !line.startsWith(u'#'))
            return line;
    }
    return {};
}

Importer::Format detectJsonObject(const QByteArray &data, const QJsonObject &root)
{
    using Format = Importer::Format;
    if (importers::looksLikeAegis(root))
        return root.value("db"_L1).isString() ? Format::AegisEncrypted : Format::AegisPlain;
    if (root.contains("schemaVersion"_L1)
        && (root.contains("services"_L1) || root.contains("servicesEncrypted"_L1)))
        return root.value("servicesEncrypted"_L1).toString().isEmpty() ? Format::TwoFasPlain
                                                                       : Format::TwoFasEncrypted;
    if (root.value("items"_L1).isArray() || root.contains("encKeyValidation_DO_NOT_EDIT"_L1))
        return Format::Bitwarden;
    if (root.value("tokens"_L1).isArray())
        return Format::FreeOtpPlus;
    // A Twofold backup is a vault file; the vault knows its own header best.
    if (Vault::fromBytes(data))
        return Format::TwofoldBackup;
    return Format::Unknown;
}

const QString supportedList = u"otpauth URI lists, Google Authenticator exports (text or QR "
                              "image), Aegis, 2FAS, andOTP, Bitwarden JSON, FreeOTP+ JSON and "
                              "Twofold backups."_s;

Result<QList<Account>> readTwofoldBackup(const QByteArray &data, const QString &password)
{
    Result<Vault> vault = Vault::fromBytes(data);
    if (!vault)
        return vault.error();
    if (const Result<void> unlocked = vault->unlockWithPassword(password); !unlocked) {
        // One wording and code for a wrong password, whichever format it was for.
        if (unlocked.error().code == ErrorCode::VaultPassword)
            return importers::wrongPassword();
        return unlocked.error();
    }
    QList<Account> accounts = vault->accounts();
    for (Account &account : accounts) {
        account.id = QUuid::createUuid();
        account.addedAt = 0;
    }
    vault->lock();
    return accounts;
}

} // namespace

Importer::Format Importer::detect(const QByteArray &data)
{
    if (isImage(data))
        return Format::GoogleMigration;

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error == QJsonParseError::NoError) {
        if (document.isObject())
            return detectJsonObject(data, document.object());
        if (document.isArray())
            return Format::AndOtpPlain;
    }
    // Broken JSON of a known shape still gets its format's own, precise error.
    const QByteArray start = data.trimmed().left(1);
    if (start == "[" && data.contains("\"secret\""))
        return Format::AndOtpPlain;
    if (start == "{") {
        if (data.contains("\"header\"") && data.contains("\"db\""))
            return Format::AegisPlain; // whether db was encrypted cannot be told any more
        if (data.contains("\"schemaVersion\"") && data.contains("\"services"))
            return Format::TwoFasPlain;
        if (data.contains("\"items\""))
            return Format::Bitwarden;
        if (data.contains("\"tokens\""))
            return Format::FreeOtpPlus;
    }

    const QString line = firstMeaningfulLine(data);
    if (line.startsWith(u"otpauth-migration:"_s, Qt::CaseInsensitive))
        return Format::GoogleMigration;
    if (line.startsWith(u"otpauth:"_s, Qt::CaseInsensitive)) {
        // A list that carries migration lines further down is read as an export too.
        return data.contains("otpauth-migration:") ? Format::GoogleMigration : Format::OtpauthList;
    }
    if (importers::looksLikeAndOtpEncrypted(data))
        return Format::AndOtpEncrypted;
    return Format::Unknown;
}

bool Importer::needsPassword(Format format)
{
    switch (format) {
    case Format::AegisEncrypted:
    case Format::TwoFasEncrypted:
    case Format::AndOtpEncrypted:
    case Format::TwofoldBackup:
        return true;
    case Format::Unknown:
    case Format::OtpauthList:
    case Format::GoogleMigration:
    case Format::AegisPlain:
    case Format::TwoFasPlain:
    case Format::AndOtpPlain:
    case Format::Bitwarden:
    case Format::FreeOtpPlus:
        return false;
    }
    return false;
}

QString Importer::formatName(Format format)
{
    switch (format) {
    case Format::Unknown:
        return u"Unknown"_s;
    case Format::OtpauthList:
        return u"otpauth URI list"_s;
    case Format::GoogleMigration:
        return u"Google Authenticator export"_s;
    case Format::AegisPlain:
        return u"Aegis"_s;
    case Format::AegisEncrypted:
        return u"Aegis (encrypted)"_s;
    case Format::TwoFasPlain:
        return u"2FAS"_s;
    case Format::TwoFasEncrypted:
        return u"2FAS (encrypted)"_s;
    case Format::AndOtpPlain:
        return u"andOTP"_s;
    case Format::AndOtpEncrypted:
        return u"andOTP (encrypted)"_s;
    case Format::Bitwarden:
        return u"Bitwarden"_s;
    case Format::FreeOtpPlus:
        return u"FreeOTP+"_s;
    case Format::TwofoldBackup:
        return u"Twofold backup"_s;
    }
    return u"Unknown"_s;
}

Result<Importer::Imported> Importer::read(const QByteArray &data, const QString &password)
{
    const Format format = detect(data);
    if (format == Format::Unknown)
        return Error { ErrorCode::ImportFormat,
                       u"Twofold does not recognise this file. Supported: %1"_s.arg(
                           supportedList) };
    if (needsPassword(format) && password.isEmpty()) {
        QString name = formatName(format);
        name.remove(u" (encrypted)"_s);
        return Error { ErrorCode::InvalidArgument,
                       u"This %1 backup is encrypted; give its password."_s.arg(name) };
    }

    const auto object
        = [&data, format]() { return importers::parseJsonObject(data, formatName(format)); };
    Result<QList<Account>> accounts = QList<Account>();
    switch (format) {
    case Format::Unknown:
        break;
    case Format::OtpauthList:
        accounts = importers::readUriText(data);
        break;
    case Format::GoogleMigration:
        accounts = isImage(data) ? importers::readQrImage(data) : importers::readUriText(data);
        break;
    case Format::AegisPlain:
    case Format::AegisEncrypted:
        if (const Result<QJsonObject> root = object(); root)
            accounts = importers::readAegis(*root, password);
        else
            accounts = root.error();
        break;
    case Format::TwoFasPlain:
    case Format::TwoFasEncrypted:
        if (const Result<QJsonObject> root = object(); root)
            accounts = importers::readTwoFas(*root, password);
        else
            accounts = root.error();
        break;
    case Format::AndOtpPlain:
        accounts = importers::readAndOtpPlain(data);
        break;
    case Format::AndOtpEncrypted:
        accounts = importers::readAndOtpEncrypted(data, password);
        break;
    case Format::Bitwarden:
        if (const Result<QJsonObject> root = object(); root)
            accounts = importers::readBitwarden(*root);
        else
            accounts = root.error();
        break;
    case Format::FreeOtpPlus:
        if (const Result<QJsonObject> root = object(); root)
            accounts = importers::readFreeOtpPlus(*root);
        else
            accounts = root.error();
        break;
    case Format::TwofoldBackup:
        accounts = readTwofoldBackup(data, password);
        break;
    }
    if (!accounts)
        return accounts.error();
    return Imported { format, std::move(*accounts) };
}

} // namespace twofold::vault
