// Settings ▸ Heat maps reaches every heat map: the logit lens table and the
// merge sweep map take their colours from PlotTheme's scheme, as the trace maps
// do, and recolour when it changes — the paper's ColorBrewer ramps or the
// colour-blind-safe cividis (lens) and viridis (sweep). And the dark colour
// scheme reaches the plots: a dark ground and light text on screen, hues and
// data colours kept, files always light.
#include "lens_grid.h"
#include "plot_style.h"
#include "plot_theme.h"
#include "qcp.h"
#include "sweep_heatmap.h"
#include "topk_bar_chart.h"
#include "widget_test_util.h"

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdlib>

using lancet::widgets::HeatScheme;
using lancet::widgets::LensCellView;
using lancet::widgets::LensGrid;
using lancet::widgets::PlotTheme;
using lancet::widgets::SweepHeatmap;

namespace {

// Close enough to a ramp stop (interpolation rounds through floats).
bool near(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) <= 1 && std::abs(a.green() - b.green()) <= 1 && std::abs(a.blue() - b.blue()) <= 1;
}

}  // namespace

class TestHeatSchemes : public QObject {
    Q_OBJECT

public:
    static void initMain() { lancet::widgets::test::isolateEnvironment(); }

private Q_SLOTS:
    void cleanup()
    {
        PlotTheme::instance()->setHeatScheme(HeatScheme::Paper);
        PlotTheme::instance()->setDark(false);
    }
    void rampColorInterpolatesAndClamps();
    void lensGridFollowsTheScheme();
    void sweepHeatmapFollowsTheScheme();
    void darkSchemeTintsNeutralsKeepsHuesAndExportsLight();
};

void TestHeatSchemes::rampColorInterpolatesAndClamps()
{
    using lancet::widgets::rampColor;
    const QVector<QColor> ramp{QColor(0, 0, 0), QColor(200, 100, 50)};
    QVERIFY(near(rampColor(ramp, 0.0), ramp[0]));
    QVERIFY(near(rampColor(ramp, 1.0), ramp[1]));
    QVERIFY(near(rampColor(ramp, 0.5), QColor(100, 50, 25)));
    QVERIFY(near(rampColor(ramp, -3.0), ramp[0]));
    QVERIFY(near(rampColor(ramp, 7.0), ramp[1]));
    // Every map has its own nine stops in each scheme, and the schemes differ.
    for (int map = 0; map <= lancet::widgets::SweepMap; ++map) {
        const auto paper = lancet::widgets::heatRamp(HeatScheme::Paper, map);
        const auto safe = lancet::widgets::heatRamp(HeatScheme::Accessible, map);
        QCOMPARE(paper.size(), 9);
        QCOMPARE(safe.size(), 9);
        QVERIFY(paper.last() != safe.last());
        // Light means "nothing", dark "strongest", in both.
        QVERIFY(paper.first().lightness() > paper.last().lightness());
        QVERIFY(safe.first().lightness() > safe.last().lightness());
    }
}

void TestHeatSchemes::lensGridFollowsTheScheme()
{
    LensGrid grid;
    LensCellView weak, strong;
    weak.topTokens = {QStringLiteral(" the")};
    weak.topProbs = {0.1};
    weak.answerProb = 0.0;
    weak.answerRank = 9;
    strong.topTokens = {QStringLiteral(" Paris")};
    strong.topProbs = {0.95};
    strong.answerProb = 1.0;
    strong.answerRank = 0;
    grid.setLens({QStringLiteral("Eiffel"), QStringLiteral(" in")}, QStringLiteral(" Paris"), {{weak, strong}});
    const auto paper = lancet::widgets::heatRamp(HeatScheme::Paper, lancet::widgets::LensMap);
    const auto safe = lancet::widgets::heatRamp(HeatScheme::Accessible, lancet::widgets::LensMap);
    QVERIFY(near(grid.item(0, 0)->background().color(), paper.first()));
    QVERIFY(near(grid.item(0, 1)->background().color(), paper.last()));
    const QColor before = grid.item(0, 1)->background().color();

    PlotTheme::instance()->setHeatScheme(HeatScheme::Accessible);  // what Settings ▸ Heat maps does
    QVERIFY(near(grid.item(0, 0)->background().color(), safe.first()));
    QVERIFY(near(grid.item(0, 1)->background().color(), safe.last()));
    QVERIFY(grid.item(0, 1)->background().color() != before);
    // The text stays legible on either end: white on the dark cell, dark on the light one.
    QCOMPARE(grid.item(0, 1)->foreground().color(), QColor(Qt::white));
    QVERIFY(grid.item(0, 0)->foreground().color().lightness() < 100);
    // The content is untouched by a recolour.
    QCOMPARE(grid.topToken(0, 1), QStringLiteral(" Paris"));
    QVERIFY(grid.item(0, 1)->font().bold());

    PlotTheme::instance()->setHeatScheme(HeatScheme::Paper);
    QVERIFY(near(grid.item(0, 1)->background().color(), paper.last()));
}

void TestHeatSchemes::sweepHeatmapFollowsTheScheme()
{
    SweepHeatmap map;
    map.resize(420, 360);
    map.setup(QStringLiteral("math"), {0.0, 1.0}, QStringLiteral("code"), {0.0, 1.0}, QStringLiteral("accuracy"));
    map.setRange(0.0, 1.0);
    map.setCell(0, 0, 0.0);
    map.setCell(1, 1, 1.0);
    const auto paper = lancet::widgets::heatRamp(HeatScheme::Paper, lancet::widgets::SweepMap);
    const auto safe = lancet::widgets::heatRamp(HeatScheme::Accessible, lancet::widgets::SweepMap);
    QVERIFY(near(map.cellColour(0, 0), paper.first()));
    QVERIFY(near(map.cellColour(1, 1), paper.last()));
    QCOMPARE(map.cellColour(0, 1), QColor(200, 200, 200));  // not computed: grey in any scheme

    QSignalSpy repaint(lancet::widgets::PlotTheme::instance(), &PlotTheme::changed);
    PlotTheme::instance()->setHeatScheme(HeatScheme::Accessible);
    QCOMPARE(repaint.count(), 1);
    QVERIFY(near(map.cellColour(0, 0), safe.first()));
    QVERIFY(near(map.cellColour(1, 1), safe.last()));
    QVERIFY(map.cellColour(1, 1) != paper.last());
    QCOMPARE(map.cellColour(0, 1), QColor(200, 200, 200));
    lancet::widgets::test::maybeShoot(&map, QStringLiteral("sweep-accessible"));
}

void TestHeatSchemes::darkSchemeTintsNeutralsKeepsHuesAndExportsLight()
{
    using lancet::widgets::TopKBarChart;
    const QStringList tokens{QStringLiteral(" Paris"), QStringLiteral(" Rome"), QStringLiteral(" Seattle")};
    TopKBarChart chart;
    chart.resize(640, 360);
    chart.setDistribution(tokens, {0.97, 0.02, 0.01}, QStringLiteral("edited"));
    QCustomPlot* plot = chart.plot();
    plot->replot();
    const QColor lightTicks = plot->xAxis->tickLabelColor();
    const QBrush barBrush = chart.bars()->brush();
    QVERIFY(lightTicks.lightness() < 80);  // dark text on white
    auto corner = [&] { return plot->toPixmap(200, 100).toImage().pixelColor(2, 2); };
    QCOMPARE(corner(), QColor(Qt::white));

    PlotTheme::instance()->setDark(true);
    // The comparison (and its legend entries) arrives while the scheme is dark.
    chart.setComparison(tokens, {0.01, 0.02, 0.97}, QStringLiteral("base model"));
    plot->replot();
    QVERIFY(corner().lightness() < 60);
    QVERIFY(plot->xAxis->tickLabelColor().lightness() > 180);
    QVERIFY(plot->xAxis->basePen().color().lightness() > 150);
    QVERIFY(plot->legend->itemCount() > 0);
    for (int i = 0; i < plot->legend->itemCount(); ++i)
        QVERIFY2(plot->legend->item(i)->textColor().lightness() > 180, "legend entries made while dark are light");
    QCOMPARE(chart.bars()->brush(), barBrush);  // data colours stay
    const QColor gain(0x00, 0x9e, 0x73);
    QCOMPARE(lancet::widgets::darkGroundColor(gain), gain);  // a hue carries meaning: kept

    // A file is the light version; the screen stays dark.
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("chart.png"));
    QVERIFY(lancet::widgets::exportPlot(plot, png, QSize(320, 200)));
    QCOMPARE(QImage(png).pixelColor(2, 2), QColor(Qt::white));
    QVERIFY(plot->xAxis->tickLabelColor().lightness() > 180);

    // Back and forth: the light colours come back exactly, no drift.
    for (int i = 0; i < 3; ++i) {
        PlotTheme::instance()->setDark(false);
        plot->replot();
        QCOMPARE(plot->xAxis->tickLabelColor(), lightTicks);
        PlotTheme::instance()->setDark(true);
        plot->replot();
    }
    QVERIFY(plot->xAxis->tickLabelColor().lightness() > 180);
    lancet::widgets::test::maybeShoot(&chart, QStringLiteral("topk-dark"));
}

QTEST_MAIN(TestHeatSchemes)
#include "test_heat_schemes.moc"
