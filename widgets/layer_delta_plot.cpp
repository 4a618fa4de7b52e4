#include "layer_delta_plot.h"

#include "legend_row.h"
#include "plot_style.h"
#include "qcp.h"

#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

using namespace Qt::StringLiterals;

namespace lancet::widgets {

namespace {

// Okabe–Ito: distinguishable for the common colour-vision deficiencies.
QColor seriesColor(int i)
{
    static const QRgb colors[] = {0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7, 0xe69f00, 0x56b4e9, 0x000000};
    return QColor(colors[i % int(std::size(colors))]);
}

// Fixed notation hides tiny changes ("0.0000"); switch to scientific below 1e-3.
QString formatDelta(double v)
{
    const bool tiny = v != 0 && std::abs(v) < 1e-3;
    return QString::number(v, tiny ? 'e' : 'f', tiny ? 2 : 4);
}

}  // namespace

LayerDeltaPlot::LayerDeltaPlot(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("layerDeltaPlot"));
    applyBaseStyle(plot_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);

    plot_->plotLayout()->insertRow(0);
    QFont titleFont = font();
    titleFont.setBold(true);
    auto* title = new QCPTextElement(plot_, tr("How much each layer's weights changed"), titleFont);
    plot_->plotLayout()->addElement(0, 0, title);
    plot_->xAxis->setLabel(tr("layer"));
    plot_->yAxis->setLabel(tr("‖ΔW‖ / ‖W‖"));
    plot_->xAxis->grid()->setVisible(false);
    plot_->xAxis->setSubTicks(false);
    plot_->axisRect()->insetLayout()->take(plot_->legend);  // shown under the title (showLegendRow)
    plot_->axisRect()->insetLayout()->simplify();
    plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot_->legend->setBorderPen(Qt::NoPen);

    connect(plot_, &QCustomPlot::mousePress, this, &LayerDeltaPlot::onMousePress);
    connect(plot_, &QCustomPlot::mouseMove, this, &LayerDeltaPlot::onMouseMove);
    rebuild();
}

void LayerDeltaPlot::setLayerCount(int layers)
{
    layers_ = std::max(layers, 0);
    rebuild();
}

void LayerDeltaPlot::setSeries(const QString& matrix, const QVector<double>& relativeChangePerLayer)
{
    const int i = int(names_.indexOf(matrix));
    if (i >= 0) {
        values_[i] = relativeChangePerLayer;
    } else {
        names_ << matrix;
        values_ << relativeChangePerLayer;
    }
    layers_ = std::max(layers_, int(relativeChangePerLayer.size()));
    rebuild();
}

void LayerDeltaPlot::removeSeries(const QString& matrix)
{
    const int i = int(names_.indexOf(matrix));
    if (i < 0)
        return;
    names_.removeAt(i);
    values_.removeAt(i);
    rebuild();
}

void LayerDeltaPlot::clear()
{
    names_.clear();
    values_.clear();
    rebuild();
}

void LayerDeltaPlot::setLogScale(bool on)
{
    log_ = on;
    rebuild();
}

void LayerDeltaPlot::setStyle(Style style)
{
    style_ = style;
    rebuild();
}

void LayerDeltaPlot::setTitle(const QString& title)
{
    if (auto* element = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0)))
        element->setText(title);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QVector<double> LayerDeltaPlot::seriesValues(const QString& matrix) const
{
    const int i = int(names_.indexOf(matrix));
    return i >= 0 ? values_[i] : QVector<double>{};
}

QCPAbstractPlottable* LayerDeltaPlot::plottable(const QString& matrix) const
{
    const int i = int(names_.indexOf(matrix));
    return i >= 0 && i < plottables_.size() ? plottables_[i] : nullptr;
}

int LayerDeltaPlot::layerAt(const QPoint& plotPixel) const
{
    if (!plot_->axisRect()->rect().contains(plotPixel))
        return -1;
    const int layer = int(std::lround(plot_->xAxis->pixelToCoord(plotPixel.x())));
    return layer >= 0 && layer < layers_ ? layer : -1;
}

QString LayerDeltaPlot::readoutText(int layer) const
{
    if (layer < 0 || layer >= layers_)
        return {};
    QStringList lines{tr("layer %1").arg(layer)};
    for (int i = 0; i < names_.size(); ++i) {
        const double v = layer < values_[i].size() ? values_[i][layer] : std::numeric_limits<double>::quiet_NaN();
        lines << names_[i] + u": "_s + (std::isnan(v) ? u"—"_s : formatDelta(v));
    }
    return lines.join(u'\n');
}

bool LayerDeltaPlot::exportTo(const QString& path, const QSize& size) const
{
    return exportPlot(plot_, path, size);
}

void LayerDeltaPlot::onMousePress(QMouseEvent* event)
{
    const int layer = layerAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && layer >= 0)
        Q_EMIT layerActivated(layer);
}

void LayerDeltaPlot::onMouseMove(QMouseEvent* event)
{
    const int layer = layerAt(event->position().toPoint());
    if (layer == hovered_)
        return;
    hovered_ = layer;
    if (layer >= 0 && !names_.isEmpty())
        QToolTip::showText(event->globalPosition().toPoint(),
                           readoutText(layer) + u"\n\n"_s +
                               tr("‖ΔW‖/‖W‖ is the size of the change relative to the weights.\n"
                                  "ROME changes one matrix in one layer; MEMIT a few layers; a merge all of them."),
                           plot_);
    else
        QToolTip::hideText();
}

void LayerDeltaPlot::rebuild()
{
    plot_->clearPlottables();
    plottables_.clear();

    // Bounds of the data: zeros (untouched layers) cannot sit on a log axis,
    // so the log view starts one decade below the smallest non-zero change.
    double maxV = 0.0;
    double minPositive = std::numeric_limits<double>::infinity();
    for (const QVector<double>& series : std::as_const(values_))
        for (const double v : series)
            if (std::isfinite(v) && v > 0) {
                maxV = std::max(maxV, v);
                minPositive = std::min(minPositive, v);
            }
    const double logFloor =
        std::isfinite(minPositive) ? std::pow(10.0, std::floor(std::log10(minPositive)) - 1) : 1e-6;

    QCPBarsGroup* group = nullptr;
    const int n = int(names_.size());
    for (int i = 0; i < n; ++i) {
        QCPAbstractPlottable* p = nullptr;
        const QColor color = seriesColor(i);
        if (style_ == Style::Bars) {
            auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
            bars->setWidth(0.8 / std::max(n, 1));
            bars->setPen(Qt::NoPen);
            bars->setBrush(color);
            if (log_)
                bars->setBaseValue(logFloor);
            if (n > 1) {
                if (!group) {
                    group = new QCPBarsGroup(plot_);
                    group->setSpacing(0);
                }
                bars->setBarsGroup(group);
            }
            for (int layer = 0; layer < values_[i].size(); ++layer) {
                const double v = values_[i][layer];
                if (std::isfinite(v) && (!log_ || v > 0))
                    bars->addData(layer, v);
            }
            p = bars;
        } else {
            auto* graph = plot_->addGraph(plot_->xAxis, plot_->yAxis);
            graph->setPen(QPen(color, 2));
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 6));
            for (int layer = 0; layer < values_[i].size(); ++layer) {
                const double v = values_[i][layer];
                // NaN leaves a gap: a zero has no place on a log axis.
                const bool drawable = std::isfinite(v) && (!log_ || v > 0);
                graph->addData(layer, drawable ? v : std::numeric_limits<double>::quiet_NaN());
            }
            p = graph;
        }
        p->setName(names_[i]);
        plottables_ << p;
    }
    showLegendRow(plot_, n > 0);

    if (log_) {
        plot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        plot_->yAxis->setNumberFormat(u"eb"_s);  // 10⁻³ style, readable over decades
        plot_->yAxis->setNumberPrecision(0);
        plot_->yAxis->setRange(logFloor, maxV > 0 ? maxV * 3 : 1.0);
    } else {
        plot_->yAxis->setScaleType(QCPAxis::stLinear);
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        plot_->yAxis->setNumberFormat(u"gb"_s);
        plot_->yAxis->setNumberPrecision(3);
        plot_->yAxis->setRange(0, maxV > 0 ? maxV * 1.15 : 1.0);
    }

    const int step = layers_ <= 12 ? 1 : layers_ <= 24 ? 2 : layers_ <= 100 ? 5 : 10;
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int l = 0; l < layers_; l += step)
        ticker->addTick(l, QString::number(l));
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setRange(-0.5, std::max(layers_, 1) - 0.5);

    plot_->setToolTip(names_.isEmpty() ? tr("No weight change to show yet: apply an edit or a merge.") : QString());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace lancet::widgets
