#pragma once
// Runs programs from tests (the backprop-studio executable as a user's script would, compilers,
// Python) and judges the CLI's stderr: a failure is one short `error:` line, and nothing ever
// ends by a signal or hangs.

#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace bps::test {

struct CliRun {
    bool finished = false;  // within the time limit
    bool crashed = false;   // ended by a signal
    int exitCode = -1;      // -1 when it did not finish, -2 when it crashed
    QString out, err;
    qint64 milliseconds = 0;
};

// Runs `program` to its end (killed after `timeoutMs`) and keeps everything it printed.
inline CliRun runProcess(const QString& program, const QStringList& args, int timeoutMs = 60'000) {
    CliRun r;
    QProcess process;
    QElapsedTimer clock;
    clock.start();
    process.start(program, args);
    r.finished = process.waitForFinished(timeoutMs);
    if (!r.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    r.milliseconds = clock.elapsed();
    r.crashed = r.finished && process.exitStatus() == QProcess::CrashExit;
    r.exitCode = !r.finished ? -1 : r.crashed ? -2 : process.exitCode();
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    if (!r.finished) r.err += program + QStringLiteral(" did not finish or did not start");
    return r;
}

inline CliRun runCli(const QStringList& args, int timeoutMs = 60'000,
                     const QString& program = QStringLiteral(BPS_CLI)) {
    return runProcess(program, args, timeoutMs);
}

// What is wrong with the run's stderr for a run that should end with `exitCode`, where `name`
// must start the error (the file it is about) and `message` must be in the error line (exit 1)
// or in stderr (exit 0); an empty string when all is well.
inline QString judgeRun(const CliRun& r, int exitCode, const QString& name,
                        const QString& message) {
    if (!r.finished) return QStringLiteral("no exit within the time limit");
    if (r.crashed) return QStringLiteral("ended by a signal; stderr:\n") + r.err;
    if (r.exitCode != exitCode)
        return QStringLiteral("exit code %1, expected %2; stderr:\n%3")
            .arg(r.exitCode)
            .arg(exitCode)
            .arg(r.err);
    const QStringList lines = r.err.split('\n', Qt::SkipEmptyParts);
    QStringList errors;
    for (const QString& line : lines) {
        if (line.size() > 400)
            return QStringLiteral("a stderr line of %1 characters").arg(line.size());
        if (line.startsWith(QLatin1String("error: ")))
            errors << line;
        else if (!line.startsWith(QLatin1String("warning: ")))
            return QStringLiteral("stderr has a line that is neither error nor warning: ") + line;
    }
    if (exitCode == 0) {
        if (!errors.isEmpty()) return QStringLiteral("an error line on success: ") + errors.front();
        if (!message.isEmpty() && !r.err.contains(message))
            return QStringLiteral("stderr lacks '%1':\n%2").arg(message, r.err);
        return {};
    }
    if (errors.size() != 1)
        return QStringLiteral("%1 error lines:\n%2").arg(errors.size()).arg(r.err);
    if (lines.back() != errors.front()) return QStringLiteral("the error is not the last line");
    if (!errors.front().startsWith(QStringLiteral("error: ") + name + ": "))
        return QStringLiteral("the error does not start with the file name '%1': %2")
            .arg(name, errors.front());
    if (!errors.front().contains(message))
        return QStringLiteral("the error lacks '%1': %2").arg(message, errors.front());
    return {};
}

}  // namespace bps::test
