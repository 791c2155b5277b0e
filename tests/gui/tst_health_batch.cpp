// HealthBatch, the flat per-layer health of one delivery of epochs: each epoch's layers come
// back as they went in, whatever their number, and of() gathers them from whole reports.

#include <QtTest>

#include "ui/training/health_batch.h"

using namespace bps;

namespace {
LayerHealth health(double gradientNorm) {
    LayerHealth h;
    h.gradientNorm = gradientNorm;
    return h;
}

std::vector<double> gradientNorms(std::span<const LayerHealth> layers) {
    std::vector<double> out;
    for (const LayerHealth& h : layers) out.push_back(h.gradientNorm);
    return out;
}
}  // namespace

class tst_HealthBatch : public QObject {
    Q_OBJECT
private slots:
    void epochsComeBackAsAppended();
    void gathersTheLayersOfReports();
};

void tst_HealthBatch::epochsComeBackAsAppended() {
    HealthBatch batch;
    QCOMPARE(batch.epochs(), std::size_t(0));
    const std::vector<LayerHealth> two{health(1), health(2)},
        three{health(3), health(4), health(5)};
    batch.append(two);
    batch.append({});  // an epoch without health (a run stopped before its first step)
    batch.append(three);
    QCOMPARE(batch.epochs(), std::size_t(3));
    QCOMPARE(gradientNorms(batch.epoch(0)), (std::vector<double>{1, 2}));
    QVERIFY(batch.epoch(1).empty());
    QCOMPARE(gradientNorms(batch.epoch(2)), (std::vector<double>{3, 4, 5}));
}

void tst_HealthBatch::gathersTheLayersOfReports() {
    std::vector<EpochReport> reports(2);
    reports[0].layers = {health(0.5), health(0.25)};
    reports[1].layers = {health(0.125), health(0.0625)};
    const HealthBatch batch = HealthBatch::of(reports);
    QCOMPARE(batch.epochs(), std::size_t(2));
    QCOMPARE(gradientNorms(batch.epoch(0)), (std::vector<double>{0.5, 0.25}));
    QCOMPARE(gradientNorms(batch.epoch(1)), (std::vector<double>{0.125, 0.0625}));
}

QTEST_APPLESS_MAIN(tst_HealthBatch)
#include "tst_health_batch.moc"
