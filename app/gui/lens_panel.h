// The logit lens in the trace area (docs/design/locating.md §3): a prompt and
// an optional answer in, a layer × position table of the token each layer
// would predict out, shaded by the answer's probability or the top token's.
// Runs on the engine thread with progress and cancel.
#pragma once

#include "engine_bridge.h"
#include "lens_grid.h"

#include <QWidget>

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
    bool isRunning() const { return running_ != 0; }

    QLineEdit* promptEdit() const { return prompt_; }
    QLineEdit* answerEdit() const { return answer_; }
    QSpinBox* topKSpin() const { return topK_; }
    QComboBox* shadingCombo() const { return shading_; }
    QLabel* summaryLabel() const { return summary_; }
    lancet::widgets::LensGrid* grid() const { return grid_; }
    bool hasResult() const { return hasResult_; }
    const lancet::LensResult& result() const { return result_; }

Q_SIGNALS:
    void lensStarted(quint64 id);
    void lensFinished(bool ok);

private:
    void onResult(const lancet::LensResult& r);
    void setBusy(bool busy);

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
    bool modelReady_ = false;
    quint64 running_ = 0;
    bool hasResult_ = false;
    lancet::LensResult result_;
};

}  // namespace lancet::gui
