// Heat map of one merge metric over a grid of two tasks' weights (a lambda
// sweep): rows are task A's weights (top = largest, so "up" means more of A),
// columns task B's. Cells arrive one by one while the engine sweeps; cells not
// computed yet are NaN and drawn grey, so the map fills in visibly and a
// cancelled sweep can stay on screen marked partial. The best cell is outlined.
// Colours follow Settings ▸ Heat maps (plot_theme.h): light = low, dark = high.
//
// Plain QPainter: the map is a few dozen cells, and a widget without a plot
// library keeps hover and tests simple.
#pragma once

#include <QColor>
#include <QString>
#include <QVector>
#include <QWidget>

#include <utility>

namespace lancet::widgets {

class SweepHeatmap : public QWidget {
    Q_OBJECT

public:
    explicit SweepHeatmap(QWidget* parent = nullptr);

    // Starts a new map: every cell NaN. valuesA: rows (task A), valuesB: columns.
    void setup(const QString& taskA, const QVector<double>& valuesA, const QString& taskB,
               const QVector<double>& valuesB, const QString& metric);
    void setCell(int a, int b, double value);
    // The colour range; by default [min, max] of the cells so far (fractions: [0, 1]).
    void setRange(double lo, double hi);
    void setPartial(bool partial);

    int rows() const { return int(valuesA_.size()); }
    int columns() const { return int(valuesB_.size()); }
    double cellValue(int a, int b) const;  // NaN when not computed or out of range
    // The colour a cell is drawn in: the scheme's sweep ramp (plot_theme.h), grey when not computed.
    QColor cellColour(int a, int b) const;
    int computedCells() const;
    bool isPartial() const { return partial_; }
    QString metric() const { return metric_; }
    // The computed cell with the largest value, or (-1, -1).
    QPoint bestCell() const;
    // The cell under a widget pixel, or (-1, -1) (x = column b, y = row a).
    QPoint cellAt(const QPoint& pixel) const;

    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

Q_SIGNALS:
    // A cell was clicked: the GUI can move the sliders there.
    void cellActivated(double weightA, double weightB);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QRect gridRect() const;
    QColor colourFor(double v, double lo, double hi) const;
    std::pair<double, double> colourRange() const;  // [lo, hi] of the colour scale

    QString taskA_, taskB_, metric_;
    QVector<double> valuesA_, valuesB_;
    QVector<double> cells_;  // row-major [a][b]
    bool fixedRange_ = false;
    double lo_ = 0.0, hi_ = 1.0;
    bool partial_ = false;
};

}  // namespace lancet::widgets
