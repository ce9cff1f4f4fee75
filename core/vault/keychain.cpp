#include "vault/keychain.h"

#include <QEventLoop>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace twofold::vault {

namespace {

QString serviceName()
{
    return u"Twofold"_s;
}

// Read by checkAvailable(); never written, so "not found" is the healthy answer.
QString probeEntry()
{
    return u"availability-probe"_s;
}

QString unavailableMessage()
{
    return u"No system keychain is reachable (no Secret Service on this desktop). Protect the "
           "vault with a password instead."_s;
}

void prepare(QKeychain::Job &job, const QString &entry)
{
    job.setKey(entry);
    job.setInsecureFallback(false); // never a plaintext file in place of the keychain
}

Error jobError(const QKeychain::Job &job, const QString &entry)
{
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return Error { ErrorCode::KeychainEntryNotFound,
                       u"The system keychain has no entry \"%1\"."_s.arg(entry) };
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Error { ErrorCode::KeychainUnavailable, unavailableMessage() };
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return Error { ErrorCode::Keychain,
                       u"The system keychain refused access to \"%1\". Allow Twofold when the "
                       "keychain asks, or unlock the vault with its password."_s.arg(entry) };
    case QKeychain::CouldNotDeleteEntry:
        return Error { ErrorCode::Keychain,
                       u"The system keychain could not delete \"%1\": %2"_s.arg(
                           entry, job.errorString()) };
    case QKeychain::NoError:
    case QKeychain::OtherError:
        break;
    }
    return Error { ErrorCode::Keychain,
                   u"The system keychain failed: %1. Unlock the vault with its password."_s.arg(
                       job.errorString()) };
}

// Probe answers: a missing entry still proves that a keychain answered.
bool probeSucceeded(const QKeychain::Job &job)
{
    return job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound;
}

QString probeMessage(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        return {};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return u"The system keychain refused access. Allow Twofold when it asks, or protect the "
               "vault with a password instead."_s;
    default:
        return unavailableMessage();
    }
}

// Runs a job that lives on the caller's stack until it has finished.
void runBlocking(QKeychain::Job &job)
{
    job.setAutoDelete(false); // the stack owns it; auto-delete would free it twice
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&finished, &loop] {
        finished = true;
        loop.quit();
    });
    job.start();
    if (!finished) // a backend may answer inside start()
        loop.exec(QEventLoop::ExcludeUserInputEvents);
}

} // namespace

Keychain::Keychain(QObject *parent)
    : QObject(parent)
{
}

// The asynchronous jobs below have no parent: the Secret Service backend calls back into a job
// when the daemon answers, so a job must outlive this object if it goes first (a push device
// revoked just before its window closes; CI saw that crash). Each job deletes itself once
// finished, and its connection to this object ends with this object.
void Keychain::checkAvailable()
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    prepare(*job, probeEntry());
    connect(job, &QKeychain::Job::finished, this,
            [this, job] { emit availabilityChecked(probeSucceeded(*job), probeMessage(*job)); });
    job->start();
}

void Keychain::readKey(const QString &entry)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    prepare(*job, entry);
    connect(job, &QKeychain::Job::finished, this, [this, job, entry] {
        if (job->error() == QKeychain::NoError)
            emit keyRead(entry, job->binaryData());
        else
            emit keyRead(entry, jobError(*job, entry));
    });
    job->start();
}

void Keychain::writeKey(const QString &entry, const QByteArray &key)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    prepare(*job, entry);
    job->setBinaryData(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, entry] {
        if (job->error() == QKeychain::NoError)
            emit keyWritten(entry, Result<void>());
        else
            emit keyWritten(entry, jobError(*job, entry));
    });
    job->start();
}

void Keychain::deleteKey(const QString &entry)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    prepare(*job, entry);
    connect(job, &QKeychain::Job::finished, this, [this, job, entry] {
        if (job->error() == QKeychain::NoError)
            emit keyDeleted(entry, Result<void>());
        else
            emit keyDeleted(entry, jobError(*job, entry));
    });
    job->start();
}

Result<QByteArray> Keychain::readKeyBlocking(const QString &entry)
{
    QKeychain::ReadPasswordJob job(serviceName());
    prepare(job, entry);
    runBlocking(job);
    if (job.error() != QKeychain::NoError)
        return jobError(job, entry);
    return job.binaryData();
}

Result<void> Keychain::writeKeyBlocking(const QString &entry, const QByteArray &key)
{
    QKeychain::WritePasswordJob job(serviceName());
    prepare(job, entry);
    job.setBinaryData(key);
    runBlocking(job);
    if (job.error() != QKeychain::NoError)
        return jobError(job, entry);
    return {};
}

Result<void> Keychain::deleteKeyBlocking(const QString &entry)
{
    QKeychain::DeletePasswordJob job(serviceName());
    prepare(job, entry);
    runBlocking(job);
    if (job.error() != QKeychain::NoError)
        return jobError(job, entry);
    return {};
}

} // namespace twofold::vault
