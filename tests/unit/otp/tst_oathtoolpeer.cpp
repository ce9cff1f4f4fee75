#include "otp/otpgenerator.h"
#include "tools.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace twofold;

// OtpGenerator against oathtool, an independent implementation, on random cases.
class tst_OathtoolPeer final : public QObject
{
    Q_OBJECT

private slots:
    void randomTotpCasesMatchOathtool();
    void randomHotpCasesMatchOathtool();
};

static QString runOathtool(const QString &oathtool, const QStringList &arguments)
{
    QProcess process;
    process.start(oathtool, arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return u"<oathtool failed: %1>"_s.arg(QString::fromLocal8Bit(process.readAllStandardError()));
    return QString::fromLatin1(process.readAllStandardOutput()).trimmed();
}

static const HashAlgorithm algorithms[] = { HashAlgorithm::Sha1, HashAlgorithm::Sha256, HashAlgorithm::Sha512 };

static QByteArray randomSecret(QRandomGenerator &random)
{
    QByteArray secret(random.bounded(10, 65), Qt::Uninitialized);
    for (char &b : secret)
        b = static_cast<char>(random.bounded(256));
    return secret;
}

void tst_OathtoolPeer::randomTotpCasesMatchOathtool()
{
    REQUIRE_TOOL(oathtool, "oathtool");
    QRandomGenerator random(6238); // fixed, so a failure can be reproduced
    constexpr int cases = 1000;
    for (int i = 0; i < cases; ++i) {
        OtpParameters p;
        p.secret = randomSecret(random);
        p.algorithm = algorithms[random.bounded(3)];
        p.digits = random.bounded(6, 9); // oathtool knows 6 to 8
        p.period = random.bounded(4) == 0 ? 30 : random.bounded(1, 301);
        // Up to 2^35 s, well past 2038 (and past 2106, where 32-bit unsigned time ends).
        const qint64 time = static_cast<qint64>(random.bounded(quint64(1) << 35));

        const QString ours = *OtpGenerator(p).codeAt(time);
        const QStringList arguments = { u"--totp=%1"_s.arg(hashAlgorithmName(p.algorithm)),
                                        u"--digits=%1"_s.arg(p.digits),
                                        u"--time-step-size=%1s"_s.arg(p.period),
                                        u"--now=@%1"_s.arg(time),
                                        QString::fromLatin1(p.secret.toHex()) };
        const QString theirs = runOathtool(oathtool, arguments);
        QVERIFY2(ours == theirs, qPrintable(u"case %1: oathtool %2 gave %3, we gave %4"_s.arg(i).arg(
                                                    arguments.join(u' '), theirs, ours)));
    }
}

void tst_OathtoolPeer::randomHotpCasesMatchOathtool()
{
    REQUIRE_TOOL(oathtool, "oathtool");
    QRandomGenerator random(4226);
    for (int i = 0; i < 100; ++i) {
        OtpParameters p;
        p.type = OtpType::Hotp;
        p.secret = randomSecret(random);
        p.digits = random.bounded(6, 9);
        // oathtool's HOTP is SHA1 only.
        const quint64 counter = random.bounded(quint64(1) << 40);
        const QString ours = *OtpGenerator(p).codeForCounter(counter);
        const QStringList arguments = { u"--hotp"_s, u"--digits=%1"_s.arg(p.digits),
                                        u"--counter=%1"_s.arg(counter), QString::fromLatin1(p.secret.toHex()) };
        const QString theirs = runOathtool(oathtool, arguments);
        QVERIFY2(ours == theirs, qPrintable(u"case %1: oathtool %2 gave %3, we gave %4"_s.arg(i).arg(
                                                    arguments.join(u' '), theirs, ours)));
    }
}

QTEST_GUILESS_MAIN(tst_OathtoolPeer)
#include "tst_oathtoolpeer.moc"
