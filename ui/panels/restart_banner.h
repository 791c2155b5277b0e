#pragma once
// A bar above the chart saying which changed settings only apply after a restart, with a
// Restart button. Hidden until a restart is actually needed.

#include <QFrame>
#include <QStringList>

class QLabel;
class QPushButton;

namespace bps {

class RestartBanner : public QFrame {
    Q_OBJECT
public:
    explicit RestartBanner(QWidget* parent = nullptr);

    // Adds `what` ("hidden layers changed") to the list and shows the banner.
    void addReason(const QString& what);
    void dismiss();
    QStringList reasons() const { return m_reasons; }
    QString text() const;

signals:
    void restartRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    // A pale (on a dark palette, deep) amber background, so the text stays readable.
    void restyle();

    QStringList m_reasons;
    QLabel* m_label;
};

}  // namespace bps
