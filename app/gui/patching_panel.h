// Activation patching from a counterfactual prompt, in the trace area
// (docs/design/locating.md): a clean and a corrupted prompt of equal token
// length, exact patching or its attribution estimate, and the result as
// position × layer maps per site (the causal-trace TraceHeatmap, reused) plus
// a layer × head map. The job runs on the engine thread with progress and
// cancel; a click on an MLP cell offers its layer to the edit form. After an
// attribution run, its strongest cells can be checked exactly (patch_check_view.h).
#pragma once

#include "engine_bridge.h"
#include "trace_heatmap.h"

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace lancet::gui {

class PatchCheckView;

class PatchingPanel : public QWidget {
    Q_OBJECT

public:
    using Heatmap = lancet::widgets::TraceHeatmap;

    explicit PatchingPanel(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    void setModelReady(bool ready);

    // Checks the prompts' token lengths, then patches; 0 when it cannot start
    // (no model, an empty prompt, no site). A mismatch ends it with the inline error.
    quint64 run();
    void cancel();
    bool isRunning() const;
    // The tab's fields for a session (session.h): prompts, answers, method,
    // direction, metric, sites and the check's N. setSettings ignores what it
    // does not know (an older or hand-edited file) and keeps the rest.
    QJsonObject settings() const;
    void setSettings(const QJsonObject& settings);

    // The weights changed (an edit, undo, redo): an estimate can no longer be
    // checked against them, so the check waits for a new run.
    void weightsChanged();

    QLineEdit* cleanEdit() const { return clean_; }
    QLineEdit* corruptedEdit() const { return corrupted_; }
    QComboBox* methodCombo() const { return method_; }
    QComboBox* directionCombo() const { return direction_; }
    QComboBox* metricCombo() const { return metric_; }
    QCheckBox* siteCheck(const QString& site) const;  // "hidden", "mlp", "attn", "heads"
    QLabel* errorLabel() const { return error_; }
    QLabel* summaryLabel() const { return summary_; }
    QProgressBar* progressBar() const { return progress_; }
    Heatmap* heatmap(Heatmap::Kind kind) const;
    Heatmap* headsMap() const { return heads_; }
    // "Check top N exactly" under the maps (patch_check_view.h).
    PatchCheckView* checkView() const { return checkView_; }

    // The last result (valid once patchingFinished(true) was emitted).
    bool hasResult() const { return hasResult_; }
    const lancet::PatchResult& result() const { return result_; }
    QString patchedPrompt() const { return patchedPrompt_; }
    // The clean prompt's words that differ from the corrupted one: the subject the patch swapped.
    QString swappedText() const;
    QString cleanAnswer() const { return QString::fromStdString(result_.clean_answer); }

Q_SIGNALS:
    void patchingStarted(quint64 id);
    // Every run ends with this: ok = maps shown; false after a mismatch, a failure or a cancel.
    void patchingFinished(bool ok);
    // A click on a cell of the MLP map: that layer is where an MLP edit would go.
    void mlpCellSelected(int position, int layer, double score);

private:
    lancet::PatchRequest request() const;
    void scheduleLengthCheck();
    void onTokens(const lancet::app::EngineBridge::TokenLists& lists, bool thenRun);
    void onResult(const lancet::PatchResult& r);
    void onFailed(const lancet::app::JobError& e);
    void showError(const QString& text);
    void setBusy(bool busy);
    void teach(bool attribution, bool denoising);
    QString cellText(Heatmap::Kind kind, int position, int layer, double value) const;

    lancet::app::EngineBridge* bridge_;
    QLineEdit* clean_ = nullptr;
    QLineEdit* corrupted_ = nullptr;
    QLineEdit* cleanAnswer_ = nullptr;
    QLineEdit* corruptedAnswer_ = nullptr;
    QComboBox* method_ = nullptr;
    QComboBox* direction_ = nullptr;
    QComboBox* metric_ = nullptr;
    QCheckBox* hidden_ = nullptr;
    QCheckBox* mlp_ = nullptr;
    QCheckBox* attn_ = nullptr;
    QCheckBox* headsCheck_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* error_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* legend_ = nullptr;
    Heatmap* hiddenMap_ = nullptr;
    Heatmap* mlpMap_ = nullptr;
    Heatmap* attnMap_ = nullptr;
    Heatmap* heads_ = nullptr;
    QTimer* lengthTimer_ = nullptr;
    PatchCheckView* checkView_ = nullptr;

    bool modelReady_ = false;
    quint64 checking_ = 0;      // the tokenize job before a run
    quint64 liveCheck_ = 0;     // the latest as-you-type length check
    quint64 running_ = 0;
    bool runAttribution_ = false;
    lancet::PatchRequest pendingRequest_;  // the request of the run in flight (the check needs it)
    QString pendingPrompt_;
    QString patchedPrompt_;
    bool hasResult_ = false;
    lancet::PatchResult result_;
};

}  // namespace lancet::gui
