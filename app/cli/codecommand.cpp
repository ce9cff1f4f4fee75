#include "clicommand.h"
#include "clock.h"
#include "otp/base32.h"
#include "otp/otpauthuri.h"
#include "otp/otpgenerator.h"

using namespace Qt::StringLiterals;

namespace twofold::cli {

int runCode(const Invocation &inv)
{
    QCommandLineParser parser;
    addOtpOptions(parser);
    parser.addOption(
        { u"time"_s, u"Unix time to compute the code for (default: now)."_s, u"UNIX"_s });
    parser.addPositionalArgument(
        u"SECRET|URI"_s, u"A Base32 secret or an otpauth:// URI; \"-\" reads it from stdin."_s);
    if (const auto exit = parseOrExit(parser, inv, u"Print a one-time code, as oathtool would."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usage(inv, u"Give exactly one SECRET or URI."_s);

    const QString input = valueOrStdin(parser.positionalArguments().constFirst());
    OtpParameters params;
    if (input.contains(u"://"_s)) {
        Result<OtpParameters> parsed = OtpAuthUri::parse(input);
        if (!parsed)
            return fail(inv, parsed.error().message);
        params = std::move(*parsed);
    } else {
        Result<QByteArray> secret = Base32::decode(input);
        if (!secret)
            return fail(inv, u"The secret is not valid Base32. "_s + secret.error().message);
        if (secret->isEmpty())
            return fail(inv, u"The secret is empty."_s);
        params.secret = std::move(*secret);
    }
    if (const Result<void> applied = applyOtpOptions(parser, params); !applied)
        return usage(inv, applied.error().message);

    const OtpGenerator generator(params);
    Result<QString> code = u""_s;
    if (params.type == OtpType::Hotp) {
        if (parser.isSet(u"time"_s))
            return usage(inv, u"--time is for TOTP and Steam codes; HOTP takes --counter."_s);
        code = generator.codeForCounter(params.counter);
    } else {
        qint64 time = SystemClock().currentSecsSinceEpoch();
        if (parser.isSet(u"time"_s)) {
            bool ok = false;
            time = parser.value(u"time"_s).toLongLong(&ok);
            if (!ok || time < 0)
                return usage(inv,
                             u"--time must be seconds since 1970, not \"%1\"."_s.arg(
                                 parser.value(u"time"_s)));
        }
        code = generator.codeAt(time);
    }
    if (!code)
        return fail(inv, code.error().message);
    inv.out << *code << Qt::endl;
    return Success;
}

} // namespace twofold::cli
