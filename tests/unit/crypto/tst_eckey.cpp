#include "crypto/eckey.h"
#include "programrun.h"
#include "tools.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;

class tst_EcKey final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signThenVerify_data();
    void signThenVerify();
    void tamperingIsRejected_data();
    void tamperingIsRejected();
    void pemAndDerRoundTrip();
    void readsKeysMadeByOpenssl_data();
    void readsKeysMadeByOpenssl();
    void refusesOtherKeys_data();
    void refusesOtherKeys();
    void verifiesOpensslSignatures_data();
    void verifiesOpensslSignatures();
    void opensslVerifiesOurSignatures_data();
    void opensslVerifiesOurSignatures();
    void readsTheKeyOfACertificate();
    void publicKeyCannotSign();

private:
    QString write(const QString &name, const QByteArray &contents);
    ProgramRun openssl(const QStringList &arguments);

    QTemporaryDir m_dir;
    QString m_openssl;
};

void tst_EcKey::initTestCase()
{
    REQUIRE_TOOL(openssl, "openssl");
    m_openssl = openssl;
    QVERIFY(m_dir.isValid());
}

QString tst_EcKey::write(const QString &name, const QByteArray &contents)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

ProgramRun tst_EcKey::openssl(const QStringList &arguments)
{
    return runProgram(m_openssl, arguments);
}

void tst_EcKey::signThenVerify_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("challenge answer") << "c0ffee|approve|42|1700000000"_ba;
    QTest::newRow("binary with zeros") << QByteArray("\0\1\2\0\xff", 5);
    QTest::newRow("one megabyte") << QByteArray(1 << 20, 'm');
}

void tst_EcKey::signThenVerify()
{
    QFETCH(QByteArray, message);
    const Result<EcKey> key = EcKey::generate();
    QVERIFY(key);
    QVERIFY(key->hasPrivateKey());
    const Result<QByteArray> signature = key->sign(message);
    QVERIFY(signature);
    QCOMPARE(signature->at(0), '\x30'); // a DER SEQUENCE of r and s
    QVERIFY(signature->size() >= 8 && signature->size() <= 72);
    QVERIFY(key->verify(message, *signature));
    // ECDSA is randomised: a second signature differs and verifies too.
    const Result<QByteArray> again = key->sign(message);
    QVERIFY(again);
    QVERIFY(*again != *signature);
    QVERIFY(key->verify(message, *again));
    // A copy shares the key.
    const EcKey copy = *key;
    QVERIFY(copy.verify(message, *signature));
}

void tst_EcKey::tamperingIsRejected_data()
{
    QTest::addColumn<int>("what");
    QTest::newRow("message bit flipped") << 0;
    QTest::newRow("message extended") << 1;
    QTest::newRow("signature byte flipped") << 2;
    QTest::newRow("signature truncated") << 3;
    QTest::newRow("signature with a trailing byte") << 4;
    QTest::newRow("empty signature") << 5;
    QTest::newRow("garbage signature") << 6;
    QTest::newRow("another key's signature") << 7;
}

void tst_EcKey::tamperingIsRejected()
{
    QFETCH(int, what);
    const Result<EcKey> key = EcKey::generate();
    QVERIFY(key);
    QByteArray message = "challenge-7|approve|17|1700000000"_ba;
    Result<QByteArray> signed_ = key->sign(message);
    QVERIFY(signed_);
    QByteArray signature = *signed_;
    switch (what) {
    case 0:
        message[3] = static_cast<char>(message.at(3) ^ 0x01);
        break;
    case 1:
        message.append('x');
        break;
    case 2:
        signature[signature.size() - 5]
            = static_cast<char>(signature.at(signature.size() - 5) ^ 0x10);
        break;
    case 3:
        signature.chop(1);
        break;
    case 4:
        signature.append('\0');
        break;
    case 5:
        signature.clear();
        break;
    case 6:
        signature = QByteArray(70, '\x30');
        break;
    case 7: {
        const Result<EcKey> other = EcKey::generate();
        QVERIFY(other);
        signed_ = other->sign(message);
        QVERIFY(signed_);
        signature = *signed_;
        break;
    }
    }
    QVERIFY(!key->verify(message, signature));
}

void tst_EcKey::pemAndDerRoundTrip()
{
    const Result<EcKey> key = EcKey::generate();
    QVERIFY(key);
    const QByteArray privatePem = key->privatePem();
    QVERIFY(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n")); // PKCS#8, unencrypted
    const QByteArray publicPem = key->publicPem();
    QVERIFY(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
    const QByteArray publicDer = key->publicDer();
    QCOMPARE(publicDer.size(), 91); // SubjectPublicKeyInfo of an uncompressed P-256 point

    const Result<EcKey> reread = EcKey::fromPrivatePem(privatePem);
    QVERIFY(reread);
    QVERIFY(reread->hasPrivateKey());
    QCOMPARE(reread->publicDer(), publicDer);
    QCOMPARE(reread->privatePem(), privatePem);

    const Result<EcKey> fromPem = EcKey::fromPublicPem(publicPem);
    QVERIFY(fromPem);
    QVERIFY(!fromPem->hasPrivateKey());
    QVERIFY(fromPem->privatePem().isEmpty());
    QCOMPARE(fromPem->publicPem(), publicPem);
    const Result<EcKey> fromDer = EcKey::fromPublicDer(publicDer);
    QVERIFY(fromDer);
    QCOMPARE(fromDer->publicDer(), publicDer);

    const Result<QByteArray> signature = reread->sign("m"_ba);
    QVERIFY(signature);
    QVERIFY(fromPem->verify("m"_ba, *signature));
    QVERIFY(fromDer->verify("m"_ba, *signature));
    QVERIFY(key->verify("m"_ba, *signature));

    // The DER must be exactly one structure: trailing bytes or a cut are refused.
    QVERIFY(!EcKey::fromPublicDer(QByteArray(publicDer).append('\0')));
    QVERIFY(!EcKey::fromPublicDer(publicDer.left(90)));
    QVERIFY(!EcKey::fromPublicPem(privatePem)); // a private PEM is not a public one
    QVERIFY(!EcKey::fromPrivatePem(publicPem));
}

void tst_EcKey::readsKeysMadeByOpenssl_data()
{
    QTest::addColumn<QStringList>("generate");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("SEC1 from ecparam")
        << QStringList { u"ecparam"_s, u"-name"_s, u"prime256v1"_s, u"-genkey"_s, u"-noout"_s }
        << "-----BEGIN EC PRIVATE KEY-----"_ba;
    QTest::newRow("PKCS#8 from genpkey")
        << QStringList { u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s,
                         u"ec_paramgen_curve:P-256"_s }
        << "-----BEGIN PRIVATE KEY-----"_ba;
}

void tst_EcKey::readsKeysMadeByOpenssl()
{
    QFETCH(QStringList, generate);
    QFETCH(QByteArray, header);
    const ProgramRun made = openssl(generate);
    QVERIFY2(made.ok(), made.describe(generate));
    QVERIFY(made.out.toLatin1().startsWith(header));
    const QString keyPath = write(u"made.pem"_s, made.out.toLatin1());
    const QStringList pubout { u"pkey"_s, u"-in"_s, keyPath, u"-pubout"_s };
    const ProgramRun pub = openssl(pubout);
    QVERIFY2(pub.ok(), pub.describe(pubout));

    const Result<EcKey> key = EcKey::fromPrivatePem(made.out.toLatin1());
    QVERIFY2(key, qPrintable(key ? QString() : key.error().message));
    QVERIFY(key->hasPrivateKey());
    QCOMPARE(key->publicPem(), pub.out.toLatin1()); // the same public key as openssl derives
}

void tst_EcKey::refusesOtherKeys_data()
{
    QTest::addColumn<QStringList>("generate");
    QTest::addColumn<bool>("encrypt");
    QTest::newRow("P-384") << QStringList { u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s,
                                            u"ec_paramgen_curve:P-384"_s }
                           << false;
    QTest::newRow("RSA") << QStringList { u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s,
                                          u"rsa_keygen_bits:1024"_s }
                         << false;
    QTest::newRow("Ed25519") << QStringList { u"genpkey"_s, u"-algorithm"_s, u"ED25519"_s }
                             << false;
    QTest::newRow("encrypted P-256") << QStringList { u"genpkey"_s, u"-algorithm"_s, u"EC"_s,
                                                      u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s }
                                     << true;
}

void tst_EcKey::refusesOtherKeys()
{
    QFETCH(QStringList, generate);
    QFETCH(bool, encrypt);
    if (encrypt)
        generate << u"-aes-256-cbc"_s << u"-pass"_s << u"pass:secret"_s;
    const ProgramRun made = openssl(generate);
    QVERIFY2(made.ok(), made.describe(generate));
    const QByteArray pem = made.out.toLatin1();
    const Result<EcKey> key = EcKey::fromPrivatePem(pem);
    QVERIFY(!key);
    QCOMPARE(key.error().code, ErrorCode::Crypto);
    QVERIFY(!key.error().message.isEmpty());

    const QString path = write(u"other.pem"_s, pem);
    QStringList pubout { u"pkey"_s, u"-in"_s, path, u"-pubout"_s };
    if (encrypt)
        pubout << u"-passin"_s << u"pass:secret"_s;
    const ProgramRun pub = openssl(pubout);
    QVERIFY2(pub.ok(), pub.describe(pubout));
    const Result<EcKey> publicKey = EcKey::fromPublicPem(pub.out.toLatin1());
    QCOMPARE(bool(publicKey), encrypt); // the encrypted one is a P-256 key once decrypted
}

void tst_EcKey::verifiesOpensslSignatures_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("short") << "approve"_ba;
    QTest::newRow("64 KiB") << QByteArray(65536, 'q');
}

void tst_EcKey::verifiesOpensslSignatures()
{
    QFETCH(QByteArray, message);
    const QStringList generate { u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s,
                                 u"ec_paramgen_curve:P-256"_s };
    const ProgramRun made = openssl(generate);
    QVERIFY2(made.ok(), made.describe(generate));
    const QString keyPath = write(u"signer.pem"_s, made.out.toLatin1());
    const QString messagePath = write(u"message.bin"_s, message);
    const QString signaturePath = m_dir.filePath(u"openssl.sig"_s);
    const QStringList sign { u"dgst"_s, u"-sha256"_s,  u"-sign"_s, keyPath,
                             u"-out"_s, signaturePath, messagePath };
    const ProgramRun signedRun = openssl(sign);
    QVERIFY2(signedRun.ok(), signedRun.describe(sign));
    QFile file(signaturePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray signature = file.readAll();

    const Result<EcKey> key = EcKey::fromPrivatePem(made.out.toLatin1());
    QVERIFY(key);
    const Result<EcKey> publicKey = EcKey::fromPublicDer(key->publicDer());
    QVERIFY(publicKey);
    QVERIFY(publicKey->verify(message, signature));
    QVERIFY(!publicKey->verify(QByteArray(message).append('x'), signature));
}

void tst_EcKey::opensslVerifiesOurSignatures_data()
{
    QTest::addColumn<bool>("tamper");
    QTest::newRow("genuine") << false;
    QTest::newRow("message changed after signing") << true;
}

void tst_EcKey::opensslVerifiesOurSignatures()
{
    QFETCH(bool, tamper);
    const Result<EcKey> key = EcKey::generate();
    QVERIFY(key);
    QByteArray message = "challenge-9|deny|0|1700000123"_ba;
    const Result<QByteArray> signature = key->sign(message);
    QVERIFY(signature);
    if (tamper)
        message[10] = 'X';
    const QString publicPath = write(u"ours.pub.pem"_s, key->publicPem());
    const QString signaturePath = write(u"ours.sig"_s, *signature);
    const QString messagePath = write(u"ours.msg"_s, message);
    const QStringList verify { u"dgst"_s,       u"-sha256"_s,  u"-verify"_s, publicPath,
                               u"-signature"_s, signaturePath, messagePath };
    const ProgramRun run = openssl(verify);
    QVERIFY2(run.failure.isEmpty(), run.describe(verify));
    QCOMPARE(run.exitCode, tamper ? 1 : 0);
    QCOMPARE(run.out.trimmed(), tamper ? u"Verification failure"_s : u"Verified OK"_s);
}

void tst_EcKey::readsTheKeyOfACertificate()
{
    const Result<EcKey> key = EcKey::generate();
    QVERIFY(key);
    const QString keyPath = write(u"cert.key.pem"_s, key->privatePem());
    const QStringList request {
        u"req"_s,   u"-x509"_s, u"-new"_s, u"-key"_s, keyPath, u"-subj"_s, u"/CN=twofold.test"_s,
        u"-days"_s, u"2"_s
    };
    const ProgramRun cert = openssl(request);
    QVERIFY2(cert.ok(), cert.describe(request));
    const Result<EcKey> fromCert = EcKey::fromCertificatePem(cert.out.toLatin1());
    QVERIFY2(fromCert, qPrintable(fromCert ? QString() : fromCert.error().message));
    QVERIFY(!fromCert->hasPrivateKey());
    QCOMPARE(fromCert->publicDer(), key->publicDer());
    QVERIFY(!EcKey::fromCertificatePem(key->publicPem()));
}

void tst_EcKey::publicKeyCannotSign()
{
    const Result<EcKey> key = EcKey::generate();
    QVERIFY(key);
    const Result<EcKey> publicKey = EcKey::fromPublicPem(key->publicPem());
    QVERIFY(publicKey);
    const Result<QByteArray> signature = publicKey->sign("m"_ba);
    QVERIFY(!signature);
    QCOMPARE(signature.error().code, ErrorCode::Crypto);
    QVERIFY(!EcKey::fromPrivatePem(QByteArray()));
    QVERIFY(
        !EcKey::fromPublicPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"_ba));
    QVERIFY(!EcKey::fromPublicDer(QByteArray()));
}

QTEST_GUILESS_MAIN(tst_EcKey)
#include "tst_eckey.moc"
