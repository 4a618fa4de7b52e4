#include "plot_theme.h"

#include "qcp.h"

#include <QApplication>
#include <QMetaProperty>

#include <algorithm>
#include <cmath>

namespace lancet::widgets {

PlotTheme* PlotTheme::instance()
{
    static PlotTheme* theme = new PlotTheme(qApp);
    return theme;
}

void PlotTheme::setHeatScheme(HeatScheme scheme)
{
    if (scheme == scheme_)
        return;
    scheme_ = scheme;
    Q_EMIT changed();
}

void PlotTheme::setDark(bool dark)
{
    if (dark_ == dark)
        return;
    dark_ = dark;
    Q_EMIT changed();
}

void PlotTheme::setScale(double scale)
{
    if (scale <= 0 || qFuzzyCompare(scale, scale_))
        return;
    scale_ = scale;
    Q_EMIT changed();
}

QVector<QColor> heatRamp(HeatScheme scheme, int map)
{
    // Paper: the 9-class ColorBrewer ramps of matplotlib's Purples, Greens and
    // Reds (ROME's figures). Red and green maps read alike to a deuteranope,
    // and their dark ends are similar in lightness.
    static const QRgb purples[] = {0xfcfbfd, 0xefedf5, 0xdadaeb, 0xbcbddc, 0x9e9ac8,
                                   0x807dba, 0x6a51a3, 0x54278f, 0x3f007d};
    static const QRgb greens[] = {0xf7fcf5, 0xe5f5e0, 0xc7e9c0, 0xa1d99b, 0x74c476,
                                  0x41ab5d, 0x238b45, 0x006d2c, 0x00441b};
    static const QRgb reds[] = {0xfff5f0, 0xfee0d2, 0xfcbba1, 0xfc9272, 0xfb6a4a,
                                0xef3b2c, 0xcb181d, 0xa50f15, 0x67000d};
    // Accessible: samples of matplotlib's viridis, cividis and magma at i/8,
    // reversed so that light still means "restoring here does not help" and
    // dark "this site carries the fact", as in the paper's maps. Their
    // lightness changes monotonically, so the order survives any colour
    // deficiency and a greyscale printout.
    static const QRgb viridis[] = {0xfde725, 0xaddc30, 0x5ec962, 0x28ae80, 0x21918c,
                                   0x2c728e, 0x3b528b, 0x472d7b, 0x440154};
    static const QRgb cividis[] = {0xfee838, 0xc4b56c, 0xa69d75, 0x8a8779, 0x707173,
                                   0x575d6d, 0x3b496c, 0x123570, 0x00224e};
    static const QRgb magma[] = {0xfcfdbf, 0xfec287, 0xfb8761, 0xe55064, 0xb5367a,
                                 0x812581, 0x4f127b, 0x1c1044, 0x000004};
    // The lens: ColorBrewer Blues beside the trace maps' purple, green and red,
    // so the two views are not read as one scale; its safe twin is cividis,
    // whose dark end is blue too. The sweep: Oranges, a fourth hue, and viridis,
    // the map it drew before it followed the scheme.
    static const QRgb blues[] = {0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6,
                                 0x4292c6, 0x2171b5, 0x08519c, 0x08306b};
    static const QRgb oranges[] = {0xfff5eb, 0xfee6ce, 0xfdd0a2, 0xfdae6b, 0xfd8d3c,
                                   0xf16913, 0xd94801, 0xa63603, 0x7f2704};
    const bool accessible = scheme == HeatScheme::Accessible;
    const QRgb* ramp = map == MlpMap         ? (accessible ? cividis : greens)
                       : map == AttentionMap ? (accessible ? magma : reds)
                       : map == LensMap      ? (accessible ? cividis : blues)
                       : map == SweepMap     ? (accessible ? viridis : oranges)
                                             : (accessible ? viridis : purples);
    QVector<QColor> out;
    for (int i = 0; i < 9; ++i)
        out << QColor(ramp[i]);
    return out;
}

QColor rampColor(const QVector<QColor>& ramp, double v)
{
    if (ramp.isEmpty())
        return {};
    if (ramp.size() == 1 || !std::isfinite(v))
        return ramp.front();
    const double x = std::clamp(v, 0.0, 1.0) * double(ramp.size() - 1);
    const int i = std::min(int(x), int(ramp.size()) - 2);
    const double f = x - i;
    const QColor& a = ramp[i];
    const QColor& b = ramp[i + 1];
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * f), float(a.greenF() + (b.greenF() - a.greenF()) * f),
                            float(a.blueF() + (b.blueF() - a.blueF()) * f));
}

namespace {

// Properties on each element: its size at scale 1, and what was last set (a
// widget that sets a new font or pen afterwards has given it a new base).
constexpr const char* kBase = "lancetScaleBase";
constexpr const char* kSet = "lancetScaleSet";

// The size to set for an element whose current size is `now`. A size the
// scaler did not set is new: a font comes from the application font, which
// presentation mode already scaled; a pen width is the widget's own.
double scaled(QObject* element, const char* which, double now, bool fromAppFont, double scale)
{
    const QByteArray base = QByteArray(kBase) + which;
    const QByteArray set = QByteArray(kSet) + which;
    const QVariant last = element->property(set.constData());
    double b = element->property(base.constData()).toDouble();
    if (!last.isValid() || !qFuzzyCompare(last.toDouble(), now)) {
        b = fromAppFont ? now / scale : now;
        element->setProperty(base.constData(), b);
    }
    const double target = b * scale;
    element->setProperty(set.constData(), target);
    return target;
}

QFont scaledFont(QObject* element, const char* which, QFont font, double scale)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(scaled(element, which, font.pointSizeF(), true, scale));
    return font;
}

void scaleAxis(QCPAxis* axis, double scale)
{
    axis->setLabelFont(scaledFont(axis, "label", axis->labelFont(), scale));
    axis->setTickLabelFont(scaledFont(axis, "tick", axis->tickLabelFont(), scale));
}

}  // namespace

namespace {

constexpr const char* kTintBase = "lancetTintBase_";
constexpr const char* kTintSet = "lancetTintSet_";

QPen darkPen(QPen pen)
{
    pen.setColor(darkGroundColor(pen.color()));
    return pen;
}

QBrush darkBrush(QBrush brush)
{
    if (brush.style() != Qt::NoBrush)
        brush.setColor(darkGroundColor(brush.color()));
    return brush;
}

QVariant darkValue(const QVariant& light)
{
    if (light.metaType() == QMetaType::fromType<QColor>())
        return darkGroundColor(light.value<QColor>());
    if (light.metaType() == QMetaType::fromType<QPen>())
        return darkPen(light.value<QPen>());
    if (light.metaType() == QMetaType::fromType<QBrush>())
        return darkBrush(light.value<QBrush>());
    return light;
}

// One colour-valued value of an element: its light version is remembered on
// the element the first time (or when a widget has set something new since).
QVariant tinted(QObject* element, const QByteArray& name, const QVariant& now, bool dark)
{
    const QByteArray base = kTintBase + name, set = kTintSet + name;
    const QVariant last = element->property(set.constData());
    QVariant light = element->property(base.constData());
    if (!last.isValid() || last != now) {
        light = now;
        element->setProperty(base.constData(), light);
    }
    const QVariant target = dark ? darkValue(light) : light;
    element->setProperty(set.constData(), target);
    return target;
}

// Every QColor, QPen and QBrush property of an element.
void tintProperties(QObject* element, bool dark)
{
    const QMetaObject* meta = element->metaObject();
    for (int i = 0; i < meta->propertyCount(); ++i) {
        const QMetaProperty prop = meta->property(i);
        const QMetaType type = prop.metaType();
        if (!prop.isWritable() || (type != QMetaType::fromType<QColor>() && type != QMetaType::fromType<QPen>() &&
                                   type != QMetaType::fromType<QBrush>()))
            continue;
        // A legend's text colours are only what its new entries start from: an
        // entry that copied a tinted one would be tinted twice, back to dark.
        if (qobject_cast<QCPLegend*>(element) && QByteArray(prop.name()).endsWith("extColor"))
            continue;
        const QVariant now = prop.read(element);
        const QVariant target = tinted(element, prop.name(), now, dark);
        if (target != now)
            prop.write(element, target);
    }
}

void tintAxis(QCPAxis* axis, bool dark)
{
    tintProperties(axis, dark);
    if (axis->grid())
        tintProperties(axis->grid(), dark);
}

}  // namespace

QColor darkGroundColor(const QColor& light)
{
    if (!light.isValid() || light.alpha() == 0 || light.hsvSaturationF() > 0.25f)
        return light;
    float h = 0, s = 0, l = 0, a = 1;
    light.getHslF(&h, &s, &l, &a);
    // White becomes the dark ground (#1e1f22-ish), black a soft white; greys keep their order reversed.
    const float reversed = 0.12f + (1.0f - l) * 0.78f;
    return QColor::fromHslF(h < 0 ? 0 : h, s, reversed, a);
}

void tintPlot(QCustomPlot* plot, bool dark)
{
    plot->setBackground(dark ? QColor(0x1e, 0x1f, 0x22) : QColor(Qt::white));
    // A plot that was never dark has its light colours already: nothing to
    // walk on each replot (a 12-panel scorecard's walk is some 0.7 ms).
    constexpr const char* kEverDark = "lancetEverDark";
    if (!dark && !plot->property(kEverDark).toBool())
        return;
    plot->setProperty(kEverDark, true);
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true)) {
        if (!e)
            continue;
        if (auto* rect = qobject_cast<QCPAxisRect*>(e)) {
            for (QCPAxis* axis : rect->axes())
                tintAxis(axis, dark);
            const QVariant now = QVariant::fromValue(rect->backgroundBrush());
            const QVariant target = tinted(rect, "background", now, dark);
            if (target != now)
                rect->setBackground(target.value<QBrush>());
        } else if (auto* colorScale = qobject_cast<QCPColorScale*>(e)) {
            tintAxis(colorScale->axis(), dark);
        } else {
            tintProperties(e, dark);  // titles, legends and their items
        }
    }
    for (int i = 0; i < plot->itemCount(); ++i)
        tintProperties(plot->item(i), dark);
}

void scalePlot(QCustomPlot* plot)
{
    // Also at scale 1: an element first seen then has its base size, which
    // tells a plot made before presentation mode from one made during it.
    const double scale = PlotTheme::instance()->scale();
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true)) {
        if (auto* rect = qobject_cast<QCPAxisRect*>(e))
            for (QCPAxis* axis : rect->axes())
                scaleAxis(axis, scale);
        else if (auto* text = qobject_cast<QCPTextElement*>(e))
            text->setFont(scaledFont(text, "font", text->font(), scale));
        else if (auto* colorScale = qobject_cast<QCPColorScale*>(e))
            scaleAxis(colorScale->axis(), scale);
        else if (auto* legend = qobject_cast<QCPLegend*>(e))
            legend->setFont(scaledFont(legend, "font", legend->font(), scale));
    }
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)))
            text->setFont(scaledFont(text, "font", text->font(), scale));
    // Lines thicker, not bars' outlines: a graph's or curve's pen carries the data.
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        if (!qobject_cast<QCPGraph*>(p) && !qobject_cast<QCPCurve*>(p))
            continue;
        QPen pen = p->pen();
        pen.setWidthF(scaled(p, "pen", std::max(1.0, pen.widthF()), false, scale));
        p->setPen(pen);
    }
}

}  // namespace lancet::widgets
