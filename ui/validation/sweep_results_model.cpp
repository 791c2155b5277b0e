#include "ui/validation/sweep_results_model.h"

#include <QFont>
#include <QStringList>
#include <cmath>
#include <limits>

namespace bps {

namespace {
QString number(double v, int digits = 4) {
    return std::isnan(v) ? QStringLiteral("n/a") : QString::number(v, 'g', digits);
}
double orLast(double v) { return std::isnan(v) ? std::numeric_limits<double>::infinity() : v; }
}  // namespace

double sweepValueNumber(SweepParameter parameter, const std::string& value) {
    const QString text = QString::fromStdString(value);
    if (parameter == SweepParameter::Hidden) {
        if (text == QLatin1String("none")) return 0;
        double units = 0;
        for (const QString& part : text.split(QLatin1Char('x'))) units += part.toDouble();
        return units;
    }
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok ? v : std::numeric_limits<double>::quiet_NaN();
}

SweepResultsModel::SweepResultsModel(QObject* parent) : QAbstractTableModel(parent) {}

void SweepResultsModel::reset(const std::vector<SweepParameter>& parameters, Task task) {
    beginResetModel();
    m_parameters = parameters;
    m_metrics = metricColumns(task);
    m_metrics.erase(m_metrics.begin());  // the loss is the score
    m_rows.clear();
    m_rowOf.clear();
    m_best = -1;
    endResetModel();
}

void SweepResultsModel::upsert(const SweepTrial& trial) {
    const int row = rowOf(trial.index);
    if (row >= 0) {
        m_rows[std::size_t(row)] = trial;
        emit dataChanged(index(row, 0), index(row, columnCount() - 1));
        return;
    }
    const int at = rowCount();
    beginInsertRows({}, at, at);
    m_rows.push_back(trial);
    m_rowOf.insert(trial.index, at);
    endInsertRows();
}

void SweepResultsModel::setBest(int trialIndex) {
    const int old = rowOf(m_best);
    m_best = trialIndex;
    for (int row : {old, rowOf(trialIndex)})
        if (row >= 0) emit dataChanged(index(row, 0), index(row, columnCount() - 1));
}

int SweepResultsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SweepResultsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : 3 + int(m_parameters.size()) + int(m_metrics.size()) + 3;
}

QVariant SweepResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    const int p = int(m_parameters.size()), m = int(m_metrics.size());
    if (section == 0) return tr("Trial");
    if (section == 1) return tr("Seed");
    if (section < 2 + p)
        return QString::fromUtf8(sweepParameterName(m_parameters[std::size_t(section - 2)]).data());
    if (section == 2 + p) return tr("Score (val. loss)");
    if (section < 3 + p + m)
        return QString::fromUtf8(m_metrics[std::size_t(section - 3 - p)].title);
    const QStringList tail{tr("Epochs"), tr("Pruned"), tr("Seconds")};
    return tail.value(section - 3 - p - m);
}

QVariant SweepResultsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const SweepTrial& trial = m_rows[std::size_t(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            return display(trial, index.column());
        case kSortRole:
            return sortKey(trial, index.column());
        case kTrialRole:
            return trial.index;
        case Qt::FontRole:
            if (trial.index == m_best) {
                QFont bold;
                bold.setBold(true);
                return bold;
            }
            return {};
        case Qt::ToolTipRole:
            return trial.index == m_best ? tr("The best trial: lowest validation loss")
                                         : QString::fromStdString(trial.values.describe());
        case Qt::TextAlignmentRole:
            return index.column() >= 2 + int(m_parameters.size())
                       ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                       : QVariant();
        default:
            return {};
    }
}

QVariant SweepResultsModel::display(const SweepTrial& t, int column) const {
    const int p = int(m_parameters.size()), m = int(m_metrics.size());
    if (column == 0)
        return t.index == m_best ? QStringLiteral("★ %1").arg(t.index + 1)
                                 : QString::number(t.index + 1);
    if (column == 1) return QString::number(t.config.seed);
    if (column < 2 + p)
        return QString::fromStdString(t.values.values[std::size_t(column - 2)].second);
    if (column == 2 + p) return number(t.score);
    if (column < 3 + p + m) return number(t.metrics.*m_metrics[std::size_t(column - 3 - p)].field);
    switch (column - 3 - p - m) {
        case 0:
            return t.epochs;
        case 1:
            return t.pruned ? tr("pruned") : QString();
        default:
            return QString::number(t.seconds, 'f', 2);
    }
}

QVariant SweepResultsModel::sortKey(const SweepTrial& t, int column) const {
    const int p = int(m_parameters.size()), m = int(m_metrics.size());
    if (column == 0) return t.index;
    if (column == 1) return qulonglong(t.config.seed);
    if (column < 2 + p) {
        const auto& [parameter, value] = t.values.values[std::size_t(column - 2)];
        const double v = sweepValueNumber(parameter, value);
        return std::isnan(v) ? QVariant(QString::fromStdString(value)) : QVariant(v);
    }
    if (column == 2 + p) return orLast(t.score);
    if (column < 3 + p + m) return orLast(t.metrics.*m_metrics[std::size_t(column - 3 - p)].field);
    switch (column - 3 - p - m) {
        case 0:
            return t.epochs;
        case 1:
            return int(t.pruned);
        default:
            return t.seconds;
    }
}

}  // namespace bps
