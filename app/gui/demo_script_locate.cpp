// The screenshot tour's patching and logit-lens shots (LANCET_SCREENSHOT_PATCHING=1):
// the layouts of the trace area's other tabs, filled, at the script's window size:
// exact patching; attribution patching with its top cells checked exactly; the
// logit lens; then the traced edit applied on the lens tab, which reads the lens
// before and after it (edited and base tables), and the lens in the
// colour-blind-safe scheme.
#include "demo_script.h"

#include "lens_panel.h"
#include "locate_tabs.h"
#include "main_window.h"
#include "patch_check_view.h"
#include "patching_panel.h"
#include "plot_theme.h"
#include "trace_panel.h"

#include <QApplication>
#include <QComboBox>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace lancet::gui {

void DemoScript::locateShots()
{
    step(u"patching the Space Needle against the Louvre Museum"_s);
    PatchingPanel* patching = window_->patchingPanel();
    window_->locateTabs()->setCurrentWidget(patching);
    connect(patching, &PatchingPanel::patchingFinished, this, [this, patching](bool ok) {
        if (!ok)
            step(u"patching did not finish"_s);
        QTimer::singleShot(600, this, [this, patching] {
            grab(window_, u"workbench-patching"_s);
            grab(patching, u"patching"_s);
            attributionShots();
        });
    }, Qt::SingleShotConnection);
    if (!patching->run()) {
        step(u"patching did not start"_s);
        finish();
    }
}

void DemoScript::attributionShots()
{
    step(u"estimating every cell by attribution patching, then checking the top 20 exactly"_s);
    PatchingPanel* patching = window_->patchingPanel();
    patching->methodCombo()->setCurrentIndex(patching->methodCombo()->findData(u"attribution"_s));
    connect(patching, &PatchingPanel::patchingFinished, this, [this, patching](bool ok) {
        PatchCheckView* check = patching->checkView();
        if (!ok || !check->hasEstimate()) {
            step(u"attribution patching did not finish"_s);
            lensShots();
            return;
        }
        connect(check, &PatchCheckView::checkFinished, this, [this, patching](bool) {
            QTimer::singleShot(600, this, [this, patching] {
                grab(window_, u"workbench-patching-check"_s);
                grab(patching, u"patching-check"_s);
                patching->methodCombo()->setCurrentIndex(patching->methodCombo()->findData(u"exact"_s));
                lensShots();
            });
        }, Qt::SingleShotConnection);
        if (!check->run())
            lensShots();
    }, Qt::SingleShotConnection);
    if (!patching->run())
        lensShots();
}

void DemoScript::lensShots()
{
    step(u"reading the layers through the logit lens"_s);
    LensPanel* lens = window_->lensPanel();
    window_->locateTabs()->setCurrentWidget(lens);
    connect(lens, &LensPanel::lensFinished, this, [this, lens](bool) {
        QTimer::singleShot(600, this, [this, lens] {
            grab(window_, u"workbench-lens"_s);
            grab(lens, u"lens"_s);
            // The traced edit, applied with the lens on show: it reads the lens before and after.
            step(u"applying the edit on the lens tab"_s);
            connect(lens, &LensPanel::lensFinished, this, [this, lens](bool ok) {
                if (!ok)
                    step(u"the lens before and after the edit did not finish"_s);
                QTimer::singleShot(600, this, [this, lens] {
                    grab(window_, u"workbench-lens-before-after"_s);
                    grab(lens, u"lens-before-after"_s);
                    lens->showState(LensPanel::State::Before);
                    QApplication::processEvents();
                    grab(lens, u"lens-before-after-base"_s);
                    lens->showState(LensPanel::State::After);
                    widgets::PlotTheme::instance()->setHeatScheme(widgets::HeatScheme::Accessible);
                    QApplication::processEvents();
                    grab(lens, u"lens-before-after-accessible"_s);
                    widgets::PlotTheme::instance()->setHeatScheme(widgets::HeatScheme::Paper);
                    window_->locateTabs()->setCurrentWidget(window_->tracePanel());
                    finish();
                });
            }, Qt::SingleShotConnection);
            if (!window_->applyEdit()) {
                step(u"the edit did not start"_s);
                window_->locateTabs()->setCurrentWidget(window_->tracePanel());
                finish();
            }
        });
    }, Qt::SingleShotConnection);
    if (!lens->run())
        finish();
}

}  // namespace lancet::gui
