// libFuzzer target: PskcReader::read and needsKey on arbitrary bytes, without a key and with
// the AES keys of the seed corpus (cheap, so the decryption and MAC paths are reached; no
// password is given, so PBKDF2 stays out and the time goes to the parser). Whatever reads must
// give tokens that validate; whatever fails must say why, without the key in the message.
#include "server/tokens/pskcreader.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace twofold;
using twofold::server::OathToken;
using twofold::server::PskcReader;
using twofold::server::TokenFile;

namespace {

[[noreturn]] void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_pskc: %s %s\n", what, detail.toUtf8().constData());
    std::abort();
}

void check(const Result<TokenFile> &read, const QByteArray &key)
{
    if (!read) {
        const QString &message = read.error().message;
        if (message.isEmpty())
            fail("an error without a message");
        if (!key.isEmpty()
            && message.contains(QString::fromLatin1(key.toHex()), Qt::CaseInsensitive))
            fail("the key is in the message:", message);
        return;
    }
    if (read->tokens.isEmpty())
        fail("success without a token");
    for (const OathToken &token : read->tokens) {
        if (const Result<void> valid = token.otp.validate(); !valid)
            fail("a token that does not validate:", valid.error().message);
        if (token.otp.type != OtpType::Hotp && token.otp.type != OtpType::Totp)
            fail("a token that is neither HOTP nor TOTP");
        if (token.serial.isEmpty())
            fail("a token without a serial number");
        if (!token.upn.isEmpty())
            fail("a PSKC token with a upn");
    }
    for (const auto &skipped : read->skipped) {
        if (skipped.reason.isEmpty())
            fail("a key skipped without a reason");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const bool needsKey = PskcReader::needsKey(bytes);
    const bool needsPassword = PskcReader::needsPassword(bytes);
    if (needsPassword && !needsKey)
        fail("needsPassword() without needsKey()");

    const Result<TokenFile> plain = PskcReader::read(bytes);
    check(plain, {});
    if (plain && needsKey)
        fail("read without a key although needsKey() says one is needed");
    if (!needsKey)
        return 0;
    // The seed corpus's keys: RFC 6030 figure 6's, RFC 3394's KEK, and a 256-bit one.
    for (const QByteArray &key :
         { QByteArray::fromHex("12345678901234567890123456789012"),
           QByteArray::fromHex("000102030405060708090a0b0c0d0e0f"),
           QByteArray::fromHex(
               "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f") })
        check(PskcReader::read(bytes, PskcReader::Keys { key, QString() }), key);
    return 0;
}
