#include "trace_heatmap.h"

#include "plot_style.h"
#include "plot_theme.h"
#include "qcp.h"
#include "token_text.h"

#include <QEvent>
#include <QFontMetrics>
#include <QResizeEvent>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

using namespace Qt::StringLiterals;

namespace lancet::widgets {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The paper's sequential ramps, or colour-blind-safe ones (plot_theme.h).
QCPColorGradient gradientFor(TraceHeatmap::Kind kind)
{
    const int map = kind == TraceHeatmap::Kind::Mlp ? 1 : kind == TraceHeatmap::Kind::Attention ? 2 : 0;
    const QVector<QColor> ramp = heatRamp(PlotTheme::instance()->heatScheme(), map);
    QMap<double, QColor> stops;
    for (int i = 0; i < ramp.size(); ++i)
        stops.insert(i / double(ramp.size() - 1), ramp[i]);
    QCPColorGradient gradient;
    gradient.setColorStops(stops);
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    // White means "no effect", so not-yet-computed cells must not be white
    // (or transparent on white): a neutral grey shows the map filling in.
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(0xd9, 0xd9, 0xd9));
    return gradient;
}

QString kindWord(TraceHeatmap::Kind kind)
{
    switch (kind) {
    case TraceHeatmap::Kind::Mlp: return QStringLiteral("MLP");
    case TraceHeatmap::Kind::Attention: return QStringLiteral("Attn");
    case TraceHeatmap::Kind::Hidden: break;
    }
    return QStringLiteral("state");
}

// Layers the reference tracer restores for a window centred on `layer`
// (rome `trace_important_window`): [layer - w/2, layer + ceil(w/2)), clamped.
void windowSpan(int layer, int window, int layers, int* first, int* last)
{
    *first = std::max(0, layer - window / 2);
    *last = std::min(layers, layer + (window + 1) / 2) - 1;
}

// A colour-map axis of n cells. QCPColorMap draws a 1-cell axis with zero
// width, so a single cell is stored twice over [-0.25, 0.25]; the half-cell
// margins QCPColorMap adds then cover [-0.5, 0.5] like any other cell.
int storedSize(int n) { return n == 1 ? 2 : std::max(n, 0); }
QCPRange storedRange(int n) { return n == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, std::max(n - 1, 0)); }

}  // namespace

TraceHeatmap::TraceHeatmap(QWidget* parent)
    : QWidget(parent), low_(kNaN), high_(kNaN)
{
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("traceHeatmapPlot"));
    applyBaseStyle(plot_);
    plot_->installEventFilter(this);

    readout_ = new QLabel(this);
    readout_->setObjectName(QStringLiteral("traceHeatmapReadout"));
    readout_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    readout_->setContentsMargins(6, 2, 6, 4);
    readout_->setToolTip(tr("effect = p − low: how much of the answer's probability that the "
                            "corruption destroyed comes back when only this state is restored. "
                            "Large effects mark where the model recalls the fact."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_, 1);
    layout->addWidget(readout_);

    // The QCustomPlot colour-map recipe: map in the axis rect at (0,0), scale
    // beside it at (0,1), one margin group so their tops and bottoms align.
    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setInterpolate(false);  // cells are discrete (token, layer) sites
    map_->setTightBoundary(false);
    scale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    scale_->setBarWidth(10);
    map_->setColorScale(scale_);
    auto* margins = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    scale_->setMarginGroup(QCP::msTop | QCP::msBottom, margins);

    // Title above the axis rect (row 0); the map and scale move to row 1.
    plot_->plotLayout()->insertRow(0);
    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() + 1);
    title_ = new QCPTextElement(plot_, QString(), titleFont);
    plot_->plotLayout()->addElement(0, 0, title_);

    plot_->yAxis->setRangeReversed(true);  // prompt order reads top to bottom
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        axis->grid()->setVisible(false);
        axis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
        axis->setSubTicks(false);
    }

    // Two nested rectangles (black outside, white inside) stay visible on
    // every colour of every ramp, from white to the darkest purple.
    selectionOuter_ = new QCPItemRect(plot_);
    selectionOuter_->setPen(QPen(Qt::black, 3));
    selectionInner_ = new QCPItemRect(plot_);
    selectionInner_->setPen(QPen(Qt::white, 1));
    for (QCPItemRect* item : {selectionOuter_, selectionInner_}) {
        item->setBrush(Qt::NoBrush);
        item->setSelectable(false);
        item->setVisible(false);
    }

    connect(plot_, &QCustomPlot::mousePress, this, &TraceHeatmap::onMousePress);
    connect(plot_, &QCustomPlot::mouseMove, this, &TraceHeatmap::onMouseMove);
    connect(plot_, &QCustomPlot::afterReplot, this, &TraceHeatmap::fitTexts);
    // Settings ▸ heat-map colours: maps on screen take the new ramp at once.
    connect(PlotTheme::instance(), &PlotTheme::changed, this, [this] {
        const QCPColorGradient gradient = gradientFor(kind_);
        map_->setGradient(gradient);
        scale_->setGradient(gradient);
        scheduleReplot();
    });

    setup({}, 0, 0, 0, Kind::Hidden, 1, QString());
}

void TraceHeatmap::setup(const QStringList& tokens, int subjectBegin, int subjectEnd, int layers,
                         Kind kind, int window, const QString& answer)
{
    tokens_ = tokens;
    subjectBegin_ = std::clamp(subjectBegin, 0, int(tokens.size()));
    subjectEnd_ = std::clamp(subjectEnd, subjectBegin_, int(tokens.size()));
    layers_ = std::max(layers, 0);
    kind_ = kind;
    window_ = std::max(window, 1);
    answer_ = answer;
    partial_ = false;

    const QCPColorGradient gradient = gradientFor(kind_);
    map_->setGradient(gradient);
    scale_->setGradient(gradient);
    // Before a trace there is no answer yet: "p(answer)", not "p(∅)".
    scale_->axis()->setLabel(!customScaleLabel_.isEmpty()  ? customScaleLabel_
                             : answer_.trimmed().isEmpty() ? tr("p(answer)")
                                                           : tr("p(%1)").arg(visibleToken(answer_.trimmed())));

    map_->data()->setSize(storedSize(layers_), storedSize(int(tokens_.size())));
    map_->data()->setRange(storedRange(layers_), storedRange(int(tokens_.size())));
    rebuildAxes();
    clear();
    updateGeometry();  // the minimum height follows the number of tokens
}

void TraceHeatmap::setScores(double low, double high)
{
    low_ = low;
    high_ = high;
    updateDataRange();
    scheduleReplot();
}

void TraceHeatmap::setCell(int token, int layer, double prob)
{
    writeCell(token, layer, prob);
    updateDataRange();
    scheduleReplot();
}

void TraceHeatmap::setRow(int token, const QVector<double>& probsPerLayer)
{
    const int n = std::min(int(probsPerLayer.size()), layers_);
    for (int layer = 0; layer < n; ++layer)
        writeCell(token, layer, probsPerLayer[layer]);
    updateDataRange();
    scheduleReplot();
}

void TraceHeatmap::setColumn(int layer, const QVector<double>& probsPerToken)
{
    const int n = std::min(int(probsPerToken.size()), int(tokens_.size()));
    for (int token = 0; token < n; ++token)
        writeCell(token, layer, probsPerToken[token]);
    updateDataRange();
    scheduleReplot();
}

void TraceHeatmap::clear()
{
    values_.fill(kNaN, tokens_.size() * layers_);
    computed_ = 0;
    low_ = kNaN;
    high_ = kNaN;
    map_->data()->fill(kNaN);
    selectCell(-1, -1);
    hoverToken_ = hoverLayer_ = -1;
    readout_->setText(!idleText_.isEmpty() ? idleText_
                                           : tr("Hover a cell to read its probability; click it to select it."));
    updateTitle();
    updateDataRange();
    scheduleReplot();
}

void TraceHeatmap::setPartial(bool partial)
{
    partial_ = partial;
    updateTitle();
    scheduleReplot();
}

bool TraceHeatmap::isComplete() const
{
    return !values_.isEmpty() && computed_ == values_.size();
}

double TraceHeatmap::cellValue(int token, int layer) const
{
    if (token < 0 || token >= tokens_.size() || layer < 0 || layer >= layers_)
        return kNaN;
    return values_[token * layers_ + layer];
}

void TraceHeatmap::selectCell(int token, int layer)
{
    const bool valid = token >= 0 && token < tokens_.size() && layer >= 0 && layer < layers_;
    selectedToken_ = valid ? token : -1;
    selectedLayer_ = valid ? layer : -1;
    updateSelectionItems();
    scheduleReplot();
}

bool TraceHeatmap::cellAt(const QPoint& plotPixel, int* token, int* layer) const
{
    if (!plot_->axisRect()->rect().contains(plotPixel))
        return false;
    // Bin centres sit on integers, so rounding a coordinate gives its cell.
    const int l = int(std::lround(plot_->xAxis->pixelToCoord(plotPixel.x())));
    const int t = int(std::lround(plot_->yAxis->pixelToCoord(plotPixel.y())));
    if (t < 0 || t >= tokens_.size() || l < 0 || l >= layers_)
        return false;
    *token = t;
    *layer = l;
    return true;
}

QString TraceHeatmap::readoutText(int token, int layer) const
{
    if (token < 0 || token >= tokens_.size() || layer < 0 || layer >= layers_)
        return {};
    if (readoutFn_)
        return readoutFn_(token, layer, cellValue(token, layer));
    const bool subject = token >= subjectBegin_ && token < subjectEnd_;
    QString where = tr("token %1 “%2”%3 · layer %4")
                        .arg(token)
                        .arg(visibleToken(tokens_[token]), subject ? tr(" (subject)") : QString())
                        .arg(layer);
    if (kind_ != Kind::Hidden && window_ > 1) {
        int first = 0;
        int last = 0;
        windowSpan(layer, window_, layers_, &first, &last);
        where += tr(" (restores %1 layers %2–%3)").arg(kindWord(kind_)).arg(first).arg(last);
    }
    const double p = cellValue(token, layer);
    if (std::isnan(p))
        return where + u" · "_s + (partial_ ? tr("not computed (run cancelled)") : tr("not computed yet"));
    QString text = where + u" · "_s + tr("p = %1").arg(p, 0, 'f', 4);
    if (!std::isnan(low_)) {
        const double effect = p - low_;
        text += u" · "_s + tr("effect over low = %1%2").arg(effect >= 0 ? u"+"_s : QString()).arg(effect, 0, 'f', 4);
    }
    return text;
}

QString TraceHeatmap::hoverText() const { return readout_->text(); }

QString TraceHeatmap::titleText() const { return title_->text(); }

QString TraceHeatmap::xAxisLabel() const { return plot_->xAxis->label(); }

void TraceHeatmap::setXAxisLabel(const QString& label)
{
    customXLabel_ = label;
    rebuildAxes();
    scheduleReplot();
}

void TraceHeatmap::setScaleLabel(const QString& label)
{
    customScaleLabel_ = label;
    if (!label.isEmpty())
        scale_->axis()->setLabel(label);
    scheduleReplot();
}

void TraceHeatmap::setIdleText(const QString& text)
{
    idleText_ = text;
    if (hoverToken_ < 0 && !text.isEmpty())
        readout_->setText(text);
}

void TraceHeatmap::setReadout(Readout readout) { readoutFn_ = std::move(readout); }

void TraceHeatmap::setTitle(const QString& title)
{
    customTitle_ = title;
    updateTitle();
    scheduleReplot();
}

QSize TraceHeatmap::minimumSizeHint() const
{
    const QFontMetrics ticks(plot_->yAxis->tickLabelFont());
    const QFontMetrics titleFm(title_->font());
    const QFontMetrics labelFm(plot_->xAxis->labelFont());
    int labelWidth = ticks.horizontalAdvance(u"token*"_s);
    for (const QString& t : tokens_)
        labelWidth = std::max(labelWidth, ticks.horizontalAdvance(visibleToken(t) + u"*"_s));
    // Width: token labels, at least 12 px per layer (and 120 px of map), the
    // colour scale with its tick labels and title.
    const int scaleWidth = 10 + ticks.horizontalAdvance(u"0.88"_s) + labelFm.height() + 24;
    const int width = labelWidth + 16 + std::max(120, 12 * layers_) + scaleWidth;
    // Height: each token row at least one line of its label (they overprinted
    // at ~10 px a row), two title lines, the layer ticks, two x-label lines
    // and the read-out under the plot.
    const int rows = std::max(int(tokens_.size()), 6);
    // Everything around the map's rows: measured on the last layout when there
    // was one (title and label lines, tick labels, margins), else estimated.
    int chrome = 2 * titleFm.lineSpacing() + ticks.height() + 2 * labelFm.lineSpacing() + 40;
    if (plot_->axisRect()->height() > 0 && plot_->height() > plot_->axisRect()->height())
        chrome = std::max(chrome, plot_->height() - plot_->axisRect()->height());
    const int height = chrome + rows * (ticks.height() + 1) + readout_->minimumSizeHint().height();
    return {width, height};
}

void TraceHeatmap::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    scheduleReplot();  // afterReplot re-wraps the texts to the new width
}

void TraceHeatmap::fitTexts()
{
    // Unwrapped until laid out on screen; then the title spans the plot and
    // the x label its axis rect (as of the last layout: neither text changes
    // the width it is wrapped to, so one more replot settles it).
    const bool laidOut = isVisible() && plot_->axisRect()->width() > 0;
    if (laidOut && plot_->height() - plot_->axisRect()->height() != lastChrome_) {
        lastChrome_ = plot_->height() - plot_->axisRect()->height();
        updateGeometry();  // the minimum height counts the measured space around the rows
    }
    // The title sits in the map's column of the layout grid, which the colour
    // scale's column does not share: its width is that column's, not the plot's.
    const QString title =
        laidOut ? wrapToWidth(titleFull_, title_->font(), std::max(60, title_->outerRect().width() - 8)) : titleFull_;
    const QString label =
        laidOut ? wrapToWidth(xLabelFull_, plot_->xAxis->labelFont(), std::max(60, plot_->axisRect()->width())) : xLabelFull_;
    if (title == title_->text() && label == plot_->xAxis->label())
        return;
    title_->setText(title);
    plot_->xAxis->setLabel(label);
    updateGeometry();  // more lines around the map: the minimum height follows
    scheduleReplot();
}

bool TraceHeatmap::exportTo(const QString& path, const QSize& size) const
{
    // An export is a figure, not a screenshot: the selection frame is UI
    // state and stays out of it.
    const bool selected = selectionOuter_->visible();
    selectionOuter_->setVisible(false);
    selectionInner_->setVisible(false);
    const bool ok = exportPlot(plot_, path, size);
    selectionOuter_->setVisible(selected);
    selectionInner_->setVisible(selected);
    plot_->replot(QCustomPlot::rpQueuedReplot);
    return ok;
}

bool TraceHeatmap::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == plot_ && event->type() == QEvent::Leave && hoverToken_ >= 0) {
        hoverToken_ = hoverLayer_ = -1;
        Q_EMIT cellHovered(-1, -1);
    }
    return QWidget::eventFilter(watched, event);
}

void TraceHeatmap::onMousePress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    int token = -1;
    int layer = -1;
    if (!cellAt(event->position().toPoint(), &token, &layer))
        return;
    selectCell(token, layer);
    readout_->setText(readoutText(token, layer));
    Q_EMIT cellSelected(token, layer);
}

void TraceHeatmap::onMouseMove(QMouseEvent* event)
{
    int token = -1;
    int layer = -1;
    if (!cellAt(event->position().toPoint(), &token, &layer)) {
        if (hoverToken_ >= 0) {
            hoverToken_ = hoverLayer_ = -1;
            Q_EMIT cellHovered(-1, -1);
        }
        return;
    }
    if (token == hoverToken_ && layer == hoverLayer_)
        return;
    hoverToken_ = token;
    hoverLayer_ = layer;
    readout_->setText(readoutText(token, layer));
    Q_EMIT cellHovered(token, layer);
}

void TraceHeatmap::writeCell(int token, int layer, double prob)
{
    if (token < 0 || token >= tokens_.size() || layer < 0 || layer >= layers_)
        return;
    double& slot = values_[token * layers_ + layer];
    computed_ += int(std::isnan(slot)) - int(std::isnan(prob));
    slot = prob;
    // Mirror into the stored colour-map cells (two of them on a 1-cell axis).
    const int keyCopies = layers_ == 1 ? 2 : 1;
    const int valueCopies = tokens_.size() == 1 ? 2 : 1;
    for (int k = 0; k < keyCopies; ++k)
        for (int v = 0; v < valueCopies; ++v)
            map_->data()->setCell(layer + k, token + v, prob);
    if (hoverToken_ == token && hoverLayer_ == layer)
        readout_->setText(readoutText(token, layer));
}

void TraceHeatmap::rebuildAxes()
{
    auto yTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (int t = 0; t < tokens_.size(); ++t) {
        const bool subject = t >= subjectBegin_ && t < subjectEnd_;
        yTicker->addTick(t, visibleToken(tokens_[t]) + (subject ? u"*"_s : QString()));
    }
    plot_->yAxis->setTicker(yTicker);
    plot_->yAxis->setRange(-0.5, std::max<double>(tokens_.size(), 1) - 0.5);

    // Every 5 layers as in the paper; denser ticks when there are few layers.
    const int step = layers_ <= 12 ? 1 : layers_ <= 24 ? 2 : layers_ <= 100 ? 5 : 10;
    auto xTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (int l = 0; l < layers_; l += step)
        xTicker->addTick(l, QString::number(l));
    plot_->xAxis->setTicker(xTicker);
    plot_->xAxis->setRange(-0.5, std::max(layers_, 1) - 0.5);

    if (!customXLabel_.isEmpty())
        xLabelFull_ = customXLabel_;
    else if (kind_ == Kind::Hidden || window_ <= 1)
        xLabelFull_ = kind_ == Kind::Hidden ? tr("single restored layer")
                                            : tr("single restored %1 layer").arg(kindWord(kind_));
    else
        xLabelFull_ = tr("center of interval of %1 restored %2 layers").arg(window_).arg(kindWord(kind_));
    plot_->xAxis->setLabel(xLabelFull_);
    fitTexts();
}

void TraceHeatmap::updateTitle()
{
    QString title = !customTitle_.isEmpty() ? customTitle_
                    : kind_ == Kind::Hidden  ? tr("Impact of restoring state after corrupted input")
                                             : tr("Impact of restoring %1 after corrupted input").arg(kindWord(kind_));
    if (partial_)
        title += u" — "_s + tr("partial (cancelled)");
    titleFull_ = title;
    title_->setText(title);
    title_->setTextColor(partial_ ? palette::loss : palette::text);
    fitTexts();
}

void TraceHeatmap::updateDataRange()
{
    double maxCell = kNaN;
    double minCell = kNaN;
    for (const double v : std::as_const(values_)) {
        if (std::isnan(v))
            continue;
        maxCell = std::isnan(maxCell) ? v : std::max(maxCell, v);
        minCell = std::isnan(minCell) ? v : std::min(minCell, v);
    }
    // Floored at the corrupted score, as the paper's pcolor(vmin=low_score):
    // the colour then measures recovery, not raw probability. The top is the
    // map's own largest cell, as pcolor's default vmax: MLP and attention
    // windows restore only part of the answer (a few percent on the demo
    // model's Space Needle), and scaled to the clean score they were white,
    // hiding the early site the map is there to show. The colour bar says
    // what the darkest cell means; the clean score is the fallback before any cell.
    const double lower = !std::isnan(low_) ? low_ : !std::isnan(minCell) ? minCell : 0.0;
    double upper = std::isnan(maxCell) ? high_ : maxCell;
    if (std::isnan(upper) || upper <= lower)
        upper = lower + (std::isnan(upper) && std::isnan(low_) ? 1.0 : 1e-6);
    map_->setDataRange(QCPRange(lower, upper));
}

void TraceHeatmap::updateSelectionItems()
{
    const bool on = selectedToken_ >= 0;
    selectionOuter_->setVisible(on);
    selectionInner_->setVisible(on);
    if (!on)
        return;
    const double l = selectedLayer_;
    const double t = selectedToken_;
    selectionOuter_->topLeft->setCoords(l - 0.5, t - 0.5);
    selectionOuter_->bottomRight->setCoords(l + 0.5, t + 0.5);
    selectionInner_->topLeft->setCoords(l - 0.5, t - 0.5);
    selectionInner_->bottomRight->setCoords(l + 0.5, t + 0.5);
}

void TraceHeatmap::scheduleReplot()
{
    // Cells stream in faster than frames; a queued replot merges every update
    // made before the event loop runs again into one repaint.
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace lancet::widgets
