#pragma once
// The status bar's training part: epoch N / M, epochs per second, elapsed and remaining time and
// a progress bar. Progress is shown as redrawThrottle() allows (at once unless the window sets
// an interval); clear() and flushRedraw() act at once.

#include <QWidget>

class QLabel;
class QProgressBar;

namespace bps {

class RedrawThrottle;

class TrainingStatus : public QWidget {
    Q_OBJECT
public:
    explicit TrainingStatus(QWidget* parent = nullptr);

    void showProgress(int epoch, int total, double epochsPerSecond, double elapsedSeconds);
    void clear();
    void flushRedraw();
    QString epochText() const;
    RedrawThrottle* redrawThrottle() const { return m_throttle; }

private:
    struct Progress {
        int epoch = 0, total = 0;
        double epochsPerSecond = 0, elapsedSeconds = 0;
    };
    void showLatest();

    Progress m_latest;
    RedrawThrottle* m_throttle;
    QLabel* m_epoch;
    QLabel* m_rate;
    QLabel* m_elapsed;
    QLabel* m_remaining;
    QProgressBar* m_progress;
};

// "0:07", "12:03", "1:02:03"
QString formatDuration(double seconds);

}  // namespace bps
