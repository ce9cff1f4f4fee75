#include "otp/otpgenerator.h"
#include "server/tokens/pskcreader.h"
#include "vectors.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;
using twofold::server::OathToken;
using twofold::server::PskcReader;
using twofold::server::SkippedToken;
using twofold::server::TokenFile;

Q_DECLARE_METATYPE(twofold::ErrorCode)
Q_DECLARE_METATYPE(twofold::server::PskcReader::Keys)

namespace {

// RFC 4226 Appendix D and RFC 6030's figures: ASCII "12345678901234567890".
const QByteArray rfcSecret = "12345678901234567890"_ba;
const QByteArray figure6Key = QByteArray::fromHex("12345678901234567890123456789012");
const QByteArray figure7DerivedKey = QByteArray::fromHex("651e63cd57008476af1ff6422cd02e41");

template<typename T> QByteArray why(const Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

QByteArray readVector(const QString &dir, const QString &name)
{
    QFile file(dir + u"/pskc/"_s + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

PskcReader::Keys preShared(const QByteArray &key)
{
    return PskcReader::Keys { key, QString() };
}

PskcReader::Keys password(const QString &text)
{
    return PskcReader::Keys { QByteArray(), text };
}

OathToken hotp(const QString &serial, const QString &manufacturer, const QString &issuer,
               const QByteArray &secret, int digits)
{
    OathToken token;
    token.serial = serial;
    token.manufacturer = manufacturer;
    token.otp.type = OtpType::Hotp;
    token.otp.secret = secret;
    token.otp.digits = digits;
    token.otp.issuer = issuer;
    token.otp.account = serial;
    return token;
}

// Field by field, so a failure names the field.
void compareTokens(const QList<OathToken> &actual, const QList<OathToken> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        const OathToken &a = actual[i];
        const OathToken &e = expected[i];
        QCOMPARE(a.serial, e.serial);
        QCOMPARE(a.manufacturer, e.manufacturer);
        QCOMPARE(a.model, e.model);
        QCOMPARE(a.upn, e.upn);
        QCOMPARE(a.otp.type, e.otp.type);
        QCOMPARE(a.otp.secret.toHex(), e.otp.secret.toHex());
        QCOMPARE(a.otp.digits, e.otp.digits);
        QCOMPARE(a.otp.counter, e.otp.counter);
        QCOMPARE(a.otp.period, e.otp.period);
        QCOMPARE(a.otp.algorithm, e.otp.algorithm);
        QCOMPARE(a.otp.issuer, e.otp.issuer);
        QCOMPARE(a.otp.account, e.otp.account);
        QVERIFY(a == e);
        QVERIFY(a.otp.validate());
    }
}

// No message may carry the secret, the keys or the password, in any encoding the files use.
void verifyNoSecretIn(const QString &message)
{
    for (const QString &secret :
         { QString::fromLatin1(rfcSecret), u"MTIzNDU2Nzg5MDEyMzQ1Njc4OTA"_s,
           QString::fromLatin1(rfcSecret.toHex()), QString::fromLatin1(figure6Key.toHex()),
           QString::fromLatin1(figure7DerivedKey.toHex()), u"qwerty"_s, u"1122334455667788"_s })
        QVERIFY2(!message.contains(secret, Qt::CaseInsensitive), qPrintable(message));
}

// Test data written for these tests (not from elsewhere).
// A TOTP key with RFC 6238's SHA256 seed (ASCII "12345678901234567890123456789012"), AES-256-CBC
// under key 000102...1f, MAC key and ValueMAC HMAC-SHA256. Encrypted and MACed with the openssl
// command-line tool (enc -aes-256-cbc, dgst -sha256 -mac HMAC), not with Twofold.
const QByteArray aes256Totp = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">
  <EncryptionKey><ds:KeyName>Test transport key</ds:KeyName></EncryptionKey>
  <MACMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#hmac-sha256">
    <MACKey>
      <xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc"/>
      <xenc:CipherData><xenc:CipherValue>
        oKGio6SlpqeoqaqrrK2ur1lrVLlCjKcTWRzI5LEx87B0KbQ1B+lapnQuPPYGMh8UK0Lq0sYW+lXWq7QyH5WuZg==
      </xenc:CipherValue></xenc:CipherData>
    </MACKey>
  </MACMethod>
  <KeyPackage>
    <DeviceInfo>
      <Manufacturer>Twofold Test</Manufacturer><SerialNo>TOTP-256</SerialNo><Model>T8</Model>
    </DeviceInfo>
    <Key Id="t1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp">
      <Issuer>Example</Issuer>
      <AlgorithmParameters>
        <Suite>HMAC-SHA256</Suite>
        <ResponseFormat Length="8" Encoding="DECIMAL"/>
      </AlgorithmParameters>
      <Data>
        <Secret>
          <EncryptedValue>
            <xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc"/>
            <xenc:CipherData><xenc:CipherValue>
              sLGys7S1tre4ubq7vL2+v9K6VHGBvi2Z3AaVB9GV5YZ14AcjDfK0I9Y4HLEtMIgnOT6xBFGXiiGSNXSHfSARRQ==
            </xenc:CipherValue></xenc:CipherData>
          </EncryptedValue>
          <ValueMAC>3PuXMnIWD1ymMjYX4Ituo7B1xTT6K2p4RIaRluEJ7wQ=</ValueMAC>
        </Secret>
        <Time><PlainValue>0</PlainValue></Time>
        <TimeInterval><PlainValue>30</PlainValue></TimeInterval>
      </Data>
    </Key>
  </KeyPackage>
</KeyContainer>
)xml"_ba;
const QByteArray aes256Key
    = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

// AES key wrap: the wrapped values are RFC 3394 section 4.1 (KEK 000102...0f) and 4.6.
QByteArray keyWrapFile(const QByteArray &algorithm, const QByteArray &cipherValue)
{
    return R"xml(<?xml version="1.0"?>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc"
    xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">
  <KeyPackage>
    <DeviceInfo><SerialNo>KW-1</SerialNo></DeviceInfo>
    <Key Id="kw" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
      <AlgorithmParameters><ResponseFormat Length="6" Encoding="DECIMAL"/></AlgorithmParameters>
      <Data>
        <Secret><EncryptedValue>
          <xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#)xml"
        + algorithm + R"xml("/>
          <xenc:CipherData><xenc:CipherValue>)xml"
        + cipherValue + R"xml(</xenc:CipherValue></xenc:CipherData>
        </EncryptedValue></Secret>
        <Counter><PlainValue>7</PlainValue></Counter>
      </Data>
    </Key>
  </KeyPackage>
</KeyContainer>
)xml";
}
const QByteArray rfc3394Kek
    = QByteArray::fromHex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
const QByteArray rfc3394Data
    = QByteArray::fromHex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");

// One package per thing the reader must skip, and one good HOTP key in the middle.
QByteArray package(const QByteArray &serial, const QByteArray &algorithm,
                   const QByteArray &parameters, const QByteArray &data,
                   const QByteArray &policy = {})
{
    return "<KeyPackage><DeviceInfo><Manufacturer>Mix</Manufacturer><SerialNo>" + serial
        + "</SerialNo></DeviceInfo><Key Id=\"" + serial + "\" Algorithm=\"" + algorithm + "\">"
        + "<AlgorithmParameters>" + parameters + "</AlgorithmParameters><Data>" + data
        + "</Data><Policy>" + policy + "</Policy></Key></KeyPackage>\n";
}
const QByteArray plainSecret
    = "<Secret><PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</PlainValue></Secret>"_ba;
const QByteArray sixDigits = "<ResponseFormat Length=\"6\" Encoding=\"DECIMAL\"/>"_ba;

QByteArray mixedFile()
{
    const QByteArray hotpUri = "urn:ietf:params:xml:ns:keyprov:pskc:hotp";
    return "<?xml version=\"1.0\"?>\n"
           "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\" "
           "xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\">\n"
        + package("OCRA-1", "urn:ietf:params:xml:ns:keyprov:pskc:OCRA-1:HOTP-SHA512-8:QN08",
                  sixDigits, plainSecret)
        + package("PIN-1", "urn:ietf:params:xml:ns:keyprov:pskc:pin", sixDigits, plainSecret)
        + package("GOOD-1", hotpUri, sixDigits,
                  plainSecret + "<Counter><PlainValue>42</PlainValue></Counter>")
        + package("OTHER-1", "http://www.example.com/otps#SecurID-AES", sixDigits, plainSecret)
        + package("RSA-1", hotpUri, sixDigits,
                  "<Secret><EncryptedValue><xenc:EncryptionMethod "
                  "Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>"
                  "<xenc:CipherData><xenc:CipherValue>AAECAwQ=</xenc:CipherValue>"
                  "</xenc:CipherData></EncryptedValue></Secret>")
        + package("HEX-1", hotpUri, "<ResponseFormat Length=\"6\" Encoding=\"HEXADECIMAL\"/>",
                  plainSecret)
        + package("LUHN-1", hotpUri,
                  "<ResponseFormat Length=\"6\" Encoding=\"DECIMAL\" CheckDigits=\"true\"/>",
                  plainSecret)
        + package("FOUR-1", hotpUri, "<ResponseFormat Length=\"4\" Encoding=\"DECIMAL\"/>",
                  plainSecret)
        + package("MD5-1", hotpUri, "<Suite>HMAC-MD5</Suite>" + sixDigits, plainSecret)
        + package("PREPEND-1", hotpUri, sixDigits, plainSecret,
                  "<PINPolicy MinLength=\"4\" PINUsageMode=\"Prepend\"/>")
        + package("NOSECRET-1", hotpUri, sixDigits, "")
        + "<KeyPackage><DeviceInfo><SerialNo>EMPTY-1</SerialNo></DeviceInfo></KeyPackage>\n"
        + "</KeyContainer>\n";
}

// A TOTP key in plain text with RFC 6238's 64-byte SHA512 seed.
QByteArray plainTotp(const QByteArray &interval)
{
    return R"xml(<?xml version="1.0"?>
<pskc:KeyContainer Version="1.0" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc">
  <pskc:KeyPackage>
    <pskc:DeviceInfo><pskc:SerialNo>T512</pskc:SerialNo></pskc:DeviceInfo>
    <pskc:Key Id="1" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:totp">
      <pskc:AlgorithmParameters>
        <pskc:Suite>HMAC-SHA512</pskc:Suite>
        <pskc:ResponseFormat Length="8" Encoding="DECIMAL"/>
      </pskc:AlgorithmParameters>
      <pskc:Data>
        <pskc:Secret><pskc:PlainValue>
          MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNA==
        </pskc:PlainValue></pskc:Secret>)xml"
        + (interval.isEmpty() ? QByteArray()
                              : "<pskc:TimeInterval><pskc:PlainValue>" + interval
                   + "</pskc:PlainValue></pskc:TimeInterval>")
        + R"xml(
      </pskc:Data>
    </pskc:Key>
  </pskc:KeyPackage>
</pskc:KeyContainer>
)xml";
}

// Figure 6's key, with the MAC key given or left out and the Counter plain or encrypted (as its
// big-endian bytes). Encrypted and MACed with Python's cryptography package, not with Twofold.
QByteArray macVariant(const QByteArray &macKey, const QByteArray &valueMac,
                      const QByteArray &counter)
{
    const QByteArray cbc = "<xenc:EncryptionMethod "
                           "Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/>"_ba;
    return "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\" "
           "xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\">"
           "<MACMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#hmac-sha1\">"
        + (macKey.isEmpty() ? QByteArray()
                            : "<MACKey>" + cbc + "<xenc:CipherData><xenc:CipherValue>" + macKey
                   + "</xenc:CipherValue></xenc:CipherData></MACKey>")
        + "</MACMethod><KeyPackage><DeviceInfo><SerialNo>E1</SerialNo></DeviceInfo>"
          "<Key Id=\"1\" Algorithm=\"urn:ietf:params:xml:ns:keyprov:pskc:hotp\"><Data>"
          "<Secret><EncryptedValue>"
        + cbc
        + "<xenc:CipherData><xenc:CipherValue>"
          "AAAAAAAAAAAAAAAAAAAAAKYM54V3Q4eCydht5jmNkS+1AOO8oszJV19wAw3GXfFb"
          "</xenc:CipherValue></xenc:CipherData></EncryptedValue><ValueMAC>"
        + valueMac + "</ValueMAC></Secret>" + counter + "</Data></Key></KeyPackage></KeyContainer>";
}

} // namespace

class tst_PskcReader final : public QObject
{
    Q_OBJECT

private slots:
    void rfc6030Figures_data();
    void rfc6030Figures();
    void figuresThatImportNothing_data();
    void figuresThatImportNothing();
    void wrongOrMissingKeys_data();
    void wrongOrMissingKeys();
    void invalidFiles_data();
    void invalidFiles();
    void everyInvalidFileHasARow();
    void needsKey_data();
    void needsKey();
    void hotpCodesMatchRfc4226_data();
    void hotpCodesMatchRfc4226();
    void encryptedTotpMatchesRfc6238();
    void plainTotpMatchesRfc6238_data();
    void plainTotpMatchesRfc6238();
    void keyWrap_data();
    void keyWrap();
    void unusableKeysAreSkippedWithAReason();
    void macKeysAndEncryptedCounters_data();
    void macKeysAndEncryptedCounters();
    void hostileFiles_data();
    void hostileFiles();
    void tooManyKeyPackages();
};

void tst_PskcReader::rfc6030Figures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<PskcReader::Keys>("keys");
    QTest::addColumn<QList<OathToken>>("tokens");
    QTest::addColumn<QList<SkippedToken>>("skipped");

    // figure2 has no serial number: the key's Id stands in for it.
    QTest::newRow("figure2: plain secret 1234, Id as serial")
        << u"figure2"_s << PskcReader::Keys {}
        << QList<OathToken> { hotp(u"12345678"_s, {}, u"Issuer-A"_s, "1234"_ba, 6) }
        << QList<SkippedToken> {};
    const OathToken figure3 = hotp(u"987654321"_s, u"Manufacturer"_s, u"Issuer"_s, rfcSecret, 8);
    QTest::newRow("figure3: supplementary data")
        << u"figure3"_s << PskcReader::Keys {} << QList<OathToken> { figure3 }
        << QList<SkippedToken> {};
    QTest::newRow("figure5: a token and its PIN key")
        << u"figure5"_s << PskcReader::Keys {} << QList<OathToken> { figure3 }
        << QList<SkippedToken> { { u"987654321"_s, u"a PIN key, not a token"_s } };
    QTest::newRow("figure6: AES-128-CBC, pre-shared key, HMAC-SHA1")
        << u"figure6"_s << preShared(figure6Key) << QList<OathToken> { figure3 }
        << QList<SkippedToken> {};
    // The password gives the README's derived key: the key itself opens the file as well.
    const OathToken figure7
        = hotp(u"987654321"_s, u"TokenVendorAcme"_s, u"Example-Issuer"_s, rfcSecret, 8);
    QTest::newRow("figure7: PBKDF2 password qwerty")
        << u"figure7"_s << password(u"qwerty"_s) << QList<OathToken> { figure7 }
        << QList<SkippedToken> {};
    QTest::newRow("figure7: the derived key 651e63cd...")
        << u"figure7"_s << preShared(figure7DerivedKey) << QList<OathToken> { figure7 }
        << QList<SkippedToken> {};
    QTest::newRow("figure9: signed file, signature ignored")
        << u"figure9"_s << PskcReader::Keys {}
        << QList<OathToken> { hotp(u"0755225266"_s, u"TokenVendorAcme"_s, u"Example-Issuer"_s,
                                   rfcSecret, 6) }
        << QList<SkippedToken> {};
    QList<OathToken> figure10;
    for (const QString &serial : { u"654321"_s, u"123456"_s, u"9999999"_s, u"9999999"_s })
        figure10.append(hotp(serial, u"TokenVendorAcme"_s, u"Issuer"_s, rfcSecret, 8));
    QTest::newRow("figure10: bulk, four keys, expired policies")
        << u"figure10"_s << PskcReader::Keys {} << figure10 << QList<SkippedToken> {};
}

void tst_PskcReader::rfc6030Figures()
{
    REQUIRE_VECTORS(vectors);
    QFETCH(QString, file);
    QFETCH(PskcReader::Keys, keys);
    QFETCH(QList<OathToken>, tokens);
    QFETCH(QList<SkippedToken>, skipped);
    const Result<TokenFile> read
        = PskcReader::read(readVector(vectors, u"rfc6030/%1.pskcxml"_s.arg(file)), keys);
    QVERIFY2(read, why(read));
    compareTokens(read->tokens, tokens);
    QCOMPARE(read->skipped.size(), skipped.size());
    for (qsizetype i = 0; i < skipped.size(); ++i) {
        QCOMPARE(read->skipped[i].serial, skipped[i].serial);
        QCOMPARE(read->skipped[i].reason, skipped[i].reason);
    }
}

void tst_PskcReader::figuresThatImportNothing_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("figure4: secret derived from the vendor's master key")
        << u"figure4"_s << ErrorCode::TokenFileUnsupported
        << u"Key 1 (serial 987654321): its secret is not in the file: the vendor derives it "
           u"from the master key \"MasterKeyLabel\""_s;
    QTest::newRow("figure8: encrypted for a private key")
        << u"figure8"_s << ErrorCode::TokenKeyNeeded
        << u"Key 1 (serial 987654321): its secret is encrypted for a private key (rsa_1_5) that "
           u"Twofold does not hold: key not available"_s;
}

void tst_PskcReader::figuresThatImportNothing()
{
    REQUIRE_VECTORS(vectors);
    QFETCH(QString, file);
    QFETCH(ErrorCode, code);
    QFETCH(QString, fragment);
    const QByteArray xml = readVector(vectors, u"rfc6030/%1.pskcxml"_s.arg(file));
    // Whatever key is offered: there is nothing it could open.
    for (const PskcReader::Keys &keys :
         { PskcReader::Keys {}, preShared(figure6Key), password(u"qwerty"_s) }) {
        const Result<TokenFile> read = PskcReader::read(xml, keys);
        QVERIFY(!read);
        QCOMPARE(read.error().code, code);
        QVERIFY2(
            read.error().message.startsWith(u"No key in this file can be imported as a token:"_s),
            why(read));
        QVERIFY2(read.error().message.contains(fragment), why(read));
    }
    QVERIFY(!PskcReader::needsKey(xml));
}

void tst_PskcReader::wrongOrMissingKeys_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<PskcReader::Keys>("keys");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("fragment");
    QByteArray wrongKey = figure6Key;
    wrongKey[15] = static_cast<char>(wrongKey[15] ^ 1);
    QTest::newRow("figure6 without a key")
        << u"figure6"_s << PskcReader::Keys {} << ErrorCode::TokenKeyNeeded
        << u"encrypted with a pre-shared key (named \"Pre-shared-key\")"_s;
    QTest::newRow("figure6 with a password only")
        << u"figure6"_s << password(u"qwerty"_s) << ErrorCode::TokenKeyNeeded
        << u"A password does not open this file."_s;
    QTest::newRow("figure6 with a wrong key")
        << u"figure6"_s << preShared(wrongKey) << ErrorCode::TokenKeyWrong
        << u"The key or password does not decrypt the MAC key"_s;
    QTest::newRow("figure6 with a 32-byte key")
        << u"figure6"_s << preShared(aes256Key) << ErrorCode::TokenKeyWrong
        << u"aes128-cbc, which needs a 16-byte key, but the key given has 32 bytes"_s;
    QTest::newRow("figure7 without a password")
        << u"figure7"_s << PskcReader::Keys {} << ErrorCode::TokenKeyNeeded
        << u"protected by a password (named \"My Password 1\")"_s;
    QTest::newRow("figure7 with a wrong password")
        << u"figure7"_s << password(u"qwertz"_s) << ErrorCode::TokenKeyWrong
        << u"does not decrypt the MAC key"_s;
    QTest::newRow("figure7 with the password in another case")
        << u"figure7"_s << password(u"QWERTY"_s) << ErrorCode::TokenKeyWrong
        << u"does not decrypt the MAC key"_s;
    QTest::newRow("figure7 with figure6's key")
        << u"figure7"_s << preShared(figure6Key) << ErrorCode::TokenKeyWrong
        << u"does not decrypt the MAC key"_s;
}

void tst_PskcReader::wrongOrMissingKeys()
{
    REQUIRE_VECTORS(vectors);
    QFETCH(QString, file);
    QFETCH(PskcReader::Keys, keys);
    QFETCH(ErrorCode, code);
    QFETCH(QString, fragment);
    const Result<TokenFile> read
        = PskcReader::read(readVector(vectors, u"rfc6030/%1.pskcxml"_s.arg(file)), keys);
    QVERIFY(!read);
    QCOMPARE(read.error().code, code);
    QVERIFY2(read.error().message.contains(fragment), why(read));
    verifyNoSecretIn(read.error().message);
}

struct InvalidFile
{
    const char16_t *name;
    bool withKeys; // given figure 6's key and figure 7's password, so the file's own fault shows
    ErrorCode code;
    const char16_t *fragment;
};

const InvalidFile invalidFileTable[] {
    { u"incomplete-derivation", true, ErrorCode::TokenFileFormat,
      u"The PBKDF2 key derivation is incomplete: it has no PBKDF2-params" },
    { u"mac-algorithm", true, ErrorCode::TokenFileUnsupported,
      u"The file's MACs use \"http://www.w3.org/2000/09/xmldsig#hmac-zha9\", which Twofold "
      u"cannot check" },
    { u"mac-value", true, ErrorCode::TokenKeyWrong,
      u"The MAC of the secret of key 1 (serial 987654321) does not match: the file was changed, "
      u"or the key or password is wrong." },
    { u"missing-encryption-method", true, ErrorCode::TokenFileFormat,
      u"The MAC key has no EncryptionMethod" },
    { u"missing-encryption", true, ErrorCode::TokenFileFormat,
      u"The EncryptionMethod of the secret of key 1 (Id 45678901) names no algorithm." },
    { u"no-mac-method", true, ErrorCode::TokenFileFormat,
      u"The secret of key 1 (Id 12345678) has a ValueMAC, but the file has no MACMethod" },
    { u"not-boolean", false, ErrorCode::TokenFileFormat,
      u"Key 1: ResponseFormat CheckDigits must be true or false, not \"not really\"." },
    { u"not-integer", false, ErrorCode::TokenFileFormat,
      u"Key 1: NumberOfTransactions must be a whole number, not \"TWELVE\"." },
    { u"not-integer2", false, ErrorCode::TokenFileFormat,
      u"Key 1: PINPolicy MinLength must be a whole number, not \"FOUR\"." },
    { u"notxml", false, ErrorCode::TokenFileFormat,
      u"The file is not well-formed XML (line 3, column 18: " },
    { u"unknown-encryption", true, ErrorCode::TokenFileUnsupported,
      u"The secret of key 1 (Id 12345678) is encrypted with "
      u"\"http://www.w3.org/2001/04/xmlenc#unknown\", which Twofold cannot decrypt" },
    { u"wrongelement", false, ErrorCode::TokenFileFormat,
      u"This is not a PSKC file: it is XML, but its root element is \"SomethingElse\"" },
    { u"wrongversion", false, ErrorCode::TokenFileUnsupported,
      u"This PSKC file has version \"1.2\"; Twofold reads version 1.0" },
};

void tst_PskcReader::invalidFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("withKeys");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("fragment");
    for (const InvalidFile &invalid : invalidFileTable) {
        const QString name = QString::fromUtf16(invalid.name);
        QTest::newRow(qPrintable(name))
            << name << invalid.withKeys << invalid.code << QString::fromUtf16(invalid.fragment);
    }
}

void tst_PskcReader::invalidFiles()
{
    REQUIRE_VECTORS(vectors);
    QFETCH(QString, file);
    QFETCH(bool, withKeys);
    QFETCH(ErrorCode, code);
    QFETCH(QString, fragment);
    const QByteArray xml = readVector(vectors, u"invalid/%1.pskcxml"_s.arg(file));
    const PskcReader::Keys keys
        = withKeys ? PskcReader::Keys { figure6Key, u"qwerty"_s } : PskcReader::Keys {};
    const Result<TokenFile> read = PskcReader::read(xml, keys);
    QVERIFY(!read);
    QCOMPARE(read.error().code, code);
    QVERIFY2(read.error().message.contains(fragment), why(read));
    verifyNoSecretIn(read.error().message);
    // Without the keys it fails as well, and still says why.
    const Result<TokenFile> withoutKeys = PskcReader::read(xml);
    QVERIFY(!withoutKeys);
    QVERIFY(!withoutKeys.error().message.isEmpty());
}

void tst_PskcReader::everyInvalidFileHasARow()
{
    REQUIRE_VECTORS(vectors);
    QSet<QString> rows;
    for (const InvalidFile &invalid : invalidFileTable)
        rows.insert(QString::fromUtf16(invalid.name) + u".pskcxml"_s);
    const QStringList files = QDir(vectors + u"/pskc/invalid"_s).entryList(QDir::Files);
    QCOMPARE(QSet<QString>(files.cbegin(), files.cend()), rows);
}

void tst_PskcReader::needsKey_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("key");
    QTest::addColumn<bool>("password");
    QTest::newRow("figure2: plain") << u"rfc6030/figure2"_s << false << false;
    QTest::newRow("figure6: pre-shared key") << u"rfc6030/figure6"_s << true << false;
    QTest::newRow("figure7: password") << u"rfc6030/figure7"_s << true << true;
    QTest::newRow("figure8: a private key no one can give")
        << u"rfc6030/figure8"_s << false << false;
    QTest::newRow("notxml: unreadable") << u"invalid/notxml"_s << false << false;
}

void tst_PskcReader::needsKey()
{
    REQUIRE_VECTORS(vectors);
    QFETCH(QString, file);
    QFETCH(bool, key);
    QFETCH(bool, password);
    const QByteArray xml = readVector(vectors, file + u".pskcxml"_s);
    QCOMPARE(PskcReader::needsKey(xml), key);
    QCOMPARE(PskcReader::needsPassword(xml), password);
}

void tst_PskcReader::hotpCodesMatchRfc4226_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<PskcReader::Keys>("keys");
    QTest::addColumn<QStringList>("codes");
    // RFC 4226 Appendix D, counters 0..2: 6 digits, and the last 8 digits of the decimal column
    // (1284755224, 1094287082, 137359152) for the 8-digit figures.
    const QStringList six { u"755224"_s, u"287082"_s, u"359152"_s };
    const QStringList eight { u"84755224"_s, u"94287082"_s, u"37359152"_s };
    QTest::newRow("figure9: plain, 6 digits") << u"figure9"_s << PskcReader::Keys {} << six;
    QTest::newRow("figure3: plain, 8 digits") << u"figure3"_s << PskcReader::Keys {} << eight;
    QTest::newRow("figure6: decrypted") << u"figure6"_s << preShared(figure6Key) << eight;
    QTest::newRow("figure7: decrypted") << u"figure7"_s << password(u"qwerty"_s) << eight;
}

void tst_PskcReader::hotpCodesMatchRfc4226()
{
    REQUIRE_VECTORS(vectors);
    QFETCH(QString, file);
    QFETCH(PskcReader::Keys, keys);
    QFETCH(QStringList, codes);
    const Result<TokenFile> read
        = PskcReader::read(readVector(vectors, u"rfc6030/%1.pskcxml"_s.arg(file)), keys);
    QVERIFY2(read, why(read));
    const OtpGenerator generator(read->tokens.first().otp);
    for (qsizetype counter = 0; counter < codes.size(); ++counter)
        QCOMPARE(generator.codeForCounter(counter).value_or(QString()), codes[counter]);
}

// RFC 6238 Appendix B, SHA256: 46119246 at T=59, 68084774 at T=1111111109.
void tst_PskcReader::encryptedTotpMatchesRfc6238()
{
    const Result<TokenFile> read = PskcReader::read(aes256Totp, preShared(aes256Key));
    QVERIFY2(read, why(read));
    QCOMPARE(read->tokens.size(), 1);
    const OathToken &token = read->tokens.first();
    QCOMPARE(token.serial, u"TOTP-256"_s);
    QCOMPARE(token.manufacturer, u"Twofold Test"_s);
    QCOMPARE(token.model, u"T8"_s);
    QCOMPARE(token.otp.type, OtpType::Totp);
    QCOMPARE(token.otp.algorithm, HashAlgorithm::Sha256);
    QCOMPARE(token.otp.digits, 8);
    QCOMPARE(token.otp.period, 30);
    QCOMPARE(token.otp.secret, "12345678901234567890123456789012"_ba);
    const OtpGenerator generator(token.otp);
    QCOMPARE(generator.codeAt(59).value_or(QString()), u"46119246"_s);
    QCOMPARE(generator.codeAt(1111111109).value_or(QString()), u"68084774"_s);

    // The MAC covers the IV and ciphertext: one changed character fails the whole file.
    QByteArray changed = aes256Totp;
    changed.replace("sLGys7S1", "sLGys7S2");
    const Result<TokenFile> tampered = PskcReader::read(changed, preShared(aes256Key));
    QVERIFY(!tampered);
    QCOMPARE(tampered.error().code, ErrorCode::TokenKeyWrong);
    QVERIFY2(tampered.error().message.contains(
                 u"The MAC of the secret of key 1 (serial TOTP-256) does not match"_s),
             why(tampered));
    const Result<TokenFile> shortKey = PskcReader::read(aes256Totp, preShared(figure6Key));
    QVERIFY(!shortKey);
    QVERIFY2(shortKey.error().message.contains(u"needs a 32-byte key"_s), why(shortKey));
}

void tst_PskcReader::plainTotpMatchesRfc6238_data()
{
    QTest::addColumn<QByteArray>("interval");
    QTest::addColumn<qint64>("period");
    QTest::addColumn<QString>("codeAt59");
    // RFC 6238 Appendix B, SHA512: 90693936 at T=59 (step 1 of 30 s). With 60 s, T=59 is
    // step 0, where T=29 would be too: 59 with 60 s equals 29 with 30 s.
    QTest::newRow("no TimeInterval: 30 s") << QByteArray() << qint64(30) << u"90693936"_s;
    QTest::newRow("TimeInterval 30") << "30"_ba << qint64(30) << u"90693936"_s;
    QTest::newRow("TimeInterval 60") << "60"_ba << qint64(60) << QString();
}

void tst_PskcReader::plainTotpMatchesRfc6238()
{
    QFETCH(QByteArray, interval);
    QFETCH(qint64, period);
    QFETCH(QString, codeAt59);
    const Result<TokenFile> read = PskcReader::read(plainTotp(interval));
    QVERIFY2(read, why(read));
    const OtpParameters &otp = read->tokens.first().otp;
    QCOMPARE(otp.type, OtpType::Totp);
    QCOMPARE(otp.algorithm, HashAlgorithm::Sha512);
    QCOMPARE(otp.period, period);
    QCOMPARE(otp.secret.size(), 64);
    const OtpGenerator generator(otp);
    if (codeAt59.isEmpty()) {
        OtpParameters thirty = otp;
        thirty.period = 30;
        QCOMPARE(generator.codeAt(59).value_or(QString()),
                 OtpGenerator(thirty).codeAt(29).value_or(u"x"_s));
    } else {
        QCOMPARE(generator.codeAt(59).value_or(QString()), codeAt59);
    }
}

void tst_PskcReader::keyWrap_data()
{
    QTest::addColumn<QByteArray>("algorithm");
    QTest::addColumn<QByteArray>("cipherValue");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("secret");
    QTest::newRow("kw-aes128, RFC 3394 4.1")
        << "kw-aes128"_ba
        << "H6aLCoEStEeu80vY+1p7gp0+hiNx0s/l"_ba << rfc3394Kek.first(16) << rfc3394Data.first(16);
    QTest::newRow("kw-aes256, RFC 3394 4.6")
        << "kw-aes256"_ba
        << "KMn0BMS4EPTLzLNc+4f4Jj9XhuLYDtMmy8fw5xqZ9Dv7mIubegLdIQ=="_ba << rfc3394Kek
        << rfc3394Data;
}

void tst_PskcReader::keyWrap()
{
    QFETCH(QByteArray, algorithm);
    QFETCH(QByteArray, cipherValue);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, secret);
    const QByteArray xml = keyWrapFile(algorithm, cipherValue);
    QVERIFY(PskcReader::needsKey(xml));
    const Result<TokenFile> read = PskcReader::read(xml, preShared(key));
    QVERIFY2(read, why(read));
    QCOMPARE(read->tokens.first().otp.secret.toHex(), secret.toHex());
    QCOMPARE(read->tokens.first().otp.counter, 7u);
    QByteArray wrong = key;
    wrong[0] = static_cast<char>(wrong[0] ^ 1);
    const Result<TokenFile> wrongKey = PskcReader::read(xml, preShared(wrong));
    QVERIFY(!wrongKey);
    QCOMPARE(wrongKey.error().code, ErrorCode::TokenKeyWrong);
    QVERIFY2(wrongKey.error().message.contains(u"does not decrypt the secret of key 1"_s),
             why(wrongKey));
}

void tst_PskcReader::unusableKeysAreSkippedWithAReason()
{
    const Result<TokenFile> read = PskcReader::read(mixedFile());
    QVERIFY2(read, why(read));
    QCOMPARE(read->tokens.size(), 1);
    QCOMPARE(read->tokens.first().serial, u"GOOD-1"_s);
    QCOMPARE(read->tokens.first().manufacturer, u"Mix"_s);
    QCOMPARE(read->tokens.first().otp.counter, 42u);
    QCOMPARE(read->tokens.first().otp.secret, rfcSecret);
    const QList<std::pair<QString, QString>> expected {
        { u"OCRA-1"_s, u"OCRA keys are not supported"_s },
        { u"PIN-1"_s, u"a PIN key, not a token"_s },
        { u"OTHER-1"_s,
          u"its algorithm \"http://www.example.com/otps#SecurID-AES\" is not HOTP or TOTP"_s },
        { u"RSA-1"_s,
          u"its secret is encrypted for a private key (rsa-oaep-mgf1p) that Twofold does not "
          u"hold: key not available"_s },
        { u"HEX-1"_s, u"its codes are \"HEXADECIMAL\", not decimal digits"_s },
        { u"LUHN-1"_s, u"check digit"_s },
        { u"FOUR-1"_s, u"digits must be between 6 and 10, not 4"_s },
        { u"MD5-1"_s, u"Suite \"HMAC-MD5\""_s },
        { u"PREPEND-1"_s, u"PINUsageMode \"Prepend\""_s },
        { u"NOSECRET-1"_s, u"the file holds no secret for it"_s },
        { u"EMPTY-1"_s, u"the key package holds no key"_s },
    };
    QCOMPARE(read->skipped.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(read->skipped[i].serial, expected[i].first);
        QVERIFY2(read->skipped[i].reason.contains(expected[i].second),
                 qPrintable(read->skipped[i].reason));
    }
}

void tst_PskcReader::macKeysAndEncryptedCounters_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<quint64>("counter"); // 0 with error: the file must fail
    QTest::addColumn<QString>("error");
    const QByteArray macKey = "AAECAwQFBgcICQoLDA0ODxXilBMhz85ssA/KMHoxPAOmX+rYiN2d6jFYQvIs15oE"_ba;
    const QByteArray secretMac = "viTwoag/ycdlSnoOwtF/fLb+4vg="_ba;
    const QByteArray encryptedCounter
        = "<Counter><EncryptedValue><xenc:EncryptionMethod "
          "Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes128-cbc\"/><xenc:CipherData>"
          "<xenc:CipherValue>AQIDBAUGBwgJCgsMDQ4PEAMaNSMoEsyrLFTe0FPJVHY=</xenc:CipherValue>"
          "</xenc:CipherData></EncryptedValue><ValueMAC>%1</ValueMAC></Counter>"_ba;
    QTest::newRow("no MACKey: the encryption key is also the MAC key")
        << macVariant({}, "HSZSBcn9WG746j+6C7lTo08lLXU="_ba, {}) << quint64(0) << QString();
    QTest::newRow("MAC key that decrypts to nothing") << macVariant(
        "AAECAwQFBgcICQoLDA0OD9X3odhVDQJ62HdEr5sdIjs="_ba, "gM0+8zndTQ7ZpPMPcZu6qtc6G8g="_ba, {})
                                                      << quint64(0) << QString();
    QTest::newRow("encrypted Counter 1000, with its own MAC")
        << macVariant(macKey, secretMac,
                      QByteArray(encryptedCounter).replace("%1", "/+5w5PXd72QUtVLBG8G9s5LuEZs="))
        << quint64(1000) << QString();
    QTest::newRow("encrypted Counter with a wrong MAC")
        << macVariant(macKey, secretMac,
                      QByteArray(encryptedCounter).replace("%1", "A+5w5PXd72QUtVLBG8G9s5LuEZs="))
        << quint64(0) << u"The MAC of the Counter of key 1 (serial E1) does not match"_s;
    QTest::newRow("no MACKey, and the MAC made with another key")
        << macVariant({}, secretMac, {}) << quint64(0)
        << u"The MAC of the secret of key 1 (serial E1) does not match"_s;
}

void tst_PskcReader::macKeysAndEncryptedCounters()
{
    QFETCH(QByteArray, xml);
    QFETCH(quint64, counter);
    QFETCH(QString, error);
    const Result<TokenFile> read = PskcReader::read(xml, preShared(figure6Key));
    if (!error.isEmpty()) {
        QVERIFY(!read);
        QCOMPARE(read.error().code, ErrorCode::TokenKeyWrong);
        QVERIFY2(read.error().message.contains(error), why(read));
        return;
    }
    QVERIFY2(read, why(read));
    QCOMPARE(read->tokens.first().otp.secret, rfcSecret);
    QCOMPARE(read->tokens.first().otp.counter, counter);
}

void tst_PskcReader::hostileFiles_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("fragment");
    const QByteArray container = "<KeyContainer Version=\"1.0\" "
                                 "xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">"_ba;
    const QByteArray head = "<?xml version=\"1.0\"?>\n" + container;
    const QByteArray tail = "</KeyContainer>"_ba;
    const QByteArray good
        = package("G", "urn:ietf:params:xml:ns:keyprov:pskc:hotp", sixDigits, plainSecret);
    QTest::newRow("entity expansion (a DTD)")
        << "<?xml version=\"1.0\"?>\n<!DOCTYPE KeyContainer [<!ENTITY a \"aaaaaaaaaa\">"
           "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c "
           "\"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
            + container + "<KeyPackage><Key><Issuer>&c;</Issuer></Key></KeyPackage>" + tail
        << ErrorCode::TokenFileFormat << u"document type declaration"_s;
    QTest::newRow("external entity")
        << "<?xml version=\"1.0\"?>\n<!DOCTYPE KeyContainer [<!ENTITY x SYSTEM "
           "\"file:///etc/passwd\">]>"
            + container + "<KeyPackage><Key><Issuer>&x;</Issuer></Key></KeyPackage>" + tail
        << ErrorCode::TokenFileFormat << u"document type declaration"_s;
    QTest::newRow("undeclared entity") << head
            + "<KeyPackage><Key><Issuer>&x;</Issuer></Key>"
              "</KeyPackage>"
            + tail << ErrorCode::TokenFileFormat
                                       << u"not well-formed XML"_s;
    QTest::newRow("nesting 200 deep") << head + "<KeyPackage>" + QByteArray("<a>").repeated(200)
            + QByteArray("</a>").repeated(200) + "</KeyPackage>" + tail
                                      << ErrorCode::TokenFileFormat << u"levels inside it"_s;
    QTest::newRow("20,000 elements in one package")
        << head + "<KeyPackage>" + QByteArray("<a/>").repeated(20000) + "</KeyPackage>" + tail
        << ErrorCode::TokenFileFormat << u"more than 10000 elements"_s;
    QTest::newRow("100,000 characters of text") << head + "<KeyPackage><Key><Issuer>"
            + QByteArray(100000, 'x') + "</Issuer></Key></KeyPackage>"
            + tail << ErrorCode::TokenFileFormat << u"more than 65536 characters"_s;
    QTest::newRow("larger than 16 MiB") << head + QByteArray(16 * 1024 * 1024, ' ') + tail
                                        << ErrorCode::TokenFileFormat << u"at most 16 MiB"_s;
    QTest::newRow("cut short") << head + good.first(good.size() / 2) << ErrorCode::TokenFileFormat
                               << u"not well-formed XML"_s;
    QTest::newRow("junk after the KeyContainer")
        << head + good + tail + "<KeyContainer/>" << ErrorCode::TokenFileFormat
        << u"not well-formed XML"_s;
    QTest::newRow("empty") << QByteArray() << ErrorCode::TokenFileFormat << u"empty"_s;
    QTest::newRow("no key packages")
        << head + tail << ErrorCode::TokenFileFormat << u"holds no key packages"_s;
    QTest::newRow("no Version") << "<KeyContainer xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">"
            + good + tail << ErrorCode::TokenFileFormat
                                << u"has no Version"_s;
    QTest::newRow("KeyContainer in another namespace")
        << "<KeyContainer Version=\"1.0\" xmlns=\"urn:example\">" + good + tail
        << ErrorCode::TokenFileFormat << u"not a PSKC file"_s;
    QTest::newRow("secret not Base64") << head
            + package("B", "urn:ietf:params:xml:ns:keyprov:pskc:hotp", sixDigits,
                      "<Secret><PlainValue>MTIz*NA==</PlainValue></Secret>")
            + tail << ErrorCode::TokenFileFormat
                                       << u"The PlainValue of the secret of key 1 (serial B) is "
                                          u"not Base64."_s;
    QTest::newRow("plain and encrypted secret") << head
            + package("B", "urn:ietf:params:xml:ns:keyprov:pskc:hotp", sixDigits,
                      "<Secret><PlainValue>MTIz</PlainValue><EncryptedValue/></Secret>")
            + tail << ErrorCode::TokenFileFormat
                                                << u"has both a PlainValue and an EncryptedValue"_s;
    QTest::newRow("negative counter") << head
            + package("B", "urn:ietf:params:xml:ns:keyprov:pskc:hotp", sixDigits,
                      plainSecret + "<Counter><PlainValue>-1</PlainValue></Counter>")
            + tail << ErrorCode::TokenFileFormat
                                      << u"the Counter must be 0 or more"_s;
    QTest::newRow("bad date") << head
            + package("B", "urn:ietf:params:xml:ns:keyprov:pskc:hotp", sixDigits, plainSecret,
                      "<ExpiryDate>yesterday</ExpiryDate>")
            + tail << ErrorCode::TokenFileFormat
                              << u"The ExpiryDate of key 1 (serial B) must be a date"_s;
    QTest::newRow("two keys in a package")
        << head + "<KeyPackage><Key/><Key/></KeyPackage>" + tail << ErrorCode::TokenFileFormat
        << u"Key package 1 holds 2 keys"_s;
    QTest::newRow("PBKDF2 KeyLength that does not fit the cipher")
        << QByteArray(mixedFile())
               .replace(
                   "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\" "
                   "xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\">",
                   "<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\" "
                   "xmlns:xenc=\"http://www.w3.org/2001/04/xmlenc#\"><EncryptionKey><DerivedKey>"
                   "<KeyDerivationMethod Algorithm=\"http://www.rsasecurity.com/rsalabs/pkcs/"
                   "schemas/pkcs-5v2-0#pbkdf2\"><PBKDF2-params><Salt><Specified>AAAA"
                   "</Specified></Salt><IterationCount>1</IterationCount><KeyLength>32"
                   "</KeyLength></PBKDF2-params></KeyDerivationMethod></DerivedKey>"
                   "</EncryptionKey>")
               .replace("rsa-oaep-mgf1p", "aes128-cbc")
               .replace("AAECAwQ=", "AAECAwQFBgcICQoLDA0ODwABAgMEBQYHCAkKCwwNDg8=")
        << ErrorCode::TokenFileFormat
        << u"The PBKDF2 KeyLength of 32 bytes does not fit the file's cipher, which needs a "
           u"16-byte key."_s;
    QTest::newRow("encrypted secret of 16 bytes")
        << head
            + package("B", "urn:ietf:params:xml:ns:keyprov:pskc:hotp", sixDigits,
                      "<Secret><EncryptedValue><EncryptionMethod Algorithm=\"http://"
                      "www.w3.org/2001/04/xmlenc#aes128-cbc\"/><CipherData><CipherValue>"
                      "AAECAwQFBgcICQoLDA0ODw==</CipherValue></CipherData></EncryptedValue>"
                      "</Secret>")
            + tail
        << ErrorCode::TokenFileFormat << u"is 16 bytes long, but AES-CBC data is a 16-byte IV"_s;
}

void tst_PskcReader::hostileFiles()
{
    QFETCH(QByteArray, xml);
    QFETCH(ErrorCode, code);
    QFETCH(QString, fragment);
    const Result<TokenFile> read = PskcReader::read(xml, preShared(figure6Key));
    QVERIFY(!read);
    QCOMPARE(read.error().code, code);
    QVERIFY2(read.error().message.contains(fragment), why(read));
    verifyNoSecretIn(read.error().message);
}

void tst_PskcReader::tooManyKeyPackages()
{
    QByteArray xml = "<KeyContainer Version=\"1.0\" "
                     "xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">"_ba;
    xml += QByteArray("<KeyPackage/>").repeated(PskcReader::maxKeys + 1);
    xml += "</KeyContainer>";
    const Result<TokenFile> read = PskcReader::read(xml);
    QVERIFY(!read);
    QVERIFY2(read.error().message.contains(u"more than 100000 key packages"_s), why(read));
}

QTEST_GUILESS_MAIN(tst_PskcReader)
#include "tst_pskcreader.moc"
