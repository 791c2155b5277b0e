// Backpropagation of the whole network against central finite differences (double precision),
// for every hidden activation x output/loss and several shapes, with and without class weights
// and L2. Relative error per layer: |g - g_hat| / |g + g_hat| (mlpack's CheckGradient).

#include <QtTest>

#include "core/base/random.h"
#include "core/nn/network.h"

using namespace bps;

Q_DECLARE_METATYPE(bps::Activation)
Q_DECLARE_METATYPE(bps::Task)

namespace {

using Net = Network<double>;

struct Problem {
    Net::Matrix x;
    Net::Vector y, w;
    double l2;
};

// The objective backward() differentiates: mean weighted loss + (l2/2) * sum of squared weights.
double objective(Net& net, const Problem& p) {
    net.forward(p.x);
    double penalty = 0;
    for (int i = 0; i < net.layerCount(); ++i) penalty += net.weights(i).squaredNorm();
    return net.lossSum(p.y, p.w) / static_cast<double>(p.x.rows()) + 0.5 * p.l2 * penalty;
}

}  // namespace

class tst_Gradient : public QObject {
    Q_OBJECT
private slots:
    void wholeNetwork_data();
    void wholeNetwork();
};

void tst_Gradient::wholeNetwork_data() {
    QTest::addColumn<Activation>("activation");
    QTest::addColumn<Task>("task");
    QTest::addColumn<QList<int>>("shape");  // inputs, hidden..., outputs
    QTest::addColumn<bool>("weighted");
    QTest::addColumn<double>("l2");
    const std::pair<const char*, Activation> activations[] = {
        {"tanh", Activation::Tanh},
        {"sigmoid", Activation::Sigmoid},
        {"relu", Activation::Relu},
        {"leaky_relu", Activation::LeakyRelu}};
    const std::pair<const char*, Task> tasks[] = {{"binary", Task::Binary},
                                                  {"multiclass", Task::Multiclass},
                                                  {"regression", Task::Regression}};
    const QList<QList<int>> shapes{{3, 4}, {8, 16}, {5, 7, 6}, {2, 3, 3, 3}, {4}};
    for (const auto& [aName, activation] : activations)
        for (const auto& [tName, task] : tasks)
            for (int s = 0; s < shapes.size(); ++s) {
                QList<int> shape = shapes[s];
                shape.append(task == Task::Multiclass ? 3 : 1);
                const bool weighted = s % 2 == 1;
                const double l2 = s == 2 ? 0.1 : 0.0;
                QTest::addRow("%s/%s/shape%d", aName, tName, s)
                    << activation << task << shape << weighted << l2;
            }
}

void tst_Gradient::wholeNetwork() {
    QFETCH(Activation, activation);
    QFETCH(Task, task);
    QFETCH(QList<int>, shape);
    QFETCH(bool, weighted);
    QFETCH(double, l2);

    std::vector<int> hidden(shape.begin() + 1, shape.end() - 1);
    Net net(networkShape(shape.front(), hidden, activation, task, shape.back()), task);
    Rng rng(42 + shape.size());
    net.initialise(rng, 1.0);
    // Non-zero biases, so their gradient paths are exercised too.
    for (int i = 0; i < net.layerCount(); ++i)
        for (Eigen::Index k = 0; k < net.bias(i).size(); ++k) net.bias(i)(k) = 0.3 * rng.normal();

    Problem p;
    const int rows = 9;
    p.x.resize(rows, shape.front());
    for (Eigen::Index k = 0; k < p.x.size(); ++k) p.x.data()[k] = rng.normal();
    p.y.resize(rows);
    for (int r = 0; r < rows; ++r)
        p.y(r) = task == Task::Regression ? rng.normal()
                 : task == Task::Binary   ? r % 2
                                          : r % shape.back();
    if (weighted) p.w = (Net::Vector::Random(rows).array().abs() + 0.5).matrix();
    p.l2 = l2;

    Net::Vector grad;
    net.forward(p.x);
    net.backward(p.x, p.y, p.w, double(rows), l2, grad);

    Net::Vector numeric(net.parameterCount());
    auto& theta = net.parameters();
    for (Eigen::Index k = 0; k < theta.size(); ++k) {
        const double original = theta(k);
        const double h = 1e-6 * (1 + std::abs(original));
        theta(k) = original + h;
        const double up = objective(net, p);
        theta(k) = original - h;
        const double down = objective(net, p);
        theta(k) = original;
        numeric(k) = (up - down) / (2 * h);
    }
    for (int i = 0; i < net.layerCount(); ++i) {
        const Eigen::Index begin = net.weightOffset(i);
        const Eigen::Index len = net.biasOffset(i) + net.layer(i).units - begin;
        const auto g = grad.segment(begin, len);
        const auto n = numeric.segment(begin, len);
        const double rel = (g - n).norm() / std::max((g + n).norm(), 1e-12);
        QVERIFY2(rel <= 1e-6, qPrintable(QStringLiteral("layer %1: relative error %2 (|g| = %3)")
                                             .arg(i + 1)
                                             .arg(rel)
                                             .arg(g.norm())));
        QVERIFY2(g.norm() > 0, "a layer with an all-zero gradient checks nothing");
    }
}

QTEST_APPLESS_MAIN(tst_Gradient)
#include "tst_gradient.moc"
