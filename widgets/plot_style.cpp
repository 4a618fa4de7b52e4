#include "plot_style.h"

#include "plot_theme.h"
#include "qcp.h"

#include <QFileInfo>
#include <QFontMetrics>
#include <QStringList>
#include <QSvgGenerator>

namespace lancet::widgets {

void applyBaseStyle(QCustomPlot* plot)
{
    plot->setAntialiasedElements(QCP::aeAll);
    plot->setNotAntialiasedElements(QCP::aeGrid);
    plot->setBackground(PlotTheme::instance()->dark() ? QColor(0x1e, 0x1f, 0x22) : QColor(Qt::white));
    plot->setMouseTracking(true);  // hover read-outs need moves without a button held
    plot->setNoAntialiasingOnDrag(true);
    // Presentation mode's scale and the colour scheme's ground, kept on every
    // replot (widgets set new fonts, pens and colours as data arrives); a
    // change of scale, heat scheme or colour scheme redraws.
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] {
        scalePlot(plot);
        tintPlot(plot, PlotTheme::instance()->dark());
    });
    QObject::connect(PlotTheme::instance(), &PlotTheme::changed, plot,
                     [plot] { plot->replot(QCustomPlot::rpQueuedReplot); });
}

// Greedy line breaking after spaces, hyphens and CJK characters ("private-record"
// may become "private-" / "record") so that each line fits `width` pixels; a
// piece wider than that stays whole (better a little overflow than a word cut anywhere).
QString wrapToWidth(const QString& text, const QFont& font, int width)
{
    const QFontMetrics fm(font);
    if (fm.horizontalAdvance(text) <= width)
        return text;
    QStringList pieces;  // each ends with its break character
    QString piece;
    // Chinese and Japanese text has no spaces: a line may break after any of its
    // characters (the scorecard's translated titles are one long word otherwise).
    auto breaksAfter = [](QChar c) {
        const char16_t u = c.unicode();
        return c == u' ' || c == u'-' || (u >= 0x2E80 && u <= 0x9FFF) || (u >= 0xF900 && u <= 0xFAFF) ||
               (u >= 0xFF00 && u <= 0xFF60);
    };
    for (const QChar c : text) {
        piece += c;
        if (breaksAfter(c)) {
            pieces << piece;
            piece.clear();
        }
    }
    if (!piece.isEmpty())
        pieces << piece;
    QStringList lines;
    QString line;
    for (const QString& p : pieces) {
        const QString candidate = line + p;
        if (!line.isEmpty() && fm.horizontalAdvance(candidate.trimmed()) > width) {
            lines << line.trimmed();
            line = p;
        } else {
            line = candidate;
        }
    }
    if (!line.trimmed().isEmpty())
        lines << line.trimmed();
    return lines.join(u'\n');
}

bool exportPlot(QCustomPlot* plot, const QString& path, QSize size)
{
    if (!size.isValid() || size.width() < 50 || size.height() < 50)
        size = plot->isVisible() ? plot->size() : QSize(900, 500);
    // A file goes into papers and slides: always the light version, whatever
    // the screen shows (the on-screen colours come back afterwards).
    struct LightWhileSaving {
        QCustomPlot* plot;
        explicit LightWhileSaving(QCustomPlot* p) : plot(p) { tintPlot(plot, false); }
        ~LightWhileSaving() { tintPlot(plot, PlotTheme::instance()->dark()); }
    } light(plot);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"png")
        return plot->savePng(path, size.width(), size.height(), 2.0);  // 2x: crisp on slides
    if (suffix == u"pdf")
        return plot->savePdf(path, size.width(), size.height());
    if (suffix == u"svg") {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(QStringLiteral("Lancet plot"));
        QCPPainter painter;
        if (!painter.begin(&generator))
            return false;
        plot->toPainter(&painter, size.width(), size.height());
        return painter.end();
    }
    return false;
}

}  // namespace lancet::widgets
