#include "merge_dock.h"

#include "merge_panel.h"
#include "scroll_box.h"
#include "sweep_panel.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace lancet::gui {

QDockWidget* installMergeDock(QMainWindow* window, lancet::app::EngineBridge* bridge)
{
    auto* dock = new QDockWidget(QObject::tr("Task vectors"), window);
    dock->setObjectName(u"mergeDock"_s);
    auto* tabs = new QTabWidget(dock);
    tabs->setObjectName(u"mergeTabs"_s);
    auto* merge = new MergePanel(bridge, tabs);
    auto* sweep = new SweepPanel(bridge, tabs);
    // Each tab scrolls rather than imposing its minimum size on the window: the
    // panels' plots want ~600 px of height, which a 768-px screen cannot add
    // to the edit form's.
    QScrollArea* mergePage = scrollable(merge, tabs);
    tabs->addTab(mergePage, QObject::tr("Merge"));
    tabs->addTab(scrollable(sweep, tabs), QObject::tr("Sweep"));
    dock->setWidget(tabs);
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    // Tabbed with the generations (also a "look at results" panel), not stacked
    // under the edit form: stacked, the right column's minimum heights added up
    // to more than a 1366×768 screen, the window grew past it and the scorecard
    // went off the bottom (issue 19).
    if (auto* generations = window->findChild<QDockWidget*>(u"generationDock"_s))
        window->tabifyDockWidget(generations, dock);
    dock->hide();

    QObject::connect(merge, &MergePanel::mergeOpened, sweep, &SweepPanel::setTasks);
    // A heat-map cell sets the two swept sliders (and so rescores there).
    QObject::connect(sweep, &SweepPanel::weightsChosen, merge, [merge, tabs, mergePage](int a, double wa, int b, double wb) {
        merge->setWeight(a, wa);
        merge->setWeight(b, wb);
        tabs->setCurrentWidget(mergePage);  // the tab's page is the scroll area, not the panel
    });

    // Before the Help menu, which stays last by convention.
    QMenuBar* bar = window->menuBar();
    const auto existing = bar->actions();
    auto* menu = new QMenu(QObject::tr("&Merge"), bar);
    menu->setObjectName(u"mergeMenu"_s);
    if (existing.isEmpty()) bar->addMenu(menu);
    else bar->insertMenu(existing.last(), menu);
    QAction* show = dock->toggleViewAction();
    // Shown from the menu, its tab comes to the front.
    QObject::connect(show, &QAction::triggered, dock, [dock](bool on) {
        if (on)
            dock->raise();
    });
    show->setText(QObject::tr("&Task vectors on sliders"));
    show->setShortcut(QKeySequence(QObject::tr("Ctrl+M")));
    show->setObjectName(u"actionMergeDock"_s);
    menu->addAction(show);
    return dock;
}

}  // namespace lancet::gui
