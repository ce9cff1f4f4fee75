#include "authenticator/addaccount/accountcode.h"

#include "otp/migrationpayload.h"
#include "otp/otpauthuri.h"

using namespace Qt::StringLiterals;

namespace twofold::ui {

namespace {

bool startsWith(QStringView text, QStringView prefix)
{
    return text.startsWith(prefix, Qt::CaseInsensitive);
}

bool sameAccount(const OtpParameters &a, const OtpParameters &b)
{
    return a.secret == b.secret && a.issuer == b.issuer && a.account == b.account;
}

} // namespace

bool AccountCode::looksLikeAccountCode(QStringView text)
{
    const QStringView t = text.trimmed();
    return startsWith(t, u"otpauth://") || startsWith(t, u"otpauth-migration://")
        || startsWith(t, u"twofold://activate");
}

Result<AccountCode::Found> AccountCode::parse(QStringView text)
{
    const QStringView t = text.trimmed();
    if (startsWith(t, u"otpauth-migration://")) {
        auto batch = MigrationPayload::decode(t);
        if (!batch)
            return batch.error();
        Found found { batch->accounts, {}, {} };
        if (batch->batchSize > 1)
            found.note = tr("This is code %1 of %2 from Google Authenticator: scan the others too.")
                             .arg(batch->batchIndex + 1)
                             .arg(batch->batchSize);
        return found;
    }
    if (startsWith(t, u"otpauth://")) {
        auto params = OtpAuthUri::parse(t);
        if (!params)
            return params.error();
        return Found { { *params }, {}, {} };
    }
    if (startsWith(t, u"twofold://activate"))
        return Found { {},
                       tr("This code turns on sign-in approvals on this computer for a Twofold "
                          "server."),
                       t.toString() };

    // Say what the code is instead, so the user knows they scanned the wrong one.
    QString what;
    if (t.isEmpty())
        what = tr("It is empty.");
    else if (startsWith(t, u"http://") || startsWith(t, u"https://"))
        what = tr("This QR code is not a one-time-password code: it contains a web link.");
    else if (startsWith(t, u"WIFI:"))
        what = tr("This QR code is not a one-time-password code: it contains Wi-Fi settings.");
    else if (startsWith(t, u"mailto:"))
        what = tr("This QR code is not a one-time-password code: it contains an e-mail address.");
    else if (startsWith(t, u"tel:"))
        what = tr("This QR code is not a one-time-password code: it contains a phone number.");
    else if (startsWith(t, u"BEGIN:VCARD"))
        what = tr("This QR code is not a one-time-password code: it contains a contact card.");
    else
        what = tr("This QR code is not a one-time-password code: it contains plain text.");
    return Error { ErrorCode::UriScheme, what };
}

Result<AccountCode::Found> AccountCode::parseAll(const QStringList &payloads)
{
    if (payloads.isEmpty())
        return Error { ErrorCode::QrNotFound,
                       tr("No QR code was found in the picture. Make sure the whole code is "
                          "visible, sharp and not too small.") };
    Found all;
    QStringList problems;
    for (const QString &payload : payloads) {
        auto found = parse(payload);
        if (!found) {
            problems << found.error().message;
            continue;
        }
        for (const OtpParameters &params : std::as_const(found->accounts)) {
            const bool seen
                = std::any_of(all.accounts.cbegin(), all.accounts.cend(),
                              [&](const OtpParameters &p) { return sameAccount(p, params); });
            if (!seen)
                all.accounts << params;
        }
        if (!found->note.isEmpty())
            problems << found->note;
        if (all.activationLink.isEmpty())
            all.activationLink = found->activationLink;
    }
    if (all.accounts.isEmpty() && all.activationLink.isEmpty())
        return Error { ErrorCode::QrNotFound, problems.join(u'\n') };
    all.note = problems.join(u'\n');
    return all;
}

} // namespace twofold::ui
