// A legend in its own layout row under the title, instead of QCustomPlot's
// default inset: inside the axis rect it sooner or later covers a bar or a
// label. The row exists only while the legend is shown, so a plot without a
// legend wastes no height on it.
#pragma once

class QCustomPlot;

namespace lancet::widgets {

// Expects the legend already taken out of the axis rect's inset layout and
// the title in row 0 of the plot layout.
void showLegendRow(QCustomPlot* plot, bool show);

}  // namespace lancet::widgets
