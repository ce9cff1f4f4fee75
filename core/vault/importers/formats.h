#pragma once

// Private to core/vault: one reader per outside format, and the pieces they share.

#include "result.h"
#include "vault/account.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace twofold::vault::importers {

using Accounts = QList<Account>;

// otpauth:// and otpauth-migration:// lines ('#' comments and blank lines skipped).
Result<Accounts> readUriText(const QByteArray &data);
// A PNG or JPEG with QR codes of migration (or otpauth) URIs.
Result<Accounts> readQrImage(const QByteArray &data);
Result<Accounts> readAegis(const QJsonObject &root, const QString &password);
Result<Accounts> readTwoFas(const QJsonObject &root, const QString &password);
Result<Accounts> readAndOtpPlain(const QByteArray &data);
Result<Accounts> readAndOtpEncrypted(const QByteArray &data, const QString &password);
Result<Accounts> readBitwarden(const QJsonObject &root);
Result<Accounts> readFreeOtpPlus(const QJsonObject &root);

// Recognisers used by Importer::detect.
bool looksLikeAegis(const QJsonObject &root);
bool looksLikeAndOtpEncrypted(const QByteArray &data);

// "entry 3 (Deno: Mason)": how messages name the entry at fault, never with its secret.
QString entryName(qsizetype index, const QString &issuer, const QString &account);

Error damaged(const QString &format, const QString &what); // the file's structure is wrong
Error wrongPassword();

// The whole document as JSON of the expected shape, or a clear error naming the format.
Result<QJsonArray> parseJsonArray(const QByteArray &data, const QString &format);
Result<QJsonObject> parseJsonObject(const QByteArray &data, const QString &format);

// Reads the fields of one JSON object and keeps the first fault, with the entry named in it,
// so a parser reads everything first and checks once.
class Fields final
{
public:
    Fields(const QJsonObject &object, QString where);

    QString string(QLatin1String key, const QString &fallback = {}); // null: fallback
    QString requiredString(QLatin1String key);
    qint64 integer(QLatin1String key, qint64 fallback, qint64 min, qint64 max);
    qint64 requiredInteger(QLatin1String key, qint64 min, qint64 max);
    bool boolean(QLatin1String key, bool fallback);
    QJsonObject requiredObject(QLatin1String key);

    void fail(const QString &problem); // records a fault found by the caller
    bool ok() const { return m_problem.isEmpty(); }
    Error error() const;
    const QString &where() const { return m_where; }

private:
    bool present(QLatin1String key) const;
    void wrongType(QLatin1String key, const QString &expected);

    QJsonObject m_object;
    QString m_where;
    QString m_problem;
};

// The parts of an entry common to every format; check() turns them into an Account or an
// error naming the entry.
struct EntryDraft
{
    QString issuer;
    QString account;
    QString type; // "totp", "hotp", "steam", in any case
    QString algorithm = QStringLiteral("SHA1");
    QString secretBase32; // either this or secretBytes
    QByteArray secretBytes;
    qint64 digits = 6;
    qint64 period = 30;
    qint64 counter = 0;
    QString group;
    bool pinned = false;
};
Result<Account> makeAccount(const EntryDraft &draft, const QString &where);

} // namespace twofold::vault::importers
