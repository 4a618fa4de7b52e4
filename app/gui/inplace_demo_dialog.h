// The In-Place TTT long-document demonstration in the workbench (engine
// ttt/inplace_demo.h; `lancet-cli ttt MODEL --inplace-demo`): a document longer
// than the model's context states facts about invented people; the questions
// come after it, alone. The table compares no adaptation, the fixed In-Place
// rule, the rule with the model folder's trained conv and projection, and a
// fine-tune on the document (the upper bound); the plot shows the document's
// next-token loss chunk by chunk for each. The model is never left adapted.
#pragma once

#include "job_dialog.h"

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace lancet::widgets {
class CurvePlot;
}

namespace lancet::gui {

class InplaceDemoDialog : public JobDialog {
    Q_OBJECT

public:
    explicit InplaceDemoDialog(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    void setFacts(int facts);
    void setFinetuneEpochs(int epochs);
    quint64 run();  // 0 when a run is going already

    QTableWidget* table() const { return table_; }
    lancet::widgets::CurvePlot* plot() const { return plot_; }
    QString statusText() const;
    const lancet::InplaceDemoResult& result() const { return result_; }

private:
    void showResult(const lancet::InplaceDemoResult& r);
    static QString settingLabel(const std::string& setting);
    void updateButtons() override;

    lancet::InplaceDemoResult result_;
    QSpinBox* facts_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QSpinBox* epochs_ = nullptr;
    QCheckBox* addon_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QTableWidget* table_ = nullptr;
    lancet::widgets::CurvePlot* plot_ = nullptr;
    QLabel* status_ = nullptr;
};

}  // namespace lancet::gui
