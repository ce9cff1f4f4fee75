#include "client/pushprotocol.h"

#include <QCryptographicHash>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace twofold::PushProtocol {

QByteArray field(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

QByteArray requestCanonical(QByteArrayView method, QByteArrayView target, qint64 timestamp,
                            QByteArrayView body)
{
    return "twofold-request-v1\n"_ba + method.toByteArray() + '\n' + target.toByteArray() + '\n'
        + QByteArray::number(timestamp) + '\n'
        + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

QByteArray answerCanonical(const QString &txid, const QString &answer, int number, qint64 timestamp)
{
    return "twofold-answer-v1\n"_ba + field(txid) + '\n' + field(answer) + '\n'
        + QByteArray::number(number) + '\n' + QByteArray::number(timestamp);
}

Result<qint64> parseTimestamp(QByteArrayView text)
{
    // Digits only: no sign, no spaces, no exponent; 12 digits reach the year 33658.
    const bool digits = !text.isEmpty() && text.size() <= 12
        && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits)
        return Error { ErrorCode::InvalidArgument,
                       u"The timestamp must be Unix seconds in decimal digits."_s };
    return text.toByteArray().toLongLong();
}

} // namespace twofold::PushProtocol
