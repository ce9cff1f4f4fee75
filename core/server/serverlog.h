#pragma once

#include <QJsonObject>
#include <QString>

namespace twofold::server {

// One structured log line on stderr: {"time":…,"level":…,"event":…, fields…}. Callers pass
// names, ids, paths and statuses only: never a body, a query string, a header value or a code.
void logEvent(const QString &level, const QString &event, QJsonObject fields = {});

} // namespace twofold::server
