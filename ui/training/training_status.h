#pragma once
// The status bar's training part: epoch N / M, epochs per second, elapsed and remaining time and
// a progress bar.

#include <QWidget>

class QLabel;
class QProgressBar;

namespace bps {

class TrainingStatus : public QWidget {
    Q_OBJECT
public:
    explicit TrainingStatus(QWidget* parent = nullptr);

    void showProgress(int epoch, int total, double epochsPerSecond, double elapsedSeconds);
    void clear();
    QString epochText() const;

private:
    QLabel* m_epoch;
    QLabel* m_rate;
    QLabel* m_elapsed;
    QLabel* m_remaining;
    QProgressBar* m_progress;
};

// "0:07", "12:03", "1:02:03"
QString formatDuration(double seconds);

}  // namespace bps
