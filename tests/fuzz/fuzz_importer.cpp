// libFuzzer target: Importer::detect and Importer::read on arbitrary bytes. Whatever reads must
// give accounts that validate and that the otpauth exporter writes back to the same accounts;
// whatever fails must say why. No password is given, so the slow key derivations stay out and
// the time goes to the parsers.
#include "otp/otpauthuri.h"
#include "vault/exporter.h"
#include "vault/importer.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace twofold;
using twofold::vault::Account;
using twofold::vault::Exporter;
using twofold::vault::Importer;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_importer: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    // Images go to Qt's decoders and ZXing, which have fuzzers of their own.
    if (bytes.startsWith("\x89PNG") || bytes.startsWith("\xff\xd8\xff"))
        return 0;

    const Importer::Format format = Importer::detect(bytes);
    const Result<Importer::Imported> imported = Importer::read(bytes);
    if (!imported) {
        if (imported.error().message.isEmpty())
            fail("an error without a message");
        return 0;
    }
    if (imported->format != format)
        fail("read() and detect() disagree on the format");
    if (Importer::needsPassword(format))
        fail("an encrypted format read without a password");
    for (const Account &account : imported->accounts) {
        if (!account.otp.validate())
            fail("an imported account does not validate");
    }

    // What was imported must survive the plain exporter and come back the same.
    const QByteArray list = Exporter::otpauthList(imported->accounts);
    if (imported->accounts.isEmpty())
        return 0;
    const Result<Importer::Imported> again = Importer::read(list);
    if (!again)
        fail(qPrintable(u"the exported URIs do not read back: "_s + again.error().message));
    if (again->accounts.size() != imported->accounts.size())
        fail("the exported URIs read back as a different number of accounts");
    for (qsizetype i = 0; i < again->accounts.size(); ++i) {
        if (!(again->accounts[i].otp == imported->accounts[i].otp))
            fail("an account changed on its way through otpauth URIs");
    }
    return 0;
}
