#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

// Runs a program as a shell would (stdin given and closed), for tests of real binaries.
struct ProgramRun
{
    int exitCode = -1;
    QString out;
    QString err;
    QString failure; // set when the process did not start or did not end normally

    bool ok() const { return failure.isEmpty() && exitCode == 0; }
    // For QVERIFY2: what ran and what it printed.
    QByteArray describe(const QStringList &arguments) const
    {
        return QStringLiteral("%1 -> %2 %3\nstdout: %4\nstderr: %5")
            .arg(arguments.join(u' '), QString::number(exitCode), failure, out, err)
            .toUtf8();
    }
};

inline ProgramRun runProgram(const QString &program, const QStringList &arguments,
                             const QByteArray &input = {})
{
    constexpr int timeoutMs = 120'000; // a bound for a hung child, never a wait for time to pass
    ProgramRun run;
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(timeoutMs)) {
        run.failure = QStringLiteral("could not start %1: %2").arg(program, process.errorString());
        return run;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel(); // "-" must see end of input, never wait for a terminal
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.failure = QStringLiteral("%1 did not finish in time").arg(program);
        return run;
    }
    if (process.exitStatus() != QProcess::NormalExit)
        run.failure = QStringLiteral("%1 crashed").arg(program);
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}
