// The trace area's patching and logit-lens tabs on the demo model: maps the
// size of the prompt and the model, the known exact cells of denoising, the
// inline error with both tokenizations, an MLP cell setting the edit layer, a
// cancel before the patch starts, a lens grid that agrees with
// `lancet-cli lens` (the engine by another route), the attribution estimate's
// top cells checked exactly (equal to `lancet-cli patch`'s exact map), and the
// lens before and after an edit.
#include "gui_test_util.h"

#include "curve_plot.h"
#include "edit_controller.h"
#include "edit_panel.h"
#include "lens_panel.h"
#include "locate_tabs.h"
#include "model_panel.h"
#include "patch_check_view.h"
#include "patching_panel.h"
#include "prompt_panel.h"
#include "trace_panel.h"
#include "qcp.h"
#include "token_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

#include <cmath>

using namespace lancet::gui;
using namespace lancet::gui::test;
using lancet::widgets::TraceHeatmap;
using Kind = TraceHeatmap::Kind;

namespace {
const QString kClean = QStringLiteral("The Space Needle is located in the city of");
const QString kCounterfactual = QStringLiteral("The Louvre Museum is located in the city of");  // 10 tokens too
const QString kLonger = QStringLiteral("The Eiffel Tower is located in the city of");       // 11 tokens
QString demoModel() { return QStringLiteral(LANCET_DEMO_MODEL); }
}  // namespace

class TestPatching : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exactPatchingMapsMatchThePromptAndTheModel();
    void attributionEstimatesTheSameCells();
    void mismatchedLengthsShowBothTokenizations();
    void clickingAnMlpCellSetsTheEditLayer();
    void cancelBeforeThePatchStarts();
    void lensGridMatchesTheEngine();
    void checkingTopCellsEqualsExactPatching();
    void lensBeforeAndAfterAnEdit();

public:
    static void initMain() { isolateEnvironment(); }

private:
    bool patch(bool expectOk = true);
    QJsonObject cli(const QStringList& args);
    std::unique_ptr<MainWindow> w_;
};

void TestPatching::initTestCase()
{
    w_ = std::make_unique<MainWindow>();
    w_->resize(1366, 768);
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
    QSignalSpy loaded(w_.get(), &MainWindow::modelLoaded);
    QVERIFY(w_->openModel(demoModel()));
    QVERIFY(loaded.wait(kEngineTimeoutMs) || loaded.count() > 0);
    w_->locateTabs()->setCurrentWidget(w_->patchingPanel());
}

bool TestPatching::patch(bool expectOk)
{
    PatchingPanel* p = w_->patchingPanel();
    QSignalSpy finished(p, &PatchingPanel::patchingFinished);
    if (p->run() == 0) {
        qWarning("the run did not start (running: %d, model: %d): %s", int(p->isRunning()), int(w_->modelReady()),
                 qPrintable(p->errorLabel()->text() + p->summaryLabel()->text()));
        return false;
    }
    // A quick job may end inside run() (a continuation on a finished future).
    if (finished.isEmpty() && !finished.wait(kEngineTimeoutMs)) {
        qWarning("the run did not finish");
        return false;
    }
    if (finished.first().at(0).toBool() != expectOk)
        qWarning("the run ended %s: %s", expectOk ? "badly" : "well", qPrintable(p->errorLabel()->text()));
    return finished.first().at(0).toBool() == expectOk;
}

void TestPatching::exactPatchingMapsMatchThePromptAndTheModel()
{
    PatchingPanel* p = w_->patchingPanel();
    p->cleanEdit()->setText(kClean);
    p->corruptedEdit()->setText(kCounterfactual);
    p->methodCombo()->setCurrentIndex(p->methodCombo()->findData(QStringLiteral("exact")));
    p->directionCombo()->setCurrentIndex(p->directionCombo()->findData(QStringLiteral("denoising")));
    QSignalSpy started(p, &PatchingPanel::patchingStarted);
    QVERIFY2(patch(), qPrintable(p->errorLabel()->text() + p->summaryLabel()->text()));
    QCOMPARE(started.count(), 1);
    QVERIFY(!p->errorLabel()->isVisible());
    QVERIFY(!p->isRunning());

    const int layers = w_->modelPanel()->layerCount();
    QCOMPARE(layers, 8);
    // "The| Space| Need|le| is| located| in| the| city| of"
    const int tokens = 10;
    for (Kind kind : {Kind::Hidden, Kind::Mlp, Kind::Attention}) {
        TraceHeatmap* map = p->heatmap(kind);
        QVERIFY(map->isVisible());
        QCOMPARE(map->tokenCount(), tokens);
        QCOMPARE(map->layerCount(), layers);
        QVERIFY(map->isComplete());
    }
    // Heads: layer × head (the demo model has 8 heads).
    QCOMPARE(p->headsMap()->tokenCount(), layers);
    QCOMPARE(p->headsMap()->layerCount(), 8);
    QVERIFY(p->headsMap()->isComplete());

    // locating.md §1.5: the last block's output at the last position carries the
    // clean logits whole (1), and positions before the first swapped token are
    // equal in both runs (0).
    TraceHeatmap* hidden = p->heatmap(Kind::Hidden);
    QVERIFY(std::fabs(hidden->cellValue(tokens - 1, layers - 1) - 1.0) < 1e-3);
    for (int l = 0; l < layers; ++l)
        QVERIFY(std::fabs(hidden->cellValue(0, l)) < 1e-3);
    // The swapped words are the starred rows, and the answers are the demo's facts.
    QCOMPARE(p->swappedText(), QStringLiteral("Space Needle"));
    QCOMPARE(p->cleanAnswer(), QStringLiteral(" Seattle"));
    QCOMPARE(QString::fromStdString(p->result().corrupted_answer), QStringLiteral(" Paris"));
    // The read-out names both prompts' tokens where they differ.
    const QString corruptedToken = QString::fromStdString(p->result().corrupted_tokens.at(1));
    QVERIFY2(hidden->readoutText(1, 0).contains(lancet::widgets::visibleToken(corruptedToken)),
             qPrintable(hidden->readoutText(1, 0)));
    QCOMPARE(countOf(w_->problemsDock(), Severity::Error), 0);
}

void TestPatching::attributionEstimatesTheSameCells()
{
    PatchingPanel* p = w_->patchingPanel();
    p->methodCombo()->setCurrentIndex(p->methodCombo()->findData(QStringLiteral("attribution")));
    p->siteCheck(QStringLiteral("heads"))->setChecked(false);
    QVERIFY2(patch(), qPrintable(p->errorLabel()->text()));
    QCOMPARE(QString::fromStdString(p->result().method), QStringLiteral("attribution"));
    QVERIFY(p->result().backward_passes >= 1);
    QVERIFY(p->result().heads.empty());
    QVERIFY(!p->headsMap()->isVisible());
    for (Kind kind : {Kind::Hidden, Kind::Mlp, Kind::Attention}) {
        QCOMPARE(p->heatmap(kind)->tokenCount(), 10);
        QCOMPARE(p->heatmap(kind)->layerCount(), 8);
    }
    // The tooltip says what the estimate is.
    QVERIFY(p->heatmap(Kind::Mlp)->toolTip().contains(QStringLiteral("∂m/∂a")));
    p->siteCheck(QStringLiteral("heads"))->setChecked(true);
    p->methodCombo()->setCurrentIndex(p->methodCombo()->findData(QStringLiteral("exact")));
}

void TestPatching::mismatchedLengthsShowBothTokenizations()
{
    PatchingPanel* p = w_->patchingPanel();
    p->corruptedEdit()->setText(kLonger);
    QSignalSpy started(p, &PatchingPanel::patchingStarted);
    QVERIFY(patch(false));
    QCOMPARE(started.count(), 0);  // nothing was patched
    QVERIFY(p->errorLabel()->isVisible());
    const QString error = p->errorLabel()->text();
    QVERIFY2(error.contains(QStringLiteral("10")) && error.contains(QStringLiteral("11")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("␣Need | le")), qPrintable(error));      // the clean tokenization
    QVERIFY2(error.contains(QStringLiteral("␣E | iff | el")), qPrintable(error));  // the corrupted one
    // The previous maps stay, and a prompt pair that lines up clears the error as it is typed.
    QCOMPARE(p->heatmap(Kind::Hidden)->tokenCount(), 10);
    p->corruptedEdit()->setText(kCounterfactual);
    QTRY_VERIFY_WITH_TIMEOUT(!p->errorLabel()->isVisible(), kEngineTimeoutMs);
    QCOMPARE(countOf(w_->problemsDock(), Severity::Error), 0);
}

void TestPatching::clickingAnMlpCellSetsTheEditLayer()
{
    PatchingPanel* p = w_->patchingPanel();
    QVERIFY(patch());
    TraceHeatmap* map = p->heatmap(Kind::Mlp);
    QCustomPlot* plot = map->plot();
    plot->replot();
    const int token = 3, layer = 2;
    QVERIFY(w_->editPanel()->layer() != layer);
    const QPoint at(int(plot->xAxis->coordToPixel(layer)), int(plot->yAxis->coordToPixel(token)));
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(w_->editPanel()->layer(), layer);
    // The swapped words became the edit's subject, answer A its true target.
    QCOMPARE(w_->editPanel()->subjectEdit()->text(), QStringLiteral("Space Needle"));
    QCOMPARE(w_->editPanel()->templateEdit()->text(), QStringLiteral("The {} is located in the city of"));
}

void TestPatching::cancelBeforeThePatchStarts()
{
    // A long trace keeps the engine thread busy, so the length check waits in
    // its queue: a cancel then must end the run without patching anything,
    // even when the check's answer arrives later.
    TracePanel* trace = w_->tracePanel();
    trace->samplesSpin()->setValue(1000);  // seconds of work: the cancel below comes within microseconds
    w_->promptPanel()->setPrompt(kClean);
    QSignalSpy traceEnded(trace, &TracePanel::traceEnded);
    QVERIFY(w_->trace() != 0);
    PatchingPanel* p = w_->patchingPanel();
    w_->locateTabs()->setCurrentWidget(p);
    QSignalSpy started(p, &PatchingPanel::patchingStarted);
    QSignalSpy finished(p, &PatchingPanel::patchingFinished);
    QVERIFY(p->run() != 0);
    QVERIFY(p->isRunning());
    p->cancel();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.first().at(0).toBool(), false);
    QVERIFY(!p->isRunning());
    trace->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!traceEnded.isEmpty(), kEngineTimeoutMs);
    QTest::qWait(300);  // the stale check's answer has arrived by now
    QCOMPARE(started.count(), 0);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(p->heatmap(Kind::Hidden)->tokenCount(), 10);  // the last result stays
    trace->samplesSpin()->setValue(10);
}

void TestPatching::lensGridMatchesTheEngine()
{
    LensPanel* lens = w_->lensPanel();
    w_->locateTabs()->setCurrentWidget(lens);
    lens->promptEdit()->setText(kClean);
    lens->answerEdit()->setText(QStringLiteral("Seattle"));
    QSignalSpy finished(lens, &LensPanel::lensFinished);
    QVERIFY(lens->run() != 0);
    QVERIFY(!finished.isEmpty() || finished.wait(kEngineTimeoutMs));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(lens->summaryLabel()->text()));
    lancet::widgets::LensGrid* grid = lens->grid();
    QCOMPARE(grid->layerCount(), 8);
    QCOMPARE(grid->positionCount(), 10);

    // The engine's logit lens through the CLI: the same model, another process.
    QProcess cli;
    cli.start(QStringLiteral(LANCET_CLI_PATH), {QStringLiteral("lens"), demoModel(), QStringLiteral("--prompt"), kClean,
                                                QStringLiteral("--answer"), QStringLiteral("Seattle"), QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(kEngineTimeoutMs));
    QCOMPARE(cli.exitCode(), 0);
    const QJsonObject j = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QCOMPARE(j.value(QStringLiteral("answer")).toString(), QStringLiteral(" Seattle"));
    const QJsonArray layers = j.value(QStringLiteral("layers")).toArray();
    QCOMPARE(layers.size(), grid->layerCount());
    for (int l = 0; l < layers.size(); ++l) {
        const QJsonArray row = layers[l].toArray();
        QCOMPARE(row.size(), grid->positionCount());
        for (int t = 0; t < row.size(); ++t) {
            const QJsonObject cell = row[t].toObject();
            QCOMPARE(grid->topToken(l, t), cell.value(QStringLiteral("top_tokens")).toArray().first().toString());
            QVERIFY(std::fabs(grid->shade(l, t) - cell.value(QStringLiteral("answer_prob")).toDouble()) < 1e-4);
            // The shown text is the top token, and the tooltip lists the top-k.
            QCOMPARE(grid->item(l, t)->text(), lancet::widgets::visibleToken(grid->topToken(l, t)));
            QVERIFY(grid->item(l, t)->toolTip().contains(QStringLiteral("5. ")));
        }
    }
    // A click on a cell gives the edit form that layer, as the other maps do.
    const int pick = grid->layerCount() == 8 && w_->editPanel()->layer() == 5 ? 6 : 5;
    grid->cellClicked(pick, grid->positionCount() - 1);
    QCOMPARE(w_->editPanel()->layer(), pick);

    // Shading by the top token's own probability.
    lens->shadingCombo()->setCurrentIndex(1);
    const double top = layers[0].toArray()[0].toObject().value(QStringLiteral("top_probs")).toArray().first().toDouble();
    QVERIFY(std::fabs(grid->shade(0, 0) - top) < 1e-4);
}

QJsonObject TestPatching::cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(LANCET_CLI_PATH), args);
    if (!p.waitForFinished(kEngineTimeoutMs) || p.exitCode() != 0) {
        qWarning("lancet-cli failed: %s", p.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

void TestPatching::checkingTopCellsEqualsExactPatching()
{
    PatchingPanel* p = w_->patchingPanel();
    w_->locateTabs()->setCurrentWidget(p);
    p->cleanEdit()->setText(kClean);
    p->corruptedEdit()->setText(kCounterfactual);
    for (const char* site : {"hidden", "mlp", "attn", "heads"})
        p->siteCheck(QLatin1String(site))->setChecked(true);
    PatchCheckView* check = p->checkView();
    // Exact scores need no check.
    p->methodCombo()->setCurrentIndex(p->methodCombo()->findData(QStringLiteral("exact")));
    QVERIFY(patch());
    QVERIFY(!check->runButton()->isEnabled());
    QCOMPARE(check->run(), quint64(0));

    p->methodCombo()->setCurrentIndex(p->methodCombo()->findData(QStringLiteral("attribution")));
    QVERIFY(patch());
    QVERIFY(check->runButton()->isEnabled());
    QCOMPARE(check->countSpin()->value(), 20);  // the default N
    QVERIFY(check->runButton()->text().contains(QStringLiteral("20")));
    check->countSpin()->setValue(12);
    QSignalSpy finished(check, &PatchCheckView::checkFinished);
    QTest::mouseClick(check->runButton(), Qt::LeftButton);
    QVERIFY(!finished.isEmpty() || finished.wait(kEngineTimeoutMs));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(check->summaryLabel()->text()));
    QCOMPARE(check->result().cells.size(), size_t(12));
    QCOMPARE(check->table()->rowCount(), 12);
    QVERIFY2(check->summaryLabel()->text().contains(QStringLiteral("ρ")), qPrintable(check->summaryLabel()->text()));

    // The truth by another route: exact patching of every cell by lancet-cli.
    const QJsonObject exact = cli({QStringLiteral("patch"), demoModel(), QStringLiteral("--clean"), kClean,
                                   QStringLiteral("--corrupted"), kCounterfactual, QStringLiteral("--json")});
    QCOMPARE(exact.value(QStringLiteral("method")).toString(), QStringLiteral("exact"));
    const QJsonArray maps = exact.value(QStringLiteral("maps")).toArray();
    const QJsonArray heads = exact.value(QStringLiteral("heads")).toArray();
    for (int i = 0; i < 12; ++i) {
        const lancet::CellCheck& c = check->result().cells[size_t(i)];
        double truth = std::nan("");
        if (c.site == "head") {
            truth = heads[c.layer].toArray()[c.index].toDouble();
        } else {
            for (const QJsonValue& m : maps)
                if (m.toObject().value(QStringLiteral("site")).toString().toStdString() == c.site)
                    truth = m.toObject().value(QStringLiteral("scores")).toArray()[c.index].toArray()[c.layer].toDouble();
        }
        QVERIFY2(std::fabs(c.exact - truth) < 1e-4,
                 qPrintable(QStringLiteral("%1 L%2 #%3: check %4, exact %5").arg(QString::fromStdString(c.site)).arg(c.layer)
                                .arg(c.index).arg(c.exact).arg(truth)));
        // The table shows the same numbers, strongest estimate first.
        QCOMPARE(check->table()->item(i, 4)->data(Qt::UserRole).toDouble(), c.exact);
        QCOMPARE(check->table()->item(i, 3)->data(Qt::UserRole).toDouble(), c.estimate);
        if (i > 0)
            QVERIFY(std::fabs(c.estimate) <= std::fabs(check->result().cells[size_t(i - 1)].estimate) + 1e-12);
    }
    QCOMPARE(countOf(w_->problemsDock(), Severity::Error), 0);
    p->methodCombo()->setCurrentIndex(p->methodCombo()->findData(QStringLiteral("exact")));
}

void TestPatching::lensBeforeAndAfterAnEdit()
{
    LensPanel* lens = w_->lensPanel();
    w_->locateTabs()->setCurrentWidget(lens);
    lens->shadingCombo()->setCurrentIndex(0);  // p(answer)
    QVERIFY(!lens->beforeAfterButton()->isEnabled());  // no edit yet
    QVERIFY(!lens->stateCombo()->isVisible());

    // An edit with the lens tab on show reads the lens before and after it by itself.
    lancet::EditSpec r;
    r.prompt = "The {} is located in the city of";
    r.subject = "Space Needle";
    r.target_new = " Paris";
    r.layers = {3};
    r.locality_prompts = {{"The Eiffel Tower is located in the city of", ""}};
    QSignalSpy lensDone(lens, &LensPanel::lensFinished);
    QSignalSpy applied(w_->editController(), &EditController::editApplied);
    QVERIFY(w_->editController()->apply(r));
    QVERIFY(!applied.isEmpty() || applied.wait(kEngineTimeoutMs));
    QVERIFY(!lensDone.isEmpty() || lensDone.wait(kEngineTimeoutMs));
    QVERIFY2(lensDone.first().at(0).toBool(), qPrintable(lens->summaryLabel()->text()));
    QVERIFY(lens->hasComparison());
    QVERIFY(lens->beforeAfterButton()->isEnabled());
    QVERIFY(lens->stateCombo()->isVisible());
    QVERIFY(lens->depthPlot()->isVisible());
    QCOMPARE(lens->promptEdit()->text(), kClean);
    QCOMPARE(QString::fromStdString(lens->comparison().after_lens.answer), QStringLiteral(" Paris"));

    // The table toggles between the edited and the base model, and p(Paris) at
    // the last layer and position differs: the edit shows in the lens.
    lancet::widgets::LensGrid* grid = lens->grid();
    const int last = grid->layerCount() - 1, pos = grid->positionCount() - 1;
    QCOMPARE(last, 7);
    QCOMPARE(lens->shownState(), LensPanel::State::After);
    const double after = grid->shade(last, pos);
    lens->stateCombo()->setCurrentIndex(lens->stateCombo()->findData(int(LensPanel::State::Before)));
    QCOMPARE(lens->shownState(), LensPanel::State::Before);
    const double before = grid->shade(last, pos);
    QVERIFY2(after > before + 0.05, qPrintable(QStringLiteral("p(Paris) before %1, after %2").arg(before).arg(after)));
    // "Before" is the base model: the CLI reads the checkpoint from disk.
    const QJsonObject base = cli({QStringLiteral("lens"), demoModel(), QStringLiteral("--prompt"), kClean,
                                  QStringLiteral("--answer"), QStringLiteral("Paris"), QStringLiteral("--json")});
    const double cliBase = base.value(QStringLiteral("layers")).toArray()[last].toArray()[pos].toObject()
                               .value(QStringLiteral("answer_prob")).toDouble();
    QVERIFY2(std::fabs(before - cliBase) < 1e-4, qPrintable(QStringLiteral("%1 vs %2").arg(before).arg(cliBase)));
    // The depth plot holds both states, one point per layer, ending at the shown values.
    lancet::widgets::CurvePlot* plot = lens->depthPlot();
    QCOMPARE(plot->runCount(), 2);
    QCOMPARE(plot->pointCount(0), 8);
    QVERIFY(std::fabs(plot->value(0, 0, last) - before) < 1e-9);
    QVERIFY(std::fabs(plot->value(1, 0, last) - after) < 1e-9);

    // A plain reading puts the toggle and the plot away; undo takes the button's edit away.
    QSignalSpy plain(lens, &LensPanel::lensFinished);
    QVERIFY(lens->run() != 0);
    QVERIFY(!plain.isEmpty() || plain.wait(kEngineTimeoutMs));
    QVERIFY(!lens->hasComparison());
    QVERIFY(!lens->depthPlot()->isVisible());
    QSignalSpy undone(w_->editController(), &EditController::stateChanged);
    w_->editController()->undo();
    QVERIFY(!undone.isEmpty() || undone.wait(kEngineTimeoutMs));
    QVERIFY(!lens->beforeAfterButton()->isEnabled());
    QCOMPARE(countOf(w_->problemsDock(), Severity::Error), 0);
}

QTEST_MAIN(TestPatching)
#include "test_patching.moc"
