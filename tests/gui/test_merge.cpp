// Task vectors on sliders: the merge dock on the tiny GPT-2 and its two
// fixture task vectors (tests/fixtures/merge/tiny-tasks). Moving a slider
// re-merges and re-scores on the engine thread; the sweep fills its heat map
// and can be cancelled.
#include "gui_test_util.h"

#include "engine_bridge.h"
#include "merge_apply_box.h"
#include "merge_dock.h"
#include "merge_panel.h"
#include "scorecard_view.h"
#include "sweep_heatmap.h"
#include "sweep_panel.h"

#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QJsonArray>
#include <QFile>
#include <QMainWindow>
#include <QTemporaryDir>
#include <QSlider>
#include <QSpinBox>
#include <QtTest>

#include <algorithm>

using namespace lancet::gui;
using namespace lancet::gui::test;
using namespace Qt::StringLiterals;

namespace {

QString tinyTasks(const QString& name) { return tinyModel() + u"/../merge/tiny-tasks/"_s + name; }

}  // namespace

class TestMerge : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sliderMoveUpdatesTheScorecard();
    void latestSliderPositionWins();
    void sweepFillsTheHeatmapAndCancels();
    void exportsTheMergeAsMergekitYaml();
    void applyModeMergesOnceWithAnyMethod();
    void mismatchedTaskIsReported();
    void cleanupTestCase();

public:
    static void initMain() { isolateEnvironment(); }

private:
    std::unique_ptr<QMainWindow> window_;
    lancet::app::EngineBridge* bridge_ = nullptr;
    MergePanel* merge_ = nullptr;
    SweepPanel* sweep_ = nullptr;
};

void TestMerge::initTestCase()
{
    window_ = std::make_unique<QMainWindow>();
    bridge_ = new lancet::app::EngineBridge(window_.get());
    QDockWidget* dock = installMergeDock(window_.get(), bridge_);
    QVERIFY(dock);
    dock->show();
    window_->show();
    merge_ = dock->findChild<MergePanel*>();
    sweep_ = dock->findChild<SweepPanel*>();
    QVERIFY(merge_ && sweep_);
    QSignalSpy opened(merge_, &MergePanel::mergeOpened);
    merge_->openMerge(tinyModel(), {tinyTasks(u"up"_s), tinyTasks(u"down"_s)});
    QVERIFY(opened.wait(kEngineTimeoutMs) || opened.count() > 0);
    QCOMPARE(merge_->taskNames(), QStringList({u"up"_s, u"down"_s}));
    QVERIFY(merge_->slider(0) && merge_->slider(1));
    QCOMPARE(merge_->weight(0), 0.0);
    // Every weight at 0: the base model, so merged = base.
    const QJsonObject s = merge_->lastScores();
    QCOMPARE(s.value(u"fluency"_s).toDouble(), s.value(u"base_fluency"_s).toDouble());
}

void TestMerge::sliderMoveUpdatesTheScorecard()
{
    const QJsonObject before = merge_->lastScores();
    const int fluencyRow = merge_->scorecard()->metricIndex(u"fluency"_s);
    QVERIFY(fluencyRow >= 0);
    const double shownBefore = merge_->scorecard()->metrics()[fluencyRow].after;

    QSignalSpy updated(merge_, &MergePanel::scoresUpdated);
    merge_->slider(0)->setValue(150);  // weight 1.5 of "up"
    QVERIFY(updated.wait(kEngineTimeoutMs) || updated.count() > 0);
    QCOMPARE(merge_->weight(0), 1.5);
    const QJsonObject after = merge_->lastScores();
    // The fixture's task vector changes the model's greedy text, so fluency and text move.
    QVERIFY2(after.value(u"generation"_s).toString() != before.value(u"generation"_s).toString(),
             qPrintable(after.value(u"generation"_s).toString()));
    QVERIFY(after.value(u"fluency"_s).toDouble() != before.value(u"fluency"_s).toDouble());
    QVERIFY(merge_->scorecard()->metrics()[fluencyRow].after != shownBefore);
    // Fluency (a few bits) gets its own scale: the next whole bit above both bars.
    const auto fluency = merge_->scorecard()->metrics()[fluencyRow];
    const double top = std::max(fluency.before, fluency.after);
    QVERIFY2(fluency.fullScale >= top && fluency.fullScale < std::max(top, 0.0) + 1.0 + 1e-9,
             qPrintable(QString::number(fluency.fullScale)));
    QVERIFY(merge_->statusText().contains(u"ms"_s));
    QVERIFY(merge_->lastRoundTripMs() >= 0.0);
    QCOMPARE(after.value(u"tasks"_s).toArray().size(), 2);

    // Back to 0: the base again.
    QSignalSpy back(merge_, &MergePanel::scoresUpdated);
    merge_->slider(0)->setValue(0);
    QVERIFY(back.wait(kEngineTimeoutMs) || back.count() > 0);
    QCOMPARE(merge_->lastScores().value(u"generation"_s).toString(), before.value(u"generation"_s).toString());
}

// The panel's state as a mergekit configuration: the task folders as models with
// the sliders' weights, the base as base_model (the engine's round-trip test
// checks that it merges to the same weights).
void TestMerge::exportsTheMergeAsMergekitYaml()
{
    QSignalSpy updated(merge_, &MergePanel::scoresUpdated);
    merge_->slider(1)->setValue(-50);  // weight -0.5 of "down"
    QVERIFY(updated.wait(kEngineTimeoutMs) || updated.count() > 0);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"merge.yml"_s);
    QSignalSpy exported(merge_, &MergePanel::yamlExported);
    QVERIFY(merge_->exportYaml(path));
    QVERIFY(exported.wait(kEngineTimeoutMs) || exported.count() > 0);
    QVERIFY(exported.first().at(1).toBool());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString yaml = QString::fromUtf8(f.readAll());
    QVERIFY2(yaml.contains(u"merge_method:"_s) && yaml.contains(u"base_model:"_s), qPrintable(yaml));
    QVERIFY2(yaml.contains(u"-0.5"_s), qPrintable(yaml));
    QSignalSpy back(merge_, &MergePanel::scoresUpdated);
    merge_->slider(1)->setValue(0);
    QVERIFY(back.wait(kEngineTimeoutMs) || back.count() > 0);
}

void TestMerge::latestSliderPositionWins()
{
    // A burst of positions: older requests are skipped, and what is shown at the
    // end is the score of the last position.
    QSignalSpy updated(merge_, &MergePanel::scoresUpdated);
    for (int v = -100; v <= 100; v += 10)
        merge_->slider(1)->setValue(v);
    QTRY_VERIFY_WITH_TIMEOUT(!bridge_->busy(), kEngineTimeoutMs);
    QCoreApplication::processEvents();
    QVERIFY(updated.count() >= 1);
    QVERIFY(updated.count() < 21);  // superseded positions never arrive
    const QJsonObject last = merge_->lastScores();
    // Re-requesting the same position gives the same scores.
    QSignalSpy again(merge_, &MergePanel::scoresUpdated);
    merge_->setMethod(u"ties"_s);
    QVERIFY(again.wait(kEngineTimeoutMs) || again.count() > 0);
    QSignalSpy again2(merge_, &MergePanel::scoresUpdated);
    merge_->setMethod(u"task_arithmetic"_s);
    QVERIFY(again2.wait(kEngineTimeoutMs) || again2.count() > 0);
    QCOMPARE(merge_->lastScores().value(u"generation"_s).toString(), last.value(u"generation"_s).toString());
    QCOMPARE(merge_->lastScores().value(u"fluency"_s).toDouble(), last.value(u"fluency"_s).toDouble());
}

void TestMerge::sweepFillsTheHeatmapAndCancels()
{
    auto* grid = sweep_->findChild<QSpinBox*>();
    QVERIFY(grid);
    grid->setValue(3);
    QSignalSpy done(sweep_, &SweepPanel::finished);
    sweep_->run();
    QVERIFY(sweep_->running());
    QVERIFY(done.wait(kEngineTimeoutMs) || done.count() > 0);
    QCOMPARE(done.takeFirst().at(0).toBool(), false);
    QVERIFY2(sweep_->heatmap()->computedCells() == 9,
             qPrintable(u"rows %1 cols %2 metric %3 cell %4"_s.arg(sweep_->heatmap()->rows()).arg(sweep_->heatmap()->columns())
                            .arg(sweep_->metricKey()).arg(sweep_->heatmap()->cellValue(0, 0))));
    QVERIFY(!sweep_->heatmap()->isPartial());
    QVERIFY(sweep_->heatmap()->bestCell().x() >= 0);

    // A large grid, cancelled at once: partial, fewer cells.
    grid->setValue(15);
    QSignalSpy done2(sweep_, &SweepPanel::finished);
    sweep_->run();
    sweep_->cancel();
    QVERIFY(done2.wait(kEngineTimeoutMs) || done2.count() > 0);
    QCOMPARE(done2.takeFirst().at(0).toBool(), true);
    QVERIFY(sweep_->heatmap()->isPartial());
    QVERIFY(sweep_->heatmap()->computedCells() < 225);

    // Clicking a cell moves the sliders there.
    grid->setValue(3);
    QSignalSpy done3(sweep_, &SweepPanel::finished);
    sweep_->run();
    QVERIFY(done3.wait(kEngineTimeoutMs) || done3.count() > 0);
    auto* map = sweep_->heatmap();
    map->resize(300, 300);
    const QPoint cell = map->cellAt(QPoint(map->width() - 20, 40));  // top right: largest weights
    QCOMPARE(cell, QPoint(2, 2));
    QSignalSpy updated(merge_, &MergePanel::scoresUpdated);
    QTest::mouseClick(map, Qt::LeftButton, {}, QPoint(map->width() - 20, 40));
    QCOMPARE(merge_->weight(0), 2.0);
    QCOMPARE(merge_->weight(1), 2.0);
    QVERIFY(updated.wait(kEngineTimeoutMs) || updated.count() > 0);
}

// The methods the sliders cannot drive: chosen from the same list, their
// parameters shown as a form, merged once on Apply with the tasks whose slider
// is not at 0, scored, and exported as what was applied; a slider move on a
// live method returns to the live merge.
void TestMerge::applyModeMergesOnceWithAnyMethod()
{
    auto* combo = merge_->findChild<QComboBox*>(u"mergeMethod"_s);
    QVERIFY(combo);
    QVERIFY(combo->findData(u"slerp"_s) >= 0 && combo->findData(u"model_stock"_s) >= 0 && combo->findData(u"della"_s) >= 0);
    QVERIFY(combo->findData(u"passthrough"_s) < 0);  // layer stacking needs slices: YAML only
    merge_->setMethod(u"slerp"_s);
    QVERIFY(merge_->isApplyMethod());
    MergeApplyBox* box = merge_->applyBox();
    QVERIFY(box->isVisible());
    auto* t = box->findChild<QDoubleSpinBox*>(u"mergeParam_t"_s);
    QVERIFY(t);
    QCOMPARE(t->value(), 0.5);  // required, no default: starts halfway

    // Moving a slider does not merge in apply mode.
    const QJsonObject base = merge_->lastScores();
    QSignalSpy updated(merge_, &MergePanel::scoresUpdated);
    merge_->slider(0)->setValue(100);
    merge_->slider(1)->setValue(100);
    QTest::qWait(200);
    QCOMPARE(updated.count(), 0);
    QVERIFY(merge_->statusText().contains(u"Apply"_s));
    // SLERP takes one model besides the base: two chosen tasks are refused with the count.
    QVERIFY(!merge_->applyMerge());
    QVERIFY2(merge_->statusText().contains(u"1 task"_s), qPrintable(merge_->statusText()));
    merge_->slider(1)->setValue(0);

    t->setValue(1.0);  // slerp at t = 1 is the task's model itself, as task arithmetic at weight 1
    QVERIFY(merge_->applyMerge());
    QVERIFY(!box->applyButton()->isEnabled());
    QVERIFY(updated.wait(kEngineTimeoutMs) || updated.count() > 0);
    QVERIFY(box->applyButton()->isEnabled());
    const QJsonObject slerped = merge_->lastScores();
    QVERIFY2(merge_->statusText().contains(u"SLERP"_s) && merge_->statusText().contains(u"up"_s), qPrintable(merge_->statusText()));
    QVERIFY(slerped.value(u"generation"_s).toString() != base.value(u"generation"_s).toString());

    QTemporaryDir dir;
    const QString path = dir.filePath(u"applied.yml"_s);
    QSignalSpy exported(merge_, &MergePanel::yamlExported);
    QVERIFY(merge_->exportYaml(path));
    QVERIFY(exported.wait(kEngineTimeoutMs) || exported.count() > 0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString yaml = QString::fromUtf8(f.readAll());
    QVERIFY2(yaml.contains(u"merge_method: slerp"_s) && yaml.contains(u"tiny-tasks/up"_s) && !yaml.contains(u"tiny-tasks/down"_s),
             qPrintable(yaml));

    // Back to a live method: the sliders' merge (up at weight 1) is scored, and it equals SLERP at t = 1.
    QSignalSpy live(merge_, &MergePanel::scoresUpdated);
    merge_->setMethod(u"task_arithmetic"_s);
    QVERIFY(!box->isVisible());
    QVERIFY(live.wait(kEngineTimeoutMs) || live.count() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!bridge_->busy(), kEngineTimeoutMs);
    QCOMPARE(merge_->lastScores().value(u"generation"_s).toString(), slerped.value(u"generation"_s).toString());
    QSignalSpy reset(merge_, &MergePanel::scoresUpdated);
    merge_->slider(0)->setValue(0);
    QVERIFY(reset.wait(kEngineTimeoutMs) || reset.count() > 0);
}

void TestMerge::mismatchedTaskIsReported()
{
    // A task made for another base: the check names the problem before loading.
    QSignalSpy failed(merge_, &MergePanel::failed);
    merge_->openMerge(tinyModel(), {tinyModel()});  // a whole model folder is fine...
    QSignalSpy opened(merge_, &MergePanel::mergeOpened);
    QVERIFY(opened.wait(kEngineTimeoutMs) || opened.count() > 0 || failed.count() > 0);
    QSignalSpy failed2(merge_, &MergePanel::failed);
    merge_->openMerge(tinyModel(), {tinyModel() + u"/../merge"_s});  // ...a folder of YAML files is not
    QVERIFY(failed2.wait(kEngineTimeoutMs) || failed2.count() > 0);
    QVERIFY(merge_->statusText().contains(u"Could not open"_s));
}

void TestMerge::cleanupTestCase() { window_.reset(); }

QTEST_MAIN(TestMerge)
#include "test_merge.moc"
