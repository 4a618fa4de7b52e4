// The screenshot tour's patching and logit-lens shots (LANCET_SCREENSHOT_PATCHING=1):
// the layouts of the trace area's other tabs, filled, at the script's window size.
#include "demo_script.h"

#include "lens_panel.h"
#include "locate_tabs.h"
#include "main_window.h"
#include "patching_panel.h"
#include "trace_panel.h"

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
            step(u"reading the layers through the logit lens"_s);
            LensPanel* lens = window_->lensPanel();
            window_->locateTabs()->setCurrentWidget(lens);
            connect(lens, &LensPanel::lensFinished, this, [this, lens](bool) {
                QTimer::singleShot(600, this, [this, lens] {
                    grab(window_, u"workbench-lens"_s);
                    grab(lens, u"lens"_s);
                    window_->locateTabs()->setCurrentWidget(window_->tracePanel());
                    finish();
                });
            }, Qt::SingleShotConnection);
            if (!lens->run())
                finish();
        });
    }, Qt::SingleShotConnection);
    if (!patching->run()) {
        step(u"patching did not start"_s);
        finish();
    }
}

}  // namespace lancet::gui
