#include "server/tokens/azurecsvreader.h"

#include "otp/base32.h"

#include <QHash>
#include <QStringDecoder>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {

constexpr int columnCount = 6;
constexpr qsizetype maxSecretLength = 128;
constexpr qsizetype maxTextLength = 256;

const QStringList &headerNames()
{
    static const QStringList names { u"upn"_s,           u"serial number"_s, u"secret key"_s,
                                     u"time interval"_s, u"manufacturer"_s,  u"model"_s };
    return names;
}

// A value from the file, quoted for a message and cut short: never used for the secret.
QString quoted(QStringView value, qsizetype limit = 40)
{
    if (value.size() > limit)
        return u"\""_s + value.first(limit) + u"...\""_s;
    return u"\""_s + value + u"\""_s;
}

// One CSV record (RFC 4180), with the line it starts on.
struct Record
{
    qsizetype line = 0;
    QStringList fields;
    QString problem; // why the record could not be split into fields, if it could not

    bool isBlank() const
    {
        for (const QString &field : fields) {
            if (!field.isEmpty())
                return false;
        }
        return problem.isEmpty();
    }
};

// Splits text into records. Lines end in CRLF, LF or a lone CR; quoted fields may hold commas,
// doubled quotes and line breaks. Fields are trimmed: spaces around a value never mean anything
// in this format.
QList<Record> splitRecords(QStringView text)
{
    QList<Record> records;
    Record record;
    record.line = 1;
    QString field;
    qsizetype line = 1;
    bool inQuotes = false;
    bool afterQuote = false;
    bool anything = false; // the record has a character, so it is not the empty last line

    const auto endField = [&] {
        record.fields.append(field.trimmed());
        field.clear();
        afterQuote = false;
    };
    const auto endRecord = [&] {
        endField();
        if (anything)
            records.append(std::move(record));
        record = Record {};
        record.line = line;
        anything = false;
    };
    // Counts a line break at i (CRLF as one); returns how many extra characters it used.
    const auto lineBreakAt = [&text](qsizetype i) -> int {
        if (text[i] == u'\n')
            return 0;
        if (text[i] == u'\r')
            return i + 1 < text.size() && text[i + 1] == u'\n' ? 1 : 0;
        return -1;
    };

    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < text.size() && text[i + 1] == u'"') {
                    field.append(u'"');
                    ++i;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
                continue;
            }
            const int extra = lineBreakAt(i);
            if (extra >= 0) {
                ++line;
                field.append(u'\n');
                i += extra;
                continue;
            }
            field.append(c);
            continue;
        }
        const int extra = lineBreakAt(i);
        if (extra >= 0) {
            i += extra;
            ++line;
            endRecord();
            continue;
        }
        anything = true;
        if (c == u',') {
            endField();
        } else if (c == u'"') {
            if (!afterQuote && field.trimmed().isEmpty()) {
                inQuotes = true;
                field.clear();
            } else if (record.problem.isEmpty()) {
                record.problem = u"a quote (\") in the middle of a field; a field with quotes "
                                 u"must start with one and double the quotes inside"_s;
            }
        } else if (afterQuote) {
            if (!c.isSpace() && record.problem.isEmpty())
                record.problem = u"text after the closing quote of a field"_s;
        } else {
            field.append(c);
        }
    }
    if (inQuotes) {
        record.problem = u"a quoted field is not closed: a quote (\") is missing"_s;
        anything = true;
    }
    endRecord();
    return records;
}

bool hasControlCharacter(QStringView text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

// The first character that Base32 (with the spaces, hyphens and padding people type) does
// not allow, as a 1-based position; 0 when there is none. Only the position goes into a
// message: the characters of a secret never do.
qsizetype firstNonBase32(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        const bool ok = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z')
            || (c >= u'2' && c <= u'7') || c == u'=' || c == u' ' || c == u'-';
        if (!ok)
            return i + 1;
    }
    return 0;
}

class LineErrors final
{
public:
    void add(qsizetype line, const QString &what)
    {
        if (m_lines.isEmpty() || m_lines.back() != line)
            m_lines.append(line);
        if (m_messages.size() < AzureCsvReader::maxListedErrors)
            m_messages.append(u"line %1: %2"_s.arg(line).arg(what));
        else
            ++m_unlisted;
    }
    bool isEmpty() const { return m_messages.isEmpty(); }

    Error error() const
    {
        const qsizetype lines = m_lines.size();
        QString text = lines == 1
            ? u"Nothing was imported: one line of the file is wrong. Fix it and import the "
              u"file again."_s
            : u"Nothing was imported: %1 lines of the file are wrong. Fix them and import the "
              u"file again."_s.arg(lines);
        for (const QString &message : m_messages)
            text += u'\n' + message;
        if (m_unlisted > 0)
            text += u"\n... and %1 more problems."_s.arg(m_unlisted);
        return Error { ErrorCode::TokenFileFormat, text };
    }

private:
    QStringList m_messages;
    QList<qsizetype> m_lines; // distinct, in order
    qsizetype m_unlisted = 0;
};

// Checks one data record; the token is only meaningful when nothing was added to errors.
OathToken readToken(const Record &record, LineErrors &errors)
{
    const qsizetype line = record.line;
    OathToken token;
    token.upn = record.fields[0];
    token.serial = record.fields[1];
    const QString &secret = record.fields[2];
    const QString &interval = record.fields[3];
    token.manufacturer = record.fields[4];
    token.model = record.fields[5];

    if (token.serial.isEmpty())
        errors.add(line, u"the serial number is empty"_s);
    const struct
    {
        const QString &value;
        QString name;
    } texts[] { { token.upn, u"upn"_s },
                { token.serial, u"serial number"_s },
                { token.manufacturer, u"manufacturer"_s },
                { token.model, u"model"_s } };
    for (const auto &text : texts) {
        if (text.value.size() > maxTextLength)
            errors.add(line,
                       u"the %1 is longer than %2 characters"_s.arg(text.name).arg(maxTextLength));
    }
    if (hasControlCharacter(token.upn) || hasControlCharacter(token.serial))
        errors.add(line,
                   u"the upn or serial number holds a line break or another control "
                   u"character"_s);

    token.otp.type = OtpType::Totp;
    token.otp.algorithm = HashAlgorithm::Sha1;
    token.otp.digits = 6;
    token.otp.account = token.serial;
    if (secret.isEmpty()) {
        errors.add(line, u"the secret key is empty"_s);
    } else if (secret.size() > maxSecretLength) {
        errors.add(line,
                   u"the secret key has %1 characters; at most %2 are allowed"_s.arg(secret.size())
                       .arg(maxSecretLength));
    } else if (const qsizetype position = firstNonBase32(secret); position > 0) {
        errors.add(line,
                   u"the secret key is not Base32: the character at position %1 is not a letter "
                   u"A-Z or a digit 2-7"_s.arg(position));
    } else {
        Result<QByteArray> bytes = Base32::decode(secret);
        if (!bytes)
            errors.add(line, u"the secret key is not Base32: "_s + bytes.error().message);
        else if (bytes->isEmpty())
            errors.add(line, u"the secret key is empty"_s);
        else
            token.otp.secret = std::move(*bytes);
    }
    if (interval == u"30" || interval == u"60") {
        token.otp.period = interval.toInt();
    } else {
        errors.add(line,
                   interval.isEmpty()
                       ? u"the time interval is empty; it must be 30 or 60 (seconds)"_s
                       : u"the time interval must be 30 or 60 (seconds), not %1"_s.arg(
                           quoted(interval, 20)));
    }
    return token;
}

} // namespace

Result<TokenFile> AzureCsvReader::read(QByteArrayView csv)
{
    if (csv.size() > maxFileSize)
        return Error { ErrorCode::TokenFileFormat,
                       u"The file has %1 bytes; a token file may have at most %2 MiB. Split it "
                       u"into smaller files."_s.arg(csv.size())
                           .arg(maxFileSize / (1024 * 1024)) };

    QStringDecoder decoder(QStringConverter::Utf8);
    QString text = decoder(csv);
    if (decoder.hasError()) {
        // Name the lines, so that the person can find the character that was not UTF-8.
        LineErrors errors;
        qsizetype line = 1;
        for (QByteArrayView rest = csv; !rest.isEmpty(); ++line) {
            const qsizetype end = rest.indexOf('\n');
            const QByteArrayView bytes = end < 0 ? rest : rest.first(end);
            rest = end < 0 ? QByteArrayView() : rest.sliced(end + 1);
            QStringDecoder lineDecoder(QStringConverter::Utf8);
            const QString unused = lineDecoder(bytes);
            if (lineDecoder.hasError())
                errors.add(line, u"is not UTF-8 text; save the file as \"CSV UTF-8\""_s);
        }
        return errors.error();
    }
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);

    const QList<Record> records = splitRecords(text);
    qsizetype first = 0;
    while (first < records.size() && records[first].isBlank())
        ++first;
    if (first == records.size())
        return Error { ErrorCode::TokenFileFormat,
                       u"The file is empty. Its first line must be the header \"%1\", then one "
                       u"line per token."_s.arg(headerNames().join(u',')) };

    LineErrors errors;
    const Record &header = records[first];
    bool headerOk = header.problem.isEmpty() && header.fields.size() == columnCount;
    for (qsizetype i = 0; headerOk && i < columnCount; ++i)
        headerOk = header.fields[i].compare(headerNames()[i], Qt::CaseInsensitive) == 0;
    if (!headerOk)
        errors.add(header.line,
                   u"the first line must be the header \"%1\""_s.arg(headerNames().join(u',')));

    TokenFile file;
    QHash<QString, qsizetype> serialLines; // case-folded serial -> its first line
    for (qsizetype i = first + 1; i < records.size(); ++i) {
        const Record &record = records[i];
        if (record.isBlank())
            continue;
        if (!record.problem.isEmpty()) {
            errors.add(record.line, record.problem);
            continue;
        }
        if (record.fields.size() != columnCount) {
            errors.add(record.line,
                       u"it has %1 columns; every line needs %2: %3"_s.arg(record.fields.size())
                           .arg(columnCount)
                           .arg(headerNames().join(u", "_s)));
            continue;
        }
        OathToken token = readToken(record, errors);
        if (!token.serial.isEmpty()) {
            const QString key = token.serial.toCaseFolded();
            const auto seen = serialLines.constFind(key);
            if (seen != serialLines.cend())
                errors.add(record.line,
                           u"serial number %1 is already on line %2"_s.arg(quoted(token.serial))
                               .arg(*seen));
            else
                serialLines.insert(key, record.line);
        }
        if (errors.isEmpty())
            file.tokens.append(std::move(token));
    }
    if (!errors.isEmpty())
        return errors.error();
    if (file.tokens.isEmpty())
        return Error { ErrorCode::TokenFileFormat,
                       u"The file has a header but no tokens: add one line per token under it."_s };
    return file;
}

} // namespace twofold::server
