// Grouped bars: one group per category (a metric), one bar per series (a
// method) in every group, each series its own colour-blind-safe colour, with
// the value printed on each bar. The lecture's comparison of editing methods
// on one slide: reliability, generality, locality, ... side by side.
//
// Plain data in (no engine types): values[series][category] on one scale.
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;

namespace lancet::widgets {

class GroupedBarChart : public QWidget {
    Q_OBJECT

public:
    explicit GroupedBarChart(QWidget* parent = nullptr);

    // values[s][c]: series s, category c; NaN leaves a gap. maxValue fixes the
    // axis (e.g. 100 for percentages); <= 0 fits the data.
    void setData(const QStringList& categories, const QStringList& series, const QVector<QVector<double>>& values,
                 double maxValue = 100.0);
    void setTitle(const QString& title);
    void setValueLabel(const QString& label);
    void clear();

    int categoryCount() const { return int(categories_.size()); }
    int seriesCount() const { return int(series_.size()); }
    double value(int series, int category) const;
    QStringList categories() const { return categories_; }
    QStringList seriesNames() const { return series_; }

    // PNG, SVG or PDF by suffix (plot_style.h exportPlot).
    bool exportTo(const QString& path, const QSize& size = {}) const;
    QCustomPlot* plot() const { return plot_; }

private:
    void rebuild();

    QCustomPlot* plot_ = nullptr;
    QStringList categories_;
    QStringList series_;
    QVector<QVector<double>> values_;
    double max_ = 100.0;
};

}  // namespace lancet::widgets
