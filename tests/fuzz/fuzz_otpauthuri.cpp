// libFuzzer target: OtpAuthUri::parse on arbitrary text, and serialise→parse on what it accepts.
#include "otp/otpauthuri.h"

#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace twofold;

namespace {

[[noreturn]] void fail(const char *what, const QString &input, const QString &canonical = {})
{
    std::fprintf(stderr, "fuzz_otpauthuri: %s\n  input:     %s\n  canonical: %s\n", what,
                 input.toUtf8().constData(), canonical.toUtf8().constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<OtpParameters> parsed = OtpAuthUri::parse(input);
    if (!parsed) {
        // Every refusal must tell the user something.
        if (parsed.error().message.isEmpty())
            fail("an error without a message", input);
        return 0;
    }
    if (!parsed->validate())
        fail("parse accepted parameters that do not validate", input);

    const QString canonical = OtpAuthUri::serialise(*parsed);
    const Result<OtpParameters> again = OtpAuthUri::parse(canonical);
    if (!again)
        fail(qPrintable(u"the canonical form does not parse: " + again.error().message), input,
             canonical);
    if (!(*again == *parsed))
        fail("the canonical form parses to different parameters", input, canonical);
    if (OtpAuthUri::serialise(*again) != canonical)
        fail("the canonical form is not stable", input, canonical);
    return 0;
}
