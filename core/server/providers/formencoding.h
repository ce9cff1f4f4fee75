#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <utility>

namespace twofold::server {

// Name/value pairs of an application/x-www-form-urlencoded body, in their order.
using FormFields = QList<std::pair<QString, QString>>;

// Percent-encodes everything but the unreserved characters, so '+' travels as %2B.
QByteArray encodeForm(const FormFields &fields);
// '+' is a space and %XX a byte; names and values are UTF-8. Empty pieces are skipped.
FormFields decodeForm(QByteArrayView body);

} // namespace twofold::server
