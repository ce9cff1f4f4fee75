#include "clicommand.h"
#include "crypto/random.h"
#include "otp/base32.h"
#include "otp/otpauthuri.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace twofold::cli {

namespace {

int parseUri(const Invocation &inv)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"URI"_s, u"An otpauth:// URI; \"-\" reads it from stdin."_s);
    if (const auto exit
        = parseOrExit(parser, inv, u"Print the fields of an otpauth URI as JSON."_s))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usage(inv, u"Give exactly one URI."_s);

    const Result<OtpParameters> params
        = OtpAuthUri::parse(valueOrStdin(parser.positionalArguments().constFirst()));
    if (!params)
        return fail(inv, params.error().message);
    QJsonObject json {
        { u"type"_s, otpTypeName(params->type) },
        { u"issuer"_s, params->issuer },
        { u"account"_s, params->account },
        { u"secret"_s, Base32::encode(params->secret) },
        { u"algorithm"_s, hashAlgorithmName(params->algorithm) },
        { u"digits"_s, params->digits },
    };
    if (params->type == OtpType::Hotp)
        json.insert(u"counter"_s, QString::number(params->counter)); // may exceed 2^53
    else
        json.insert(u"period"_s, params->period);
    inv.out << QJsonDocument(json).toJson(QJsonDocument::Indented);
    return Success;
}

int makeUri(const Invocation &inv)
{
    QCommandLineParser parser;
    addOtpOptions(parser);
    parser.addOptions({
        { u"issuer"_s, u"Who the account is with, e.g. \"Example Corp\"."_s, u"NAME"_s },
        { u"account"_s, u"The account name, e.g. alice@example.com. Required."_s, u"NAME"_s },
        { u"secret"_s, u"Base32 secret; \"-\" reads it from stdin. Default: 160 random bits."_s,
          u"BASE32"_s },
    });
    if (const auto exit = parseOrExit(parser, inv, u"Build an otpauth URI."_s))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return usage(
            inv, u"Unexpected argument \"%1\"."_s.arg(parser.positionalArguments().constFirst()));
    if (parser.value(u"account"_s).trimmed().isEmpty())
        return usage(inv, u"--account is required."_s);

    OtpParameters params;
    params.issuer = parser.value(u"issuer"_s).trimmed();
    params.account = parser.value(u"account"_s).trimmed();
    if (const Result<void> applied = applyOtpOptions(parser, params); !applied)
        return usage(inv, applied.error().message);
    if (params.issuer.contains(u':'))
        return fail(inv,
                    u"The issuer cannot contain \":\", which separates it from the account."_s);

    if (parser.isSet(u"secret"_s)) {
        Result<QByteArray> secret = Base32::decode(valueOrStdin(parser.value(u"secret"_s)));
        if (!secret)
            return fail(inv, u"The secret is not valid Base32. "_s + secret.error().message);
        params.secret = std::move(*secret);
    } else {
        Result<QByteArray> secret = randomBytes(20); // RFC 4226 recommends 160 bits
        if (!secret)
            return fail(inv, secret.error().message);
        params.secret = std::move(*secret);
    }
    if (const Result<void> valid = params.validate(); !valid)
        return fail(inv, valid.error().message);
    inv.out << OtpAuthUri::serialise(params) << Qt::endl;
    return Success;
}

} // namespace

int runUri(const Invocation &inv)
{
    return dispatch(inv,
                    { { u"parse"_s, u"Print the fields of an otpauth URI as JSON"_s, parseUri },
                      { u"make"_s, u"Build an otpauth URI"_s, makeUri } });
}

} // namespace twofold::cli
