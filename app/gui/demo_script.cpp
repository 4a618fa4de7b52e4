#include "demo_script.h"

#include "demo_fact.h"

#include "method_comparison.h"
#include "sequential_dialog.h"
#include "ttt_dialog.h"
#include "inplace_demo_dialog.h"

#include "edit_panel.h"
#include "generation_panel.h"
#include "main_window.h"
#include "merge_panel.h"
#include "prompt_panel.h"
#include "scorecard_panel.h"
#include "scorecard_view.h"
#include "trace_panel.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPixmap>
#include <QScreen>
#include <QAction>
#include <QSpinBox>
#include <QTimer>
#include <QWidget>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;

namespace lancet::gui {

DemoScript::DemoScript(MainWindow* window, const QString& modelPath, const QString& outputDir, QObject* parent)
    : QObject(parent), window_(window), modelPath_(modelPath), outputDir_(outputDir)
{
    watchdog_ = new QTimer(this);
    watchdog_->setSingleShot(true);
    // The first edit of a model computes its layer statistics (minutes on a
    // busy CPU; cached afterwards): be patient. LANCET_SCREENSHOT_TIMEOUT in s.
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("LANCET_SCREENSHOT_TIMEOUT", &ok);
    watchdog_->setInterval((ok && seconds > 0 ? seconds : 1200) * 1000);
    connect(watchdog_, &QTimer::timeout, this, [this] {
        step(u"timed out: grabbing what is on screen"_s);
        exitCode_ = 2;
        finish();
    });
}

void DemoScript::step(const QString& what)
{
    std::fprintf(stderr, "[screenshots] %s\n", qPrintable(what));
}

void DemoScript::start()
{
    QDir().mkpath(outputDir_);
    watchdog_->start();
    connect(window_, &MainWindow::modelLoaded, this, &DemoScript::onModelLoaded, Qt::SingleShotConnection);
    connect(window_, &MainWindow::modelFailed, this, [this](const QString& message) {
        step(u"the model did not open: "_s + message);
        exitCode_ = 1;
        QTimer::singleShot(500, this, &DemoScript::finish);
    });
    step(u"opening "_s + modelPath_);
    StartupOptions options;
    options.modelPath = modelPath_;
    options.restoreLast = false;
    options.autosave = false;
    window_->startup(options);
}

void DemoScript::onModelLoaded()
{
    // What a first start looks like: the hint, before anything is typed.
    QApplication::processEvents();
    grab(window_, u"first-start"_s);
    if (qEnvironmentVariableIntValue("LANCET_SCREENSHOT_TOUR") > 0) {
        tourShots();
        return;
    }
    step(u"model open; typing the prompt"_s);
    connect(window_->promptPanel(), &PromptPanel::predictionShown, this, &DemoScript::onPrediction,
            Qt::SingleShotConnection);
    // Typed as a user would, a few characters at a time: exercises the debounce.
    auto* typing = new QTimer(this);
    typing->setInterval(40);
    connect(typing, &QTimer::timeout, this, [this, typing] {
        QLineEdit* edit = window_->promptPanel()->promptEdit();
        const QString prompt = demo::factPrompt();
        const int next = std::min<int>(int(edit->text().size()) + 4, int(prompt.size()));
        edit->setText(prompt.left(next));
        if (next >= prompt.size()) {
            typing->stop();
            typing->deleteLater();
        }
    });
    typing->start();
}

void DemoScript::onPrediction()
{
    if (window_->promptPanel()->prompt() != demo::factPrompt()) {
        // An intermediate prompt's answer: wait for the full one.
        connect(window_->promptPanel(), &PromptPanel::predictionShown, this, &DemoScript::onPrediction,
                Qt::SingleShotConnection);
        return;
    }
    step(u"tracing"_s);
    demo::prepareTrace(window_->tracePanel());
    connect(window_, &MainWindow::traceDone, this, &DemoScript::onTraceDone, Qt::SingleShotConnection);
    if (!window_->trace()) {
        step(u"the trace did not start"_s);
        exitCode_ = 1;
        finish();
    }
}

void DemoScript::onTraceDone(bool partial)
{
    step(partial ? u"trace partial"_s : u"trace done; picking the MLP peak over the subject's tokens"_s);
    demo::pickEarlySite(window_->tracePanel());
    window_->editPanel()->setTargetNew(demo::newTarget());
    demo::setEvaluationPrompts(window_->scorecardPanel());
    QTimer::singleShot(600, this, [this] {
        grab(window_, u"workbench-traced"_s);
        grab(window_->tracePanel(), u"trace"_s);
        if (qEnvironmentVariableIntValue("LANCET_SCREENSHOT_PATCHING") > 0) {
            locateShots();
            return;
        }
        step(u"applying the edit"_s);
        connect(window_, &MainWindow::editDone, this, &DemoScript::afterEdit, Qt::SingleShotConnection);
        if (!window_->applyEdit())
            afterEdit(false);
    });
}

void DemoScript::afterEdit(bool applied)
{
    if (!applied) {
        step(u"this build cannot edit yet; finishing with the trace"_s);
        QTimer::singleShot(800, this, &DemoScript::finish);
        return;
    }
    // The scorecard in the log: the screenshots' numbers can be checked by eye.
    for (const auto& row : window_->scorecardPanel()->view()->metrics())
        step(u"scorecard %1: %2 -> %3"_s.arg(row.key).arg(row.before, 0, 'f', 3).arg(row.after, 0, 'f', 3));
    step(u"edit request: "_s + QString::fromUtf8(QJsonDocument(requestToJson(window_->editPanel()->request())).toJson(QJsonDocument::Compact)));
    if (window_->scorecardPanel()->view()->metricCount() > 0) {
        // The edit job scored itself: the scorecard is already on screen.
        step(u"edit applied and scored"_s);
        QTimer::singleShot(2500, this, &DemoScript::finish);
        return;
    }
    step(u"edit applied; waiting for the scorecard"_s);
    connect(window_, &MainWindow::scorecardDone, this, [this] { QTimer::singleShot(1500, this, &DemoScript::finish); },
            Qt::SingleShotConnection);
}

bool DemoScript::grab(QWidget* widget, const QString& name)
{
    const QString path = outputDir_ + u"/"_s + name + u".png"_s;
    const bool ok = widget->grab().save(path);
    step((ok ? u"saved "_s : u"could not save "_s) + QDir::toNativeSeparators(path));
    if (!ok)
        exitCode_ = 1;
    return ok;
}

void DemoScript::finish()
{
    if (finished_)
        return;
    finished_ = true;
    grab(window_, u"workbench"_s);
    if (qEnvironmentVariableIntValue("LANCET_SCREENSHOT_PRESENTATION") > 0)
        presentationShots();
    if (QDockWidget* d = window_->dock(u"scorecardDock"_s))
        grab(d, u"scorecard"_s);
    // The merge dock open (Merge ▸ Task vectors): the window must still fit the screen.
    if (QDockWidget* merge = window_->dock(u"mergeDock"_s)) {
        merge->toggleViewAction()->trigger();
        QApplication::processEvents();
        grab(window_, u"workbench-merge"_s);
        const QRect frame = window_->frameGeometry();
        step(u"window with the merge dock: frame %1x%2 at %3,%4; screen available %5x%6"_s.arg(frame.width())
                 .arg(frame.height())
                 .arg(frame.x())
                 .arg(frame.y())
                 .arg(window_->screen()->availableGeometry().width())
                 .arg(window_->screen()->availableGeometry().height()));
        merge->toggleViewAction()->trigger();
        QApplication::processEvents();
    }
    if (QDockWidget* d = window_->dock(u"editDock"_s)) {
        grab(d, u"edit"_s);
        // The generated parameter form, unfolded.
        window_->editPanel()->methodForm()->setExpanded(true);
        QApplication::processEvents();
        grab(window_->editPanel(), u"edit-parameters"_s);
        window_->editPanel()->methodForm()->setExpanded(false);
    }
    // LANCET_SCREENSHOT_QUICK=1: the workbench only (layout checks at several sizes).
    // LANCET_SCREENSHOT_TTT=1 adds the test-time training window after a short run.
    if (qEnvironmentVariableIntValue("LANCET_SCREENSHOT_QUICK") > 0) {
        if (qEnvironmentVariableIntValue("LANCET_SCREENSHOT_TTT") > 0)
            tttShots();
        else if (qEnvironmentVariableIntValue("LANCET_SCREENSHOT_MERGE_APPLY") > 0)
            mergeApplyShots();
        else if (qEnvironmentVariableIntValue("LANCET_SCREENSHOT_LONG_DOCUMENT") > 0)
            longDocumentShots();
        else
            exitNow();
        return;
    }
    // The lecture's comparison of the same edit by fine-tuning, its remedies and ROME.
    MethodComparisonDialog* compare = window_->showMethodComparison();
    if (!compare || window_->editPanel()->methods().empty()) {
        exitNow();
        return;
    }
    step(u"comparing methods"_s);
    compare->setCheckedMethods({u"ft"_s, u"ft-l"_s, u"lora"_s, u"replay"_s, u"rome"_s});
    connect(compare, &MethodComparisonDialog::finished, this, [this, compare](bool ok) {
        QTimer::singleShot(500, this, [this, compare, ok] {
            if (ok)
                grab(compare, u"compare-methods"_s);
            compare->close();
            sequentialShots();
        });
    }, Qt::SingleShotConnection);
    if (compare->run() == 0)
        exitNow();
}

// The forgetting curve: the same stream of the model's facts by MEMIT and by
// AlphaEdit, overlaid (a short stream: the screenshot, not the measurement).
void DemoScript::sequentialShots()
{
    SequentialDialog* d = window_->showSequentialEdits();
    if (!d) {
        exitNow();
        return;
    }
    demo::prefillSequential(d, qEnvironmentVariableIntValue("LANCET_SCREENSHOT_STREAM") > 0
                                   ? qEnvironmentVariableIntValue("LANCET_SCREENSHOT_STREAM")
                                   : 60);
    auto runOne = [this, d](const QString& method, std::function<void()> next) {
        step(u"sequential edits: "_s + method);
        d->setMethod(method);
        connect(d, &SequentialDialog::finished, this, [next](bool) { next(); }, Qt::SingleShotConnection);
        if (d->run() == 0)
            next();
    };
    runOne(u"memit"_s, [this, d, runOne] {
        runOne(u"alphaedit"_s, [this, d] {
            QTimer::singleShot(500, this, [this, d] {
                grab(d, u"sequential-edits"_s);
                // A small window too: the legend wraps and nothing is clipped.
                d->resize(760, 520);
                QApplication::processEvents();
                grab(d, u"sequential-edits-small"_s);
                d->close();
                tttShots();
            });
        });
    });
}

// Test-time training: the lecture's five methods on a short demo shift
// (LANCET_SCREENSHOT_TTT_PHASE inputs per phase, default 6; the picture's
// shape, not its measurement: docs/design/ttt-and-continual-eval.md §3.6).
void DemoScript::tttShots()
{
    TttDialog* d = window_->showTtt();
    if (!d) {
        exitNow();
        return;
    }
    const int perPhase = qEnvironmentVariableIntValue("LANCET_SCREENSHOT_TTT_PHASE") > 0
                             ? qEnvironmentVariableIntValue("LANCET_SCREENSHOT_TTT_PHASE")
                             : 6;
    demo::prefillTtt(d, perPhase, window_->screen()->availableGeometry().size());
    d->setLearningRate(qEnvironmentVariableIsSet("LANCET_SCREENSHOT_TTT_LR")
                           ? qEnvironmentVariable("LANCET_SCREENSHOT_TTT_LR").toDouble()
                           : 0.01);
    step(u"test-time training: %1 inputs per phase"_s.arg(perPhase));
    connect(d, &TttDialog::finished, this, [this, d](bool) {
        QTimer::singleShot(500, this, [this, d] {
            grab(d, u"ttt"_s);
            d->close();
            exitNow();
        });
    }, Qt::SingleShotConnection);
    if (d->run() == 0)
        exitNow();
}

void DemoScript::mergeApplyShots()
{
    QDockWidget* dock = window_->dock(u"mergeDock"_s);
    MergePanel* panel = dock ? dock->findChild<MergePanel*>() : nullptr;
    if (!panel) {
        exitNow();
        return;
    }
    dock->show();
    dock->raise();
    // Floating at a size one would drag it to, so the whole form is in the picture.
    dock->setFloating(true);
    dock->resize(400, std::min(720, window_->screen()->availableGeometry().height() - 60));
    connect(panel, &MergePanel::mergeOpened, this, [this, dock, panel](const QStringList& tasks) {
        panel->setMethod(u"model_stock"_s);
        for (int i = 0; i < int(tasks.size()) && i < 2; ++i)
            panel->setWeight(i, 1.0);
        grab(dock, u"merge-apply-form"_s);
        connect(panel, &MergePanel::scoresUpdated, this, [this, dock] {
            QTimer::singleShot(300, this, [this, dock] {
                grab(window_, u"workbench-merge-apply"_s);
                grab(dock, u"merge-apply"_s);
                exitNow();
            });
        }, Qt::SingleShotConnection);
        step(u"merge: Model Stock over two tasks"_s);
        if (!panel->applyMerge())
            exitNow();
    }, Qt::SingleShotConnection);
    connect(panel, &MergePanel::failed, this, [this](const QString& m) {
        step(u"merge failed: "_s + m);
        exitNow();
    });
    panel->openMerge(modelPath_);
}

void DemoScript::longDocumentShots()
{
    TttDialog* t = window_->showTtt();
    InplaceDemoDialog* d = t ? t->showInplaceDemo() : nullptr;
    if (!d) {
        exitNow();
        return;
    }
    step(u"long document: In-Place TTT demonstration"_s);
    connect(d, &InplaceDemoDialog::finished, this, [this, d](bool) {
        QTimer::singleShot(300, this, [this, d] {
            grab(d, u"long-document"_s);
            exitNow();
        });
    }, Qt::SingleShotConnection);
    if (d->run() == 0)
        exitNow();
}

void DemoScript::exitNow()
{
    step(u"done"_s);
    window_->setConfirmOnClose(false);
    QTimer::singleShot(0, qApp, [code = exitCode_] { QApplication::exit(code); });
}

}  // namespace lancet::gui
