// Many edits, one after another, and what they do to the model: the forgetting
// curve drawn live while a stream of a dataset's requests is edited in and kept
// (engine edit/sequential.h). Each run is one colour; running another method on
// the same stream overlays it. The weights are restored when a run ends.
#pragma once

#include "job_dialog.h"

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace lancet::widgets {
class CurvePlot;
}

namespace lancet::gui {

class SequentialDialog : public JobDialog {
    Q_OBJECT

public:
    SequentialDialog(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    void setMethods(const std::vector<lancet::MethodInfo>& methods);
    void setDataset(const QString& path);
    void setMethod(const QString& name);
    void setRequests(int n);
    void setBatchSize(int n);
    void setCurveEvery(int n);

    quint64 run();  // 0 when it could not start
    void clear();

    // What the plot shows: one metric family of every run.
    enum class View { Retention, Locality, FactRecall, Perplexity, WeightGrowth };
    void setView(View view);
    bool exportChart(const QString& path) const;
    bool exportData(const QString& path) const;  // .csv (one row per run and point) or .json (every curve)

    lancet::widgets::CurvePlot* plot() const { return plot_; }
    QString statusText() const;
    int runCount() const { return int(runs_.size()); }
    const std::vector<lancet::CurvePoint>& points(int run) const { return runs_.at(size_t(run)).points; }

private:
    struct Run {
        QString label;
        std::vector<lancet::CurvePoint> points;
        std::optional<lancet::ForgettingCurve> curve;  // when finished
    };
    void replot();
    void addPointToPlot(int run, const lancet::CurvePoint& p);
    void updateButtons() override;
    bool methodBatches() const;

    std::vector<lancet::MethodInfo> methods_;
    std::vector<Run> runs_;
    View view_ = View::Retention;
    int liveRun_ = -1;

    QLineEdit* dataset_ = nullptr;
    QComboBox* method_ = nullptr;
    QSpinBox* requests_ = nullptr;
    QSpinBox* batch_ = nullptr;
    QSpinBox* every_ = nullptr;
    QCheckBox* generation_ = nullptr;
    QComboBox* viewCombo_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPushButton* clear_ = nullptr;
    QPushButton* exportChart_ = nullptr;
    QPushButton* exportData_ = nullptr;
    lancet::widgets::CurvePlot* plot_ = nullptr;
};

}  // namespace lancet::gui
