// GroupedBarChart: one QCPBars per series in one group, the values placed at
// their category, a number on every bar, gaps for missing values, exports.
#include "grouped_bar_chart.h"
#include "qcp.h"
#include "widget_test_util.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using lancet::widgets::GroupedBarChart;

class TestGroupedBarChart : public QObject {
    Q_OBJECT

public:
    static void initMain() { lancet::widgets::test::isolateEnvironment(); }

private Q_SLOTS:
    void barsPerSeriesAtTheirCategories()
    {
        GroupedBarChart chart;
        chart.resize(800, 420);
        const QStringList categories{QStringLiteral("Reliability"), QStringLiteral("Generality"), QStringLiteral("Locality")};
        const QStringList series{QStringLiteral("rome"), QStringLiteral("ft"), QStringLiteral("lora")};
        const QVector<QVector<double>> values{{100, 98, 95}, {100, 100, 60}, {100, std::nan(""), 80}};
        chart.setData(categories, series, values);
        QCOMPARE(chart.seriesCount(), 3);
        QCOMPARE(chart.categoryCount(), 3);
        QCOMPARE(chart.plot()->plottableCount(), 3);
        auto* ft = qobject_cast<QCPBars*>(chart.plot()->plottable(1));
        QVERIFY(ft);
        QCOMPARE(ft->name(), QStringLiteral("ft"));
        QCOMPARE(ft->data()->size(), 3);
        QCOMPARE((ft->data()->begin() + 2)->value, 60.0);  // locality, at category 3
        QCOMPARE((ft->data()->begin() + 2)->key, 3.0);
        // The missing value is a gap, not a zero bar.
        auto* lora = qobject_cast<QCPBars*>(chart.plot()->plottable(2));
        QCOMPARE(lora->data()->size(), 2);
        QVERIFY(std::isnan(chart.value(2, 1)));
        // One number label per bar drawn.
        QCOMPARE(chart.plot()->itemCount(), 8);
        // The three series share one group (side by side, not stacked).
        QVERIFY(ft->barsGroup() && ft->barsGroup() == lora->barsGroup());
        QVERIFY(chart.plot()->yAxis->range().upper >= 100.0);
        QVERIFY(chart.plot()->legend->visible());
        // A category without any value is left out.
        chart.setData({QStringLiteral("A"), QStringLiteral("empty")}, {QStringLiteral("x")}, {{5.0, std::nan("")}});
        QCOMPARE(chart.categories(), QStringList{QStringLiteral("A")});
    }

    void exportsPngAndSvg()
    {
        GroupedBarChart chart;
        chart.setData({QStringLiteral("A")}, {QStringLiteral("x")}, {{42.0}});
        QTemporaryDir dir;
        for (const QString& name : {QStringLiteral("c.png"), QStringLiteral("c.svg")}) {
            const QString path = dir.filePath(name);
            QVERIFY(chart.exportTo(path, QSize(640, 360)));
            QVERIFY(QFileInfo(path).size() > 500);
        }
    }
};

QTEST_MAIN(TestGroupedBarChart)
#include "test_grouped_bar_chart.moc"
