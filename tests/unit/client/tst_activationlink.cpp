// The activation QR code's link: each faulty part is named, the good ones come back whole.
#include "client/activationlink.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;
using namespace twofold::client;

namespace {
// SHA-256 of the empty string, a valid-looking fingerprint.
const QString fp = u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
} // namespace

class TestActivationLink : public QObject
{
    Q_OBJECT

private slots:
    void parsesGoodLinks_data();
    void parsesGoodLinks();
    void rejectsBadParts_data();
    void rejectsBadParts();
    void roundTrips();
};

void TestActivationLink::parsesGoodLinks_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("code");

    QTest::newRow("plain url parameter")
        << u"twofold://activate?url=https://mfa.example.org:8443&code=ABC123&fp=%1"_s.arg(fp)
        << u"https://mfa.example.org:8443"_s << u"ABC123"_s;
    QTest::newRow("percent-encoded url parameter")
        << u"twofold://activate?url=https%3A%2F%2Fmfa.example.org%3A8443&code=ABC123&fp=%1"_s.arg(
               fp)
        << u"https://mfa.example.org:8443"_s << u"ABC123"_s;
    QTest::newRow("parameters in another order, surrounding spaces")
        << u"  twofold://activate?fp=%1&code=Z9&url=https://127.0.0.1:18443/  "_s.arg(fp)
        << u"https://127.0.0.1:18443"_s << u"Z9"_s;
    QTest::newRow("url with a path prefix")
        << u"twofold://activate?url=https://example.org/mfa&code=Q&fp=%1"_s.arg(fp)
        << u"https://example.org/mfa"_s << u"Q"_s;
    QTest::newRow("unknown parameters are ignored")
        << u"twofold://activate?url=https://[::1]:8443&code=Q&fp=%1&v=2"_s.arg(fp)
        << u"https://[::1]:8443"_s << u"Q"_s;
    QTest::newRow("fingerprint in upper case with colons")
        << u"twofold://activate?url=https://h&code=Q&fp=%1"_s.arg([] {
               QString colons;
               for (int i = 0; i < fp.size(); i += 2)
                   colons += (i ? u":"_s : u""_s) + fp.mid(i, 2).toUpper();
               return colons;
           }())
        << u"https://h"_s << u"Q"_s;
}

void TestActivationLink::parsesGoodLinks()
{
    QFETCH(QString, link);
    QFETCH(QString, url);
    QFETCH(QString, code);
    auto parsed = ActivationLink::parse(link);
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->serverUrl.toString(), url);
    QCOMPARE(parsed->code, code);
    QCOMPARE(parsed->fingerprint, fp.toLatin1());
}

void TestActivationLink::rejectsBadParts_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("mentions"); // what the message must name

    const QString good = u"url=https://h:1&code=ABC&fp=%1"_s.arg(fp);
    QTest::newRow("empty") << u""_s << int(ErrorCode::UriScheme) << u"twofold:"_s;
    QTest::newRow("otpauth link") << u"otpauth://totp/x?secret=AAAA"_s << int(ErrorCode::UriScheme)
                                  << u"otpauth"_s;
    QTest::newRow("https link") << u"https://h/activate?"_s + good << int(ErrorCode::UriScheme)
                                << u"https"_s;
    QTest::newRow("twofold link of another kind")
        << u"twofold://enroll?"_s + good << int(ErrorCode::UriType) << u"activation link"_s;
    QTest::newRow("no url") << u"twofold://activate?code=ABC&fp=%1"_s.arg(fp)
                            << int(ErrorCode::UriParameter) << u"\"url\""_s;
    QTest::newRow("no code") << u"twofold://activate?url=https://h&fp=%1"_s.arg(fp)
                             << int(ErrorCode::UriParameter) << u"\"code\""_s;
    QTest::newRow("no fp") << u"twofold://activate?url=https://h&code=ABC"_s
                           << int(ErrorCode::UriParameter) << u"\"fp\""_s;
    QTest::newRow("url twice") << u"twofold://activate?url=https://a&"_s + good
                               << int(ErrorCode::UriParameter) << u"twice"_s;
    QTest::newRow("plain http url") << u"twofold://activate?url=http://h:1&code=ABC&fp=%1"_s.arg(fp)
                                    << int(ErrorCode::UriParameter) << u"https://"_s;
    QTest::newRow("url without host")
        << u"twofold://activate?url=https:relative&code=ABC&fp=%1"_s.arg(fp)
        << int(ErrorCode::UriParameter) << u"host"_s;
    QTest::newRow("url with a query")
        << u"twofold://activate?url=https%3A%2F%2Fh%2F%3Fx%3D1&code=ABC&fp=%1"_s.arg(fp)
        << int(ErrorCode::UriParameter) << u"query"_s;
    QTest::newRow("url with a user name")
        << u"twofold://activate?url=https%3A%2F%2Fme%40h&code=ABC&fp=%1"_s.arg(fp)
        << int(ErrorCode::UriParameter) << u"user name"_s;
    QTest::newRow("code with punctuation")
        << u"twofold://activate?url=https://h&code=AB-C&fp=%1"_s.arg(fp)
        << int(ErrorCode::UriParameter) << u"activation code"_s;
    QTest::newRow("code with non-ASCII letters")
        << u"twofold://activate?url=https://h&code=%C3%84BC&fp=%1"_s.arg(fp)
        << int(ErrorCode::UriParameter) << u"activation code"_s;
    QTest::newRow("fp too short") << u"twofold://activate?url=https://h&code=ABC&fp=%1"_s.arg(
        fp.left(63)) << int(ErrorCode::UriParameter)
                                  << u"64"_s;
    QTest::newRow("fp of SHA-1 length")
        << u"twofold://activate?url=https://h&code=ABC&fp=%1"_s.arg(fp.left(40))
        << int(ErrorCode::UriParameter) << u"SHA-256"_s;
    QTest::newRow("fp not hexadecimal")
        << u"twofold://activate?url=https://h&code=ABC&fp=%1"_s.arg(u"g"_s + fp.mid(1))
        << int(ErrorCode::UriParameter) << u"hexadecimal"_s;
}

void TestActivationLink::rejectsBadParts()
{
    QFETCH(QString, link);
    QFETCH(int, code);
    QFETCH(QString, mentions);
    auto parsed = ActivationLink::parse(link);
    QVERIFY(!parsed);
    QCOMPARE(int(parsed.error().code), code);
    QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
}

void TestActivationLink::roundTrips()
{
    ActivationLink link;
    link.serverUrl = QUrl(u"https://mfa.example.org:8443/base"_s);
    link.code = u"K7Q2M9"_s;
    link.fingerprint = fp.toLatin1();
    const QString text = link.toString();
    QVERIFY(
        text.startsWith(u"twofold://activate?url=https%3A%2F%2Fmfa.example.org%3A8443%2Fbase&"));
    auto back = ActivationLink::parse(text);
    QVERIFY2(back, back ? "" : qPrintable(back.error().message));
    QCOMPARE(back->serverUrl, link.serverUrl);
    QCOMPARE(back->code, link.code);
    QCOMPARE(back->fingerprint, link.fingerprint);
}

QTEST_GUILESS_MAIN(TestActivationLink)
#include "tst_activationlink.moc"
