// Classroom display options (issue 19): presentation mode enlarges the text
// and the plots' fonts and lines, folds the docks away, fits a 1366×768
// projector, is remembered, and is undone exactly when turned off; the
// colour-blind-safe heat maps replace the paper's ramps on the maps on screen.
#include "gui_test_util.h"

#include "app_settings.h"
#include "plot_theme.h"
#include "presentation_mode.h"
#include "qcp.h"
#include "settings_dialog.h"
#include "trace_panel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QtTest>

using namespace lancet::gui;
using namespace lancet::gui::test;
using lancet::widgets::TraceHeatmap;

class TestPresentation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void presentationEnlargesAndRestores();
    void presentationFitsASmallProjector();
    void presentationIsRemembered();
    void colourBlindSafeHeatMaps();

public:
    static void initMain() { isolateEnvironment(); }

private:
    QCustomPlot* mapPlot() const { return w_->tracePanel()->heatmap(TraceHeatmap::Kind::Mlp)->plot(); }
    std::unique_ptr<MainWindow> w_;
};

void TestPresentation::initTestCase()
{
    QVERIFY(!AppSettings::load().presentation);
    w_ = std::make_unique<MainWindow>();
    w_->resize(1600, 1000);
    w_->show();
    QVERIFY(QTest::qWaitForWindowExposed(w_.get()));
    mapPlot()->replot();
}

void TestPresentation::presentationEnlargesAndRestores()
{
    const QFont appFont = QApplication::font();
    const double tick = mapPlot()->xAxis->tickLabelFont().pointSizeF();
    QDockWidget* edit = w_->dock(QStringLiteral("editDock"));
    QVERIFY(edit->isVisible());
    const int centralWidth = w_->centralWidget()->width();

    QAction* action = w_->presentationMode()->action();
    QVERIFY(action->isCheckable());
    QVERIFY(action->shortcuts().contains(QKeySequence(Qt::Key_F5)));
    QVERIFY(action->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)));
    action->trigger();
    QVERIFY(w_->presentationMode()->isEnabled());
    QCoreApplication::processEvents();  // the font change reaches the widgets as events
    QCOMPARE(QApplication::font().pointSizeF(), appFont.pointSizeF() * PresentationMode::kScale);
    QCOMPARE(w_->tracePanel()->font().pointSizeF(), appFont.pointSizeF() * PresentationMode::kScale);
    mapPlot()->replot();
    QCOMPARE(mapPlot()->xAxis->tickLabelFont().pointSizeF(), tick * PresentationMode::kScale);
    // The docks fold away and the centre takes the window.
    QVERIFY(!edit->isVisible());
    QTest::qWait(50);
    QVERIFY2(w_->centralWidget()->width() > centralWidth,
             qPrintable(QStringLiteral("%1 -> %2").arg(centralWidth).arg(w_->centralWidget()->width())));

    action->trigger();
    QVERIFY(!w_->presentationMode()->isEnabled());
    QCoreApplication::processEvents();
    QCOMPARE(w_->tracePanel()->font().pointSizeF(), appFont.pointSizeF());
    QCOMPARE(QApplication::font().pointSizeF(), appFont.pointSizeF());
    mapPlot()->replot();
    QCOMPARE(mapPlot()->xAxis->tickLabelFont().pointSizeF(), tick);
    QVERIFY(edit->isVisible());
    // Twice on and off: nothing compounds.
    for (int i = 0; i < 2; ++i) {
        w_->presentationMode()->setEnabled(true);
        mapPlot()->replot();
        w_->presentationMode()->setEnabled(false);
        mapPlot()->replot();
    }
    QCOMPARE(mapPlot()->xAxis->tickLabelFont().pointSizeF(), tick);
    QCOMPARE(QApplication::font().pointSizeF(), appFont.pointSizeF());
}

void TestPresentation::presentationFitsASmallProjector()
{
    const QSize screen(1366, 768);
    w_->setCompactDocks(true);
    w_->resize(screen);
    w_->presentationMode()->setEnabled(true);
    QTest::qWait(50);
    const QSize min = w_->minimumSizeHint().expandedTo(w_->minimumSize());
    QVERIFY2(min.width() <= screen.width() && min.height() <= screen.height(),
             qPrintable(QStringLiteral("%1x%2").arg(min.width()).arg(min.height())));
    QCOMPARE(w_->size(), screen);
    w_->presentationMode()->setEnabled(false);
}

void TestPresentation::presentationIsRemembered()
{
    w_->presentationMode()->action()->trigger();  // as the user switches it
    QVERIFY(AppSettings::load().presentation);
    {
        MainWindow next;  // the next start
        QVERIFY(next.presentationMode()->isEnabled());
        QVERIFY(next.presentationMode()->action()->isChecked());
        next.presentationMode()->action()->trigger();
    }
    QVERIFY(!AppSettings::load().presentation);
    w_->presentationMode()->setEnabled(false);
}

void TestPresentation::colourBlindSafeHeatMaps()
{
    auto lightEnd = [this] {
        return QColor(w_->tracePanel()->heatmap(TraceHeatmap::Kind::Mlp)->colorMap()->gradient().color(0.0, QCPRange(0, 1)));
    };
    QCOMPARE(lightEnd(), QColor(0xf7fcf5));  // ColorBrewer Greens, as in the paper
    // Settings ▸ Heat maps: the maps on screen change at once, and it is kept.
    SettingsDialog dialog(w_->settings());
    QCOMPARE(dialog.heatMapCombo()->currentIndex(), 0);
    dialog.heatMapCombo()->setCurrentIndex(1);
    w_->setSettings(dialog.settings());
    QVERIFY(AppSettings::load().accessibleHeatMaps);
    QCOMPARE(lightEnd(), QColor(0xfee838));  // cividis' light end
    const QColor dark = w_->tracePanel()->heatmap(TraceHeatmap::Kind::Mlp)->colorMap()->gradient().color(1.0, QCPRange(0, 1));
    QVERIFY(dark.lightness() < lightEnd().lightness());  // light = no effect, dark = the fact's site
    AppSettings s = w_->settings();
    s.accessibleHeatMaps = false;
    w_->setSettings(s);
    QCOMPARE(lightEnd(), QColor(0xf7fcf5));
}

QTEST_MAIN(TestPresentation)
#include "test_presentation.moc"
