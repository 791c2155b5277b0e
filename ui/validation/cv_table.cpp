#include "ui/validation/cv_table.h"

#include <QHeaderView>
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnosis/diagnosis.h"
#include "core/evaluation/mean_sd.h"
#include "core/evaluation/metric_columns.h"
#include "core/io/csv_writer.h"

namespace bps {

namespace {

struct Learner {
    const char* name;  // as the CSV names it
    QString title;     // as the table shows it
    Metrics FoldOutcome::*metrics;
};
std::vector<Learner> learners() {
    return {{"network", QObject::tr("Network: mean ± sd"), &FoldOutcome::network},
            {"linear", QObject::tr("Linear baseline"), &FoldOutcome::linear},
            {"majority", QObject::tr("Majority baseline"), &FoldOutcome::majority}};
}

QString learnerTip(const char* name) {
    const std::string n = name;
    if (n == "linear")
        return QObject::tr(
            "The same training without hidden layers (logistic, softmax or linear "
            "regression), on the same folds; mean ± sd over the folds");
    if (n == "majority")
        return QObject::tr(
            "Always predicts the training rows' class shares (or their mean, for "
            "regression); mean ± sd over the folds");
    return QObject::tr("Mean and sample standard deviation over the folds");
}

QString foldTitle(const FoldOutcome& f, bool repeated) {
    return repeated ? QObject::tr("Repeat %1, fold %2").arg(f.repeat + 1).arg(f.index + 1)
                    : QObject::tr("Fold %1").arg(f.index + 1);
}

MeanSd summary(const CrossValidation& cv, Metrics FoldOutcome::*learner, double Metrics::*field) {
    std::vector<double> values;
    for (const FoldOutcome& f : cv.folds) values.push_back((f.*learner).*field);
    return meanSd(values);
}

QString shown(double v) { return std::isfinite(v) ? QString::number(v, 'f', 4) : "n/a"; }

QTableWidgetItem* cell(const QString& text, Qt::Alignment align = Qt::AlignRight) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(align | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

}  // namespace

std::vector<CvMetricColumn> cvMetricColumns(Task task) {
    // core's list (the keys `cv --report-out` and `sweep` write), with the loss moved last and
    // the titles capitalised for a table heading.
    std::vector<CvMetricColumn> columns;
    std::optional<CvMetricColumn> loss;
    for (const MetricColumn& c : metricColumns(task)) {
        QString title =
            std::string_view(c.key) == "r2" ? QStringLiteral("R²") : QObject::tr(c.title);
        title[0] = title[0].toUpper();
        const CvMetricColumn column{title, c.key, c.field};
        if (std::string_view(c.key) == "loss")
            loss = column;
        else
            columns.push_back(column);
    }
    if (loss) columns.push_back(*loss);
    return columns;
}

QString cvVerdict(const CrossValidation& cv) {
    for (const Finding& f : diagnoseCrossValidation(cv))
        if (f.code == FindingCode::NoBetterThanLinear) return QString::fromStdString(f.message);
    // The per-fold difference: both models saw the same rows, so its spread is the honest one.
    std::vector<double> gains;
    for (const FoldOutcome& f : cv.folds)
        gains.push_back(primaryScore(f.network) - primaryScore(f.linear));
    const MeanSd gain = meanSd(gains);
    if (gain.count < 2) return {};
    const QString score = QString::fromStdString(std::string(primaryScoreName(cv.task)));
    return QObject::tr(
               "The network beats the linear baseline by %1 ± %2 %3 (mean ± sd of the "
               "difference over %4 folds).")
        .arg(gain.mean, 0, 'f', 4)
        .arg(gain.sd, 0, 'f', 4)
        .arg(score)
        .arg(gain.count);
}

QByteArray cvTableCsv(const CrossValidation& cv) {
    const auto columns = cvMetricColumns(cv.task);
    std::string out = "row,repeat,fold,epochs,validation_rows";
    for (const auto& c : columns) out += std::string(",") + c.key;
    out += "\n";
    for (const FoldOutcome& f : cv.folds) {
        out += "fold," + std::to_string(f.repeat + 1) + "," + std::to_string(f.index + 1) + "," +
               std::to_string(f.epochs) + "," + std::to_string(f.validationRows.size());
        for (const auto& c : columns) out += "," + formatNumber(f.network.*c.field);
        out += "\n";
    }
    for (const Learner& l : learners())
        for (const char* stat : {"mean", "sd"}) {
            out += csvField(std::string(l.name) + " " + stat) + ",,,,";
            for (const auto& c : columns) {
                const MeanSd s = summary(cv, l.metrics, c.field);
                out += "," + formatNumber(stat[0] == 'm' ? s.mean : s.sd);
            }
            out += "\n";
        }
    return QByteArray::fromStdString(out);
}

CvTable::CvTable(QWidget* parent) : QTableWidget(parent) {
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    verticalHeader()->setVisible(false);
    setWordWrap(false);
    // Every column as wide as its widest "mean ± sd"; the last takes what is left over.
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    clearResult();
}

void CvTable::clearResult() {
    clear();
    setRowCount(0);
    setColumnCount(0);
    m_meanRow = -1;
}

void CvTable::showResult(const CrossValidation& cv) {
    clearResult();
    const auto columns = cvMetricColumns(cv.task);
    QStringList headers{QString(), tr("Epochs")};
    for (const auto& c : columns) headers << c.title;
    setColumnCount(int(headers.size()));
    setHorizontalHeaderLabels(headers);
    // The names take what the metrics leave.
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    const int folds = int(cv.folds.size());
    const bool repeated = folds > 0 && cv.folds.back().repeat > 0;
    setRowCount(folds + 3);
    for (int r = 0; r < folds; ++r) {
        const FoldOutcome& f = cv.folds[std::size_t(r)];
        setItem(r, 0, cell(foldTitle(f, repeated), Qt::AlignLeft));
        setItem(r, 1, cell(QString::number(f.epochs)));
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const double v = f.network.*columns[c].field;
            auto* item = cell(shown(v));
            item->setData(kValueRole, v);
            setItem(r, kLeadingColumns + int(c), item);
        }
    }
    m_meanRow = folds;
    int row = folds;
    for (const Learner& l : learners()) {
        auto* title = cell(l.title, Qt::AlignLeft);
        title->setToolTip(learnerTip(l.name));
        QFont bold = title->font();
        bold.setBold(row == m_meanRow);
        title->setFont(bold);
        setItem(row, 0, title);
        setItem(row, 1, cell(QString()));
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const MeanSd s = summary(cv, l.metrics, columns[c].field);
            auto* item = cell(s.count ? shown(s.mean) + " ± " + shown(s.sd) : "n/a");
            item->setData(kValueRole, s.mean);
            item->setData(kSdRole, s.sd);
            item->setFont(bold);
            setItem(row, kLeadingColumns + int(c), item);
        }
        ++row;
    }
    // Tall enough for every row up to a dozen; more scroll.
    const int shown = std::min(rowCount(), 12);
    setMinimumHeight(horizontalHeader()->height() + shown * verticalHeader()->defaultSectionSize() +
                     2 * frameWidth() + 2);
}

}  // namespace bps
