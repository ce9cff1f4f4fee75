// libFuzzer target: DuoSignature::parameters and verify on arbitrary requests, and sign→verify
// agreement on whatever parses. The input is HTTP-like text:
//   METHOD \n HOST \n PATH \n QUERY \n CONTENT-TYPE \n (Name: value \n)* \n BODY
#include "server/duo/duosignature.h"

#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::server;

namespace {

constexpr qint64 now = 1'700'000'000; // the seeds are signed at this time
const QByteArray secret = "fuzz-secret-key-0123456789"_ba;

[[noreturn]] void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_duorequest: %s\n  %s\n", what, detail.toUtf8().constData());
    std::abort();
}

QByteArrayView takeLine(QByteArrayView &input)
{
    const qsizetype newline = input.indexOf('\n');
    const QByteArrayView line = newline < 0 ? input : input.first(newline);
    input = newline < 0 ? QByteArrayView() : input.sliced(newline + 1);
    return line;
}

DuoRequest parse(QByteArrayView input)
{
    DuoRequest request;
    request.method = takeLine(input).toByteArray();
    request.host = takeLine(input).toByteArray();
    request.path = takeLine(input).toByteArray();
    request.query = takeLine(input).toByteArray();
    request.contentType = takeLine(input).toByteArray();
    while (!input.isEmpty()) {
        const QByteArrayView line = takeLine(input);
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        request.headers.append(
            { line.first(colon < 0 ? line.size() : colon).toByteArray(),
              colon < 0 ? QByteArray() : line.sliced(colon + 1).toByteArray().trimmed() });
    }
    request.body = input.toByteArray();
    return request;
}

std::optional<QByteArray> skeyFor(const QString &ikey)
{
    if (ikey.startsWith(u"DIUNKNOWN"_s))
        return std::nullopt;
    return secret;
}

bool isDuoError(ErrorCode code)
{
    return code == ErrorCode::DuoCredentialsMissing || code == ErrorCode::DuoIntegrationKeyInvalid
        || code == ErrorCode::DuoSignatureInvalid || code == ErrorCode::DuoDate
        || code == ErrorCode::DuoParameters;
}

void checkError(const Error &error, const char *where)
{
    if (error.message.isEmpty())
        fail(where, u"an error without a message"_s);
    if (!isDuoError(error.code))
        fail(where, u"an error code the HTTP layer cannot map: %1"_s.arg(int(error.code)));
    if (error.message.contains(QString::fromLatin1(secret)))
        fail(where, u"the secret key is in an error: "_s + error.message);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const DuoRequest request
        = parse(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    const ManualClock clock(now);

    const Result<DuoParams> params = DuoSignature::parameters(request);
    if (!params)
        checkError(params.error(), "parameters");
    const Result<QString> verified = DuoSignature::verify(request, skeyFor, clock);
    if (!verified)
        checkError(verified.error(), "verify");

    // What our signer signs, our verifier must accept, for every version.
    DuoRequest unsigned_ = request;
    unsigned_.headers.removeIf([](const auto &header) {
        const QByteArray name = header.first.toLower();
        return name == "authorization" || name == "date" || name == "x-duo-date";
    });
    for (const int version : { 2, 4, 5 }) {
        const auto headers = DuoSignature::sign(version, u"DIFUZZ"_s, secret, unsigned_, now);
        if (headers.isEmpty()) {
            // Only unreadable parameters, or a repeated X-Duo header for v5, stop the signer.
            if (params && version != 5)
                fail("sign refused a request whose parameters parse");
            continue;
        }
        DuoRequest signed_ = unsigned_;
        signed_.headers.append(headers);
        const Result<QString> ikey = DuoSignature::verify(signed_, skeyFor, clock);
        if (!ikey || *ikey != u"DIFUZZ"_s)
            fail("verify refused what sign signed", ikey ? *ikey : ikey.error().message);
    }
    return 0;
}
