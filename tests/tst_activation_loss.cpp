// Activation derivatives and losses on their own, through the kernels training calls: backward
// against forward (central differences in double, closed forms in float), the loss gradients
// against central differences, the losses at extreme logits.

#include <QtTest>
#include <cmath>
#include <vector>

#include "core/kernels/dense_kernels.h"
#include "core/math/activation.h"
#include "core/nn/batch_loss.h"

using namespace bps;

Q_DECLARE_METATYPE(bps::Activation)
Q_DECLARE_METATYPE(bps::Task)

namespace {

// f'(z) in closed form, from z.
double derivativeAt(Activation f, double z) {
    switch (f) {
        case Activation::Tanh:
            return 1 - std::tanh(z) * std::tanh(z);
        case Activation::Sigmoid: {
            const double s = 1 / (1 + std::exp(-z));
            return s * (1 - s);
        }
        case Activation::Relu:
            return z > 0 ? 1 : 0;
        case Activation::LeakyRelu:
            return z > 0 ? 1 : kLeakyReluSlope;
        default:
            return 1;
    }
}

// The derivatives backprop applies to gradients of 1 at the activations `a` of f: through
// kernels::multiplyByDerivative (after a large product) and fused into kernels::smallMultiply
// (a column of ones times 1, then times f'(a)).
template <typename T>
std::vector<std::vector<T>> backpropDerivatives(Activation f, const std::vector<T>& a) {
    const auto n = static_cast<std::ptrdiff_t>(a.size());
    std::vector<T> afterProduct(a.size(), T(1)), fused(a.size(), T(-99));
    const std::vector<T> ones(a.size(), T(1));
    const T one = 1;
    kernels::multiplyByDerivative(afterProduct.data(), a.data(), n, f);
    kernels::smallMultiply(ones.data(), n, &one, 1, 1, fused.data(), n, 1, 1, a.data(), f);
    return {afterProduct, fused};
}

// f(z) as a forward pass computes it: kernels::biasActivate on one column, bias 0.
template <typename T>
std::vector<T> forward(Activation f, std::vector<T> z) {
    const T bias = 0;
    const auto n = static_cast<std::ptrdiff_t>(z.size());
    kernels::biasActivate(z.data(), n, 1, n, &bias, f);
    return z;
}

}  // namespace

class tst_ActivationLoss : public QObject {
    Q_OBJECT
private slots:
    void activationDerivative_data();
    void activationDerivative();
    void lossGradient_data();
    void lossGradient();
    void lossIsFiniteForExtremeLogits_data();
    void lossIsFiniteForExtremeLogits();
    void softmaxCrossEntropyIsFiniteForExtremeLogits();
    void softmaxRowsSumToOne();
};

void tst_ActivationLoss::activationDerivative_data() {
    QTest::addColumn<Activation>("activation");
    QTest::newRow("tanh") << Activation::Tanh;
    QTest::newRow("sigmoid") << Activation::Sigmoid;
    QTest::newRow("relu") << Activation::Relu;
    QTest::newRow("leaky_relu") << Activation::LeakyRelu;
    QTest::newRow("identity") << Activation::Identity;
}

void tst_ActivationLoss::activationDerivative() {
    QFETCH(Activation, activation);
    // 43 points (eight-lane blocks and a tail) on [-6.1, 6.1], away from relu's kink at 0.
    std::vector<double> z;
    for (int i = 0; i < 43; ++i) z.push_back(-6.1 + 0.29 * i);

    // Double (the gradient check's path): backward against central differences of forward.
    std::vector<double> up(z), down(z);
    for (std::size_t i = 0; i < z.size(); ++i) {
        const double h = 1e-6 * (1 + std::abs(z[i]));
        up[i] += h;
        down[i] -= h;
    }
    const auto plus = forward(activation, up), minus = forward(activation, down);
    for (const auto& g : backpropDerivatives(activation, forward(activation, z)))
        for (std::size_t i = 0; i < z.size(); ++i) {
            const double numeric = (plus[i] - minus[i]) / (up[i] - down[i]);
            const double err =
                std::abs(g[i] - numeric) / std::max(1e-12, std::abs(g[i]) + std::abs(numeric));
            QVERIFY2(err <= 1e-6, qPrintable(QStringLiteral("double, z=%1: backprop %2, numeric %3")
                                                 .arg(z[i])
                                                 .arg(g[i])
                                                 .arg(numeric)));
        }

    // Float (the training path): against f'(z) in closed form.
    const std::vector<float> zf(z.begin(), z.end());
    for (const auto& g : backpropDerivatives(activation, forward(activation, zf)))
        for (std::size_t i = 0; i < z.size(); ++i) {
            const double want = derivativeAt(activation, zf[i]);
            QVERIFY2(std::abs(g[i] - want) <= 1e-6 + 1e-5 * want,
                     qPrintable(QStringLiteral("float, z=%1: backprop %2, closed form %3")
                                    .arg(zf[i])
                                    .arg(g[i])
                                    .arg(want)));
        }
}

void tst_ActivationLoss::lossGradient_data() {
    QTest::addColumn<Task>("task");
    QTest::addColumn<int>("outputs");
    QTest::newRow("binary") << Task::Binary << 1;
    QTest::newRow("multiclass-3") << Task::Multiclass << 3;
    QTest::newRow("multiclass-5") << Task::Multiclass << 5;
    QTest::newRow("regression") << Task::Regression << 1;
}

// The batch losses Network::lossSum and Network::backward use, in double.
void tst_ActivationLoss::lossGradient() {
    QFETCH(Task, task);
    QFETCH(int, outputs);
    const int rows = 7;
    Eigen::MatrixXd logits = Eigen::MatrixXd::Random(rows, outputs) * 3;
    Eigen::VectorXd targets(rows), weights = Eigen::VectorXd::Random(rows).array().abs() + 0.5;
    for (int i = 0; i < rows; ++i)
        targets(i) =
            task == Task::Regression ? 0.7 * i - 2 : i % (task == Task::Binary ? 2 : outputs);
    Eigen::MatrixXd grad;
    bps::lossGradient<double>(task, logits, targets, weights, 1.0, grad);
    for (int i = 0; i < rows; ++i)
        for (int k = 0; k < outputs; ++k) {
            const double z = logits(i, k), h = 1e-6 * (1 + std::abs(z));
            logits(i, k) = z + h;
            const double up = bps::lossSum<double>(task, logits, targets, weights);
            logits(i, k) = z - h;
            const double down = bps::lossSum<double>(task, logits, targets, weights);
            logits(i, k) = z;
            const double numeric = (up - down) / (2 * h);
            const double err = std::abs(grad(i, k) - numeric) /
                               std::max(1e-10, std::abs(grad(i, k)) + std::abs(numeric));
            QVERIFY2(err <= 1e-6, qPrintable(QStringLiteral("row %1 out %2: analytic %3 numeric %4")
                                                 .arg(i)
                                                 .arg(k)
                                                 .arg(grad(i, k))
                                                 .arg(numeric)));
        }
}

void tst_ActivationLoss::lossIsFiniteForExtremeLogits_data() {
    QTest::addColumn<float>("logit");
    QTest::addColumn<float>("target");
    QTest::addColumn<double>("expected");
    // Computed from logits, cross-entropy never takes log(0): a confident wrong answer costs
    // about |z|, a confident right one about exp(-|z|).
    QTest::newRow("confident right positive") << 800.0f << 1.0f << 0.0;
    QTest::newRow("confident wrong positive") << -800.0f << 1.0f << 800.0;
    QTest::newRow("confident right negative") << -800.0f << 0.0f << 0.0;
    QTest::newRow("confident wrong negative") << 800.0f << 0.0f << 800.0;
    QTest::newRow("undecided") << 0.0f << 1.0f << std::log(2.0);
}

// In float, as training computes them (kernels::binaryLoss).
void tst_ActivationLoss::lossIsFiniteForExtremeLogits() {
    QFETCH(float, logit);
    QFETCH(float, target);
    QFETCH(double, expected);
    float gradient = -99;
    const float loss = kernels::binaryLoss(&logit, &target, nullptr, 1, 1.0f, &gradient);
    QVERIFY2(std::abs(loss - expected) <= 1e-6 * (1 + expected), qPrintable(QString::number(loss)));
    QVERIFY(std::isfinite(gradient));
}

// Through log-sum-exp: 1000 - (-1000), exactly, although exp(1000) is inf in float.
void tst_ActivationLoss::softmaxCrossEntropyIsFiniteForExtremeLogits() {
    MatrixX<float> z(1, 3);
    z << 1000.f, -1000.f, 0.f;
    const VectorX<float> label = VectorX<float>::Constant(1, 1.0f);
    QCOMPARE(bps::lossSum<float>(Task::Multiclass, z, label, VectorX<float>()), 2000.0f);
}

void tst_ActivationLoss::softmaxRowsSumToOne() {
    Eigen::MatrixXd z(2, 4);
    z << 1, 2, 3, 4, 1000, -1000, 0, 999;
    activateInPlace(Activation::Softmax, z);
    QVERIFY(z.allFinite());
    QCOMPARE(z.row(0).sum(), 1.0);
    QVERIFY(std::abs(z.row(1).sum() - 1.0) < 1e-12);
    QVERIFY(z(0, 3) > z(0, 2));
}

QTEST_APPLESS_MAIN(tst_ActivationLoss)
#include "tst_activation_loss.moc"
