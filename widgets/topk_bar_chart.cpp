#include "topk_bar_chart.h"

#include "plot_theme.h"

#include "percent_ticker.h"
#include "legend_row.h"
#include "plot_style.h"
#include "qcp.h"
#include "token_text.h"

#include <QFontMetrics>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace lancet::widgets {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kSingleWidth = 0.7;
constexpr double kPairWidth = 0.4;  // two bars per row, side by side

double lookup(const QStringList& tokens, const QVector<double>& probs, const QString& token)
{
    const int i = int(tokens.indexOf(token));
    return i >= 0 && i < probs.size() ? probs[i] : kNaN;
}

}  // namespace

TopKBarChart::TopKBarChart(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("topkPlot"));
    applyBaseStyle(plot_);
    plot_->setToolTip(tr("The model's most likely next tokens with their probabilities. "
                         "␣ marks a space: “␣Paris” and “Paris” are different tokens."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);

    plot_->plotLayout()->insertRow(0);
    QFont titleFont = font();
    titleFont.setBold(true);
    plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, tr("Next-token distribution"), titleFont));

    // Rows on the vertical key axis, most likely on top.
    plot_->yAxis->setRangeReversed(true);
    plot_->yAxis->grid()->setVisible(false);
    plot_->yAxis->setSubTicks(false);
    plot_->yAxis->setTickLength(0, 0);
    plot_->xAxis->setTicker(QSharedPointer<PercentTicker>::create());
    plot_->xAxis->setLabel(tr("probability of being the next token"));

    // Added first so that, within a row, the reference bar sits above the current one.
    comparisonBars_ = new QCPBars(plot_->yAxis, plot_->xAxis);
    comparisonBars_->setPen(Qt::NoPen);
    comparisonBars_->setBrush(palette::before);
    bars_ = new QCPBars(plot_->yAxis, plot_->xAxis);
    bars_->setPen(Qt::NoPen);
    bars_->setBrush(palette::after);
    auto* group = new QCPBarsGroup(plot_);
    group->setSpacing(0);
    bars_->setBarsGroup(group);

    plot_->axisRect()->insetLayout()->take(plot_->legend);  // shown under the title (showLegendRow)
    plot_->axisRect()->insetLayout()->simplify();
    plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot_->legend->setBorderPen(Qt::NoPen);

    connect(plot_, &QCustomPlot::mousePress, this, &TopKBarChart::onMousePress);
    connect(plot_, &QCustomPlot::afterLayout, this, &TopKBarChart::placeLabels);
    rebuild();
}

void TopKBarChart::setDistribution(const QStringList& tokens, const QVector<double>& probs, const QString& name)
{
    tokens_ = tokens.mid(0, std::min(tokens.size(), probs.size()));
    probs_ = probs.mid(0, tokens_.size());
    name_ = name;
    rebuild();
}

void TopKBarChart::setComparison(const QStringList& tokens, const QVector<double>& probs, const QString& name)
{
    comparisonTokens_ = tokens.mid(0, std::min(tokens.size(), probs.size()));
    comparisonProbs_ = probs.mid(0, comparisonTokens_.size());
    comparisonName_ = name;
    rebuild();
}

void TopKBarChart::clearComparison() { setComparison({}, {}); }

void TopKBarChart::clear()
{
    tokens_.clear();
    probs_.clear();
    comparisonTokens_.clear();
    comparisonProbs_.clear();
    rebuild();
}

void TopKBarChart::setTitle(const QString& title)
{
    if (auto* element = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0)))
        element->setText(title);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

double TopKBarChart::probability(int row) const
{
    return row >= 0 && row < rows_.size() ? lookup(tokens_, probs_, rows_[row]) : kNaN;
}

double TopKBarChart::comparisonProbability(int row) const
{
    return row >= 0 && row < rows_.size() ? lookup(comparisonTokens_, comparisonProbs_, rows_[row]) : kNaN;
}

QString TopKBarChart::valueText(int row) const
{
    const double p = probability(row);
    const QString now = std::isnan(p) ? tr("not in top-k") : formatProbability(p);
    if (!hasComparison())
        return now;
    const double before = comparisonProbability(row);
    return (std::isnan(before) ? tr("not in top-k") : formatProbability(before)) + u" → "_s + now;
}

QString TopKBarChart::changeText(int row) const
{
    const double p = probability(row);
    const double before = comparisonProbability(row);
    if (!hasComparison() || std::isnan(p) || std::isnan(before))
        return {};
    const double pp = 100.0 * (p - before);
    // Rounded first: a change below 0.05 pp reads "±0.0 pp", never "-0.0 pp".
    const QString digits = QString::number(std::abs(pp), 'f', 1);
    if (digits == u"0.0"_s)
        return u"±0.0 pp"_s;
    return (pp > 0 ? u"+"_s : u"-"_s) + digits + u" pp"_s;
}

QString TopKBarChart::rowLabel(int row) const
{
    if (row < 0 || row >= rows_.size())
        return {};
    const QString change = changeText(row);
    return change.isEmpty() ? valueText(row) : valueText(row) + u"  "_s + change;
}

QRectF TopKBarChart::rowLabelRect(int row) const
{
    if (row < 0 || row >= labels_.size())
        return {};
    const RowLabel& l = labels_[row];
    QRectF r(l.value->topLeft->pixelPosition(), l.value->bottomRight->pixelPosition());
    if (l.change)
        r = r.united(QRectF(l.change->topLeft->pixelPosition(), l.change->bottomRight->pixelPosition()));
    return r;
}

int TopKBarChart::rowAt(const QPoint& plotPixel) const
{
    if (!plot_->axisRect()->rect().contains(plotPixel))
        return -1;
    const int row = int(std::lround(plot_->yAxis->pixelToCoord(plotPixel.y())));
    return row >= 0 && row < rows_.size() ? row : -1;
}

QSize TopKBarChart::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    const int rows = std::max(int(rows_.size()), 5);
    // Title, legend, tick labels and axis label: measured on the last layout when there was one.
    int chrome = 5 * fm.lineSpacing() + 16;
    if (plot_->axisRect()->height() > 0 && plot_->height() > plot_->axisRect()->height())
        chrome = std::max(chrome, plot_->height() - plot_->axisRect()->height());
    return {240, chrome + rows * (fm.height() + 3)};
}

bool TopKBarChart::exportTo(const QString& path, const QSize& size) const
{
    return exportPlot(plot_, path, size);
}

void TopKBarChart::onMousePress(QMouseEvent* event)
{
    const int row = rowAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && row >= 0)
        Q_EMIT tokenActivated(row, rows_[row]);
}

QCPItemText* TopKBarChart::addLabel(const QString& text, const QColor& color)
{
    auto* label = new QCPItemText(plot_);
    label->setClipToAxisRect(false);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    label->position->setType(QCPItemPosition::ptAbsolute);  // placed in pixels by placeLabels()
    label->setPadding(QMargins(3, 0, 3, 0));
    label->setText(text);
    label->setColor(color);
    label->setPen(Qt::NoPen);
    return label;
}

void TopKBarChart::placeLabels()
{
    QCPAxisRect* rect = plot_->axisRect();
    // The minimum height counts the space around the rows as last laid out
    // (the legend comes and goes with a comparison): ask again when it changed.
    const int chrome = plot_->height() - rect->height();
    if (chrome != lastChrome_) {
        lastChrome_ = chrome;
        updateGeometry();
    }
    const int right = rect->right() - 2;
    for (int row = 0; row < labels_.size(); ++row) {
        RowLabel& l = labels_[row];
        const QFontMetrics fm(l.value->font());
        const int valueWidth = fm.horizontalAdvance(l.value->text()) + 6;
        const int changeWidth =
            l.change ? QFontMetrics(l.change->font()).horizontalAdvance(l.change->text()) + 6 : 0;
        const int width = valueWidth + changeWidth;
        const double y = plot_->yAxis->coordToPixel(row);
        const double barEnd = plot_->xAxis->coordToPixel(l.end);
        // After the bars where there is room; else right-aligned over the bars'
        // end on a light backing, so the text stays legible on blue or grey.
        const bool outside = barEnd + 2 + width <= right;
        const double x = outside ? barEnd + 2 : std::max<double>(rect->left() + 2, right - width);
        const QBrush backing = outside ? QBrush(Qt::NoBrush) : QBrush(QColor(255, 255, 255, 225));
        l.value->position->setCoords(x, y);
        l.value->setBrush(backing);
        if (l.change) {
            l.change->position->setCoords(x + valueWidth, y);
            l.change->setBrush(backing);
        }
    }
    // Laid out after the replot's tinting (afterLayout): the new backings get the ground's colours now.
    tintPlot(plot_, PlotTheme::instance()->dark());
}

void TopKBarChart::rebuild()
{
    rows_ = tokens_;
    for (const QString& token : std::as_const(comparisonTokens_))
        if (!rows_.contains(token))
            rows_ << token;
    const bool compare = hasComparison();

    bars_->data()->clear();
    comparisonBars_->data()->clear();
    plot_->clearItems();
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double maxP = 0.0;
    labels_.clear();
    for (int row = 0; row < rows_.size(); ++row) {
        ticker->addTick(row, visibleToken(rows_[row]));
        const double p = probability(row);
        const double before = comparisonProbability(row);
        if (!std::isnan(p))
            bars_->addData(row, p);
        if (compare && !std::isnan(before))
            comparisonBars_->addData(row, before);
        const double end = std::max(std::isnan(p) ? 0.0 : p, compare && !std::isnan(before) ? before : 0.0);
        maxP = std::max(maxP, end);

        // One label per row, centred on the row (both bars of a pair share it).
        RowLabel label;
        label.end = end;
        label.value = addLabel(valueText(row), std::isnan(p) ? palette::subtleText : palette::text);
        const QString change = changeText(row);
        if (!change.isEmpty()) {
            // The change gets its own item so it can carry the colour of its sign.
            const double pp = p - before;
            label.change = addLabel(change, change.startsWith(u"±"_s) ? palette::subtleText
                                            : pp > 0                  ? palette::gain
                                                                      : palette::loss);
            QFont bold = label.change->font();
            bold.setBold(true);
            label.change->setFont(bold);
        }
        labels_ << label;
    }
    plot_->yAxis->setTicker(ticker);
    plot_->yAxis->setRange(-0.5, std::max<double>(rows_.size(), 1) - 0.5);
    // Bars use at most ~65% of the width so the labels after them fit, but the
    // axis never runs past 100 %: a probability cannot (labels of longer bars
    // go over the bars' end, placeLabels()).
    plot_->xAxis->setRange(0, maxP > 0 ? std::min(1.0, maxP / 0.65) : 1.0);

    bars_->setWidth(compare ? kPairWidth : kSingleWidth);
    comparisonBars_->setWidth(kPairWidth);
    comparisonBars_->setBarsGroup(compare ? bars_->barsGroup() : nullptr);
    comparisonBars_->setVisible(compare);
    // The group orders bars by when they joined; keep the reference first.
    if (compare) {
        QCPBarsGroup* group = bars_->barsGroup();
        bars_->setBarsGroup(nullptr);
        bars_->setBarsGroup(group);
    }
    bars_->setName(name_.isEmpty() ? tr("after") : name_);
    comparisonBars_->setName(comparisonName_.isEmpty() ? tr("before") : comparisonName_);
    showLegendRow(plot_, compare);
    comparisonBars_->removeFromLegend();
    bars_->removeFromLegend();
    if (compare) {
        comparisonBars_->addToLegend();
        bars_->addToLegend();
    }
    updateGeometry();  // the minimum height follows the rows
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace lancet::widgets
