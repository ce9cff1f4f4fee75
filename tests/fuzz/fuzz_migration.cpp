// libFuzzer target: MigrationPayload::decode on arbitrary text, and on arbitrary bytes given as
// the payload, so that the protobuf parser sees them; what decodes must re-encode and decode
// back to the same accounts.
#include "otp/migrationpayload.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace twofold;

namespace {

[[noreturn]] void fail(const char *what, const QString &input)
{
    std::fprintf(stderr, "fuzz_migration: %s\n  input: %s\n", what, input.toUtf8().constData());
    std::abort();
}

void check(const QString &uri)
{
    const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(uri);
    if (!batch) {
        if (batch.error().message.isEmpty())
            fail("an error without a message", uri);
        return;
    }
    if (batch->accounts.isEmpty())
        fail("a batch without accounts decoded", uri);
    for (const OtpParameters &account : batch->accounts) {
        if (!account.validate())
            fail("decoded parameters do not validate", uri);
    }

    // Everything decode() yields fits the format, so encode() must take it whole.
    const Result<QStringList> encoded = MigrationPayload::encode(batch->accounts);
    if (!encoded)
        fail(qPrintable(u"re-encoding failed: "_s + encoded.error().message), uri);
    const qsizetype expectedUris = (batch->accounts.size() + MigrationPayload::accountsPerBatch - 1)
        / MigrationPayload::accountsPerBatch;
    if (encoded->size() != expectedUris)
        fail("re-encoding made the wrong number of URIs", uri);

    QList<OtpParameters> again;
    for (qsizetype i = 0; i < encoded->size(); ++i) {
        const Result<MigrationPayload::Batch> part = MigrationPayload::decode(encoded->at(i));
        if (!part)
            fail(qPrintable(u"a re-encoded URI does not decode: "_s + part.error().message), uri);
        if (part->batchIndex != i || part->batchSize != encoded->size() || part->version != 1)
            fail("a re-encoded URI has wrong batch fields", uri);
        again.append(part->accounts);
    }
    if (again != batch->accounts)
        fail("re-encoded accounts differ from the decoded ones", uri);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const auto bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    check(QString::fromUtf8(bytes));
    check(u"otpauth-migration://offline?data="_s
          + QString::fromLatin1(bytes.toBase64().toPercentEncoding()));
    return 0;
}
