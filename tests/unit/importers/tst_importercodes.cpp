#include "importvectors.h"
#include "otp/otpgenerator.h"
#include "tools.h"
#include "vault/importer.h"
#include "vectors.h"

#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace importvectors;
using twofold::OtpGenerator;
using twofold::vault::Importer;

namespace {

// The error's message for QVERIFY2, which evaluates its message even when the check passes.
template<typename T> QByteArray why(const twofold::Result<T> &result)
{
    return result ? QByteArray() : result.error().message.toUtf8();
}

const qint64 times[] = { 0, 59, 1111111109, 2000000000 };

// oathtool's code; HOTP goes through TOTP with a 1 s step at t = counter, because oathtool's
// --hotp knows only SHA1 while its --totp takes every algorithm.
QString oathtoolCode(const QString &oathtool, const OtpParameters &p, qint64 timeOrCounter,
                     QString *failure)
{
    const bool hotp = p.type == OtpType::Hotp;
    const QStringList arguments {
        u"--totp="_s + twofold::hashAlgorithmName(p.algorithm),
        u"-d"_s,
        QString::number(p.digits),
        u"-s"_s,
        QString::number(hotp ? 1 : p.period) + u's',
        u"--now=@"_s + QString::number(timeOrCounter),
        QString::fromLatin1(p.secret.toHex()),
    };
    QProcess process;
    process.start(oathtool, arguments);
    if (!process.waitForFinished(30'000) || process.exitCode() != 0) {
        *failure = u"oathtool %1 failed: %2"_s.arg(
            arguments.join(u' '), QString::fromUtf8(process.readAllStandardError()));
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

} // namespace

class TestImporterCodes final : public QObject
{
    Q_OBJECT

private slots:
    void codesMatchPeers_data();
    void codesMatchPeers();
};

void TestImporterCodes::codesMatchPeers_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("password");
    for (const VectorFile &v : vectorFiles())
        QTest::addRow("%s: codes as oathtool's", v.file)
            << QString::fromLatin1(v.file) << QString::fromLatin1(v.password);
}

void TestImporterCodes::codesMatchPeers()
{
    REQUIRE_VECTORS(dir);
    REQUIRE_TOOL(oathtool, "oathtool");
    QFETCH(QString, file);
    QFETCH(QString, password);
    const auto imported = Importer::read(readFile(dir + u"/import/"_s + file), password);
    QVERIFY2(imported.has_value(), why(imported).constData());
    QVERIFY(!imported->accounts.isEmpty());

    for (const auto &account : imported->accounts) {
        const OtpParameters &p = account.otp;
        const OtpGenerator generator(p);
        const QString who = p.issuer + u": "_s + p.account;
        if (p.type == OtpType::Steam) {
            // oathtool has no Steam mode: compare with the table's own Steam account.
            const OtpGenerator reference(expected(6));
            for (qint64 t : times) {
                const auto code = generator.codeAt(t);
                QVERIFY(code.has_value());
                QCOMPARE(*code, *reference.codeAt(t));
                QCOMPARE(code->size(), 5);
            }
            continue;
        }
        const bool hotp = p.type == OtpType::Hotp;
        const QList<qint64> points = hotp
            ? QList<qint64> { qint64(p.counter), qint64(p.counter) + 1, qint64(p.counter) + 100 }
            : QList<qint64>(std::begin(times), std::end(times));
        for (qint64 point : points) {
            QString failure;
            const QString peer = oathtoolCode(oathtool, p, point, &failure);
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
            const auto ours
                = hotp ? generator.codeForCounter(quint64(point)) : generator.codeAt(point);
            QVERIFY(ours.has_value());
            QVERIFY2(*ours == peer,
                     qPrintable(
                         u"%1 at %2: ours %3, oathtool %4"_s.arg(who).arg(point).arg(*ours, peer)));
        }
    }
}

QTEST_GUILESS_MAIN(TestImporterCodes)
#include "tst_importercodes.moc"
