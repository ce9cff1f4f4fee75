#include "crypto/certificate.h"

#include "crypto/eckey_p.h"
#include "crypto/random.h"

#include <QUrl>

#include <climits>
#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace twofold {

namespace {

using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;
using Names = std::unique_ptr<GENERAL_NAMES, decltype(&GENERAL_NAMES_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

constexpr int maxValidDays = 100 * 366;
constexpr int commonNameLimit = 64; // RFC 5280's ub-common-name
constexpr long notBeforeSlack = -3600;

Error invalid(const QString &message)
{
    return Error { ErrorCode::InvalidArgument, message };
}

// A DNS name as it goes into the certificate: ASCII (IDNA for others), no empty labels.
Result<QByteArray> dnsNameForCertificate(const QString &name)
{
    const QByteArray ace = QUrl::toAce(name.trimmed());
    bool ok = !ace.isEmpty() && ace.size() <= 253 && !ace.startsWith('.') && !ace.endsWith('.')
        && !ace.contains("..");
    for (const char c : ace) {
        ok = ok
            && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '*');
    }
    if (!ok)
        return invalid(u"\"%1\" is not a host name that can go into a certificate."_s.arg(name));
    return ace;
}

bool addName(GENERAL_NAMES *names, int type, ASN1_STRING *value)
{
    GENERAL_NAME *name = GENERAL_NAME_new();
    if (!name || !value) {
        GENERAL_NAME_free(name);
        ASN1_STRING_free(value);
        return false;
    }
    GENERAL_NAME_set0_value(name, type, value);
    if (!sk_GENERAL_NAME_push(names, name)) {
        GENERAL_NAME_free(name);
        return false;
    }
    return true;
}

// Fixed extension values only: nothing from the caller is parsed as OpenSSL configuration.
bool addExtension(X509 *cert, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    const bool added = extension && X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
    return added;
}

bool setRandomSerial(X509 *cert)
{
    Result<QByteArray> random = randomBytes(16);
    if (!random)
        return false;
    (*random)[0] = static_cast<char>((random->at(0) & 0x7f) | 0x40); // positive, full 16 bytes
    BIGNUM *number = BN_bin2bn(reinterpret_cast<const unsigned char *>(random->constData()),
                               static_cast<int>(random->size()), nullptr);
    ASN1_INTEGER *serial = number ? BN_to_ASN1_INTEGER(number, nullptr) : nullptr;
    const bool set = serial && X509_set_serialNumber(cert, serial);
    ASN1_INTEGER_free(serial);
    BN_free(number);
    return set;
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    struct tm parts = {};
    if (!ASN1_TIME_to_tm(time, &parts))
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

} // namespace

Result<SelfSignedCertificate> createSelfSignedCertificate(const EcKey &key,
                                                          const QStringList &dnsNames,
                                                          const QStringList &ipAddresses,
                                                          int validDays)
{
    if (!key.hasPrivateKey())
        return invalid(u"A self-signed certificate needs the private key, not a public key."_s);
    if (validDays < 1 || validDays > maxValidDays)
        return invalid(
            u"A certificate is valid for 1 to %1 days, not %2."_s.arg(maxValidDays).arg(validDays));
    if (dnsNames.isEmpty() && ipAddresses.isEmpty())
        return invalid(u"A server certificate needs at least one host name or IP address."_s);

    const Error failed { ErrorCode::Crypto, u"Creating the certificate failed in OpenSSL."_s };
    Names names(GENERAL_NAMES_new(), GENERAL_NAMES_free);
    if (!names)
        return failed;
    QByteArray commonName;
    for (const QString &dnsName : dnsNames) {
        Result<QByteArray> ace = dnsNameForCertificate(dnsName);
        if (!ace)
            return ace.error();
        ASN1_IA5STRING *value = ASN1_IA5STRING_new();
        if (value && !ASN1_STRING_set(value, ace->constData(), static_cast<int>(ace->size()))) {
            ASN1_IA5STRING_free(value);
            value = nullptr;
        }
        if (!addName(names.get(), GEN_DNS, value))
            return failed;
        if (commonName.isEmpty())
            commonName = *ace;
    }
    for (const QString &address : ipAddresses) {
        // a2i_IPADDRESS reads IPv4 and IPv6 text into the 4 or 16 bytes that X.509 stores.
        ASN1_OCTET_STRING *value = a2i_IPADDRESS(address.trimmed().toLatin1().constData());
        if (!value) {
            ERR_clear_error();
            return invalid(u"\"%1\" is not an IPv4 or IPv6 address."_s.arg(address));
        }
        if (!addName(names.get(), GEN_IPADD, value))
            return failed;
    }
    if (commonName.isEmpty())
        commonName = ipAddresses.first().trimmed().toLatin1();
    if (commonName.size() > commonNameLimit)
        commonName = "twofold-server"_ba; // clients match the subjectAltName, never the CN

    EVP_PKEY *pkey = EcKeyNative::pkey(key);
    Certificate cert(X509_new(), X509_free);
    X509_NAME *subject = cert ? X509_get_subject_name(cert.get()) : nullptr;
    const bool built = subject && X509_set_version(cert.get(), X509_VERSION_3)
        && setRandomSerial(cert.get())
        && X509_NAME_add_entry_by_txt(
                           subject, "CN", MBSTRING_UTF8,
                           reinterpret_cast<const unsigned char *>(commonName.constData()),
                           static_cast<int>(commonName.size()), -1, 0)
        && X509_set_issuer_name(cert.get(), subject)
        && X509_gmtime_adj(X509_getm_notBefore(cert.get()), notBeforeSlack)
        && X509_time_adj_ex(X509_getm_notAfter(cert.get()), validDays, 0, nullptr)
        && X509_set_pubkey(cert.get(), pkey)
        && addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE")
        && addExtension(cert.get(), NID_key_usage, "critical,digitalSignature")
        && addExtension(cert.get(), NID_ext_key_usage, "serverAuth")
        && addExtension(cert.get(), NID_subject_key_identifier, "hash")
        && addExtension(cert.get(), NID_authority_key_identifier, "keyid:always")
        && X509_add1_ext_i2d(cert.get(), NID_subject_alt_name, names.get(), 0, X509V3_ADD_DEFAULT)
            == 1
        && X509_sign(cert.get(), pkey, EVP_sha256()) > 0;
    if (!built) {
        ERR_clear_error();
        return failed;
    }

    SelfSignedCertificate result;
    const Bio bio(BIO_new(BIO_s_mem()), BIO_free);
    const int derLength = i2d_X509(cert.get(), nullptr);
    if (!bio || !PEM_write_bio_X509(bio.get(), cert.get()) || derLength <= 0) {
        ERR_clear_error();
        return failed;
    }
    char *pemData = nullptr;
    const long pemLength = BIO_get_mem_data(bio.get(), &pemData);
    result.pem = QByteArray(pemData, static_cast<qsizetype>(pemLength));
    result.der.resize(derLength);
    auto *cursor = reinterpret_cast<unsigned char *>(result.der.data());
    if (i2d_X509(cert.get(), &cursor) != derLength)
        return failed;
    result.notBefore = toDateTime(X509_get0_notBefore(cert.get()));
    result.notAfter = toDateTime(X509_get0_notAfter(cert.get()));
    return result;
}

QByteArray certificateSha256Fingerprint(QByteArrayView certPem)
{
    if (certPem.size() > INT_MAX)
        return {};
    const Bio bio(BIO_new_mem_buf(certPem.data(), static_cast<int>(certPem.size())), BIO_free);
    const Certificate cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr,
                           X509_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!cert || !X509_digest(cert.get(), EVP_sha256(), digest, &length)) {
        ERR_clear_error();
        return {};
    }
    return QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length))
        .toHex();
}

} // namespace twofold
