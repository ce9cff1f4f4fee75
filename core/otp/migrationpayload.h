#pragma once

#include "otp/otpparameters.h"
#include "result.h"

#include <QList>
#include <QStringList>

namespace twofold {

// Google Authenticator's "Transfer accounts" export: otpauth-migration://offline?data=...
class MigrationPayload final
{
public:
    static constexpr int accountsPerBatch = 10;

    struct Batch
    {
        QList<OtpParameters> accounts;
        int version = 1;
        int batchSize = 1;
        int batchIndex = 0;
        int batchId = 0;
    };

    // Decodes one migration URI. A bad prefix, bad data or an account that Twofold cannot
    // represent fails the whole batch, so an import never takes half of it.
    static Result<Batch> decode(QStringView uri);

    // Encodes accounts as migration URIs, accountsPerBatch to a URI, sharing one batch id.
    // Fails, naming the account, when one cannot be expressed (Steam, a period other than
    // 30 s, digits other than 6 or 8).
    static Result<QStringList> encode(const QList<OtpParameters> &accounts);
};

} // namespace twofold
