#pragma once

// duo_auth.py under /usr/bin/python3: the real duo_client.Auth (python3-duo-client) talking to
// a running twofold-server over HTTPS, one JSON line per request and per answer.

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTest>

namespace twofold::test {

class DuoScript final
{
    Q_DISABLE_COPY_MOVE(DuoScript)

public:
    static constexpr int callTimeoutMs = 90'000; // a bound for a hung call, never a wait for time

    DuoScript(const QString &ikey, const QString &skey, quint16 port, const QString &caCerts)
        : m_arguments { QStringLiteral(TWOFOLD_DUO_AUTH_PY),
                        QStringLiteral("--ikey"),
                        ikey,
                        QStringLiteral("--skey"),
                        skey,
                        QStringLiteral("--port"),
                        QString::number(port),
                        QStringLiteral("--ca-certs"),
                        caCerts }
    {
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                         [this] { readAnswers(); });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process, [this] {
            m_errors += QString::fromUtf8(m_process.readAllStandardError());
        });
    }
    ~DuoScript()
    {
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10'000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    // Python must be /usr/bin/python3 with Debian's duo_client: a missing one fails the test.
    bool start()
    {
        m_process.start(QStringLiteral("/usr/bin/python3"), m_arguments);
        return m_process.waitForStarted(callTimeoutMs);
    }

    // Sends one request; returns its id for waitSent() and result().
    int send(const QString &call, const QJsonObject &args = {})
    {
        const int id = ++m_lastId;
        const QJsonObject request { { QStringLiteral("id"), id },
                                    { QStringLiteral("call"), call },
                                    { QStringLiteral("args"), args } };
        m_process.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
        return id;
    }
    // Waits until the request's bytes have left for the server (or the script ended).
    bool waitSent(int id, int timeoutMs = callTimeoutMs)
    {
        static_cast<void>(
            QTest::qWaitFor([&] { return m_sent.contains(id) || finished(); }, timeoutMs));
        return m_sent.contains(id);
    }
    bool hasResult(int id) const { return m_results.contains(id); }
    // The request's answer; {"ok": false, "error": ...} when none came.
    QJsonObject result(int id, int timeoutMs = callTimeoutMs)
    {
        static_cast<void>(
            QTest::qWaitFor([&] { return m_results.contains(id) || finished(); }, timeoutMs));
        if (m_results.contains(id))
            return m_results.take(id);
        return { { QStringLiteral("ok"), false },
                 { QStringLiteral("error"),
                   finished()
                       ? QStringLiteral("duo_auth.py ended (status %1)").arg(m_process.exitCode())
                       : QStringLiteral("no answer in time") } };
    }
    QJsonObject call(const QString &call, const QJsonObject &args = {})
    {
        return result(send(call, args));
    }

    // For QVERIFY2: an answer and what Python wrote to stderr.
    QByteArray describe(const QJsonObject &answer) const
    {
        return QJsonDocument(answer).toJson(QJsonDocument::Compact)
            + "\nduo_auth.py stderr: " + m_errors.toUtf8();
    }
    QString errors() const { return m_errors; }

private:
    bool finished()
    {
        readAnswers();
        return m_process.state() == QProcess::NotRunning && !m_process.canReadLine();
    }
    void readAnswers()
    {
        while (m_process.canReadLine()) {
            const QJsonObject line = QJsonDocument::fromJson(m_process.readLine()).object();
            const int id = line.value(QStringLiteral("id")).toInt();
            if (line.value(QStringLiteral("sent")).toBool())
                m_sent.insert(id);
            else if (line.contains(QStringLiteral("ok")))
                m_results.insert(id, line);
        }
    }

    QStringList m_arguments;
    QProcess m_process;
    QString m_errors;
    int m_lastId = 0;
    QSet<int> m_sent;
    QHash<int, QJsonObject> m_results;
};

} // namespace twofold::test
