#include "server/providers/formencoding.h"

#include <QUrl>

namespace twofold::server {

QByteArray encodeForm(const FormFields &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

FormFields decodeForm(QByteArrayView body)
{
    const auto decode = [](QByteArrayView part) {
        QByteArray bytes = part.toByteArray();
        bytes.replace('+', ' ');
        return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
    };
    FormFields fields;
    const QList<QByteArray> pieces = body.toByteArray().split('&');
    for (const QByteArray &piece : pieces) {
        if (piece.isEmpty())
            continue;
        const qsizetype equals = piece.indexOf('=');
        if (equals < 0)
            fields.append({ decode(piece), QString() });
        else
            fields.append({ decode(piece.first(equals)), decode(piece.sliced(equals + 1)) });
    }
    return fields;
}

} // namespace twofold::server
