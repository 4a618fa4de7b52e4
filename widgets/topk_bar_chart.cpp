#include "topk_bar_chart.h"

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

QString TopKBarChart::rowLabel(int row) const
{
    if (row < 0 || row >= rows_.size())
        return {};
    const double p = probability(row);
    QString label = std::isnan(p) ? tr("not in top-k") : formatProbability(p);
    if (!hasComparison())
        return label;
    const double before = comparisonProbability(row);
    if (!std::isnan(p) && !std::isnan(before)) {
        const double pp = 100.0 * (p - before);
        label += u"  "_s + (pp >= 0 ? u"+"_s : QString()) + QString::number(pp, 'f', 1) + u" pp"_s;
    }
    return label;
}

int TopKBarChart::rowAt(const QPoint& plotPixel) const
{
    if (!plot_->axisRect()->rect().contains(plotPixel))
        return -1;
    const int row = int(std::lround(plot_->yAxis->pixelToCoord(plotPixel.y())));
    return row >= 0 && row < rows_.size() ? row : -1;
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

QCPItemText* TopKBarChart::addBarLabel(double value, double key, const QString& text, const QColor& color)
{
    auto* label = new QCPItemText(plot_);
    label->setClipToAxisRect(false);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    label->position->setCoords(value, key);
    label->setPadding(QMargins(4, 0, 0, 0));
    label->setText(text);
    label->setColor(color);
    return label;
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
    for (int row = 0; row < rows_.size(); ++row) {
        ticker->addTick(row, visibleToken(rows_[row]));
        const double p = probability(row);
        const double before = comparisonProbability(row);
        if (!std::isnan(p))
            bars_->addData(row, p);
        if (compare && !std::isnan(before))
            comparisonBars_->addData(row, before);
        maxP = std::max({maxP, std::isnan(p) ? 0.0 : p, std::isnan(before) ? 0.0 : before});

        // Labels just past the end of each bar; the value axis leaves room for them.
        const QString text = std::isnan(p) ? tr("not in top-k") : formatProbability(p);
        QCPItemText* label = addBarLabel(std::isnan(p) ? 0.0 : p, row + (compare ? kPairWidth / 2 : 0.0), text,
                                         std::isnan(p) ? palette::subtleText : palette::text);
        if (compare && !std::isnan(p) && !std::isnan(before)) {
            // The change gets its own item so it can carry the colour of its sign.
            const double pp = 100.0 * (p - before);
            QCPItemText* delta = addBarLabel(p, row + kPairWidth / 2,
                                             (pp >= 0 ? u"+"_s : QString()) + QString::number(pp, 'f', 1) + u" pp"_s,
                                             pp >= 0 ? palette::gain : palette::loss);
            QFont bold = delta->font();
            bold.setBold(true);
            delta->setFont(bold);
            delta->setPadding(QMargins(10 + QFontMetrics(label->font()).horizontalAdvance(text), 0, 0, 0));
        }
        if (compare)
            addBarLabel(std::isnan(before) ? 0.0 : before, row - kPairWidth / 2,
                        std::isnan(before) ? tr("not in top-k") : formatProbability(before), palette::subtleText);
    }
    plot_->yAxis->setTicker(ticker);
    plot_->yAxis->setRange(-0.5, std::max<double>(rows_.size(), 1) - 0.5);
    // Bars use at most ~65% of the width so the labels after them fit.
    plot_->xAxis->setRange(0, maxP > 0 ? std::min(1.0, maxP) / 0.65 : 1.0);

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
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace lancet::widgets
