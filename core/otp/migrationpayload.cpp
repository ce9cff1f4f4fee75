#include "otp/migrationpayload.h"

#include "crypto/random.h"
#include "migration.pb.h"

#include <QByteArray>
#include <QStringDecoder>

#include <cstring>
#include <limits>
#include <optional>
#include <string>

using namespace Qt::StringLiterals;

namespace twofold {

namespace {

namespace pb = twofold::migration;

constexpr QStringView migrationScheme = u"otpauth-migration://";
constexpr QStringView migrationHost = u"offline";
// A QR code holds under 3 KB; anything far larger is not an export and would only cost time.
constexpr qsizetype maxDataBytes = 64 * 1024;

Error prefixError()
{
    return Error { ErrorCode::MigrationPrefix,
                   u"This is not a Google Authenticator export: expected "
                   u"otpauth-migration://offline?data=…"_s };
}

Error dataError(const QString &what)
{
    return Error { ErrorCode::MigrationData, u"The export data is damaged: "_s + what };
}

// How an account is named in messages: "issuer (account)", or whichever half exists.
QString describe(const QString &issuer, const QString &account)
{
    if (issuer.isEmpty() && account.isEmpty())
        return u"an account without a name"_s;
    if (issuer.isEmpty())
        return u"\""_s + account + u'"';
    if (account.isEmpty())
        return u"\""_s + issuer + u'"';
    return u"\""_s + issuer + u" ("_s + account + u")\""_s;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The data parameter's raw value (still percent-encoded), or nothing if the URI is not ours.
std::optional<QStringView> dataParameter(QStringView uri)
{
    if (!uri.startsWith(migrationScheme, Qt::CaseInsensitive))
        return std::nullopt;
    QStringView rest = uri.mid(migrationScheme.size());
    if (!rest.startsWith(migrationHost, Qt::CaseInsensitive))
        return std::nullopt;
    rest = rest.mid(migrationHost.size());
    if (rest.startsWith(u'/'))
        rest = rest.mid(1);
    if (!rest.startsWith(u'?'))
        return std::nullopt;
    rest = rest.mid(1);
    // Drop a fragment, should a scanner hand one over.
    if (const qsizetype hash = rest.indexOf(u'#'); hash >= 0)
        rest = rest.left(hash);
    for (QStringView item : rest.split(u'&')) {
        if (item.startsWith(u"data="))
            return item.mid(5);
    }
    return std::nullopt;
}

// Percent-decodes, then reads standard or URL-safe Base64 with or without padding. A '+'
// that a form decoder turned into a space is taken back as '+'.
Result<QByteArray> base64Data(QStringView value)
{
    QByteArray text;
    text.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char16_t c = value[i].unicode();
        if (c > 0x7f)
            return dataError(u"it contains characters that cannot appear in Base64."_s);
        if (c == u'%') {
            const int high = i + 1 < value.size() && value[i + 1].unicode() <= 0x7f
                ? hexValue(static_cast<char>(value[i + 1].unicode()))
                : -1;
            const int low = i + 2 < value.size() && value[i + 2].unicode() <= 0x7f
                ? hexValue(static_cast<char>(value[i + 2].unicode()))
                : -1;
            if (high < 0 || low < 0)
                return dataError(u"it has a broken percent-escape."_s);
            text.append(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            text.append(static_cast<char>(c));
        }
    }

    while (text.endsWith('='))
        text.chop(1);
    for (char &c : text) {
        if (c == ' ' || c == '-')
            c = '+';
        else if (c == '_')
            c = '/';
        const bool valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
            || (c >= '0' && c <= '9') || c == '+' || c == '/';
        if (!valid)
            return dataError(u"it is not Base64."_s);
    }
    if (text.isEmpty())
        return dataError(u"it is empty."_s);
    if (text.size() % 4 == 1)
        return dataError(u"its Base64 is cut short."_s);
    while (text.size() % 4 != 0)
        text.append('=');

    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return dataError(u"it is not Base64."_s);
    return *std::move(decoded);
}

Result<OtpParameters> accountFrom(const pb::MigrationPayload_OtpParameters &entry)
{
    const auto utf8 = [](const std::string &bytes) -> std::optional<QString> {
        // A leading U+FEFF is part of the name, as in otpauth URIs, not a byte-order mark.
        QStringDecoder decoder(QStringDecoder::Utf8,
                               QStringDecoder::Flag::Stateless
                                   | QStringDecoder::Flag::ConvertInitialBom);
        QString text = decoder.decode(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
        return decoder.hasError() ? std::nullopt : std::optional(text.trimmed());
    };
    const std::optional<QString> issuer = utf8(entry.issuer());
    const std::optional<QString> decodedName = utf8(entry.name());
    if (!issuer || !decodedName)
        return dataError(u"an account's name is not valid UTF-8."_s);
    OtpParameters params;
    params.issuer = *issuer;
    const QString &name = *decodedName;
    if (params.issuer.isEmpty()) {
        // The label convention of otpauth URIs: "Issuer:account".
        const qsizetype colon = name.indexOf(u':');
        if (colon >= 0) {
            params.issuer = name.left(colon).trimmed();
            params.account = name.mid(colon + 1).trimmed();
        } else {
            params.account = name;
        }
    } else if (name.startsWith(QString(params.issuer + u':'))) {
        // Google exports commonly repeat the issuer in the name.
        params.account = name.mid(params.issuer.size() + 1).trimmed();
    } else {
        params.account = name;
    }
    params.ensureAccountName();
    const QString who = describe(params.issuer, params.account);

    switch (entry.algorithm()) {
    case pb::MigrationPayload_Algorithm_ALGORITHM_UNSPECIFIED:
    case pb::MigrationPayload_Algorithm_ALGORITHM_SHA1:
        params.algorithm = HashAlgorithm::Sha1;
        break;
    case pb::MigrationPayload_Algorithm_ALGORITHM_SHA256:
        params.algorithm = HashAlgorithm::Sha256;
        break;
    case pb::MigrationPayload_Algorithm_ALGORITHM_SHA512:
        params.algorithm = HashAlgorithm::Sha512;
        break;
    case pb::MigrationPayload_Algorithm_ALGORITHM_MD5:
        return Error { ErrorCode::MigrationUnsupported,
                       u"The account %1 uses MD5, which Twofold does not support. Nothing was "
                       u"imported; remove that account from the export and try again."_s.arg(who) };
    default:
        return Error {
            ErrorCode::MigrationUnsupported,
            u"The account %1 uses an unknown algorithm (%2). Nothing was imported."_s.arg(who).arg(
                int(entry.algorithm()))
        };
    }

    switch (entry.digits()) {
    case pb::MigrationPayload_DigitCount_DIGIT_COUNT_UNSPECIFIED:
    case pb::MigrationPayload_DigitCount_DIGIT_COUNT_SIX:
        params.digits = 6;
        break;
    case pb::MigrationPayload_DigitCount_DIGIT_COUNT_EIGHT:
        params.digits = 8;
        break;
    default:
        return Error { ErrorCode::MigrationUnsupported,
                       u"The account %1 has an unknown number of digits (%2). Nothing was "
                       u"imported."_s.arg(who)
                           .arg(int(entry.digits())) };
    }

    switch (entry.type()) {
    case pb::MigrationPayload_OtpType_OTP_TYPE_UNSPECIFIED:
    case pb::MigrationPayload_OtpType_OTP_TYPE_TOTP:
        params.type = OtpType::Totp;
        break;
    case pb::MigrationPayload_OtpType_OTP_TYPE_HOTP:
        params.type = OtpType::Hotp;
        if (entry.counter() < 0)
            return dataError(u"the account %1 has a negative counter."_s.arg(who));
        params.counter = static_cast<quint64>(entry.counter());
        break;
    default:
        return Error { ErrorCode::MigrationUnsupported,
                       u"The account %1 has an unknown type (%2). Nothing was imported."_s.arg(who)
                           .arg(int(entry.type())) };
    }

    params.period = 30; // the format has no field for it; Google only makes 30 s codes
    params.secret = QByteArray(entry.secret().data(), qsizetype(entry.secret().size()));
    if (params.secret.isEmpty())
        return dataError(u"the account %1 has no secret."_s.arg(who));
    if (const Result<void> valid = params.validate(); !valid)
        return dataError(u"the account %1 is not usable: %2"_s.arg(who, valid.error().message));
    return params;
}

// Why an account cannot go into a migration payload, if it cannot.
Result<void> checkEncodable(const OtpParameters &params)
{
    const QString who = describe(params.issuer, params.account);
    const auto refuse = [&who](const QString &why) {
        return Error { ErrorCode::MigrationUnsupported,
                       u"The account %1 cannot be exported to Google Authenticator: %2"_s.arg(
                           who, why) };
    };
    if (params.type == OtpType::Steam)
        return refuse(u"Steam accounts are not supported there."_s);
    if (params.type == OtpType::Totp && params.period != 30)
        return refuse(u"its codes change every %1 seconds, and Google Authenticator only "
                      u"supports 30."_s.arg(params.period));
    if (params.digits != 6 && params.digits != 8)
        return refuse(
            u"its codes have %1 digits, and Google Authenticator only supports 6 or 8."_s.arg(
                params.digits));
    if (params.type == OtpType::Hotp
        && params.counter > quint64(std::numeric_limits<qint64>::max()))
        return refuse(u"its counter is too large."_s);
    if (const Result<void> valid = params.validate(); !valid)
        return Error { valid.error().code,
                       u"The account %1 is not valid: %2"_s.arg(who, valid.error().message) };
    return {};
}

// The name field, written so that decode() reads back exactly this issuer and account.
QString nameFor(const OtpParameters &params)
{
    if (params.issuer.isEmpty()) {
        // A leading ':' keeps decode() from taking the part before a colon as the issuer.
        return params.account.contains(u':') ? QString(u':' + params.account) : params.account;
    }
    // Otherwise decode() would strip the issuer from the front of the account.
    const QString prefix = params.issuer + u':';
    return params.account.startsWith(prefix) ? QString(prefix + params.account) : params.account;
}

void fill(pb::MigrationPayload_OtpParameters &entry, const OtpParameters &params)
{
    entry.set_secret(params.secret.constData(), size_t(params.secret.size()));
    entry.set_name(nameFor(params).toStdString());
    entry.set_issuer(params.issuer.toStdString());
    switch (params.algorithm) {
    case HashAlgorithm::Sha1:
        entry.set_algorithm(pb::MigrationPayload_Algorithm_ALGORITHM_SHA1);
        break;
    case HashAlgorithm::Sha256:
        entry.set_algorithm(pb::MigrationPayload_Algorithm_ALGORITHM_SHA256);
        break;
    case HashAlgorithm::Sha512:
        entry.set_algorithm(pb::MigrationPayload_Algorithm_ALGORITHM_SHA512);
        break;
    }
    entry.set_digits(params.digits == 8 ? pb::MigrationPayload_DigitCount_DIGIT_COUNT_EIGHT
                                        : pb::MigrationPayload_DigitCount_DIGIT_COUNT_SIX);
    if (params.type == OtpType::Hotp) {
        entry.set_type(pb::MigrationPayload_OtpType_OTP_TYPE_HOTP);
        entry.set_counter(static_cast<qint64>(params.counter));
    } else {
        entry.set_type(pb::MigrationPayload_OtpType_OTP_TYPE_TOTP);
    }
}

} // namespace

Result<MigrationPayload::Batch> MigrationPayload::decode(QStringView uri)
{
    const std::optional<QStringView> value = dataParameter(uri.trimmed());
    if (!value || value->isEmpty())
        return prefixError();
    if (value->size() > maxDataBytes * 2)
        return dataError(u"it is far larger than any export."_s);

    const Result<QByteArray> bytes = base64Data(*value);
    if (!bytes)
        return bytes.error();

    pb::MigrationPayload payload;
    if (!payload.ParseFromArray(bytes->constData(), int(bytes->size())))
        return dataError(u"it is not a Google Authenticator account list."_s);
    if (payload.otp_parameters_size() == 0)
        return dataError(u"it holds no accounts."_s);

    Batch batch;
    batch.version = payload.version();
    batch.batchSize = payload.batch_size();
    batch.batchIndex = payload.batch_index();
    batch.batchId = payload.batch_id();
    batch.accounts.reserve(payload.otp_parameters_size());
    for (const pb::MigrationPayload_OtpParameters &entry : payload.otp_parameters()) {
        Result<OtpParameters> account = accountFrom(entry);
        if (!account)
            return account.error();
        batch.accounts.append(*std::move(account));
    }
    return batch;
}

Result<QStringList> MigrationPayload::encode(const QList<OtpParameters> &accounts)
{
    for (const OtpParameters &params : accounts) {
        if (const Result<void> ok = checkEncodable(params); !ok)
            return ok.error();
    }
    if (accounts.isEmpty())
        return QStringList();

    const Result<QByteArray> random = randomBytes(sizeof(qint32));
    if (!random)
        return random.error();
    qint32 batchId = 0;
    std::memcpy(&batchId, random->constData(), sizeof batchId);

    const qsizetype batchCount = (accounts.size() + accountsPerBatch - 1) / accountsPerBatch;
    QStringList uris;
    uris.reserve(batchCount);
    for (qsizetype index = 0; index < batchCount; ++index) {
        pb::MigrationPayload payload;
        payload.set_version(1);
        payload.set_batch_size(int(batchCount));
        payload.set_batch_index(int(index));
        payload.set_batch_id(batchId);
        for (const OtpParameters &params : accounts.mid(index * accountsPerBatch, accountsPerBatch))
            fill(*payload.add_otp_parameters(), params);

        std::string wire;
        if (!payload.SerializeToString(&wire))
            return Error { ErrorCode::MigrationData,
                           u"The accounts could not be written as a Google Authenticator "
                           u"export."_s };
        const QByteArray base64
            = QByteArray(wire.data(), qsizetype(wire.size())).toBase64(QByteArray::Base64Encoding);
        // Percent-encode '+', '/' and '=' so that no scanner reads them as URI syntax.
        uris.append(QString(migrationScheme + migrationHost + u"?data="_s
                            + QString::fromLatin1(base64.toPercentEncoding())));
    }
    return uris;
}

} // namespace twofold
