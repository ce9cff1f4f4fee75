// The least memory an authenticator built from the design's required parts can take, measured
// by bench_authenticator.sh in the same run as twofold and OTPClient: a Qt Widgets window that
// lists COUNT rows with a code each, whose key is read from the real keychain through QtKeychain
// and used for AES-256-GCM in OpenSSL, as twofold unlocks its vault. It has none of twofold's own
// interface, importers or QR code support, so twofold's resident memory minus this one is what
// twofold itself adds.
//   bench_qtfloor KEYCHAIN_ENTRY COUNT
#include "crypto/aesgcm.h"
#include "crypto/hmac.h"

#include <QApplication>
#include <QListView>
#include <QStringListModel>
#include <QTextStream>
#include <QtEndian>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;
using namespace twofold;

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << message << Qt::endl;
    QCoreApplication::exit(1);
    return 1;
}

// Seals and opens as many bytes as a vault of COUNT accounts holds, so OpenSSL's cipher and
// random generator are loaded as twofold loads them; then one HMAC code per row.
QStringList rowsUnder(const QByteArray &key, int count)
{
    const QByteArray vaultSized(count * 160, 'a');
    const Result<Sealed> sealed = aesGcmSeal(key, vaultSized);
    if (!sealed || !aesGcmOpen(key, sealed->nonce, sealed->ciphertext, sealed->tag))
        return {};
    const Result<HmacKey> hmacKey = HmacKey::create(HashAlgorithm::Sha1, key);
    if (!hmacKey)
        return {};
    QStringList rows;
    for (int i = 0; i < count; ++i) {
        const Result<QByteArray> mac = hmacKey->sign(QByteArray::number(i));
        if (!mac)
            return {};
        const quint32 code = qFromBigEndian<quint32>(mac->constData()) % 1'000'000;
        rows << u"Issuer %1   user%1@example.com   %2"_s.arg(i).arg(code, 6, 10, QChar(u'0'));
    }
    return rows;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    bool ok = false;
    const int count = args.value(2).toInt(&ok);
    if (args.size() != 3 || !ok || count < 0)
        return fail(u"usage: bench_qtfloor KEYCHAIN_ENTRY COUNT"_s);

    QStringListModel model;
    QListView view;
    view.setModel(&model);
    view.setUniformItemSizes(true);
    view.resize(480, 640);
    view.show();

    // The same keychain service and entry that twofold reads at start.
    auto *job = new QKeychain::ReadPasswordJob(u"Twofold"_s, &app);
    job->setKey(args[1]);
    job->setInsecureFallback(false);
    QObject::connect(job, &QKeychain::Job::finished, &app, [&, job] {
        if (job->error() != QKeychain::NoError)
            return void(fail(u"The keychain did not give the key: "_s + job->errorString()));
        const QStringList rows = rowsUnder(job->binaryData(), count);
        if (rows.size() != count)
            return void(fail(u"OpenSSL failed with the key from the keychain."_s));
        model.setStringList(rows);
    });
    job->start();
    return app.exec();
}
