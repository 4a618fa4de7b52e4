// TraceHeatmap: colour-map cells, ranges, gradients, selection, hover, export.
#include "qcp.h"
#include "trace_heatmap.h"
#include "widget_test_util.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using lancet::widgets::TraceHeatmap;
using Kind = lancet::widgets::TraceHeatmap::Kind;

namespace {

const QStringList kTokens{QStringLiteral("The"), QStringLiteral(" Space"), QStringLiteral(" Need"),
                          QStringLiteral("le"), QStringLiteral(" is"), QStringLiteral(" in"),
                          QStringLiteral(" downtown")};
constexpr int kLayers = 12;

// The pixel at the centre of cell (token, layer) of the heat map's plot.
QPoint cellPixel(const TraceHeatmap& map, int token, int layer)
{
    return map.colorMap()->coordsToPixels(layer, token).toPoint();
}

}  // namespace

class TestTraceHeatmap : public QObject {
    Q_OBJECT

public:
    static void initMain() { lancet::widgets::test::isolateEnvironment(); }

private Q_SLOTS:
    void init()
    {
        map_ = new TraceHeatmap;
        map_->resize(900, 420);
        map_->setup(kTokens, 1, 4, kLayers, Kind::Hidden, 1, QStringLiteral(" Seattle"));
    }
    void cleanup() { delete map_; }

    void setupGivesBinCentreRangesAndNaNCells()
    {
        QCPColorMapData* data = map_->colorMap()->data();
        QCOMPARE(data->keySize(), kLayers);
        QCOMPARE(data->valueSize(), int(kTokens.size()));
        QCOMPARE(data->keyRange(), QCPRange(0, kLayers - 1));
        QCOMPARE(data->valueRange(), QCPRange(0, kTokens.size() - 1));
        // Axes show whole cells: half a cell beyond each bin centre.
        QCOMPARE(map_->plot()->xAxis->range(), QCPRange(-0.5, kLayers - 0.5));
        QCOMPARE(map_->plot()->yAxis->range(), QCPRange(-0.5, kTokens.size() - 0.5));
        QVERIFY(map_->plot()->yAxis->rangeReversed());  // first token on top
        for (int t = 0; t < kTokens.size(); ++t)
            for (int l = 0; l < kLayers; ++l) {
                QVERIFY(std::isnan(map_->cellValue(t, l)));
                QVERIFY(std::isnan(data->cell(l, t)));
            }
        QVERIFY(!map_->isComplete());
        QVERIFY(std::isnan(map_->cellValue(-1, 0)));
        QVERIFY(std::isnan(map_->cellValue(0, kLayers)));
    }

    void colorScaleSitsBesideTheMap()
    {
        QCPLayoutGrid* layout = map_->plot()->plotLayout();
        // Row 0 is the title; the map's axis rect and the scale share row 1.
        QCOMPARE(layout->element(1, 0), map_->plot()->axisRect());
        QCOMPARE(layout->element(1, 1), map_->colorScale());
        QCOMPARE(map_->colorMap()->colorScale(), map_->colorScale());
        QVERIFY(map_->plot()->axisRect()->marginGroup(QCP::msTop) != nullptr);
        QCOMPARE(map_->plot()->axisRect()->marginGroup(QCP::msTop), map_->colorScale()->marginGroup(QCP::msTop));
        QCOMPARE(map_->colorScale()->axis()->label(), QStringLiteral("p(Seattle)"));
    }

    void tokenTicksMarkTheSubject()
    {
        auto ticker = map_->plot()->yAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().size(), kTokens.size());
        QCOMPARE(ticker->ticks().value(0), QStringLiteral("The"));
        QCOMPARE(ticker->ticks().value(1), QStringLiteral("␣Space*"));
        QCOMPARE(ticker->ticks().value(3), QStringLiteral("le*"));
        QCOMPARE(ticker->ticks().value(4), QStringLiteral("␣is"));  // subject is [1, 4)
        auto layers = map_->plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QCOMPARE(layers->ticks().size(), kLayers);  // small model: every layer

        map_->setup(kTokens, 1, 4, 48, Kind::Hidden, 1, QStringLiteral(" Seattle"));
        layers = map_->plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QCOMPARE(layers->ticks().keys(), (QList<double>{0, 5, 10, 15, 20, 25, 30, 35, 40, 45}));
    }

    void setCellAndRowAndColumnWriteTheMap()
    {
        QCPColorMapData* data = map_->colorMap()->data();
        map_->setCell(2, 5, 0.25);
        QCOMPARE(map_->cellValue(2, 5), 0.25);
        QCOMPARE(data->cell(5, 2), 0.25);
        QVERIFY(std::isnan(data->cell(5, 1)));

        QVector<double> row(kLayers);
        for (int l = 0; l < kLayers; ++l)
            row[l] = 0.01 * l;
        map_->setRow(3, row);
        for (int l = 0; l < kLayers; ++l) {
            QCOMPARE(map_->cellValue(3, l), 0.01 * l);
            QCOMPARE(data->cell(l, 3), 0.01 * l);
        }

        QVector<double> column(kTokens.size(), 0.5);
        map_->setColumn(7, column);
        for (int t = 0; t < kTokens.size(); ++t)
            QCOMPARE(data->cell(7, t), 0.5);
        QVERIFY(std::isnan(map_->cellValue(0, 0)));
        QVERIFY(!map_->isComplete());

        for (int l = 0; l < kLayers; ++l)
            map_->setColumn(l, column);
        QVERIFY(map_->isComplete());
        // Out-of-range writes are ignored, not crashes.
        map_->setCell(99, 0, 1.0);
        map_->setCell(0, -1, 1.0);
        map_->setRow(-3, row);
        QVERIFY(map_->isComplete());

        map_->clear();
        QVERIFY(!map_->isComplete());
        QVERIFY(std::isnan(data->cell(7, 0)));
    }

    void dataRangeIsFlooredAtTheCorruptedScore()
    {
        map_->setScores(0.05, 0.6);
        QCOMPARE(map_->colorMap()->dataRange(), QCPRange(0.05, 0.6));  // no cell yet: the clean score
        map_->setCell(0, 0, 0.4);
        map_->setCell(0, 1, 0.01);  // below the corrupted score: clamps to white
        // The top is the largest cell, as pcolor's default vmax in the paper's code.
        QCOMPARE(map_->colorMap()->dataRange(), QCPRange(0.05, 0.4));
        map_->setCell(4, 9, 0.9);  // a restoration can beat the clean run
        QCOMPARE(map_->colorMap()->dataRange(), QCPRange(0.05, 0.9));
        QCOMPARE(map_->colorScale()->dataRange(), QCPRange(0.05, 0.9));
    }

    void aWeakSiteStillGetsTheDarkestColour()
    {
        // The demo model's Space Needle, MLP window 3: the early site restores
        // 1.7 % of a 98.8 % answer. Scaled to the clean score it was white.
        map_->setup(kTokens, 1, 4, 8, Kind::Mlp, 3, QStringLiteral(" Seattle"));
        map_->setScores(7.6e-5, 0.988);
        for (int t = 0; t < kTokens.size(); ++t)
            for (int l = 0; l < 8; ++l)
                map_->setCell(t, l, 1e-4);
        map_->setCell(2, 1, 0.017);
        QCOMPARE(map_->colorMap()->dataRange().upper, 0.017);
        QCPColorGradient gradient = map_->colorMap()->gradient();
        const QColor site = QColor::fromRgb(gradient.color(0.017, map_->colorMap()->dataRange()));
        QCOMPARE(site, QColor(0x00, 0x44, 0x1b));  // the ramp's darkest green
    }

    void colourScaleNamesTheAnswerOrSaysAnswer()
    {
        QCOMPARE(map_->colorScale()->axis()->label(), QStringLiteral("p(Seattle)"));
        map_->setup({}, 0, 0, 0, Kind::Mlp, 1, QString());
        QCOMPARE(map_->colorScale()->axis()->label(), QStringLiteral("p(answer)"));  // not "p(∅)" before a trace
    }

    void gradientFollowsTheKind_data()
    {
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QColor>("darkest");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("xLabel");
        QTest::newRow("hidden") << Kind::Hidden << QColor(0x3f, 0x00, 0x7d)
                                << QStringLiteral("Impact of restoring state after corrupted input")
                                << QStringLiteral("single restored layer");
        QTest::newRow("mlp") << Kind::Mlp << QColor(0x00, 0x44, 0x1b)
                             << QStringLiteral("Impact of restoring MLP after corrupted input")
                             << QStringLiteral("center of interval of 10 restored MLP layers");
        QTest::newRow("attention") << Kind::Attention << QColor(0x67, 0x00, 0x0d)
                                   << QStringLiteral("Impact of restoring Attn after corrupted input")
                                   << QStringLiteral("center of interval of 10 restored Attn layers");
    }

    void gradientFollowsTheKind()
    {
        QFETCH(Kind, kind);
        QFETCH(QColor, darkest);
        QFETCH(QString, title);
        QFETCH(QString, xLabel);
        map_->setup(kTokens, 1, 4, kLayers, kind, kind == Kind::Hidden ? 1 : 10, QStringLiteral(" Seattle"));
        QCPColorGradient gradient = map_->colorMap()->gradient();  // color() is non-const
        const QCPRange unit(0, 1);
        const QColor lightest = QColor::fromRgb(gradient.color(0.0, unit));
        QVERIFY2(lightest.lightness() > 240, "the low end is (nearly) white: no effect");
        QCOMPARE(QColor::fromRgb(gradient.color(1.0, unit)), darkest);
        QCOMPARE(gradient.nanHandling(), QCPColorGradient::nhNanColor);
        QVERIFY(gradient.nanColor() != lightest);  // uncomputed is not "no effect"
        QCOMPARE(map_->titleText(), title);
        QCOMPARE(map_->xAxisLabel(), xLabel);
    }

    void partialIsShownInTheTitle()
    {
        map_->setPartial(true);
        QVERIFY(map_->titleText().contains(QStringLiteral("partial (cancelled)")));
        QVERIFY(map_->isPartial());
        map_->setPartial(false);
        QVERIFY(!map_->titleText().contains(QStringLiteral("partial")));
    }

    void clickSelectsTheCellUnderThePointer()
    {
        map_->show();
        QVERIFY(QTest::qWaitForWindowExposed(map_));
        map_->plot()->replot();
        QSignalSpy spy(map_, &TraceHeatmap::cellSelected);

        QTest::mouseClick(map_->plot(), Qt::LeftButton, {}, cellPixel(*map_, 2, 7));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), 2);
        QCOMPARE(spy.at(0).at(1).toInt(), 7);
        QCOMPARE(map_->selectedToken(), 2);
        QCOMPARE(map_->selectedLayer(), 7);

        // The selection rectangle frames exactly that cell.
        QCPItemRect* frame = nullptr;
        for (int i = 0; i < map_->plot()->itemCount(); ++i)
            if (auto* r = qobject_cast<QCPItemRect*>(map_->plot()->item(i)); r && r->visible())
                frame = r;
        QVERIFY(frame);
        QCOMPARE(frame->topLeft->coords(), QPointF(6.5, 1.5));
        QCOMPARE(frame->bottomRight->coords(), QPointF(7.5, 2.5));

        // Corners of the map are cells too (bin centres at the axis edges).
        QTest::mouseClick(map_->plot(), Qt::LeftButton, {}, cellPixel(*map_, int(kTokens.size()) - 1, kLayers - 1));
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).toInt(), int(kTokens.size()) - 1);
        QCOMPARE(spy.at(1).at(1).toInt(), kLayers - 1);

        // Outside the axis rect (on the colour scale) nothing is selected.
        const QPoint onScale = map_->colorScale()->rect().center();
        QTest::mouseClick(map_->plot(), Qt::LeftButton, {}, onScale);
        QCOMPARE(spy.count(), 2);
    }

    void hoverReadsOutTheCell()
    {
        map_->setScores(0.05, 0.6);
        map_->setCell(2, 7, 0.4);
        map_->show();
        QVERIFY(QTest::qWaitForWindowExposed(map_));
        map_->plot()->replot();
        QSignalSpy spy(map_, &TraceHeatmap::cellHovered);

        QTest::mouseMove(map_->plot(), cellPixel(*map_, 2, 7));
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), 2);
        QCOMPARE(spy.at(0).at(1).toInt(), 7);
        const QString text = map_->hoverText();
        QVERIFY2(text.contains(QStringLiteral("token 2")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("␣Need")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("(subject)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("layer 7")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("p = 0.4000")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("effect over low = +0.3500")), qPrintable(text));

        // A cell that has not arrived yet says so instead of showing a number.
        QTest::mouseMove(map_->plot(), cellPixel(*map_, 0, 0));
        QTRY_COMPARE(spy.count(), 2);
        QVERIFY(map_->hoverText().contains(QStringLiteral("not computed yet")));

        // The read-out follows a cell that streams in while it is hovered.
        map_->setCell(0, 0, 0.2);
        QVERIFY(map_->hoverText().contains(QStringLiteral("p = 0.2000")));
    }

    void windowedReadoutNamesTheRestoredLayers()
    {
        map_->setup(kTokens, 1, 4, kLayers, Kind::Mlp, 10, QStringLiteral(" Seattle"));
        map_->setCell(3, 6, 0.3);
        // rome's window: [l - w/2, l + ceil(w/2)) clamped to the model.
        QVERIFY(map_->readoutText(3, 6).contains(QStringLiteral("MLP layers 1–10")));
        QVERIFY(map_->readoutText(3, 0).contains(QStringLiteral("MLP layers 0–4")));
        QVERIFY(map_->readoutText(3, 11).contains(QStringLiteral("MLP layers 6–11")));
    }

    void singleTokenSingleLayerStillDraws()
    {
        map_->setup({QStringLiteral("x")}, 0, 1, 1, Kind::Hidden, 1, QStringLiteral("y"));
        map_->setCell(0, 0, 0.7);
        QCOMPARE(map_->cellValue(0, 0), 0.7);
        QVERIFY(map_->isComplete());
        map_->show();
        QVERIFY(QTest::qWaitForWindowExposed(map_));
        map_->plot()->replot();
        QSignalSpy spy(map_, &TraceHeatmap::cellSelected);
        QTest::mouseClick(map_->plot(), Qt::LeftButton, {}, map_->plot()->axisRect()->rect().center());
        QCOMPARE(spy.count(), 1);
    }

    void exportWritesEveryFormat_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::newRow("png") << QStringLiteral("png");
        QTest::newRow("svg") << QStringLiteral("svg");
        QTest::newRow("pdf") << QStringLiteral("pdf");
    }

    void exportWritesEveryFormat()
    {
        QFETCH(QString, suffix);
        map_->setScores(0.05, 0.6);
        for (int l = 0; l < kLayers; ++l)
            map_->setColumn(l, QVector<double>(kTokens.size(), 0.05 + 0.04 * l));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("trace.") + suffix);
        QVERIFY(map_->exportTo(path, QSize(700, 350)));
        QVERIFY(QFileInfo(path).size() > 0);
        if (suffix == u"png") {
            QCOMPARE(QImage(path).size(), QSize(1400, 700));  // exported at 2x
        } else if (suffix == u"svg") {
            QSvgRenderer svg(path);
            QVERIFY(svg.isValid());
            QCOMPARE(svg.viewBox(), QRect(0, 0, 700, 350));
        } else {
            QFile pdf(path);
            QVERIFY(pdf.open(QIODevice::ReadOnly));
            QVERIFY(pdf.read(5).startsWith("%PDF"));
        }
        QVERIFY(!map_->exportTo(dir.filePath(QStringLiteral("trace.bmpx"))));
    }

    void sampleSnapshot()
    {
        // A realistic-looking map for the review snapshots (no assertions on pixels).
        const QStringList tokens{QStringLiteral("The"), QStringLiteral(" Space"), QStringLiteral(" Need"),
                                 QStringLiteral("le"), QStringLiteral(" is"), QStringLiteral(" located"),
                                 QStringLiteral(" in"), QStringLiteral(" the"), QStringLiteral(" city"),
                                 QStringLiteral(" of")};
        const int layers = 48;
        for (const Kind kind : {Kind::Hidden, Kind::Mlp, Kind::Attention}) {
            TraceHeatmap map;
            map.resize(900, 440);
            map.setup(tokens, 1, 4, layers, kind, kind == Kind::Hidden ? 1 : 10, QStringLiteral(" Seattle"));
            map.setScores(0.02, 0.62);
            for (int t = 0; t < tokens.size(); ++t)
                for (int l = 0; l < layers; ++l) {
                    if (kind == Kind::Attention && l > 30)
                        continue;  // leave some cells uncomputed: a cancelled run
                    const double subj = t == 3 ? std::exp(-std::pow((l - 15) / 8.0, 2)) * 0.55 : 0.0;
                    const double last = t == tokens.size() - 1 ? 0.6 / (1 + std::exp(-(l - 28) / 3.0)) : 0.0;
                    map.setCell(t, l, 0.02 + (kind == Kind::Mlp ? subj : kind == Kind::Attention ? last : subj + last));
                }
            map.setPartial(kind == Kind::Attention);
            map.show();
            QVERIFY(QTest::qWaitForWindowExposed(&map));
            map.plot()->replot();
            QTest::mouseClick(map.plot(), Qt::LeftButton, {}, map.colorMap()->coordsToPixels(15, 3).toPoint());
            QTest::mouseMove(map.plot(), map.colorMap()->coordsToPixels(20, 9).toPoint());
            map.plot()->replot();
            const char* names[] = {"heatmap_hidden", "heatmap_mlp", "heatmap_attn_partial"};
            lancet::widgets::test::maybeShoot(&map, QString::fromLatin1(names[int(kind)]));
            const QString dir = qEnvironmentVariable("LANCET_WIDGET_SHOTS");
            if (!dir.isEmpty() && kind == Kind::Hidden) {
                QVERIFY(map.exportTo(dir + QStringLiteral("/heatmap_export.png")));
                QVERIFY(map.exportTo(dir + QStringLiteral("/heatmap_export.svg")));
                QVERIFY(map.exportTo(dir + QStringLiteral("/heatmap_export.pdf")));
                // Render the SVG back to PNG so a reviewer can check it without an SVG viewer.
                QSvgRenderer svg(dir + QStringLiteral("/heatmap_export.svg"));
                QImage image(svg.defaultSize(), QImage::Format_ARGB32);
                image.fill(Qt::white);
                QPainter painter(&image);
                svg.render(&painter);
                painter.end();
                image.save(dir + QStringLiteral("/heatmap_export_svg_rendered.png"));
            }
        }
    }

    void streamedCellsShareOneReplot()
    {
        map_->show();
        QVERIFY(QTest::qWaitForWindowExposed(map_));
        map_->plot()->replot();
        QCoreApplication::processEvents();
        QSignalSpy replots(map_->plot(), &QCustomPlot::afterReplot);
        for (int t = 0; t < kTokens.size(); ++t)
            for (int l = 0; l < kLayers; ++l)
                map_->setCell(t, l, 0.01 * (t + l));
        QCOMPARE(replots.count(), 0);  // queued, not drawn per cell
        QTRY_VERIFY(replots.count() >= 1);
        QCoreApplication::processEvents();
        QCOMPARE(replots.count(), 1);
    }

    void emptyMapIsSafe()
    {
        TraceHeatmap empty;
        empty.resize(300, 200);
        empty.show();
        QVERIFY(QTest::qWaitForWindowExposed(&empty));
        empty.plot()->replot();
        QVERIFY(!empty.isComplete());
        QVERIFY(std::isnan(empty.cellValue(0, 0)));
        empty.setCell(0, 0, 1.0);  // ignored: no cells yet
        QSignalSpy spy(&empty, &TraceHeatmap::cellSelected);
        QTest::mouseClick(empty.plot(), Qt::LeftButton, {}, empty.plot()->axisRect()->rect().center());
        QCOMPARE(spy.count(), 0);
    }

    void smallModelSnapshot()
    {
        // A tiny model mid-run: every layer ticked, half the columns still grey.
        TraceHeatmap map;
        map.resize(520, 300);
        map.setup({QStringLiteral("Paris"), QStringLiteral(" is"), QStringLiteral(" the"),
                   QStringLiteral(" capital"), QStringLiteral(" of")},
                  0, 1, 6, Kind::Mlp, 3, QStringLiteral(" France"));
        map.setScores(0.1, 0.7);
        for (int l = 0; l < 3; ++l)
            map.setColumn(l, {0.55 - 0.1 * l, 0.1, 0.12, 0.1, 0.2 + 0.1 * l});
        QCOMPARE(map.plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>()->ticks().size(), 6);
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        map.plot()->replot();
        QTest::mouseMove(map.plot(), map.colorMap()->coordsToPixels(4, 2).toPoint());
        lancet::widgets::test::maybeShoot(&map, QStringLiteral("heatmap_small_streaming"));
    }

private:
    TraceHeatmap* map_ = nullptr;
};

QTEST_MAIN(TestTraceHeatmap)
#include "test_trace_heatmap.moc"
