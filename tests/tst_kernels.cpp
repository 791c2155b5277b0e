// The float kernels of a training step (bias and activation, losses, small products, gather,
// column sums) against closed forms and plain double loops, over shapes that hit every tile,
// every remainder and odd leading dimensions.
// The gradient checks cover the double path; this covers the float path the trainer runs.

#include <QtTest>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "core/kernels/dense_kernels.h"
#include "core/math/activation.h"

using bps::Activation;
using Index = std::ptrdiff_t;

namespace {

std::vector<float> randomValues(std::size_t n, std::mt19937& rng) {
    std::normal_distribution<float> normal;
    std::vector<float> v(n);
    for (float& x : v) x = normal(rng);
    return v;
}

// f(z) in closed form; also an activation's output for a random pre-activation, so that
// derivatives see realistic values.
double activated(Activation f, double z) {
    switch (f) {
        case Activation::Tanh:
            return std::tanh(z);
        case Activation::Sigmoid:
            return 1 / (1 + std::exp(-z));
        case Activation::Relu:
            return z > 0 ? z : 0;
        case Activation::LeakyRelu:
            return z > 0 ? z : 0.01 * z;
        default:
            return z;
    }
}

double derivative(Activation f, double a) {
    switch (f) {
        case Activation::Tanh:
            return 1 - a * a;
        case Activation::Sigmoid:
            return a * (1 - a);
        case Activation::Relu:
            return a > 0 ? 1 : 0;
        case Activation::LeakyRelu:
            return a > 0 ? 1 : 0.01;
        default:
            return 1;
    }
}

// |got - want| within float rounding of a sum whose terms have absolute sum `scale`.
bool close(float got, double want, double scale) {
    return std::abs(double(got) - want) <= 1e-5 * (scale + 1e-30) + 1e-30;
}

const Index kRows[] = {1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40, 100, 256, 257};
const Index kInner[] = {1, 2, 3, 8, 9, 16};
const Index kCols[] = {1, 2, 3, 4, 5, 7, 8, 16, 17};
const Activation kDerivatives[] = {Activation::Identity, Activation::Tanh, Activation::Sigmoid,
                                   Activation::Relu, Activation::LeakyRelu};

}  // namespace

class TestKernels : public QObject {
    Q_OBJECT
private slots:
    void biasActivateMatchesReference();
    void lossesMatchReference();
    void smallMultiplyMatchesReference();
    void smallTransposedLeftMatchesReference();
    void gatherRowsPicksTheOrderedRows();
    void columnSumsMatchReference();
    void reluDerivativeZeroesNaNOfInactiveUnits();
    void stepNormsMatchReference();
};

// A forward pass's bias and activation on a block of a taller matrix: f(z + b) in every row of
// the block, the rows below it untouched.
void TestKernels::biasActivateMatchesReference() {
    std::mt19937 rng(17);
    for (Activation f : kDerivatives)
        for (Index rows : {1, 7, 8, 9, 33, 100}) {
            const Index units = 3, ld = rows + 2;
            auto z = randomValues(std::size_t(ld * units), rng);
            for (float& x : z) x *= 4.0f;  // into tanh's and sigmoid's flat tails
            const auto bias = randomValues(std::size_t(units), rng);
            auto out = z;
            bps::kernels::biasActivate(out.data(), rows, units, ld, bias.data(), f);
            for (Index j = 0; j < units; ++j)
                for (Index r = 0; r < ld; ++r) {
                    const std::size_t k = std::size_t(j * ld + r);
                    const double want = r < rows ? activated(f, z[k] + bias[std::size_t(j)]) : z[k];
                    if (!(std::abs(out[k] - want) <= 1e-6 * (1 + std::abs(want))))
                        QFAIL(qPrintable(QString("f=%1 rows=%2 (%3, %4): %5 vs %6")
                                             .arg(int(f))
                                             .arg(rows)
                                             .arg(r)
                                             .arg(j)
                                             .arg(out[k])
                                             .arg(want)));
                }
        }
}

// The binary cross-entropy and squared-error kernels (sum of w_i * loss_i, and the gradient
// scale * w_i * d loss_i / d z_i) against the closed forms: -log(p) or -log(1 - p) with
// gradient p - y, and (z - y)^2 with gradient 2 (z - y).
void TestKernels::lossesMatchReference() {
    std::mt19937 rng(19);
    for (Index n : {1, 7, 8, 9, 17, 40})
        for (bool weighted : {false, true}) {
            const auto count = std::size_t(n);
            auto z = randomValues(count, rng);
            for (float& x : z) x *= 5.0f;
            const auto values = randomValues(count, rng);
            auto weights = randomValues(count, rng);
            for (float& x : weights) x = std::abs(x) + 0.5f;
            std::vector<float> labels(count);
            for (std::size_t i = 0; i < labels.size(); ++i) labels[i] = i % 3 == 0 ? 1.0f : 0.0f;
            const float scale = 0.25f;
            const float* w = weighted ? weights.data() : nullptr;
            std::vector<float> bceDelta(count, -99.0f), sqDelta(count, -99.0f);
            const float bce =
                bps::kernels::binaryLoss(z.data(), labels.data(), w, n, scale, bceDelta.data());
            const float sq =
                bps::kernels::squaredError(z.data(), values.data(), w, n, scale, sqDelta.data());
            double bceWant = 0, bceScale = 0, sqWant = 0, sqScale = 0;
            for (std::size_t i = 0; i < count; ++i) {
                const double weight = weighted ? weights[i] : 1.0;
                const double p = 1 / (1 + std::exp(-double(z[i])));
                const double l = labels[i] == 1.0f ? -std::log(p) : -std::log1p(-p);
                bceWant += weight * l;
                bceScale += std::abs(weight * l);
                const double gBce = scale * weight * (p - labels[i]);
                QVERIFY2(std::abs(bceDelta[i] - gBce) <= 1e-6 * (1 + std::abs(gBce)),
                         qPrintable(QString("bce n=%1 i=%2: %3 vs %4")
                                        .arg(n)
                                        .arg(i)
                                        .arg(bceDelta[i])
                                        .arg(gBce)));
                const double d = double(z[i]) - values[i];
                sqWant += weight * d * d;
                sqScale += std::abs(weight * d * d);
                const double gSq = scale * weight * 2 * d;
                QVERIFY2(std::abs(sqDelta[i] - gSq) <= 1e-6 * (1 + std::abs(gSq)),
                         qPrintable(QString("squared n=%1 i=%2: %3 vs %4")
                                        .arg(n)
                                        .arg(i)
                                        .arg(sqDelta[i])
                                        .arg(gSq)));
            }
            QVERIFY2(std::abs(bce - bceWant) <= 1e-5 * bceScale,
                     qPrintable(QString("bce n=%1: %2 vs %3").arg(n).arg(bce).arg(bceWant)));
            QVERIFY2(std::abs(sq - sqWant) <= 1e-5 * sqScale,
                     qPrintable(QString("squared n=%1: %2 vs %3").arg(n).arg(sq).arg(sqWant)));
        }
}

void TestKernels::smallMultiplyMatchesReference() {
    std::mt19937 rng(7);
    int checked = 0;
    for (Index m : kRows)
        for (Index k : kInner)
            for (Index n : kCols)
                for (bool transposedB : {false, true})
                    for (Activation f : kDerivatives) {
                        const Index lda = m + 3;  // a block of a taller matrix
                        const auto a = randomValues(std::size_t(lda * k), rng);
                        const auto b = randomValues(std::size_t(k * n), rng);
                        auto act = randomValues(std::size_t(m * n), rng);
                        for (float& x : act) x = float(activated(f, x));
                        // B(p, j): b as k x n, or b as the n x k matrix it is the transpose of.
                        const Index bRow = transposedB ? n : 1, bCol = transposedB ? 1 : k;
                        std::vector<float> c(std::size_t(m * n), -99.0f);
                        const bool fused = f != Activation::Identity;
                        bps::kernels::smallMultiply(a.data(), lda, b.data(), bRow, bCol, c.data(),
                                                    m, k, n, fused ? act.data() : nullptr, f);
                        for (Index j = 0; j < n; ++j)
                            for (Index r = 0; r < m; ++r) {
                                double want = 0, scale = 0;
                                for (Index p = 0; p < k; ++p) {
                                    const double t =
                                        double(a[p * lda + r]) * b[p * bRow + j * bCol];
                                    want += t;
                                    scale += std::abs(t);
                                }
                                const double d = fused ? derivative(f, act[j * m + r]) : 1.0;
                                const float got = c[j * m + r];
                                if (!close(got, want * d, scale * std::abs(d)))
                                    QFAIL(qPrintable(QString("m=%1 k=%2 n=%3 transposed=%4 f=%5 "
                                                             "(%6, %7): %8 vs %9")
                                                         .arg(m)
                                                         .arg(k)
                                                         .arg(n)
                                                         .arg(transposedB)
                                                         .arg(int(f))
                                                         .arg(r)
                                                         .arg(j)
                                                         .arg(got)
                                                         .arg(want * d)));
                            }
                        ++checked;
                    }
    QCOMPARE(checked, 14 * 6 * 9 * 2 * 5);
}

void TestKernels::smallTransposedLeftMatchesReference() {
    std::mt19937 rng(11);
    for (Index m : kRows)
        for (Index k : {1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 24})
            for (Index n : {1, 2, 3, 16}) {
                const Index lda = m + 5;
                const auto a = randomValues(std::size_t(lda * k), rng);
                const auto d = randomValues(std::size_t(m * n), rng);
                std::vector<float> g(std::size_t(k * n), -99.0f);
                bps::kernels::smallTransposedLeft(a.data(), lda, d.data(), g.data(), m, k, n);
                for (Index j = 0; j < n; ++j)
                    for (Index p = 0; p < k; ++p) {
                        double want = 0, scale = 0;
                        for (Index r = 0; r < m; ++r) {
                            const double t = double(a[p * lda + r]) * d[j * m + r];
                            want += t;
                            scale += std::abs(t);
                        }
                        if (!close(g[j * k + p], want, scale))
                            QFAIL(qPrintable(QString("m=%1 k=%2 n=%3 g(%4, %5): %6 vs %7")
                                                 .arg(m)
                                                 .arg(k)
                                                 .arg(n)
                                                 .arg(p)
                                                 .arg(j)
                                                 .arg(g[j * k + p])
                                                 .arg(want)));
                    }
            }
}

void TestKernels::gatherRowsPicksTheOrderedRows() {
    std::mt19937 rng(3);
    const Index sourceRows = 50;
    for (Index features : {1, 3, 7, 8, 9, 16, 17, 32})
        for (Index count : {0, 1, 7, 8, 9, 16, 37})
            for (bool withTargets : {false, true}) {
                const auto src = randomValues(std::size_t(sourceRows * features), rng);
                const auto values = randomValues(std::size_t(sourceRows), rng);
                const auto weights = randomValues(std::size_t(sourceRows), rng);
                std::vector<Index> order(static_cast<std::size_t>(count));
                for (Index& i : order) i = Index(rng() % sourceRows);
                std::vector<float> dst(std::size_t(count * features), -99.0f);
                std::vector<float> y(std::size_t(count), -99.0f), w(std::size_t(count), -99.0f);
                bps::kernels::gatherRows(src.data(), features, order.data(), count, dst.data(),
                                         withTargets ? values.data() : nullptr, y.data(),
                                         withTargets ? weights.data() : nullptr, w.data());
                for (Index i = 0; i < count; ++i) {
                    const Index row = order[std::size_t(i)];
                    for (Index f = 0; f < features; ++f)
                        QCOMPARE(dst[std::size_t(f * count + i)],
                                 src[std::size_t(row * features + f)]);
                    QCOMPARE(y[std::size_t(i)], withTargets ? values[std::size_t(row)] : -99.0f);
                    QCOMPARE(w[std::size_t(i)], withTargets ? weights[std::size_t(row)] : -99.0f);
                }
            }
}

void TestKernels::columnSumsMatchReference() {
    std::mt19937 rng(5);
    for (Index m : kRows)
        for (Index n : {1, 2, 16}) {
            const auto d = randomValues(std::size_t(m * n), rng);
            std::vector<float> out(std::size_t(n), -99.0f);
            bps::kernels::columnSums(d.data(), m, n, out.data());
            std::vector<double> outDouble(std::size_t(n), -99.0);
            const std::vector<double> dd(d.begin(), d.end());
            bps::kernels::columnSums(dd.data(), m, n, outDouble.data());
            for (Index j = 0; j < n; ++j) {
                double want = 0, scale = 0;
                for (Index r = 0; r < m; ++r) {
                    want += d[std::size_t(j * m + r)];
                    scale += std::abs(d[std::size_t(j * m + r)]);
                }
                if (!close(out[std::size_t(j)], want, scale))
                    QFAIL(qPrintable(QString("m=%1 n=%2 column %3").arg(m).arg(n).arg(j)));
                QVERIFY(std::abs(outDouble[std::size_t(j)] - want) <= 1e-12 * scale);
            }
        }
}

// A unit that is off passes no gradient back, even a NaN one: divergence shows up in the
// loss and the weights that caused it, not as NaN leaking through dead units.
void TestKernels::reluDerivativeZeroesNaNOfInactiveUnits() {
    for (Index m : {5, 8, 16, 40}) {
        std::vector<float> d(std::size_t(m), std::nanf("")), act(std::size_t(m * 2));
        const float w[2] = {1.0f, 2.0f};  // one output unit, two previous units
        for (Index r = 0; r < m; ++r) {
            act[std::size_t(r)] = 0.0f;      // unit 0 inactive
            act[std::size_t(m + r)] = 1.0f;  // unit 1 active
        }
        std::vector<float> p(std::size_t(m * 2), -99.0f);
        // p = d * w^T .* relu'(act): inner dimension 1, B(0, j) = w[j].
        bps::kernels::smallMultiply(d.data(), m, w, 1, 1, p.data(), m, 1, 2, act.data(),
                                    Activation::Relu);
        for (Index r = 0; r < m; ++r) {
            QCOMPARE(p[std::size_t(r)], 0.0f);
            QVERIFY(std::isnan(p[std::size_t(m + r)]));
        }
    }
}

// The per-step health sums: |g|^2, |after - before|^2, |before|^2.
void TestKernels::stepNormsMatchReference() {
    std::mt19937 rng(13);
    for (Index n : {0, 1, 7, 8, 9, 17, 40, 144, 161}) {
        const auto g = randomValues(std::size_t(n), rng);
        const auto before = randomValues(std::size_t(n), rng);
        auto after = before;
        const auto step = randomValues(std::size_t(n), rng);
        for (std::size_t i = 0; i < after.size(); ++i) after[i] += 0.01f * step[i];
        double gw = 0, uw = 0, bw = 0;
        for (std::size_t i = 0; i < std::size_t(n); ++i) {
            gw += double(g[i]) * g[i];
            const double d = double(after[i]) - before[i];
            uw += d * d;
            bw += double(before[i]) * before[i];
        }
        const bps::kernels::StepNorms got =
            bps::kernels::stepNorms(g.data(), before.data(), after.data(), n);
        QVERIFY2(std::abs(got.gradient - gw) <= 1e-5 * gw, qPrintable(QString::number(n)));
        QVERIFY2(std::abs(got.update - uw) <= 1e-5 * uw, qPrintable(QString::number(n)));
        QVERIFY2(std::abs(got.before - bw) <= 1e-5 * bw, qPrintable(QString::number(n)));
    }
}

QTEST_APPLESS_MAIN(TestKernels)
#include "tst_kernels.moc"
