#pragma once
// The findings of the live diagnosis, most important first: for each, a title, the message, the
// evidence in numbers, the suggestion and, where the diagnosis has one, a button that applies the
// fix to the settings. A healthy run says so. Updates arrive with every batch of epochs, so the
// cards are updated in place while the list of codes stays the same (a button never vanishes
// under the mouse because a number changed).

#include <QWidget>
#include <vector>

#include "ui/panels/suggested_fix.h"

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace bps {

struct DiagnosisUpdate;

class DiagnosisPanel : public QWidget {
    Q_OBJECT
public:
    explicit DiagnosisPanel(QWidget* parent = nullptr);

    // A new run: no findings yet.
    void beginRun();
    void setDiagnosis(const DiagnosisUpdate& update);
    // Shows, above the findings, what the last applied fix changed.
    void showApplied(const QString& text);

    // For tests.
    QStringList codes() const;
    QPushButton* fixButton(int index) const;
    QString headline() const;
    QString cardTitle(int index) const;
    QString appliedText() const;

signals:
    void fixRequested(const bps::SuggestedFix& fix);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Card {
        QWidget* frame = nullptr;
        QLabel* title = nullptr;
        QLabel* message = nullptr;
        QLabel* evidence = nullptr;
        QLabel* suggestion = nullptr;
        QPushButton* fix = nullptr;
    };
    Card makeCard();
    void fill(Card& card, const Finding& finding, int number);
    // The cards' and the applied note's style sheets, in colours from the current palette.
    void restyle();
    void styleCard(Card& card, const Finding& finding);

    QLabel* m_headline;
    QLabel* m_applied;
    QLabel* m_checks;  // what the diagnosis looks at, shown while there is no finding
    QVBoxLayout* m_cardsLayout;
    std::vector<Card> m_cards;
    std::vector<Finding> m_findings;
};

// The code as reports spell it: "tiny_initialisation".
QString findingCodeText(FindingCode code);
// The card's title, translated: "Tiny initialisation".
QString findingTitle(FindingCode code);
// "layer=1, initial weight std=2.84e-05".
QString formatEvidence(const std::vector<std::pair<std::string, double>>& evidence);

}  // namespace bps
