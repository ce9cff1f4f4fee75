#pragma once

#include "result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace twofold {

// An ECDSA P-256 key pair, or a public key alone: push devices sign their answers with one and
// the server checks them. Copies share the key; every member is const and thread-safe.
class EcKey final
{
public:
    static Result<EcKey> generate();
    static Result<EcKey> fromPrivatePem(QByteArrayView pem); // PKCS#8 or SEC1, unencrypted
    static Result<EcKey> fromPublicPem(QByteArrayView pem); // SubjectPublicKeyInfo
    static Result<EcKey> fromPublicDer(QByteArrayView der); // SubjectPublicKeyInfo
    static Result<EcKey> fromCertificatePem(QByteArrayView certPem); // the key an X.509 cert holds

    bool hasPrivateKey() const;
    // Unencrypted PKCS#8 PEM, empty for a public key. The caller scrubs it when done.
    QByteArray privatePem() const;
    QByteArray publicPem() const;
    QByteArray publicDer() const;

    // ECDSA with SHA-256; the signature is DER (the form `openssl dgst -sign` writes).
    Result<QByteArray> sign(QByteArrayView message) const;
    // False for a wrong signature and for any malformed input alike.
    bool verify(QByteArrayView message, QByteArrayView signature) const;

private:
    friend class EcKeyNative;
    struct State;
    explicit EcKey(std::shared_ptr<State> state);
    std::shared_ptr<State> m_state;
};

} // namespace twofold
