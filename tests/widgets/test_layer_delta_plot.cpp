// LayerDeltaPlot: one series per matrix, bars or lines, log scale, clicks.
#include "layer_delta_plot.h"
#include "qcp.h"
#include "widget_test_util.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

using lancet::widgets::LayerDeltaPlot;
using Style = lancet::widgets::LayerDeltaPlot::Style;

namespace {

// A ROME-like edit: one MLP matrix changed at layer 5, nothing elsewhere.
QVector<double> romeLike(int layers)
{
    QVector<double> v(layers, 0.0);
    v[5] = 0.031;
    return v;
}

}  // namespace

class TestLayerDeltaPlot : public QObject {
    Q_OBJECT

public:
    static void initMain() { lancet::widgets::test::isolateEnvironment(); }

private Q_SLOTS:
    void init()
    {
        plot_ = new LayerDeltaPlot;
        plot_->resize(760, 340);
    }
    void cleanup() { delete plot_; }

    void seriesBecomeGroupedBars()
    {
        plot_->setSeries(QStringLiteral("mlp.c_proj"), romeLike(12));
        QVector<double> attn(12, 1e-5);
        plot_->setSeries(QStringLiteral("attn.c_attn"), attn);
        QCOMPARE(plot_->layerCount(), 12);
        QCOMPARE(plot_->seriesNames(), (QStringList{QStringLiteral("mlp.c_proj"), QStringLiteral("attn.c_attn")}));
        auto* mlp = qobject_cast<QCPBars*>(plot_->plottable(QStringLiteral("mlp.c_proj")));
        auto* att = qobject_cast<QCPBars*>(plot_->plottable(QStringLiteral("attn.c_attn")));
        QVERIFY(mlp && att);
        QCOMPARE(mlp->data()->size(), 12);
        QCOMPARE(mlp->data()->at(5)->key, 5.0);
        QCOMPARE(mlp->data()->at(5)->value, 0.031);
        QCOMPARE(mlp->data()->at(4)->value, 0.0);
        QVERIFY(mlp->barsGroup() && mlp->barsGroup() == att->barsGroup());
        QCOMPARE(mlp->name(), QStringLiteral("mlp.c_proj"));
        QVERIFY(plot_->plot()->legend->visible());

        // Same name replaces, it does not add.
        plot_->setSeries(QStringLiteral("mlp.c_proj"), QVector<double>(12, 0.5));
        QCOMPARE(plot_->seriesNames().size(), 2);
        QCOMPARE(plot_->seriesValues(QStringLiteral("mlp.c_proj")).value(0), 0.5);
        plot_->removeSeries(QStringLiteral("attn.c_attn"));
        QCOMPARE(plot_->seriesNames().size(), 1);
        QCOMPARE(plot_->plot()->plottableCount(), 1);
    }

    void logScaleDropsZerosAndRaisesTheBase()
    {
        plot_->setSeries(QStringLiteral("mlp.c_proj"), romeLike(12));
        plot_->setLogScale(true);
        QCOMPARE(plot_->plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        auto* bars = qobject_cast<QCPBars*>(plot_->plottable(QStringLiteral("mlp.c_proj")));
        QCOMPARE(bars->data()->size(), 1);  // zeros have no place on a log axis
        QVERIFY(bars->baseValue() > 0);
        QVERIFY(bars->baseValue() < 0.031);
        QVERIFY(plot_->plot()->yAxis->range().lower > 0);
        QVERIFY(plot_->plot()->yAxis->range().upper > 0.031);

        plot_->setLogScale(false);
        QCOMPARE(plot_->plot()->yAxis->scaleType(), QCPAxis::stLinear);
        QCOMPARE(plot_->plot()->yAxis->range().lower, 0.0);
    }

    void linesStyleUsesGraphsWithGaps()
    {
        plot_->setSeries(QStringLiteral("mlp.c_proj"), romeLike(8));
        plot_->setStyle(Style::Lines);
        auto* graph = qobject_cast<QCPGraph*>(plot_->plottable(QStringLiteral("mlp.c_proj")));
        QVERIFY(graph);
        QCOMPARE(graph->data()->size(), 8);
        QCOMPARE(graph->data()->at(5)->value, 0.031);
        plot_->setLogScale(true);
        graph = qobject_cast<QCPGraph*>(plot_->plottable(QStringLiteral("mlp.c_proj")));
        QVERIFY(std::isnan(graph->data()->at(0)->value));
        QCOMPARE(graph->data()->at(5)->value, 0.031);
    }

    void readoutListsEverySeries()
    {
        plot_->setSeries(QStringLiteral("mlp.c_proj"), romeLike(12));
        plot_->setSeries(QStringLiteral("attn.c_attn"), QVector<double>(12, 2e-5));
        const QString text = plot_->readoutText(5);
        QVERIFY2(text.contains(QStringLiteral("layer 5")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("mlp.c_proj: 0.0310")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("attn.c_attn: 2.00e-05")), qPrintable(text));
        QVERIFY(plot_->readoutText(12).isEmpty());
    }

    void clickingALayerActivatesIt()
    {
        plot_->setSeries(QStringLiteral("mlp.c_proj"), romeLike(12));
        plot_->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot_));
        plot_->plot()->replot();
        QSignalSpy spy(plot_, &LayerDeltaPlot::layerActivated);
        const QPoint onBar = plot_->plot()->axisRect()->rect().center();
        const int expected = int(std::lround(plot_->plot()->xAxis->pixelToCoord(onBar.x())));
        QTest::mouseClick(plot_->plot(), Qt::LeftButton, {}, onBar);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), expected);
        const QPoint layer5 = plot_->plottable(QStringLiteral("mlp.c_proj"))->coordsToPixels(5, 0.01).toPoint();
        QTest::mouseClick(plot_->plot(), Qt::LeftButton, {}, layer5);
        QCOMPARE(spy.at(1).at(0).toInt(), 5);
    }

    void emptyPlotIsSafe()
    {
        plot_->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot_));
        plot_->setLogScale(true);
        plot_->plot()->replot();
        QVERIFY(!plot_->plot()->legend->visible());
        QCOMPARE(plot_->layerAt(plot_->plot()->axisRect()->rect().center()), -1);
        plot_->setLayerCount(4);
        plot_->setSeries(QStringLiteral("w"), {0, 0, 0, 0});  // no change at all
        plot_->plot()->replot();
        QVERIFY(plot_->plot()->legend->visible());
        plot_->clear();
        QVERIFY(!plot_->plot()->legend->visible());
        QCOMPARE(plot_->layerCount(), 4);
    }

    void sampleSnapshot()
    {
        const int layers = 48;
        QVector<double> mlp(layers, 0.0), attn(layers, 0.0), merge(layers);
        mlp[17] = 0.042;
        attn[17] = 3e-6;
        for (int l = 0; l < layers; ++l)
            merge[l] = 0.002 + 0.001 * std::sin(l / 5.0);
        plot_->setSeries(QStringLiteral("mlp.c_proj (ROME)"), mlp);
        plot_->setSeries(QStringLiteral("attn.c_attn"), attn);
        plot_->setSeries(QStringLiteral("all (merge)"), merge);
        plot_->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot_));
        plot_->plot()->replot();
        lancet::widgets::test::maybeShoot(plot_, QStringLiteral("layer_delta_linear"));
        plot_->setLogScale(true);
        plot_->plot()->replot();
        lancet::widgets::test::maybeShoot(plot_, QStringLiteral("layer_delta_log"));
        plot_->setStyle(Style::Lines);
        plot_->plot()->replot();
        lancet::widgets::test::maybeShoot(plot_, QStringLiteral("layer_delta_log_lines"));
    }

private:
    LayerDeltaPlot* plot_ = nullptr;
};

QTEST_MAIN(TestLayerDeltaPlot)
#include "test_layer_delta_plot.moc"
