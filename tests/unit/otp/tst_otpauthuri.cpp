#include "otp/base32.h"
#include "otp/otpauthuri.h"
#include "vectors.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;

class tst_OtpAuthUri final : public QObject
{
    Q_OBJECT

private slots:
    void parsesGoodUris_data();
    void parsesGoodUris();
    void rejectsBadUris_data();
    void rejectsBadUris();
    void roundTripIsStable_data() { parsesGoodUris_data(); }
    void roundTripIsStable();
    void serialiseEscapesSpecialCharacters();
    void aegisPlainListGivesTheTableAccounts();
};

static OtpParameters account(OtpType type, const QString &issuer, const QString &name,
                             const QString &secret, HashAlgorithm algorithm = HashAlgorithm::Sha1,
                             int digits = 6, qint64 periodOrCounter = 30)
{
    OtpParameters p;
    p.type = type;
    p.issuer = issuer;
    p.account = name;
    p.secret = *Base32::decode(secret);
    p.algorithm = algorithm;
    p.digits = digits;
    if (type == OtpType::Hotp)
        p.counter = static_cast<quint64>(periodOrCounter);
    else
        p.period = periodOrCounter;
    return p;
}

void tst_OtpAuthUri::parsesGoodUris_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<OtpParameters>("expected");
    const QString s = u"JBSWY3DPEHPK3PXP"_s;
    const auto totp = [&](const QString &issuer, const QString &name) {
        return account(OtpType::Totp, issuer, name, s);
    };

    QTest::newRow("every totp parameter")
        << u"otpauth://totp/ACME:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME&algorithm=SHA512&digits=8&period=60"_s
        << account(OtpType::Totp, u"ACME"_s, u"alice@example.com"_s, s, HashAlgorithm::Sha512, 8,
                   60);
    QTest::newRow("defaults when absent")
        << u"otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP"_s << totp({}, u"alice"_s);
    QTest::newRow("issuer from label only")
        << u"otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP"_s << totp(u"ACME"_s, u"alice"_s);
    QTest::newRow("issuer from parameter only")
        << u"otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME"_s
        << totp(u"ACME"_s, u"alice"_s);
    QTest::newRow("%3A separates issuer")
        << u"otpauth://totp/ACME%3Aalice?secret=JBSWY3DPEHPK3PXP"_s << totp(u"ACME"_s, u"alice"_s);
    QTest::newRow("space after the colon")
        << u"otpauth://totp/ACME:%20alice?secret=JBSWY3DPEHPK3PXP"_s << totp(u"ACME"_s, u"alice"_s);
    QTest::newRow("only the first colon separates")
        << u"otpauth://totp/ACME:team:alice?secret=JBSWY3DPEHPK3PXP"_s
        << totp(u"ACME"_s, u"team:alice"_s);
    QTest::newRow("percent-encoded UTF-8")
        << u"otpauth://totp/Z%C3%BCrich%20AG:J%C3%BCrgen?secret=JBSWY3DPEHPK3PXP"_s
        << totp(u"Zürich AG"_s, u"Jürgen"_s);
    QTest::newRow("plus in the issuer parameter is a space")
        << u"otpauth://totp/Air%20Canada:bob?secret=JBSWY3DPEHPK3PXP&issuer=Air+Canada"_s
        << totp(u"Air Canada"_s, u"bob"_s);
    QTest::newRow("plus in the label is kept")
        << u"otpauth://totp/alice+tag@example.com?secret=JBSWY3DPEHPK3PXP"_s
        << totp({}, u"alice+tag@example.com"_s);
    QTest::newRow("%2B in a parameter is a plus")
        << u"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=A%2BB"_s << totp(u"A+B"_s, u"x"_s);
    QTest::newRow("case-insensitive scheme, type and algorithm")
        << u"OTPAUTH://TOTP/x?secret=JBSWY3DPEHPK3PXP&algorithm=sha256"_s
        << account(OtpType::Totp, {}, u"x"_s, s, HashAlgorithm::Sha256);
    QTest::newRow("lower-case secret with padding and spaces")
        << u"otpauth://totp/x?secret=jbsw%20y3dp%20ehpk%203pxp%3D%3D%3D"_s << totp({}, u"x"_s);
    QTest::newRow("unknown parameters are ignored")
        << u"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&image=https%3A%2F%2Fexample.com%2Fa.png&color=red"_s
        << totp({}, u"x"_s);
    QTest::newRow("hotp with counter")
        << u"otpauth://hotp/ACME:bob?secret=JBSWY3DPEHPK3PXP&counter=10300&digits=8"_s
        << account(OtpType::Hotp, u"ACME"_s, u"bob"_s, s, HashAlgorithm::Sha1, 8, 10300);
    QTest::newRow("hotp counter past 2^32")
        << u"otpauth://hotp/bob?secret=JBSWY3DPEHPK3PXP&counter=9007199254740993"_s
        << account(OtpType::Hotp, {}, u"bob"_s, s, HashAlgorithm::Sha1, 6, 9007199254740993LL);
    QTest::newRow("10 digits and a 1 s period")
        << u"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=10&period=1"_s
        << account(OtpType::Totp, {}, u"x"_s, s, HashAlgorithm::Sha1, 10, 1);
    QTest::newRow("steam type") << u"otpauth://steam/Steam:gabe?secret=JBSWY3DPEHPK3PXP"_s
                                << account(OtpType::Steam, u"Steam"_s, u"gabe"_s, s,
                                           HashAlgorithm::Sha1, 5);
    QTest::newRow("totp with encoder=steam")
        << u"otpauth://totp/Steam:gabe?secret=JBSWY3DPEHPK3PXP&encoder=steam"_s
        << account(OtpType::Steam, u"Steam"_s, u"gabe"_s, s, HashAlgorithm::Sha1, 5);
    QTest::newRow("a counter on totp is dropped")
        << u"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&counter=3"_s << totp({}, u"x"_s);
    QTest::newRow("a period on hotp is dropped")
        << u"otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&period=9"_s
        << account(OtpType::Hotp, {}, u"x"_s, s, HashAlgorithm::Sha1, 6, 0);
    QTest::newRow("surrounding whitespace")
        << u"  otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\n"_s << totp({}, u"x"_s);
    QTest::newRow("unescaped emoji in the label is kept whole")
        << u"otpauth://totp/Key \U0001F511:me?secret=JBSWY3DPEHPK3PXP&issuer=Key+%F0%9F%94%91"_s
        << totp(u"Key \U0001F511"_s, u"me"_s);
    QTest::newRow("a leading U+FEFF is part of the name, not a byte-order mark")
        << u"otpauth://totp/%EF%BB%BFx?secret=JBSWY3DPEHPK3PXP&issuer=%EF%BB%BFACME"_s
        << totp(u"\uFEFFACME"_s, u"\uFEFFx"_s);
}

void tst_OtpAuthUri::parsesGoodUris()
{
    QFETCH(QString, uri);
    QFETCH(OtpParameters, expected);
    const Result<OtpParameters> parsed = OtpAuthUri::parse(uri);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE(otpTypeName(parsed->type), otpTypeName(expected.type));
    QCOMPARE(parsed->issuer, expected.issuer);
    QCOMPARE(parsed->account, expected.account);
    QCOMPARE(parsed->secret, expected.secret);
    QCOMPARE(hashAlgorithmName(parsed->algorithm), hashAlgorithmName(expected.algorithm));
    QCOMPARE(parsed->digits, expected.digits);
    QCOMPARE(parsed->period, expected.period);
    QCOMPARE(parsed->counter, expected.counter);
    QVERIFY(*parsed == expected);
}

void tst_OtpAuthUri::rejectsBadUris_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("messagePart");
    const QString ok = u"secret=JBSWY3DPEHPK3PXP"_s;

    QTest::newRow("wrong scheme") << u"https://example.com/totp?secret=JBSWY3DPEHPK3PXP"_s
                                  << ErrorCode::UriScheme << u"must start with \"otpauth://\""_s;
    QTest::newRow("migration URI is not otpauth")
        << u"otpauth-migration://offline?data=CgA"_s << ErrorCode::UriScheme << u"otpauth://"_s;
    QTest::newRow("empty text") << u""_s << ErrorCode::UriScheme << u"otpauth://"_s;
    QTest::newRow("unknown type") << u"otpauth://motp/x?"_s + ok << ErrorCode::UriType
                                  << u"\"motp\""_s;
    QTest::newRow("no label") << u"otpauth://totp?"_s + ok << ErrorCode::UriLabel
                              << u"account name"_s;
    QTest::newRow("empty account")
        << u"otpauth://totp/ACME:?"_s + ok << ErrorCode::UriLabel << u"account name"_s;
    QTest::newRow("missing secret")
        << u"otpauth://totp/x?issuer=ACME"_s << ErrorCode::UriSecretMissing << u"no secret"_s;
    QTest::newRow("empty secret") << u"otpauth://totp/x?secret="_s << ErrorCode::UriSecretMissing
                                  << u"no secret"_s;
    QTest::newRow("secret of padding only")
        << u"otpauth://totp/x?secret=%3D%3D"_s << ErrorCode::UriSecretMissing << u"empty"_s;
    QTest::newRow("invalid secret names the character")
        << u"otpauth://totp/x?secret=JBSWY3DP1HPK3PXP"_s << ErrorCode::UriSecretInvalid
        << u"\"1\" (at position 9)"_s;
    QTest::newRow("issuer mismatch")
        << u"otpauth://totp/ACME:x?secret=JBSWY3DPEHPK3PXP&issuer=Evil"_s
        << ErrorCode::UriIssuerMismatch << u"\"ACME\""_s;
    QTest::newRow("digits not a number")
        << u"otpauth://totp/x?"_s + ok + u"&digits=six"_s << ErrorCode::UriDigits << u"\"six\""_s;
    QTest::newRow("digits too few")
        << u"otpauth://totp/x?"_s + ok + u"&digits=4"_s << ErrorCode::UriDigits << u"digits"_s;
    QTest::newRow("digits too many")
        << u"otpauth://totp/x?"_s + ok + u"&digits=11"_s << ErrorCode::UriDigits << u"digits"_s;
    QTest::newRow("totp with 5 digits") << u"otpauth://totp/x?"_s + ok + u"&digits=5"_s
                                        << ErrorCode::UriDigits << u"from 6 to 10"_s;
    QTest::newRow("steam with 6 digits")
        << u"otpauth://steam/x?"_s + ok + u"&digits=6"_s << ErrorCode::UriDigits << u"Steam"_s;
    QTest::newRow("period zero") << u"otpauth://totp/x?"_s + ok + u"&period=0"_s
                                 << ErrorCode::UriPeriod << u"period"_s;
    QTest::newRow("period negative")
        << u"otpauth://totp/x?"_s + ok + u"&period=-30"_s << ErrorCode::UriPeriod << u"\"-30\""_s;
    QTest::newRow("period not a number")
        << u"otpauth://totp/x?"_s + ok + u"&period=30s"_s << ErrorCode::UriPeriod << u"\"30s\""_s;
    QTest::newRow("counter negative")
        << u"otpauth://hotp/x?"_s + ok + u"&counter=-1"_s << ErrorCode::UriCounter << u"counter"_s;
    QTest::newRow("counter not a number")
        << u"otpauth://hotp/x?"_s + ok + u"&counter=ten"_s << ErrorCode::UriCounter << u"\"ten\""_s;
    QTest::newRow("counter past 2^63")
        << u"otpauth://hotp/x?"_s + ok + u"&counter=99999999999999999999"_s << ErrorCode::UriCounter
        << u"counter"_s;
    QTest::newRow("algorithm MD5") << u"otpauth://totp/x?"_s + ok + u"&algorithm=MD5"_s
                                   << ErrorCode::UriAlgorithm << u"\"MD5\""_s;
    QTest::newRow("broken percent-escape")
        << u"otpauth://totp/x%G1?"_s + ok << ErrorCode::UriParameter << u"\"%G1\""_s;
    QTest::newRow("percent-escape with digits of another script")
        << u"otpauth://totp/x%\u0663\u0661?"_s + ok << ErrorCode::UriParameter
        << u"percent-escape"_s;
    QTest::newRow("truncated percent-escape") << u"otpauth://totp/x?"_s + ok + u"&issuer=A%4"_s
                                              << ErrorCode::UriParameter << u"percent-escape"_s;
    QTest::newRow("invalid UTF-8")
        << u"otpauth://totp/%FF%FE?"_s + ok << ErrorCode::UriParameter << u"UTF-8"_s;
    QTest::newRow("duplicate parameter") << u"otpauth://totp/x?"_s + ok + u"&secret=GEZDGNBV"_s
                                         << ErrorCode::UriParameter << u"twice"_s;
}

void tst_OtpAuthUri::rejectsBadUris()
{
    QFETCH(QString, uri);
    QFETCH(ErrorCode, code);
    QFETCH(QString, messagePart);
    const Result<OtpParameters> parsed = OtpAuthUri::parse(uri);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, code);
    QVERIFY2(parsed.error().message.contains(messagePart), qPrintable(parsed.error().message));
    // Errors never repeat the secret back.
    QVERIFY(!parsed.error().message.contains(u"JBSWY3DP"_s));
}

void tst_OtpAuthUri::roundTripIsStable()
{
    QFETCH(QString, uri);
    QFETCH(OtpParameters, expected);
    const QString canonical = OtpAuthUri::serialise(*OtpAuthUri::parse(uri));
    const Result<OtpParameters> again = OtpAuthUri::parse(canonical);
    QVERIFY2(again, qPrintable(canonical));
    QVERIFY(*again == expected);
    QCOMPARE(OtpAuthUri::serialise(*again), canonical);
}

void tst_OtpAuthUri::serialiseEscapesSpecialCharacters()
{
    const OtpParameters p
        = account(OtpType::Totp, u"A&B Co"_s, u"me?x#1 ü"_s, u"JBSWY3DPEHPK3PXP"_s);
    QCOMPARE(
        OtpAuthUri::serialise(p),
        u"otpauth://totp/A%26B%20Co:me%3Fx%231%20%C3%BC?secret=JBSWY3DPEHPK3PXP&issuer=A%26B%20Co&algorithm=SHA1&digits=6&period=30"_s);

    // A colon in either name must not move the split between issuer and account.
    const OtpParameters colons[] = {
        account(OtpType::Totp, u"Co: Ltd"_s, u"alice"_s, u"JBSWY3DPEHPK3PXP"_s),
        account(OtpType::Totp, {}, u"team:alice"_s, u"JBSWY3DPEHPK3PXP"_s),
        account(OtpType::Totp, u"Co: Ltd"_s, u"team:alice"_s, u"JBSWY3DPEHPK3PXP"_s),
    };
    for (const OtpParameters &original : colons) {
        const QString uri = OtpAuthUri::serialise(original);
        const Result<OtpParameters> back = OtpAuthUri::parse(uri);
        QVERIFY2(back, qPrintable(uri + u" "_s + (back ? QString() : back.error().message)));
        QCOMPARE(back->issuer, original.issuer);
        QCOMPARE(back->account, original.account);
    }
}

void tst_OtpAuthUri::aegisPlainListGivesTheTableAccounts()
{
    REQUIRE_VECTORS(dir);
    QFile file(dir + u"/import/plain.txt"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<OtpParameters> expected = {
        account(OtpType::Totp, u"Deno"_s, u"Mason"_s, u"4SJHB4GSD43FZBAI7C2HLRJGPQ"_s),
        account(OtpType::Totp, u"SPDX"_s, u"James"_s, u"5OM4WOOGPLQEF6UGN3CPEOOLWU"_s,
                HashAlgorithm::Sha256, 7, 20),
        account(OtpType::Totp, u"Airbnb"_s, u"Elijah"_s, u"7ELGJSGXNCCTV3O6LKJWYFV2RA"_s,
                HashAlgorithm::Sha512, 8, 50),
        account(OtpType::Hotp, u"Issuu"_s, u"James"_s, u"YOOMIXWS5GN6RTBPUFFWKTW5M4"_s,
                HashAlgorithm::Sha1, 6, 1),
        account(OtpType::Hotp, u"Air Canada"_s, u"Benjamin"_s, u"KUVJJOM753IHTNDSZVCNKL7GII"_s,
                HashAlgorithm::Sha256, 7, 50),
        account(OtpType::Hotp, u"WWE"_s, u"Mason"_s, u"5VAML3X35THCEBVRLV24CGBKOY"_s,
                HashAlgorithm::Sha512, 8, 10300),
        account(OtpType::Steam, u"Boeing"_s, u"Sophia"_s, u"JRZCL47CMXVOQMNPZR2F7J4RGI"_s,
                HashAlgorithm::Sha1, 5),
    };
    QList<OtpParameters> parsed;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const Result<OtpParameters> p = OtpAuthUri::parse(QString::fromUtf8(line));
        QVERIFY2(p, qPrintable(p ? QString() : p.error().message));
        parsed.append(*p);
    }
    QCOMPARE(parsed.size(), expected.size());
    for (qsizetype i = 0; i < parsed.size(); ++i)
        QVERIFY2(parsed[i] == expected[i], qPrintable(OtpAuthUri::serialise(parsed[i])));
}

QTEST_GUILESS_MAIN(tst_OtpAuthUri)
#include "tst_otpauthuri.moc"
