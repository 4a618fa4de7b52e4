// The lecture tour (issue 19): the story of how foundation models keep
// learning, told on the demo model with real computations, one click a step.
// Ask a fact; trace where it is stored; edit it by fine-tuning and read the
// scorecard's locality (the operation succeeded, the patient died); undo; edit
// it with ROME and compare; merge a task vector in and negate one out; open
// the sequential edits (the forgetting curve) and test-time training, pre-filled.
//
// Each step drives the window the way a user would (the same calls as the
// screenshot script, through demo_fact.h) and finishes when the engine's
// result arrives as a signal: nothing here waits, and the window stays usable
// (a step can be interrupted by skipping the tour). Shown in a dock at the top
// of the window on first start, and from Help ▸ Lecture tour….
#pragma once

#include <QMetaObject>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;

namespace lancet::gui {

class MainWindow;

class LectureTour : public QWidget {
    Q_OBJECT

public:
    enum class Step { AskFact, Trace, FineTune, Undo, Rome, Merge, Sequential, TestTimeTraining, End };
    Q_ENUM(Step)

    explicit LectureTour(MainWindow* window, QWidget* parent = nullptr);
    ~LectureTour() override;

    Step step() const { return Step(index_); }
    int stepIndex() const { return index_; }
    static int stepCount() { return int(Step::End) + 1; }
    bool isRunning() const { return running_; }
    bool stepDone() const { return done_; }
    // The one button: runs the current step, or goes to the next once it ran.
    void advance();
    // Starts over at the first step.
    void restart();
    // Ends the tour (the Skip button; Finish at the end).
    void end();

    QString titleText() const;
    QString bodyText() const;
    QString resultText() const;
    QPushButton* runButton() const { return run_; }
    QPushButton* skipButton() const { return skip_; }

Q_SIGNALS:
    void stepStarted(int index);
    void stepFinished(int index, bool ok);
    // The tour was skipped or finished: the window remembers it was seen.
    void ended(bool finished);

private:
    void showStep(int index);
    void runStep();
    // The step's work arrived (or failed): says so, and offers Next.
    void finish(bool ok, const QString& result = {});
    // Runs `action` once the demo model is open (the tour's facts are its).
    void withDemoModel(const std::function<void()>& action);
    void askFact();
    void trace();
    void edit(const QString& method);
    void undo();
    void merge();
    void sequential();
    void testTimeTraining();
    QString scoreSummary() const;
    void revealLocality();
    void disconnectPending();

    MainWindow* w_;
    int index_ = 0;
    bool running_ = false;
    bool done_ = false;
    std::vector<QMetaObject::Connection> pending_;  // the running step's listeners
    QLabel* counter_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* body_ = nullptr;
    QLabel* result_ = nullptr;
    QProgressBar* busy_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* skip_ = nullptr;
};

}  // namespace lancet::gui
