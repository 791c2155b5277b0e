#pragma once
// Loads an exported model the way a user of each format would and writes its predictions for a
// CSV's rows: .json, .npz, .onnx and .py through tests/export/data/consume_model.py (numpy, onnx),
// .h compiled with gcc -std=c99 and strict warnings beside tests/export/data/predict_main.c.

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include "tests/common/run_process.h"

namespace bps::test {

// The system python has numpy and onnx (Debian packages); a pyenv one on PATH may not.
inline const QString kPython = QStringLiteral("/usr/bin/python3");
// Largest difference in probability allowed from float64 formats, and from ONNX's float32 graph.
constexpr double kDoubleTolerance = 1e-6;
constexpr double kFloatTolerance = 1e-5;

inline QString exportTestData(const QString& file) {
    return QStringLiteral(BPS_TESTS_DIR "/export/data/") + file;
}

inline bool writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

// Empty when the consumers are missing, else what to install.
inline QString missingConsumers() {
    const CliRun r = runProcess(kPython, {"-c", "import numpy, onnx"});
    if (r.exitCode != 0)
        return "/usr/bin/python3 needs numpy and onnx (apt-get install python3-numpy "
               "python3-onnx): " +
               r.err;
    if (runProcess("gcc", {"--version"}).exitCode != 0) return "gcc is not installed";
    return {};
}

// The predictions CSV the consumer of `format` ("json", "npz", "onnx", "c", "python") wrote for
// `rowsCsv` from `exported` (exported from the model file `modelJson`), or an empty string when
// it could not load or run it (with a warning saying why).
inline QString consumeExport(const QString& format, const QString& exported,
                             const QString& modelJson, const QString& rowsCsv) {
    const QString out = exported + ".predictions.csv";
    if (format != QLatin1String("c")) {
        const CliRun r = runProcess(kPython, {exportTestData("consume_model.py"), format, exported,
                                              modelJson, rowsCsv, out});
        if (r.exitCode != 0) qWarning().noquote() << "consume_model.py:" << r.err;
        return r.exitCode == 0 ? out : QString();
    }
    // The header as a user includes it: model.h beside their own main.c.
    QDir dir(exported + ".build");
    if (!dir.mkpath(".") || !QFile::copy(exported, dir.filePath("model.h")) ||
        !writeText(dir.filePath("include_only.c"),
                   "#include \"model.h\"\nint main(void) { return 0; }\n"))
        return {};
    const QStringList strict = {"-std=c99",  "-Wall",    "-Wextra",      "-Werror",
                                "-pedantic", "-Wshadow", "-Wconversion", "-Wstrict-prototypes"};
    // Nothing used: no unused-function or unused-variable warnings either.
    CliRun r =
        runProcess("gcc", strict + QStringList{"-fsyntax-only", dir.filePath("include_only.c")});
    if (r.exitCode == 0) {
        r = runProcess(
            "gcc", strict + QStringList{"-O2", "-I", dir.path(), exportTestData("predict_main.c"),
                                        "-o", dir.filePath("predict"), "-lm"});
    }
    if (r.exitCode == 0) r = runProcess(dir.filePath("predict"), {rowsCsv, out});
    if (r.exitCode != 0) qWarning().noquote() << "C header:" << r.exitCode << r.err;
    return r.exitCode == 0 ? out : QString();
}

// The node_modules directory holding onnxruntime-node: env BPS_ONNXRUNTIME_NODE_PATH, else the
// CMake cache variable of that name (default /opt/bps-node/node_modules, where
// .ci/install-deps installs it). Empty when neither names one.
inline QString onnxRuntimeNodeModules() {
    const QString env = qEnvironmentVariable("BPS_ONNXRUNTIME_NODE_PATH");
    if (!env.isEmpty()) return env;
#ifdef BPS_ONNXRUNTIME_NODE_PATH
    return QStringLiteral(BPS_ONNXRUNTIME_NODE_PATH);
#else
    return {};
#endif
}

// Empty when node can load onnxruntime-node from `nodeModules`, else why not.
inline QString onnxRuntimeProblem(const QString& nodeModules) {
    if (nodeModules.isEmpty()) return QStringLiteral("BPS_ONNXRUNTIME_NODE_PATH is not set");
    if (!QFileInfo(nodeModules + "/onnxruntime-node").isDir())
        return nodeModules + "/onnxruntime-node does not exist (run .ci/install-deps)";
    QProcess node;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NODE_PATH", nodeModules);
    node.setProcessEnvironment(env);
    node.start("node", {"-e", "require('onnxruntime-node')"});
    if (!node.waitForFinished(60'000) || node.exitStatus() != QProcess::NormalExit ||
        node.exitCode() != 0)
        return "node cannot load onnxruntime-node from " + nodeModules + ": " +
               QString::fromUtf8(node.readAllStandardError()) + node.errorString();
    return {};
}

// Runs tests/export/data/run_onnx.js on `onnx` for the rows of `rowsCsv` in ONNX Runtime; the
// outputs CSV, or an empty string (with a warning) when it failed. `features`: a v1 graph's.
inline QString runOnnxRuntime(const QString& onnx, const QString& rowsCsv,
                              const QString& nodeModules, const QStringList& features = {}) {
    const QString out = onnx + ".onnxruntime.csv";
    QProcess node;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NODE_PATH", nodeModules);
    node.setProcessEnvironment(env);
    node.start("node", QStringList{exportTestData("run_onnx.js"), onnx, rowsCsv, out} + features);
    const bool ok = node.waitForFinished(60'000) && node.exitStatus() == QProcess::NormalExit &&
                    node.exitCode() == 0;
    if (!ok)
        qWarning().noquote() << "run_onnx.js:" << node.readAllStandardError() << node.errorString();
    return ok ? out : QString();
}

// The outputs CSV ("out0,..." as predictTable's columns) that the consumer of `format` ("onnx":
// ONNX Runtime, "python", "npz": numpy, "c": gcc) wrote for the raw rows of `rowsCsv` from an
// export of a model with preprocessing; empty (with a warning) when it failed.
inline QString consumeEncodedExport(const QString& format, const QString& exported,
                                    const QString& rowsCsv, const QString& nodeModules) {
    const QString out = exported + ".predictions.csv";
    if (format == QLatin1String("onnx")) return runOnnxRuntime(exported, rowsCsv, nodeModules);
    if (format != QLatin1String("c")) {
        const CliRun r = runProcess(
            kPython, {exportTestData("consume_encoded.py"), format, exported, rowsCsv, out});
        if (r.exitCode != 0) qWarning().noquote() << "consume_encoded.py:" << r.err;
        return r.exitCode == 0 ? out : QString();
    }
    QDir dir(exported + ".build");
    if (!dir.mkpath(".") || !QFile::copy(exported, dir.filePath("model.h"))) return {};
    const QStringList strict = {"-std=c99",  "-Wall",    "-Wextra",      "-Werror",
                                "-pedantic", "-Wshadow", "-Wconversion", "-Wstrict-prototypes"};
    CliRun r = runProcess("gcc", strict + QStringList{"-O2", "-I", dir.path(),
                                                      exportTestData("predict_encoded_main.c"),
                                                      "-o", dir.filePath("predict"), "-lm"});
    if (r.exitCode == 0) r = runProcess(dir.filePath("predict"), {rowsCsv, out});
    if (r.exitCode != 0) qWarning().noquote() << "C header:" << r.exitCode << r.err;
    return r.exitCode == 0 ? out : QString();
}

}  // namespace bps::test
