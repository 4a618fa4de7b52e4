// Task vectors on sliders: one slider per task vector (weight in [-1, 2]),
// the merge method (task arithmetic, TIES, DARE, DARE + TIES) and density, and
// a live per-task scorecard. The engine's other methods (SLERP, Model Stock,
// DELLA, ...) are in the same list and merge once when Apply is pressed
// (MergeApplyBox: their parameters and the button). Every slider move asks the engine thread to
// re-merge (incrementally) and re-score; the bridge drops positions the user
// has already moved past (latest wins), so the scorecard follows the slider.
//
// The merge runs on its own copy of the base model (EngineBridge::openMerge),
// so it never touches the model being edited in the workbench.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSlider;
class QGridLayout;

namespace lancet::app {
class EngineBridge;
enum class JobKind;
struct JobError;
}

namespace lancet::widgets {
class ScorecardView;
}

namespace lancet::gui {

class MergeApplyBox;

class MergePanel : public QWidget {
    Q_OBJECT

public:
    explicit MergePanel(lancet::app::EngineBridge* bridge, QWidget* parent = nullptr);

    // Opens a merge of the base folder's tasks (BASE/tasks/*/ when taskPaths is empty).
    void openMerge(const QString& baseDir, const QStringList& taskPaths = {});

    bool isOpen() const { return !taskNames_.isEmpty(); }
    QStringList taskNames() const { return taskNames_; }
    QSlider* slider(int task) const;           // weight x 100
    void setWeight(int task, double weight);   // moves the slider (and so rescores)
    double weight(int task) const;
    QString method() const;                    // "task_arithmetic", "ties", "dare_linear", "dare_ties", "slerp", ...
    void setMethod(const QString& method);
    bool isApplyMethod() const;                // a method that merges once, on Apply
    MergeApplyBox* applyBox() const { return applyBox_; }
    // Apply mode: merges the tasks whose slider is not at 0 with the chosen method; false when not possible now.
    bool applyMerge();
    // Writes the merge as it stands as mergekit YAML (atomically); false when none is open.
    bool exportYaml(const QString& path);
    double density() const;
    // The last scores shown ({tasks[...], base_facts, fluency, ...}) and their request's round trip.
    QJsonObject lastScores() const { return lastScores_; }
    double lastRoundTripMs() const { return lastRoundTripMs_; }
    widgets::ScorecardView* scorecard() const { return scorecard_; }
    QScrollArea* scorecardScroll() const { return scoreScroll_; }
    QString statusText() const;

Q_SIGNALS:
    void mergeOpened(const QStringList& taskNames);
    void scoresUpdated(const QJsonObject& scores);
    void failed(const QString& message);
    void yamlExported(const QString& path, bool ok);

private:
    void onFinished(quint64 id, lancet::app::JobKind kind, const QJsonObject& result);
    // The accuracies of the newest slider position, before its fluency stage.
    void onPartial(quint64 id, const QJsonObject& result);
    void onFailed(quint64 id, lancet::app::JobKind kind, const lancet::app::JobError& error);
    void buildSliders(const QJsonObject& opened);
    void requestScore();
    // fluencyPending: `scores` lacks fluency (stage 1); the last known fluency
    // stays on screen, marked as updating, and lastScores() is left alone.
    void showScores(const QJsonObject& scores, bool fluencyPending = false);
    QJsonObject currentSpec() const;
    void fitScorecardHeight();  // the strip as tall as the scorecard wants (after new metrics)

    lancet::app::EngineBridge* bridge_;
    QLineEdit* baseEdit_ = nullptr;
    QPushButton* openButton_ = nullptr;
    QPushButton* exportButton_ = nullptr;
    QComboBox* methodCombo_ = nullptr;
    MergeApplyBox* applyBox_ = nullptr;
    QJsonArray methodTable_;               // EngineBridge::mergeMethodTable()
    quint64 applyJob_ = 0;
    void methodChanged();
    QSlider* densitySlider_ = nullptr;
    QLabel* densityLabel_ = nullptr;
    QGridLayout* sliderGrid_ = nullptr;
    QWidget* sliderBox_ = nullptr;
    QVector<QSlider*> sliders_;
    QVector<QLabel*> valueLabels_;
    widgets::ScorecardView* scorecard_ = nullptr;
    QScrollArea* scoreScroll_ = nullptr;  // the scorecard, scrolling sideways in a narrow dock
    QLabel* generation_ = nullptr;
    QLabel* status_ = nullptr;
    QStringList taskNames_;
    quint64 openJob_ = 0;
    quint64 latestScoreJob_ = 0;
    qint64 requestStartedMs_ = 0;
    QJsonObject lastScores_;
    double lastRoundTripMs_ = 0.0;  // slider to the accuracies on screen
    quint64 partialJob_ = 0;        // the job whose accuracies were shown last
};

}  // namespace lancet::gui
