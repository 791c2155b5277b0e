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

// A regression model's page: 60 rows predicted, and their residuals in four bins.
ReportInput regressionInput() {
    ReportInput in = binaryInput();
    in.model.task = in.metrics.task = Task::Regression;
    in.model.target = in.data.target = "mpg";
    in.model.classes.clear();
    in.data.classCounts.clear();
    in.data.targetStats = TargetStats{9, 46.6, 23.5, 7.8};
    in.metrics.confusion.clear();
    in.metrics.rmse = 3.1416;
    in.metrics.mae = 2.7183;
    in.metrics.r2 = 0.8123;
    in.roc.clear();
    in.calibration.clear();
    for (int i = 0; i < 60; ++i) {
        in.predictions.actual.push_back(10 + i * 0.5);
        in.predictions.predicted.push_back(10 + i * 0.5 + (i % 5 - 2));
    }
    in.predictions.rows = 60;
    in.residuals = {-2.5, 1.25, {12, 24, 12, 12}};
    in.meanResidual = 0;
    return in;
}

// A three-class model's page: each class against the rest.
ReportInput multiclassInput() {
    ReportInput in = binaryInput();
    in.model.task = in.metrics.task = Task::Multiclass;
    in.model.classes = {"sun", "rain", "fog"};
    in.data.classCounts = {{"sun", 50}, {"rain", 40}, {"fog", 10}};
    in.metrics.accuracy = 0.81;
    in.metrics.macroF1 = 0.7;
    in.metrics.confusion = {{45, 4, 1}, {5, 33, 2}, {3, 4, 3}};
    in.roc.clear();
    in.calibration.clear();
    const double aucs[] = {0.9123, 0.8456, 0.6789};
    for (std::size_t k = 0; k < 3; ++k) {
        ClassCurve c;
        c.name = in.model.classes[k];
        c.rows = in.data.classCounts[k].second;
        c.roc = {{0, 0, 1}, {0.2, 0.3 + 0.2 * static_cast<double>(k), 0.5}, {1, 1, 0}};
        c.auc = aucs[k];
        c.calibration = {{0.1, 0.12, 40}, {0.5, 0.45, 30}, {0.85, 0.8, 30}};
        c.brier = 0.1 + 0.01 * static_cast<double>(k);
        c.ece = 0.02 + 0.01 * static_cast<double>(k);
        in.classCurves.push_back(c);
    }
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
    void regressionScatterAndResiduals();
    void multiclassCurvesPerClass();
    void manyClassesKeepTheLegendInsideThePlot();
    void everyTaskIsSelfContained_data();
    void everyTaskIsSelfContained();
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

void tst_HtmlReport::regressionScatterAndResiduals() {
    const ReportInput in = regressionInput();
    const QString html = QString::fromStdString(htmlReport(in));
    QVERIFY(html.contains("<a href=\"#predictions\">"));
    const QString predictions = section(html, "predictions");
    QVERIFY(predictions.contains("<h2>Predicted against actual</h2>"));
    const QStringList charts = svgs(predictions);
    QCOMPARE(charts.size(), 2);  // the scatter, the residual histogram
    // One dot per point passed in, and the y = x line from the lower left to the upper right
    // corner of the square plot (70 + 370 across, 40 + 370 down).
    QCOMPARE(charts[0].count("<circle"), 60);
    QVERIFY(
        charts[0].contains("<line x1=\"70.00\" y1=\"410.00\" x2=\"440.00\" y2=\"40.00\" "
                           "class=\"identity\""));
    QVERIFY(charts[0].contains("actual mpg"));
    QVERIFY(charts[0].contains("predicted mpg"));
    // A bar per bin, each saying its count; together every row.
    static const QRegularExpression bar(QStringLiteral("<title>(\\d+) rows, from ([^ ]+) to"));
    int bars = 0, rows = 0;
    QStringList lefts;
    for (auto it = bar.globalMatch(charts[1]); it.hasNext(); ++bars) {
        const auto m = it.next();
        rows += m.captured(1).toInt();
        lefts << m.captured(2);
    }
    QCOMPARE(bars, 4);
    QCOMPARE(rows, 60);
    QCOMPARE(lefts, QStringList({"-2.5", "-1.25", "0", "1.25"}));
    QVERIFY(predictions.contains("Each of the 60 rows is a dot"));
    QVERIFY(predictions.contains("RMSE 3.1416"));
    QVERIFY(predictions.contains("all 60 rows in 4 bins of width 1.25"));
    // Fewer dots than rows: the text says which.
    ReportInput thinned = in;
    thinned.predictions.rows = 6000;
    QVERIFY(section(QString::fromStdString(htmlReport(thinned)), "predictions")
                .contains("60 of the 6000 rows, evenly spaced"));
}

void tst_HtmlReport::multiclassCurvesPerClass() {
    const QString html = QString::fromStdString(htmlReport(multiclassInput()));
    QVERIFY(html.contains("<a href=\"#roc\">"));
    const QString roc = section(html, "roc");
    QVERIFY(roc.contains("<h2>ROC curves, each class against the rest</h2>"));
    const QStringList rocCharts = svgs(roc);
    QCOMPARE(rocCharts.size(), 1);
    // One curve per class, each its own colour, its AUC in the legend and the table.
    QCOMPARE(rocCharts[0].count("<path"), 3);
    for (const char* colour : {"#0072B2", "#D55E00", "#009E73"}) {
        // From (0, 0) at the plot's lower left corner, in the class's colour.
        const QRegularExpression curve(
            QStringLiteral("<path d=\"M70.00 290.00 [^\"]*\" fill=\"none\" stroke=\"%1\"")
                .arg(colour));
        QVERIFY2(curve.match(rocCharts[0]).hasMatch(), colour);
    }
    for (const char* entry : {"sun, AUC 0.912", "rain, AUC 0.846", "fog, AUC 0.679"})
        QVERIFY2(rocCharts[0].contains(entry), entry);
    for (const char* row : {"<td>sun</td><td class=\"num\">0.9123</td><td class=\"num\">50</td>",
                            "<td>fog</td><td class=\"num\">0.6789</td><td class=\"num\">10</td>"})
        QVERIFY2(roc.contains(row), row);
    QVERIFY(roc.contains("mean AUC 0.8123 over 3 classes"));
    const QString calibration = section(html, "calibration");
    const QStringList calibrationCharts = svgs(calibration);
    QCOMPARE(calibrationCharts.size(), 1);
    QCOMPARE(calibrationCharts[0].count("<circle"), 9);  // three bins of three classes
    QVERIFY(
        calibration.contains("<td>rain</td><td class=\"num\">0.1100</td><td "
                             "class=\"num\">0.0300</td>"));
    // The per-class table of the metrics section.
    QVERIFY(section(html, "metrics").contains("<th>precision</th><th>recall</th><th>F1</th>"));
    // A class without rows of the rest has no curve and says so.
    ReportInput one = multiclassInput();
    one.classCurves[2].roc.clear();
    one.classCurves[2].auc = kNaN;
    const QString partial = section(QString::fromStdString(htmlReport(one)), "roc");
    QCOMPARE(svgs(partial)[0].count("<path"), 2);
    QVERIFY(partial.contains("fog (no AUC)"));
    QVERIFY(partial.contains("over 2 classes"));
}

void tst_HtmlReport::manyClassesKeepTheLegendInsideThePlot() {
    // 20 classes: the legend has room for 14 rows, so 13 names and "and 7 more"; the table
    // below the chart still lists every class.
    ReportInput in = multiclassInput();
    const ClassCurve first = in.classCurves[0];
    in.classCurves.clear();
    in.model.classes.clear();
    for (int k = 0; k < 20; ++k) {
        ClassCurve c = first;
        c.name = "class" + std::to_string(k);
        in.model.classes.push_back(c.name);
        in.classCurves.push_back(c);
    }
    const QString html = QString::fromStdString(htmlReport(in));
    for (const char* id : {"roc", "calibration"}) {
        const QString chart = svgs(section(html, id)).at(0);
        QVERIFY2(chart.contains("class12"), id);
        QVERIFY2(!chart.contains("class13"), id);
        QVERIFY2(chart.contains(">and 7 more<"), id);
        // The legend's box starts inside the plot (its top at y = 40).
        const QRegularExpression box(
            QStringLiteral("<rect x=\"[0-9.]+\" y=\"([0-9.]+)\"[^>]*"
                           "fill-opacity=\"0.85\""));
        const QRegularExpressionMatch match = box.match(chart);
        QVERIFY2(match.hasMatch(), id);
        QVERIFY2(match.captured(1).toDouble() >= 40, qPrintable(match.captured(1)));
        QVERIFY2(section(html, id).contains("<td>class19</td>"), id);
    }
}

void tst_HtmlReport::everyTaskIsSelfContained_data() {
    QTest::addColumn<int>("task");
    QTest::addColumn<int>("charts");
    // cost, accuracy, then: confusion, ROC, calibration, importance (classification);
    // scatter, residuals, importance (regression).
    QTest::newRow("binary") << 0 << 6;
    QTest::newRow("multiclass") << 1 << 6;
    QTest::newRow("regression") << 2 << 5;
}

void tst_HtmlReport::everyTaskIsSelfContained() {
    QFETCH(int, task);
    QFETCH(int, charts);
    ReportInput in = task == 0 ? binaryInput() : task == 1 ? multiclassInput() : regressionInput();
    in.model.target = in.data.target = "<b>y</b>";
    const QString html = QString::fromStdString(htmlReport(in));
    for (const char* banned :
         {"http", "src=", "url(", "@import", "<link", "<script", "<img", "<b>"})
        QVERIFY2(!html.contains(banned, Qt::CaseInsensitive), banned);
    const QStringList all = svgs(html);
    QCOMPARE(all.size(), charts);
    for (const QString& svg : all)
        QVERIFY2(xmlError(svg).isEmpty(), qPrintable(xmlError(svg) + "\n" + svg.left(400)));
    // Every link in the navigation goes to a section of the page.
    static const QRegularExpression href(QStringLiteral("href=\"#([^\"]*)\""));
    for (auto it = href.globalMatch(html); it.hasNext();) {
        const QString id = it.next().captured(1);
        QVERIFY2(html.contains(QStringLiteral("<section id=\"%1\">").arg(id)), qPrintable(id));
    }
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
