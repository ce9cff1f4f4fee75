#include "otp/otpauthuri.h"
#include "vault/importers/formats.h"

using namespace Qt::StringLiterals;

// Bitwarden's unencrypted JSON export: items whose login.totp holds an otpauth URI, a bare
// Base32 secret, or steam://SECRET.
namespace twofold::vault::importers {

namespace {

const QString bitwardenName = u"Bitwarden"_s;

} // namespace

Result<Accounts> readBitwarden(const QJsonObject &root)
{
    if (root.value("encrypted"_L1).toBool() || root.contains("encKeyValidation_DO_NOT_EDIT"_L1))
        return Error { ErrorCode::ImportFormat,
                       u"This Bitwarden export is encrypted, which Twofold cannot read; export "
                       "the vault again as unencrypted JSON."_s };
    if (!root.value("items"_L1).isArray())
        return damaged(bitwardenName, u"\"items\" should be a list."_s);
    const QJsonArray items = root.value("items"_L1).toArray();

    Accounts accounts;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items[i].isObject())
            return damaged(bitwardenName, u"item %1 is not an object."_s.arg(i + 1));
        const QJsonObject object = items[i].toObject();
        const QString name = object.value("name"_L1).toString();
        const QJsonValue loginValue = object.value("login"_L1);
        if (loginValue.isUndefined() || loginValue.isNull())
            continue; // notes, cards and identities hold no codes
        Fields item(object, entryName(i, name, {}));
        item.string("name"_L1);
        Fields login(item.requiredObject("login"_L1), item.where());
        const QString username = login.string("username"_L1);
        const QString totp = login.string("totp"_L1).trimmed();
        if (!item.ok())
            return item.error();
        if (!login.ok())
            return login.error();
        if (totp.isEmpty())
            continue;

        const QString where = entryName(i, name, username);
        if (totp.startsWith(u"otpauth://"_s, Qt::CaseInsensitive)) {
            Result<OtpParameters> otp = OtpAuthUri::parse(totp);
            if (!otp)
                return Error { ErrorCode::ImportFormat,
                               u"%1: %2"_s.arg(where, otp.error().message) };
            // A URI without names would leave a nameless account; the item's names are better,
            // in the form every importer gives names.
            if (otp->issuer.isEmpty())
                otp->issuer = name;
            if (otp->account.isEmpty())
                otp->account = username;
            otp->normaliseNames();
            Account account;
            account.id = QUuid::createUuid();
            account.otp = std::move(*otp);
            accounts.append(std::move(account));
            continue;
        }
        EntryDraft draft;
        draft.issuer = name;
        draft.account = username;
        const bool steam = totp.startsWith(u"steam://"_s, Qt::CaseInsensitive);
        draft.type = steam ? u"steam"_s : u"totp"_s;
        draft.secretBase32 = steam ? totp.mid(8) : totp;
        Result<Account> account = makeAccount(draft, where);
        if (!account)
            return account.error();
        accounts.append(std::move(*account));
    }
    return accounts;
}

} // namespace twofold::vault::importers
