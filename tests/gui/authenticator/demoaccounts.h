#pragma once

#include "otp/otpauthuri.h"
#include "vault/account.h"

#include <QList>
#include <QStringList>

// The issuers of ../shared/vectors/import (README table), filed as a person might file them.
inline QList<twofold::vault::Account> demoAccounts()
{
    using namespace Qt::StringLiterals;
    struct Row
    {
        QString uri, group, icon;
        bool pinned;
        int used;
    };
    const QList<Row> rows {
        { u"otpauth://totp/Deno:mason@example.com?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno"_s,
          u"Work"_s, u"code"_s, true, 12 },
        { u"otpauth://totp/SPDX:james?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20"_s,
          u"Work"_s, QString(), false, 3 },
        { u"otpauth://totp/Airbnb:elijah@example.org?secret=7ELGJSGXNCCTV3O6LKJWYFV2RA&issuer=Airbnb&algorithm=SHA512&digits=8&period=50"_s,
          u"Personal"_s, QString(), false, 5 },
        { u"otpauth://hotp/Issuu:james?secret=YOOMIXWS5GN6RTBPUFFWKTW5M4&issuer=Issuu&counter=1"_s,
          QString(), QString(), false, 0 },
        { u"otpauth://hotp/Air%20Canada:Benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Air+Canada&algorithm=SHA256&digits=7&counter=50"_s,
          u"Personal"_s, QString(), false, 1 },
        { u"otpauth://hotp/WWE:Mason?secret=5VAML3X35THCEBVRLV24CGBKOY&issuer=WWE&algorithm=SHA512&digits=8&counter=10300"_s,
          QString(), QString(), false, 0 },
        { u"otpauth://steam/Boeing:Sophia?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Boeing"_s,
          u"Games"_s, u"game"_s, false, 7 },
        { u"otpauth://totp/Battle.net:US-2211-2050-3346?secret=BMGRXPGFARQQF4GMT25JATL2VYLAHDBI&issuer=Battle.net&digits=8"_s,
          u"Games"_s, QString(), false, 2 },
    };
    QList<twofold::vault::Account> accounts;
    for (const Row &r : rows) {
        twofold::vault::Account a;
        a.id = QUuid::createUuid();
        a.otp = twofold::OtpAuthUri::parse(r.uri).value();
        a.group = r.group;
        a.icon = r.icon;
        a.pinned = r.pinned;
        a.useCount = r.used;
        a.addedAt = 1700000000;
        accounts.append(a);
    }
    return accounts;
}
