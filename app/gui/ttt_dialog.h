// Test-time training, live (issue 17): the model adapts to a stream of
// unlabeled inputs while answering them, and each method of the lab (engine
// ttt/runner.h, `lancet-cli ttt`) draws one line, in the same colour, on every
// view: running accuracy, entropy (collapse: → 0), base-fact recall,
// general-text perplexity (log) and ‖θ − θ₀‖, with the demo shift's phases
// marked. The defaults reproduce the lecture's picture
// (docs/design/ttt-and-continual-eval.md §3.6). The model's weights are never
// written: every run ends with them restored, cancelled runs included.
#pragma once

#include "job_dialog.h"

#include <vector>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace lancet::widgets {
class CurvePlot;
}

namespace lancet::gui {

class InplaceDemoDialog;

class TttDialog : public JobDialog {
    Q_OBJECT

public:
    TttDialog(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    // The model folder: the demo shift needs its facts.json.
    void setModelPath(const QString& dir);

    // The inputs (what the form shows; the tests and the screenshot tour set them).
    void setDemoShift(int perPhase, int cycles);
    void setStreamFile(const QString& path);  // a text file; empty: the demo shift
    // Method keys: none, tent, episodic, reset, fastslow, inplace.
    void setCheckedMethods(const QStringList& keys);
    QStringList checkedMethods() const;
    void setResetEvery(int n);
    void setLearningRate(double lr);
    void setSteps(int steps);
    void setProbeEvery(int n);  // 0: no forgetting probe
    void setProbeSize(int textTokens, int facts);
    void setWindow(int n);      // inputs averaged by the running views
    // The specs a run would use, in order (the CLI's names and defaults).
    std::vector<lancet::TttMethodSpec> methodSpecs() const;

    quint64 run();  // 0 when it could not start
    // The In-Place TTT long-document demonstration (a window of its own, made once).
    InplaceDemoDialog* showInplaceDemo();

    // The plots, in grid order.
    enum class View { Accuracy, Entropy, Recall, Perplexity, DeltaNorm };
    lancet::widgets::CurvePlot* plot(View view) const;
    QTableWidget* summaryTable() const { return table_; }
    QString statusText() const;
    // What has arrived, per method (live records, probe points; the final run once it ended).
    int runCount() const { return int(runs_.size()); }
    const lancet::TttRun& runAt(int i) const { return runs_.at(size_t(i)).run; }
    bool runEnded(int i) const { return runs_.at(size_t(i)).ended; }

    // JSON (TttComparison::to_json, records included) or CSV (one row per
    // method and input, TttRun::to_csv) by suffix. Partial runs are written too.
    bool exportData(const QString& path) const;
    lancet::TttComparison comparison() const;

private:
    struct Live {
        lancet::TttRun run;
        bool ended = false;
    };
    void onRecord(int method, const lancet::TttRecord& r);
    void onForgetting(int method, const lancet::TttForgettingPoint& p);
    void onMethodDone(int method, const lancet::TttRun& run);
    void resetViews();
    void replotAll();
    void plotRecord(int method, size_t index);
    void plotForgetting(int method, const lancet::TttForgettingPoint& p);
    void markPhase(const lancet::TttRecord& r);
    void updateTable();
    void updateLegend();
    void updateButtons() override;
    void updateTitles();
    QString displayName(const lancet::TttMethodSpec& spec) const;

    InplaceDemoDialog* inplaceDemo_ = nullptr;
    QString modelPath_;
    std::vector<Live> runs_;
    std::vector<lancet::TttMethodSpec> specs_;  // of the run shown
    QString streamName_;
    size_t markedUpTo_ = 0;
    std::string lastSegment_;
    int windowUsed_ = 10;

    QRadioButton* demo_ = nullptr;
    QRadioButton* file_ = nullptr;
    QSpinBox* perPhase_ = nullptr;
    QSpinBox* cycles_ = nullptr;
    QLineEdit* path_ = nullptr;
    QCheckBox* paragraphs_ = nullptr;
    QCheckBox* none_ = nullptr;
    QCheckBox* tent_ = nullptr;
    QCheckBox* episodic_ = nullptr;
    QCheckBox* reset_ = nullptr;
    QSpinBox* resetEvery_ = nullptr;
    QCheckBox* fastslow_ = nullptr;
    QCheckBox* inplace_ = nullptr;
    QDoubleSpinBox* lr_ = nullptr;
    QSpinBox* steps_ = nullptr;
    QSpinBox* every_ = nullptr;
    QSpinBox* window_ = nullptr;
    int probeTokens_ = 1024;
    int probeFacts_ = 32;
    QPushButton* run_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPushButton* export_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* legend_ = nullptr;
    QLabel* protocol_ = nullptr;
    std::vector<lancet::widgets::CurvePlot*> plots_;
    QTableWidget* table_ = nullptr;
};

}  // namespace lancet::gui
