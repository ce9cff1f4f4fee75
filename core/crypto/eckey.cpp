#include "crypto/eckey.h"

#include "crypto/eckey_p.h"

#include <climits>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace Qt::StringLiterals;

namespace twofold {

struct EcKey::State
{
    EVP_PKEY *pkey = nullptr;
    bool hasPrivate = false;
    ~State() { EVP_PKEY_free(pkey); }
};

EcKey::EcKey(std::shared_ptr<State> state)
    : m_state(std::move(state))
{
}

namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

// A read-only BIO over the caller's bytes, or null when they do not fit OpenSSL's int length.
Bio readBio(QByteArrayView bytes)
{
    if (bytes.size() > INT_MAX)
        return Bio(nullptr, BIO_free);
    return Bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())), BIO_free);
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return length > 0 ? QByteArray(data, static_cast<qsizetype>(length)) : QByteArray();
}

// Refuses a passphrase: an encrypted PEM must fail here, never prompt on a terminal.
int noPassphrase(char *, int, int, void *)
{
    return 0;
}

bool isP256(EVP_PKEY *pkey)
{
    char group[64] = {};
    size_t length = 0;
    return EVP_PKEY_is_a(pkey, "EC") && EVP_PKEY_get_group_name(pkey, group, sizeof(group), &length)
        && QByteArrayView(group, static_cast<qsizetype>(length)) == SN_X9_62_prime256v1;
}

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

} // namespace

EVP_PKEY *EcKeyNative::pkey(const EcKey &key)
{
    return key.m_state->pkey;
}

Result<EcKey> EcKeyNative::adopt(EVP_PKEY *pkey, bool hasPrivate, const QString &what)
{
    ERR_clear_error(); // a failed parse leaves entries that would confuse a later OpenSSL caller
    if (!pkey) {
        return Error { ErrorCode::Crypto,
                       u"This is not a readable %1; an ECDSA P-256 key is expected."_s.arg(what) };
    }
    auto state = std::make_shared<EcKey::State>();
    state->pkey = pkey;
    state->hasPrivate = hasPrivate;
    if (!isP256(pkey)) {
        return Error { ErrorCode::Crypto,
                       u"The %1 does not hold an ECDSA P-256 key; only P-256 (prime256v1) is "
                       u"supported."_s.arg(what) };
    }
    return EcKey(std::move(state));
}

Result<EcKey> EcKey::generate()
{
    EVP_PKEY *pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", SN_X9_62_prime256v1);
    if (!pkey) {
        ERR_clear_error();
        return Error { ErrorCode::Crypto, u"Generating a P-256 key failed in OpenSSL."_s };
    }
    return EcKeyNative::adopt(pkey, true, u"generated key"_s);
}

Result<EcKey> EcKey::fromPrivatePem(QByteArrayView pem)
{
    const Bio bio = readBio(pem);
    EVP_PKEY *pkey
        = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr;
    return EcKeyNative::adopt(pkey, true, u"unencrypted PEM private key"_s);
}

Result<EcKey> EcKey::fromPublicPem(QByteArrayView pem)
{
    const Bio bio = readBio(pem);
    EVP_PKEY *pkey = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, noPassphrase, nullptr) : nullptr;
    return EcKeyNative::adopt(pkey, false, u"PEM public key"_s);
}

Result<EcKey> EcKey::fromPublicDer(QByteArrayView der)
{
    const unsigned char *cursor = bytes(der);
    EVP_PKEY *pkey = der.size() <= LONG_MAX
        ? d2i_PUBKEY(nullptr, &cursor, static_cast<long>(der.size()))
        : nullptr;
    // Trailing bytes after the structure mean this was not one public key.
    if (pkey && cursor != bytes(der) + der.size()) {
        EVP_PKEY_free(pkey);
        pkey = nullptr;
    }
    return EcKeyNative::adopt(pkey, false, u"DER public key"_s);
}

Result<EcKey> EcKey::fromCertificatePem(QByteArrayView certPem)
{
    const Bio bio = readBio(certPem);
    X509 *cert = bio ? PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr) : nullptr;
    EVP_PKEY *pkey = cert ? X509_get_pubkey(cert) : nullptr; // a new reference
    X509_free(cert);
    return EcKeyNative::adopt(pkey, false, u"PEM certificate"_s);
}

bool EcKey::hasPrivateKey() const
{
    return m_state->hasPrivate;
}

QByteArray EcKey::privatePem() const
{
    if (!m_state->hasPrivate)
        return {};
    // Secure memory is cleansed when the BIO is freed, so no copy of the key lingers there.
    const Bio bio(BIO_new(BIO_s_secmem()), BIO_free);
    if (!bio
        || !PEM_write_bio_PKCS8PrivateKey(bio.get(), m_state->pkey, nullptr, nullptr, 0, nullptr,
                                          nullptr)) {
        ERR_clear_error();
        return {};
    }
    return bioContents(bio.get());
}

QByteArray EcKey::publicPem() const
{
    const Bio bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || !PEM_write_bio_PUBKEY(bio.get(), m_state->pkey)) {
        ERR_clear_error();
        return {};
    }
    return bioContents(bio.get());
}

QByteArray EcKey::publicDer() const
{
    const int length = i2d_PUBKEY(m_state->pkey, nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, Qt::Uninitialized);
    auto *cursor = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_PUBKEY(m_state->pkey, &cursor) != length)
        return {};
    return der;
}

Result<QByteArray> EcKey::sign(QByteArrayView message) const
{
    if (!m_state->hasPrivate) {
        return Error { ErrorCode::Crypto,
                       u"This is a public key alone; signing needs the private key."_s };
    }
    const Error failed { ErrorCode::Crypto, u"ECDSA signing failed in OpenSSL."_s };
    const DigestContext context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    size_t length = 0;
    if (!context
        || !EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, m_state->pkey)
        || !EVP_DigestSign(context.get(), nullptr, &length, bytes(message),
                           static_cast<size_t>(message.size()))) {
        ERR_clear_error();
        return failed;
    }
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    // The first call gives the maximum length; the DER signature may come out shorter.
    if (!EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                        bytes(message), static_cast<size_t>(message.size()))) {
        ERR_clear_error();
        return failed;
    }
    signature.truncate(static_cast<qsizetype>(length));
    return signature;
}

bool EcKey::verify(QByteArrayView message, QByteArrayView signature) const
{
    const DigestContext context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const bool valid = context
        && EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, m_state->pkey) == 1
        && EVP_DigestVerify(context.get(), bytes(signature), static_cast<size_t>(signature.size()),
                            bytes(message), static_cast<size_t>(message.size()))
            == 1;
    ERR_clear_error(); // a malformed signature leaves decoder errors behind
    return valid;
}

} // namespace twofold
