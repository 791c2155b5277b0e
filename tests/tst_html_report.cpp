// The HTML report from hand-made inputs: every section with its heading and the numbers passed
// in, text from users' files escaped, no external reference, and SVG charts that are well-formed
// XML (core/report/html_report.h, svg_plot.h).

#include <QRegularExpression>
#include <QXmlStreamReader>
#include <QtTest>

#include "core/report/html_report.h"
#include "core/report/svg_plot.h"

using namespace bps;
using namespace bps::report;

namespace {

ReportInput binaryInput() {
    ReportInput in;
    in.title = "Report on pulsars.csv";
    in.generatedBy = "backprop-studio test";
    in.data.fileName = "pulsars.csv";
    in.data.rows = 1234;
    in.data.target = "class";
    in.data.columns = {{"mean", "numeric", 0, "input"},
                       {"sd", "numeric", 7, "input"},
                       {"name", "identifier", 0, "not used"},
                       {"class", "categorical", 0, "target"}};
    in.data.classCounts = {{"noise", 1100}, {"pulsar", 134}};
    in.data.warnings = {"left out 'name': an identifier"};
    in.model.task = Task::Binary;
    in.model.target = "class";
    in.model.classes = {"noise", "pulsar"};
    in.model.inputs = {"mean", "sd"};
    in.model.networkInputs = 2;
    in.model.layerUnits = {16, 1};
    in.model.settings = {{"learning_rate", "0.0123"}, {"optimizer", "adam"}};
    for (int e = 1; e <= 40; ++e)
        in.history.push_back({e, 1.0 / e, 1.2 / e, 0.5 + e / 100.0, 0.01});
    in.rowsDescription = "the 100 validation rows (fraction 0.2, seed 1)";
    in.evaluatedRows = 100;
    in.metrics.task = Task::Binary;
    in.metrics.accuracy = 0.9312;
    in.metrics.precision = 0.8765;
    in.metrics.recall = 0.7654;
    in.metrics.f1 = 0.8172;
    in.metrics.rocAuc = 0.9588;
    in.metrics.loss = 0.2109;
    in.metrics.confusion = {{51, 3}, {4, 42}};
    in.roc = {{0, 0, 1}, {0.1, 0.7, 0.6}, {0.3, 0.95, 0.3}, {1, 1, 0}};
    in.calibration = {{0.05, 0.04, 60}, {0.55, 0.5, 22}, {0.93, 0.9, 18}};
    in.importance = {{"mean", 0.2345, 0.012}, {"sd", 0.0123, 0.004}};
    in.importanceMetric = "ROC AUC drop";
    return in;
}

// The text of <section id="id"> ... </section>; empty when there is none.
QString section(const QString& html, const QString& id) {
    const qsizetype start = html.indexOf(QStringLiteral("<section id=\"%1\">").arg(id));
    if (start < 0) return {};
    const qsizetype end = html.indexOf(QLatin1String("</section>"), start);
    return html.mid(start, end - start);
}

QStringList svgs(const QString& html) {
    QStringList out;
    static const QRegularExpression re(QStringLiteral("<svg.*?</svg>"),
                                       QRegularExpression::DotMatchesEverythingOption);
    for (auto it = re.globalMatch(html); it.hasNext();) out << it.next().captured(0);
    return out;
}

QString xmlError(const QString& svg) {
    QXmlStreamReader xml(svg);
    while (!xml.atEnd()) xml.readNext();
    return xml.hasError() ? xml.errorString() : QString();
}

}  // namespace

class tst_HtmlReport : public QObject {
    Q_OBJECT
private slots:
    void everySectionWithItsNumbers();
    void textIsEscaped();
    void noExternalReferenceNoScript();
    void chartsAreWellFormedSvg();
    void missingHistoryIsSaid();
    void regressionHasNoClassSections();
    void roundTicks_data();
    void roundTicks();
};

void tst_HtmlReport::everySectionWithItsNumbers() {
    const QString html = QString::fromStdString(htmlReport(binaryInput()));
    QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
    const QList<QPair<QString, QString>> headings = {{"data", "Data"},
                                                     {"model", "Model and settings"},
                                                     {"training", "Training curves"},
                                                     {"metrics", "Metrics"},
                                                     {"confusion", "Confusion matrix"},
                                                     {"roc", "ROC curve"},
                                                     {"calibration", "Calibration"},
                                                     {"importance", "Input importance"}};
    for (const auto& [id, heading] : headings)
        QVERIFY2(section(html, id).contains("<h2>" + heading + "</h2>"), qPrintable(id));

    const QString data = section(html, "data");
    QVERIFY(data.contains("pulsars.csv"));
    QVERIFY(data.contains("<td class=\"num\">1234</td>"));
    QVERIFY(data.contains("<td class=\"num\">1100</td>"));
    QVERIFY(data.contains("<td class=\"num\">89.1%</td>"));  // 1100 of 1234
    QVERIFY(data.contains("<td class=\"num\">7</td>"));      // sd's missing cells
    QVERIFY(data.contains("left out &#39;name&#39;: an identifier"));
    const QString model = section(html, "model");
    QVERIFY(model.contains("2 inputs \u2192 16 \u2192 1"));
    QVERIFY(model.contains("<td>learning_rate</td><td>0.0123</td>"));
    const QString training = section(html, "training");
    QVERIFY(training.contains("40 epochs shown"));
    QVERIFY(training.contains("training cost 0.0250"));  // 1/40
    QCOMPARE(svgs(training).size(), 2);                  // cost and accuracy
    const QString metrics = section(html, "metrics");
    QVERIFY(metrics.contains("the 100 validation rows"));
    for (const char* v : {"0.9312", "0.8765", "0.7654", "0.8172", "0.9588", "0.2109"})
        QVERIFY2(metrics.contains(QStringLiteral("<td class=\"num\">%1</td>").arg(v)), v);
    const QString confusion = section(html, "confusion");
    for (const char* v : {"51", "3", "4", "42"})
        QVERIFY2(confusion.contains(QStringLiteral("<td class=\"num\">%1</td>").arg(v)), v);
    QVERIFY(section(html, "roc").contains("ROC AUC 0.9588"));
    const QString calibration = section(html, "calibration");
    QVERIFY(calibration.contains("<td class=\"num\">0.550</td>"));
    QVERIFY(calibration.contains("<td class=\"num\">22</td>"));
    const QString importance = section(html, "importance");
    QVERIFY(importance.contains("<td>mean</td><td class=\"num\">0.2345</td>"));
    QVERIFY(importance.contains("ROC AUC drop"));
}

void tst_HtmlReport::textIsEscaped() {
    ReportInput in = binaryInput();
    const std::string evil = "<b>x&y\"z'</b>";
    in.data.columns[0].name = evil;
    in.model.inputs[0] = evil;
    in.model.classes = {"<script>alert(1)</script>", "ok"};
    in.data.classCounts[0].first = in.model.classes[0];
    in.importance[0].column = evil;
    in.title = evil;
    const QString html = QString::fromStdString(htmlReport(in));
    QVERIFY(!html.contains(QString::fromStdString(evil)));
    QVERIFY(!html.contains("<script", Qt::CaseInsensitive));
    QVERIFY(!html.contains("<b>"));
    QVERIFY(html.contains("&lt;b&gt;x&amp;y&quot;z&#39;&lt;/b&gt;"));
    QVERIFY(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    for (const QString& svg : svgs(html)) QVERIFY2(xmlError(svg).isEmpty(), qPrintable(svg));
}

void tst_HtmlReport::noExternalReferenceNoScript() {
    const QString html = QString::fromStdString(htmlReport(binaryInput()));
    for (const char* banned : {"http", "src=", "url(", "@import", "<link", "<script", "<img"})
        QVERIFY2(!html.contains(banned, Qt::CaseInsensitive), banned);
    // The only links are to the page's own sections.
    static const QRegularExpression href(QStringLiteral("href=\"([^\"]*)\""));
    for (auto it = href.globalMatch(html); it.hasNext();)
        QVERIFY(it.next().captured(1).startsWith('#'));
    QVERIFY(html.contains("<style>"));
}

void tst_HtmlReport::chartsAreWellFormedSvg() {
    const QStringList charts = svgs(QString::fromStdString(htmlReport(binaryInput())));
    // cost, accuracy, confusion, ROC, calibration, importance
    QCOMPARE(charts.size(), 6);
    for (const QString& svg : charts) {
        QVERIFY2(xmlError(svg).isEmpty(), qPrintable(xmlError(svg) + "\n" + svg.left(400)));
        QVERIFY(svg.contains("<title>"));
        QVERIFY(svg.contains("<path") || svg.contains("<rect"));
    }
    // The ROC curve's path visits the points passed in: (0.1, 0.7) is x 70 + 0.1 * 550.
    QVERIFY(charts[3].contains("L125.00 "));
}

void tst_HtmlReport::missingHistoryIsSaid() {
    ReportInput in = binaryInput();
    in.history.clear();
    in.historyNote = "no training history given";
    in.calibration.clear();
    in.calibrationNote = "calibration: not computed";
    const QString html = QString::fromStdString(htmlReport(in));
    const QString training = section(html, "training");
    QVERIFY(training.contains("no training history given"));
    QVERIFY(svgs(training).isEmpty());
    QVERIFY(section(html, "calibration").contains("calibration: not computed"));
}

void tst_HtmlReport::regressionHasNoClassSections() {
    ReportInput in = binaryInput();
    in.model.task = in.metrics.task = Task::Regression;
    in.model.classes.clear();
    in.data.classCounts.clear();
    in.data.targetStats = TargetStats{1.5, 46.6, 23.51, 7.8};
    in.metrics.rmse = 3.1416;
    in.metrics.mae = 2.7183;
    in.metrics.r2 = 0.8123;
    in.metrics.confusion.clear();
    in.roc.clear();
    const QString html = QString::fromStdString(htmlReport(in));
    QVERIFY(section(html, "confusion").isEmpty());
    QVERIFY(section(html, "roc").isEmpty());
    QVERIFY(section(html, "calibration").isEmpty());
    QVERIFY(!section(html, "importance").isEmpty());
    for (const char* v : {"3.1416", "2.7183", "0.8123"})
        QVERIFY2(section(html, "metrics").contains(v), v);
    QVERIFY(section(html, "data").contains("<td class=\"num\">46.6</td>"));
}

void tst_HtmlReport::roundTicks_data() {
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::addColumn<QList<double>>("expected");
    QTest::newRow("unit") << 0.0 << 1.0 << QList<double>{0, 0.2, 0.4, 0.6, 0.8, 1};
    QTest::newRow("inside") << 0.013 << 0.087 << QList<double>{0.02, 0.04, 0.06, 0.08};
    QTest::newRow("epochs") << 1.0 << 30.0 << QList<double>{5, 10, 15, 20, 25, 30};
    QTest::newRow("negative") << -3.0 << 2.0 << QList<double>{-3, -2, -1, 0, 1, 2};
    QTest::newRow("empty range") << 1.0 << 1.0 << QList<double>{};
}

void tst_HtmlReport::roundTicks() {
    QFETCH(double, low);
    QFETCH(double, high);
    QFETCH(QList<double>, expected);
    const std::vector<double> ticks = report::roundTicks(low, high, 5);
    QCOMPARE(static_cast<qsizetype>(ticks.size()), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QVERIFY2(std::abs(ticks[static_cast<std::size_t>(i)] - expected[i]) < 1e-12,
                 qPrintable(QString::number(ticks[static_cast<std::size_t>(i)])));
}

QTEST_APPLESS_MAIN(tst_HtmlReport)
#include "tst_html_report.moc"
