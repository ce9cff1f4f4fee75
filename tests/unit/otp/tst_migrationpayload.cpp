#include "otp/base32.h"
#include "otp/migrationpayload.h"
#include "qr/qrdecoder.h"
#include "vectors.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <optional>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace twofold;

Q_DECLARE_METATYPE(twofold::ErrorCode)
Q_DECLARE_METATYPE(twofold::OtpParameters)

namespace {

constexpr QStringView uriPrefix = u"otpauth-migration://offline?data=";

// Protobuf wire format, written by hand so that the decoder is checked against an
// independent encoder: tag = (field << 3) | wire type; 0 is a varint, 2 is length-delimited.
class Wire final
{
public:
    Wire &varint(int field, qint64 value)
    {
        key(field, 0);
        raw(quint64(value));
        return *this;
    }
    Wire &bytes(int field, QByteArrayView value)
    {
        key(field, 2);
        raw(quint64(value.size()));
        m_bytes.append(value);
        return *this;
    }
    Wire &string(int field, QStringView value) { return bytes(field, value.toUtf8()); }
    Wire &message(int field, const Wire &inner) { return bytes(field, inner.m_bytes); }
    QByteArray data() const { return m_bytes; }

private:
    void key(int field, int wireType) { raw(quint64(field) << 3 | quint64(wireType)); }
    void raw(quint64 value)
    {
        do {
            const auto low = char(value & 0x7f);
            value >>= 7;
            m_bytes.append(value ? char(low | 0x80) : low);
        } while (value);
    }

    QByteArray m_bytes;
};

// Reads one level of protobuf wire format: field number → values (varints or bytes).
struct WireField
{
    int number = 0;
    quint64 varint = 0;
    QByteArray bytes;
};

std::optional<QList<WireField>> readWire(QByteArrayView data)
{
    QList<WireField> fields;
    qsizetype pos = 0;
    const auto readVarint = [&](quint64 &out) {
        out = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= data.size())
                return false;
            const auto byte = quint8(data[pos++]);
            out |= quint64(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return true;
        }
        return false;
    };
    while (pos < data.size()) {
        quint64 key = 0;
        if (!readVarint(key))
            return std::nullopt;
        WireField field;
        field.number = int(key >> 3);
        if ((key & 7) == 0) {
            if (!readVarint(field.varint))
                return std::nullopt;
        } else if ((key & 7) == 2) {
            quint64 length = 0;
            if (!readVarint(length) || length > quint64(data.size() - pos))
                return std::nullopt;
            field.bytes = data.sliced(pos, qsizetype(length)).toByteArray();
            pos += qsizetype(length);
        } else {
            return std::nullopt;
        }
        fields.append(field);
    }
    return fields;
}

QString migrationUri(const QByteArray &payload)
{
    return uriPrefix + QString::fromLatin1(payload.toBase64().toPercentEncoding());
}

// One OtpParameters entry; a negative enum value leaves the field out, as proto3 does for 0.
Wire entry(QByteArrayView secret, QStringView name, QStringView issuer = {}, int algorithm = -1,
           int digits = -1, int type = -1, qint64 counter = 0)
{
    Wire w;
    if (!secret.isEmpty())
        w.bytes(1, secret);
    if (!name.isEmpty())
        w.string(2, name);
    if (!issuer.isEmpty())
        w.string(3, issuer);
    if (algorithm >= 0)
        w.varint(4, algorithm);
    if (digits >= 0)
        w.varint(5, digits);
    if (type >= 0)
        w.varint(6, type);
    if (counter != 0)
        w.varint(7, counter);
    return w;
}

QByteArray payloadOf(const QList<Wire> &entries)
{
    Wire w;
    for (const Wire &e : entries)
        w.message(1, e);
    w.varint(2, 1).varint(3, 1).varint(4, 0).varint(5, 424242);
    return w.data();
}

const QByteArray demoSecret = "\xfa\xa5\x05\xe9\x33\xa0\xd1\x2e\x90\xbe\xea\x96\xc8\xc1\x08\x36"_ba;

OtpParameters account(QString issuer, QString name, OtpType type = OtpType::Totp,
                      HashAlgorithm algorithm = HashAlgorithm::Sha1, int digits = 6,
                      quint64 counter = 0)
{
    OtpParameters p;
    p.type = type;
    p.algorithm = algorithm;
    p.secret = demoSecret;
    p.digits = digits;
    p.counter = counter;
    p.issuer = std::move(issuer);
    p.account = std::move(name);
    return p;
}

// Field by field, so that a failure says which field is wrong. Check currentTestFailed() after.
void compareAccount(const OtpParameters &actual, const OtpParameters &expected)
{
    QCOMPARE(otpTypeName(actual.type), otpTypeName(expected.type));
    QCOMPARE(actual.issuer, expected.issuer);
    QCOMPARE(actual.account, expected.account);
    QCOMPARE(actual.secret.toHex(), expected.secret.toHex());
    QCOMPARE(hashAlgorithmName(actual.algorithm), hashAlgorithmName(expected.algorithm));
    QCOMPARE(actual.digits, expected.digits);
    QCOMPARE(actual.period, expected.period);
    QCOMPARE(actual.counter, expected.counter);
    QVERIFY(actual == expected); // catches a field added later and not compared above
}

// The label rule of otpauth URIs and of the migration name field: "Issuer:account".
std::pair<QString, QString> splitLabel(const QString &label)
{
    const qsizetype colon = label.indexOf(u':');
    if (colon < 0)
        return { QString(), label.trimmed() };
    return { label.left(colon).trimmed(), label.mid(colon + 1).trimmed() };
}

// A test-local reading of the expected otpauth URIs, independent of OtpAuthUri::parse.
OtpParameters expectedFromOtpauth(const QString &uri)
{
    const QUrl url(uri, QUrl::StrictMode);
    const QUrlQuery query(url);
    OtpParameters p;
    p.type = url.host() == u"hotp" ? OtpType::Hotp : OtpType::Totp;
    auto [labelIssuer, name] = splitLabel(url.path(QUrl::FullyDecoded).mid(1));
    const QString issuer = query.queryItemValue(u"issuer"_s, QUrl::FullyDecoded);
    p.issuer = issuer.isEmpty() ? labelIssuer : issuer;
    p.account = name;
    p.secret = Base32::decode(query.queryItemValue(u"secret"_s)).value_or(QByteArray());
    if (query.hasQueryItem(u"counter"_s))
        p.counter = query.queryItemValue(u"counter"_s).toULongLong();
    if (query.hasQueryItem(u"digits"_s))
        p.digits = query.queryItemValue(u"digits"_s).toInt();
    return p;
}

// Each migration URI in example_export.txt with the otpauth URIs in the comments above it.
QList<std::pair<QString, QList<OtpParameters>>> exampleExport(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QList<std::pair<QString, QList<OtpParameters>>> cases;
    QList<OtpParameters> pending;
    const QRegularExpression otpauthComment(u"^#\\s*(otpauth://\\S+)$"_s);
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (const auto match = otpauthComment.match(line); match.hasMatch()) {
            pending.append(expectedFromOtpauth(match.captured(1)));
        } else if (line.startsWith(u"otpauth-migration:")) {
            cases.append({ line, pending });
            pending.clear();
        }
    }
    return cases;
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

bool lessByName(const OtpParameters &a, const OtpParameters &b)
{
    return std::tie(a.issuer, a.account, a.counter) < std::tie(b.issuer, b.account, b.counter);
}

// What an import from a picture does: load it, find QR codes, decode each migration URI.
// Kept here rather than in core/otp, which must not depend on QtGui.
Result<QList<MigrationPayload::Batch>> decodeImageFile(const QString &path)
{
    const QImage image(path);
    if (image.isNull())
        return Error { ErrorCode::ImageUnreadable,
                       u"\"%1\" is not a picture Twofold can read."_s.arg(path) };
    const QStringList payloads = QrDecoder::decode(image);
    if (payloads.isEmpty())
        return Error { ErrorCode::QrNotFound, u"There is no QR code in \"%1\"."_s.arg(path) };
    QList<MigrationPayload::Batch> batches;
    for (const QString &payload : payloads) {
        Result<MigrationPayload::Batch> batch = MigrationPayload::decode(payload);
        if (!batch)
            return batch.error();
        batches.append(*std::move(batch));
    }
    return batches;
}

// n accounts that differ in every field the format carries.
QList<OtpParameters> variedAccounts(int n)
{
    QList<OtpParameters> accounts;
    const HashAlgorithm algorithms[]
        = { HashAlgorithm::Sha1, HashAlgorithm::Sha256, HashAlgorithm::Sha512 };
    for (int i = 0; i < n; ++i) {
        OtpParameters p;
        p.type = i % 3 == 0 ? OtpType::Hotp : OtpType::Totp;
        p.algorithm = algorithms[i % 3];
        p.digits = i % 2 ? 8 : 6;
        p.counter = p.type == OtpType::Hotp ? quint64(i) * 1000 + 7 : 0;
        p.issuer = i % 4 == 1 ? QString() : u"Issuer %1"_s.arg(i);
        p.account = u"user%1@example.com"_s.arg(i);
        for (int b = 0; b < 10 + i; ++b)
            p.secret.append(char(b * 37 + i));
        accounts.append(p);
    }
    return accounts;
}

} // namespace

class tst_MigrationPayload final : public QObject
{
    Q_OBJECT

private slots:
    void vectorFilesAreAllCovered();
    void googleExportText_data();
    void googleExportText();
    void googleExportMatchesReferenceJson();
    void googleRejectedText_data();
    void googleRejectedText();
    void googleImages();

    void decodeWire_data();
    void decodeWire();
    void uriForms_data();
    void uriForms();
    void rejectedUris_data();
    void rejectedUris();
    void batchFieldsAreCarried();

    void roundTrip_data();
    void roundTrip();
    void batchIdIsRandom();
    void encodeWritesGoogleFields();
    void encodeKeepsAwkwardNames_data();
    void encodeKeepsAwkwardNames();
    void encodeRefuses_data();
    void encodeRefuses();
    void encodeNothing();
};

void tst_MigrationPayload::vectorFilesAreAllCovered()
{
    REQUIRE_VECTORS(dir);
    // A vector added upstream should not go untested without anyone noticing.
    const QStringList covered = { u"example_export.png"_s,
                                  u"example_export.txt"_s,
                                  u"example_output.json"_s,
                                  u"qr_but_without_otp.png"_s,
                                  u"test_export_wrong_content.txt"_s,
                                  u"test_export_wrong_data.txt"_s,
                                  u"test_export_wrong_prefix.txt"_s,
                                  u"text_masquerading_as_image.jpeg"_s };
    QCOMPARE(QDir(dir + u"/google"_s).entryList(QDir::Files, QDir::Name), covered);
}

void tst_MigrationPayload::googleExportText_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QList<OtpParameters>>("expected");
    const QString dir = vectorsDir();
    if (dir.isEmpty())
        return;
    const auto cases = exampleExport(dir + u"/google/example_export.txt"_s);
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QString name
            = u"example_export.txt URI %1 gives its %2 commented account(s)"_s.arg(i + 1).arg(
                cases[i].second.size());
        QTest::newRow(qPrintable(name)) << cases[i].first << cases[i].second;
    }
}

void tst_MigrationPayload::googleExportText()
{
    REQUIRE_VECTORS(dir);
    QFETCH(QString, uri);
    QFETCH(QList<OtpParameters>, expected);
    QVERIFY(!expected.isEmpty());

    const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(uri);
    QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().message));
    QList<OtpParameters> actual = batch->accounts;
    QCOMPARE(actual.size(), expected.size());
    // The comments do not always list the accounts in payload order.
    std::sort(actual.begin(), actual.end(), lessByName);
    std::sort(expected.begin(), expected.end(), lessByName);
    for (qsizetype i = 0; i < actual.size(); ++i) {
        QVERIFY2(actual[i].validate(), "decoded account does not validate");
        compareAccount(actual[i], expected[i]);
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(batch->batchSize, 1);
    QCOMPARE(batch->batchIndex, 0);
}

void tst_MigrationPayload::googleExportMatchesReferenceJson()
{
    REQUIRE_VECTORS(dir);
    QFile json(dir + u"/google/example_output.json"_s);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray reference = QJsonDocument::fromJson(json.readAll()).array();
    QCOMPARE(reference.size(), 6);

    QList<OtpParameters> decoded;
    for (const auto &[uri, comments] : exampleExport(dir + u"/google/example_export.txt"_s)) {
        const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(uri);
        QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().message));
        decoded.append(batch->accounts);
    }
    QCOMPARE(decoded.size(), reference.size());
    for (qsizetype i = 0; i < decoded.size(); ++i) {
        const QJsonObject ref = reference[i].toObject();
        const OtpParameters &p = decoded[i];
        QCOMPARE(otpTypeName(p.type), ref[u"type"].toString());
        QCOMPARE(Base32::encode(p.secret), ref[u"secret"].toString());
        QCOMPARE(p.counter, quint64(ref[u"counter"].toInteger(0)));
        // The reference keeps "Issuer: account" whole when the issuer field is empty; we split.
        const QString refIssuer = ref[u"issuer"].toString();
        const auto [issuer, name] = refIssuer.isEmpty()
            ? splitLabel(ref[u"name"].toString())
            : std::pair { refIssuer, ref[u"name"].toString() };
        QCOMPARE(p.issuer, issuer);
        QCOMPARE(p.account, name);
        QCOMPARE(p.period, qint64(30));
        QVERIFY(p.validate());
    }
    // The UTF-8 one, spelled out, so that a mangled encoding cannot hide behind the JSON.
    QCOMPARE(decoded.last().issuer, u"encoding"_s);
    QCOMPARE(decoded.last().account, u"\u00bf\u00e4\u00c4\u00e9\u00c9? (demo)"_s);
}

void tst_MigrationPayload::googleRejectedText_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("messageStart");
    QTest::newRow("text before the scheme is not an export")
        << u"test_export_wrong_prefix.txt"_s << ErrorCode::MigrationPrefix
        << u"This is not a Google Authenticator export"_s;
    QTest::newRow("prose is not an export")
        << u"test_export_wrong_content.txt"_s << ErrorCode::MigrationPrefix
        << u"This is not a Google Authenticator export"_s;
    QTest::newRow("data that is not a payload is damaged")
        << u"test_export_wrong_data.txt"_s << ErrorCode::MigrationData
        << u"The export data is damaged"_s;
}

void tst_MigrationPayload::googleRejectedText()
{
    REQUIRE_VECTORS(dir);
    QFETCH(QString, file);
    QFETCH(ErrorCode, code);
    QFETCH(QString, messageStart);
    const QString text = readText(dir + u"/google/"_s + file);
    QVERIFY(!text.isEmpty());
    const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(text);
    QVERIFY(!batch);
    QCOMPARE(int(batch.error().code), int(code));
    QVERIFY2(batch.error().message.startsWith(messageStart), qPrintable(batch.error().message));
}

void tst_MigrationPayload::googleImages()
{
    REQUIRE_VECTORS(dir);
    const QString google = dir + u"/google/"_s;

    // example_export.png: three TOTP accounts whose name repeats the issuer ("Test1:...").
    const auto fromPicture = decodeImageFile(google + u"example_export.png"_s);
    QVERIFY2(fromPicture, qPrintable(fromPicture ? QString() : fromPicture.error().message));
    QCOMPARE(fromPicture->size(), 1);
    const QList<OtpParameters> accounts = fromPicture->first().accounts;
    QCOMPARE(accounts.size(), 3);
    for (int i = 0; i < 3; ++i) {
        OtpParameters expected
            = account(u"Test%1"_s.arg(i + 1), u"test%1@example%1.com"_s.arg(i + 1));
        expected.secret = "Hello!\xde\xad\xbe"_ba + char(0xef + i);
        compareAccount(accounts[i], expected);
        if (QTest::currentTestFailed())
            return;
    }

    // A QR code, but with something else in it.
    const QStringList other = QrDecoder::decode(QImage(google + u"qr_but_without_otp.png"_s));
    QCOMPARE(other.size(), 1);
    const auto notExport = MigrationPayload::decode(other.first());
    QVERIFY(!notExport);
    QCOMPARE(int(notExport.error().code), int(ErrorCode::MigrationPrefix));
    const auto notExportFile = decodeImageFile(google + u"qr_but_without_otp.png"_s);
    QVERIFY(!notExportFile);
    QCOMPARE(int(notExportFile.error().code), int(ErrorCode::MigrationPrefix));

    // Text with a .jpeg name: no image at all, and the error says so.
    const QString fake = google + u"text_masquerading_as_image.jpeg"_s;
    QVERIFY(QImage(fake).isNull());
    const auto unreadable = decodeImageFile(fake);
    QVERIFY(!unreadable);
    QCOMPARE(int(unreadable.error().code), int(ErrorCode::ImageUnreadable));
    QVERIFY(unreadable.error().message.contains(u"text_masquerading_as_image.jpeg"));
}

void tst_MigrationPayload::decodeWire_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<OtpParameters>("expected");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("messageNames");
    const OtpParameters none;
    const ErrorCode ok = ErrorCode::InvalidArgument; // unused when expected is set
    const auto row = [](const char *name) { return &QTest::newRow(name); };

    *row("unspecified enums mean SHA1, 6 digits, TOTP")
        << payloadOf({ entry(demoSecret, u"alice", u"GitHub") }) << account(u"GitHub"_s, u"alice"_s)
        << ok << QString();
    *row("explicit SHA1, six digits, TOTP")
        << payloadOf({ entry(demoSecret, u"alice", u"GitHub", 1, 1, 2) })
        << account(u"GitHub"_s, u"alice"_s) << ok << QString();
    *row("SHA256 with eight digits")
        << payloadOf({ entry(demoSecret, u"alice", u"GitHub", 2, 2, 2) })
        << account(u"GitHub"_s, u"alice"_s, OtpType::Totp, HashAlgorithm::Sha256, 8) << ok
        << QString();
    *row("SHA512") << payloadOf({ entry(demoSecret, u"alice", u"GitHub", 3, 1, 2) })
                   << account(u"GitHub"_s, u"alice"_s, OtpType::Totp, HashAlgorithm::Sha512) << ok
                   << QString();
    *row("HOTP carries its counter")
        << payloadOf({ entry(demoSecret, u"alice", u"GitHub", 1, 1, 1, 1234567890123) })
        << account(u"GitHub"_s, u"alice"_s, OtpType::Hotp, HashAlgorithm::Sha1, 6, 1234567890123)
        << ok << QString();
    *row("TOTP ignores a stray counter")
        << payloadOf({ entry(demoSecret, u"alice", u"GitHub", 1, 1, 2, 99) })
        << account(u"GitHub"_s, u"alice"_s) << ok << QString();
    *row("no issuer: name split on its first colon")
        << payloadOf({ entry(demoSecret, u"GitHub:alice:work") })
        << account(u"GitHub"_s, u"alice:work"_s) << ok << QString();
    *row("no issuer: spaces around the colon are dropped")
        << payloadOf({ entry(demoSecret, u" GitHub : alice ") }) << account(u"GitHub"_s, u"alice"_s)
        << ok << QString();
    *row("no issuer, no colon: the name is the account")
        << payloadOf({ entry(demoSecret, u"alice@example.com") })
        << account(QString(), u"alice@example.com"_s) << ok << QString();
    *row("issuer repeated at the start of the name is stripped")
        << payloadOf({ entry(demoSecret, u"GitHub:alice", u"GitHub") })
        << account(u"GitHub"_s, u"alice"_s) << ok << QString();
    *row("issuer differing from the name's prefix leaves the name whole")
        << payloadOf({ entry(demoSecret, u"Work:alice", u"GitHub") })
        << account(u"GitHub"_s, u"Work:alice"_s) << ok << QString();
    *row("UTF-8 issuer and name") << payloadOf(
        { entry(demoSecret, u"Z\u00fcrich", u"\u6771\u4eac") })
                                  << account(u"\u6771\u4eac"_s, u"Z\u00fcrich"_s) << ok
                                  << QString();

    *row("a nameless account takes its issuer's name")
        << payloadOf({ entry(demoSecret, u"", u"GitHub") }) << account(u"GitHub"_s, u"GitHub"_s)
        << ok << QString();
    *row("an account with no name and no issuer is still named")
        << payloadOf({ entry(demoSecret, u"", u"") }) << account(QString(), u"Unnamed account"_s)
        << ok << QString();

    *row("MD5 is refused, naming the account")
        << payloadOf({ entry(demoSecret, u"alice", u"GitHub", 4) }) << none
        << ErrorCode::MigrationUnsupported << u"GitHub (alice)"_s;
    *row("one MD5 account fails the whole batch")
        << payloadOf(
               { entry(demoSecret, u"bob", u"Mail"), entry(demoSecret, u"alice", u"GitHub", 4) })
        << none << ErrorCode::MigrationUnsupported << u"GitHub (alice)"_s;
    *row("unknown algorithm is refused")
        << payloadOf({ entry(demoSecret, u"alice", u"GitHub", 9) }) << none
        << ErrorCode::MigrationUnsupported << u"GitHub (alice)"_s;
    *row("unknown digit count is refused")
        << payloadOf({ entry(demoSecret, u"alice", u"GitHub", 1, 3) }) << none
        << ErrorCode::MigrationUnsupported << u"GitHub (alice)"_s;
    *row("unknown type is refused")
        << payloadOf({ entry(demoSecret, u"alice", u"GitHub", 1, 1, 3) }) << none
        << ErrorCode::MigrationUnsupported << u"GitHub (alice)"_s;
    *row("empty secret is refused, naming the account")
        << payloadOf({ entry({}, u"alice", u"GitHub") }) << none << ErrorCode::MigrationData
        << u"GitHub (alice)"_s;
    *row("negative HOTP counter is damaged data")
        << payloadOf({ entry(demoSecret, u"alice", u"GitHub", 1, 1, 1, -5) }) << none
        << ErrorCode::MigrationData << u"GitHub (alice)"_s;
    *row("a payload without accounts is damaged data")
        << payloadOf({}) << none << ErrorCode::MigrationData << u"damaged"_s;
    *row("a truncated payload is damaged data")
        << payloadOf({ entry(demoSecret, u"alice", u"GitHub") }).chopped(3) << none
        << ErrorCode::MigrationData << u"damaged"_s;
    *row("invalid UTF-8 in a name is damaged data")
        << payloadOf({ Wire().bytes(1, demoSecret).bytes(2, "\xff\xfe"_ba) }) << none
        << ErrorCode::MigrationData << u"damaged"_s;
}

void tst_MigrationPayload::decodeWire()
{
    QFETCH(QByteArray, payload);
    QFETCH(OtpParameters, expected);
    QFETCH(ErrorCode, code);
    QFETCH(QString, messageNames);

    const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(migrationUri(payload));
    if (!messageNames.isEmpty()) {
        QVERIFY(!batch);
        QCOMPARE(int(batch.error().code), int(code));
        QVERIFY2(batch.error().message.contains(messageNames), qPrintable(batch.error().message));
        return;
    }
    QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().message));
    QCOMPARE(batch->accounts.size(), 1);
    QVERIFY(batch->accounts.first().validate());
    compareAccount(batch->accounts.first(), expected);
}

void tst_MigrationPayload::uriForms_data()
{
    QTest::addColumn<QString>("uri");
    // Chosen so that its Base64 holds '+', '/' and padding, which the rows below spell out.
    const QByteArray payload
        = payloadOf({ entry("\x01\x02\xfb\xef\xbe\xff\xff\xff"_ba, u"alice", u"GitHub") });
    const QString b64 = QString::fromLatin1(payload.toBase64());
    if (!b64.contains(u'+') || !b64.contains(u'/') || !b64.endsWith(u'='))
        qFatal("uriForms_data: the payload no longer exercises '+', '/' and '='");
    QString unpadded = b64;
    while (unpadded.endsWith(u'='))
        unpadded.chop(1);
    const QString prefix = uriPrefix.toString();
    const QString percent = QString::fromLatin1(payload.toBase64().toPercentEncoding());

    QTest::newRow("percent-encoded +, / and =") << prefix + percent;
    QString lowerEscapes = percent;
    for (qsizetype i = lowerEscapes.indexOf(u'%'); i >= 0; i = lowerEscapes.indexOf(u'%', i + 1))
        lowerEscapes.replace(i + 1, 2, lowerEscapes.mid(i + 1, 2).toLower());
    QTest::newRow("lower-case percent escapes") << prefix + lowerEscapes;
    QTest::newRow("raw +, / and = left in the URI") << prefix + b64;
    QTest::newRow("URL-safe alphabet without padding") << prefix
            + QString::fromLatin1(payload.toBase64(QByteArray::Base64UrlEncoding
                                                   | QByteArray::OmitTrailingEquals));
    QTest::newRow("padding left out") << prefix + unpadded;
    QTest::newRow("'+' turned into a space by a form decoder")
        << prefix + QString(b64).replace(u'+', u' ');
    QTest::newRow("'+' turned into %20") << prefix + QString(b64).replace(u"+"_s, u"%20"_s);
    QTest::newRow("upper-case scheme and host") << u"OTPAUTH-MIGRATION://OFFLINE?data="_s + percent;
    QTest::newRow("slash after the host") << u"otpauth-migration://offline/?data="_s + percent;
    QTest::newRow("whitespace around the URI, as read from a file")
        << u"  "_s + prefix + percent + u"\r\n"_s;
    QTest::newRow("other parameters around data")
        << u"otpauth-migration://offline?x=1&data="_s + percent + u"&y=2"_s;
}

void tst_MigrationPayload::uriForms()
{
    QFETCH(QString, uri);
    const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(uri);
    QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().message));
    QCOMPARE(batch->accounts.size(), 1);
    OtpParameters expected = account(u"GitHub"_s, u"alice"_s);
    expected.secret = "\x01\x02\xfb\xef\xbe\xff\xff\xff"_ba;
    compareAccount(batch->accounts.first(), expected);
}

void tst_MigrationPayload::rejectedUris_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<ErrorCode>("code");
    const QString good = QString::fromLatin1(payloadOf({ entry(demoSecret, u"alice") }).toBase64());
    QTest::newRow("empty text") << QString() << ErrorCode::MigrationPrefix;
    QTest::newRow("an otpauth URI is not an export")
        << u"otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP"_s << ErrorCode::MigrationPrefix;
    QTest::newRow("wrong host") << u"otpauth-migration://online?data="_s + good
                                << ErrorCode::MigrationPrefix;
    QTest::newRow("no query") << u"otpauth-migration://offline"_s << ErrorCode::MigrationPrefix;
    QTest::newRow("no data parameter")
        << u"otpauth-migration://offline?other="_s + good << ErrorCode::MigrationPrefix;
    QTest::newRow("empty data") << u"otpauth-migration://offline?data="_s
                                << ErrorCode::MigrationPrefix;
    QTest::newRow("data with characters outside Base64")
        << u"otpauth-migration://offline?data=ab*cd"_s << ErrorCode::MigrationData;
    QTest::newRow("padding inside the data")
        << u"otpauth-migration://offline?data=ab=cd"_s << ErrorCode::MigrationData;
    QTest::newRow("Base64 one character too long")
        << u"otpauth-migration://offline?data=abcde"_s << ErrorCode::MigrationData;
    QTest::newRow("broken percent escape")
        << u"otpauth-migration://offline?data=ab%2"_s << ErrorCode::MigrationData;
    QTest::newRow("non-ASCII in the data")
        << u"otpauth-migration://offline?data=ab\u00e9d"_s << ErrorCode::MigrationData;
    QTest::newRow("oversized data")
        << u"otpauth-migration://offline?data="_s + QString(200 * 1024, u'A')
        << ErrorCode::MigrationData;
}

void tst_MigrationPayload::rejectedUris()
{
    QFETCH(QString, uri);
    QFETCH(ErrorCode, code);
    const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(uri);
    QVERIFY(!batch);
    QCOMPARE(int(batch.error().code), int(code));
    QVERIFY(!batch.error().message.isEmpty());
}

void tst_MigrationPayload::batchFieldsAreCarried()
{
    Wire w;
    w.message(1, entry(demoSecret, u"alice")).varint(2, 1).varint(3, 3).varint(4, 2);
    w.varint(5, -123456789); // Google's batch ids are often negative: a ten-byte varint
    const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(migrationUri(w.data()));
    QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().message));
    QCOMPARE(batch->version, 1);
    QCOMPARE(batch->batchSize, 3);
    QCOMPARE(batch->batchIndex, 2);
    QCOMPARE(batch->batchId, -123456789);
}

void tst_MigrationPayload::roundTrip_data()
{
    QTest::addColumn<int>("accounts");
    QTest::addColumn<int>("uris");
    QTest::newRow("1 account makes 1 URI") << 1 << 1;
    QTest::newRow("10 accounts fill exactly 1 URI") << 10 << 1;
    QTest::newRow("11 accounts spill into 2 URIs") << 11 << 2;
    QTest::newRow("25 accounts make 3 URIs") << 25 << 3;
}

void tst_MigrationPayload::roundTrip()
{
    QFETCH(int, accounts);
    QFETCH(int, uris);
    const QList<OtpParameters> input = variedAccounts(accounts);
    const Result<QStringList> encoded = MigrationPayload::encode(input);
    QVERIFY2(encoded, qPrintable(encoded ? QString() : encoded.error().message));
    QCOMPARE(encoded->size(), uris);

    QList<OtpParameters> output;
    std::optional<int> batchId;
    for (qsizetype i = 0; i < encoded->size(); ++i) {
        const QString &uri = encoded->at(i);
        // What a phone's scanner does with it: a strict URI parse, then the data parameter.
        const QUrl url(uri, QUrl::StrictMode);
        QVERIFY2(url.isValid(), qPrintable(url.errorString()));
        QCOMPARE(url.scheme(), u"otpauth-migration"_s);
        QCOMPARE(url.host(), u"offline"_s);
        const QString data = QUrlQuery(url).queryItemValue(u"data"_s, QUrl::FullyDecoded);
        QVERIFY(QByteArray::fromBase64Encoding(data.toLatin1(),
                                               QByteArray::AbortOnBase64DecodingErrors));
        QVERIFY2(!uri.mid(uriPrefix.size()).contains(QRegularExpression(u"[+/=]"_s)),
                 "Base64 '+', '/' and '=' must be percent-encoded");

        const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(uri);
        QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().message));
        QCOMPARE(batch->version, 1);
        QCOMPARE(batch->batchSize, uris);
        QCOMPARE(batch->batchIndex, int(i));
        if (batchId)
            QCOMPARE(batch->batchId, *batchId);
        batchId = batch->batchId;
        QVERIFY(batch->accounts.size() <= MigrationPayload::accountsPerBatch);
        output.append(batch->accounts);
    }
    QCOMPARE(output.size(), input.size());
    for (qsizetype i = 0; i < input.size(); ++i) {
        compareAccount(output[i], input[i]);
        if (QTest::currentTestFailed())
            return;
    }
}

void tst_MigrationPayload::batchIdIsRandom()
{
    // Two exports with the same content must not share an id (a 2^-32 chance of a false alarm).
    const QList<OtpParameters> accounts = variedAccounts(2);
    const auto first = MigrationPayload::encode(accounts);
    const auto second = MigrationPayload::encode(accounts);
    QVERIFY(first && second);
    const auto a = MigrationPayload::decode(first->first());
    const auto b = MigrationPayload::decode(second->first());
    QVERIFY(a && b);
    QVERIFY(a->batchId != b->batchId);
}

void tst_MigrationPayload::encodeWritesGoogleFields()
{
    // Read back with the test's own wire reader: a round trip alone would not notice swapped
    // fields or wrong enum numbers, which Google Authenticator would.
    const OtpParameters input
        = account(u"GitHub"_s, u"alice"_s, OtpType::Hotp, HashAlgorithm::Sha256, 8, 42);
    const Result<QStringList> encoded = MigrationPayload::encode({ input });
    QVERIFY(encoded);
    QCOMPARE(encoded->size(), 1);
    const QByteArray bytes = QByteArray::fromBase64(
        QByteArray::fromPercentEncoding(encoded->first().mid(uriPrefix.size()).toLatin1()));
    const auto top = readWire(bytes);
    QVERIFY(top);
    QHash<int, WireField> topFields;
    QList<QByteArray> entries;
    for (const WireField &f : *top) {
        if (f.number == 1)
            entries.append(f.bytes);
        else
            topFields.insert(f.number, f);
    }
    QCOMPARE(entries.size(), 1);
    QCOMPARE(topFields.value(2).varint, quint64(1)); // version
    QCOMPARE(topFields.value(3).varint, quint64(1)); // batch_size
    QCOMPARE(topFields.value(4).varint, quint64(0)); // batch_index
    QVERIFY(topFields.contains(5)); // batch_id

    const auto fields = readWire(entries.first());
    QVERIFY(fields);
    QHash<int, WireField> e;
    for (const WireField &f : *fields)
        e.insert(f.number, f);
    QCOMPARE(e.value(1).bytes, demoSecret);
    QCOMPARE(e.value(2).bytes, "alice"_ba);
    QCOMPARE(e.value(3).bytes, "GitHub"_ba);
    QCOMPARE(e.value(4).varint, quint64(2)); // ALGORITHM_SHA256
    QCOMPARE(e.value(5).varint, quint64(2)); // DIGIT_COUNT_EIGHT
    QCOMPARE(e.value(6).varint, quint64(1)); // OTP_TYPE_HOTP
    QCOMPARE(e.value(7).varint, quint64(42));
}

void tst_MigrationPayload::encodeKeepsAwkwardNames_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("name");
    QTest::newRow("Zürich") << u"Bank"_s << u"Z\u00fcrich"_s;
    QTest::newRow("東京") << u"\u6771\u4eac"_s << u"\u6771\u4eac taro"_s;
    QTest::newRow("outside the BMP") << u"Vault \U0001F510"_s << u"\U0001F600@example.com"_s;
    QTest::newRow("no issuer, colon in the account") << QString() << u"alice:work"_s;
    QTest::newRow("account starting with the issuer and a colon")
        << u"GitHub"_s << u"GitHub:alice"_s;
    QTest::newRow("no issuer, no colon") << QString() << u"alice"_s;
    QTest::newRow("a leading U+FEFF is part of the name, not a byte-order mark")
        << u"\uFEFFBank"_s << u"\uFEFFalice"_s;
}

void tst_MigrationPayload::encodeKeepsAwkwardNames()
{
    QFETCH(QString, issuer);
    QFETCH(QString, name);
    const OtpParameters input = account(issuer, name);
    const Result<QStringList> encoded = MigrationPayload::encode({ input });
    QVERIFY2(encoded, qPrintable(encoded ? QString() : encoded.error().message));
    const Result<MigrationPayload::Batch> batch = MigrationPayload::decode(encoded->first());
    QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().message));
    QCOMPARE(batch->accounts.size(), 1);
    compareAccount(batch->accounts.first(), input);
}

void tst_MigrationPayload::encodeRefuses_data()
{
    QTest::addColumn<OtpParameters>("refused");
    QTest::addColumn<ErrorCode>("code");
    OtpParameters steam = account(u"Steam"_s, u"gabe"_s, OtpType::Steam);
    steam.digits = OtpParameters::steamDigits;
    OtpParameters period45 = account(u"Corp"_s, u"alice"_s);
    period45.period = 45;
    OtpParameters emptySecret = account(u"Corp"_s, u"alice"_s);
    emptySecret.secret.clear();
    QTest::newRow("Steam") << steam << ErrorCode::MigrationUnsupported;
    QTest::newRow("a 45 s period") << period45 << ErrorCode::MigrationUnsupported;
    QTest::newRow("7 digits") << account(u"Corp"_s, u"alice"_s, OtpType::Totp, HashAlgorithm::Sha1,
                                         7)
                              << ErrorCode::MigrationUnsupported;
    QTest::newRow("HOTP with 10 digits")
        << account(u"Corp"_s, u"alice"_s, OtpType::Hotp, HashAlgorithm::Sha1, 10)
        << ErrorCode::MigrationUnsupported;
    QTest::newRow("a counter beyond int64")
        << account(u"Corp"_s, u"alice"_s, OtpType::Hotp, HashAlgorithm::Sha1, 6, ~quint64(0))
        << ErrorCode::MigrationUnsupported;
    QTest::newRow("an empty secret") << emptySecret << ErrorCode::UriSecretMissing;
}

void tst_MigrationPayload::encodeRefuses()
{
    QFETCH(OtpParameters, refused);
    QFETCH(ErrorCode, code);
    // The refused account sits among good ones: the whole export fails, naming it.
    QList<OtpParameters> accounts = variedAccounts(12);
    accounts.insert(11, refused);
    const Result<QStringList> encoded = MigrationPayload::encode(accounts);
    QVERIFY(!encoded);
    QCOMPARE(int(encoded.error().code), int(code));
    const QString named = refused.issuer + u" ("_s + refused.account + u')';
    QVERIFY2(encoded.error().message.contains(named), qPrintable(encoded.error().message));
}

void tst_MigrationPayload::encodeNothing()
{
    const Result<QStringList> encoded = MigrationPayload::encode({});
    QVERIFY(encoded);
    QVERIFY(encoded->isEmpty());
}

QTEST_GUILESS_MAIN(tst_MigrationPayload)
#include "tst_migrationpayload.moc"
