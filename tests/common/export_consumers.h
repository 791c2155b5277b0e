#pragma once
// Loads an exported model the way a user of each format would and writes its predictions for a
// CSV's rows: .json, .npz, .onnx and .py through tests/export/data/consume_model.py (numpy, onnx),
// .h compiled with gcc -std=c99 and strict warnings beside tests/export/data/predict_main.c.

#include <QDebug>
#include <QDir>
#include <QFile>
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

}  // namespace bps::test
