#include "sweep_heatmap.h"

#include "plot_theme.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lancet::widgets {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kLeft = 64, kTop = 28, kRight = 12, kBottom = 44;

}  // namespace

SweepHeatmap::SweepHeatmap(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    // Settings ▸ Heat maps: repaint in the new scheme at once.
    connect(PlotTheme::instance(), &PlotTheme::changed, this, qOverload<>(&QWidget::update));
}

void SweepHeatmap::setup(const QString& taskA, const QVector<double>& valuesA, const QString& taskB,
                         const QVector<double>& valuesB, const QString& metric) {
    taskA_ = taskA;
    taskB_ = taskB;
    valuesA_ = valuesA;
    valuesB_ = valuesB;
    metric_ = metric;
    cells_.fill(kNaN, valuesA.size() * valuesB.size());
    partial_ = false;
    update();
}

void SweepHeatmap::setCell(int a, int b, double value) {
    if (a < 0 || b < 0 || a >= rows() || b >= columns()) return;
    cells_[a * columns() + b] = value;
    update();
}

void SweepHeatmap::setRange(double lo, double hi) {
    fixedRange_ = true;
    lo_ = lo;
    hi_ = hi;
    update();
}

void SweepHeatmap::setPartial(bool partial) {
    partial_ = partial;
    update();
}

double SweepHeatmap::cellValue(int a, int b) const {
    if (a < 0 || b < 0 || a >= rows() || b >= columns()) return kNaN;
    return cells_[a * columns() + b];
}

int SweepHeatmap::computedCells() const {
    int n = 0;
    for (double v : cells_) n += std::isfinite(v);
    return n;
}

QPoint SweepHeatmap::bestCell() const {
    QPoint best(-1, -1);
    double bv = -std::numeric_limits<double>::infinity();
    for (int a = 0; a < rows(); ++a)
        for (int b = 0; b < columns(); ++b) {
            const double v = cellValue(a, b);
            if (std::isfinite(v) && v > bv) {
                bv = v;
                best = QPoint(b, a);
            }
        }
    return best;
}

QRect SweepHeatmap::gridRect() const {
    return QRect(kLeft, kTop, std::max(1, width() - kLeft - kRight), std::max(1, height() - kTop - kBottom));
}

QPoint SweepHeatmap::cellAt(const QPoint& p) const {
    const QRect g = gridRect();
    if (!g.contains(p) || rows() == 0 || columns() == 0) return {-1, -1};
    const int b = std::min(columns() - 1, (p.x() - g.left()) * columns() / g.width());
    const int row_from_top = std::min(rows() - 1, (p.y() - g.top()) * rows() / g.height());
    return QPoint(b, rows() - 1 - row_from_top);  // the largest weight of A is on top
}

QColor SweepHeatmap::colourFor(double v, double lo, double hi) const {
    if (!std::isfinite(v)) return QColor(200, 200, 200);
    // Light = low, dark = high, as every heat map of the workbench reads.
    return rampColor(heatRamp(PlotTheme::instance()->heatScheme(), SweepMap), hi > lo ? (v - lo) / (hi - lo) : 0.5);
}

QColor SweepHeatmap::cellColour(int a, int b) const {
    const auto [lo, hi] = colourRange();
    return colourFor(cellValue(a, b), lo, hi);
}

std::pair<double, double> SweepHeatmap::colourRange() const {
    if (fixedRange_) return {lo_, hi_};
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (double v : cells_)
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    if (!std::isfinite(lo)) lo = 0, hi = 1;
    if (lo >= 0 && hi <= 1 && hi - lo < 1) lo = 0, hi = 1;  // fractions: the full [0, 1] scale
    return {lo, hi};
}

QSize SweepHeatmap::minimumSizeHint() const { return {220, 180}; }
QSize SweepHeatmap::sizeHint() const { return {420, 360}; }

void SweepHeatmap::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    const QRect g = gridRect();
    const auto [lo, hi] = colourRange();
    const QPoint best = bestCell();
    for (int a = 0; a < rows(); ++a)
        for (int b = 0; b < columns(); ++b) {
            const int top_row = rows() - 1 - a;
            QRect c(g.left() + b * g.width() / columns(), g.top() + top_row * g.height() / rows(),
                    g.width() / columns() + 1, g.height() / rows() + 1);
            const double v = cellValue(a, b);
            p.fillRect(c, colourFor(v, lo, hi));
            if (std::isfinite(v) && c.width() > 34 && c.height() > 16) {
                const bool dark = colourFor(v, lo, hi).lightness() < 128;
                p.setPen(dark ? Qt::white : Qt::black);
                p.drawText(c, Qt::AlignCenter, QString::number(v, 'f', std::abs(v) < 10 ? 2 : 1));
            }
            if (best == QPoint(b, a)) {
                p.setPen(QPen(palette().highlight().color(), 2));
                p.drawRect(c.adjusted(1, 1, -2, -2));
            }
        }
    p.setPen(palette().text().color());
    for (int b = 0; b < columns(); ++b) {
        QRect t(g.left() + b * g.width() / columns(), g.bottom() + 2, g.width() / columns(), 16);
        p.drawText(t, Qt::AlignCenter, QString::number(valuesB_[b], 'g', 3));
    }
    for (int a = 0; a < rows(); ++a) {
        const int top_row = rows() - 1 - a;
        QRect t(0, g.top() + top_row * g.height() / rows(), kLeft - 4, g.height() / rows());
        p.drawText(t, Qt::AlignRight | Qt::AlignVCenter, QString::number(valuesA_[a], 'g', 3));
    }
    p.drawText(QRect(g.left(), g.bottom() + 20, g.width(), 18), Qt::AlignCenter, tr("weight of %1").arg(taskB_));
    p.save();
    p.translate(12, g.center().y());
    p.rotate(-90);
    p.drawText(QRect(-g.height() / 2, -10, g.height(), 18), Qt::AlignCenter, tr("weight of %1").arg(taskA_));
    p.restore();
    QString title = metric_.isEmpty() ? tr("sweep") : metric_;
    if (partial_) title += tr(" — partial (cancelled)");
    p.drawText(QRect(0, 4, width(), 20), Qt::AlignCenter, title);
}

void SweepHeatmap::mousePressEvent(QMouseEvent* e) {
    const QPoint c = cellAt(e->pos());
    if (c.x() >= 0) Q_EMIT cellActivated(valuesA_[c.y()], valuesB_[c.x()]);
}

void SweepHeatmap::mouseMoveEvent(QMouseEvent* e) {
    const QPoint c = cellAt(e->pos());
    if (c.x() < 0) {
        QToolTip::hideText();
        return;
    }
    const double v = cellValue(c.y(), c.x());
    QToolTip::showText(e->globalPosition().toPoint(),
                       tr("%1 = %2, %3 = %4: %5 %6")
                           .arg(taskA_)
                           .arg(valuesA_[c.y()])
                           .arg(taskB_)
                           .arg(valuesB_[c.x()])
                           .arg(metric_)
                           .arg(std::isfinite(v) ? QString::number(v, 'f', 3) : tr("not computed")),
                       this);
}

}  // namespace lancet::widgets
