#include "curve_plot.h"

#include "plot_style.h"
#include "qcp.h"

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

using namespace Qt::StringLiterals;

namespace lancet::widgets {

namespace {

Qt::PenStyle metricStyle(int i)
{
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine};
    return styles[i % int(std::size(styles))];
}

}  // namespace

QColor CurvePlot::runColor(int i)
{
    // Okabe–Ito, the order of the other Lancet plots.
    static const QRgb colors[] = {0x0072b2, 0xd55e00, 0x009e73, 0xcc79a7, 0xe69f00, 0x56b4e9, 0x000000};
    return QColor(colors[(i < 0 ? 0 : i) % int(std::size(colors))]);
}

CurvePlot::CurvePlot(QWidget* parent) : QWidget(parent)
{
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(u"curvePlot"_s);
    applyBaseStyle(plot_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->plotLayout()->insertRow(0);
    QFont titleFont = font();
    titleFont.setBold(true);
    plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, QString(), titleFont));
    // The legend as rows under the title: inside the axis rect it would cover lines.
    plot_->legend->setVisible(true);
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot_->legend->setWrap(3);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->axisRect()->insetLayout()->simplify();
    plot_->plotLayout()->insertRow(1);
    plot_->plotLayout()->addElement(1, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(1, 0.001);
    plot_->legend->setMargins(QMargins(0, 0, 0, 0));
    setMinimumSize(360, 220);
}

void CurvePlot::setTitle(const QString& title)
{
    if (auto* t = qobject_cast<QCPTextElement*>(plot_->plotLayout()->element(0, 0)))
        t->setText(title);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CurvePlot::setAxisLabels(const QString& x, const QString& y)
{
    plot_->xAxis->setLabel(x);
    plot_->yAxis->setLabel(y);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CurvePlot::setValueRange(double minValue, double maxValue)
{
    min_ = minValue;
    max_ = maxValue;
    rescale();
}

void CurvePlot::setLogScale(bool on)
{
    log_ = on;
    if (on) {
        plot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    } else {
        plot_->yAxis->setScaleType(QCPAxis::stLinear);
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    }
    rescale();
}

void CurvePlot::addMarker(double x, const QString& label)
{
    auto* line = new QCPItemStraightLine(plot_);
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
    line->setPen(QPen(palette::subtleText, 1.0, Qt::DashLine));
    line->setLayer(u"background"_s);
    auto* text = new QCPItemText(plot_);
    text->position->setTypeX(QCPItemPosition::ptPlotCoords);
    text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    // Two rows, alternating: neighbouring phases of a short stream do not print over each other.
    text->position->setCoords(x, markers_.size() % 2 == 0 ? 0.0 : 0.075);
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    text->setText(label);
    text->setColor(palette::subtleText);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    text->setFont(f);
    text->setPadding(QMargins(3, 1, 2, 1));
    text->setClipToAxisRect(true);
    markers_.push_back({x, label, line, text});
    rescale();
}

void CurvePlot::clearMarkers()
{
    for (const Marker& m : markers_) {
        plot_->removeItem(m.line);
        plot_->removeItem(m.text);
    }
    markers_.clear();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CurvePlot::setLegendVisible(bool on)
{
    QCPLayoutGrid* layout = plot_->plotLayout();
    const bool shown = plot_->legend->layout() == layout;
    if (!on && shown) {
        layout->take(plot_->legend);
        layout->simplify();  // the emptied row goes: no height wasted on it
    } else if (on && !shown) {
        layout->insertRow(1);
        layout->addElement(1, 0, plot_->legend);
        layout->setRowStretchFactor(1, 0.001);
    }
    plot_->legend->setVisible(on);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

int CurvePlot::addRun(const QString& name, const QStringList& metrics)
{
    Run r;
    r.name = name;
    r.metrics = metrics;
    r.values = QVector<QVector<double>>(metrics.size());
    r.firstGraph = plot_->graphCount();
    const int index = int(runs_.size());
    for (int m = 0; m < metrics.size(); ++m) {
        QCPGraph* g = plot_->addGraph();
        QPen pen(runColor(index), 2.0, metricStyle(m));
        g->setPen(pen);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
        g->setName(metrics.size() == 1 ? name : name + u": "_s + metrics[m]);
    }
    runs_.push_back(r);
    plot_->replot(QCustomPlot::rpQueuedReplot);
    return index;
}

void CurvePlot::appendPoint(int run, double x, const QVector<double>& values)
{
    if (run < 0 || run >= runs_.size())
        return;
    Run& r = runs_[run];
    r.x << x;
    for (int m = 0; m < r.metrics.size(); ++m) {
        const double v = values.value(m, std::numeric_limits<double>::quiet_NaN());
        r.values[m] << v;
        // NaN points are gaps in QCustomPlot's line.
        plot_->graph(r.firstGraph + m)->addData(x, v);
    }
    rescale();
}

void CurvePlot::clear()
{
    runs_.clear();
    plot_->clearGraphs();
    rescale();
}

int CurvePlot::pointCount(int run) const { return run >= 0 && run < runs_.size() ? int(runs_[run].x.size()) : 0; }

double CurvePlot::value(int run, int metric, int point) const
{
    if (run < 0 || run >= runs_.size() || metric < 0 || metric >= runs_[run].values.size())
        return std::numeric_limits<double>::quiet_NaN();
    return runs_[run].values[metric].value(point, std::numeric_limits<double>::quiet_NaN());
}

QStringList CurvePlot::runNames() const
{
    QStringList out;
    for (const Run& r : runs_)
        out << r.name;
    return out;
}

void CurvePlot::rescale()
{
    double xmax = 1, lo = min_, hi = max_;
    bool fit = max_ <= min_;
    if (fit) {
        lo = std::numeric_limits<double>::infinity();
        hi = -lo;
    }
    for (const Marker& m : markers_)
        xmax = std::max(xmax, m.x);
    for (const Run& r : runs_) {
        for (double x : r.x)
            xmax = std::max(xmax, x);
        if (fit)
            for (const auto& series : r.values)
                for (double v : series)
                    if (std::isfinite(v) && (!log_ || v > 0)) {
                        lo = std::min(lo, v);
                        hi = std::max(hi, v);
                    }
    }
    if (!(hi > lo)) {
        lo = fit && std::isfinite(lo) ? lo - 1 : 0;
        hi = lo + 2;
    }
    if (log_) {
        // Multiplicative padding; a log axis cannot show 0 or below.
        if (!(lo > 0) || !std::isfinite(lo)) lo = 1;
        if (!(hi > lo)) hi = lo * 10;
        plot_->xAxis->setRange(0, xmax * 1.02);
        plot_->yAxis->setRange(lo / 1.3, hi * 1.6);
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const double pad = fit ? 0.05 * (hi - lo) : 0.0;
    plot_->xAxis->setRange(0, xmax * 1.02);
    plot_->yAxis->setRange(lo - pad, hi + pad * 2);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool CurvePlot::exportTo(const QString& path, const QSize& size) const { return exportPlot(plot_, path, size); }

}  // namespace lancet::widgets
