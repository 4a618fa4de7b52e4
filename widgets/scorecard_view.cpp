#include "scorecard_view.h"

#include "plot_style.h"
#include "qcp.h"

#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace lancet::widgets {

namespace {

constexpr double kBarWidth = 0.6;
constexpr double kHeadroom = 1.22;  // room above a full bar for its number

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
    return QString::number(v, 'f', scale <= 1.0 ? 3 : 1);
}

QCPItemText* addLabel(QCustomPlot* plot, QCPAxisRect* rect, const QString& text, const QColor& color)
{
    auto* item = new QCPItemText(plot);
    item->setClipAxisRect(rect);
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
    connect(plot_, &QCustomPlot::mousePress, this, &ScorecardView::onMousePress);
    connect(plot_, &QCustomPlot::mouseMove, this, &ScorecardView::onMouseMove);
    rebuild();
}

void ScorecardView::setMetrics(const QVector<ScoreRow>& rows)
{
    rows_ = rows;
    active_ = -1;
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
    html += u"<br>"_s + tr("before %1 → after %2").arg(formatScore(row.before, scale), formatScore(row.after, scale));
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

void ScorecardView::setActiveMetric(int metric)
{
    active_ = metric >= 0 && metric < panels_.size() ? metric : -1;
    for (int i = 0; i < panels_.size(); ++i)
        panels_[i].rect->setBackground(i == active_ ? QBrush(QColor(0xe8, 0xf1, 0xfa)) : QBrush(Qt::NoBrush));
    plot_->replot(QCustomPlot::rpQueuedReplot);
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
    delete marginGroup_;
    marginGroup_ = new QCPMarginGroup(plot_);
    panels_.clear();
    hovered_ = -1;

    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() + 1);
    plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, title_, titleFont));
    if (rows_.isEmpty()) {
        plot_->plotLayout()->addElement(
            1, 0, new QCPTextElement(plot_, tr("No scores yet: apply an edit and run the evaluation.")));
        plot_->plotLayout()->setRowStretchFactor(1, 1);
    } else {
        auto* grid = new QCPLayoutGrid;
        plot_->plotLayout()->addElement(1, 0, grid);
        grid->setColumnSpacing(12);
        for (int i = 0; i < rows_.size(); ++i)
            buildPanel(i, rows_[i]);
        // Stretch only the panel row; titles and captions keep their natural height.
        grid->setRowStretchFactors({0.01, 1.0, 0.01});
    }
    plot_->plotLayout()->setRowStretchFactors(
        plot_->plotLayout()->rowCount() == 2 ? QList<double>{0.01, 1.0} : QList<double>{1.0});
    setActiveMetric(active_);
}

void ScorecardView::buildPanel(int column, const ScoreRow& row)
{
    auto* grid = qobject_cast<QCPLayoutGrid*>(plot_->plotLayout()->element(1, 0));
    QFont labelFont = font();
    labelFont.setBold(true);
    grid->addElement(0, column, new QCPTextElement(plot_, row.label, labelFont));

    auto* rect = new QCPAxisRect(plot_);
    grid->addElement(1, column, rect);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, marginGroup_);
    QCPAxis* keyAxis = rect->axis(QCPAxis::atBottom);
    QCPAxis* valueAxis = rect->axis(QCPAxis::atLeft);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTick(0, tr("before"));
    ticker->addTick(1, tr("after"));
    keyAxis->setTicker(ticker);
    keyAxis->setSubTicks(false);
    keyAxis->setTickLength(0, 0);
    keyAxis->grid()->setVisible(false);
    keyAxis->setRange(-0.6, 1.6);
    const double scale = inferScale(row);
    valueAxis->setRange(0, scale * kHeadroom);
    valueAxis->ticker()->setTickCount(4);
    // Ticks above the full scale would suggest scores that cannot happen.
    valueAxis->setTickLabels(true);
    valueAxis->grid()->setPen(QPen(QColor(0xe0, 0xe0, 0xe0), 0, Qt::SolidLine));

    Panel panel;
    panel.rect = rect;
    panel.before = new QCPBars(keyAxis, valueAxis);
    panel.after = new QCPBars(keyAxis, valueAxis);
    const std::pair<QCPBars*, double> bars[] = {{panel.before, row.before}, {panel.after, row.after}};
    for (int k = 0; k < 2; ++k) {
        QCPBars* b = bars[k].first;
        b->setWidth(kBarWidth);
        b->setPen(Qt::NoPen);
        b->setBrush(k == 0 ? palette::before : palette::after);
        b->setName(k == 0 ? tr("before") : tr("after"));
        b->removeFromLegend();
        if (!std::isnan(bars[k].second))
            b->addData(k, bars[k].second);
        auto* number = addLabel(plot_, rect, formatScore(bars[k].second, scale), palette::text);
        number->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        number->position->setCoords(k, std::isnan(bars[k].second) ? 0.0 : bars[k].second);
        number->setPadding(QMargins(0, 0, 0, 3));
    }
    panels_ << panel;

    // The change, in the colour of its direction (every metric here is
    // "higher is better": an edit that lowers locality broke unrelated facts).
    if (!std::isnan(row.before) && !std::isnan(row.after)) {
        const double delta = row.after - row.before;
        const QString text = (delta >= 0 ? u"+"_s : QString()) + formatScore(delta, scale);
        auto* change = addLabel(plot_, rect, text, delta >= 0 ? palette::gain : palette::loss);
        change->position->setType(QCPItemPosition::ptAxisRectRatio);
        change->position->setCoords(0.98, 0.02);
        change->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
        QFont f = font();
        f.setBold(true);
        change->setFont(f);
    }

    auto* protocol = new QCPTextElement(plot_, row.protocol.isEmpty() ? tr("(protocol not given)") : row.protocol);
    protocol->setTextColor(palette::subtleText);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() - 1);
    protocol->setFont(small);
    grid->addElement(2, column, protocol);
}

}  // namespace lancet::widgets
