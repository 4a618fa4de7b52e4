#include "lecture_tour.h"

#include "demo_fact.h"
#include "edit_controller.h"
#include "edit_panel.h"
#include "main_window.h"
#include "merge_panel.h"
#include "model_locator.h"
#include "prompt_panel.h"
#include "scorecard_panel.h"
#include "scorecard_view.h"
#include "scroll_box.h"
#include "trace_panel.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QTimer>
#include <QScreen>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lancet::gui {

namespace {
// The merge step's two task vectors (resources/models/lancet-demo/tasks/).
const QString kTaskIn = u"capital-moves"_s;
const QString kTaskOut = u"private-record"_s;

bool samePath(const QString& a, const QString& b)
{
    return !a.isEmpty() && !b.isEmpty() && QFileInfo(a).canonicalFilePath() == QFileInfo(b).canonicalFilePath();
}
}  // namespace

LectureTour::LectureTour(MainWindow* window, QWidget* parent) : QWidget(parent), w_(window)
{
    setObjectName(u"lectureTour"_s);
    counter_ = new QLabel(this);
    counter_->setObjectName(u"tourCounter"_s);
    title_ = new QLabel(this);
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    body_ = new QLabel(this);
    body_->setWordWrap(true);
    body_->setTextFormat(Qt::RichText);
    result_ = new QLabel(this);
    result_->setObjectName(u"tourResult"_s);
    result_->setFont(bold);
    // A long engine message must not widen the window past a small screen:
    // the label takes the room there is, the tooltip has the whole text.
    result_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    busy_ = new QProgressBar(this);
    busy_->setRange(0, 0);  // the engine reports no progress for most steps: just "working"
    busy_->setMaximumWidth(120);
    busy_->setTextVisible(false);
    run_ = new QPushButton(this);
    run_->setObjectName(u"tourRun"_s);
    run_->setDefault(true);
    skip_ = new QPushButton(tr("Skip tour"), this);
    skip_->setObjectName(u"tourSkip"_s);
    skip_->setToolTip(tr("Close the tour; Help ▸ Lecture tour… opens it again."));
    connect(run_, &QPushButton::clicked, this, &LectureTour::advance);
    connect(skip_, &QPushButton::clicked, this, &LectureTour::end);

    // Text on the left, the buttons on the right, the step's outcome on the
    // title's line: the dock stays two lines high and leaves the window's
    // height to the maps.
    auto* text = new QVBoxLayout;
    auto* head = new QHBoxLayout;
    head->addWidget(counter_);
    head->addWidget(title_);
    head->addSpacing(16);
    head->addWidget(result_, 1);
    text->addLayout(head);
    text->addWidget(body_);
    auto* buttons = new QVBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(skip_);
    buttons->addWidget(busy_);
    buttons->addStretch(1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addLayout(text, 1);
    layout->addLayout(buttons);
    showStep(0);
}

LectureTour::~LectureTour() { disconnectPending(); }

void LectureTour::disconnectPending()
{
    for (const QMetaObject::Connection& c : pending_)
        QObject::disconnect(c);
    pending_.clear();
}

QString LectureTour::titleText() const { return title_->text(); }
QString LectureTour::bodyText() const { return body_->text(); }
QString LectureTour::resultText() const { return result_->text(); }

void LectureTour::showStep(int index)
{
    disconnectPending();
    index_ = std::clamp(index, 0, stepCount() - 1);
    running_ = false;
    done_ = step() == Step::End;  // the last page has nothing to run
    counter_->setText(tr("Lecture tour · step %1 of %2:").arg(index_ + 1).arg(stepCount()));
    switch (step()) {
    case Step::AskFact:
        title_->setText(tr("Ask the model a fact"));
        body_->setText(tr("A language model keeps facts in its weights. Ask it one: the prompt bar gets "
                          "<i>The Space Needle is located in the city of</i>, and the bars show how likely each "
                          "next token is."));
        break;
    case Step::Trace:
        title_->setText(tr("Where is the fact stored?"));
        body_->setText(tr("Causal tracing blurs the subject's words with noise, then restores one hidden state at "
                          "a time. Where restoring brings <i>Seattle</i> back, the fact flows through. The bright "
                          "MLP cells at the subject, in the middle layers, are where an edit can write."));
        break;
    case Step::FineTune:
        title_->setText(tr("Edit it by fine-tuning"));
        body_->setText(tr("Teach the model that the Space Needle is in <i>Taipei</i> by plain fine-tuning "
                          "(method FT) on that one sentence. Then read the scorecard: efficacy rises, but "
                          "locality (facts about other places) falls. The operation succeeded; the patient "
                          "died."));
        break;
    case Step::Undo:
        title_->setText(tr("Undo"));
        body_->setText(tr("Every edit can be taken back exactly: the engine restores the saved weights. Undo the "
                          "fine-tuning before trying a better surgeon."));
        break;
    case Step::Rome:
        title_->setText(tr("Edit it with ROME"));
        body_->setText(tr("ROME writes the new fact as a rank-one change to one MLP layer, the one the trace "
                          "found. Compare the scorecard with fine-tuning's: the edit holds, and this time "
                          "locality is kept."));
        break;
    case Step::Merge:
        title_->setText(tr("Merge task vectors"));
        body_->setText(tr("A task vector is what a fine-tune changed: θ<sub>fine-tuned</sub> − θ<sub>base</sub>. "
                          "Add one in (<i>%1</i>, weight +1) and negate another out (<i>%2</i>, weight −1: a "
                          "planted private record is forgotten). The merge dock scores each task as the sliders "
                          "move.")
                           .arg(kTaskIn, kTaskOut));
        break;
    case Step::Sequential:
        title_->setText(tr("Many edits: the forgetting curve"));
        body_->setText(tr("One edit is easy; hundreds are not. The sequential edits window opens filled in with "
                          "the model's own facts, edited batch after batch by MEMIT. Press Run there and watch "
                          "earlier edits and unrelated facts fade; then try AlphaEdit."));
        break;
    case Step::TestTimeTraining:
        title_->setText(tr("Keep learning at test time"));
        body_->setText(tr("A model can also adapt while it is used, to a stream of inputs without labels. The "
                          "test-time training window opens filled in with a short shifting stream and four "
                          "methods; press Run there and watch accuracy, entropy and forgetting."));
        break;
    case Step::End:
        title_->setText(tr("That was the lecture"));
        body_->setText(tr("Ask, locate, edit, judge, merge, keep learning. Everything the tour did is in the "
                          "menus; Help ▸ Lecture tour… starts it again."));
        break;
    }
    result_->clear();
    result_->setVisible(false);
    busy_->setVisible(false);
    run_->setEnabled(true);
    run_->setText(step() == Step::End ? tr("Finish") : tr("Run this step"));
    skip_->setVisible(step() != Step::End);
    Q_EMIT stepStarted(index_);
}

void LectureTour::advance()
{
    if (running_)
        return;
    if (!done_) {
        runStep();
        return;
    }
    if (step() == Step::End) {
        end();
        return;
    }
    showStep(index_ + 1);
}

void LectureTour::restart() { showStep(0); }

void LectureTour::end()
{
    const bool finished = step() == Step::End;
    // A step skipped while it runs is offered again, from its start, when the
    // tour is reopened (its job still finishes; nothing listens for it).
    if (running_)
        showStep(index_);
    disconnectPending();
    Q_EMIT ended(finished);
}

void LectureTour::runStep()
{
    running_ = true;
    run_->setEnabled(false);
    run_->setText(tr("Running…"));
    busy_->setVisible(true);
    switch (step()) {
    case Step::AskFact: withDemoModel([this] { askFact(); }); break;
    case Step::Trace: withDemoModel([this] { trace(); }); break;
    case Step::FineTune: withDemoModel([this] { edit(u"ft"_s); }); break;
    case Step::Undo: withDemoModel([this] { undo(); }); break;
    case Step::Rome: withDemoModel([this] { edit(u"rome"_s); }); break;
    case Step::Merge: withDemoModel([this] { merge(); }); break;
    case Step::Sequential: withDemoModel([this] { sequential(); }); break;
    case Step::TestTimeTraining: withDemoModel([this] { testTimeTraining(); }); break;
    case Step::End: finish(true); break;
    }
}

void LectureTour::finish(bool ok, const QString& result)
{
    disconnectPending();
    running_ = false;
    done_ = true;
    busy_->setVisible(false);
    result_->setText(ok ? (result.isEmpty() ? QString() : u"→ "_s + result) : tr("This step did not work: %1").arg(result));
    result_->setToolTip(result_->text());
    result_->setVisible(!result_->text().isEmpty());
    run_->setEnabled(true);
    run_->setText(tr("Next"));
    run_->setFocus(Qt::OtherFocusReason);
    Q_EMIT stepFinished(index_, ok);
}

void LectureTour::withDemoModel(const std::function<void()>& action)
{
    const QString demo = defaultModelPath();
    if (w_->modelReady() && (samePath(w_->modelPath(), demo) || demo.isEmpty())) {
        action();
        return;
    }
    // The tour's facts are the demo model's: open it (or wait for it, on a first start).
    pending_.push_back(connect(w_, &MainWindow::modelLoaded, this, [this, action](const QString&) {
        disconnectPending();
        action();
    }));
    pending_.push_back(connect(w_, &MainWindow::modelFailed, this,
                               [this](const QString& message) { finish(false, message); }));
    if (!(w_->modelLoading() && samePath(w_->loadingModelPath(), demo)) && !w_->openModel(demo))
        finish(false, tr("the demo model could not be opened"));
}

void LectureTour::askFact()
{
    PromptPanel* p = w_->promptPanel();
    const QString prompt = demo::factPrompt();
    auto done = [this, p] {
        const QStringList top = p->topTokens();
        finish(true, top.isEmpty() ? QString() : tr("The model's answer: “%1”.").arg(top.first().trimmed()));
    };
    if (p->shownPrompt() == prompt && p->prompt() == prompt) {
        done();
        return;
    }
    pending_.push_back(connect(p, &PromptPanel::predictionShown, this, [p, prompt, done](const QString&) {
        if (p->shownPrompt() == prompt)
            done();
    }));
    pending_.push_back(connect(p, &PromptPanel::predictionFailed, this,
                               [this](const QString& message) { finish(false, message); }));
    p->setPrompt(prompt);
}

void LectureTour::trace()
{
    w_->promptPanel()->setPrompt(demo::factPrompt());
    demo::prepareTrace(w_->tracePanel());
    pending_.push_back(connect(w_, &MainWindow::traceDone, this, [this](bool partial) {
        if (partial) {
            finish(false, tr("the trace was cancelled"));
            return;
        }
        const bool picked = demo::pickEarlySite(w_->tracePanel());
        finish(true, picked ? tr("The brightest MLP cell over the subject is at layer %1; the edit form took it.")
                                  .arg(w_->editPanel()->layer())
                            : QString());
    }));
    if (w_->trace() == 0)
        finish(false, tr("the trace did not start"));
}

void LectureTour::edit(const QString& method)
{
    EditPanel* e = w_->editPanel();
    const int index = e->methodCombo()->findData(method);
    if (index < 0) {
        finish(false, tr("this build has no %1 method").arg(method));
        return;
    }
    e->methodCombo()->setCurrentIndex(index);
    e->setTargetNew(demo::newTarget());
    // The button the step presses, in view: in Chinese at 1366×768 the form is
    // taller than its dock and the button sat half under the dock's edge. Once
    // the new method's parameter form is laid out, and again with the result
    // line under the button.
    QTimer::singleShot(0, e, [e] { revealInScrollArea(e->applyButton()); });
    demo::setEvaluationPrompts(w_->scorecardPanel());
    pending_.push_back(connect(w_, &MainWindow::editDone, this, [this](bool applied) {
        revealInScrollArea(w_->editPanel()->applyButton());
        finish(applied, applied ? scoreSummary() : w_->editPanel()->statusText());
        if (applied)  // once the scorecard has laid its panels out
            QTimer::singleShot(0, this, &LectureTour::revealLocality);
    }));
    if (!w_->applyEdit())
        finish(false, e->statusText());
}

QString LectureTour::scoreSummary() const
{
    // The two rows the lecture compares: did the edit take, and what did it break.
    const widgets::ScorecardView* view = w_->scorecardPanel()->view();
    auto row = [view](const QString& key, const QString& name) {
        for (const auto& m : view->metrics())
            if (m.key == key && !std::isnan(m.before) && !std::isnan(m.after))
                return tr("%1 %2 → %3").arg(name).arg(m.before, 0, 'f', 2).arg(m.after, 0, 'f', 2);
        return QString();
    };
    QStringList parts;
    for (const QString& part : {row(u"ES"_s, tr("Efficacy")), row(u"NS"_s, tr("locality"))})
        if (!part.isEmpty())
            parts << part;
    return parts.join(u" · "_s);
}

void LectureTour::revealLocality()
{
    // The step's point is the locality panel, which a small screen scrolls out
    // of view to the right: bring it in. Panels share the view's width equally.
    ScorecardPanel* card = w_->scorecardPanel();
    const int index = card->view()->metricIndex(u"NS"_s);
    const int count = card->view()->metricCount();
    if (index < 0 || count <= 0)
        return;
    card->viewScroll()->horizontalScrollBar()->setValue(card->view()->width() * index / count);
}

void LectureTour::undo()
{
    EditController* edits = w_->editController();
    if (edits->appliedCount() == 0) {
        finish(true, tr("No edit to undo: the model has its original weights."));
        return;
    }
    pending_.push_back(connect(edits, &EditController::stateChanged, this, [this, edits] {
        if (edits->appliedCount() == 0 && !edits->busy())
            finish(true, tr("Undone: the model has its original weights again."));
    }));
    pending_.push_back(connect(edits, &EditController::editFailed, this,
                               [this](lancet::app::JobKind, const lancet::app::JobError& error) {
                                   finish(false, error.message);
                               }));
    w_->undoEdit();
}

void LectureTour::merge()
{
    QDockWidget* dock = w_->dock(u"mergeDock"_s);
    MergePanel* panel = dock ? dock->findChild<MergePanel*>() : nullptr;
    if (!panel) {
        finish(false, tr("this build has no merge dock"));
        return;
    }
    dock->show();
    dock->raise();
    // Its sliders and scores need height; on a small screen the edit form above gives it.
    if (QDockWidget* edit = w_->dock(u"editDock"_s); edit && edit->isVisible())
        w_->resizeDocks({edit, dock}, {1, 1000}, Qt::Vertical);
    // Weights set once the merge is open; done at the first scores after that.
    auto setWeights = [this, panel] {
        const int in = panel->taskNames().indexOf(kTaskIn);
        const int out = panel->taskNames().indexOf(kTaskOut);
        if (in < 0 || out < 0) {
            finish(false, tr("the demo model's task vectors were not found"));
            return;
        }
        pending_.push_back(connect(panel, &MergePanel::scoresUpdated, this, [this] {
            finish(true, tr("Merged: %1 at +1, %2 at −1.").arg(kTaskIn, kTaskOut));
        }));
        panel->setWeight(in, 1.0);
        panel->setWeight(out, -1.0);
    };
    pending_.push_back(connect(panel, &MergePanel::failed, this,
                               [this](const QString& message) { finish(false, message); }));
    if (panel->isOpen()) {
        setWeights();
        return;
    }
    pending_.push_back(connect(panel, &MergePanel::mergeOpened, this, [setWeights] { setWeights(); },
                               Qt::SingleShotConnection));
    panel->openMerge(w_->modelPath());
}

void LectureTour::sequential()
{
    SequentialDialog* d = w_->showSequentialEdits();
    if (!d) {
        finish(false, tr("the sequential edits window could not open"));
        return;
    }
    demo::prefillSequential(d, 60);
    finish(true, tr("The window is open and filled in: press Run in it."));
}

void LectureTour::testTimeTraining()
{
    TttDialog* d = w_->showTtt();
    if (!d) {
        finish(false, tr("the test-time training window could not open"));
        return;
    }
    demo::prefillTtt(d, 6, w_->screen()->availableGeometry().size());
    finish(true, tr("The window is open and filled in: press Run in it."));
}

}  // namespace lancet::gui
