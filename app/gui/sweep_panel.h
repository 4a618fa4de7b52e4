// The lambda sweep: one chosen metric over a grid of two tasks' weights,
// computed on the engine thread with progress and cancel, the heat map filling
// in cell by cell. Clicking a cell moves the merge panel's sliders there.
#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace lancet::app {
class EngineBridge;
enum class JobKind;
struct JobError;
}

namespace lancet::widgets {
class SweepHeatmap;
}

namespace lancet::gui {

class SweepPanel : public QWidget {
    Q_OBJECT

public:
    explicit SweepPanel(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    // The tasks of the open merge (MergePanel::mergeOpened).
    void setTasks(const QStringList& names);
    void run();
    void cancel();
    bool running() const { return job_ != 0; }
    widgets::SweepHeatmap* heatmap() const { return heatmap_; }
    QString metricKey() const;  // "task:<name>", "base_facts" or "fluency"

Q_SIGNALS:
    // A cell was clicked: weights of the two swept tasks.
    void weightsChosen(int taskA, double weightA, int taskB, double weightB);
    void finished(bool partial);

private:
    void onCell(quint64 id, int a, int b, const QJsonObject& scores);
    void onProgress(quint64 id, double fraction, const QString& stage);
    void onFinished(quint64 id, lancet::app::JobKind kind, const QJsonObject& result);
    void onFailed(quint64 id, lancet::app::JobKind kind, const lancet::app::JobError& error);
    void redraw();
    static double metricOf(const QJsonObject& scores, const QString& key);

    lancet::app::EngineBridge* bridge_;
    QComboBox* taskA_ = nullptr;
    QComboBox* taskB_ = nullptr;
    QComboBox* metric_ = nullptr;
    QSpinBox* grid_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* cancelButton_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    widgets::SweepHeatmap* heatmap_ = nullptr;
    quint64 job_ = 0;
    QVector<double> values_;
    QVector<QVector<QJsonObject>> cells_;  // every metric of every cell: switching the metric needs no rerun
};

}  // namespace lancet::gui
