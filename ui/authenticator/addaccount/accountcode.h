#pragma once

#include "otp/otpparameters.h"
#include "result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace twofold::ui {

// What a scanned or pasted text means for adding accounts: an otpauth URI gives one account, a
// Google migration URI gives all of its accounts, a twofold://activate link enrolls this
// desktop for push approvals, anything else is explained in plain words.
class AccountCode final
{
    Q_DECLARE_TR_FUNCTIONS(AccountCode)

public:
    struct Found
    {
        QList<OtpParameters> accounts;
        QString note; // extra advice, such as "this is code 1 of 3", or empty
        QString activationLink; // a twofold://activate link for push approvals, or empty
    };

    // True when the text looks like an account code (otpauth://, otpauth-migration:// or a
    // push activation link), valid or not; used to offer clipboard text and to stop the camera
    // only on account codes.
    static bool looksLikeAccountCode(QStringView text);

    // Parses one payload. The error is the parser's own message, or says what the text is
    // instead ("it contains a web link").
    static Result<Found> parse(QStringView text);

    // Parses every payload found in one picture: accounts from all account codes, without
    // duplicates; fails with a message when none holds an account.
    static Result<Found> parseAll(const QStringList &payloads);
};

} // namespace twofold::ui
