// The look shared by every Lancet plot, kept in one place so the heat map,
// bar charts and scorecard read as one family (and exports look the same).
#pragma once

#include <QColor>
#include <QFont>
#include <QSize>
#include <QString>

class QCustomPlot;

namespace lancet::widgets {

namespace palette {
// Okabe–Ito-derived colours: distinguishable with the common colour-vision
// deficiencies, and dark enough for white text labels on top.
inline const QColor before{0x9e, 0x9e, 0x9e};   // neutral grey: the reference state
inline const QColor after{0x00, 0x72, 0xb2};    // blue: the current / edited state
inline const QColor gain{0x00, 0x9e, 0x73};     // bluish green: went up
inline const QColor loss{0xd5, 0x5e, 0x00};     // vermillion: went down
inline const QColor text{0x21, 0x21, 0x21};
inline const QColor subtleText{0x61, 0x61, 0x61};
}  // namespace palette

// Antialiasing, the ground of the colour scheme (white, or dark: PlotTheme::dark),
// no grid clutter on the key axis.
void applyBaseStyle(QCustomPlot* plot);

// Greedy line breaking after spaces, hyphens and CJK characters so that each line of `text`
// fits `width` pixels in `font` (QCustomPlot draws text unclipped, or clips it
// at its element's edge: a long title must wrap, not run out of its plot). A
// piece wider than `width` stays whole.
QString wrapToWidth(const QString& text, const QFont& font, int width);
// Writes the plot to `path`, choosing the format by suffix (png, svg, pdf).
// PNG and PDF use QCustomPlot::savePng/savePdf; SVG has no QCustomPlot saver,
// so it renders through QSvgGenerator + QCPPainter (QCustomPlot::toPainter).
// `size` defaults to the widget's size, or 900×500 if it was never laid out.
// Files are always the light version (tintPlot), whatever the screen shows.
bool exportPlot(QCustomPlot* plot, const QString& path, QSize size = {});

}  // namespace lancet::widgets
