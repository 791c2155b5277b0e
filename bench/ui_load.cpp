// The UI under load, offscreen: HTRU2 trains at full speed on the real TrainingThread while the
// real CostChart takes every batch of epochs it signals. Measures how often the chart updates,
// how late a zero-timer fires (the event loop's longest stalls), and how long one redraw takes
// with a 1,000,000-epoch history. Prints one JSON line for bench/report.py.
//   QT_QPA_PLATFORM=offscreen ui_load resources/htru2.csv [--seconds 5]
// With --app, the whole main window instead (every chart, panel and the diagnosis, wired as in
// the app) trains the file for --epochs epochs with the default settings, and the line gives
// the epoch rate from Start to the final result, to set against `backprop-studio train` with
// the same settings (bench/app_speed.sh):
//   QT_QPA_PLATFORM=offscreen ui_load FILE.csv --app --epochs 2000
// With --sweep, the Sweep window (Training > Sweep…) sweeps the file on every core
// (lr=1e-3,1e-2,1e-1; hidden=4,8,16,32, 2000 epochs) while its table, plot and progress take each
// trial, and the line gives the event loop's stalls over --seconds (the sweep is then cancelled):
//   QT_QPA_PLATFORM=offscreen ui_load FILE.csv --sweep [--seconds 10]
// With --decision-map, the Decision map tab (ui/explain) is shown as well and draws the live
// weights the thread sends every 250 ms, as in the app; the line then counts its maps.
// With --importance, an Importance panel computes the live model's importance and partial
// dependence once, a second into the run (a user's click on Compute), and the line gives how
// long that took (importance_seconds, -1 if it did not finish) within the same stall count.

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

#include "core/csv/csv_reader.h"
#include "ui/charts/cost_chart.h"
#include "ui/explain/decision_map_panel.h"
#include "ui/explain/decision_map_view.h"
#include "ui/explain/importance_panel.h"
#include "ui/explain/network_diagram.h"
#include "ui/panels/hyperparameter_panel.h"
#include "ui/training/training_thread.h"
#include "ui/validation/sweep_results_model.h"
#include "ui/validation/sweep_space_editor.h"
#include "ui/validation/sweep_window.h"
#include "ui/window/main_window.h"

using namespace bps;

namespace {

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * double(values.size() - 1))];
}

// One redraw of a chart that already holds `epochs` epochs: append one more, then paint.
double redrawMilliseconds(int epochs) {
    CostChart chart;
    chart.resize(900, 500);
    chart.show();
    chart.beginRun(Task::Binary, 0.3);
    std::vector<EpochReport> history(static_cast<std::size_t>(epochs));
    for (int e = 0; e < epochs; ++e) {
        auto& r = history[static_cast<std::size_t>(e)];
        r.epoch = e + 1;
        r.trainLoss = 0.3 / (1 + 0.01 * e) + 0.01 * double((e * 7919LL) % 13) / 13.0;
        r.validationLoss = r.trainLoss * 1.05;
    }
    chart.appendEpochs(history);
    QApplication::processEvents();
    std::vector<double> times;
    for (int k = 0; k < 7; ++k) {
        EpochReport next = history.back();
        next.epoch = epochs + k + 1;
        QElapsedTimer t;
        t.start();
        chart.appendEpochs(std::span<const EpochReport>(&next, 1));
        chart.viewport()->repaint();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    return percentile(times, 0.5);
}

// The app's own rate: the main window trains `path` for `epochs` epochs with the default
// settings; wall time from Start to the final result (the Trainer's construction included, as
// in the app), and the Trainer's own seconds (what `train` prints) for comparison.
int appRate(const QString& path, int epochs) {
    QStandardPaths::setTestModeEnabled(true);  // never the user's settings
    QCoreApplication::setOrganizationName(QStringLiteral("BackpropStudioBench"));
    QSettings().clear();
    MainWindow window;
    window.setDialogsEnabled(false);
    window.resize(1280, 800);
    window.show();
    // Each wait ends on its signal, or after ten minutes so that a broken run cannot hang.
    const auto waitFor = [](auto* sender, auto signal, const auto& done) {
        QEventLoop loop;
        QObject::connect(sender, signal, &loop, [&] {
            if (done()) loop.quit();
        });
        QTimer::singleShot(600'000, &loop, &QEventLoop::quit);
        if (!done()) loop.exec();
    };
    window.loadFile(path);
    waitFor(&window, &MainWindow::dataLoaded, [&] { return window.data() != nullptr; });
    if (!window.data()) {
        std::fprintf(stderr, "ui_load: could not load %s\n", qPrintable(path));
        return 1;
    }
    TrainingConfig config;
    config.epochs = epochs;
    window.hyperparameters()->setConfig(config);
    TrainingController* controller = window.controller();
    QElapsedTimer wall;
    wall.start();
    window.startTraining();
    waitFor(controller, &TrainingController::stateChanged,
            [&] { return controller->state() == TrainingController::State::Idle; });
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const EpochReport& last = controller->lastReport();
    std::printf(
        "{\"workload\":\"app\",\"epochs\":%d,\"wall_seconds\":%.4f,\"trainer_seconds\":%.4f,"
        "\"epochs_per_second\":%.1f}\n",
        last.epoch, seconds, last.seconds, seconds > 0 ? last.epoch / seconds : 0.0);
    return 0;
}

// Gaps between a zero-timer's firings while `body` runs the event loop: how long the loop was
// busy or starved.
struct StallProbe {
    std::vector<double> gaps;
    QElapsedTimer sinceLast;
    QTimer timer;
    StallProbe() {
        timer.setInterval(0);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            gaps.push_back(double(sinceLast.nsecsElapsed()) / 1e6);
            sinceLast.start();
        });
    }
    void start() {
        sinceLast.start();
        timer.start();
    }
};

// The Sweep window sweeping `path` on every core for `seconds`, then cancelled.
int sweepStalls(QApplication& app, const QString& path, double seconds) {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("BackpropStudioBench"));
    QSettings().clear();
    const auto table = std::make_shared<const CsvTable>(readCsvFile(path.toStdString()));
    SweepWindow window([&]() -> std::optional<SweepBase> {
        SweepBase base;
        base.table = table;
        base.config.epochs = 2000;  // longer than the measurement: it ends by Cancel
        base.dataName = path;
        base.loadedPath = path;
        return base;
    });
    window.show();
    // The window's first layout and paint are not the sweep's doing: let them happen first.
    for (int i = 0; i < 10; ++i) QCoreApplication::processEvents();
    using Mode = SweepSpaceEditor::Mode;
    window.spaceEditor()->setRow(SweepParameter::LearningRate, Mode::List, "1e-3, 1e-2, 1e-1");
    window.spaceEditor()->setRow(SweepParameter::Hidden, Mode::List, "4, 8, 16, 32");
    StallProbe probe;
    bool ended = false;
    QObject::connect(&window, &SweepWindow::sweepEnded, &app, [&] {
        ended = true;
        app.quit();
    });
    if (const QString error = window.run(); !error.isEmpty()) {
        std::fprintf(stderr, "ui_load: %s\n", qPrintable(error));
        return 1;
    }
    probe.start();
    QElapsedTimer clock;
    clock.start();
    double measured = 0;
    QTimer::singleShot(int(seconds * 1000), &app, [&] {
        probe.timer.stop();
        measured = double(clock.nsecsElapsed()) / 1e9;
        window.cancel();
    });
    app.exec();
    if (!ended || measured == 0) {
        std::fprintf(stderr, "ui_load: the sweep ended before the measurement did\n");
        return 1;
    }
    std::printf(
        "{\"workload\":\"sweep\",\"jobs\":%d,\"trials_reported\":%d,\"seconds\":%.1f,"
        "\"stall_p99_ms\":%.2f,\"stall_max_ms\":%.2f}\n",
        window.jobs()->value(), window.resultsModel()->rowCount(), measured,
        percentile(probe.gaps, 0.99),
        probe.gaps.empty() ? 0.0 : *std::max_element(probe.gaps.begin(), probe.gaps.end()));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr,
                     "usage: ui_load FILE.csv [--seconds 5] [--decision-map] [--importance] | "
                     "FILE.csv --app --epochs N | FILE.csv "
                     "--sweep [--seconds 10]\n");
        return 2;
    }
    if (args.contains("--app")) {
        const int at = static_cast<int>(args.indexOf("--epochs"));
        return appRate(args[1], at > 0 ? args.value(at + 1).toInt() : 2000);
    }
    const int index = static_cast<int>(args.indexOf("--seconds"));
    const double seconds = index > 0 ? args.value(index + 1).toDouble() : 5.0;
    if (args.contains("--sweep")) return sweepStalls(app, args[1], index > 0 ? seconds : 10.0);

    CostChart chart;
    chart.resize(900, 500);
    chart.show();
    TrainingThread thread;
    TrainingRequest request;
    auto loaded = std::make_shared<LoadedData>();
    loaded->table = readCsvFile(args[1].toStdString());
    request.table = std::shared_ptr<const CsvTable>(loaded, &loaded->table);
    request.config.epochs = 100'000'000;  // "full speed" until stopped
    const bool withMap = args.contains("--decision-map");
    std::unique_ptr<DecisionMapPanel> map;
    if (withMap) {
        map = std::make_unique<DecisionMapPanel>();
        map->resize(900, 600);
        map->show();
        map->setData(loaded, {});
        thread.setWeightsInterval(std::chrono::milliseconds(250));
        QObject::connect(&thread, &TrainingThread::trainingStarted, map.get(),
                         &DecisionMapPanel::beginRun);
        QObject::connect(&thread, &TrainingThread::weightsAvailable, map.get(),
                         [&](int, const ModelPtr& model) {
                             thread.acknowledgeWeights();
                             map->setModel(model, true);
                         });
    }
    // --importance: one click on Compute a second into the run, as a user makes it: the live
    // model's importance and partial dependence computed beside the training, then drawn.
    const bool withImportance = args.contains("--importance");
    std::unique_ptr<ImportancePanel> importance;
    ModelPtr latest;
    double importanceSeconds = -1;
    QElapsedTimer importanceClock;
    if (withImportance) {
        importance = std::make_unique<ImportancePanel>();
        importance->resize(1000, 500);
        importance->show();
        if (!withMap) thread.setWeightsInterval(std::chrono::milliseconds(250));
        QObject::connect(&thread, &TrainingThread::weightsAvailable, importance.get(),
                         [&](int, const ModelPtr& model) {
                             if (!withMap) thread.acknowledgeWeights();
                             latest = model;
                         });
        QObject::connect(importance.get(), &ImportancePanel::dependenceShown,
                         [&] { importanceSeconds = double(importanceClock.nsecsElapsed()) / 1e9; });
        QTimer::singleShot(1000, importance.get(), [&] {
            if (!latest) return;
            importanceClock.start();
            importance->explain(latest, loaded);
        });
    }
    int updates = 0;
    long long epochs = 0;
    QObject::connect(&thread, &TrainingThread::trainingStarted, &chart,
                     [&](const TrainingStart& s) { chart.beginRun(s.task, s.baselineLoss); });
    QObject::connect(
        &thread, &TrainingThread::epochsAvailable, &chart,
        [&](int, const QList<EpochReport>& reports) {
            chart.appendEpochs(std::span<const EpochReport>(reports.data(), reports.size()));
            ++updates;
            epochs += reports.size();
        });
    // A zero-timer fires whenever the event loop is idle: the gaps between its firings are
    // how long the loop was busy (with the chart) or starved.
    std::vector<double> gaps;
    QElapsedTimer sinceLast;
    QTimer probe;
    probe.setInterval(0);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        gaps.push_back(double(sinceLast.nsecsElapsed()) / 1e6);
        sinceLast.start();
    });
    bool finished = false;
    QObject::connect(&thread, &TrainingThread::trainingFinished, &app, [&] {
        finished = true;
        app.quit();
    });
    thread.startTraining(request);
    sinceLast.start();
    probe.start();
    QTimer::singleShot(int(seconds * 1000), &app, [&] {
        probe.stop();
        thread.stop();
    });
    app.exec();
    const double redraw = redrawMilliseconds(1'000'000);
    // One repaint of the decision map tab with the last live map (the median of 7).
    std::vector<double> mapPaints;
    for (int k = 0; map && k < 7; ++k) {
        QElapsedTimer t;
        t.start();
        (void)map->grab();
        mapPaints.push_back(double(t.nsecsElapsed()) / 1e6);
        if (qEnvironmentVariableIsSet("BPS_MAP_PARTS")) {
            t.start();
            (void)map->view()->grab();
            const double v = double(t.nsecsElapsed()) / 1e6;
            t.start();
            (void)map->diagram()->grab();
            std::fprintf(stderr, "view %.2f ms, diagram %.2f ms\n", v,
                         double(t.nsecsElapsed()) / 1e6);
        }
    }
    std::printf(
        "{\"workload\":\"ui\",\"runs\":[{\"updates_per_second\":%.2f}],\"updates_per_second\":%.2f,"
        "\"epochs_per_second\":%.1f,\"stall_p99_ms\":%.2f,\"stall_max_ms\":%.2f,"
        "\"redraw_1m_ms\":%.2f,\"finished\":%s,\"decision_maps_per_second\":%.2f,\"decision_map_"
        "paint_ms\":%.2f,\"importance_seconds\":%.3f}\n",
        updates / seconds, updates / seconds, double(epochs) / seconds, percentile(gaps, 0.99),
        gaps.empty() ? 0.0 : *std::max_element(gaps.begin(), gaps.end()), redraw,
        finished ? "true" : "false", map ? map->mapsShown() / seconds : 0.0,
        percentile(mapPaints, 0.5), importanceSeconds);
    return 0;
}
