// CurvePlot: one graph per (run, metric), colours per run and dash styles per
// metric, streamed points with NaN gaps, fixed or fitted ranges, exports.
#include "curve_plot.h"
#include "qcp.h"
#include "widget_test_util.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using lancet::widgets::CurvePlot;

class TestCurvePlot : public QObject {
    Q_OBJECT

public:
    static void initMain() { lancet::widgets::test::isolateEnvironment(); }

private Q_SLOTS:
    void runsAndMetricsAsGraphs()
    {
        CurvePlot plot;
        plot.resize(700, 400);
        plot.setValueRange(0, 100);
        const int rome = plot.addRun(QStringLiteral("rome"), {QStringLiteral("teacher-forced"), QStringLiteral("generation")});
        const int memit = plot.addRun(QStringLiteral("memit"), {QStringLiteral("teacher-forced"), QStringLiteral("generation")});
        QCOMPARE(plot.plot()->graphCount(), 4);
        plot.appendPoint(rome, 0, {std::nan(""), std::nan("")});
        plot.appendPoint(rome, 50, {98.0, 71.0});
        plot.appendPoint(memit, 50, {95.0, 60.0});
        QCOMPARE(plot.pointCount(rome), 2);
        QCOMPARE(plot.value(rome, 1, 1), 71.0);
        QVERIFY(std::isnan(plot.value(rome, 0, 0)));
        // Same colour within a run, another for the next run; dash style per metric.
        QCOMPARE(plot.plot()->graph(0)->pen().color(), plot.plot()->graph(1)->pen().color());
        QVERIFY(plot.plot()->graph(0)->pen().color() != plot.plot()->graph(2)->pen().color());
        QVERIFY(plot.plot()->graph(0)->pen().style() != plot.plot()->graph(1)->pen().style());
        QCOMPARE(plot.plot()->graph(3)->name(), QStringLiteral("memit: generation"));
        QCOMPARE(plot.plot()->yAxis->range().upper, 100.0);
        QVERIFY(plot.plot()->xAxis->range().upper >= 50.0);
        // Fitted range when asked.
        plot.setValueRange(0, 0);
        QVERIFY(plot.plot()->yAxis->range().lower < 60.0 && plot.plot()->yAxis->range().upper > 98.0);
        plot.clear();
        QCOMPARE(plot.runCount(), 0);
        QCOMPARE(plot.plot()->graphCount(), 0);
    }

    void exportsPngAndSvg()
    {
        CurvePlot plot;
        const int r = plot.addRun(QStringLiteral("x"), {QStringLiteral("m")});
        plot.appendPoint(r, 1, {0.5});
        QTemporaryDir dir;
        for (const QString& name : {QStringLiteral("c.png"), QStringLiteral("c.svg")}) {
            const QString path = dir.filePath(name);
            QVERIFY(plot.exportTo(path, QSize(800, 450)));
            QVERIFY(QFileInfo(path).size() > 500);
        }
    }
};

QTEST_MAIN(TestCurvePlot)
#include "test_curve_plot.moc"
