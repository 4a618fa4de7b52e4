// Process-wide look of the plots that a teacher switches at run time: the heat
// maps' colour scheme (the paper's purple/green/red, or colour-blind-safe
// sequential maps), presentation mode's scale (bigger text and thicker lines
// for a projector), and whether the plots sit on the dark colour scheme. Widgets read it when they draw; changed() tells the
// ones on screen to redraw.
#pragma once

#include <QColor>
#include <QObject>
#include <QVector>

class QCustomPlot;

namespace lancet::widgets {

enum class HeatScheme {
    Paper,      // ColorBrewer Purples / Greens / Reds, as in the ROME figures
    Accessible  // viridis / cividis / magma: ordered in lightness, safe with red-green deficiencies
};

class PlotTheme : public QObject {
    Q_OBJECT

public:
    static PlotTheme* instance();

    HeatScheme heatScheme() const { return scheme_; }
    void setHeatScheme(HeatScheme scheme);
    // 1 normally; presentation mode's factor for plot text and line widths.
    double scale() const { return scale_; }
    void setScale(double scale);
    // The application's colour scheme is dark: plots draw on a dark ground with
    // light text (tintPlot). Exported files stay light (exportPlot).
    bool dark() const { return dark_; }
    void setDark(bool dark);

Q_SIGNALS:
    void changed();

private:
    using QObject::QObject;
    HeatScheme scheme_ = HeatScheme::Paper;
    double scale_ = 1.0;
    bool dark_ = false;
};

// The maps that take their colours from the scheme. The three trace maps keep
// their historical indices 0, 1, 2.
enum HeatMapRole : int {
    HiddenMap = 0,     // causal trace / patching: hidden states
    MlpMap = 1,        // MLP outputs
    AttentionMap = 2,  // attention outputs and heads
    LensMap = 3,       // the logit lens table
    SweepMap = 4,      // the merge dock's λ×λ sweep
};

// Nine colours from "no effect" (light) to "strongest" (dark) for one map
// (a HeatMapRole) in `scheme`.
QVector<QColor> heatRamp(HeatScheme scheme, int map);
// The colour of v in [0, 1] (clamped) on a ramp, interpolated linearly between its stops.
QColor rampColor(const QVector<QColor>& ramp, double v);

// Brings a plot's fonts and line widths to PlotTheme's scale. Each element
// remembers its size at scale 1 the first time it is seen, so calling it again
// (every replot does, see applyBaseStyle) is cheap and never compounds.
void scalePlot(QCustomPlot* plot);

// The plot's neutral colours for a light or a dark ground: the background,
// and every grey or black pen, brush and text colour of its axes, grids,
// titles, legends and items, with lightness reversed (white ground -> dark
// ground, dark text -> light text). Colours with a hue carry meaning (gain,
// loss, the edited state) and stay; so do the plottables' data colours and
// the heat maps. Like scalePlot it remembers each element's light colour, so
// switching back and forth never drifts, and a colour a widget sets later is
// its new light colour.
void tintPlot(QCustomPlot* plot, bool dark);
// The dark-ground version of a light-ground colour (unchanged when it has a hue).
QColor darkGroundColor(const QColor& light);

}  // namespace lancet::widgets
