#include "vault/importers/formats.h"

#include <cmath>

using namespace Qt::StringLiterals;

// FreeOTP+ JSON exports: "tokens", each with its secret as a list of signed bytes (Java's).
namespace twofold::vault::importers {

namespace {

const QString freeOtpName = u"FreeOTP+"_s;

} // namespace

Result<Accounts> readFreeOtpPlus(const QJsonObject &root)
{
    if (!root.value("tokens"_L1).isArray())
        return damaged(freeOtpName, u"\"tokens\" should be a list."_s);
    const QJsonArray tokens = root.value("tokens"_L1).toArray();

    Accounts accounts;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (!tokens[i].isObject())
            return damaged(freeOtpName, u"token %1 is not an object."_s.arg(i + 1));
        const QJsonObject object = tokens[i].toObject();
        EntryDraft draft;
        draft.issuer = object.value("issuerExt"_L1).toString();
        if (draft.issuer.isEmpty())
            draft.issuer = object.value("issuerInt"_L1).toString();
        draft.account = object.value("label"_L1).toString();
        Fields token(object, entryName(i, draft.issuer, draft.account));
        token.string("issuerExt"_L1);
        token.string("issuerInt"_L1);
        token.string("label"_L1);
        draft.type = token.requiredString("type"_L1);
        draft.algorithm = token.string("algo"_L1, u"SHA1"_s);
        draft.digits = token.integer("digits"_L1, 6, 0, 100);
        draft.period = token.integer("period"_L1, 30, 1, std::numeric_limits<int>::max());
        // FreeOTP+ stores the counter one behind the other apps for the same next code; Aegis
        // reads it as counter + 1 too, and the shared test vectors agree.
        draft.counter
            = token.integer("counter"_L1, 0, 0, std::numeric_limits<qint64>::max() - 1) + 1;
        const QJsonValue secret = object.value("secret"_L1);
        if (!secret.isArray())
            token.fail(u"\"secret\" should be a list of bytes."_s);
        for (const QJsonValue &byte : secret.toArray()) {
            const double value = byte.toDouble();
            if (!byte.isDouble() || value < -128 || value > 255 || std::floor(value) != value) {
                token.fail(u"\"secret\" should hold only bytes (-128 to 255)."_s);
                break;
            }
            draft.secretBytes.append(static_cast<char>(static_cast<int>(value)));
        }
        if (!token.ok())
            return token.error();
        Result<Account> account = makeAccount(draft, token.where());
        if (!account)
            return account.error();
        accounts.append(std::move(*account));
    }
    return accounts;
}

} // namespace twofold::vault::importers
