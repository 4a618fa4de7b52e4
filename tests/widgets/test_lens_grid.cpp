// LensGrid: a layer × position table of top tokens, shaded by the answer's
// probability or the top token's, with the top-k in each cell's tooltip; and
// TraceHeatmap's relabelling for grids other than the causal trace's.
#include "lens_grid.h"
#include "qcp.h"
#include "token_text.h"
#include "trace_heatmap.h"
#include "widget_test_util.h"

#include <QHeaderView>
#include <QTest>

#include <cmath>

using lancet::widgets::LensCellView;
using lancet::widgets::LensGrid;
using lancet::widgets::TraceHeatmap;

class TestLensGrid : public QObject {
    Q_OBJECT

public:
    static void initMain() { lancet::widgets::test::isolateEnvironment(); }

private Q_SLOTS:
    void cellsShowTopTokensAndShade();
    void emptyGridIsSafe();
    void heatmapTakesOtherLabels();

private:
    static LensCellView cell(const QString& top, double topP, double answerP, int rank)
    {
        LensCellView c;
        c.topTokens = {top, QStringLiteral(" other")};
        c.topProbs = {topP, 0.01};
        c.answerProb = answerP;
        c.answerRank = rank;
        return c;
    }
};

void TestLensGrid::cellsShowTopTokensAndShade()
{
    LensGrid grid;
    // Two layers, three positions: the answer " Paris" leads only at the last layer's last position.
    const QVector<QVector<LensCellView>> cells{
        {cell(QStringLiteral(" the"), 0.2, 0.001, 40), cell(QStringLiteral(" of"), 0.3, 0.002, 12),
         cell(QStringLiteral(" city"), 0.4, 0.05, 3)},
        {cell(QStringLiteral(" the"), 0.5, 0.003, 20), cell(QStringLiteral(" of"), 0.6, 0.01, 5),
         cell(QStringLiteral(" Paris"), 0.9, 0.9, 0)}};
    grid.setLens({QStringLiteral("Eiffel"), QStringLiteral(" is"), QStringLiteral(" in")}, QStringLiteral(" Paris"), cells);
    QCOMPARE(grid.layerCount(), 2);
    QCOMPARE(grid.positionCount(), 3);
    QCOMPARE(grid.rowCount(), 2);
    QCOMPARE(grid.columnCount(), 3);
    QCOMPARE(grid.topToken(1, 2), QStringLiteral(" Paris"));
    QCOMPARE(grid.item(1, 2)->text(), QStringLiteral("␣Paris"));
    QVERIFY(grid.item(1, 2)->font().bold());   // the answer leads here
    QVERIFY(!grid.item(0, 2)->font().bold());
    QCOMPARE(grid.shade(0, 2), 0.05);
    // Darker where more probable, white text on the dark end.
    QVERIFY(grid.item(1, 2)->background().color().lightness() < grid.item(0, 0)->background().color().lightness());
    QCOMPARE(grid.item(1, 2)->foreground().color(), QColor(Qt::white));
    const QString tip = grid.item(0, 2)->toolTip();
    QVERIFY2(tip.contains(QStringLiteral("1. ␣city")) && tip.contains(QStringLiteral("2. ␣other")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("rank 4")), qPrintable(tip));
    QVERIFY(grid.item(1, 0)->toolTip().contains(QStringLiteral("model's own output")));

    grid.setShading(LensGrid::Shading::TopProbability);
    QCOMPARE(grid.shade(0, 2), 0.4);
    QCOMPARE(grid.shade(1, 0), 0.5);
    QVERIFY(std::isnan(grid.shade(2, 0)));
    QVERIFY(grid.topToken(-1, 0).isEmpty());
    // Tall enough for every layer of a small model.
    QVERIFY(grid.minimumSizeHint().height() >= 4 * grid.verticalHeader()->defaultSectionSize());
}

void TestLensGrid::emptyGridIsSafe()
{
    LensGrid grid;
    grid.clearLens();
    QCOMPARE(grid.layerCount(), 0);
    QCOMPARE(grid.rowCount(), 0);
    QVERIFY(grid.cellToolTip(0, 0).isEmpty());
}

void TestLensGrid::heatmapTakesOtherLabels()
{
    TraceHeatmap map;
    map.setScaleLabel(QStringLiteral("score"));
    map.setXAxisLabel(QStringLiteral("head"));
    map.setIdleText(QStringLiteral("hover me"));
    map.setReadout([](int row, int column, double v) { return QStringLiteral("%1/%2=%3").arg(row).arg(column).arg(v); });
    map.setup({QStringLiteral("L0"), QStringLiteral("L1")}, 0, 0, 3, TraceHeatmap::Kind::Attention, 1, QStringLiteral(" Paris"));
    map.setCell(1, 2, 0.5);
    // The trace wording ("p( Paris)", "single restored layer") gives way to the caller's.
    QCOMPARE(map.colorScale()->axis()->label(), QStringLiteral("score"));
    QCOMPARE(map.xAxisLabel(), QStringLiteral("head"));
    QCOMPARE(map.hoverText(), QStringLiteral("hover me"));
    QCOMPARE(map.readoutText(1, 2), QStringLiteral("1/2=0.5"));
    QVERIFY(map.readoutText(5, 0).isEmpty());
}

QTEST_MAIN(TestLensGrid)
#include "test_lens_grid.moc"
