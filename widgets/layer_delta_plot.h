// Per-layer size of a weight change: relative ‖ΔW‖_F / ‖W‖_F for each layer,
// one series per matrix kind (e.g. "mlp.c_proj", "attn.c_attn").
//
// A rank-one ROME edit shows up as a single bar at the edited layer; MEMIT
// spreads over a few consecutive layers; a merge touches every layer. Changes
// range over orders of magnitude, hence the logarithmic option.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPAbstractPlottable;
class QMouseEvent;

namespace lancet::widgets {

class LayerDeltaPlot : public QWidget {
    Q_OBJECT

public:
    enum class Style { Bars, Lines };
    Q_ENUM(Style)

    explicit LayerDeltaPlot(QWidget* parent = nullptr);

    void setLayerCount(int layers);
    // Adds the series, or replaces the one with the same name. Values are
    // ‖ΔW‖/‖W‖ per layer (index = layer); 0 for untouched layers.
    void setSeries(const QString& matrix, const QVector<double>& relativeChangePerLayer);
    void removeSeries(const QString& matrix);
    void clear();  // drops every series, keeps the layer count
    void setLogScale(bool on);
    void setStyle(Style style);
    void setTitle(const QString& title);

    int layerCount() const { return layers_; }
    bool logScale() const { return log_; }
    Style style() const { return style_; }
    QStringList seriesNames() const { return names_; }
    QVector<double> seriesValues(const QString& matrix) const;
    QCPAbstractPlottable* plottable(const QString& matrix) const;
    // The layer under a pixel of plot(), or -1.
    int layerAt(const QPoint& plotPixel) const;
    // Every series' value at a layer, one per line.
    QString readoutText(int layer) const;

    bool exportTo(const QString& path, const QSize& size = {}) const;
    QCustomPlot* plot() const { return plot_; }

Q_SIGNALS:
    void layerActivated(int layer);

private:
    void onMousePress(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    void rebuild();

    QCustomPlot* plot_ = nullptr;
    int layers_ = 0;
    bool log_ = false;
    Style style_ = Style::Bars;
    QStringList names_;
    QVector<QVector<double>> values_;
    QVector<QCPAbstractPlottable*> plottables_;
    int hovered_ = -1;
};

}  // namespace lancet::widgets
