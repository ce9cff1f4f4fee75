#include "client/pushdevice.h"

#include "client/pinnedcertificate.h"
#include "client/pushprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace twofold::client {

namespace {

constexpr qint64 maxResponseBytes = 1024 * 1024;

// Server-made ids travel back in the "seen" query: letters and digits only.
bool isPlainId(const QString &id)
{
    return !id.isEmpty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](QChar c) {
        return c.unicode() < 128 && c.isLetterOrNumber();
    });
}

QJsonObject readJson(QNetworkReply *reply)
{
    return QJsonDocument::fromJson(reply->read(maxResponseBytes)).object();
}

QJsonObject responseOf(const QJsonObject &body)
{
    return body.value(u"response"_s).toObject();
}

} // namespace

int RetrySchedule::delayMs(int attempt) const
{
    const qint64 base = std::min<qint64>(
        maxDelayMs, qint64(std::max(initialDelayMs, 1)) << std::clamp(attempt, 0, 30));
    const double share
        = jitter ? std::clamp(jitter(), 0.0, 1.0) : QRandomGenerator::global()->generateDouble();
    return int(base / 2 + qint64(share * double(base - base / 2)));
}

PushDevice::PushDevice(EcKey key, const Clock *clock, QObject *parent)
    : PushDevice(std::move(key), PushRegistration {}, clock, parent)
{
}

PushDevice::PushDevice(EcKey key, PushRegistration registration, const Clock *clock,
                       QObject *parent)
    : QObject(parent)
    , m_key(std::move(key))
    , m_registration(std::move(registration))
    , m_clock(clock ? *clock : m_systemClock)
{
    if (auto serverKey = EcKey::fromPublicPem(m_registration.serverPublicKey))
        m_serverKey = *serverKey;
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &PushDevice::poll);
}

PushDevice::~PushDevice()
{
    m_running = false;
    dropPoll();
}

void PushDevice::dropPoll()
{
    QNetworkReply *reply = m_poll;
    m_poll = nullptr;
    // A reply that has failed already (a woken poll not yet delivered) must not abort twice.
    if (reply && !reply->isFinished() && reply->error() == QNetworkReply::NoError)
        reply->abort();
}

void PushDevice::setRetrySchedule(RetrySchedule schedule)
{
    m_schedule = std::move(schedule);
}

QString PushDevice::answerName(Answer answer)
{
    switch (answer) {
    case Answer::Approve:
        return u"approve"_s;
    case Answer::Deny:
        return u"deny"_s;
    case Answer::Fraud:
        return u"fraud"_s;
    }
    return {};
}

void PushDevice::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

QNetworkReply *PushDevice::send(const QByteArray &method, const QString &path, const QString &query,
                                const QByteArray &body, bool sign, int timeoutMs)
{
    QUrl url = m_registration.serverUrl;
    url.setPath(url.path() + path);
    if (!query.isEmpty())
        url.setQuery(query, QUrl::StrictMode);
    QNetworkRequest request(url);
    PinnedCertificate::prepare(request);
    request.setTransferTimeout(timeoutMs);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    if (sign) {
        const qint64 now = m_clock.currentSecsSinceEpoch();
        QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
        if (url.hasQuery())
            target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
        auto signature = m_key.sign(PushProtocol::requestCanonical(method, target, now, body));
        if (!signature)
            return nullptr;
        request.setRawHeader(PushProtocol::deviceHeader, m_registration.deviceId.toLatin1());
        request.setRawHeader(PushProtocol::timestampHeader, QByteArray::number(now));
        request.setRawHeader(PushProtocol::signatureHeader, signature->toBase64());
    }
    ++m_requests;
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    PinnedCertificate::enforce(reply, m_registration.fingerprint);
    return reply;
}

Error PushDevice::errorOf(QNetworkReply *reply, const QJsonObject &body) const
{
    if (PinnedCertificate::refused(reply)) {
        const QByteArray actual = PinnedCertificate::refusedFingerprint(reply);
        return Error { ErrorCode::CertificateChanged,
                       u"The server's certificate has changed since this device was activated "
                       u"(expected SHA-256 %1…, got %2…). If the server's administrator replaced "
                       u"it, activate this device again; otherwise someone may be intercepting "
                       u"the connection."_s.arg(
                           QString::fromLatin1(m_registration.fingerprint.left(16)),
                           actual.isEmpty() ? u"none"_s : QString::fromLatin1(actual.left(16))) };
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return Error { ErrorCode::Io,
                       u"Cannot reach the server at %1: %2"_s.arg(
                           m_registration.serverUrl.toString(), reply->errorString()) };
    const QString message = body.value(u"message"_s).toString();
    const int code = body.value(u"code"_s).toInt();
    const ErrorCode kind = code == 40102 ? ErrorCode::DeviceRevoked
        : code == 40104                  ? ErrorCode::ClockSkew
        : status == 401                  ? ErrorCode::NotAuthenticated
        : status == 403                  ? ErrorCode::PermissionDenied
        : status == 404                  ? ErrorCode::NotFound
        : status == 410                  ? ErrorCode::CodeRejected
        : status == 400                  ? ErrorCode::InvalidArgument
                                         : ErrorCode::Io;
    return Error { kind,
                   message.isEmpty() ? u"The server answered with HTTP status %1."_s.arg(status)
                                     : message };
}

void PushDevice::activate(const ActivationLink &link, const QString &deviceName)
{
    m_registration = PushRegistration { link.serverUrl, link.fingerprint, {}, {}, {} };
    m_serverKey.reset();
    setState(State::Activating);
    const QByteArray payload
        = QJsonDocument(QJsonObject {
                            { u"code"_s, link.code },
                            { u"name"_s, deviceName },
                            { u"public_key"_s, QString::fromLatin1(m_key.publicPem()) },
                        })
              .toJson(QJsonDocument::Compact);
    QNetworkReply *reply = send("POST"_ba, u"/v1/device/activate"_s, {}, payload, false,
                                m_schedule.requestTimeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QJsonObject body = readJson(reply);
        const auto fail = [this](const QString &reason) {
            setState(State::Inactive);
            emit failed(reason);
        };
        if (reply->error() != QNetworkReply::NoError) {
            const Error error = errorOf(reply, body);
            if (error.code == ErrorCode::CertificateChanged)
                emit certificateChanged(m_registration.fingerprint,
                                        PinnedCertificate::refusedFingerprint(reply));
            return fail(error.message);
        }
        const QJsonObject response = responseOf(body);
        const QByteArray serverKeyPem
            = response.value(u"server_public_key"_s).toString().toLatin1();
        // The server signs challenges with its TLS key: the one in the pinned certificate.
        const auto fromCertificate
            = EcKey::fromCertificatePem(reply->sslConfiguration().peerCertificate().toPem());
        const auto given = EcKey::fromPublicPem(serverKeyPem);
        if (!fromCertificate || !given || fromCertificate->publicDer() != given->publicDer())
            return fail(u"The server's signing key is not the key of its pinned certificate; "
                        u"this device was not activated."_s);
        const QString deviceId = response.value(u"device_id"_s).toString();
        if (!isPlainId(deviceId))
            return fail(u"The server did not return a device id; this device was not activated."_s);
        m_registration.deviceId = deviceId;
        m_registration.username = response.value(u"user"_s).toString();
        m_registration.serverPublicKey = given->publicPem();
        m_serverKey = *given;
        setState(State::Inactive);
        emit activated(deviceId);
    });
}

void PushDevice::start()
{
    if (!m_registration.isActivated() || !m_serverKey) {
        emit failed(u"This device is not activated; scan an activation QR code first."_s);
        return;
    }
    if (m_running)
        return;
    m_running = true;
    m_synced = false;
    m_attempt = 0;
    m_quiet = 0;
    setState(State::Connecting);
    poll();
}

void PushDevice::stop()
{
    m_running = false;
    m_pollTimer.stop();
    dropPoll();
    if (m_state != State::Revoked)
        setState(State::Inactive);
}

void PushDevice::reconnect()
{
    if (!m_running)
        return;
    m_pollTimer.stop();
    dropPoll();
    m_synced = false;
    m_attempt = 0;
    m_quiet = 0;
    setState(State::Connecting);
    poll();
}

void PushDevice::poll()
{
    if (!m_running)
        return;
    // Without "seen" the server answers at once (the first poll of a connection); with it, the
    // server holds the poll until the open challenges differ from the ones seen.
    QString query;
    if (m_synced) {
        QStringList seen = m_listed;
        seen.sort();
        query = u"seen="_s + seen.join(u',');
    }
    m_pollStarted.start();
    QNetworkReply *reply
        = send("GET"_ba, u"/v1/device/challenges"_s, query, {}, true, m_schedule.pollTimeoutMs);
    if (!reply) {
        retryLater(u"The device key cannot sign requests."_s);
        return;
    }
    m_poll = reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { pollFinished(reply); });
}

void PushDevice::retryLater(const QString &reason)
{
    m_synced = false;
    const int delay = m_schedule.delayMs(m_attempt++);
    setState(State::Retrying);
    m_pollTimer.start(delay);
    emit retrying(delay, reason);
}

void PushDevice::becomeRevoked()
{
    m_running = false;
    m_pollTimer.stop();
    dropPoll();
    const QStringList open = m_open.keys();
    m_open.clear();
    m_listed.clear();
    if (m_state == State::Revoked)
        return;
    setState(State::Revoked);
    emit revoked();
    for (const QString &txid : open)
        emit challengeClosed(txid);
}

void PushDevice::pollFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_poll || !m_running)
        return; // stopped, or superseded by a newer poll
    m_poll = nullptr;
    const QJsonObject body = readJson(reply);
    if (reply->error() != QNetworkReply::NoError) {
        const Error error = errorOf(reply, body);
        if (error.code == ErrorCode::DeviceRevoked)
            return becomeRevoked();
        if (error.code == ErrorCode::CertificateChanged)
            emit certificateChanged(m_registration.fingerprint,
                                    PinnedCertificate::refusedFingerprint(reply));
        return retryLater(error.message);
    }

    QStringList listed;
    QHash<QString, PushChallenge> open;
    QList<PushChallenge> arrived;
    QList<std::pair<QString, QString>> rejected;
    const QJsonArray challenges = responseOf(body).value(u"challenges"_s).toArray();
    for (const QJsonValue &value : challenges) {
        const QString txid = value.toObject().value(u"txid"_s).toString();
        if (!isPlainId(txid) || listed.contains(txid))
            continue;
        listed << txid;
        if (m_open.contains(txid)) {
            open.insert(txid, m_open.value(txid));
            continue;
        }
        if (m_rejected.contains(txid))
            continue;
        auto challenge = PushChallenge::fromJson(value.toObject());
        QString problem;
        if (!challenge)
            problem = challenge.error().message;
        else if (challenge->deviceId != m_registration.deviceId)
            problem = u"The sign-in request was made for another device."_s;
        else if (!challenge->verify(*m_serverKey))
            problem = u"The sign-in request does not carry the server's signature."_s;
        if (!problem.isEmpty()) {
            rejected.append({ txid, problem });
            continue;
        }
        open.insert(txid, *challenge);
        arrived.append(*challenge);
    }
    QStringList closed;
    for (auto it = m_open.cbegin(); it != m_open.cend(); ++it) {
        if (!open.contains(it.key()))
            closed << it.key();
    }
    QSet<QString> stillRejected;
    for (const QString &txid : std::as_const(m_rejected)) {
        if (listed.contains(txid))
            stillRejected.insert(txid);
    }
    for (const auto &[txid, problem] : std::as_const(rejected))
        stillRejected.insert(txid);

    QStringList before = m_listed;
    before.sort();
    QStringList after = listed;
    after.sort();
    const bool news = !m_synced || before != after;
    m_open = open;
    m_listed = listed;
    m_rejected = stillRejected;
    m_synced = true;
    m_attempt = 0;
    // The next poll is scheduled before anyone hears of this one, so a slot may stop() it.
    int delay = 0;
    if (news || m_pollStarted.elapsed() >= m_schedule.quietPollMs)
        m_quiet = 0;
    else
        delay = m_schedule.delayMs(m_quiet++);
    m_pollTimer.start(delay);
    setState(State::Connected);
    if (delay > 0)
        emit pollDelayed(delay);
    for (const QString &txid : std::as_const(closed))
        emit challengeClosed(txid);
    for (const auto &[txid, problem] : std::as_const(rejected))
        emit challengeRejected(txid, problem);
    for (const PushChallenge &challenge : std::as_const(arrived))
        emit challengeReceived(challenge);
}

void PushDevice::answer(const QString &txid, Answer answer, int number)
{
    const qint64 now = m_clock.currentSecsSinceEpoch();
    const QString name = answerName(answer);
    auto signature = m_key.sign(PushProtocol::answerCanonical(txid, name, number, now));
    if (!signature || !m_registration.isActivated()) {
        emit answerFailed(txid, u"This device is not activated or its key cannot sign."_s);
        return;
    }
    const QByteArray payload
        = QJsonDocument(
              QJsonObject { { u"txid"_s, txid },
                            { u"answer"_s, name },
                            { u"number"_s, number },
                            { u"timestamp"_s, now },
                            { u"signature"_s, QString::fromLatin1(signature->toBase64()) } })
              .toJson(QJsonDocument::Compact);
    QNetworkReply *reply
        = send("POST"_ba, u"/v1/device/answer"_s, {}, payload, true, m_schedule.requestTimeoutMs);
    if (!reply) {
        emit answerFailed(txid, u"The device key cannot sign requests."_s);
        return;
    }
    connect(reply, &QNetworkReply::finished, this, [this, reply, txid] {
        reply->deleteLater();
        const QJsonObject body = readJson(reply);
        if (reply->error() != QNetworkReply::NoError) {
            const Error error = errorOf(reply, body);
            emit answerFailed(txid, error.message);
            if (error.code == ErrorCode::DeviceRevoked)
                becomeRevoked();
            return;
        }
        const QJsonObject response = responseOf(body);
        emit answered(txid, response.value(u"result"_s).toString(),
                      response.value(u"status_msg"_s).toString());
    });
}

void PushDevice::revoke()
{
    QNetworkReply *reply = m_registration.isActivated()
        ? send("DELETE"_ba, u"/v1/device"_s, {}, {}, true, m_schedule.requestTimeoutMs)
        : nullptr;
    if (!reply) {
        emit revokeFailed(u"This device is not activated or its key cannot sign."_s);
        return;
    }
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QJsonObject body = readJson(reply);
        if (reply->error() != QNetworkReply::NoError) {
            const Error error = errorOf(reply, body);
            if (error.code == ErrorCode::DeviceRevoked)
                return becomeRevoked(); // revoked already: the wish is granted
            emit revokeFailed(error.message);
            return;
        }
        becomeRevoked();
    });
}

void PushDevice::requestServerTime()
{
    QNetworkReply *reply
        = send("GET"_ba, u"/v1/time"_s, {}, {}, false, m_schedule.requestTimeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QJsonObject body = readJson(reply);
        const QJsonValue time = responseOf(body).value(u"time"_s);
        if (reply->error() == QNetworkReply::NoError && time.isDouble())
            emit serverTimeReceived(time.toInteger(), m_clock.currentSecsSinceEpoch());
    });
}

} // namespace twofold::client
