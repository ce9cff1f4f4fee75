#include "secretbox.h"

#include "crypto/aesgcm.h"
#include "crypto/hmac.h"
#include "crypto/random.h"

#include <QFile>
#include <QFileDevice>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace twofold::server {

namespace {
const QString prefix = u"v1:"_s;
}

SecretBox::SecretBox(QByteArray key)
    : m_key(std::move(key))
    , m_digestKey(hmac(HashAlgorithm::Sha256, m_key, "twofold digest key").value_or(QByteArray()))
{
}

QString SecretBox::digest(QByteArrayView value) const
{
    return QString::fromLatin1(
        hmac(HashAlgorithm::Sha256, m_digestKey, value).value_or(QByteArray()).toHex());
}

Result<SecretBox> SecretBox::fromKey(QByteArray key)
{
    if (key.size() != keySize)
        return Error { ErrorCode::Config, u"The server key must be %1 bytes."_s.arg(keySize) };
    return SecretBox(std::move(key));
}

Result<SecretBox> SecretBox::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error { ErrorCode::Config,
                       u"Cannot read the server key %1: %2. Run twofold-server init first."_s.arg(
                           path, file.errorString()) };
    }
    const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
        | QFileDevice::WriteOther;
    if (file.permissions() & others) {
        return Error {
            ErrorCode::Config,
            u"The server key %1 can be read by other users; make it mode 0600 (chmod 600)."_s.arg(
                path)
        };
    }
    QByteArray key = QByteArray::fromBase64(file.readAll().trimmed());
    return fromKey(std::move(key));
}

Result<SecretBox> SecretBox::create(const QString &path)
{
    if (QFile::exists(path))
        return Error { ErrorCode::AlreadyExists, u"The server key %1 exists already."_s.arg(path) };
    auto key = randomBytes(keySize);
    if (!key)
        return key.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(key->toBase64() + '\n') < 0 || !file.commit()) {
        return Error { ErrorCode::Io,
                       u"Cannot write the server key %1: %2"_s.arg(path, file.errorString()) };
    }
    return SecretBox(*key);
}

Result<QString> SecretBox::seal(QByteArrayView plaintext, QByteArrayView context) const
{
    auto sealed = aesGcmSeal(m_key, plaintext, context);
    if (!sealed)
        return sealed.error();
    return QString(prefix
                   + QString::fromLatin1(
                       QByteArray(sealed->nonce + sealed->ciphertext + sealed->tag).toBase64()));
}

Result<QByteArray> SecretBox::open(const QString &sealed, QByteArrayView context) const
{
    const QByteArray raw = QByteArray::fromBase64(sealed.mid(prefix.size()).toLatin1());
    if (!sealed.startsWith(prefix) || raw.size() < 12 + 16) {
        return Error { ErrorCode::Crypto, u"A stored secret is damaged."_s };
    }
    auto opened
        = aesGcmOpen(m_key, raw.first(12), raw.sliced(12, raw.size() - 28), raw.last(16), context);
    if (!opened) {
        return Error {
            ErrorCode::Crypto,
            u"A stored secret does not open with the server key: the key file is not the "
            "one this database was made with, or the row was changed."_s
        };
    }
    return opened;
}

} // namespace twofold::server
