// Editing: Apply pushes an EditCommand whose first redo() asks the engine for
// the edit; undo/redo go through the engine's history; the scorecard, the
// generations and the history dock show the result; a session replays edits.
//
// Builds whose engine cannot edit yet answer "... not available in this build
// yet": the window must handle that gracefully (checked here), and the tests
// that need a real edit are skipped.
#include "gui_test_util.h"

#include "edit_command.h"
#include "edit_controller.h"
#include "edit_panel.h"
#include "generation_panel.h"
#include "history_dock.h"
#include "layer_delta_plot.h"
#include "model_locator.h"
#include "qcp.h"
#include "prompt_panel.h"
#include "scorecard_panel.h"
#include "scorecard_view.h"
#include "topk_bar_chart.h"

#include <QAction>
#include <QJsonArray>
#include <QLineEdit>
#include <QTableWidget>
#include <QUndoStack>
#include <QtTest>

#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>

#include <cmath>

using namespace lancet::gui;
using namespace lancet::gui::test;

class TestEdit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shortcuts();
    void methodFormIsGenerated();
    void formValidation();
    void applyFromTheForm();
    void scorecardWithPrompts();
    void generationsBeforeAndAfter();
    void historyShowsDiagnostics();
    void undoAndRedo();
    void engineRefusalTakesTheCommandBack();
    void sessionReplaysEdits();
    void exportWritesACheckpoint();
    void keepPromptsReachTheEngine();
    void closingWithUnsavedEditsCanBeBypassed();

public:
    static void initMain() { isolateEnvironment(); }

private:
    void fillForm(int layer = 0);
    std::unique_ptr<MainWindow> w_;
    bool edited_ = false;
    QTemporaryDir dir_;
};

void TestEdit::initTestCase()
{
    w_ = std::make_unique<MainWindow>();
    w_->show();
    QVERIFY(openTinyModel(*w_));
}

void TestEdit::fillForm(int layer)
{
    EditPanel* p = w_->editPanel();
    p->templateEdit()->setText(QStringLiteral("The {} is located in the city of"));
    p->subjectEdit()->setText(kSubject);
    p->targetEdit()->setText(QStringLiteral(" Paris"));
    p->targetTrueEdit()->setText(QStringLiteral(" Seattle"));
    p->setLayer(layer);
    w_->scorecardPanel()->setEvaluationPrompts(
        {QStringLiteral("The Space Needle can be found in the city of")},
        {{QStringLiteral("The Eiffel Tower is located in the city of"), QStringLiteral(" Paris")}});
}

void TestEdit::shortcuts()
{
    QCOMPARE(w_->undoAction()->shortcut(), QKeySequence(QKeySequence::Undo));
    QCOMPARE(w_->redoAction()->shortcut(), QKeySequence(QKeySequence::Redo));
    QCOMPARE(w_->traceAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
    QCOMPARE(w_->applyAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Return));
    QCOMPARE(w_->cancelAction()->shortcut(), QKeySequence(Qt::Key_Escape));
    QCOMPARE(w_->openModelAction()->shortcut(), QKeySequence(QKeySequence::Open));
    QVERIFY(!w_->undoAction()->isEnabled());
    QVERIFY(!w_->redoAction()->isEnabled());
}

// The method list and its parameter form come from the engine's description:
// nothing in the form is written per method.
void TestEdit::methodFormIsGenerated()
{
    EditPanel* p = w_->editPanel();
    QTRY_VERIFY_WITH_TIMEOUT(p->methodForm()->method().name == "rome", kEngineTimeoutMs);
    QCOMPARE(p->methodCombo()->currentData().toString(), QStringLiteral("rome"));
    auto* steps = qobject_cast<QSpinBox*>(p->methodForm()->field(QStringLiteral("v_num_grad_steps")));
    QVERIFY(steps);
    QCOMPARE(steps->value(), 20);     // the engine's default for this model
    QCOMPARE(steps->minimum(), 1);    // the parameter's range
    QVERIFY(steps->toolTip().contains(QStringLiteral("v*")));
    auto* keyMode = qobject_cast<QComboBox*>(p->methodForm()->field(QStringLiteral("key_mode")));
    QVERIFY(keyMode && keyMode->count() == 3);
    QVERIFY(qobject_cast<QCheckBox*>(p->methodForm()->field(QStringLiteral("mom2_adjustment"))));
    // Only what the user changed travels: the defaults stay the engine's.
    QVERIFY(p->request().hparams.empty());
    steps->setValue(7);
    keyMode->setCurrentIndex(keyMode->findData(QStringLiteral("original")));
    const EditRequest r = p->request();
    QCOMPARE(r.hparams.value("v_num_grad_steps", 0), 7);
    QCOMPARE(r.hparams.value("key_mode", std::string()), std::string("original"));
    QCOMPARE(r.hparams.size(), size_t(2));
    p->methodForm()->resetToDefaults();
    QVERIFY(p->request().hparams.empty());
}

void TestEdit::formValidation()
{
    w_->problemsDock()->clearAll();
    EditPanel* p = w_->editPanel();
    p->templateEdit()->setText(QStringLiteral("The Space Needle is located in"));  // no {}
    p->subjectEdit()->setText(kSubject);
    p->targetEdit()->setText(QStringLiteral(" Paris"));
    QVERIFY(!w_->applyEdit());
    QCOMPARE(w_->editController()->stack()->count(), 0);
    QVERIFY(p->statusText().contains(QStringLiteral("{}")));
    QCOMPARE(countOf(w_->problemsDock(), Severity::Error), 0);
    QCOMPARE(countOf(w_->problemsDock(), Severity::Warning), 1);
    QCOMPARE(w_->problemsDock()->targetAt(0), static_cast<QWidget*>(p));
}

void TestEdit::applyFromTheForm()
{
    w_->problemsDock()->clearAll();
    fillForm();
    QUndoStack* stack = w_->editController()->stack();
    QSignalSpy done(w_.get(), &MainWindow::editDone);
    w_->applyAction()->trigger();  // Ctrl+Return
    // The engine works in the background; the undo stack only mirrors what it
    // has done, so nothing is on it yet.
    QCOMPARE(stack->count(), 0);
    QVERIFY(w_->editController()->busy());
    QVERIFY(!w_->applyAction()->isEnabled());
    QVERIFY(!w_->undoAction()->isEnabled());
    QVERIFY(done.wait(kEngineTimeoutMs) || !done.isEmpty());
    QVERIFY2(done.first().at(0).toBool(), qPrintable(problemsText(w_->problemsDock())));
    edited_ = true;
    QCOMPARE(stack->count(), 1);
    QCOMPARE(stack->index(), 1);
    QVERIFY(!w_->editController()->busy());
    auto* cmd = w_->editController()->command(0);
    QCOMPARE(cmd->layer(), 0);
    QCOMPARE(cmd->outcome().request.layers, std::vector<int>{0});
    QCOMPARE(cmd->outcome().method, std::string("rome"));
    QVERIFY(w_->undoAction()->isEnabled());
    QVERIFY(w_->undoAction()->text().contains(kSubject));
    QVERIFY(w_->editPanel()->statusText().startsWith(QStringLiteral("Applied at layer 0")));
    QCOMPARE(w_->modelPanel()->fieldText(QStringLiteral("edits")), QStringLiteral("1 applied"));
    QCOMPARE(int(w_->editController()->history().position), 1);
    QVERIFY(w_->hasUnsavedEdits());

    // The prompt bar (empty before) got the edited prompt, and compares the
    // edited model with the base model on it.
    PromptPanel* bar = w_->promptPanel();
    QCOMPARE(bar->prompt(), kPrompt);
    QTRY_VERIFY_WITH_TIMEOUT(bar->chart()->hasComparison(), kEngineTimeoutMs);
}

void TestEdit::scorecardWithPrompts()
{
    if (!edited_)
        QSKIP("needs an edit");
    ScorecardPanel* panel = w_->scorecardPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->view()->metricCount() > 0 || panel->statusText().startsWith(QStringLiteral("No scorecard")),
                             kEngineTimeoutMs);
    QVERIFY2(panel->view()->metricCount() > 0, qPrintable(panel->statusText()));
    const auto rows = panel->view()->metrics();
    QStringList keys;
    for (const auto& r : rows) {
        keys << r.key;
        QVERIFY2(!r.protocol.isEmpty(), qPrintable(r.key));
        QVERIFY2(!r.label.isEmpty(), qPrintable(r.key));
    }
    QVERIFY2(keys.contains(QStringLiteral("reliability")), qPrintable(keys.join(QLatin1Char(','))));
    QVERIFY2(keys.contains(QStringLiteral("locality")), qPrintable(keys.join(QLatin1Char(','))));
    // The prompts behind a bar, on demand.
    Q_EMIT panel->view()->metricActivated(QStringLiteral("locality"));
    QCOMPARE(panel->shownDetailsKey(), QStringLiteral("locality"));
    QVERIFY(panel->detailsTable()->rowCount() >= 1);
    bool ours = false;
    for (int r = 0; r < panel->detailsTable()->rowCount(); ++r)
        ours = ours || panel->detailsTable()->item(r, 0)->text().contains(QStringLiteral("Eiffel Tower"));
    QVERIFY2(ours, "the neighbourhood prompt the user gave is among locality's prompts");
}

void TestEdit::generationsBeforeAndAfter()
{
    if (!edited_)
        QSKIP("needs an edit");
    GenerationPanel* g = w_->generationPanel();
    QTRY_VERIFY_WITH_TIMEOUT(!g->text(GenerationPanel::Side::Before).isEmpty() &&
                                 !g->text(GenerationPanel::Side::After).isEmpty(),
                             kEngineTimeoutMs);
    QCOMPARE(g->prompt(), QStringLiteral("The Space Needle is located in the city of"));
}

void TestEdit::historyShowsDiagnostics()
{
    if (!edited_)
        QSKIP("needs an edit");
    HistoryDock* h = w_->historyDock();
    QCOMPARE(h->entryCount(), 1);
    h->select(0);
    QVERIFY(h->entryText(0).contains(kSubject));
    QVERIFY(!h->entryUndone(0));
    const QString diag = h->diagnosticsText();
    QVERIFY2(diag.contains(QStringLiteral("Division factor")), qPrintable(diag));
    QVERIFY2(!diag.contains(QStringLiteral("Division factor: —")), qPrintable(diag));
    QVERIFY2(!diag.contains(QStringLiteral("‖ΔW‖/‖W‖: —")), qPrintable(diag));
    QVERIFY(h->lossPlot()->graph(0)->dataCount() > 0);
    QCOMPARE(h->deltaPlot()->seriesNames().size(), 1);
}

void TestEdit::undoAndRedo()
{
    if (!edited_)
        QSKIP("needs an edit");
    EditController* c = w_->editController();
    PromptPanel* bar = w_->promptPanel();
    // What the prompt bar shows with the edit, and what it remembered of the
    // base model (its grey comparison bars).
    QTRY_VERIFY_WITH_TIMEOUT(bar->chart()->hasComparison(), kEngineTimeoutMs);
    const QStringList editedTokens = bar->topTokens();
    const QVector<double> editedProbs = bar->topProbs();
    QHash<QString, double> base;
    for (int row = 0; row < bar->chart()->rowTokens().size(); ++row)
        if (!std::isnan(bar->chart()->comparisonProbability(row)))
            base.insert(bar->chart()->rowTokens().at(row), bar->chart()->comparisonProbability(row));
    QVERIFY(!base.isEmpty());

    QSignalSpy changed(c, &EditController::stateChanged);
    QSignalSpy shown(bar, &PromptPanel::predictionShown);
    w_->undoAction()->trigger();  // Ctrl+Z
    QVERIFY(c->busy());
    QVERIFY(changed.wait(kEngineTimeoutMs) || !changed.isEmpty());
    QVERIFY(!c->busy());
    QCOMPARE(c->stack()->index(), 0);  // moved once the engine had undone it
    QCOMPARE(int(c->history().position), 0);
    QCOMPARE(w_->modelPanel()->fieldText(QStringLiteral("edits")), QStringLiteral("none"));
    QVERIFY(w_->historyDock()->entryUndone(0));
    QVERIFY(w_->redoAction()->isEnabled());
    QVERIFY(!w_->undoAction()->isEnabled());

    // The weights are the base model's again, bit for bit: the same prompt
    // gets exactly the probabilities the base model gave it.
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kEngineTimeoutMs);
    QVERIFY(!bar->chart()->hasComparison());
    for (auto it = base.cbegin(); it != base.cend(); ++it) {
        const qsizetype i = bar->topTokens().indexOf(it.key());
        QVERIFY2(i >= 0, qPrintable(it.key()));
        QCOMPARE(bar->topProbs().at(i), it.value());
    }
    // And the scores: the edit's scorecard on the undone model is the base
    // model's, metric for metric.
    QSignalSpy scored(w_.get(), &MainWindow::scorecardDone);
    QVERIFY(w_->rescore() != 0);
    QVERIFY(scored.wait(kEngineTimeoutMs) || !scored.isEmpty());
    QVERIFY(scored.first().at(0).toBool());
    const auto rows = w_->scorecardPanel()->view()->metrics();
    QVERIFY(!rows.isEmpty());
    int measured = 0;
    for (const auto& r : rows) {
        const QString what = QStringLiteral("%1 (%2): %3 vs %4").arg(r.key, r.protocol).arg(r.before).arg(r.after);
        if (std::isnan(r.before)) {
            // Locality has no "before": it compares with the base model's own
            // answers, all of which the undone model gives again.
            QVERIFY2(r.after == 1.0, qPrintable(what));
        } else {
            ++measured;
            QVERIFY2(r.after == r.before, qPrintable(what));
        }
    }
    QVERIFY(measured > 0);

    changed.clear();
    w_->redoAction()->trigger();  // Ctrl+Shift+Z
    QVERIFY(changed.wait(kEngineTimeoutMs) || !changed.isEmpty());
    QCOMPARE(c->stack()->index(), 1);
    QCOMPARE(int(c->history().position), 1);
    QVERIFY(!w_->historyDock()->entryUndone(0));
    QCOMPARE(w_->modelPanel()->fieldText(QStringLiteral("edits")), QStringLiteral("1 applied"));
    // The edited weights are back, bit for bit.
    QTRY_VERIFY_WITH_TIMEOUT(bar->chart()->hasComparison() && bar->topTokens() == editedTokens, kEngineTimeoutMs);
    QCOMPARE(bar->topProbs(), editedProbs);
}

void TestEdit::engineRefusalTakesTheCommandBack()
{
    EditController* c = w_->editController();
    const int before = c->stack()->count();
    const int index = c->stack()->index();
    w_->problemsDock()->clearAll();
    EditRequest r;
    r.prompt = "The {} is located in the city of";
    r.subject = kSubject.toStdString();
    r.target_new = " Rome";
    r.layers = {99};  // the tiny model has 2
    QSignalSpy failed(c, &EditController::editFailed);
    QVERIFY(c->apply(r));
    QVERIFY(failed.wait(kEngineTimeoutMs) || !failed.isEmpty());
    // The error crosses with its code: the GUI decides by it, not by the text.
    QCOMPARE(failed.first().at(1).value<lancet::app::JobError>().code, lancet::ErrorCode::InvalidArgument);
    QCOMPARE(c->stack()->count(), before);
    QCOMPARE(c->stack()->index(), index);
    QVERIFY(!c->busy());
    // The window hears of the failure through its own (queued) connection to
    // the bridge, which may run after the controller's: wait for it rather
    // than assume one order of delivery.
    QTRY_VERIFY2_WITH_TIMEOUT(countOf(w_->problemsDock(), Severity::Error) == 1, qPrintable(problemsText(w_->problemsDock())),
                              kEngineTimeoutMs);
    const int row = w_->problemsDock()->rowOfKey(QStringLiteral("job-edit"));
    QVERIFY2(row >= 0, qPrintable(problemsText(w_->problemsDock())));
    QVERIFY2(w_->problemsDock()->textAt(row).contains(QStringLiteral("outside the model")),
             qPrintable(w_->problemsDock()->textAt(row)));
    QCOMPARE(w_->problemsDock()->targetAt(row), static_cast<QWidget*>(w_->editPanel()));
}

void TestEdit::sessionReplaysEdits()
{
    if (!edited_)
        QSKIP("needs an edit");
    const QString path = dir_.path() + QStringLiteral("/edited.lancet-session.json");
    QString error;
    QVERIFY2(w_->saveSession(path, &error), qPrintable(error));
    QVERIFY(!w_->hasUnsavedEdits());

    MainWindow w2;
    w2.show();
    QSignalSpy restored(&w2, &MainWindow::sessionRestored);
    QVERIFY(w2.openSession(path));
    QVERIFY(restored.wait(kEngineTimeoutMs) || !restored.isEmpty());
    QCOMPARE(restored.first().at(0).toInt(), 1);
    QCOMPARE(restored.first().at(1).toInt(), 1);
    QCOMPARE(w2.editController()->stack()->count(), 1);
    QCOMPARE(w2.editController()->command(0)->request().target_new, std::string(" Paris"));
    QCOMPARE(w2.editController()->command(0)->layer(), 0);
    QVERIFY(!w2.hasUnsavedEdits());
}

void TestEdit::exportWritesACheckpoint()
{
    if (!edited_)
        QSKIP("needs an edit");
    w_->problemsDock()->clearAll();
    const QString out = dir_.path() + QStringLiteral("/exported");
    QVERIFY(w_->exportModel(out) != 0);
    QTRY_VERIFY_WITH_TIMEOUT(w_->problemsDock()->count() > 0, kEngineTimeoutMs);
    QVERIFY2(w_->problemsDock()->rowOfKey(QStringLiteral("export")) >= 0, qPrintable(problemsText(w_->problemsDock())));
    QCOMPARE(countOf(w_->problemsDock(), Severity::Error), 0);
    // A checkpoint folder the window itself accepts.
    QString resolved;
    QCOMPARE(validateModelFolder(out, &resolved), QString());
}

// The Keep field: validated in the form, carried in the session's JSON, and
// sent to the engine, whose diagnostics name what it kept.
void TestEdit::keepPromptsReachTheEngine()
{
    if (!edited_)
        QSKIP("needs an edit");
    EditPanel* p = w_->editPanel();
    fillForm();
    p->keepEdit()->setText(QStringLiteral("{} was built in the year | the tower is painted"));
    QString why;
    QVERIFY(!p->canApply(&why));
    QVERIFY2(why.contains(QStringLiteral("the tower is painted")), qPrintable(why));
    p->keepEdit()->setText(QStringLiteral(" {} was built in the year |  | {} is painted "));
    QVERIFY2(p->canApply(&why), qPrintable(why));
    const EditRequest r = p->request();
    QCOMPARE(r.keep_prompts, std::vector<std::string>({"{} was built in the year", "{} is painted"}));
    QCOMPARE(lancet::gui::requestFromJson(lancet::gui::requestToJson(r)).keep_prompts, r.keep_prompts);

    EditController* c = w_->editController();
    const int before = c->stack()->count();
    QSignalSpy done(w_.get(), &MainWindow::editDone);
    w_->applyAction()->trigger();
    QVERIFY(done.wait(kEngineTimeoutMs) || !done.isEmpty());
    QVERIFY2(done.first().at(0).toBool(), qPrintable(problemsText(w_->problemsDock())));
    QCOMPARE(c->stack()->count(), before + 1);
    const QJsonObject diag = c->command(before)->diagnostics();
    QCOMPARE(diag.value(QStringLiteral("keep")).toObject().value(QStringLiteral("prompts")).toArray().size(), 2);
    QCOMPARE(c->command(before)->request().keep_prompts, r.keep_prompts);
    // Keep prompts raise the engine's default step count (the method's rule, the CLI's too).
    QCOMPARE(c->command(before)->outcome().hparams.value("v_num_grad_steps", 0), 60);
    p->keepEdit()->clear();
}

void TestEdit::closingWithUnsavedEditsCanBeBypassed()
{
    // LANCET_NO_CLOSE_PROMPT=1 (set by the test environment) or the setter:
    // no QMessageBox::question blocks a test run.
    w_->setConfirmOnClose(false);
    QVERIFY(w_->close());
}

QTEST_MAIN(TestEdit)
#include "test_edit.moc"
