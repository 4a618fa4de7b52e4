// Compares any two states of the edit history: state 0 is the base model,
// state i the weights after the history's first i edits (undone edits count
// too: their states can be visited). Three answers side by side:
//   * the scorecard of one edit request at both states (how much the edits in
//     between moved reliability, generality, locality, fluency);
//   * a prompt's next-token probabilities at both, with their deltas;
//   * per layer, how much each edited weight matrix differs (‖ΔW‖/‖W‖).
// The engine visits the states by exact undo/redo and returns to the current
// one, so comparing never changes the model the user is working on.
//
// A window of its own (not modal), opened from the edit-history dock.
#pragma once

#include "engine_bridge.h"

#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace lancet::widgets {
class LayerDeltaPlot;
class ScorecardView;
class TopKBarChart;
}  // namespace lancet::widgets

namespace lancet::gui {

class EditController;

class CompareView : public QDialog {
    Q_OBJECT

public:
    CompareView(lancet::app::EngineBridge* bridge, EditController* controller, QWidget* parent = nullptr);

    void setLayerCount(int layers);
    // Rebuilds the state lists from the undo stack (keeps the choices that still exist).
    void refreshStates();
    void setStates(int from, int to);
    void setPrompt(const QString& prompt);
    // The edit (1-based) whose request is scored at both states; 0: no scorecard.
    void setScoredEdit(int edit);
    // Starts the comparison; 0 when one is running or the edit history is busy.
    quint64 compare();
    void cancel();

    bool isRunning() const { return job_ != 0; }
    int fromState() const;
    int toState() const;
    int stateCount() const;  // entries in the state lists (edits + 1)
    QString statusText() const;
    const lancet::CompareOutcome& lastResult() const { return result_; }

    QComboBox* fromCombo() const { return from_; }
    QComboBox* toCombo() const { return to_; }
    QComboBox* scoreCombo() const { return score_; }
    QLineEdit* promptEdit() const { return prompt_; }
    QPushButton* compareButton() const { return compareButton_; }
    lancet::widgets::ScorecardView* scorecard() const { return scorecard_; }
    lancet::widgets::TopKBarChart* nextTokenChart() const { return chart_; }
    QTableWidget* tokenTable() const { return tokens_; }
    lancet::widgets::LayerDeltaPlot* deltaPlot() const { return delta_; }

Q_SIGNALS:
    void compared(bool ok);

private:
    void onFinished(const lancet::CompareOutcome& result);
    void onFailed(const lancet::app::JobError& error);
    void showNextToken(const lancet::CompareOutcome& result);
    void showWeights(const std::vector<lancet::WeightChange>& weights);
    void updateButtons();
    QString stateName(int state) const;

    lancet::app::EngineBridge* bridge_;
    EditController* controller_;
    QComboBox* from_ = nullptr;
    QComboBox* to_ = nullptr;
    QComboBox* score_ = nullptr;
    QLineEdit* prompt_ = nullptr;
    QPushButton* compareButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QLabel* status_ = nullptr;
    lancet::widgets::ScorecardView* scorecard_ = nullptr;
    lancet::widgets::TopKBarChart* chart_ = nullptr;
    QTableWidget* tokens_ = nullptr;
    lancet::widgets::LayerDeltaPlot* delta_ = nullptr;
    QLabel* weightsNote_ = nullptr;
    int layers_ = 0;
    quint64 job_ = 0;
    lancet::CompareOutcome result_;
};

}  // namespace lancet::gui
