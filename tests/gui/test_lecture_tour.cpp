// The lecture tour (issue 19) on the demo model: a first start shows it once;
// each click runs one step for real and the tour only moves on when the
// engine's result has arrived; each step's action really happened (a trace
// result, one fine-tuning edit in the history, the undo, a ROME edit, the
// merge's weights, the dialogs open and filled in); skipping remembers it.
#include "gui_test_util.h"

#include "app_settings.h"
#include "edit_command.h"
#include "edit_controller.h"
#include "edit_panel.h"
#include "lecture_tour.h"
#include "merge_panel.h"
#include "prompt_panel.h"
#include "scorecard_panel.h"
#include "scorecard_view.h"
#include "sequential_dialog.h"
#include "trace_panel.h"
#include "ttt_dialog.h"

#include <QDockWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QtTest>

#include <cmath>

using namespace lancet::gui;
using namespace lancet::gui::test;
using Step = LectureTour::Step;
using lancet::widgets::TraceHeatmap;

namespace {
QString demoModel() { return QStringLiteral(LANCET_DEMO_MODEL); }

// Clicks the tour's button to run its step and waits for the step's result.
bool runStep(LectureTour* tour, bool* ok)
{
    QSignalSpy finished(tour, &LectureTour::stepFinished);
    if (tour->stepDone() || tour->isRunning())
        return false;
    tour->runButton()->click();
    // The click returns at once: the work runs on the engine thread.
    if (!tour->isRunning() && finished.isEmpty())
        return false;
    if (finished.isEmpty() && !finished.wait(2 * kEngineTimeoutMs))
        return false;
    *ok = finished.first().at(1).toBool();
    return finished.first().at(0).toInt() == tour->stepIndex();
}

double metricAfter(const MainWindow& w, const QString& key)
{
    for (const auto& m : w.scorecardPanel()->view()->metrics())
        if (m.key == key)
            return m.after;
    return std::nan("");
}
}  // namespace

class TestLectureTour : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstStartShowsTheTour();
    void stepsRunForReal();
    void skippedTourIsNotShownAgain();
    void freshStartShowsNoTour();

public:
    static void initMain()
    {
        isolateEnvironment();
        qputenv("LANCET_DEMO_MODEL", LANCET_DEMO_MODEL);
    }

private:
    std::unique_ptr<MainWindow> w_;
};

void TestLectureTour::initTestCase() { QVERIFY(!AppSettings::load().tourSeen); }

void TestLectureTour::firstStartShowsTheTour()
{
    w_ = std::make_unique<MainWindow>();
    w_->show();
    StartupOptions options;
    options.modelPath = demoModel();
    options.autosave = false;
    options.offerTour = true;  // as main.cpp asks on a start without --fresh
    w_->startup(options);
    QVERIFY(w_->tour());
    QVERIFY(w_->dock(QStringLiteral("tourDock"))->isVisible());
    QCOMPARE(w_->tour()->step(), Step::AskFact);
    QVERIFY(!w_->tour()->stepDone());
    QCOMPARE(w_->tour()->runButton()->text(), QStringLiteral("Run this step"));
}

void TestLectureTour::stepsRunForReal()
{
    LectureTour* tour = w_->tour();
    QVERIFY(tour);
    bool ok = false;
    auto next = [tour](Step expected) {
        tour->runButton()->click();  // "Next"
        return tour->step() == expected && !tour->stepDone();
    };

    // (a) Ask a fact: the demo model (opening now) answers Seattle on the bars.
    QVERIFY(runStep(tour, &ok));
    QVERIFY2(ok, qPrintable(tour->resultText()));
    QCOMPARE(tour->runButton()->text(), QStringLiteral("Next"));
    QCOMPARE(w_->promptPanel()->shownPrompt(), kPrompt);
    QCOMPARE(w_->promptPanel()->topTokens().value(0), QStringLiteral(" Seattle"));

    // (b) Trace: a complete trace result, and its early site is the edit layer.
    QVERIFY(next(Step::Trace));
    QVERIFY(!w_->tracePanel()->hasResult());
    QVERIFY(runStep(tour, &ok));
    QVERIFY2(ok, qPrintable(tour->resultText()));
    QVERIFY(w_->tracePanel()->hasResult());
    QVERIFY(w_->tracePanel()->heatmap(TraceHeatmap::Kind::Mlp)->isComplete());
    QCOMPARE(w_->tracePanel()->tracedSubject(), kSubject);
    QVERIFY(w_->editPanel()->layer() >= 0);

    // (c) Fine-tuning: one edit in the history, by FT, to Taipei, scored.
    QVERIFY(next(Step::FineTune));
    // A form taller than its dock (Chinese at 1366×768): the step first brings
    // the button it presses into view.
    auto* editScroll = w_->findChild<QScrollArea*>(QStringLiteral("editPanelScroll"));
    QVERIFY(editScroll);
    editScroll->setMaximumHeight(140);
    editScroll->verticalScrollBar()->setValue(0);
    QApplication::processEvents();
    QToolButton* apply = w_->editPanel()->applyButton();
    auto applyInView = [&] {  // vertically: the test's window may be narrower than the form
        const int top = apply->mapTo(editScroll->viewport(), QPoint(0, 0)).y();
        return top >= 0 && top + apply->height() <= editScroll->viewport()->height();
    };
    QVERIFY(!applyInView());
    QVERIFY(runStep(tour, &ok));
    QVERIFY(applyInView());
    editScroll->setMaximumHeight(QWIDGETSIZE_MAX);
    QVERIFY2(ok, qPrintable(tour->resultText() + problemsText(w_->problemsDock())));
    EditController* edits = w_->editController();
    QCOMPARE(edits->appliedCount(), 1);
    QCOMPARE(QString::fromStdString(edits->command(0)->request().method), QStringLiteral("ft"));
    QCOMPARE(QString::fromStdString(edits->command(0)->request().target_new).trimmed(), QStringLiteral("Taipei"));
    const double ftLocality = metricAfter(*w_, QStringLiteral("NS"));
    QVERIFY(!std::isnan(ftLocality));
    QVERIFY2(tour->resultText().contains(QLatin1String("locality")), qPrintable(tour->resultText()));

    // (d) Undo: the history holds no applied edit.
    QVERIFY(next(Step::Undo));
    QVERIFY(runStep(tour, &ok));
    QVERIFY(ok);
    QCOMPARE(edits->appliedCount(), 0);

    // (e) ROME: one edit again, by ROME; locality no worse than fine-tuning's.
    QVERIFY(next(Step::Rome));
    QVERIFY(runStep(tour, &ok));
    QVERIFY2(ok, qPrintable(tour->resultText() + problemsText(w_->problemsDock())));
    QCOMPARE(edits->appliedCount(), 1);
    QCOMPARE(QString::fromStdString(edits->command(0)->request().method), QStringLiteral("rome"));
    const double romeLocality = metricAfter(*w_, QStringLiteral("NS"));
    qInfo("locality after FT %.3f, after ROME %.3f", ftLocality, romeLocality);
    QVERIFY2(romeLocality >= ftLocality, qPrintable(QStringLiteral("%1 vs %2").arg(romeLocality).arg(ftLocality)));

    // (f) Merge: the dock open, one task vector in, one negated out, scored.
    QVERIFY(next(Step::Merge));
    QVERIFY(runStep(tour, &ok));
    QVERIFY2(ok, qPrintable(tour->resultText()));
    QDockWidget* mergeDock = w_->dock(QStringLiteral("mergeDock"));
    QVERIFY(mergeDock->isVisible());
    MergePanel* merge = mergeDock->findChild<MergePanel*>();
    QVERIFY(merge->isOpen());
    QCOMPARE(merge->weight(merge->taskNames().indexOf(QStringLiteral("capital-moves"))), 1.0);
    QCOMPARE(merge->weight(merge->taskNames().indexOf(QStringLiteral("private-record"))), -1.0);
    QVERIFY(!merge->lastScores().isEmpty());

    // (g) The sequential edits and test-time training windows: open, not run.
    QVERIFY(next(Step::Sequential));
    QVERIFY(runStep(tour, &ok));
    QVERIFY(ok);
    SequentialDialog* sequential = w_->findChild<SequentialDialog*>();
    QVERIFY(sequential && sequential->isVisible());
    QVERIFY(!sequential->isRunning());
    sequential->close();
    QVERIFY(next(Step::TestTimeTraining));
    QVERIFY(runStep(tour, &ok));
    QVERIFY(ok);
    TttDialog* ttt = w_->findChild<TttDialog*>();
    QVERIFY(ttt && ttt->isVisible());
    QVERIFY(!ttt->isRunning());
    ttt->close();

    // The end: Finish closes the tour and remembers it was seen.
    tour->runButton()->click();
    QCOMPARE(tour->step(), Step::End);
    QSignalSpy ended(tour, &LectureTour::ended);
    tour->runButton()->click();
    QCOMPARE(ended.count(), 1);
    QVERIFY(ended.first().at(0).toBool());
    QVERIFY(!w_->dock(QStringLiteral("tourDock"))->isVisible());
    QVERIFY(AppSettings::load().tourSeen);
}

void TestLectureTour::skippedTourIsNotShownAgain()
{
    // Help ▸ Lecture tour… opens it again, at the start; Skip closes it.
    w_->tourAction()->trigger();
    LectureTour* tour = w_->tour();
    QVERIFY(w_->dock(QStringLiteral("tourDock"))->isVisible());
    QCOMPARE(tour->step(), Step::AskFact);
    // Skipped in the middle of a step: reopened, the step is offered again.
    tour->runButton()->click();  // Ask a fact (shown already: done at once)
    tour->runButton()->click();  // Next: the trace
    QCOMPARE(tour->step(), Step::Trace);
    tour->runButton()->click();  // the trace runs on the engine thread...
    QVERIFY(tour->isRunning());
    tour->skipButton()->click();  // ...and the tour is skipped meanwhile
    QVERIFY(!w_->dock(QStringLiteral("tourDock"))->isVisible());
    QVERIFY(!tour->isRunning());
    w_->showTour();
    QCOMPARE(tour->step(), Step::Trace);
    QVERIFY(tour->runButton()->isEnabled());
    QCOMPARE(tour->runButton()->text(), QStringLiteral("Run this step"));
    tour->skipButton()->click();
    QSignalSpy traced(w_.get(), &MainWindow::traceDone);  // let the abandoned trace end
    QVERIFY(traced.wait(kEngineTimeoutMs) || !traced.isEmpty());
    // The next start: the flag is set, no tour.
    MainWindow again;
    StartupOptions options;
    options.modelPath = demoModel();
    options.autosave = false;
    options.offerTour = true;
    again.startup(options);
    QVERIFY(!again.tour());
}

void TestLectureTour::freshStartShowsNoTour()
{
    // --fresh and the screenshot script start without offerTour: no tour even
    // without the flag.
    AppSettings s = AppSettings::load();
    s.tourSeen = false;
    s.save();
    MainWindow fresh;
    StartupOptions options;
    options.modelPath = demoModel();
    options.autosave = false;
    fresh.startup(options);
    QVERIFY(!fresh.tour());
}

QTEST_MAIN(TestLectureTour)
#include "test_lecture_tour.moc"
