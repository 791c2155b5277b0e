#include "core/report/report_multiclass.h"

#include <cmath>

#include "core/evaluation/calibration.h"
#include "core/report/html_parts.h"
#include "core/report/svg_parts.h"
#include "core/report/svg_plot.h"

namespace bps::report {

using namespace html;

namespace {

// Past the palette's seven colours the curves are dashed, so no two classes look alike.
constexpr std::size_t kSolidCurves = 7;

}  // namespace

std::vector<ClassCurve> classCurves(const Eigen::MatrixXd& probabilities,
                                    const Eigen::VectorXd& targets,
                                    const std::vector<std::string>& classes) {
    std::vector<ClassCurve> out;
    const std::vector<Reliability> reliabilities =
        perClassReliability(probabilities, targets, 10, Binning::Uniform);
    for (Eigen::Index k = 0; k < probabilities.cols(); ++k) {
        ClassCurve c;
        const auto index = static_cast<std::size_t>(k);
        c.name = index < classes.size() ? classes[index] : std::to_string(k);
        const Eigen::VectorXd isClass =
            (targets.array() == static_cast<double>(k)).cast<double>().matrix();
        c.rows = static_cast<std::int64_t>(isClass.sum());
        if (c.rows > 0 && c.rows < targets.size()) {
            c.roc = rocCurve(probabilities.col(k), isClass);
            c.auc = rocAuc(probabilities.col(k), isClass);
        }
        const Reliability& r = reliabilities.at(index);
        for (const ReliabilityBin& b : r.bins)
            if (b.count > 0)
                c.calibration.push_back({b.meanPredicted, b.observedFrequency, b.count});
        c.brier = r.brier;
        c.ece = r.ece;
        out.push_back(std::move(c));
    }
    return out;
}

std::string classRocSection(const ReportInput& in) {
    std::string h = open("roc", "ROC curves, each class against the rest");
    LineChart chart{
        "ROC, each class against the rest", "false positive rate", "true positive rate", {}};
    chart.unitSquare = chart.diagonal = true;
    double sum = 0;
    int finite = 0;
    for (std::size_t k = 0; k < in.classCurves.size(); ++k) {
        const ClassCurve& c = in.classCurves[k];
        LineSeries curve{
            // The name shortened, so a long one still leaves its AUC in the legend.
            svg::clipped(c.name, 22) +
                (std::isfinite(c.auc) ? ", AUC " + fixed(c.auc, 3) : std::string(" (no AUC)")),
            {},
            {},
            k >= kSolidCurves};
        for (const RocPoint& p : c.roc) {
            curve.x.push_back(p.falsePositiveRate);
            curve.y.push_back(p.truePositiveRate);
        }
        chart.series.push_back(std::move(curve));
        if (std::isfinite(c.auc)) {
            sum += c.auc;
            ++finite;
        }
    }
    if (finite == 0)
        return h + note("no ROC curve: no class has rows of its own and of the rest") +
               "</section>\n";
    h += lineChartSvg(chart);
    h += "<p>Each class's probability ranks its rows against all the others; mean AUC " +
         fixed(sum / finite) + " over " + std::to_string(finite) +
         " classes (0.5 is chance, the dashed diagonal).</p>\n";
    h += "<table>\n<tr><th>class</th><th>ROC AUC</th><th>rows</th></tr>\n";
    for (const ClassCurve& c : in.classCurves)
        h += "<tr>" + cell(c.name) + numCell(fixed(c.auc)) + numCell(std::to_string(c.rows)) +
             "</tr>\n";
    return h + "</table>\n</section>\n";
}

std::string classCalibrationSection(const ReportInput& in) {
    std::string h = open("calibration", "Calibration, each class against the rest");
    LineChart chart{
        "Reliability per class", "mean predicted probability", "observed share of the class", {}};
    chart.unitSquare = chart.diagonal = true;
    bool any = false;
    for (std::size_t k = 0; k < in.classCurves.size(); ++k) {
        const ClassCurve& c = in.classCurves[k];
        LineSeries bins{c.name, {}, {}, k >= kSolidCurves, true};
        for (const CalibrationBin& b : c.calibration) {
            bins.x.push_back(b.meanPredicted);
            bins.y.push_back(b.observed);
        }
        any = any || !c.calibration.empty();
        chart.series.push_back(std::move(bins));
    }
    if (!any) return h + note("no finite probabilities to bin") + "</section>\n";
    h += lineChartSvg(chart);
    h += "<p>Each class's probability in ten bins of equal width against the share of its rows "
         "that are of the class; a well calibrated model follows the diagonal.</p>\n";
    h += "<table>\n<tr><th>class</th><th>Brier score</th><th>expected calibration error</th>"
         "<th>rows</th></tr>\n";
    for (const ClassCurve& c : in.classCurves)
        h += "<tr>" + cell(c.name) + numCell(fixed(c.brier)) + numCell(fixed(c.ece)) +
             numCell(std::to_string(c.rows)) + "</tr>\n";
    return h + "</table>\n</section>\n";
}

}  // namespace bps::report
