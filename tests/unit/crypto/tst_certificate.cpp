#include "crypto/certificate.h"
#include "programrun.h"
#include "tools.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;

namespace {

// Connects with Python's default TLS context trusting only the certificate, hostname check on,
// and prints one line per target: "<name> OK" or "<name> FAIL <reason>".
constexpr auto pythonClient = R"(
import socket, ssl, sys
cafile, port = sys.argv[1], int(sys.argv[2])
for target in sys.argv[3:]:
    connect_to, _, server_name = target.partition('=')
    context = ssl.create_default_context(cafile=cafile)
    assert context.check_hostname and context.verify_mode == ssl.CERT_REQUIRED
    try:
        with socket.create_connection((connect_to, port), timeout=30) as raw:
            with context.wrap_socket(raw, server_hostname=server_name) as tls:
                print(server_name, 'OK', tls.version(), flush=True)
    except ssl.SSLCertVerificationError as error:
        print(server_name, 'FAIL', error.verify_message, flush=True)
    except Exception as error:
        print(server_name, 'ERROR', type(error).__name__, error, flush=True)
)";

} // namespace

class tst_Certificate final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void opensslReadsWhatWeMade();
    void validityMatchesOpenssl_data();
    void validityMatchesOpenssl();
    void fingerprintMatchesPeers();
    void pythonVerifiesTheServer();
    void qtVerifiesTheServer_data();
    void qtVerifiesTheServer();
    void refusesBadInput_data();
    void refusesBadInput();

private:
    ProgramRun openssl(const QStringList &arguments) { return runProgram(m_openssl, arguments); }
    bool startServer();

    QTemporaryDir m_dir;
    QString m_openssl;
    QString m_python;
    QString m_certPath;
    std::optional<EcKey> m_key;
    SelfSignedCertificate m_cert;
    QSslServer m_server;
    QList<QSslSocket *> m_accepted;
};

void tst_Certificate::initTestCase()
{
    REQUIRE_TOOL(openssl, "openssl");
    m_openssl = openssl;
    QVERIFY2(QFile::exists(u"/usr/bin/python3"_s),
             "/usr/bin/python3 is missing: run installer/install-deps.sh");
    m_python = u"/usr/bin/python3"_s;
    QVERIFY(QSslSocket::supportsSsl());
    QVERIFY(m_dir.isValid());
    Result<EcKey> key = EcKey::generate();
    QVERIFY(key);
    m_key = *key;
    const Result<SelfSignedCertificate> cert = createSelfSignedCertificate(
        *m_key, { u"localhost"_s, u"twofold.example.org"_s }, { u"127.0.0.1"_s, u"::1"_s }, 30);
    QVERIFY2(cert, qPrintable(cert ? QString() : cert.error().message));
    m_cert = *cert;
    m_certPath = m_dir.filePath(u"cert.pem"_s);
    QFile file(m_certPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_cert.pem);
}

void tst_Certificate::opensslReadsWhatWeMade()
{
    const QStringList text { u"x509"_s, u"-in"_s, m_certPath, u"-noout"_s, u"-text"_s };
    const ProgramRun run = openssl(text);
    QVERIFY2(run.ok(), run.describe(text));
    const QString out = run.out;
    for (const QString &expected :
         { u"Version: 3 (0x2)"_s, u"Signature Algorithm: ecdsa-with-SHA256"_s,
           u"Subject: CN = localhost"_s, u"Issuer: CN = localhost"_s, u"ASN1 OID: prime256v1"_s,
           u"DNS:localhost, DNS:twofold.example.org, IP Address:127.0.0.1, "
           u"IP Address:0:0:0:0:0:0:0:1"_s,
           u"X509v3 Basic Constraints: critical\n                CA:FALSE"_s,
           u"X509v3 Key Usage: critical\n                Digital Signature"_s,
           u"X509v3 Extended Key Usage: \n                TLS Web Server Authentication"_s,
           u"X509v3 Subject Key Identifier"_s, u"X509v3 Authority Key Identifier"_s }) {
        QVERIFY2(out.contains(expected),
                 qPrintable(u"missing \"%1\" in:\n%2"_s.arg(expected, out)));
    }
    // A random 16-byte serial, not 0 or 1.
    const QStringList serial { u"x509"_s, u"-in"_s, m_certPath, u"-noout"_s, u"-serial"_s };
    const ProgramRun serialRun = openssl(serial);
    QVERIFY2(serialRun.ok(), serialRun.describe(serial));
    QCOMPARE(serialRun.out.trimmed().size(), int(sizeof("serial=") - 1 + 32));

    // openssl itself, with the certificate as its own trust anchor, strict checks on.
    const QStringList verify { u"verify"_s,  u"-x509_strict"_s, u"-purpose"_s, u"sslserver"_s,
                               u"-CAfile"_s, m_certPath,        m_certPath };
    const ProgramRun verified = openssl(verify);
    QVERIFY2(verified.ok(), verified.describe(verify));
    // The key in the certificate is ours.
    const Result<EcKey> fromCert = EcKey::fromCertificatePem(m_cert.pem);
    QVERIFY(fromCert);
    QCOMPARE(fromCert->publicDer(), m_key->publicDer());
}

void tst_Certificate::validityMatchesOpenssl_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<int>("exitCode");
    // -checkend N exits 0 when the certificate is still valid N seconds from now.
    QTest::newRow("valid now") << qint64(0) << 0;
    QTest::newRow("valid a little before 30 days") << qint64(30 * 86400 - 600) << 0;
    QTest::newRow("expired a little after 30 days") << qint64(30 * 86400 + 600) << 1;
}

void tst_Certificate::validityMatchesOpenssl()
{
    QFETCH(qint64, seconds);
    QFETCH(int, exitCode);
    const QStringList check { u"x509"_s,   u"-in"_s,       m_certPath,
                              u"-noout"_s, u"-checkend"_s, QString::number(seconds) };
    const ProgramRun run = openssl(check);
    QVERIFY2(run.failure.isEmpty(), run.describe(check));
    QCOMPARE(run.exitCode, exitCode);

    const QSslCertificate qtCert(m_cert.pem, QSsl::Pem);
    QCOMPARE(qtCert.effectiveDate().toUTC(), m_cert.notBefore);
    QCOMPARE(qtCert.expiryDate().toUTC(), m_cert.notAfter);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QVERIFY(qAbs(m_cert.notBefore.toSecsSinceEpoch() - (now - 3600)) < 120);
    QCOMPARE(m_cert.notBefore.secsTo(m_cert.notAfter), qint64(30 * 86400 + 3600));
}

void tst_Certificate::fingerprintMatchesPeers()
{
    const QByteArray ours = certificateSha256Fingerprint(m_cert.pem);
    QCOMPARE(ours.size(), 64);
    QCOMPARE(ours, QCryptographicHash::hash(m_cert.der, QCryptographicHash::Sha256).toHex());
    QCOMPARE(ours,
             QSslCertificate(m_cert.pem, QSsl::Pem).digest(QCryptographicHash::Sha256).toHex());
    const QStringList fingerprint { u"x509"_s,   u"-in"_s,          m_certPath,
                                    u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s };
    const ProgramRun run = openssl(fingerprint);
    QVERIFY2(run.ok(), run.describe(fingerprint));
    // "sha256 Fingerprint=AB:CD:..."
    const QString theirs = run.out.trimmed().section(u'=', 1).remove(u':').toLower();
    QCOMPARE(QString::fromLatin1(ours), theirs);
    QVERIFY(certificateSha256Fingerprint("not a certificate"_ba).isEmpty());
}

bool tst_Certificate::startServer()
{
    if (m_server.isListening())
        return true;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(m_cert.pem, QSsl::Pem));
    QByteArray keyPem = m_key->privatePem();
    configuration.setPrivateKey(QSslKey(keyPem, QSsl::Ec, QSsl::Pem));
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_server.setSslConfiguration(configuration);
    connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            m_accepted.append(qobject_cast<QSslSocket *>(socket));
    });
    return m_server.listen(QHostAddress::Any, 0); // dual stack: 127.0.0.1 and ::1
}

void tst_Certificate::pythonVerifiesTheServer()
{
    QVERIFY(startServer());
    QProcess python;
    python.start(m_python,
                 { u"-c"_s, QString::fromUtf8(pythonClient), m_certPath,
                   QString::number(m_server.serverPort()), u"localhost=localhost"_s,
                   u"127.0.0.1=127.0.0.1"_s, u"::1=::1"_s, u"127.0.0.1=twofold.example.org"_s,
                   u"127.0.0.1=wrong.example.org"_s, u"127.0.0.1=127.0.0.2"_s });
    // The event loop must run while Python talks to our server; the bound is for a hang.
    QTRY_VERIFY_WITH_TIMEOUT(python.state() == QProcess::NotRunning, 120000);
    const QString out = QString::fromUtf8(python.readAllStandardOutput());
    const QString err = QString::fromUtf8(python.readAllStandardError());
    QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
             qPrintable(out + err));
    const QStringList lines = out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QVERIFY2(lines[0].startsWith(u"localhost OK TLSv1."_s), qPrintable(out));
    QVERIFY2(lines[1].startsWith(u"127.0.0.1 OK TLSv1."_s), qPrintable(out));
    QVERIFY2(lines[2].startsWith(u"::1 OK TLSv1."_s), qPrintable(out));
    QVERIFY2(lines[3].startsWith(u"twofold.example.org OK TLSv1."_s), qPrintable(out));
    QVERIFY2(lines[4].startsWith(u"wrong.example.org FAIL Hostname mismatch"_s), qPrintable(out));
    QVERIFY2(lines[5].startsWith(u"127.0.0.2 FAIL IP address mismatch"_s), qPrintable(out));
}

void tst_Certificate::qtVerifiesTheServer_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("peerName");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("localhost") << u"127.0.0.1"_s << u"localhost"_s << true;
    QTest::newRow("IPv4 address") << u"127.0.0.1"_s << u"127.0.0.1"_s << true;
    QTest::newRow("IPv6 address") << u"::1"_s << u"::1"_s << true;
    QTest::newRow("configured name") << u"127.0.0.1"_s << u"twofold.example.org"_s << true;
    QTest::newRow("wrong name") << u"127.0.0.1"_s << u"wrong.example.org"_s << false;
}

void tst_Certificate::qtVerifiesTheServer()
{
    QFETCH(QString, host);
    QFETCH(QString, peerName);
    QFETCH(bool, accepted);
    QVERIFY(startServer());
    QSslSocket client;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({ QSslCertificate(m_cert.pem, QSsl::Pem) });
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    client.setSslConfiguration(configuration);
    client.setPeerVerifyName(peerName);
    QList<QSslError> errors;
    connect(&client, &QSslSocket::sslErrors, this,
            [&errors](const QList<QSslError> &list) { errors += list; });
    QSignalSpy encrypted(&client, &QSslSocket::encrypted);
    QSignalSpy failed(&client, &QSslSocket::errorOccurred);
    client.connectToHostEncrypted(host, m_server.serverPort());
    QTRY_VERIFY_WITH_TIMEOUT(!encrypted.isEmpty() || !failed.isEmpty(), 60000);
    QString described;
    for (const QSslError &error : errors)
        described += error.errorString() + u"; "_s;
    QCOMPARE(!encrypted.isEmpty(), accepted);
    if (accepted) {
        QVERIFY2(errors.isEmpty(), qPrintable(described));
    } else {
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.first().error(), QSslError::HostNameMismatch);
    }
}

void tst_Certificate::refusesBadInput_data()
{
    QTest::addColumn<QStringList>("dnsNames");
    QTest::addColumn<QStringList>("ipAddresses");
    QTest::addColumn<int>("days");
    QTest::addColumn<bool>("publicOnly");
    QTest::newRow("no names") << QStringList() << QStringList() << 30 << false;
    QTest::newRow("bad address") << QStringList { u"localhost"_s } << QStringList { u"300.1.1.1"_s }
                                 << 30 << false;
    QTest::newRow("address with junk")
        << QStringList() << QStringList { u"127.0.0.1,DNS:evil"_s } << 30 << false;
    QTest::newRow("name with a comma")
        << QStringList { u"a.example,DNS:evil"_s } << QStringList() << 30 << false;
    QTest::newRow("empty label") << QStringList { u"a..example"_s } << QStringList() << 30 << false;
    QTest::newRow("zero days") << QStringList { u"localhost"_s } << QStringList() << 0 << false;
    QTest::newRow("public key") << QStringList { u"localhost"_s } << QStringList() << 30 << true;
}

void tst_Certificate::refusesBadInput()
{
    QFETCH(QStringList, dnsNames);
    QFETCH(QStringList, ipAddresses);
    QFETCH(int, days);
    QFETCH(bool, publicOnly);
    const Result<EcKey> publicKey = EcKey::fromPublicPem(m_key->publicPem());
    QVERIFY(publicKey);
    const Result<SelfSignedCertificate> cert = createSelfSignedCertificate(
        publicOnly ? *publicKey : *m_key, dnsNames, ipAddresses, days);
    QVERIFY(!cert);
    QCOMPARE(cert.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!cert.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Certificate)
#include "tst_certificate.moc"
