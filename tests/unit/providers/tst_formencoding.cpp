#include "server/providers/formencoding.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold::server;

// Expected bytes follow RFC 3986's unreserved set and the WHATWG URL standard's
// application/x-www-form-urlencoded parser.
class tst_FormEncoding final : public QObject
{
    Q_OBJECT

private slots:
    void encode_data();
    void encode();
    void decode_data();
    void decode();
    void roundTrip();
};

void tst_FormEncoding::encode_data()
{
    QTest::addColumn<FormFields>("fields");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plus in a phone number is escaped")
        << FormFields { { u"To"_s, u"+15551234567"_s } } << "To=%2B15551234567"_ba;
    QTest::newRow("space, ampersand and equals are escaped")
        << FormFields { { u"Body"_s, u"a b&c=d"_s } } << "Body=a%20b%26c%3Dd"_ba;
    QTest::newRow("utf-8 bytes are escaped")
        << FormFields { { u"B"_s, u"é€"_s } } << "B=%C3%A9%E2%82%AC"_ba;
    QTest::newRow("unreserved characters stay")
        << FormFields { { u"k"_s, u"Az09-._~"_s } } << "k=Az09-._~"_ba;
    QTest::newRow("fields joined in order")
        << FormFields { { u"To"_s, u"1"_s }, { u"From"_s, u"2"_s }, { u"Body"_s, QString() } }
        << "To=1&From=2&Body="_ba;
    QTest::newRow("xml is escaped")
        << FormFields { { u"Twiml"_s, u"<Say>Hi</Say>"_s } } << "Twiml=%3CSay%3EHi%3C%2FSay%3E"_ba;
    QTest::newRow("no fields") << FormFields() << QByteArray();
}

void tst_FormEncoding::encode()
{
    QFETCH(FormFields, fields);
    QFETCH(QByteArray, expected);
    QCOMPARE(encodeForm(fields), expected);
}

void tst_FormEncoding::decode_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<FormFields>("expected");
    QTest::newRow("plus is a space") << "Body=a+b"_ba << FormFields { { u"Body"_s, u"a b"_s } };
    QTest::newRow("escaped plus is a plus")
        << "From=%2B15005550006"_ba << FormFields { { u"From"_s, u"+15005550006"_s } };
    QTest::newRow("utf-8 escapes") << "B=%C3%A9"_ba << FormFields { { u"B"_s, u"é"_s } };
    QTest::newRow("order and duplicates kept")
        << "b=2&a=1&b=3"_ba
        << FormFields { { u"b"_s, u"2"_s }, { u"a"_s, u"1"_s }, { u"b"_s, u"3"_s } };
    QTest::newRow("empty pieces skipped") << "&&a=1&"_ba << FormFields { { u"a"_s, u"1"_s } };
    QTest::newRow("name without equals has an empty value")
        << "flag&Digits="_ba << FormFields { { u"flag"_s, QString() }, { u"Digits"_s, QString() } };
    QTest::newRow("equals inside the value kept")
        << "q=a=b"_ba << FormFields { { u"q"_s, u"a=b"_s } };
    QTest::newRow("escaped names") << "na%20me=v"_ba << FormFields { { u"na me"_s, u"v"_s } };
}

void tst_FormEncoding::decode()
{
    QFETCH(QByteArray, body);
    QFETCH(FormFields, expected);
    QCOMPARE(decodeForm(body), expected);
}

void tst_FormEncoding::roundTrip()
{
    const FormFields fields { { u"To"_s, u"+1 555"_s },
                              { u"Body"_s, u"code: 123 456 & more +%=?/é"_s } };
    QCOMPARE(decodeForm(encodeForm(fields)), fields);
}

QTEST_GUILESS_MAIN(tst_FormEncoding)
#include "tst_formencoding.moc"
