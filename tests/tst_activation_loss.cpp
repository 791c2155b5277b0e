// Activation and loss derivatives on their own, against central differences in double.

#include <QtTest>
#include <cmath>

#include "core/kernels/dense_kernels.h"
#include "core/math/activation.h"
#include "core/nn/batch_loss.h"

using namespace bps;

Q_DECLARE_METATYPE(bps::Activation)
Q_DECLARE_METATYPE(bps::Task)

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
    // Points away from relu's kink at 0, where the derivative is not defined.
    const std::vector<double> points{-3.1, -1.2, -0.4, -0.05, 0.07, 0.3, 0.9, 2.5, 6.0};
    for (double z : points) {
        const double h = 1e-6 * (1 + std::abs(z));
        Eigen::MatrixXd plus(1, 1), minus(1, 1), a(1, 1), g(1, 1);
        plus(0, 0) = z + h;
        minus(0, 0) = z - h;
        a(0, 0) = z;
        activateInPlace(activation, plus);
        activateInPlace(activation, minus);
        activateInPlace(activation, a);
        const double numeric = (plus(0, 0) - minus(0, 0)) / (2 * h);
        g(0, 0) = 1.0;
        multiplyByDerivative(activation, a, g);  // from the output a, as backprop uses it
        const double err = std::abs(g(0, 0) - numeric) / std::max(1e-12, std::abs(g(0, 0)) + std::abs(numeric));
        QVERIFY2(err <= 1e-6, qPrintable(QStringLiteral("z=%1 analytic %2 numeric %3")
                                             .arg(z).arg(g(0, 0)).arg(numeric)));
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
        targets(i) = task == Task::Regression ? 0.7 * i - 2 : i % (task == Task::Binary ? 2 : outputs);
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
                                                 .arg(i).arg(k).arg(grad(i, k)).arg(numeric)));
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
