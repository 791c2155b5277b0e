#include "ui/panels/diagnosis_panel.h"

#include <QEvent>
#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QStringList>
#include <QVBoxLayout>

#include "ui/charts/chart_palette.h"
#include "ui/panels/suggested_fix.h"
#include "ui/training/training_thread.h"

namespace bps {

namespace {

QLabel* wrappingLabel() {
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
}  // namespace

QString findingCodeText(FindingCode code) {
    return QString::fromUtf8(findingCodeName(code).data(),
                             static_cast<qsizetype>(findingCodeName(code).size()));
}

QString findingTitle(FindingCode code) {
    // A switch, so the compiler names a code added to finding_codes.h without a title here.
    switch (code) {
        case FindingCode::LargeInitialisation:
            return DiagnosisPanel::tr("Large initialisation");
        case FindingCode::Diverged:
            return DiagnosisPanel::tr("Diverged");
        case FindingCode::FrozenParameters:
            return DiagnosisPanel::tr("Frozen parameters");
        case FindingCode::TinyInitialisation:
            return DiagnosisPanel::tr("Tiny initialisation");
        case FindingCode::UnscaledInputs:
            return DiagnosisPanel::tr("Unscaled inputs");
        case FindingCode::LearningRateTooHigh:
            return DiagnosisPanel::tr("Learning rate too high");
        case FindingCode::LearningRateTooLow:
            return DiagnosisPanel::tr("Learning rate too low");
        case FindingCode::DeadRelu:
            return DiagnosisPanel::tr("Dead relu");
        case FindingCode::SaturatedUnits:
            return DiagnosisPanel::tr("Saturated units");
        case FindingCode::VanishingGradients:
            return DiagnosisPanel::tr("Vanishing gradients");
        case FindingCode::PredictingMajorityClass:
            return DiagnosisPanel::tr("Predicting majority class");
        case FindingCode::Overfitting:
            return DiagnosisPanel::tr("Overfitting");
        case FindingCode::Plateau:
            return DiagnosisPanel::tr("Plateau");
        case FindingCode::ConstantFeatures:
            return DiagnosisPanel::tr("Constant features");
        case FindingCode::NoBetterThanLinear:
            return DiagnosisPanel::tr("No better than linear");
        case FindingCode::IdentifierLeak:
            return DiagnosisPanel::tr("Identifier as an input");
        case FindingCode::ManyLevels:
            return DiagnosisPanel::tr("Many levels");
    }
    return findingCodeText(code);
}

QString formatEvidence(const std::vector<std::pair<std::string, double>>& evidence) {
    QStringList parts;
    for (const auto& [name, value] : evidence)
        parts << QStringLiteral("%1 = %2")
                     .arg(QString::fromStdString(name).replace(QLatin1Char('_'), QLatin1Char(' ')))
                     .arg(QString::number(value, 'g', 4));
    return parts.join(QStringLiteral(" · "));
}

DiagnosisPanel::DiagnosisPanel(QWidget* parent) : QWidget(parent) {
    qRegisterMetaType<bps::SuggestedFix>();
    m_headline = wrappingLabel();
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_applied = wrappingLabel();
    m_applied->setObjectName(QStringLiteral("appliedNote"));
    m_applied->hide();
    restyle();

    auto* cards = new QWidget;
    m_cardsLayout = new QVBoxLayout(cards);
    m_cardsLayout->setContentsMargins(0, 0, 0, 0);
    m_cardsLayout->addStretch(1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(cards);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_headline);
    layout->addWidget(m_applied);
    m_checks = wrappingLabel();
    m_checks->setForegroundRole(QPalette::PlaceholderText);  // secondary text, in any palette
    m_checks->setText(
        tr("Checked as it trains: divergence, parameters that never change, the initialisation, "
           "the input scaling, the learning rate, dead or saturated units, vanishing gradients, "
           "predicting only the majority class, overfitting and plateaus."));
    layout->addWidget(m_checks);
    layout->addWidget(scroll, 1);
    m_headline->setText(
        tr("Start training: what the measurements say appears here as it "
           "trains."));
}

void DiagnosisPanel::beginRun() {
    m_findings.clear();
    for (Card& c : m_cards) delete c.frame;
    m_cards.clear();
    m_headline->setText(tr("Watching the first epochs…"));
    m_checks->show();
    showApplied({});  // the run now uses whatever was applied
}

void DiagnosisPanel::setDiagnosis(const DiagnosisUpdate& update) {
    const std::vector<Finding>& findings = update.findings;
    bool sameCodes = findings.size() == m_findings.size();
    for (std::size_t i = 0; sameCodes && i < findings.size(); ++i)
        sameCodes = findings[i].code == m_findings[i].code;
    if (!sameCodes) {
        for (Card& c : m_cards) delete c.frame;
        m_cards.clear();
        for (std::size_t i = 0; i < findings.size(); ++i) {
            m_cards.push_back(makeCard());
            m_cardsLayout->insertWidget(m_cardsLayout->count() - 1, m_cards.back().frame);
        }
    }
    m_findings = findings;
    m_checks->setVisible(findings.empty());
    for (std::size_t i = 0; i < findings.size(); ++i)
        fill(m_cards[i], findings[i], static_cast<int>(i) + 1);

    const bool running = update.reason == StopReason::Running;
    if (findings.empty())
        m_headline->setText(
            running ? tr("Epoch %1: healthy so far — no problem found.").arg(update.epoch)
                    : tr("Healthy run: no problem found after %1 epochs.").arg(update.epoch));
    else
        m_headline->setText(findings.size() == 1
                                ? tr("Epoch %1: 1 problem found.").arg(update.epoch)
                                : tr("Epoch %1: %2 problems found, most important first.")
                                      .arg(update.epoch)
                                      .arg(findings.size()));
}

DiagnosisPanel::Card DiagnosisPanel::makeCard() {
    Card card;
    auto* frame = new QFrame;
    frame->setObjectName(QStringLiteral("findingCard"));
    frame->setFrameShape(QFrame::StyledPanel);
    card.frame = frame;
    card.title = new QLabel;
    QFont bold = card.title->font();
    bold.setBold(true);
    card.title->setFont(bold);
    card.message = wrappingLabel();
    card.evidence = wrappingLabel();
    QFont small = card.evidence->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    card.evidence->setFont(small);
    card.evidence->setForegroundRole(QPalette::PlaceholderText);
    card.suggestion = wrappingLabel();
    card.fix = new QPushButton;
    auto* layout = new QVBoxLayout(frame);
    layout->setSpacing(3);
    layout->addWidget(card.title);
    layout->addWidget(card.message);
    layout->addWidget(card.evidence);
    layout->addWidget(card.suggestion);
    layout->addWidget(card.fix, 0, Qt::AlignLeft);
    // The button reads the finding it shows now, not the one it was made for.
    const std::size_t index = m_cards.size();
    connect(card.fix, &QPushButton::clicked, this, [this, index] {
        if (index < m_findings.size() && m_findings[index].fix)
            emit fixRequested(*m_findings[index].fix);
    });
    return card;
}

void DiagnosisPanel::fill(Card& card, const Finding& f, int number) {
    styleCard(card, f);
    card.title->setText(QStringLiteral("%1. %2").arg(number).arg(findingTitle(f.code)));
    card.title->setToolTip(findingCodeText(f.code));
    card.message->setText(QString::fromStdString(f.message));
    card.evidence->setText(formatEvidence(f.evidence));
    card.suggestion->setText(tr("Suggestion: %1").arg(QString::fromStdString(f.suggestion)));
    card.fix->setVisible(f.fix.has_value());
    if (f.fix) {
        card.fix->setText(fixButtonText(*f.fix));
        card.fix->setToolTip(fixIsLive(*f.fix)
                                 ? tr("Changes the setting; a running training uses it from the "
                                      "next epoch")
                                 : tr("Changes the setting; it applies when training restarts"));
    }
}

void DiagnosisPanel::styleCard(Card& card, const Finding& f) {
    // Root causes red, the symptoms they produce amber; the card's face is the palette's base.
    const QColor accent = isRootCause(f.code) ? QColor(192, 57, 43) : QColor(185, 119, 14);
    const QString css =
        QStringLiteral("#findingCard { border-left: 4px solid %1; background: %2; }")
            .arg(cssColour(readable(accent, palette())),
                 cssColour(palette().color(QPalette::Base)));
    // Every update of a live run refills the cards: setting an unchanged style sheet would
    // still re-polish the card and lay the dock out again.
    if (card.frame->styleSheet() != css) card.frame->setStyleSheet(css);
}

void DiagnosisPanel::restyle() {
    const QColor green(46, 160, 67);
    m_applied->setStyleSheet(
        QStringLiteral("#appliedNote { background: %1; border: 1px solid %2; border-radius: 4px;"
                       " padding: 4px; }")
            .arg(cssColour(tinted(green, palette())), cssColour(readable(green, palette()))));
    for (std::size_t i = 0; i < m_cards.size() && i < m_findings.size(); ++i)
        styleCard(m_cards[i], m_findings[i]);
}

void DiagnosisPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) restyle();
}

void DiagnosisPanel::showApplied(const QString& text) {
    m_applied->setText(text);
    m_applied->setVisible(!text.isEmpty());
}

QStringList DiagnosisPanel::codes() const {
    QStringList out;
    for (const Finding& f : m_findings) out << findingCodeText(f.code);
    return out;
}

QPushButton* DiagnosisPanel::fixButton(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= m_cards.size()) return nullptr;
    return m_cards[static_cast<std::size_t>(index)].fix;
}

QString DiagnosisPanel::headline() const { return m_headline->text(); }

QString DiagnosisPanel::cardTitle(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= m_cards.size()) return {};
    return m_cards[static_cast<std::size_t>(index)].title->text();
}

QString DiagnosisPanel::appliedText() const { return m_applied->text(); }

}  // namespace bps
