// The screenshot script's classroom shots: the lecture tour run step by step
// (LANCET_SCREENSHOT_TOUR=1), and presentation mode with both heat-map
// schemes (LANCET_SCREENSHOT_PRESENTATION=1). The tour drives the window
// itself; the script only clicks its button and saves what each step shows.
#include "demo_script.h"

#include "lecture_tour.h"
#include "main_window.h"
#include "plot_theme.h"
#include "presentation_mode.h"
#include "sequential_dialog.h"
#include "ttt_dialog.h"

#include <QApplication>
#include <QEventLoop>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace lancet::gui {

namespace {
// A font change relays out the toolbar and the docks over several passes of
// the event loop: one processEvents() grabbed elided toolbar buttons.
void settle()
{
    QEventLoop loop;
    QTimer::singleShot(300, &loop, &QEventLoop::quit);
    loop.exec();
}
}  // namespace

void DemoScript::tourShots()
{
    LectureTour* tour = window_->showTour();
    QApplication::processEvents();
    grab(window_, u"tour-00-start"_s);
    connect(tour, &LectureTour::stepFinished, this, [this, tour](int index, bool ok) {
        step(u"tour step %1 %2: %3"_s.arg(index + 1).arg(ok ? u"done"_s : u"FAILED"_s, tour->resultText()));
        if (!ok)
            exitCode_ = 1;
        QTimer::singleShot(800, this, [this, tour, index] {
            const QString name = u"tour-%1"_s.arg(index + 1, 2, 10, QChar(u'0'));
            grab(window_, name);
            // The dialogs the last steps open are windows of their own.
            if (tour->step() == LectureTour::Step::Sequential)
                if (SequentialDialog* d = window_->showSequentialEdits()) {
                    grab(d, name + u"-dialog"_s);
                    d->close();
                }
            if (tour->step() == LectureTour::Step::TestTimeTraining)
                if (TttDialog* d = window_->showTtt()) {
                    grab(d, name + u"-dialog"_s);
                    d->close();
                }
            tour->advance();  // Next
            QApplication::processEvents();
            if (tour->step() == LectureTour::Step::End) {
                grab(window_, u"tour-end"_s);
                tour->advance();  // Finish
                exitNow();
                return;
            }
            tour->advance();  // Run this step
        });
    });
    tour->advance();
}

void DemoScript::presentationShots()
{
    PresentationMode* mode = window_->presentationMode();
    mode->setEnabled(true);
    settle();
    grab(window_, u"presentation"_s);
    auto* theme = widgets::PlotTheme::instance();
    const widgets::HeatScheme before = theme->heatScheme();
    theme->setHeatScheme(widgets::HeatScheme::Accessible);
    settle();
    grab(window_, u"presentation-accessible"_s);
    theme->setHeatScheme(before);
    mode->setEnabled(false);
    QApplication::processEvents();
}

}  // namespace lancet::gui
