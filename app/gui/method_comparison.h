// The lecture's slide in one click: the edit form's request run by several
// methods (fine-tuning and its remedies against ROME), each undone before the
// next, shown as a table and a grouped bar chart, exportable as PNG or SVG.
#pragma once

#include "job_dialog.h"

#include <vector>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace lancet::widgets {
class GroupedBarChart;
}

namespace lancet::gui {

class MethodComparisonDialog : public JobDialog {
    Q_OBJECT

public:
    MethodComparisonDialog(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    void setMethods(const std::vector<lancet::MethodInfo>& methods);
    void setRequest(const lancet::EditSpec& request);
    QStringList checkedMethods() const;
    void setCheckedMethods(const QStringList& names);

    quint64 run();  // 0 when it could not start
    bool exportChart(const QString& path) const;

    QTableWidget* table() const { return table_; }
    lancet::widgets::GroupedBarChart* chart() const { return chart_; }
    QPushButton* runButton() const { return run_; }
    QString statusText() const;
    const std::vector<lancet::MethodComparison>& results() const { return results_; }

private:
    void showResults(const std::vector<lancet::MethodComparison>& rows);
    void updateButtons() override;

    lancet::EditSpec request_;
    QWidget* methodBox_ = nullptr;
    std::vector<QCheckBox*> checks_;
    QLabel* requestLabel_ = nullptr;
    QLabel* status_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPushButton* export_ = nullptr;
    QTableWidget* table_ = nullptr;
    lancet::widgets::GroupedBarChart* chart_ = nullptr;
    std::vector<lancet::MethodComparison> results_;
};

}  // namespace lancet::gui
