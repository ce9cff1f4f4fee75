// libFuzzer target: AzureCsvReader::read on arbitrary bytes. Whatever reads must give TOTP tokens
// that validate, with distinct serials, and must read back the same when written out again as
// CSV; whatever fails must list what is wrong.
#include "otp/base32.h"
#include "server/tokens/azurecsvreader.h"

#include <QByteArray>
#include <QSet>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace twofold;
using twofold::server::AzureCsvReader;
using twofold::server::OathToken;
using twofold::server::TokenFile;

namespace {

[[noreturn]] void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_azurecsv: %s %s\n", what, detail.toUtf8().constData());
    std::abort();
}

// RFC 4180: every field quoted, quotes doubled.
QByteArray field(const QString &text)
{
    QByteArray quoted = text.toUtf8();
    quoted.replace("\"", "\"\"");
    return '"' + quoted + '"';
}

QByteArray write(const QList<OathToken> &tokens)
{
    QByteArray csv = "upn,serial number,secret key,time interval,manufacturer,model\r\n";
    for (const OathToken &token : tokens)
        csv += field(token.upn) + ',' + field(token.serial) + ','
            + field(Base32::encode(token.otp.secret)) + ',' + QByteArray::number(token.otp.period)
            + ',' + field(token.manufacturer) + ',' + field(token.model) + "\r\n";
    return csv;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<TokenFile> read = AzureCsvReader::read(bytes);
    if (!read) {
        if (read.error().message.isEmpty())
            fail("an error without a message");
        if (read.error().code != ErrorCode::TokenFileFormat)
            fail("an error of another kind:", read.error().message);
        return 0;
    }
    if (read->tokens.isEmpty())
        fail("success without a token");
    if (!read->skipped.isEmpty())
        fail("a CSV token was skipped rather than refused");
    QSet<QString> serials;
    for (const OathToken &token : read->tokens) {
        if (const Result<void> valid = token.otp.validate(); !valid)
            fail("a token that does not validate:", valid.error().message);
        if (token.otp.type != OtpType::Totp || token.otp.digits != 6
            || token.otp.algorithm != HashAlgorithm::Sha1
            || (token.otp.period != 30 && token.otp.period != 60))
            fail("a token that is not TOTP-SHA1, 6 digits, 30 or 60 s");
        if (token.serial.isEmpty())
            fail("a token without a serial number");
        serials.insert(token.serial.toCaseFolded());
    }
    if (serials.size() != read->tokens.size())
        fail("two tokens with the same serial number");

    const Result<TokenFile> again = AzureCsvReader::read(write(read->tokens));
    if (!again)
        fail("the tokens written out do not read back:", again.error().message);
    if (again->tokens != read->tokens)
        fail("a token changed on its way out and back");
    return 0;
}
