#include "otp/base32.h"
#include "vault/importers/formats.h"

#include <QJsonValue>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace twofold::vault::importers {

QString entryName(qsizetype index, const QString &issuer, const QString &account)
{
    const QString number = u"Entry %1"_s.arg(index + 1);
    if (issuer.isEmpty() && account.isEmpty())
        return number;
    if (issuer.isEmpty() || account.isEmpty())
        return u"%1 (%2)"_s.arg(number, issuer.isEmpty() ? account : issuer);
    return u"%1 (%2: %3)"_s.arg(number, issuer, account);
}

Error damaged(const QString &format, const QString &what)
{
    return Error { ErrorCode::ImportFormat,
                   u"This %1 file is damaged or not what it claims: %2"_s.arg(format, what) };
}

Error wrongPassword()
{
    // AES-GCM cannot tell a wrong key from changed bytes; the wrong password is far likelier.
    return Error { ErrorCode::InvalidArgument,
                   u"The password is wrong (or the file was changed after it was saved)."_s };
}

namespace {

QString jsonProblem(const QJsonParseError &error)
{
    return u"it is not valid JSON (%1 at byte %2)."_s.arg(error.errorString()).arg(error.offset);
}

} // namespace

Result<QJsonArray> parseJsonArray(const QByteArray &data, const QString &format)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return damaged(format, jsonProblem(error));
    if (!document.isArray())
        return damaged(format, u"it should hold a list of accounts."_s);
    return document.array();
}

Result<QJsonObject> parseJsonObject(const QByteArray &data, const QString &format)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return damaged(format, jsonProblem(error));
    if (!document.isObject())
        return damaged(format, u"it should hold a JSON object."_s);
    return document.object();
}

Fields::Fields(const QJsonObject &object, QString where)
    : m_object(object)
    , m_where(std::move(where))
{
}

bool Fields::present(QLatin1String key) const
{
    const QJsonValue value = m_object.value(key);
    return !value.isUndefined() && !value.isNull();
}

void Fields::wrongType(QLatin1String key, const QString &expected)
{
    fail(u"\"%1\" should be %2."_s.arg(key, expected));
}

void Fields::fail(const QString &problem)
{
    if (m_problem.isEmpty())
        m_problem = problem;
}

Error Fields::error() const
{
    return Error { ErrorCode::ImportFormat, u"%1: %2"_s.arg(m_where, m_problem) };
}

QString Fields::string(QLatin1String key, const QString &fallback)
{
    if (!present(key))
        return fallback;
    const QJsonValue value = m_object.value(key);
    if (!value.isString()) {
        wrongType(key, u"text"_s);
        return fallback;
    }
    return value.toString();
}

QString Fields::requiredString(QLatin1String key)
{
    if (!present(key)) {
        fail(u"\"%1\" is missing."_s.arg(key));
        return {};
    }
    return string(key);
}

qint64 Fields::integer(QLatin1String key, qint64 fallback, qint64 min, qint64 max)
{
    if (!present(key))
        return fallback;
    // toInteger() keeps a counter exact where toDouble() would round it beyond 2^53; text,
    // fractions and numbers outside qint64 give the marker, which is below every caller's min.
    constexpr qint64 notWhole = std::numeric_limits<qint64>::min();
    const qint64 number = m_object.value(key).toInteger(notWhole);
    if (number == notWhole || number < min || number > max) {
        wrongType(key, u"a whole number from %1 to %2"_s.arg(min).arg(max));
        return fallback;
    }
    return number;
}

qint64 Fields::requiredInteger(QLatin1String key, qint64 min, qint64 max)
{
    if (!present(key)) {
        fail(u"\"%1\" is missing."_s.arg(key));
        return min;
    }
    return integer(key, min, min, max);
}

bool Fields::boolean(QLatin1String key, bool fallback)
{
    if (!present(key))
        return fallback;
    const QJsonValue value = m_object.value(key);
    if (!value.isBool()) {
        wrongType(key, u"true or false"_s);
        return fallback;
    }
    return value.toBool();
}

QJsonObject Fields::requiredObject(QLatin1String key)
{
    const QJsonValue value = m_object.value(key);
    if (!value.isObject()) {
        if (value.isUndefined() || value.isNull())
            fail(u"\"%1\" is missing."_s.arg(key));
        else
            wrongType(key, u"an object"_s);
        return {};
    }
    return value.toObject();
}

Result<Account> makeAccount(const EntryDraft &draft, const QString &where)
{
    const auto fault = [&where](const QString &problem) {
        return Error { ErrorCode::ImportFormat, u"%1: %2"_s.arg(where, problem) };
    };
    OtpParameters otp;
    otp.issuer = draft.issuer;
    otp.account = draft.account;
    otp.normaliseNames();

    const QString type = draft.type.toLower();
    if (type == u"totp")
        otp.type = OtpType::Totp;
    else if (type == u"hotp")
        otp.type = OtpType::Hotp;
    else if (type == u"steam")
        otp.type = OtpType::Steam;
    else
        return fault(u"the type \"%1\" is not supported; Twofold reads TOTP, HOTP and Steam."_s.arg(
            draft.type.left(20)));

    const Result<HashAlgorithm> algorithm = hashAlgorithmFromName(draft.algorithm);
    if (!algorithm)
        return fault(u"the algorithm \"%1\" is not supported; use SHA1, SHA256 or SHA512."_s.arg(
            draft.algorithm.left(20)));
    otp.algorithm = *algorithm;

    if (!draft.secretBase32.isNull()) {
        const Result<QByteArray> secret = Base32::decode(draft.secretBase32);
        if (!secret)
            return fault(u"its secret is not valid Base32. %1"_s.arg(secret.error().message));
        otp.secret = *secret;
    } else {
        otp.secret = draft.secretBytes;
    }

    if (otp.type == OtpType::Hotp) {
        if (draft.counter < 0)
            return fault(u"the counter cannot be negative."_s);
        otp.counter = static_cast<quint64>(draft.counter);
    } else {
        otp.period = draft.period;
    }
    // Steam codes are 5 characters whatever a file says: the type fixes them.
    otp.digits = otp.type == OtpType::Steam
        ? OtpParameters::steamDigits
        : static_cast<int>(std::clamp<qint64>(draft.digits, 0, 100));
    if (const Result<void> valid = otp.validate(); !valid)
        return fault(valid.error().message);

    Account account;
    account.id = QUuid::createUuid();
    account.otp = std::move(otp);
    account.group = draft.group;
    account.pinned = draft.pinned;
    return account;
}

} // namespace twofold::vault::importers
