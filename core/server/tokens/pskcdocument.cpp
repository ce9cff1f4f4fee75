#include "server/tokens/pskcdocument.h"

#include <QDateTime>
#include <QXmlStreamReader>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

// Bounds for hostile files: a real key package has a few dozen elements and short texts.
constexpr int maxDepth = 32;
constexpr qsizetype maxElementsPerPart = 10'000;
constexpr qsizetype maxTextLength = 64 * 1024;
constexpr qsizetype maxNameLength = 256;
constexpr int maxIterations = 10'000'000; // what crypto's pbkdf2() accepts

const QString pskcNamespace = u"urn:ietf:params:xml:ns:keyprov:pskc"_s;

QString quoted(QStringView value, qsizetype limit = 60)
{
    return PskcDocument::quoted(value, limit);
}

Error formatError(const QString &message)
{
    return Error { ErrorCode::TokenFileFormat, message };
}

Error unsupported(const QString &message)
{
    return Error { ErrorCode::TokenFileUnsupported, message };
}

// The part of an algorithm URI after '#', lower-cased: "aes128-cbc" from the xmlenc URI.
QString fragmentOf(const QString &uri)
{
    const qsizetype hash = uri.lastIndexOf(u'#');
    return (hash < 0 ? uri : uri.sliced(hash + 1)).trimmed().toLower();
}

// One element with what is inside it, read from the stream. The file is read one top-level
// part (a KeyPackage, the EncryptionKey, ...) at a time, so memory stays bounded.
struct Node
{
    QString name; // local name: prefixes differ between files, and RFC 6030's own figure 7
                  // puts the PBKDF2 parameters in no namespace at all
    QList<std::pair<QString, QString>> attributes;
    QString text;
    std::vector<Node> children;

    const Node *child(QStringView childName) const
    {
        for (const Node &node : children) {
            if (node.name == childName)
                return &node;
        }
        return nullptr;
    }
    qsizetype count(QStringView childName) const
    {
        qsizetype n = 0;
        for (const Node &node : children)
            n += node.name == childName;
        return n;
    }
    std::optional<QString> attribute(QStringView attributeName) const
    {
        for (const auto &[key, value] : attributes) {
            if (key == attributeName)
                return value;
        }
        return std::nullopt;
    }
    QString childText(QStringView childName) const
    {
        const Node *node = child(childName);
        return node ? node->text.trimmed() : QString();
    }
};

class XmlInput final
{
public:
    explicit XmlInput(const QByteArray &data)
        : m_reader(data)
    {
    }

    QXmlStreamReader &reader() { return m_reader; }

    Error xmlError() const
    {
        return formatError(u"The file is not well-formed XML (line %1, column %2: %3)."_s
                               .arg(m_reader.lineNumber())
                               .arg(m_reader.columnNumber())
                               .arg(m_reader.errorString().chopped(
                                   m_reader.errorString().endsWith(u'.') ? 1 : 0)));
    }

    // A token that a PSKC file never has and that could expand into more than the file holds.
    static bool isForbidden(QXmlStreamReader::TokenType token)
    {
        return token == QXmlStreamReader::DTD || token == QXmlStreamReader::EntityReference;
    }
    static Error forbidden()
    {
        return formatError(u"The file has a document type declaration or an entity, which PSKC "
                           u"files do not use; it is refused."_s);
    }

    // Reads the element whose StartElement was just read, with everything inside it.
    Result<Node> readElement(int depth = 1)
    {
        if (depth == 1)
            m_elements = 0;
        Node node;
        node.name = m_reader.name().toString();
        for (const QXmlStreamAttribute &attribute : m_reader.attributes())
            node.attributes.append({ attribute.name().toString(), attribute.value().toString() });
        while (!m_reader.atEnd()) {
            const QXmlStreamReader::TokenType token = m_reader.readNext();
            if (isForbidden(token))
                return forbidden();
            switch (token) {
            case QXmlStreamReader::StartElement: {
                if (depth >= maxDepth || ++m_elements > maxElementsPerPart)
                    return formatError(u"The element %1 has more than %2 elements or %3 levels "
                                       u"inside it; a PSKC file has far fewer."_s.arg(node.name)
                                           .arg(maxElementsPerPart)
                                           .arg(maxDepth));
                Result<Node> child = readElement(depth + 1);
                if (!child)
                    return child.error();
                node.children.push_back(std::move(*child));
                break;
            }
            case QXmlStreamReader::EndElement:
                return node;
            case QXmlStreamReader::Characters:
                if (node.text.size() + m_reader.text().size() > maxTextLength)
                    return formatError(
                        u"The element %1 holds more than %2 characters of text."_s.arg(node.name)
                            .arg(maxTextLength));
                node.text += m_reader.text();
                break;
            case QXmlStreamReader::Invalid:
                return xmlError();
            default:
                break; // comments and processing instructions
            }
        }
        return xmlError();
    }

private:
    QXmlStreamReader m_reader;
    qsizetype m_elements = 0;
};

Result<qint64> integer(const QString &text, const QString &what)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok)
        return formatError(u"%1 must be a whole number, not %2."_s.arg(what, quoted(text)));
    return value;
}

Result<bool> boolean(const QString &text, const QString &what)
{
    const QString value = text.trimmed();
    if (value == u"true" || value == u"1")
        return true;
    if (value == u"false" || value == u"0")
        return false;
    return formatError(u"%1 must be true or false, not %2."_s.arg(what, quoted(text)));
}

Result<void> dateTime(const QString &text, const QString &what)
{
    const QString value = text.trimmed();
    if (!QDateTime::fromString(value, Qt::ISODateWithMs).isValid()
        && !QDateTime::fromString(value, Qt::ISODate).isValid())
        return formatError(
            u"%1 must be a date and time such as 2006-05-01T00:00:00Z, not %2."_s.arg(
                what, quoted(text)));
    return {};
}

Result<QByteArray> base64(const QString &text, const QString &what)
{
    QByteArray compact = text.toLatin1();
    compact.removeIf([](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
    auto decoded = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return formatError(u"%1 is not Base64."_s.arg(what));
    return std::move(decoded.decoded);
}

// The integer-valued attributes of one element that RFC 6030 types as integers.
Result<void> checkIntegers(const Node &node, std::initializer_list<QStringView> names,
                           const QString &where)
{
    for (QStringView name : names) {
        if (const auto value = node.attribute(name)) {
            const Result<qint64> number
                = integer(*value, u"%1 %2 %3"_s.arg(where, node.name, name));
            if (!number)
                return number.error();
        }
    }
    return {};
}

class Parser final
{
public:
    explicit Parser(PskcDocument &document)
        : m_document(document)
    {
    }

    Result<void> encryptionKey(const Node &node)
    {
        if (m_seenEncryptionKey)
            return formatError(u"The file has more than one EncryptionKey."_s);
        m_seenEncryptionKey = true;
        if (const Node *name = node.child(u"KeyName")) {
            m_document.protection = PskcDocument::Protection::PreSharedKey;
            m_document.keyName = name->text.trimmed().left(maxNameLength);
            return {};
        }
        if (const Node *derived = node.child(u"DerivedKey"))
            return derivedKey(*derived);
        if (node.child(u"X509Data") || node.child(u"KeyValue")) {
            m_document.protection = PskcDocument::Protection::Asymmetric;
            return {};
        }
        if (node.children.empty()) {
            m_document.protection = PskcDocument::Protection::PreSharedKey;
            return {};
        }
        return unsupported(u"The file's EncryptionKey is a %1, which Twofold does not read; it "
                           u"reads pre-shared keys (KeyName) and password-derived keys "
                           u"(DerivedKey)."_s.arg(node.children.front().name));
    }

    Result<void> macMethod(const Node &node)
    {
        if (m_document.mac)
            return formatError(u"The file has more than one MACMethod."_s);
        const QString algorithm = node.attribute(u"Algorithm").value_or(QString()).trimmed();
        if (algorithm.isEmpty())
            return formatError(u"The file's MACMethod names no algorithm."_s);
        PskcDocument::MacMethod mac;
        const QString fragment = fragmentOf(algorithm);
        if (fragment == u"hmac-sha1")
            mac.algorithm = HashAlgorithm::Sha1;
        else if (fragment == u"hmac-sha256")
            mac.algorithm = HashAlgorithm::Sha256;
        else if (fragment == u"hmac-sha512")
            mac.algorithm = HashAlgorithm::Sha512;
        else
            return unsupported(
                u"The file's MACs use %1, which Twofold cannot check; it checks "
                u"HMAC-SHA1, HMAC-SHA256 and HMAC-SHA512."_s.arg(quoted(algorithm, 100)));
        if (const Node *key = node.child(u"MACKey")) {
            Result<PskcDocument::Encrypted> encrypted = this->encrypted(*key, u"the MAC key"_s);
            if (!encrypted)
                return encrypted.error();
            mac.key = std::move(*encrypted);
        }
        m_document.mac = std::move(mac);
        return {};
    }

    Result<void> keyPackage(const Node &node, int number)
    {
        PskcDocument::Key key;
        key.number = number;
        key.label = u"key %1"_s.arg(number);
        if (const Node *device = node.child(u"DeviceInfo")) {
            key.serial = device->childText(u"SerialNo");
            key.manufacturer = device->childText(u"Manufacturer");
            key.model = device->childText(u"Model");
            if (!key.serial.isEmpty() && key.serial.size() <= maxNameLength)
                key.label += u" (serial %1)"_s.arg(key.serial);
            if (const Result<void> dates = checkDates(*device, key.label); !dates)
                return dates;
        }
        const qsizetype keyCount = node.count(u"Key");
        if (keyCount > 1)
            return formatError(
                u"Key package %1 holds %2 keys; PSKC allows one."_s.arg(number).arg(keyCount));
        if (keyCount == 0) {
            key.hasKey = false;
        } else if (const Result<void> read = this->key(*node.child(u"Key"), key); !read) {
            return read;
        }
        const struct
        {
            const QString &value;
            const char16_t *name;
        } names[] { { key.serial, u"SerialNo" },
                    { key.manufacturer, u"Manufacturer" },
                    { key.model, u"Model" },
                    { key.issuer, u"Issuer" },
                    { key.id, u"Id" } };
        for (const auto &name : names) {
            if (name.value.size() > maxNameLength)
                return formatError(u"The %1 of %2 is longer than %3 characters."_s
                                       .arg(QString::fromUtf16(name.name), key.label)
                                       .arg(maxNameLength));
        }
        m_document.keys.append(std::move(key));
        return {};
    }

private:
    Result<void> derivedKey(const Node &node)
    {
        m_document.protection = PskcDocument::Protection::DerivedKey;
        m_document.keyName = node.childText(u"MasterKeyName").left(maxNameLength);
        const Node *method = node.child(u"KeyDerivationMethod");
        if (!method)
            return formatError(u"The password-derived key (DerivedKey) has no "
                               u"KeyDerivationMethod."_s);
        const QString algorithm = method->attribute(u"Algorithm").value_or(QString());
        if (fragmentOf(algorithm) != u"pbkdf2")
            return unsupported(u"The file's key is derived from the password with %1; Twofold "
                               u"supports PBKDF2."_s.arg(quoted(algorithm, 100)));
        const Node *params = method->child(u"PBKDF2-params");
        if (!params)
            return formatError(u"The PBKDF2 key derivation is incomplete: it has no "
                               u"PBKDF2-params (salt, iteration count)."_s);
        PskcDocument::Pbkdf2 pbkdf2;
        const Node *salt = params->child(u"Salt");
        if (salt && salt->child(u"OtherSource"))
            return unsupported(u"The PBKDF2 salt comes from elsewhere (OtherSource); Twofold "
                               u"reads a salt given in the file."_s);
        const Node *specified = salt ? salt->child(u"Specified") : nullptr;
        const Node *iterations = params->child(u"IterationCount");
        if (!specified || !iterations)
            return formatError(u"The PBKDF2 key derivation is incomplete: it has no %1."_s.arg(
                specified ? u"IterationCount"_s : u"salt (Salt/Specified)"_s));
        Result<QByteArray> saltBytes = base64(specified->text, u"The PBKDF2 salt"_s);
        if (!saltBytes)
            return saltBytes.error();
        pbkdf2.salt = std::move(*saltBytes);
        const Result<qint64> count = integer(iterations->text, u"The PBKDF2 IterationCount"_s);
        if (!count)
            return count.error();
        if (*count < 1 || *count > maxIterations)
            return unsupported(
                u"The PBKDF2 IterationCount %1 is outside 1 to %2."_s.arg(*count).arg(
                    maxIterations));
        pbkdf2.iterations = static_cast<int>(*count);
        if (const Node *length = params->child(u"KeyLength")) {
            const Result<qint64> bytes = integer(length->text, u"The PBKDF2 KeyLength"_s);
            if (!bytes)
                return bytes.error();
            if (*bytes != 16 && *bytes != 24 && *bytes != 32)
                return unsupported(u"The PBKDF2 KeyLength is %1 bytes; an AES key has 16, 24 "
                                   u"or 32."_s.arg(*bytes));
            pbkdf2.keyLength = *bytes;
        }
        if (const Node *prf = params->child(u"PRF")) {
            const QString prfAlgorithm = prf->attribute(u"Algorithm").value_or(QString());
            QString name = fragmentOf(prfAlgorithm);
            name.remove(u'-');
            name.remove(u"with"_s);
            if (name.isEmpty() || name == u"hmacsha1")
                pbkdf2.prf = HashAlgorithm::Sha1;
            else if (name == u"hmacsha256")
                pbkdf2.prf = HashAlgorithm::Sha256;
            else if (name == u"hmacsha512")
                pbkdf2.prf = HashAlgorithm::Sha512;
            else
                return unsupported(u"The PBKDF2 PRF %1 is not one Twofold supports (HMAC-SHA1, "
                                   u"HMAC-SHA256, HMAC-SHA512)."_s.arg(quoted(prfAlgorithm, 100)));
        }
        m_document.pbkdf2 = std::move(pbkdf2);
        return {};
    }

    // An element with an EncryptionMethod and a CipherData, as EncryptedValue and MACKey are.
    Result<PskcDocument::Encrypted> encrypted(const Node &node, const QString &what)
    {
        const Node *method = node.child(u"EncryptionMethod");
        if (!method)
            return formatError(u"%1 has no EncryptionMethod: the file does not say how it is "
                               u"encrypted."_s.arg(PskcDocument::capitalised(what)));
        const QString algorithm = method->attribute(u"Algorithm").value_or(QString()).trimmed();
        if (algorithm.isEmpty())
            return formatError(u"The EncryptionMethod of %1 names no algorithm."_s.arg(what));
        PskcDocument::Encrypted result;
        const QString fragment = fragmentOf(algorithm);
        result.algorithmName = fragment;
        static const struct
        {
            const char16_t *fragment;
            PskcDocument::Cipher cipher;
            qsizetype keyLength;
        } known[] {
            { u"aes128-cbc", PskcDocument::Cipher::AesCbc, 16 },
            { u"aes192-cbc", PskcDocument::Cipher::AesCbc, 24 },
            { u"aes256-cbc", PskcDocument::Cipher::AesCbc, 32 },
            { u"kw-aes128", PskcDocument::Cipher::AesKeyWrap, 16 },
            { u"kw-aes192", PskcDocument::Cipher::AesKeyWrap, 24 },
            { u"kw-aes256", PskcDocument::Cipher::AesKeyWrap, 32 },
            { u"rsa-1_5", PskcDocument::Cipher::Asymmetric, 0 },
            { u"rsa_1_5", PskcDocument::Cipher::Asymmetric, 0 }, // as RFC 6030 figure 8 spells it
            { u"rsa-oaep-mgf1p", PskcDocument::Cipher::Asymmetric, 0 },
            { u"rsa-oaep", PskcDocument::Cipher::Asymmetric, 0 },
        };
        bool found = false;
        for (const auto &entry : known) {
            if (fragment == QStringView(entry.fragment)) {
                result.cipher = entry.cipher;
                result.keyLength = entry.keyLength;
                found = true;
                break;
            }
        }
        if (!found)
            return unsupported(u"%1 is encrypted with %2, which Twofold cannot decrypt; it reads "
                               u"AES-CBC (aes128-cbc, aes192-cbc, aes256-cbc) and AES key wrap "
                               u"(kw-aes128, kw-aes192, kw-aes256)."_s.arg(
                                   PskcDocument::capitalised(what), quoted(algorithm, 100)));
        const Node *cipherData = node.child(u"CipherData");
        if (cipherData && cipherData->child(u"CipherReference"))
            return unsupported(u"%1 refers to encrypted data outside the file "
                               u"(CipherReference), which Twofold does not fetch."_s.arg(
                                   PskcDocument::capitalised(what)));
        const Node *value = cipherData ? cipherData->child(u"CipherValue") : nullptr;
        if (!value)
            return formatError(
                u"%1 has no CipherData/CipherValue."_s.arg(PskcDocument::capitalised(what)));
        Result<QByteArray> data = base64(value->text, u"The CipherValue of %1"_s.arg(what));
        if (!data)
            return data.error();
        result.data = std::move(*data);
        return result;
    }

    enum class Kind { Bytes, Integer };

    Result<void> value(const Node *node, Kind kind, const QString &what, PskcDocument::Value &value)
    {
        if (!node)
            return {};
        value.present = true;
        const Node *plain = node->child(u"PlainValue");
        const Node *encrypted = node->child(u"EncryptedValue");
        if (plain && encrypted)
            return formatError(u"%1 has both a PlainValue and an EncryptedValue."_s.arg(
                PskcDocument::capitalised(what)));
        if (!plain && !encrypted)
            return formatError(u"%1 has neither a PlainValue nor an EncryptedValue."_s.arg(
                PskcDocument::capitalised(what)));
        if (plain && kind == Kind::Bytes) {
            Result<QByteArray> bytes = base64(plain->text, u"The PlainValue of %1"_s.arg(what));
            if (!bytes)
                return bytes.error();
            value.bytes = std::move(*bytes);
        } else if (plain) {
            const Result<qint64> number = integer(plain->text, PskcDocument::capitalised(what));
            if (!number)
                return number.error();
            value.number = *number;
        } else {
            Result<PskcDocument::Encrypted> data = this->encrypted(*encrypted, what);
            if (!data)
                return data.error();
            value.encrypted = std::move(*data);
        }
        if (const Node *mac = node->child(u"ValueMAC")) {
            Result<QByteArray> bytes = base64(mac->text, u"The ValueMAC of %1"_s.arg(what));
            if (!bytes)
                return bytes.error();
            value.mac = std::move(*bytes);
        }
        return {};
    }

    Result<void> checkDates(const Node &node, const QString &label)
    {
        for (QStringView name : { u"StartDate", u"ExpiryDate" }) {
            if (const Node *date = node.child(name)) {
                const Result<void> ok = dateTime(date->text, u"The %1 of %2"_s.arg(name, label));
                if (!ok)
                    return ok;
            }
        }
        return {};
    }

    Result<void> key(const Node &node, PskcDocument::Key &key)
    {
        key.id = node.attribute(u"Id").value_or(QString()).trimmed();
        key.algorithm = node.attribute(u"Algorithm").value_or(QString()).trimmed();
        if (key.serial.isEmpty() && !key.id.isEmpty() && key.id.size() <= maxNameLength)
            key.label += u" (Id %1)"_s.arg(key.id);
        const QString &label = key.label;
        const QString where = PskcDocument::capitalised(label) + u':';
        key.issuer = node.childText(u"Issuer");
        key.keyReference = node.childText(u"KeyReference").left(maxNameLength);

        if (const Node *parameters = node.child(u"AlgorithmParameters")) {
            key.suite = parameters->childText(u"Suite");
            if (const Node *challenge = parameters->child(u"ChallengeFormat")) {
                if (const Result<void> ok = checkIntegers(*challenge, { u"Min", u"Max" }, where);
                    !ok)
                    return ok;
                if (const auto digits = challenge->attribute(u"CheckDigits")) {
                    if (const Result<bool> ok = boolean(*digits,
                                                        where
                                                            + u" ChallengeFormat "
                                                              u"CheckDigits"_s);
                        !ok)
                        return ok.error();
                }
            }
            if (const Node *response = parameters->child(u"ResponseFormat")) {
                if (const auto length = response->attribute(u"Length")) {
                    const Result<qint64> digits
                        = integer(*length, where + u" ResponseFormat Length"_s);
                    if (!digits)
                        return digits.error();
                    // Bounded here so it fits an int; OtpParameters::validate() judges it.
                    key.length = static_cast<int>(std::clamp<qint64>(*digits, -1, 1000));
                }
                key.encoding = response->attribute(u"Encoding").value_or(QString()).trimmed();
                if (const auto digits = response->attribute(u"CheckDigits")) {
                    const Result<bool> check
                        = boolean(*digits, where + u" ResponseFormat CheckDigits"_s);
                    if (!check)
                        return check.error();
                    key.checkDigits = *check;
                }
            }
        }

        if (const Node *data = node.child(u"Data")) {
            const struct
            {
                const char16_t *name;
                Kind kind;
                PskcDocument::Value &value;
            } values[] { { u"Secret", Kind::Bytes, key.secret },
                         { u"Counter", Kind::Integer, key.counter },
                         { u"Time", Kind::Integer, key.time },
                         { u"TimeInterval", Kind::Integer, key.timeInterval },
                         { u"TimeDrift", Kind::Integer, key.timeDrift } };
            for (const auto &entry : values) {
                const QString name = QString::fromUtf16(entry.name);
                // "the secret of key 1", as PskcReader names it too
                const QString what
                    = u"the %1 of %2"_s.arg(entry.kind == Kind::Bytes ? u"secret"_s : name, label);
                const Result<void> ok = value(data->child(name), entry.kind, what, entry.value);
                if (!ok)
                    return ok;
            }
            if (key.counter.present && !key.counter.encrypted && key.counter.number < 0)
                return formatError(u"%1 the Counter must be 0 or more."_s.arg(where));
        }

        if (const Node *policy = node.child(u"Policy")) {
            if (const Result<void> ok = checkDates(*policy, label); !ok)
                return ok;
            if (const Node *pin = policy->child(u"PINPolicy")) {
                if (const Result<void> ok = checkIntegers(
                        *pin, { u"MinLength", u"MaxLength", u"MaxFailedAttempts" }, where);
                    !ok)
                    return ok;
                key.pinUsageMode = pin->attribute(u"PINUsageMode").value_or(QString()).trimmed();
            }
            if (const Node *transactions = policy->child(u"NumberOfTransactions")) {
                const Result<qint64> ok
                    = integer(transactions->text, where + u" NumberOfTransactions"_s);
                if (!ok)
                    return ok.error();
            }
        }
        return {};
    }

    PskcDocument &m_document;
    bool m_seenEncryptionKey = false;
};

} // namespace

QString PskcDocument::quoted(QStringView value, qsizetype limit)
{
    const QStringView trimmed = value.trimmed();
    if (trimmed.size() > limit)
        return u"\""_s + trimmed.first(limit) + u"...\""_s;
    return u"\""_s + trimmed + u"\""_s;
}

QString PskcDocument::capitalised(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

bool PskcDocument::needsSymmetricKey() const
{
    bool needed = false;
    forEachEncrypted([&needed](const Key &, const Value &value) {
        needed = needed || value.encrypted->cipher != Cipher::Asymmetric;
    });
    return needed;
}

Result<PskcDocument> PskcDocument::parse(QByteArrayView xml, qsizetype maxFileSize,
                                         qsizetype maxKeys)
{
    if (xml.size() > maxFileSize)
        return formatError(u"The file has %1 bytes; a PSKC file may have at most %2 MiB. Ask the "
                           u"vendor for smaller files."_s.arg(xml.size())
                               .arg(maxFileSize / (1024 * 1024)));
    if (xml.trimmed().isEmpty())
        return formatError(u"The file is empty."_s);

    // The bytes are only read while this function runs, so no copy is needed.
    XmlInput input(QByteArray::fromRawData(xml.data(), xml.size()));
    QXmlStreamReader &reader = input.reader();
    while (!reader.atEnd() && reader.readNext() != QXmlStreamReader::StartElement) {
        if (XmlInput::isForbidden(reader.tokenType()))
            return XmlInput::forbidden();
    }
    if (reader.tokenType() != QXmlStreamReader::StartElement)
        return reader.hasError() ? input.xmlError()
                                 : formatError(u"The file holds no XML element."_s);
    if (reader.name() != u"KeyContainer" || !reader.namespaceUri().startsWith(pskcNamespace)) {
        // Broken XML is the better thing to report, so read on to the end first.
        const QString root = reader.qualifiedName().toString();
        while (!reader.atEnd()) {
            if (XmlInput::isForbidden(reader.readNext()))
                return XmlInput::forbidden();
        }
        if (reader.hasError())
            return input.xmlError();
        return formatError(u"This is not a PSKC file: it is XML, but its root element is %1, "
                           u"not a KeyContainer (RFC 6030)."_s.arg(quoted(root, 60)));
    }
    const QString version = reader.attributes().value(u"Version"_s).toString().trimmed();
    if (version.isEmpty())
        return formatError(u"The KeyContainer has no Version."_s);
    if (version != u"1.0")
        return unsupported(u"This PSKC file has version %1; Twofold reads version 1.0 "
                           u"(RFC 6030)."_s.arg(quoted(version, 20)));

    PskcDocument document;
    Parser parser(document);
    int packages = 0;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (XmlInput::isForbidden(token))
            return XmlInput::forbidden();
        if (token == QXmlStreamReader::EndElement)
            break; // the KeyContainer's
        if (token == QXmlStreamReader::Invalid)
            return input.xmlError();
        if (token != QXmlStreamReader::StartElement)
            continue;
        const Result<Node> node = input.readElement();
        if (!node)
            return node.error();
        Result<void> read;
        if (node->name == u"EncryptionKey") {
            read = parser.encryptionKey(*node);
        } else if (node->name == u"MACMethod") {
            read = parser.macMethod(*node);
        } else if (node->name == u"KeyPackage") {
            if (++packages > maxKeys)
                return formatError(
                    u"The file holds more than %1 key packages; split it."_s.arg(maxKeys));
            read = parser.keyPackage(*node, packages);
        }
        // Anything else (a Signature, extensions) does not change what is imported.
        if (!read)
            return read.error();
    }
    // The rest must be well-formed too: a file cut short or with trailing junk is damaged.
    while (!reader.atEnd()) {
        if (XmlInput::isForbidden(reader.readNext()))
            return XmlInput::forbidden();
    }
    if (reader.hasError())
        return input.xmlError();
    return document;
}

} // namespace twofold::server
