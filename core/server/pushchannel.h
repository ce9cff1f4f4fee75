#pragma once

#include "client/pushchallenge.h"
#include "context.h"
#include "crypto/eckey.h"
#include "verifier.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace twofold::server {

class Directory;
class Enrollment;

// A device request's signed parts, as the HTTP layer read them.
struct DeviceRequest
{
    QByteArray method; // "GET"
    QByteArray target; // the path and "?query", exactly as sent
    QByteArray body;
    QString deviceId; // X-Twofold-Device
    QByteArray timestamp; // X-Twofold-Timestamp
    QByteArray signature; // X-Twofold-Signature, base64
};

// An active device whose request signature has been checked.
struct Device
{
    QString id;
    QString userId;
    QString username;
    QString name;
    qint64 lastSeen = 0;
    EcKey key;
};

struct DeviceActivation
{
    QString deviceId;
    QString username;
    QByteArray serverPublicKey; // PEM
};

// The server side of push, without HTTP: activation, request signatures, the challenges a
// device may see (signed with the server's key) and its signed answers. The protocol strings
// are PushProtocol's (core/client), shared with the device client.
class PushChannel final
{
    Q_DISABLE_COPY_MOVE(PushChannel)

public:
    PushChannel(Context &context, Directory &directory, Enrollment &enrollment, Verifier &verifier,
                EcKey serverKey);

    // The one-time code is the credential: single use, unexpired, looked up by its digest.
    Result<DeviceActivation> activate(const QString &code, const QString &name,
                                      QByteArrayView publicKeyPem, const QString &clientIp);
    // Checks the headers, the signature over the request and the ±60 s window.
    // DeviceRevoked for an unknown or revoked device, ClockSkew outside the window.
    Result<Device> authenticate(const DeviceRequest &request);
    // DeviceRevoked once the device has been revoked (for parked polls).
    Result<void> checkActive(const QString &deviceId);
    // Records that the device polled; writes at most once a minute per device.
    void touch(const Device &device);
    // The open push requests the device may answer, each signed for this device.
    Result<QList<client::PushChallenge>> challenges(const Device &device);
    // body: {txid, answer, number, timestamp, signature}; the signature (base64 DER) covers
    // PushProtocol::answerCanonical. Rejections are audited.
    Result<AuthOutcome> answer(const Device &device, const QJsonObject &body);
    Result<void> revoke(const Device &device);

    // For waking parked polls: the user a device or a push transaction belongs to.
    QString userOfDevice(const QString &deviceId);
    QString userOfPush(const QString &txid);

    QByteArray serverPublicKey() const { return m_serverKey.publicPem(); }

private:
    Result<void> checkTimestamp(qint64 timestamp) const;
    void auditRejected(const Device &device, const QString &txid, const Error &error);

    Context &m_context;
    Directory &m_directory;
    Enrollment &m_enrollment;
    Verifier &m_verifier;
    EcKey m_serverKey;
    QHash<QString, std::pair<QString, EcKey>> m_keys; // device id -> (PEM, parsed key)
};

} // namespace twofold::server
