// TopKBarChart: bar data per series, row matching, labels, click signal.
#include "qcp.h"
#include "topk_bar_chart.h"
#include "widget_test_util.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

using lancet::widgets::TopKBarChart;

namespace {

const QStringList kAfter{QStringLiteral(" football"), QStringLiteral(" basketball"), QStringLiteral(" soccer"),
                         QStringLiteral("\n")};
const QVector<double> kAfterP{0.62, 0.21, 0.05, 0.004};
const QStringList kBefore{QStringLiteral(" basketball"), QStringLiteral(" football"), QStringLiteral(" baseball")};
const QVector<double> kBeforeP{0.81, 0.03, 0.02};

}  // namespace

class TestTopKBarChart : public QObject {
    Q_OBJECT

public:
    static void initMain() { lancet::widgets::test::isolateEnvironment(); }

private Q_SLOTS:
    void init()
    {
        chart_ = new TopKBarChart;
        chart_->resize(640, 360);
    }
    void cleanup() { delete chart_; }

    void distributionFillsTheBars()
    {
        chart_->setDistribution(kAfter, kAfterP);
        QCPBarsDataContainer* data = chart_->bars()->data().data();
        QCOMPARE(data->size(), kAfter.size());
        for (int i = 0; i < kAfter.size(); ++i) {
            QCOMPARE(data->at(i)->key, double(i));
            QCOMPARE(data->at(i)->value, kAfterP[i]);
        }
        QVERIFY(!chart_->hasComparison());
        QVERIFY(!chart_->comparisonBars()->visible());
        QCOMPARE(chart_->comparisonBars()->data()->size(), 0);
        // Horizontal bars: rows on the vertical axis, most likely on top.
        QCOMPARE(chart_->bars()->keyAxis(), chart_->plot()->yAxis);
        QVERIFY(chart_->plot()->yAxis->rangeReversed());
    }

    void whitespaceIsVisibleInRowLabels()
    {
        chart_->setDistribution(kAfter, kAfterP);
        auto ticker = chart_->plot()->yAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().value(0), QStringLiteral("␣football"));
        QCOMPARE(ticker->ticks().value(3), QStringLiteral("↵"));
        QCOMPARE(chart_->rowLabel(0), QStringLiteral("62.0%"));
        QCOMPARE(chart_->rowLabel(3), QStringLiteral("0.40%"));
    }

    void mismatchedLengthsUseTheCommonPrefix()
    {
        chart_->setDistribution(kAfter, {0.5, 0.2});
        QCOMPARE(chart_->rowTokens().size(), 2);
        QCOMPARE(chart_->bars()->data()->size(), 2);
    }

    void comparisonMatchesTokensByString()
    {
        chart_->setDistribution(kAfter, kAfterP, QStringLiteral("after edit"));
        chart_->setComparison(kBefore, kBeforeP, QStringLiteral("before edit"));
        QVERIFY(chart_->hasComparison());
        QVERIFY(chart_->comparisonBars()->visible());
        // Rows: the current top-k, then tokens only the reference had.
        QCOMPARE(chart_->rowTokens(), (QStringList{QStringLiteral(" football"), QStringLiteral(" basketball"),
                                                   QStringLiteral(" soccer"), QStringLiteral("\n"),
                                                   QStringLiteral(" baseball")}));
        QCPBarsDataContainer* before = chart_->comparisonBars()->data().data();
        QCOMPARE(before->size(), 3);  // " soccer" and "\n" were not in the reference top-k
        QCOMPARE(before->at(0)->key, 0.0);
        QCOMPARE(before->at(0)->value, 0.03);
        QCOMPARE(before->at(1)->key, 1.0);
        QCOMPARE(before->at(1)->value, 0.81);
        QCOMPARE(before->at(2)->key, 4.0);
        QCOMPARE(chart_->bars()->data()->size(), 4);  // " baseball" has no current bar
        QVERIFY(std::isnan(chart_->probability(4)));
        QCOMPARE(chart_->comparisonProbability(4), 0.02);

        // One label per row: before → after, and the change.
        QCOMPARE(chart_->rowLabel(0), QStringLiteral("3.0% → 62.0%  +59.0 pp"));
        QCOMPARE(chart_->rowLabel(1), QStringLiteral("81.0% → 21.0%  -60.0 pp"));
        QCOMPARE(chart_->rowLabel(2), QStringLiteral("not in top-k → 5.0%"));
        QCOMPARE(chart_->rowLabel(4), QStringLiteral("2.0% → not in top-k"));
        QVERIFY(chart_->rowLabel(5).isEmpty());

        QVERIFY(chart_->plot()->legend->visible());
        QCOMPARE(chart_->bars()->name(), QStringLiteral("after edit"));
        QCOMPARE(chart_->comparisonBars()->name(), QStringLiteral("before edit"));
        QCOMPARE(chart_->bars()->barsGroup(), chart_->comparisonBars()->barsGroup());
        QVERIFY(chart_->bars()->barsGroup() != nullptr);

        chart_->clearComparison();
        QVERIFY(!chart_->hasComparison());
        QCOMPARE(chart_->rowTokens().size(), kAfter.size());
        QVERIFY(!chart_->plot()->legend->visible());
        QCOMPARE(chart_->comparisonBars()->barsGroup(), nullptr);
    }

    void valueAxisNeverPassesOneHundredPercent()
    {
        // The issue-19 edit: p(Taipei) 1.5e-9 → 99.3 %. The axis ran to 150 %.
        chart_->setDistribution({QStringLiteral(" Taipei"), QStringLiteral(" Seattle")}, {0.993, 0.004});
        QCOMPARE(chart_->plot()->xAxis->range().upper, 1.0);
        chart_->setComparison({QStringLiteral(" Seattle"), QStringLiteral(" Taipei")}, {0.97, 1.5e-9});
        QCOMPARE(chart_->plot()->xAxis->range().upper, 1.0);
        // Small probabilities still get room for their labels, below 100 %.
        chart_->clearComparison();
        chart_->setDistribution({QStringLiteral(" a"), QStringLiteral(" b")}, {0.3, 0.1});
        QVERIFY(chart_->plot()->xAxis->range().upper > 0.3);
        QVERIFY(chart_->plot()->xAxis->range().upper < 1.0);
    }

    void labelsStayInsideAndNeverOverprint_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("small") << QSize(380, 260);
        QTest::newRow("medium") << QSize(640, 360);
        QTest::newRow("wide") << QSize(1100, 420);
    }

    void labelsStayInsideAndNeverOverprint()
    {
        QFETCH(QSize, size);
        // After an edit: long bars on both sides, tokens in only one top-k.
        chart_->setDistribution({QStringLiteral(" Taipei"), QStringLiteral(" Seattle"), QStringLiteral(" the"),
                                 QStringLiteral(" Tai")},
                                {0.993, 0.004, 0.001, 0.0005}, QStringLiteral("edited"));
        chart_->setComparison({QStringLiteral(" Seattle"), QStringLiteral(" Portland"), QStringLiteral(" the"),
                               QStringLiteral(" Tacoma")},
                              {0.97, 0.01, 0.004, 0.002}, QStringLiteral("base model"));
        chart_->resize(size);
        chart_->show();
        QVERIFY(QTest::qWaitForWindowExposed(chart_));
        chart_->plot()->replot();
        const QRect rect = chart_->plot()->axisRect()->rect();
        const int rows = int(chart_->rowTokens().size());
        QCOMPARE(rows, 6);
        for (int r = 0; r < rows; ++r) {
            const QRectF label = chart_->rowLabelRect(r);
            QVERIFY2(label.width() > 0, qPrintable(chart_->rowLabel(r)));
            // Inside the plot area horizontally: never cut off at the right edge.
            QVERIFY2(label.left() >= rect.left() - 1 && label.right() <= rect.right() + 1,
                     qPrintable(QStringLiteral("%1: label %2..%3, plot %4..%5")
                                    .arg(chart_->rowLabel(r))
                                    .arg(label.left())
                                    .arg(label.right())
                                    .arg(rect.left())
                                    .arg(rect.right())));
            // No two rows' labels overlap.
            for (int o = r + 1; o < rows; ++o)
                QVERIFY2(!label.intersects(chart_->rowLabelRect(o)),
                         qPrintable(chart_->rowLabel(r) + QStringLiteral(" / ") + chart_->rowLabel(o)));
        }
        lancet::widgets::test::maybeShoot(chart_, QStringLiteral("topk_after_edit_%1x%2")
                                                      .arg(size.width())
                                                      .arg(size.height()));
    }

    void clickingARowActivatesItsToken()
    {
        chart_->setDistribution(kAfter, kAfterP);
        chart_->show();
        QVERIFY(QTest::qWaitForWindowExposed(chart_));
        chart_->plot()->replot();
        QSignalSpy spy(chart_, &TopKBarChart::tokenActivated);
        const QPoint onBar = chart_->bars()->coordsToPixels(1, kAfterP[1] / 2).toPoint();
        QTest::mouseClick(chart_->plot(), Qt::LeftButton, {}, onBar);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), 1);
        QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral(" basketball"));  // the raw token
        QTest::mouseClick(chart_->plot(), Qt::LeftButton, {}, QPoint(2, 2));  // outside the bars
        QCOMPARE(spy.count(), 1);
    }

    void emptyChartIsSafe()
    {
        chart_->show();
        QVERIFY(QTest::qWaitForWindowExposed(chart_));
        chart_->plot()->replot();
        QCOMPARE(chart_->rowTokens().size(), 0);
        QCOMPARE(chart_->rowAt(chart_->plot()->axisRect()->rect().center()), -1);
        chart_->setComparison(kBefore, kBeforeP);  // a comparison alone still shows its rows
        QCOMPARE(chart_->rowTokens(), kBefore);
        QCOMPARE(chart_->bars()->data()->size(), 0);
        chart_->clear();
        QVERIFY(!chart_->hasComparison());
        chart_->plot()->replot();
    }

    void sampleSnapshot()
    {
        chart_->setDistribution(kAfter, kAfterP);
        chart_->show();
        QVERIFY(QTest::qWaitForWindowExposed(chart_));
        chart_->plot()->replot();
        lancet::widgets::test::maybeShoot(chart_, QStringLiteral("topk_single"));
        chart_->setTitle(QStringLiteral("LeBron James plays the sport of …"));
        chart_->setComparison(kBefore, kBeforeP);
        chart_->plot()->replot();
        lancet::widgets::test::maybeShoot(chart_, QStringLiteral("topk_comparison"));
    }

private:
    TopKBarChart* chart_ = nullptr;
};

QTEST_MAIN(TestTopKBarChart)
#include "test_topk_bar_chart.moc"
