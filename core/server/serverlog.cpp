#include "serverlog.h"

#include <QDateTime>
#include <QJsonDocument>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace twofold::server {

void logEvent(const QString &level, const QString &event, QJsonObject fields)
{
    fields[u"time"_s] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    fields[u"level"_s] = level;
    fields[u"event"_s] = event;
    const QByteArray line = QJsonDocument(fields).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace twofold::server
