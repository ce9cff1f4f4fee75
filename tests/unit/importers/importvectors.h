#pragma once

// The accounts the files in vectors/import/ hold, typed in from the table in its README.

#include "otp/base32.h"
#include "otp/otpparameters.h"
#include "vault/importer.h"

#include <QFile>
#include <QList>
#include <QString>

namespace importvectors {

using twofold::HashAlgorithm;
using twofold::OtpParameters;
using twofold::OtpType;
using Format = twofold::vault::Importer::Format;
using namespace Qt::StringLiterals;

struct TableRow
{
    const char *issuer;
    const char *name;
    OtpType type;
    const char *secret;
    HashAlgorithm algorithm;
    int digits;
    qint64 periodOrCounter;
};

inline const TableRow table[] = {
    { "Deno", "Mason", OtpType::Totp, "4SJHB4GSD43FZBAI7C2HLRJGPQ", HashAlgorithm::Sha1, 6, 30 },
    { "SPDX", "James", OtpType::Totp, "5OM4WOOGPLQEF6UGN3CPEOOLWU", HashAlgorithm::Sha256, 7, 20 },
    { "Airbnb", "Elijah", OtpType::Totp, "7ELGJSGXNCCTV3O6LKJWYFV2RA", HashAlgorithm::Sha512, 8,
      50 },
    { "Issuu", "James", OtpType::Hotp, "YOOMIXWS5GN6RTBPUFFWKTW5M4", HashAlgorithm::Sha1, 6, 1 },
    { "Air Canada", "Benjamin", OtpType::Hotp, "KUVJJOM753IHTNDSZVCNKL7GII", HashAlgorithm::Sha256,
      7, 50 },
    { "WWE", "Mason", OtpType::Hotp, "5VAML3X35THCEBVRLV24CGBKOY", HashAlgorithm::Sha512, 8,
      10300 },
    { "Boeing", "Sophia", OtpType::Steam, "JRZCL47CMXVOQMNPZR2F7J4RGI", HashAlgorithm::Sha1, 5,
      30 },
    { "Battle.net", "US-2211-2050-3346", OtpType::Totp, "BMGRXPGFARQQF4GMT25JATL2VYLAHDBI",
      HashAlgorithm::Sha1, 8, 30 },
};

inline OtpParameters expected(int row)
{
    const TableRow &r = table[row];
    OtpParameters p;
    p.issuer = QString::fromUtf8(r.issuer);
    p.account = QString::fromUtf8(r.name);
    p.type = r.type;
    p.secret = twofold::Base32::decode(QString::fromLatin1(r.secret)).value_or(QByteArray());
    p.algorithm = r.algorithm;
    p.digits = r.digits;
    if (r.type == OtpType::Hotp)
        p.counter = static_cast<quint64>(r.periodOrCounter);
    else
        p.period = r.periodOrCounter;
    return p;
}

inline QList<OtpParameters> rows(std::initializer_list<int> indices)
{
    QList<OtpParameters> out;
    for (int i : indices)
        out.append(expected(i));
    return out;
}

// 2FAS files leave out tokenType and period for the HOTP rows, so by 2FAS's own defaults
// those are TOTP accounts with a 30 s period (the digits and algorithm are in the file).
inline OtpParameters asTwoFasTotp(OtpParameters p)
{
    p.type = OtpType::Totp;
    p.counter = 0;
    p.period = 30;
    return p;
}

struct VectorFile
{
    const char *file;
    const char *password;
    Format format;
    QList<OtpParameters> accounts;
};

// Each file with what it actually holds: the README's rows, or the prefix/subset it documents.
inline QList<VectorFile> vectorFiles()
{
    const QList<OtpParameters> firstSeven = rows({ 0, 1, 2, 3, 4, 5, 6 });
    const QList<OtpParameters> twoFas
        = { expected(0), expected(2), asTwoFasTotp(expected(3)), asTwoFasTotp(expected(5)) };
    // Bitwarden's Steam item is "steam://SECRET" with no username: the item's name stands in
    // for both names, since an otpauth URI needs an account name.
    OtpParameters bitwardenSteam = expected(6);
    bitwardenSteam.issuer = u"Test Steam"_s;
    bitwardenSteam.account = u"Test Steam"_s;
    return {
        { "plain.txt", "", Format::OtpauthList, firstSeven },
        { "aegis_plain.json", "", Format::AegisPlain, firstSeven },
        { "aegis_encrypted.json", "test", Format::AegisEncrypted, firstSeven },
        { "2fas_authenticator_plain.2fas", "", Format::TwoFasPlain, twoFas },
        { "2fas_authenticator_encrypted.2fas", "test", Format::TwoFasEncrypted, twoFas },
        { "andotp_plain.json", "", Format::AndOtpPlain, firstSeven },
        { "andotp_encrypted.bin", "test", Format::AndOtpEncrypted, firstSeven },
        { "bitwarden.json", "", Format::Bitwarden, rows({ 0, 1, 2 }) << bitwardenSteam },
        // FreeOTP+ lists its tokens newest first and holds no Steam account.
        { "freeotp_plus.json", "", Format::FreeOtpPlus, rows({ 5, 4, 3, 2, 1, 0 }) },
    };
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace importvectors
