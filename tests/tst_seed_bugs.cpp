// One regression test per bug of the numpy pulsar network that started this project. Each
// fails if its bug comes back.

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "core/base/random.h"
#include "core/data/split.h"
#include "core/kernels/dense_kernels.h"
#include "core/nn/network.h"
#include "core/training/trainer.h"
#include "tests/test_support.h"

using namespace bps;

class tst_SeedBugs : public QObject {
    Q_OBJECT
private slots:
    void crossEntropyUsesLogOneMinusPForNegatives_data();
    void crossEntropyUsesLogOneMinusPForNegatives();
    void tanhDerivativeComesFromTheActivation_data();
    void tanhDerivativeComesFromTheActivation();
    void gradientsDoNotAccumulateAcrossSteps();
    void biasesChangeDuringTraining();
    void trainAndValidationRowsAreDisjoint();
    void scalerIsFittedOnTrainingRowsOnly();
    void defaultInitialisationIsNotTiny();
};

namespace {
double sigmoid(double z) { return 1 / (1 + std::exp(-z)); }
}  // namespace

void tst_SeedBugs::crossEntropyUsesLogOneMinusPForNegatives_data() {
    QTest::addColumn<double>("logit");
    QTest::addColumn<double>("target");
    QTest::addColumn<double>("loss");      // closed form: -log(p) for y = 1, -log(1 - p) for y = 0
    QTest::addColumn<double>("gradient");  // d loss / d logit = p - y
    // The bug: -log(p) for both classes; a negative with logit 2 (p = 0.88) would cost 0.127,
    // not 2.127.
    for (double z : {2.0, 0.0, -3.0}) {
        const double p = sigmoid(z);
        QTest::addRow("negative, p=%.2f", p) << z << 0.0 << -std::log(1 - p) << p;
        QTest::addRow("positive, p=%.2f", p) << z << 1.0 << -std::log(p) << p - 1;
    }
}

// kernels::binaryLoss in float is what every training step calls (Network<float>::backward and
// lossSum, through core/nn/batch_loss.h); in double it is the gradient check's.
void tst_SeedBugs::crossEntropyUsesLogOneMinusPForNegatives() {
    QFETCH(double, logit);
    QFETCH(double, target);
    QFETCH(double, loss);
    QFETCH(double, gradient);
    // Eleven copies, so that both the kernel's eight-lane body and its tail see the case.
    constexpr int kCopies = 11;
    const std::vector<float> z(kCopies, float(logit)), y(kCopies, float(target));
    std::vector<float> delta(kCopies, -99.0f);
    const float sum = kernels::binaryLoss(z.data(), y.data(), nullptr, kCopies, 1.0f, delta.data());
    QVERIFY2(std::abs(sum / kCopies - loss) <= 1e-6 * (1 + loss),
             qPrintable(QStringLiteral("float loss %1, expected %2").arg(sum / kCopies).arg(loss)));
    for (float d : delta)
        QVERIFY2(std::abs(d - gradient) <= 1e-6,
                 qPrintable(QStringLiteral("float gradient %1, expected %2").arg(d).arg(gradient)));
    double deltaDouble = -99;
    const double sumDouble = kernels::binaryLoss(&logit, &target, nullptr, 1, 1.0, &deltaDouble);
    QVERIFY2(std::abs(sumDouble - loss) <= 1e-12 * (1 + loss),
             qPrintable(QString::number(sumDouble)));
    QVERIFY2(std::abs(deltaDouble - gradient) <= 1e-12, qPrintable(QString::number(deltaDouble)));
}

void tst_SeedBugs::tanhDerivativeComesFromTheActivation_data() {
    QTest::addColumn<int>("hidden");
    // One unit: the delta's small product with the derivative fused in (its eight-lane tiles and
    // their tail). 300 units: Eigen's product, then kernels::multiplyByDerivative.
    QTest::newRow("fused into the small product") << 1;
    QTest::newRow("after the large product") << 300;
}

// A 1-hidden-1 tanh network in float, one backward pass as the trainer runs it: backprop must use
// tanh'(z) = 1 - a^2 with a = tanh(z), not 1 - z^2.
void tst_SeedBugs::tanhDerivativeComesFromTheActivation() {
    QFETCH(int, hidden);
    using Net = Network<float>;
    Net net({{1, hidden, Activation::Tanh}, {hidden, 1, Activation::Identity}}, Task::Regression);
    std::vector<double> w1(hidden), w2(hidden);
    for (int j = 0; j < hidden; ++j) {
        w1[j] = 0.6 + 0.9 * j / hidden;          // pre-activations up to +-2.25
        w2[j] = (1.0 + j % 3) / (2.0 * hidden);  // an output of order 1
        net.weights(0)(0, j) = float(w1[j]);
        net.weights(1)(j, 0) = float(w2[j]);
    }
    const int rows = 43;  // 32 + 8 + 3: every row block of the float product
    Net::Matrix x(rows, 1);
    for (int r = 0; r < rows; ++r) x(r, 0) = float(-1.5 + 3.0 * r / (rows - 1));
    Net::Vector y = Net::Vector::Zero(rows), w, grad;
    net.forward(x);
    net.backward(x, y, w, float(rows), 0.0f, grad);
    // d/dw1_j of mean_r (out_r - y_r)^2, out_r = sum_j w2_j tanh(w1_j x_r):
    // mean_r 2 (out_r - y_r) w2_j tanh'(w1_j x_r) x_r.
    std::vector<double> out(rows, 0.0);
    for (int r = 0; r < rows; ++r)
        for (int j = 0; j < hidden; ++j) out[r] += w2[j] * std::tanh(w1[j] * x(r, 0));
    for (int j = 0; j < hidden; ++j) {
        double right = 0, buggy = 0, scale = 0;
        for (int r = 0; r < rows; ++r) {
            const double z = w1[j] * x(r, 0), a = std::tanh(z);
            const double common = 2 * (out[r] - y(r)) * w2[j] * x(r, 0) / rows;
            right += common * (1 - a * a);
            buggy += common * (1 - z * z);
            scale += std::abs(common);
        }
        const double got = grad(net.weightOffset(0) + j);
        QVERIFY2(std::abs(got - right) <= 1e-5 * scale,
                 qPrintable(QStringLiteral("unit %1: got %2, expected %3 (1 - z^2 would give %4)")
                                .arg(j)
                                .arg(got)
                                .arg(right)
                                .arg(buggy)));
    }
}

void tst_SeedBugs::gradientsDoNotAccumulateAcrossSteps() {
    Network<double> net(networkShape(4, {5}, Activation::Tanh, Task::Binary, 1), Task::Binary);
    Rng rng(3);
    net.initialise(rng);
    Network<double>::Matrix x = Network<double>::Matrix::Random(6, 4);
    Network<double>::Vector y(6), w, first, second;
    y << 0, 1, 0, 1, 1, 0;
    net.forward(x);
    net.backward(x, y, w, 6.0, 0.0, first);
    second = Network<double>::Vector::Constant(net.parameterCount(), 123.0);  // stale contents
    net.forward(x);
    net.backward(x, y, w, 6.0, 0.0, second);
    QVERIFY2(first == second, "backward() must overwrite the gradient, not add to it");
}

void tst_SeedBugs::biasesChangeDuringTraining() {
    const Dataset data = test::syntheticDataset(Task::Binary, 400, 4, 2, 5);
    TrainingConfig config;
    config.hidden = {6, 4};
    config.epochs = 3;
    Trainer trainer(data, config);
    std::vector<Eigen::VectorXf> before;
    const auto& net = trainer.network();
    for (int i = 0; i < net.layerCount(); ++i)
        before.push_back(net.parameters().segment(net.biasOffset(i), net.layer(i).units));
    trainer.run();
    for (int i = 0; i < net.layerCount(); ++i) {
        const Eigen::VectorXf after =
            net.parameters().segment(net.biasOffset(i), net.layer(i).units);
        QVERIFY2(((after - before[i]).array() != 0).all(),
                 qPrintable(QStringLiteral("a bias of layer %1 never changed").arg(i + 1)));
    }
}

void tst_SeedBugs::trainAndValidationRowsAreDisjoint() {
    const Dataset data = test::syntheticDataset(Task::Binary, 1001, 3, 2, 9);
    const Split split = splitRows(data, 0.2, 17);
    std::set<Eigen::Index> train(split.train.begin(), split.train.end());
    std::set<Eigen::Index> val(split.validation.begin(), split.validation.end());
    QCOMPARE(train.size(), split.train.size());  // no duplicates either
    QCOMPARE(val.size(), split.validation.size());
    for (Eigen::Index r : val) QVERIFY2(!train.count(r), "a row is in both train and validation");
    QCOMPARE(train.size() + val.size(), std::size_t(1001));
    QVERIFY(std::abs(double(val.size()) - 200.2) <= 2);
}

void tst_SeedBugs::scalerIsFittedOnTrainingRowsOnly() {
    Dataset data = test::syntheticDataset(Task::Binary, 500, 3, 2, 11);
    TrainingConfig config;
    config.epochs = 1;
    const Split split = splitRows(data, config.validationFraction, config.seed);
    // Make the validation rows wildly different: a leak would drag the mean toward 1000.
    for (Eigen::Index r : split.validation) data.x.row(r).setConstant(1000.0);
    Trainer trainer(data, config);
    Eigen::VectorXd trainMean = Eigen::VectorXd::Zero(3);
    for (Eigen::Index r : split.train) trainMean += data.x.row(r).transpose();
    trainMean /= double(split.train.size());
    const Model model = trainer.model();
    QVERIFY2((model.scaler.mean - trainMean).cwiseAbs().maxCoeff() < 1e-9,
             "the scaler's mean is not the mean of the training rows");
    QVERIFY(model.scaler.mean.cwiseAbs().maxCoeff() < 1.0);
}

void tst_SeedBugs::defaultInitialisationIsNotTiny() {
    const Dataset data = test::syntheticDataset(Task::Binary, 100, 8, 2, 1);
    TrainingConfig config;  // defaults: 8-16-1 tanh
    Trainer trainer(data, config);
    const auto& net = trainer.network();
    for (int i = 0; i < net.layerCount(); ++i) {
        const auto w = net.weights(i);
        const double sd = std::sqrt(w.squaredNorm() / double(w.size()));
        const double glorot = std::sqrt(2.0 / (net.layer(i).inputs + net.layer(i).units));
        QVERIFY2(sd > 0.5 * glorot && sd < 2 * glorot,
                 qPrintable(QStringLiteral("layer %1 weights have sd %2, Glorot scale is %3")
                                .arg(i + 1)
                                .arg(sd)
                                .arg(glorot)));
    }
}

QTEST_APPLESS_MAIN(tst_SeedBugs)
#include "tst_seed_bugs.moc"
