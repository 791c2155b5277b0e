#include "ui/training/training_status.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <cmath>

#include "ui/training/redraw_throttle.h"

namespace bps {

QString formatDuration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("–");
    const auto total = static_cast<long long>(std::llround(seconds));
    const long long h = total / 3600, m = total / 60 % 60, s = total % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(h)
            .arg(m, 2, 10, QChar('0'))
            .arg(s, 2, 10, QChar('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QChar('0'));
}

TrainingStatus::TrainingStatus(QWidget* parent)
    : QWidget(parent), m_throttle(new RedrawThrottle(this, [this] { showLatest(); })) {
    m_epoch = new QLabel;
    m_rate = new QLabel;
    m_elapsed = new QLabel;
    m_remaining = new QLabel;
    m_progress = new QProgressBar;
    m_progress->setFixedWidth(160);
    m_progress->setTextVisible(true);
    m_epoch->setToolTip(tr("Epochs trained on this curve / the epoch it will stop at"));
    m_rate->setToolTip(tr("Training speed"));
    m_elapsed->setToolTip(tr("Training time, pauses excluded"));
    m_remaining->setToolTip(tr("Estimated time to the last epoch at the current speed"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(16);
    for (QLabel* label : {m_epoch, m_rate, m_elapsed, m_remaining}) layout->addWidget(label);
    layout->addWidget(m_progress);
    clear();
}

void TrainingStatus::showProgress(int epoch, int total, double epochsPerSecond,
                                  double elapsedSeconds) {
    m_latest = {epoch, total, epochsPerSecond, elapsedSeconds};
    m_throttle->request();
}

void TrainingStatus::flushRedraw() { m_throttle->flush(); }

void TrainingStatus::showLatest() {
    const auto [epoch, total, epochsPerSecond, elapsedSeconds] = m_latest;
    m_epoch->setText(tr("Epoch %L1 / %L2").arg(epoch).arg(total));
    m_rate->setText(
        epochsPerSecond > 0
            ? tr("%L1 epochs/s").arg(epochsPerSecond, 0, 'f', epochsPerSecond < 10 ? 1 : 0)
            : QString());
    m_elapsed->setText(tr("Elapsed %1").arg(formatDuration(elapsedSeconds)));
    const double remaining =
        epochsPerSecond > 0 ? std::max(0, total - epoch) / epochsPerSecond : NAN;
    m_remaining->setText(tr("Remaining %1").arg(formatDuration(remaining)));
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(std::min(epoch, std::max(total, 1)));
}

void TrainingStatus::clear() {
    m_latest = {};
    m_throttle->flush();  // a pending progress must not overwrite this later
    m_epoch->setText(tr("Not trained yet"));
    m_rate->clear();
    m_elapsed->clear();
    m_remaining->clear();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
}

QString TrainingStatus::epochText() const { return m_epoch->text(); }

}  // namespace bps
