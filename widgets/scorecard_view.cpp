#include "scorecard_view.h"

#include "plot_style.h"
#include "qcp.h"

#include <QFontMetrics>
#include <QResizeEvent>
#include <QShowEvent>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lancet::widgets {

namespace {

constexpr double kBarWidth = 0.7;
constexpr double kHeadroom = 1.22;  // room above a full bar for its number
constexpr int kPanelSpacing = 8;     // pixels between panels

double inferScale(const ScoreRow& row)
{
    if (row.fullScale > 0)
        return row.fullScale;
    const double m = std::max(std::isnan(row.before) ? 0.0 : row.before, std::isnan(row.after) ? 0.0 : row.after);
    if (m <= 1.0)
        return 1.0;
    if (m <= 100.0)
        return 100.0;
    // A round number above the data: 1, 2, 2.5 or 5 times a power of ten.
    const double decade = std::pow(10.0, std::floor(std::log10(m)));
    for (const double f : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (f * decade >= m)
            return f * decade;
    return 10 * decade;
}

QString formatScore(double v, double scale)
{
    if (std::isnan(v))
        return QStringLiteral("—");
    // Three decimals for fractions; none from 100 up (fluency ×100 reads
    // "627", not "626.6", and stays inside its bar); one otherwise.
    return QString::number(v, 'f', scale <= 1.0 ? 3 : std::abs(v) >= 100 ? 0 : 1);
}

// The change between before and after, at the numbers' own precision. A
// difference that rounds to zero ("-0.000" from -0.0002, or an exact -0.0)
// reads "±0.000" in a neutral colour: no sign for a change too small to show.
// Returns the sign: +1, -1, or 0 for "no visible change".
int formatChange(double delta, double scale, QString* text)
{
    const QString magnitude = formatScore(std::abs(delta), scale);
    bool zero = true;
    for (const QChar c : magnitude)
        if (c.isDigit() && c != u'0')
            zero = false;
    if (zero) {
        *text = u"±"_s + magnitude;
        return 0;
    }
    *text = (delta > 0 ? u"+"_s : u"-"_s) + magnitude;
    return delta > 0 ? 1 : -1;
}

// Long protocol names ("EasyEdit portability acc.") would set the width of
// their column; two short lines keep the panels equally wide.
QString wrapCaption(const QString& text)
{
    if (text.size() <= 20)
        return text;
    int best = -1;
    for (int i = 0; i < text.size(); ++i)
        if (text[i] == u' ' && (best < 0 || std::abs(i - text.size() / 2) < std::abs(best - text.size() / 2)))
            best = i;
    if (best < 0)
        return text;
    QString wrapped = text;
    wrapped[best] = u'\n';
    return wrapped;
}

QCPItemText* addLabel(QCustomPlot* plot, QCPAxisRect* rect, const QString& text, const QColor& color)
{
    auto* item = new QCPItemText(plot);
    item->setClipToAxisRect(false);  // a number is never cut off at the panel edge
    item->position->setAxisRect(rect);
    item->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    item->setText(text);
    item->setColor(color);
    return item;
}

}  // namespace

ScorecardView::ScorecardView(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("scorecardPlot"));
    applyBaseStyle(plot_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    title_ = tr("Edit scorecard: before vs after");
    emptyMessage_ = tr("No scores yet: apply an edit and run the evaluation.");
    beforeName_ = tr("before");
    afterName_ = tr("after");
    connect(plot_, &QCustomPlot::mousePress, this, &ScorecardView::onMousePress);
    connect(plot_, &QCustomPlot::mouseMove, this, &ScorecardView::onMouseMove);
    rebuild();
}

void ScorecardView::setSeriesNames(const QString& before, const QString& after)
{
    beforeName_ = before;
    afterName_ = after;
    rebuild();
}

void ScorecardView::setMetrics(const QVector<ScoreRow>& rows)
{
    rows_ = rows;
    active_ = -1;
    rebuild();
}

void ScorecardView::setEmptyMessage(const QString& message)
{
    emptyMessage_ = message;
    rebuild();
}

void ScorecardView::setTitle(const QString& title)
{
    title_ = title;
    rebuild();
}

int ScorecardView::metricIndex(const QString& key) const
{
    for (int i = 0; i < rows_.size(); ++i)
        if (rows_[i].key == key)
            return i;
    return -1;
}

int ScorecardView::metricAt(const QPoint& plotPixel) const
{
    for (int i = 0; i < panels_.size(); ++i)
        if (panels_[i].rect->rect().contains(plotPixel))
            return i;
    return -1;
}

QString ScorecardView::toolTipFor(int metric) const
{
    if (metric < 0 || metric >= rows_.size())
        return {};
    const ScoreRow& row = rows_[metric];
    const double scale = inferScale(row);
    QString html = u"<b>"_s + row.label.toHtmlEscaped() + u"</b>"_s;
    if (!row.protocol.isEmpty())
        html += u" — "_s + row.protocol.toHtmlEscaped();
    if (!row.tooltip.isEmpty())
        html += u"<br>"_s + row.tooltip.toHtmlEscaped();
    html += u"<br>"_s + tr("%1 %2 → %3 %4")
                              .arg(beforeName_.toHtmlEscaped(), formatScore(row.before, scale),
                                   afterName_.toHtmlEscaped(), formatScore(row.after, scale));
    if (!row.detailPrompts.isEmpty())
        html += u"<br><i>"_s + tr("Click to see the %n prompt(s) behind this number.", nullptr,
                                  int(row.detailPrompts.size())) + u"</i>"_s;
    return html;
}

QString ScorecardView::valueText(int metric, bool after) const
{
    if (metric < 0 || metric >= rows_.size())
        return {};
    const ScoreRow& row = rows_[metric];
    return formatScore(after ? row.after : row.before, inferScale(row));
}

QString ScorecardView::changeText(int metric) const
{
    return metric >= 0 && metric < panels_.size() ? panels_[metric].changeText : QString();
}

void ScorecardView::setActiveMetric(int metric)
{
    active_ = metric >= 0 && metric < panels_.size() ? metric : -1;
    for (int i = 0; i < panels_.size(); ++i)
        panels_[i].rect->setBackground(i == active_ ? QBrush(QColor(0xe8, 0xf1, 0xfa)) : QBrush(Qt::NoBrush));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QSize ScorecardView::minimumSizeHint() const
{
    // A panel must fit its axis labels and two printed numbers side by side
    // (~120 px in a 9-10 pt font), and the view its text rows (title, legend,
    // two-line panel titles and changes, captions) above bars that still read:
    // both grow with the font.
    const QFontMetrics fm(font());
    const int panel = std::max(120, 2 * fm.horizontalAdvance(u"0.000"_s) + fm.horizontalAdvance(u"0.75"_s) + 30);
    if (rows_.isEmpty()) {
        // Only the title and "No scores yet": a short screen keeps its height
        // for the chart and the maps until there is something to show.
        return {2 * panel, 3 * fm.lineSpacing() + 24};
    }
    const int height = std::max(220, 9 * fm.lineSpacing() + 100);
    return {std::max(int(rows_.size()), 2) * panel, height};
}

bool ScorecardView::exportTo(const QString& path, const QSize& size) const
{
    return exportPlot(plot_, path, size);
}

QCPAxisRect* ScorecardView::panel(int metric) const
{
    return metric >= 0 && metric < panels_.size() ? panels_[metric].rect : nullptr;
}

QCPBars* ScorecardView::beforeBars(int metric) const
{
    return metric >= 0 && metric < panels_.size() ? panels_[metric].before : nullptr;
}

QCPBars* ScorecardView::afterBars(int metric) const
{
    return metric >= 0 && metric < panels_.size() ? panels_[metric].after : nullptr;
}

void ScorecardView::onMousePress(QMouseEvent* event)
{
    const int metric = metricAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || metric < 0)
        return;
    setActiveMetric(metric);
    Q_EMIT metricActivated(rows_[metric].key);
}

void ScorecardView::onMouseMove(QMouseEvent* event)
{
    const int metric = metricAt(event->position().toPoint());
    if (metric == hovered_)
        return;
    hovered_ = metric;
    plot_->setCursor(metric >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    if (metric >= 0)
        QToolTip::showText(event->globalPosition().toPoint(), toolTipFor(metric), plot_);
    else
        QToolTip::hideText();
}

void ScorecardView::rebuild()
{
    plot_->clearItems();
    plot_->clearPlottables();
    plot_->plotLayout()->clear();  // deletes the old panels, axes and texts
    emptyText_ = nullptr;
    delete marginGroup_;
    marginGroup_ = new QCPMarginGroup(plot_);
    panels_.clear();
    hovered_ = -1;

    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() + 1);
    // Title and legend on the left: the view is often wider than its scroll
    // area, and centred they sat off screen until one scrolled right.
    auto* title = new QCPTextElement(plot_, title_, titleFont);
    title->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    plot_->plotLayout()->addElement(0, 0, title);
    if (rows_.isEmpty()) {
        emptyText_ = new QCPTextElement(plot_, emptyMessage_);
        plot_->plotLayout()->addElement(1, 0, emptyText_);
        plot_->plotLayout()->setRowStretchFactor(1, 1);
    } else {
        // One legend for all panels (grey = before, blue = after) instead of
        // tick labels under every bar, which collide when the view is narrow.
        auto* legendRow = new QCPLayoutGrid;
        plot_->plotLayout()->addElement(1, 0, legendRow);
        auto* legend = new QCPLegend;
        legendRow->addElement(0, 1, legend);
        legendRow->expandTo(1, 3);
        legendRow->setColumnStretchFactors({0.001, 0.001, 1.0});
        legend->setLayer(QStringLiteral("legend"));
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
        legend->setBorderPen(Qt::NoPen);
        legend->setFont(font());

        auto* grid = new QCPLayoutGrid;
        plot_->plotLayout()->addElement(2, 0, grid);
        grid->setColumnSpacing(kPanelSpacing);
        for (int i = 0; i < rows_.size(); ++i)
            buildPanel(i, rows_[i]);
        // Stretch only the panel row; titles and captions keep their natural height.
        grid->setRowStretchFactors({0.01, 0.01, 1.0, 0.01});
        panels_.first().before->addToLegend(legend);
        panels_.first().after->addToLegend(legend);
    }
    QList<double> stretch(plot_->plotLayout()->rowCount(), 0.01);
    stretch.last() = 1.0;
    plot_->plotLayout()->setRowStretchFactors(stretch);
    fitPanelTexts();
    setActiveMetric(active_);
    updateGeometry();  // the minimum width depends on the number of panels
}

void ScorecardView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitPanelTexts();
}

void ScorecardView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    fitPanelTexts();
}

void ScorecardView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        rebuild();
}

void ScorecardView::fitPanelTexts()
{
    if (panels_.isEmpty()) {
        // The message wraps to a narrow view instead of being cut at both ends.
        if (emptyText_ && rows_.isEmpty())
            emptyText_->setText(wrapToWidth(emptyMessage_, emptyText_->font(), std::max(60, plot_->width() - 12)));
        return;
    }
    // First the equal share (panels have the same stretch, kPanelSpacing apart;
    // the plot fills this widget). Columns still differ a little: a panel's
    // axis labels set its minimum width. So after one layout pass, any text
    // wider than its real panel is wrapped again to that width.
    const int n = int(panels_.size());
    const int share = std::max(1, (plot_->width() - (n - 1) * kPanelSpacing) / n);
    auto wrapAll = [this](auto widthOf) {
        bool changed = false;
        for (Panel& p : panels_) {
            const int w = widthOf(p);
            for (auto [element, text] : {std::pair{p.title, &p.titleText}, std::pair{p.change, &p.changeText}}) {
                const QString wrapped = wrapToWidth(*text, element->font(), w);
                changed = changed || wrapped != element->text();
                element->setText(wrapped);
            }
        }
        return changed;
    };
    wrapAll([share](const Panel&) { return share; });
    if (!isVisible())
        return;  // no real layout yet: showEvent() comes back here
    plot_->replot(QCustomPlot::rpImmediateRefresh);  // lays the panels out
    if (wrapAll([share](const Panel& p) { return std::min(share, p.rect->outerRect().width()); }))
        plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ScorecardView::buildPanel(int column, const ScoreRow& row)
{
    auto* grid = qobject_cast<QCPLayoutGrid*>(plot_->plotLayout()->element(2, 0));
    QFont labelFont = font();
    labelFont.setBold(true);
    auto* title = new QCPTextElement(plot_, row.label, labelFont);
    grid->addElement(0, column, title);

    auto* rect = new QCPAxisRect(plot_);
    grid->addElement(2, column, rect);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, marginGroup_);
    QCPAxis* keyAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* valueAxis = rect->axis(QCPAxis::atLeft);
    keyAxis->setTicks(false);  // the legend says which bar is which
    keyAxis->grid()->setVisible(false);
    keyAxis->setRange(-0.5, 1.5);
    const double scale = inferScale(row);
    valueAxis->setRange(0, scale * kHeadroom);
    // Ticks at quarters of the full scale and none above it: the headroom is
    // only there for the printed numbers, not for scores that cannot happen.
    auto valueTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (int q = 0; q <= 4; ++q)
        valueTicker->addTick(scale * q / 4.0, QString::number(scale * q / 4.0, 'g', 4));
    valueAxis->setTicker(valueTicker);
    valueAxis->setSubTicks(false);
    valueAxis->grid()->setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 0, Qt::SolidLine));

    Panel panel;
    panel.rect = rect;
    panel.title = title;
    panel.titleText = row.label;
    panel.before = new QCPBars(keyAxis, valueAxis);
    panel.after = new QCPBars(keyAxis, valueAxis);
    const std::pair<QCPBars*, double> bars[] = {{panel.before, row.before}, {panel.after, row.after}};
    for (int k = 0; k < 2; ++k) {
        QCPBars* b = bars[k].first;
        b->setWidth(kBarWidth);
        b->setPen(Qt::NoPen);
        b->setBrush(k == 0 ? palette::before : palette::after);
        b->setName(k == 0 ? beforeName_ : afterName_);
        b->removeFromLegend();
        if (!std::isnan(bars[k].second))
            b->addData(k, bars[k].second);
        auto* number = addLabel(plot_, rect, formatScore(bars[k].second, scale), palette::text);
        // Above the bar; a negative value (a magnitude row) is written just
        // under the baseline instead of at its value, below the panel, where it
        // ran into the protocol caption.
        const bool negative = !std::isnan(bars[k].second) && bars[k].second < 0;
        number->setPositionAlignment(Qt::AlignHCenter | (negative ? Qt::AlignTop : Qt::AlignBottom));
        number->position->setCoords(k, std::isnan(bars[k].second) || negative ? 0.0 : bars[k].second);
        number->setPadding(QMargins(0, 0, 0, 2));
        QFont numberFont = font();
        numberFont.setPointSizeF(numberFont.pointSizeF() - 0.5);
        number->setFont(numberFont);
    }

    // The change, in the colour of its direction (every metric here is
    // "higher is better": an edit that lowers locality broke unrelated facts).
    const double delta = row.after - row.before;
    auto* change = new QCPTextElement(plot_);
    QFont deltaFont = font();
    deltaFont.setBold(true);
    change->setFont(deltaFont);
    if (std::isnan(delta)) {
        change->setText(tr("change —"));
        change->setTextColor(palette::subtleText);
    } else {
        QString text;
        const int sign = formatChange(delta, scale, &text);
        change->setText(tr("change %1").arg(text));
        change->setTextColor(sign > 0 ? palette::gain : sign < 0 ? palette::loss : palette::subtleText);
    }
    grid->addElement(1, column, change);
    panel.change = change;
    panel.changeText = change->text();
    panels_ << panel;

    const QString caption = row.protocol.isEmpty() ? tr("(protocol not given)") : row.protocol;
    auto* protocol = new QCPTextElement(plot_, wrapCaption(caption));
    protocol->setTextColor(palette::subtleText);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() - 1);
    protocol->setFont(small);
    grid->addElement(3, column, protocol);
}

}  // namespace lancet::widgets
