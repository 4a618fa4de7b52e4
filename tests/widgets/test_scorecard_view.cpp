// ScorecardView: one panel per metric, bar data, scales, tooltips, clicks.
#include "plot_style.h"
#include "qcp.h"
#include "scorecard_view.h"
#include "widget_test_util.h"

#include <QSignalSpy>
#include <QTest>

#include <limits>

using lancet::widgets::ScorecardView;
using lancet::widgets::ScoreRow;
using namespace Qt::StringLiterals;

namespace {

QVector<ScoreRow> sampleRows()
{
    return {
        {QStringLiteral("reliability"), QStringLiteral("Reliability"), QStringLiteral("CounterFact ES"), 22.2, 99.8,
         QStringLiteral("Share of edit prompts where the new object becomes more likely than the old one."),
         {QStringLiteral("LeBron James plays the sport of")}},
        {QStringLiteral("generality"), QStringLiteral("Generality"), QStringLiteral("CounterFact PS"), 24.7, 88.1,
         QStringLiteral("The same test on paraphrases: did the model learn the fact or the sentence?"),
         {QStringLiteral("LeBron James is a professional"), QStringLiteral("LeBron James's sport is")}},
        {QStringLiteral("locality"), QStringLiteral("Locality"), QStringLiteral("EasyEdit token acc."), 1.0, 0.962,
         QStringLiteral("Unrelated prompts whose answers should not move; lower means collateral damage."),
         {}},
        {QStringLiteral("fluency"), QStringLiteral("Fluency"), QStringLiteral("CounterFact GE"), 626.6, 621.9,
         QStringLiteral("n-gram entropy of generated text; a collapse signals repetitive output."),
         {}},
    };
}

}  // namespace

class TestScorecardView : public QObject {
    Q_OBJECT

public:
    static void initMain() { lancet::widgets::test::isolateEnvironment(); }

private Q_SLOTS:
    void init()
    {
        view_ = new ScorecardView;
        view_->resize(900, 360);
    }
    void cleanup() { delete view_; }

    // Translated titles have no spaces: they wrap between CJK characters, every
    // line within the width, nothing lost or added.
    void cjkTitlesWrapBetweenCharacters()
    {
        QFont font;
        font.setPixelSize(14);
        const QString title = QStringLiteral("分數（有效性、改述、特異性的調和平均）");
        const QString wrapped = lancet::widgets::wrapToWidth(title, font, 120);
        const QStringList lines = wrapped.split(u'\n');
        QVERIFY2(lines.size() >= 2, qPrintable(wrapped));
        const QFontMetrics fm(font);
        for (const QString& line : lines)
            QVERIFY2(fm.horizontalAdvance(line) <= 120, qPrintable(line));
        QCOMPARE(lines.join(QString()), title);
        // English still breaks only at spaces and hyphens.
        QCOMPARE(lancet::widgets::wrapToWidth(QStringLiteral("Neighbourhood magnitude"), font, 120).split(u'\n'),
                 QStringList({QStringLiteral("Neighbourhood"), QStringLiteral("magnitude")}));
    }

    void barsHoldBeforeAndAfter()
    {
        const QVector<ScoreRow> rows = sampleRows();
        view_->setMetrics(rows);
        QCOMPARE(view_->metricCount(), rows.size());
        for (int i = 0; i < rows.size(); ++i) {
            QCPBars* before = view_->beforeBars(i);
            QCPBars* after = view_->afterBars(i);
            QVERIFY(before && after);
            QCOMPARE(before->data()->size(), 1);
            QCOMPARE(before->data()->at(0)->key, 0.0);
            QCOMPARE(before->data()->at(0)->value, rows[i].before);
            QCOMPARE(after->data()->size(), 1);
            QCOMPARE(after->data()->at(0)->key, 1.0);
            QCOMPARE(after->data()->at(0)->value, rows[i].after);
            QCOMPARE(before->keyAxis()->axisRect(), view_->panel(i));
            QVERIFY(before->brush().color() != after->brush().color());
        }
        QCOMPARE(view_->metricIndex(QStringLiteral("locality")), 2);
        QCOMPARE(view_->metricIndex(QStringLiteral("nope")), -1);
        QCOMPARE(view_->beforeBars(4), nullptr);
    }

    void aChangeThatRoundsToZeroHasNoSign()
    {
        // Issue 19: "change −0.000" on rows whose difference is below the precision.
        auto row = [](const QString& key, double before, double after) {
            ScoreRow r;
            r.key = r.label = key;
            r.protocol = u"counterfact-prob"_s;
            r.before = before;
            r.after = after;
            return r;
        };
        const QVector<ScoreRow> rows{row(u"NS"_s, 0.8750, 0.8748), row(u"locality"_s, 1.0, 1.0),
                                     row(u"ES"_s, 0.0, 1.0), row(u"fluency"_s, 626.6, 621.9)};
        view_->setMetrics(rows);
        QCOMPARE(view_->changeText(0), u"change ±0.000"_s);
        QCOMPARE(view_->changeText(1), u"change ±0.000"_s);
        QCOMPARE(view_->changeText(2), u"change +1.000"_s);
        QCOMPARE(view_->changeText(3), u"change -4.7"_s);
        for (int i = 0; i < 4; ++i)
            QVERIFY2(!view_->changeText(i).contains(u"-0.0"_s) && !view_->changeText(i).contains(u"+0.000"_s),
                     qPrintable(view_->changeText(i)));
    }

    void numbersArePrintedOnTheBars()
    {
        view_->setMetrics(sampleRows());
        QCOMPARE(view_->valueText(0, false), QStringLiteral("22.2"));
        QCOMPARE(view_->valueText(0, true), QStringLiteral("99.8"));
        QCOMPARE(view_->valueText(2, true), QStringLiteral("0.962"));  // fractions keep 3 decimals
        QStringList printed;
        for (int i = 0; i < view_->plot()->itemCount(); ++i)
            if (auto* text = qobject_cast<QCPItemText*>(view_->plot()->item(i)))
                printed << text->text();
        for (const QString& expected : {u"22.2"_s, u"99.8"_s, u"1.000"_s, u"0.962"_s, u"627"_s, u"622"_s})
            QVERIFY2(printed.contains(expected), qPrintable(expected));
    }

    void eachPanelHasItsOwnScale()
    {
        view_->setMetrics(sampleRows());
        // Percent, fraction and entropy each get a full scale that fits them.
        const double percentTop = view_->panel(0)->axis(QCPAxis::atLeft)->range().upper;
        const double fractionTop = view_->panel(2)->axis(QCPAxis::atLeft)->range().upper;
        const double entropyTop = view_->panel(3)->axis(QCPAxis::atLeft)->range().upper;
        QVERIFY(percentTop > 100 && percentTop < 130);
        QVERIFY(fractionTop > 1 && fractionTop < 1.3);
        QVERIFY(entropyTop > 1000 && entropyTop < 1300);

        QVector<ScoreRow> rows = sampleRows();
        rows[3].fullScale = 700;  // an explicit scale wins over the inferred one
        view_->setMetrics(rows);
        const double explicitTop = view_->panel(3)->axis(QCPAxis::atLeft)->range().upper;
        QVERIFY(explicitTop > 700 && explicitTop < 900);
    }

    void unmeasuredValuesDrawNoBar()
    {
        QVector<ScoreRow> rows = sampleRows();
        rows[1].before = std::numeric_limits<double>::quiet_NaN();
        view_->setMetrics(rows);
        QCOMPARE(view_->beforeBars(1)->data()->size(), 0);
        QCOMPARE(view_->valueText(1, false), QStringLiteral("—"));
    }

    void tooltipsTeach()
    {
        view_->setMetrics(sampleRows());
        const QString tip = view_->toolTipFor(1);
        QVERIFY(tip.contains(QStringLiteral("Generality")));
        QVERIFY(tip.contains(QStringLiteral("CounterFact PS")));
        QVERIFY(tip.contains(QStringLiteral("paraphrases")));
        QVERIFY(tip.contains(QStringLiteral("24.7")));
        QVERIFY(tip.contains(QStringLiteral("2 prompt")));
        QVERIFY(view_->toolTipFor(9).isEmpty());
    }

    void clickingABarActivatesItsMetric()
    {
        view_->setMetrics(sampleRows());
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_));
        view_->plot()->replot();
        QSignalSpy spy(view_, &ScorecardView::metricActivated);

        QCPBars* after = view_->afterBars(2);
        const QPoint onBar = after->coordsToPixels(1.0, 0.962 / 2).toPoint();
        QTest::mouseClick(view_->plot(), Qt::LeftButton, {}, onBar);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("locality"));
        QCOMPARE(view_->activeMetric(), 2);

        const QPoint onFirst = view_->beforeBars(0)->coordsToPixels(0.0, 10.0).toPoint();
        QTest::mouseClick(view_->plot(), Qt::LeftButton, {}, onFirst);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("reliability"));

        QTest::mouseClick(view_->plot(), Qt::LeftButton, {}, QPoint(2, 2));  // the title
        QCOMPARE(spy.count(), 2);
    }

    void emptyScorecardExplainsItself()
    {
        view_->setMetrics({});
        QCOMPARE(view_->metricCount(), 0);
        QCOMPARE(view_->panel(0), nullptr);
        QCOMPARE(view_->plot()->axisRectCount(), 0);
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_));
        view_->plot()->replot();  // must not crash without axes
        lancet::widgets::test::maybeShoot(view_, QStringLiteral("scorecard_empty"));
    }

    void sampleSnapshot()
    {
        view_->setMetrics(sampleRows());
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_));
        view_->setActiveMetric(1);
        view_->plot()->replot();
        lancet::widgets::test::maybeShoot(view_, QStringLiteral("scorecard"));

        // Narrow, with a fifth metric and a long protocol name: nothing may clip.
        QVector<ScoreRow> rows = sampleRows();
        rows << ScoreRow{QStringLiteral("portability"), QStringLiteral("Portability"),
                         QStringLiteral("EasyEdit portability acc."), 0.31, 0.574, QString(), {}};
        view_->setMetrics(rows);
        view_->resize(620, 300);
        view_->plot()->replot();
        lancet::widgets::test::maybeShoot(view_, QStringLiteral("scorecard_narrow"));
    }

    // The merge dock's five panels at the view's minimum width: every title
    // and change line must fit inside its own panel (QCustomPlot draws text
    // elements unclipped, so a long one runs into its neighbours).
    void titlesFitTheirPanelsWhenNarrow()
    {
        QVector<ScoreRow> rows;
        for (const QString& name : {u"capital-moves"_s, u"private-record-2024"_s, u"office-2025"_s})
            rows << ScoreRow{name, name, u"exact match, 4 prompts"_s, 0.0, 0.75, QString(), {}, 1.0};
        rows << ScoreRow{u"base_facts"_s, u"Base facts kept"_s, u"8 facts"_s, 1.0, 1.0, QString(), {}, 1.0};
        rows << ScoreRow{u"fluency"_s, u"Fluency"_s, u"n-gram entropy, bits"_s, 3.912, 3.906, QString(), {}};
        view_->setMetrics(rows);
        view_->show();
        QVERIFY(QTest::qWaitForWindowExposed(view_));
        // At the minimum width, in the default font and in a large one (an
        // accessibility setting): then the long titles must wrap.
        const QFont normal = view_->font();
        for (double points : {normal.pointSizeF(), 16.0}) {
        QFont f = normal;
        f.setPointSizeF(points);
        view_->setFont(f);  // rebuilds the panels in the new font
        view_->resize(view_->minimumSizeHint().width(), 300);
        QApplication::processEvents();
        view_->plot()->replot();
        auto* grid = qobject_cast<QCPLayoutGrid*>(view_->plot()->plotLayout()->element(2, 0));
        QVERIFY(grid);
        for (int i = 0; i < rows.size(); ++i) {
            const int cell = grid->element(2, i)->outerRect().width();
            for (int r = 0; r < 2; ++r) {
                auto* text = qobject_cast<QCPTextElement*>(grid->element(r, i));
                QVERIFY(text);
                const QFontMetrics fm(text->font());
                for (const QString& line : text->text().split(u'\n'))
                    QVERIFY2(fm.horizontalAdvance(line) <= cell,
                             qPrintable(u"\""_s + line + u"\" is wider than its panel ("_s + QString::number(cell) + u" px)"_s));
            }
        }
        // The change keeps its sign and number, whatever the wrapping.
        auto* change = qobject_cast<QCPTextElement*>(grid->element(1, 0));
        QVERIFY(change->text().contains(u"+0.750"_s));
        lancet::widgets::test::maybeShoot(view_, u"scorecard_merge_"_s + QString::number(points));
        }
        // The minimum size grows with the font (axis labels and numbers must still fit a panel).
        QVERIFY(view_->minimumSizeHint().width() > rows.size() * 120);
        // In the large font the long titles did have to wrap...
        auto* grid = qobject_cast<QCPLayoutGrid*>(view_->plot()->plotLayout()->element(2, 0));
        const QString wrapped = qobject_cast<QCPTextElement*>(grid->element(0, 1))->text();
        QVERIFY2(wrapped.contains(u'\n'), qPrintable(wrapped));
        QCOMPARE(QString(wrapped).remove(u'\n'), u"private-record-2024"_s);  // broken after a hyphen, nothing lost
        // ...and with room, they are back on one line.
        view_->resize(1400, 300);
        QApplication::processEvents();
        QCOMPARE(qobject_cast<QCPTextElement*>(grid->element(0, 1))->text(), u"private-record-2024"_s);
        view_->setFont(normal);
    }

private:
    ScorecardView* view_ = nullptr;
};

QTEST_MAIN(TestScorecardView)
#include "test_scorecard_view.moc"
