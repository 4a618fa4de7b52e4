// Judging an edit: the scorecard (reliability, generality, locality, fluency;
// before vs after, with the protocol behind each number), the individual
// prompts behind a bar on demand, and the evaluation prompts the user can add.
#pragma once

#include "edit_request.h"


#include <QHash>
#include <QJsonArray>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QTabWidget;
class QTableWidget;
class QToolButton;

namespace lancet::widgets {
class ScorecardView;
struct ScoreRow;
}

namespace lancet::gui {

// One row of an engine scorecard as the scorecard widget draws it.
lancet::widgets::ScoreRow scoreRowOf(const lancet::ScoreRow& row);

class ScorecardPanel : public QWidget {
    Q_OBJECT

public:
    explicit ScorecardPanel(QWidget* parent = nullptr);

    void setScorecard(const lancet::EditScorecard& card);
    void setPending(const QString& what);
    void setUnavailable(const QString& message);
    void setStatus(const QString& text);
    void clear();

    QStringList paraphrases() const;
    QVector<NeighbourPrompt> neighbours() const;
    void setEvaluationPrompts(const QStringList& paraphrases, const QVector<NeighbourPrompt>& neighbours);

    // Lists the prompts behind a metric's bars in the details table.
    void showDetails(const QString& key);
    QString shownDetailsKey() const { return shownKey_; }

    lancet::widgets::ScorecardView* view() const { return view_; }
    QTableWidget* detailsTable() const { return details_; }
    QString statusText() const;
    QToolButton* scoreButton() const { return score_; }
    // The scroll area around the view: sideways when the panels need more width.
    QScrollArea* viewScroll() const { return scroll_; }

Q_SIGNALS:
    void scoreRequested();

private:
    void fitViewHeight();

    lancet::widgets::ScorecardView* view_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* detailsTitle_ = nullptr;
    QTableWidget* details_ = nullptr;
    QPlainTextEdit* paraphrases_ = nullptr;
    QPlainTextEdit* neighbours_ = nullptr;
    QToolButton* score_ = nullptr;
    QScrollArea* scroll_ = nullptr;
    QTabWidget* side_ = nullptr;
    QHash<QString, std::vector<lancet::ScoreDetail>> detailRows_;
    QHash<QString, QString> labels_;
    QString shownKey_;
};

}  // namespace lancet::gui
