#pragma once

#include "crypto/hmac.h"
#include "result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace twofold::server {

// The parts of a PSKC file (RFC 6030) that importing tokens needs, read from the XML with
// every element and attribute type-checked, but nothing decrypted yet. Internal to PskcReader.
struct PskcDocument
{
    enum class Cipher {
        AesCbc, // xmlenc aes128-cbc, aes192-cbc, aes256-cbc: IV, then ciphertext
        AesKeyWrap, // xmlenc kw-aes128, kw-aes192, kw-aes256 (RFC 3394)
        Asymmetric, // RSA: for a private key we never hold
    };

    struct Encrypted
    {
        Cipher cipher = Cipher::AesCbc;
        qsizetype keyLength = 0; // bytes; 0 for Asymmetric
        QString algorithmName; // for messages ("aes128-cbc")
        QByteArray data; // the CipherValue
    };

    // One value of a key's Data (Secret, Counter, ...): plain or encrypted, maybe with a MAC.
    struct Value
    {
        bool present = false;
        QByteArray bytes; // the secret's PlainValue, Base64-decoded
        qint64 number = 0; // an integer PlainValue
        std::optional<Encrypted> encrypted;
        std::optional<QByteArray> mac; // ValueMAC
    };

    struct Key
    {
        int number = 0; // 1-based position of its KeyPackage
        QString label; // "key 2 (serial 123456)", for messages
        QString id;
        QString algorithm;
        QString issuer;
        QString serial;
        QString manufacturer;
        QString model;
        QString keyReference;
        bool hasKey = true; // false for a KeyPackage without a Key
        std::optional<int> length; // ResponseFormat Length
        QString encoding; // ResponseFormat Encoding
        bool checkDigits = false;
        QString suite;
        QString pinUsageMode;
        Value secret;
        Value counter;
        Value time;
        Value timeInterval;
        Value timeDrift;

        // Its Data values, with the names messages give them ("secret", "Counter", ...).
        template<typename F> void forEachValue(F &&visit)
        {
            visit(secret, QStringLiteral("secret"));
            visit(counter, QStringLiteral("Counter"));
            visit(time, QStringLiteral("Time"));
            visit(timeInterval, QStringLiteral("TimeInterval"));
            visit(timeDrift, QStringLiteral("TimeDrift"));
        }
        template<typename F> void forEachValue(F &&visit) const
        {
            const_cast<Key *>(this)->forEachValue(
                [&visit](const Value &value, const QString &name) { visit(value, name); });
        }
    };

    enum class Protection { None, PreSharedKey, DerivedKey, Asymmetric };

    struct Pbkdf2
    {
        QByteArray salt;
        int iterations = 0;
        qsizetype keyLength = 0; // 0: the key length of the cipher that uses it
        HashAlgorithm prf = HashAlgorithm::Sha1;
    };

    struct MacMethod
    {
        HashAlgorithm algorithm = HashAlgorithm::Sha1;
        std::optional<Encrypted> key; // absent: the encryption key is the MAC key
    };

    Protection protection = Protection::None;
    QString keyName; // KeyName or MasterKeyName: a hint for the person, never a secret
    std::optional<Pbkdf2> pbkdf2;
    std::optional<MacMethod> mac;
    QList<Key> keys;

    // Every encrypted value of every key, with the key it belongs to.
    template<typename F> void forEachEncrypted(F &&visit) const
    {
        for (const Key &key : keys) {
            key.forEachValue([&](const Value &value, const QString &) {
                if (value.encrypted)
                    visit(key, value);
            });
        }
    }
    // Whether a value is encrypted under a symmetric key, which the caller must supply.
    bool needsSymmetricKey() const;

    // For messages: a value from the file in quotes, cut short (never secret material), and a
    // phrase made the start of a sentence.
    static QString quoted(QStringView value, qsizetype limit = 60);
    static QString capitalised(QString text);

    static Result<PskcDocument> parse(QByteArrayView xml, qsizetype maxFileSize, qsizetype maxKeys);
};

} // namespace twofold::server
