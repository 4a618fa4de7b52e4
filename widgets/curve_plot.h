// Lines over a shared x axis: the forgetting curve of sequential edits (x: edits
// so far, y: a metric), one colour per run (a method) and one dash style per
// metric of that run, so "ROME vs MEMIT vs AlphaEdit" and "teacher-forced vs
// generation-based" read off the same picture. Points stream in while a run goes.
//
// Plain data in (no engine types). Values NaN are gaps.
#pragma once

#include <QColor>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;

namespace lancet::widgets {

class CurvePlot : public QWidget {
    Q_OBJECT

public:
    explicit CurvePlot(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    void setAxisLabels(const QString& x, const QString& y);
    // The y range; maxValue <= 0 fits the data.
    void setValueRange(double minValue, double maxValue);
    // A logarithmic value axis (perplexity): fitted to the positive values, log ticks.
    void setLogScale(bool on);
    bool logScale() const { return log_; }
    // A vertical dashed line at x with a label at its top (a phase boundary of a stream).
    void addMarker(double x, const QString& label);
    void clearMarkers();
    int markerCount() const { return int(markers_.size()); }
    // The legend rows under the title (on by default); off when a window shows one legend for several plots.
    void setLegendVisible(bool on);
    // The colour of run i (the same in every CurvePlot, for a legend drawn elsewhere).
    static QColor runColor(int i);

    // A run: one colour. Its metrics: one line each, dash styles in order
    // (solid, dashed, dotted, dash-dot). Returns the run's index.
    int addRun(const QString& name, const QStringList& metrics);
    // One x with a value per metric of the run (NaN: no point).
    void appendPoint(int run, double x, const QVector<double>& values);
    void clear();

    int runCount() const { return int(runs_.size()); }
    int pointCount(int run) const;
    double value(int run, int metric, int point) const;  // NaN when absent
    QStringList runNames() const;

    bool exportTo(const QString& path, const QSize& size = {}) const;  // PNG, SVG or PDF by suffix
    QCustomPlot* plot() const { return plot_; }

private:
    struct Run {
        QString name;
        QStringList metrics;
        QVector<double> x;
        QVector<QVector<double>> values;  // [metric][point]
        int firstGraph = 0;
    };
    void rescale();

    QCustomPlot* plot_ = nullptr;
    QVector<Run> runs_;
    double min_ = 0, max_ = 0;
    bool log_ = false;
    struct Marker {
        double x;
        QString label;
        QCPItemStraightLine* line;
        QCPItemText* text;
    };
    QVector<Marker> markers_;
};

}  // namespace lancet::widgets
