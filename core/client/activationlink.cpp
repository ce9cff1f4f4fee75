#include "client/activationlink.h"

#include <QHash>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace twofold::client {

namespace {

Error bad(const QString &message)
{
    return Error { ErrorCode::UriParameter, message };
}

bool isHex(QByteArrayView text)
{
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool isCode(const QString &code)
{
    return !code.isEmpty() && code.size() <= 128
        && std::all_of(code.begin(), code.end(),
                       [](QChar c) { return c.unicode() < 128 && c.isLetterOrNumber(); });
}

} // namespace

Result<ActivationLink> ActivationLink::parse(const QString &text)
{
    const QUrl link(text.trimmed(), QUrl::StrictMode);
    if (!link.isValid())
        return Error { ErrorCode::UriScheme,
                       u"This is not a readable link; an activation link starts with "
                       u"twofold://activate?"_s };
    if (link.scheme() != u"twofold")
        return Error { ErrorCode::UriScheme,
                       u"This is not a Twofold activation link: it starts with \"%1:\" instead "
                       u"of \"twofold:\"."_s.arg(link.scheme()) };
    if (link.host() != u"activate" || !(link.path().isEmpty() || link.path() == u"/"))
        return Error { ErrorCode::UriType,
                       u"This Twofold link is not an activation link (twofold://activate?…)."_s };

    const QUrlQuery query(link);
    QHash<QString, QString> params;
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (params.contains(name))
            return bad(u"The activation link has \"%1\" twice."_s.arg(name));
        params.insert(name, value);
    }
    for (const QString &name : { u"url"_s, u"code"_s, u"fp"_s }) {
        if (params.value(name).isEmpty())
            return bad(u"The activation link has no \"%1\"; ask for a new QR code."_s.arg(name));
    }

    ActivationLink result;
    result.serverUrl = QUrl(params.value(u"url"_s), QUrl::StrictMode);
    if (!result.serverUrl.isValid() || result.serverUrl.host().isEmpty())
        return bad(u"The server address in the activation link is not a URL with a host."_s);
    if (result.serverUrl.scheme() != u"https")
        return bad(u"The server address in the activation link must start with https://."_s);
    if (result.serverUrl.hasQuery() || result.serverUrl.hasFragment()
        || !result.serverUrl.userInfo().isEmpty())
        return bad(u"The server address in the activation link must be a plain https://host:port "
                   u"address, without a query, fragment or user name."_s);
    if (result.serverUrl.path().endsWith(u'/'))
        result.serverUrl.setPath(result.serverUrl.path().chopped(1));

    result.code = params.value(u"code"_s);
    if (!isCode(result.code))
        return bad(u"The activation code in the link must be letters and digits only."_s);

    result.fingerprint = params.value(u"fp"_s).toLatin1().toLower();
    result.fingerprint.replace(':', QByteArray());
    if (result.fingerprint.size() != 64 || !isHex(result.fingerprint))
        return bad(u"The certificate fingerprint (fp) in the activation link must be 64 "
                   u"hexadecimal digits (SHA-256)."_s);
    return result;
}

QString ActivationLink::toString() const
{
    return u"twofold://activate?url=%1&code=%2&fp=%3"_s.arg(
        QString::fromLatin1(QUrl::toPercentEncoding(serverUrl.toString(QUrl::FullyEncoded))),
        QString::fromLatin1(QUrl::toPercentEncoding(code)), QString::fromLatin1(fingerprint));
}

} // namespace twofold::client
