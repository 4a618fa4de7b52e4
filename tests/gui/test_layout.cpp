// The workbench's layout at the sizes a classroom meets (issue 19): a
// 1366×768 laptop, 1600×1000 and 1920×1080, with the demo model traced and
// edited and the merge dock open. At each size the window keeps the size it
// was given (no minimum pushes it past the screen: at 1366×768 it was 846 px
// tall), the scorecard is on screen with a sideways scroll bar when its panels
// need more width, the heat maps are wide and tall enough for every token's
// label, their titles fit, and the next-token chart stays inside 100 %. The
// merge dock's tabs, with the demo's task vectors open, fit the dock's width:
// every control lies inside its parent and the page never scrolls sideways
// (at 1366 wide its sliders ran past the dock's edge).
#include "gui_test_util.h"

#include "edit_panel.h"
#include "merge_panel.h"
#include "prompt_panel.h"
#include "qcp.h"
#include "scorecard_panel.h"
#include "scorecard_view.h"
#include "topk_bar_chart.h"
#include "trace_panel.h"

#include <QAction>
#include <QDockWidget>
#include <QFontMetrics>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QtTest>

using namespace lancet::gui;
using namespace lancet::gui::test;
using lancet::widgets::TraceHeatmap;

namespace {
QString demoModel() { return QStringLiteral(LANCET_DEMO_MODEL); }

// `inner` lies inside `outer`'s rectangle (both on screen, in global coordinates).
bool inside(const QWidget* inner, const QWidget* outer)
{
    const QRect o(outer->mapToGlobal(QPoint(0, 0)), outer->size());
    const QRect i(inner->mapToGlobal(QPoint(0, 0)), inner->size());
    return o.contains(i);
}

QString rectText(const QWidget* w)
{
    const QPoint p = w->mapTo(w->window(), QPoint(0, 0));
    return QStringLiteral("%1 %2x%3 at %4,%5").arg(w->objectName()).arg(w->width()).arg(w->height()).arg(p.x()).arg(p.y());
}

QString describe(const QWidget* w)
{
    return QString::fromLatin1(w->metaObject()->className()) + u' ' + rectText(w) + QStringLiteral(" in ") +
           (w->parentWidget() ? rectText(w->parentWidget()) : QStringLiteral("nothing"));
}

// A tab page of the merge dock (a scroll area around a panel) fits the dock's
// width: the panel is no wider than the page's viewport, so nothing scrolls
// sideways out of sight, and every widget shown in it lies inside its parent's
// rectangle. What scrolls on purpose (the merge scorecard's own strip) is
// checked as a strip, not by its contents.
void checkPageFits(QScrollArea* page, const QWidget* skipInside)
{
    QWidget* panel = page->widget();
    QVERIFY(panel);
    QVERIFY2(panel->width() <= page->viewport()->width(),
             qPrintable(QStringLiteral("%1 is %2 px wide in a %3-px page (minimum %4)")
                            .arg(panel->objectName())
                            .arg(panel->width())
                            .arg(page->viewport()->width())
                            .arg(panel->minimumSizeHint().width())));
    QVERIFY(!page->horizontalScrollBar()->isVisible());
    const auto children = panel->findChildren<QWidget*>();
    for (const QWidget* w : children) {
        if (!w->isVisibleTo(panel) || w->isWindow())
            continue;
        if (skipInside && skipInside->isAncestorOf(w))
            continue;
        const QRect parentRect = w->parentWidget()->rect();
        QVERIFY2(parentRect.contains(w->geometry()), qPrintable(describe(w)));
    }
}
}  // namespace

class TestLayout : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mapsHaveColourScalesBeforeATrace();
    void traceAndEdit();
    void fitsEachScreen_data();
    void fitsEachScreen();

public:
    static void initMain() { isolateEnvironment(); }

private:
    std::unique_ptr<MainWindow> w_;
};

void TestLayout::initTestCase()
{
    w_ = std::make_unique<MainWindow>();
    w_->setCompactDocks(true);
    w_->resize(1366, 768);
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
    QSignalSpy loaded(w_.get(), &MainWindow::modelLoaded);
    QVERIFY(w_->openModel(demoModel()));
    QVERIFY(loaded.wait(kEngineTimeoutMs) || loaded.count() > 0);
}

void TestLayout::mapsHaveColourScalesBeforeATrace()
{
    QTest::qWait(50);
    for (auto kind : {TraceHeatmap::Kind::Hidden, TraceHeatmap::Kind::Mlp, TraceHeatmap::Kind::Attention}) {
        TraceHeatmap* map = w_->tracePanel()->heatmap(kind);
        map->plot()->replot();
        // The scale keeps its width beside an empty map, and names what it will measure.
        QVERIFY2(map->colorScale()->outerRect().width() >= 30, qPrintable(rectText(map)));
        QVERIFY(map->colorScale()->visible());
        QCOMPARE(map->colorScale()->axis()->label(), QStringLiteral("p(answer)"));
    }
}

void TestLayout::traceAndEdit()
{
    w_->promptPanel()->setPrompt(kPrompt);
    QSignalSpy traced(w_.get(), &MainWindow::traceDone);
    QVERIFY(w_->trace() != 0);
    QVERIFY(traced.wait(kEngineTimeoutMs) || !traced.isEmpty());
    EditPanel* e = w_->editPanel();
    e->targetEdit()->setText(QStringLiteral("Taipei"));
    QSignalSpy edited(w_.get(), &MainWindow::editDone);
    QVERIFY(w_->applyEdit());
    QVERIFY(edited.wait(kEngineTimeoutMs) || !edited.isEmpty());
    QVERIFY2(edited.first().at(0).toBool(), qPrintable(problemsText(w_->problemsDock())));
    QVERIFY(w_->scorecardPanel()->view()->metricCount() >= 8);
    // The prompt bar now compares the edited model with the base model.
    QSignalSpy shown(w_->promptPanel(), &PromptPanel::predictionShown);
    QVERIFY(shown.wait(kEngineTimeoutMs) || !shown.isEmpty() || w_->promptPanel()->chart()->hasComparison());
    // Merge ▸ Task vectors.
    QDockWidget* merge = w_->dock(QStringLiteral("mergeDock"));
    QVERIFY(merge);
    merge->toggleViewAction()->trigger();
    QVERIFY(merge->isVisible());
    // The demo model's task vectors on sliders, as a lecture opens them.
    auto* panel = merge->findChild<MergePanel*>();
    QVERIFY(panel);
    QSignalSpy opened(panel, &MergePanel::mergeOpened);
    panel->openMerge(demoModel());
    QVERIFY(opened.wait(kEngineTimeoutMs) || !opened.isEmpty());
    QVERIFY(panel->taskNames().size() >= 2);
}

void TestLayout::fitsEachScreen_data()
{
    QTest::addColumn<QSize>("screen");
    QTest::newRow("1366x768") << QSize(1366, 768);
    QTest::newRow("1600x1000") << QSize(1600, 1000);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestLayout::fitsEachScreen()
{
    QFETCH(QSize, screen);
    w_->setCompactDocks(MainWindow::wantsCompactDocks(screen));
    QCOMPARE(w_->compactDocks(), screen.width() < 1500);
    w_->resize(screen);
    QTest::qWait(200);
    QCoreApplication::processEvents();

    // The window keeps the screen's size, with the merge dock open: no minimum forces it larger.
    QDockWidget* merge = w_->dock(QStringLiteral("mergeDock"));
    QVERIFY(merge->isVisible());
    const QSize min = w_->minimumSizeHint();
    QVERIFY2(min.height() <= screen.height() && min.width() <= screen.width(),
             qPrintable(QStringLiteral("minimum %1x%2").arg(min.width()).arg(min.height())));
    QCOMPARE(w_->size(), screen);
    QVERIFY(w_->frameGeometry().height() <= screen.height() + 40);  // offscreen: no real frame to speak of
    QVERIFY2(inside(merge, w_.get()),
             qPrintable(rectText(merge) + QStringLiteral(" floating %1 area %2 window %3 parent %4")
                                              .arg(merge->isFloating())
                                              .arg(int(w_->dockWidgetArea(merge)))
                                              .arg(merge->window()->objectName())
                                              .arg(merge->parentWidget() ? QString::fromLatin1(merge->parentWidget()->metaObject()->className()) : QStringLiteral("none"))));

    // The merge dock's pages: the sliders, buttons and fields inside the dock's width.
    merge->raise();
    auto* tabs = merge->findChild<QTabWidget*>(QStringLiteral("mergeTabs"));
    QVERIFY(tabs);
    auto* mergePanel = merge->findChild<MergePanel*>();
    for (int page = 0; page < tabs->count(); ++page) {
        tabs->setCurrentIndex(page);
        QTest::qWait(50);
        QCoreApplication::processEvents();
        auto* area = qobject_cast<QScrollArea*>(tabs->currentWidget());
        QVERIFY(area);
        checkPageFits(area, mergePanel->scorecardScroll()->viewport());
        if (QTest::currentTestFailed())
            return;
    }
    tabs->setCurrentIndex(0);
    QCoreApplication::processEvents();
    for (int task = 0; task < mergePanel->taskNames().size(); ++task) {
        QSlider* slider = mergePanel->slider(task);
        QVERIFY(slider->isVisible());
        QVERIFY2(slider->width() >= 60, qPrintable(describe(slider)));  // still a slider to drag
    }
    // The scorecard strip scrolls sideways when its panels need more than the dock.
    QScrollArea* scoreStrip = mergePanel->scorecardScroll();
    QVERIFY(scoreStrip->height() >= mergePanel->scorecard()->minimumSizeHint().height());
    if (mergePanel->scorecard()->minimumSizeHint().width() > scoreStrip->viewport()->width())
        QVERIFY(scoreStrip->horizontalScrollBar()->isVisible());

    // The docks' tabs show whole titles (at 1366 wide five tabs read "Generations: b…", "M…", "Pr…"),
    // scrolling with arrows where the column is too narrow for all of them.
    int dockTabBars = 0;
    for (QTabBar* bar : w_->findChildren<QTabBar*>(Qt::FindDirectChildrenOnly)) {
        if (!bar->isVisible())
            continue;
        ++dockTabBars;
        // A tab as wide as its text and the style's padding: a squeezed one is elided.
        const int padding = bar->style()->pixelMetric(QStyle::PM_TabBarTabHSpace, nullptr, bar);
        for (int i = 0; i < bar->count(); ++i)
            QVERIFY2(bar->tabRect(i).width() >= bar->fontMetrics().horizontalAdvance(bar->tabText(i)) + padding,
                     qPrintable(QStringLiteral("tab \"%1\" is %2 px wide").arg(bar->tabText(i)).arg(bar->tabRect(i).width())));
    }
    QVERIFY(dockTabBars > 0);

    // The scorecard: on screen, never cut vertically, scrolling sideways when its panels need it.
    QDockWidget* score = w_->dock(QStringLiteral("scorecardDock"));
    QVERIFY(score->isVisible());
    QVERIFY2(inside(score, w_.get()), qPrintable(rectText(score)));
    ScorecardPanel* panel = w_->scorecardPanel();
    QScrollArea* strip = panel->viewScroll();
    QVERIFY2(strip->viewport()->height() >= panel->view()->minimumSizeHint().height(),
             qPrintable(QStringLiteral("viewport %1 < view %2")
                            .arg(strip->viewport()->height())
                            .arg(panel->view()->minimumSizeHint().height())));
    if (panel->view()->minimumWidth() > strip->viewport()->width()) {
        QVERIFY(strip->horizontalScrollBar()->isVisible());
        QVERIFY(inside(strip->horizontalScrollBar(), w_.get()));
    }

    // The heat maps: wide enough to read (at 1366 they were ~150 px), a line per token label.
    TracePanel* trace = w_->tracePanel();
    for (auto kind : {TraceHeatmap::Kind::Hidden, TraceHeatmap::Kind::Mlp, TraceHeatmap::Kind::Attention}) {
        TraceHeatmap* map = trace->heatmap(kind);
        map->plot()->replot();
        QCoreApplication::processEvents();
        QVERIFY2(map->width() >= 240, qPrintable(rectText(map)));
        QVERIFY2(map->plot()->axisRect()->width() >= 100, qPrintable(rectText(map)));
        const QFontMetrics ticks(map->plot()->yAxis->tickLabelFont());
        const double rowPx = double(map->plot()->axisRect()->height()) / map->tokenCount();
        QVERIFY2(rowPx >= ticks.height() - 1,
                 qPrintable(QStringLiteral("%1: %2 px a row for %3-px labels").arg(rectText(map)).arg(rowPx).arg(ticks.height())));
        QVERIFY(map->colorScale()->outerRect().width() >= 30);
        // Every line of the title fits the map's column ("estoring MLP outputs (window 8").
        auto* title = qobject_cast<QCPTextElement*>(map->plot()->plotLayout()->element(0, 0));
        QVERIFY(title);
        const QFontMetrics tf(title->font());
        for (const QString& line : map->titleText().split(u'\n'))
            QVERIFY2(tf.horizontalAdvance(line) <= title->outerRect().width(),
                     qPrintable(line + QStringLiteral(" in %1 px").arg(title->outerRect().width())));
        const QFontMetrics lf(map->plot()->xAxis->labelFont());
        for (const QString& line : map->xAxisLabel().split(u'\n'))
            QVERIFY2(lf.horizontalAdvance(line) <= map->plot()->axisRect()->outerRect().width() + 60,
                     qPrintable(line));
    }
    QVERIFY(trace->heatmap(TraceHeatmap::Kind::Mlp)->titleText().contains(QLatin1String("window 3")) ||
            trace->heatmap(TraceHeatmap::Kind::Mlp)->titleText().contains(QLatin1String("(window")));

    // The next-token chart: inside 100 %, one label per row, none cut off or overprinted.
    lancet::widgets::TopKBarChart* chart = w_->promptPanel()->chart();
    chart->plot()->replot();
    QVERIFY(chart->plot()->xAxis->range().upper <= 1.0);
    const QRect plotArea = chart->plot()->axisRect()->rect();
    const int rows = int(chart->rowTokens().size());
    QVERIFY(rows > 0);
    for (int r = 0; r < rows; ++r) {
        const QRectF label = chart->rowLabelRect(r);
        QVERIFY2(label.right() <= plotArea.right() + 1, qPrintable(chart->rowLabel(r)));
        for (int o = r + 1; o < rows; ++o)
            QVERIFY2(!label.intersects(chart->rowLabelRect(o)),
                     qPrintable(QStringLiteral("%1 [%2,%3 %4x%5] / %6 [%7,%8 %9x%10]")
                                    .arg(chart->rowLabel(r))
                                    .arg(label.x())
                                    .arg(label.y())
                                    .arg(label.width())
                                    .arg(label.height())
                                    .arg(chart->rowLabel(o))
                                    .arg(chart->rowLabelRect(o).x())
                                    .arg(chart->rowLabelRect(o).y())
                                    .arg(chart->rowLabelRect(o).width())
                                    .arg(chart->rowLabelRect(o).height())));
    }

    // The edit form's Apply button and Teach line can be reached (the dock scrolls, never overflows).
    QDockWidget* edit = w_->dock(QStringLiteral("editDock"));
    QVERIFY(edit->isVisible());
    QVERIFY2(inside(edit, w_.get()), qPrintable(rectText(edit)));
    QVERIFY2(edit->height() >= 200, qPrintable(rectText(edit)));
}

QTEST_MAIN(TestLayout)
#include "test_layout.moc"
