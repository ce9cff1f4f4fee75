#pragma once

// Private to core/vault: the pieces of the vault file layout that Vault reads and writes.

#include "result.h"
#include "vault/account.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace twofold::vault::format {

inline constexpr QLatin1StringView formatName { "twofold-vault" };

// Base64 that must be in its one canonical spelling, so that no edit of the file's text
// decodes to the same bytes and goes unnoticed.
std::optional<QByteArray> decodeBase64(const QJsonValue &value);
QString encodeBase64(QByteArrayView bytes);

// The associated data of the accounts' ciphertext: the header's non-secret parts.
QByteArray headerAad(qint64 version, const QJsonArray &keySlots);

QJsonObject accountToJson(const Account &account);
// The message names the field at fault, never a value.
Result<Account> accountFromJson(const QJsonValue &value);

// Brings the decrypted JSON of a vault written with schema fromVersion to the current schema,
// one step at a time.
Result<QJsonObject> migrate(QJsonObject db, qint64 fromVersion);

} // namespace twofold::vault::format
