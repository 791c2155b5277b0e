#include "ui/panels/restart_banner.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

#include "ui/charts/chart_palette.h"

namespace bps {

void RestartBanner::restyle() {
    // From the application's palette, not ours: ours holds the tint set here last time.
    const QPalette app = QApplication::palette();
    QPalette p = palette();
    p.setColor(QPalette::Window, tinted(QColor(240, 190, 40), app));
    p.setColor(QPalette::WindowText, app.color(QPalette::WindowText));
    if (p != palette()) setPalette(p);
}

void RestartBanner::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) restyle();
}

RestartBanner::RestartBanner(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("restartBanner"));
    // A pale amber bar (deep amber on a dark palette) drawn from the palette, not a style
    // sheet, so it follows a theme switch.
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    restyle();
    auto* icon = new QLabel;
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(20, 20));
    m_label = new QLabel;
    m_label->setWordWrap(true);
    auto* restart = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Restart"));
    restart->setToolTip(
        tr("Stop this run and train again from fresh weights with the new "
           "settings"));
    auto* later = new QPushButton(tr("Keep running"));
    later->setToolTip(tr("Hide this; the new settings apply to the next run"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(restart);
    layout->addWidget(later);
    connect(restart, &QPushButton::clicked, this, [this] {
        dismiss();
        emit restartRequested();
    });
    connect(later, &QPushButton::clicked, this, &RestartBanner::dismiss);
    hide();
}

void RestartBanner::addReason(const QString& what) {
    if (!m_reasons.contains(what)) m_reasons << what;
    m_label->setText(text());
    show();
}

void RestartBanner::dismiss() {
    m_reasons.clear();
    hide();
}

QString RestartBanner::text() const {
    return tr("Restart to apply: %1. The run in progress keeps its settings.")
        .arg(m_reasons.join(QStringLiteral(", ")));
}

}  // namespace bps
