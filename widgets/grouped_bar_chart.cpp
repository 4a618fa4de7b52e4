#include "grouped_bar_chart.h"

#include "plot_style.h"
#include "qcp.h"

#include <QVBoxLayout>

#include <cmath>
#include <iterator>

using namespace Qt::StringLiterals;

namespace lancet::widgets {

namespace {

QColor seriesColor(int i)
{
    // Okabe–Ito, the same order as the layer-delta plot.
    static const QRgb colors[] = {0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7, 0xe69f00, 0x56b4e9, 0x000000, 0xf0e442};
    return QColor(colors[i % int(std::size(colors))]);
}

}  // namespace

GroupedBarChart::GroupedBarChart(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(u"groupedBarChart"_s);
    applyBaseStyle(plot_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->plotLayout()->insertRow(0);
    QFont titleFont = font();
    titleFont.setBold(true);
    plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, QString(), titleFont));
    plot_->xAxis->grid()->setVisible(false);
    plot_->xAxis->setSubTicks(false);
    plot_->xAxis->setTickLength(0, 0);
    // The legend as a row under the title: inside the axis rect it would cover bars.
    plot_->legend->setVisible(true);
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->axisRect()->insetLayout()->simplify();
    plot_->plotLayout()->insertRow(1);
    plot_->plotLayout()->addElement(1, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(1, 0.001);
    plot_->legend->setMargins(QMargins(0, 0, 0, 0));
    setMinimumSize(360, 240);
}

void GroupedBarChart::setTitle(const QString& title)
{
    if (auto* t = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0)))
        t->setText(title);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void GroupedBarChart::setValueLabel(const QString& label)
{
    plot_->yAxis->setLabel(label);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void GroupedBarChart::setData(const QStringList& categories, const QStringList& series,
                              const QVector<QVector<double>>& values, double maxValue)
{
    // A category no series has a value for (e.g. same-subject locality without
    // keep prompts) is left out rather than drawn as an empty slot.
    categories_.clear();
    values_ = QVector<QVector<double>>(series.size());
    for (int c = 0; c < categories.size(); ++c) {
        bool any = false;
        for (int s = 0; s < series.size(); ++s)
            any = any || (c < values.value(s).size() && !std::isnan(values[s][c]));
        if (!any)
            continue;
        categories_ << categories[c];
        for (int s = 0; s < series.size(); ++s)
            values_[s] << (c < values.value(s).size() ? values[s][c] : std::nan(""));
    }
    series_ = series;
    max_ = maxValue;
    rebuild();
}

void GroupedBarChart::clear() { setData({}, {}, {}); }

double GroupedBarChart::value(int s, int c) const
{
    if (s < 0 || s >= values_.size() || c < 0 || c >= values_[s].size())
        return std::nan("");
    return values_[s][c];
}

void GroupedBarChart::rebuild()
{
    plot_->clearPlottables();
    plot_->clearItems();
    const int n = int(series_.size());
    auto* group = new QCPBarsGroup(plot_);
    group->setSpacingType(QCPBarsGroup::stAbsolute);
    group->setSpacing(1);
    const double width = n > 0 ? 0.8 / n : 0.8;
    double top = 0;
    for (int s = 0; s < n; ++s) {
        auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
        bars->setName(series_[s]);
        bars->setWidth(width);
        bars->setBarsGroup(group);
        const QColor c = seriesColor(s);
        bars->setPen(QPen(c.darker(120)));
        bars->setBrush(c);
        QVector<double> keys, vals;
        for (int c2 = 0; c2 < categories_.size(); ++c2) {
            const double v = value(s, c2);
            if (std::isnan(v))
                continue;
            keys << c2 + 1;
            vals << v;
            top = std::max(top, v);
            // The number on the bar: a projector cannot be hovered.
            auto* label = new QCPItemText(plot_);
            label->setClipToAxisRect(true);
            label->position->setType(QCPItemPosition::ptPlotCoords);
            const double offset = (s - (n - 1) / 2.0) * (width + 0.01);
            label->position->setCoords(c2 + 1 + offset, v);
            label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
            label->setText(QString::number(v, 'f', std::abs(v) >= 10 ? 0 : 1));
            QFont f = font();
            f.setPointSizeF(std::max(6.0, f.pointSizeF() * 0.8));
            label->setFont(f);
            label->setColor(palette::text);
        }
        bars->setData(keys, vals);
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int c = 0; c < categories_.size(); ++c)
        ticker->addTick(c + 1, categories_[c]);
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setRange(0.4, categories_.size() + 0.6);
    plot_->yAxis->setRange(0, (max_ > 0 ? std::max(max_, top) : std::max(top, 1.0)) * 1.12);
    plot_->legend->setVisible(n > 0);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool GroupedBarChart::exportTo(const QString& path, const QSize& size) const { return exportPlot(plot_, path, size); }

}  // namespace lancet::widgets
