#include "otp/migrationpayload.h"
#include "otp/otpauthuri.h"
#include "qr/qrdecoder.h"
#include "vault/importers/formats.h"

#include <QImage>

using namespace Qt::StringLiterals;

namespace twofold::vault::importers {

namespace {

Account accountFrom(OtpParameters otp)
{
    otp.ensureAccountName();
    Account account;
    account.id = QUuid::createUuid();
    account.otp = std::move(otp);
    return account;
}

// One URI of either kind; `where` names it in errors ("Line 3", "QR code 2").
Result<void> readUri(const QString &uri, const QString &where, Accounts &into)
{
    if (uri.startsWith(u"otpauth-migration:"_s, Qt::CaseInsensitive)) {
        const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(uri);
        if (!batch)
            return Error { batch.error().code, u"%1: %2"_s.arg(where, batch.error().message) };
        for (const OtpParameters &otp : batch->accounts)
            into.append(accountFrom(otp));
        return {};
    }
    if (uri.startsWith(u"otpauth:"_s, Qt::CaseInsensitive)) {
        Result<OtpParameters> otp = OtpAuthUri::parse(uri);
        if (!otp)
            return Error { otp.error().code, u"%1: %2"_s.arg(where, otp.error().message) };
        into.append(accountFrom(std::move(*otp)));
        return {};
    }
    return Error { ErrorCode::ImportFormat,
                   u"%1 is not an otpauth:// or otpauth-migration:// URI."_s.arg(where) };
}

} // namespace

Result<Accounts> readUriText(const QByteArray &data)
{
    Accounts accounts;
    const QStringList lines = QString::fromUtf8(data).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (const Result<void> read = readUri(line, u"Line %1"_s.arg(i + 1), accounts); !read)
            return read.error();
    }
    return accounts;
}

Result<Accounts> readQrImage(const QByteArray &data)
{
    const QImage image = QImage::fromData(data);
    if (image.isNull())
        return Error { ErrorCode::ImageUnreadable,
                       u"The image could not be read; it may be damaged or not an image."_s };
    const QStringList payloads = QrDecoder::decode(image);
    if (payloads.isEmpty())
        return Error { ErrorCode::QrNotFound, u"The image holds no QR code that could be read."_s };
    Accounts accounts;
    for (qsizetype i = 0; i < payloads.size(); ++i) {
        const QString where = payloads.size() == 1 ? u"The QR code"_s : u"QR code %1"_s.arg(i + 1);
        if (const Result<void> read = readUri(payloads[i].trimmed(), where, accounts); !read)
            return read.error();
    }
    return accounts;
}

} // namespace twofold::vault::importers
