// The logit lens in the trace area (docs/design/locating.md §3): a prompt and
// an optional answer in, a layer × position table of the token each layer
// would predict out, shaded by the answer's probability or the top token's.
// Runs on the engine thread with progress and cancel.
//
// After an edit it also reads the lens before and after it (lens_panel_compare.cpp):
// the edit's prompt, its new target as the answer, the base model and the
// edited one (the engine walks its history, no copy of the model); a toggle
// picks the table shown and a depth plot sets p(new answer) at the last
// position layer by layer, both states on one axis: where the new answer appears.
#pragma once

#include "engine_bridge.h"
#include "lens_grid.h"

#include <QJsonObject>
#include <QWidget>

#include <optional>

namespace lancet::widgets {
class CurvePlot;
}

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace lancet::gui {

class LensPanel : public QWidget {
    Q_OBJECT

public:
    explicit LensPanel(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    void setModelReady(bool ready);
    // Fills an empty prompt field (the prompt bar's prompt, when the tab opens).
    void offerPrompt(const QString& prompt);
    quint64 run();  // 0 when it cannot start
    void cancel();

    // The tab's fields for a session (session.h): prompt, answer, top-k, shading.
    // setSettings ignores what it does not know and keeps the rest.
    QJsonObject settings() const;
    void setSettings(const QJsonObject& settings);

    // The edit the before/after view reads: the latest applied edit's filled-in
    // prompt and new target, or none (no edit applied). Enables the button.
    void setEditContext(const std::optional<lancet::EditSpec>& lastApplied);
    bool hasEditContext() const { return edit_.has_value(); }
    // The lens of the base model and of the weights as they are, for the last
    // applied edit (its prompt filled in, its new target the answer); 0 when it cannot start.
    quint64 runBeforeAfter();
    enum class State { After, Before };
    // Which lens of a before/after reading the table shows.
    void showState(State state);
    State shownState() const { return shownState_; }
    bool hasComparison() const { return comparison_.has_value(); }
    const lancet::LensBeforeAfter& comparison() const { return *comparison_; }
    bool isRunning() const { return running_ != 0; }

    QLineEdit* promptEdit() const { return prompt_; }
    QLineEdit* answerEdit() const { return answer_; }
    QSpinBox* topKSpin() const { return topK_; }
    QComboBox* shadingCombo() const { return shading_; }
    QLabel* summaryLabel() const { return summary_; }
    QPushButton* beforeAfterButton() const { return compareButton_; }
    QComboBox* stateCombo() const { return state_; }
    lancet::widgets::CurvePlot* depthPlot() const { return depth_; }
    lancet::widgets::LensGrid* grid() const { return grid_; }
    bool hasResult() const { return hasResult_; }
    const lancet::LensResult& result() const { return result_; }

Q_SIGNALS:
    void lensStarted(quint64 id);
    void lensFinished(bool ok);

private:
    void onResult(const lancet::LensResult& r);
    void showLens(const lancet::LensResult& r);  // into the grid
    void onComparison(const lancet::LensBeforeAfter& c);
    void onFailed(const lancet::app::JobError& e);
    void setComparisonVisible(bool visible);
    void setBusy(bool busy);
    void updateCompareButton();

    lancet::app::EngineBridge* bridge_;
    QLineEdit* prompt_ = nullptr;
    QLineEdit* answer_ = nullptr;
    QSpinBox* topK_ = nullptr;
    QComboBox* shading_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* summary_ = nullptr;
    lancet::widgets::LensGrid* grid_ = nullptr;
    QPushButton* compareButton_ = nullptr;
    QLabel* stateLabel_ = nullptr;
    QComboBox* state_ = nullptr;
    lancet::widgets::CurvePlot* depth_ = nullptr;
    bool modelReady_ = false;
    quint64 running_ = 0;
    bool hasResult_ = false;
    lancet::LensResult result_;
    std::optional<lancet::EditSpec> edit_;
    std::optional<lancet::LensBeforeAfter> comparison_;
    State shownState_ = State::After;
};

}  // namespace lancet::gui
