#pragma once

#include "auditlog.h"
#include "clock.h"
#include "policy.h"
#include "secretbox.h"
#include "storage.h"

namespace twofold::server {

// What every part of the service shares: the database, the server key, the clock and the
// audit log. Owned by the Service; parts hold a reference.
struct Context
{
    Storage &storage;
    const SecretBox &secrets;
    const Clock &clock;
    AuditLog &audit;

    qint64 now() const { return clock.currentSecsSinceEpoch(); }
};

// A new random identifier: the prefix, then 18 characters of an unambiguous upper-case
// alphabet (90 bits), like Duo's "DU…" and "DI…" ids.
QString newId(QStringView prefix, int length = 18);

// count random decimal digits, for one-time codes a person types.
QString oneTimeDigits(int count);

} // namespace twofold::server
