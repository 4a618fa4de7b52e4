// Comparing two states of the edit history, from the history dock: scorecard
// deltas, next-token probability deltas and the per-layer weight change, and
// the model the user works on is left exactly as it was.
#include "gui_test_util.h"

#include "compare_view.h"
#include "edit_command.h"
#include "edit_controller.h"
#include "edit_panel.h"
#include "grouped_bar_chart.h"
#include "history_dock.h"
#include "layer_delta_plot.h"
#include "curve_plot.h"
#include "method_comparison.h"
#include "sequential_dialog.h"
#include "prompt_panel.h"
#include "scorecard_view.h"
#include "topk_bar_chart.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

using namespace lancet::gui;
using namespace lancet::gui::test;

class TestCompare : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void openedFromTheHistoryDock();
    void comparesBaseWithBothEdits();
    void comparingLeavesTheModelAsItWas();
    void undoneStatesCanBeCompared();
    void badStatesAreRefusedNotFatal();
    void methodsComparedSideBySide();
    void sequentialEditsDrawTheCurve();

public:
    static void initMain() { isolateEnvironment(); }

private:
    bool applyEdit(const QString& subject, const QString& tmpl, const QString& target, int layer);
    std::optional<lancet::CompareOutcome> runCompare(int from, int to, int scoredEdit = -1);
    std::unique_ptr<MainWindow> w_;
};

bool TestCompare::applyEdit(const QString& subject, const QString& tmpl, const QString& target, int layer)
{
    EditRequest r;
    r.prompt = tmpl.toStdString();
    r.subject = subject.toStdString();
    r.target_new = target.toStdString();
    r.layers = {layer};
    // Locality prompts of our own: quicker than the defaults on a loaded machine.
    r.locality_prompts = {{"The Eiffel Tower is located in the city of", ""}};
    QSignalSpy applied(w_->editController(), &EditController::editApplied);
    if (!w_->editController()->apply(r))
        return false;
    return (applied.wait(kEngineTimeoutMs) || !applied.isEmpty()) && !w_->editController()->busy();
}

std::optional<lancet::CompareOutcome> TestCompare::runCompare(int from, int to, int scoredEdit)
{
    CompareView* view = w_->showCompare(from, to);
    if (!view)
        return std::nullopt;
    if (scoredEdit >= 0)
        view->scoreCombo()->setCurrentIndex(view->scoreCombo()->findData(scoredEdit));
    QSignalSpy done(view, &CompareView::compared);
    QTest::mouseClick(view->compareButton(), Qt::LeftButton);
    if (!(done.wait(kEngineTimeoutMs) || !done.isEmpty()) || !done.first().at(0).toBool())
        return std::nullopt;
    return view->lastResult();
}

void TestCompare::initTestCase()
{
    w_ = std::make_unique<MainWindow>();
    w_->show();
    QVERIFY(openTinyModel(*w_));
    QVERIFY(!w_->compareAction()->isEnabled());  // nothing to compare before an edit
    QVERIFY(applyEdit(kSubject, QStringLiteral("The {} is located in the city of"), QStringLiteral(" Paris"), 0));
    QVERIFY(applyEdit(QStringLiteral("Eiffel Tower"), QStringLiteral("The {} is located in the city of"),
                      QStringLiteral(" Rome"), 1));
    QCOMPARE(w_->editController()->stack()->index(), 2);
}

void TestCompare::openedFromTheHistoryDock()
{
    HistoryDock* h = w_->historyDock();
    QVERIFY(w_->compareAction()->isEnabled());
    QVERIFY(h->compareButton()->isEnabled());
    h->select(0);
    QTest::mouseClick(h->compareButton(), Qt::LeftButton);
    CompareView* view = w_->compareView();
    QVERIFY(view);
    QTRY_VERIFY(view->isVisible());
    // The selected edit's own effect: the state before it against the state after it.
    QCOMPARE(view->fromState(), 0);
    QCOMPARE(view->toState(), 1);
    QCOMPARE(view->stateCount(), 3);
    QVERIFY(view->toCombo()->currentText().contains(kSubject));
    QVERIFY(view->toCombo()->itemText(2).contains(QStringLiteral("(current)")));
    QCOMPARE(view->scoreCombo()->currentData().toInt(), 1);  // edit 1 is scored
    QCOMPARE(view->promptEdit()->text(), kPrompt);           // the edited fact

    // Edit 1 scored before and after itself: the very scorecard its edit job
    // reported (same case, same reference answers, same weights).
    QSignalSpy done(view, &CompareView::compared);
    QTest::mouseClick(view->compareButton(), Qt::LeftButton);
    QVERIFY(view->isRunning());
    QVERIFY(done.wait(kEngineTimeoutMs) || !done.isEmpty());
    QVERIFY2(done.first().at(0).toBool(), qPrintable(view->statusText()));
    QHash<QString, QPair<double, double>> fromTheEdit;
    for (const lancet::ScoreRow& row : w_->editController()->command(0)->scorecard().rows)
        fromTheEdit.insert(QString::fromStdString(row.key + "/" + row.protocol), {row.before.value_or(qQNaN()), row.after});
    int matched = 0;
    for (const auto& m : view->scorecard()->metrics()) {
        const auto it = fromTheEdit.constFind(m.key + u'/' + m.protocol);
        if (it == fromTheEdit.cend())
            continue;
        ++matched;
        const auto same = [](double a, double b) { return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= 1e-9; };
        QVERIFY2(same(m.before, it->first) && same(m.after, it->second),
                 qPrintable(QStringLiteral("%1 (%2): compare %3 -> %4, edit %5 -> %6")
                                .arg(m.key, m.protocol).arg(m.before).arg(m.after).arg(it->first).arg(it->second)));
    }
    QVERIFY2(matched >= 2, qPrintable(QString::number(matched)));
}

void TestCompare::comparesBaseWithBothEdits()
{
    // Edit 1 (Space Needle -> Paris) scored on the base model and on state 2.
    const auto r = runCompare(0, 2, 1);
    QVERIFY2(r.has_value(), qPrintable(w_->compareView()->statusText()));
    CompareView* view = w_->compareView();

    // Per-layer weight change: one c_proj per edit, at its layer, nothing elsewhere.
    lancet::widgets::LayerDeltaPlot* plot = view->deltaPlot();
    QCOMPARE(plot->layerCount(), 2);
    QCOMPARE(plot->seriesNames(), QStringList{QStringLiteral("mlp.c_proj")});
    const QVector<double> per = plot->seriesValues(QStringLiteral("mlp.c_proj"));
    QCOMPARE(per.size(), 2);
    QVERIFY2(per[0] > 1e-6 && per[1] > 1e-6, qPrintable(QStringLiteral("%1 %2").arg(per[0]).arg(per[1])));
    QVERIFY(per[0] < 10.0 && per[1] < 10.0);

    // Next-token deltas for the edited prompt: " Paris" rose.
    QTableWidget* t = view->tokenTable();
    QVERIFY(t->rowCount() >= 10);  // both top-10 lists, and the scored edit's target
    int paris = -1;
    for (int row = 0; row < t->rowCount(); ++row)
        if (t->item(row, 0)->data(Qt::UserRole).toString() == QStringLiteral(" Paris"))
            paris = row;
    QStringList seen;
    for (int row = 0; row < t->rowCount(); ++row)
        seen << t->item(row, 0)->text() + QLatin1Char('=') + t->item(row, 3)->text();
    QVERIFY2(paris >= 0, qPrintable(QStringLiteral("the new target is among the compared tokens: ") + seen.join(u' ')));
    QVERIFY(t->item(paris, 0)->font().bold());
    QVERIFY2(t->item(paris, 3)->text().startsWith(QLatin1Char('+')), qPrintable(t->item(paris, 3)->text()));
    double pFrom = -1, pTo = -1;
    for (const lancet::TokenChange& tc : r->next_token)
        if (tc.text == " Paris") {
            pFrom = tc.from;
            pTo = tc.to;
        }
    QVERIFY2(pTo > pFrom, qPrintable(QStringLiteral("p(Paris) %1 -> %2").arg(pFrom).arg(pTo)));
    QVERIFY(view->nextTokenChart()->hasComparison());

    // Scorecard deltas of edit 1 between the base model and state 2.
    const auto metrics = view->scorecard()->metrics();
    QVERIFY(!metrics.isEmpty());
    QStringList keys;
    for (const auto& m : metrics) {
        keys << m.key;
        QVERIFY2(!std::isnan(m.after), qPrintable(m.key));
    }
    QVERIFY2(keys.contains(QStringLiteral("reliability")) && keys.contains(QStringLiteral("locality")),
             qPrintable(keys.join(u',')));
    QVERIFY(view->scorecard()->seriesName(false).contains(QStringLiteral("0")));
    QVERIFY(view->scorecard()->seriesName(true).contains(QStringLiteral("2")));
}

void TestCompare::comparingLeavesTheModelAsItWas()
{
    // The prompt bar's distribution before and after a comparison: identical,
    // bit for bit, because the engine returns by exact undo/redo.
    PromptPanel* bar = w_->promptPanel();
    QSignalSpy shown(bar, &PromptPanel::predictionShown);
    bar->setPrompt(kPrompt);
    bar->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kEngineTimeoutMs);
    const QVector<double> before = bar->topProbs();
    const QStringList tokensBefore = bar->topTokens();

    QVERIFY(runCompare(1, 0, 0).has_value());  // no scorecard: quick
    const QVector<double> per = w_->compareView()->deltaPlot()->seriesValues(QStringLiteral("mlp.c_proj"));
    QVERIFY(per[0] > 0.0);
    QCOMPARE(per[1], 0.0);  // edit 2 is in neither state

    shown.clear();
    bar->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kEngineTimeoutMs);
    QCOMPARE(bar->topTokens(), tokensBefore);
    QCOMPARE(bar->topProbs(), before);
    QCOMPARE(int(w_->editController()->history().position), 2);
    QCOMPARE(w_->editController()->stack()->index(), 2);
}

void TestCompare::undoneStatesCanBeCompared()
{
    EditController* c = w_->editController();
    QSignalSpy changed(c, &EditController::stateChanged);
    // Undo is disabled while an edit job still runs (a loaded CI machine may not
    // have finished the last one): a trigger then does nothing, by design.
    QTRY_VERIFY_WITH_TIMEOUT(w_->undoAction()->isEnabled(), kEngineTimeoutMs);
    w_->undoAction()->trigger();
    QVERIFY(changed.wait(kEngineTimeoutMs) || !changed.isEmpty());
    QCOMPARE(c->stack()->index(), 1);
    CompareView* view = w_->compareView();
    QTRY_VERIFY(view->toCombo()->itemText(2).contains(QStringLiteral("(undone)")));

    // State 2 is on the redo stack: compared all the same, and still undone after.
    const auto r = runCompare(1, 2, 0);
    QVERIFY2(r.has_value(), qPrintable(view->statusText()));
    const QVector<double> per = view->deltaPlot()->seriesValues(QStringLiteral("mlp.c_proj"));
    QCOMPARE(per[0], 0.0);
    QVERIFY(per[1] > 0.0);
    QCOMPARE(c->stack()->index(), 1);
    QVERIFY(w_->redoAction()->isEnabled());
    changed.clear();
    QTRY_VERIFY_WITH_TIMEOUT(w_->redoAction()->isEnabled(), kEngineTimeoutMs);
    w_->redoAction()->trigger();
    QVERIFY(changed.wait(kEngineTimeoutMs) || !changed.isEmpty());
    QCOMPARE(int(c->history().position), 2);
}

void TestCompare::badStatesAreRefusedNotFatal()
{
    // States beyond the history (the stack moved on) are the engine's to refuse.
    lancet::app::CompareParams p;
    p.from = 0;
    p.to = 7;
    // The typed job fails with the engine's code and message.
    std::optional<lancet::app::JobError> error;
    auto job = w_->bridge()->compare(p);
    job.result.then(this, [](const lancet::CompareOutcome&) {}).onFailed(this, [&error](const lancet::app::JobError& e) {
        error = e;
    });
    QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), kEngineTimeoutMs);
    QCOMPARE(error->code, lancet::ErrorCode::InvalidArgument);
    QVERIFY2(error->message.contains(QStringLiteral("states 0 to 2")), qPrintable(error->message));
    QCOMPARE(w_->editController()->stack()->index(), 2);
    QCOMPARE(int(w_->editController()->history().position), 2);
}

// Edit ▸ Compare Methods: the form's request by several methods, each undone;
// the user's history untouched; the chart exportable.
void TestCompare::methodsComparedSideBySide()
{
    EditPanel* p = w_->editPanel();
    QTRY_VERIFY_WITH_TIMEOUT(!p->methods().empty(), kEngineTimeoutMs);
    p->templateEdit()->setText(QStringLiteral("The {} is located in the city of"));
    p->subjectEdit()->setText(kSubject);
    p->targetEdit()->setText(QStringLiteral(" Rome"));
    p->setLayer(1);
    const int before = w_->editController()->stack()->count(), index = w_->editController()->stack()->index();
    lancet::gui::MethodComparisonDialog* d = w_->showMethodComparison();
    QVERIFY(d);
    QVERIFY(d->checkedMethods().contains(QStringLiteral("ft-l")));
    d->setCheckedMethods({QStringLiteral("rome"), QStringLiteral("ft"), QStringLiteral("lora")});
    QSignalSpy finished(d, &lancet::gui::MethodComparisonDialog::finished);
    QVERIFY(d->run() != 0);
    QVERIFY(finished.wait(kEngineTimeoutMs) || !finished.isEmpty());
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(d->statusText()));
    QCOMPARE(d->table()->rowCount(), 3);
    QCOMPARE(d->chart()->seriesCount(), 3);
    QCOMPARE(d->chart()->seriesNames(), QStringList({QStringLiteral("rome"), QStringLiteral("ft"), QStringLiteral("lora")}));
    for (const auto& r : d->results())
        QVERIFY2(r.outcome && r.outcome->scorecard.find("reliability"), r.method.c_str());
    // The user's edits and their undo stack are as they were.
    QCOMPARE(w_->editController()->stack()->count(), before);
    QCOMPARE(w_->editController()->stack()->index(), index);
    QTemporaryDir dir;
    QVERIFY(d->exportChart(dir.filePath(QStringLiteral("slide.svg"))));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("slide.svg"))).size() > 1000);
    d->close();
}

// A stream of a dataset's requests edited in by MEMIT, two per edit, a curve
// point every two: the plot fills live, the data exports, and the user's model
// (with its two edits) is exactly as it was afterwards.
void TestCompare::sequentialEditsDrawTheCurve()
{
    PromptPanel* bar = w_->promptPanel();
    QSignalSpy shown(bar, &PromptPanel::predictionShown);
    bar->setPrompt(kPrompt);
    bar->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kEngineTimeoutMs);
    const QVector<double> before = bar->topProbs();

    QTRY_VERIFY_WITH_TIMEOUT(w_->sequentialAction()->isEnabled(), kEngineTimeoutMs);
    SequentialDialog* d = w_->showSequentialEdits();
    QVERIFY(d);
    d->setDataset(QFileInfo(tinyModel()).dir().filePath(QStringLiteral("datasets/lancet-facts.json")));
    d->setMethod(QStringLiteral("memit"));
    d->setRequests(4);
    d->setBatchSize(2);
    d->setCurveEvery(2);
    QSignalSpy finished(d, &SequentialDialog::finished);
    QVERIFY(d->run() != 0);
    QVERIFY(finished.wait(kEngineTimeoutMs) || !finished.isEmpty());
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(d->statusText()));
    QCOMPARE(d->runCount(), 1);
    QVERIFY2(d->points(0).size() == 3, qPrintable(d->statusText()));  // before any edit, after 2, after 4
    QCOMPARE(d->points(0)[1].edits, size_t(2));
    QVERIFY(d->points(0).back().edits >= 3);  // the fixture has one malformed request, reported, not edited
    QCOMPARE(d->plot()->pointCount(0), 3);
    QCOMPARE(d->plot()->value(0, 0, 2), d->points(0).back().retention_token_acc * 100.0);
    d->setView(SequentialDialog::View::WeightGrowth);
    QVERIFY(d->plot()->value(0, 0, 2) > 1.0);
    QTemporaryDir dir;
    QVERIFY(d->exportData(dir.filePath(QStringLiteral("curve.csv"))));
    QFile csv(dir.filePath(QStringLiteral("curve.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().count('\n'), 4);  // header + 3 points
    QVERIFY(d->exportChart(dir.filePath(QStringLiteral("curve.svg"))));
    d->close();

    shown.clear();
    bar->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), kEngineTimeoutMs);
    QCOMPARE(bar->topProbs(), before);
}

QTEST_MAIN(TestCompare)
#include "test_compare.moc"
