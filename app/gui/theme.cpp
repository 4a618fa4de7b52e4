#include "theme.h"

#include "plot_theme.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QStyle>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace lancet::gui::theme {

namespace {
QPalette& desktopPalette()
{
    static QPalette palette;
    return palette;
}
bool& captured()
{
    static bool done = false;
    return done;
}
bool& darkNow()
{
    static bool dark = false;
    return dark;
}
}  // namespace

void captureDesktopPalette()
{
    desktopPalette() = QGuiApplication::palette();
    captured() = true;
}

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool desktopIsDark()
{
    if (!captured())
        captureDesktopPalette();
    return isDark(desktopPalette());
}

QPalette lightPalette()
{
    QPalette p;
    const QColor window(0xf5, 0xf5, 0xf5), base(Qt::white), text(0x21, 0x21, 0x21);
    const QColor highlight(0x00, 0x72, 0xb2);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0xee, 0xf2, 0xf6));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xfd, 0xe7));
    p.setColor(QPalette::ToolTipText, text);
    // Placeholders are examples, not values: clearly lighter than the text
    // (edit fields also show them in italics, edit_panel.cpp).
    p.setColor(QPalette::PlaceholderText, QColor(0x8e, 0x8e, 0x8e));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xea, 0xea, 0xea));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xd5, 0x5e, 0x00));
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xe0, 0xe0, 0xe0));
    p.setColor(QPalette::Mid, QColor(0xb0, 0xb0, 0xb0));
    p.setColor(QPalette::Dark, QColor(0x9e, 0x9e, 0x9e));
    p.setColor(QPalette::Shadow, QColor(0x60, 0x60, 0x60));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, highlight);
    p.setColor(QPalette::LinkVisited, QColor(0x6a, 0x51, 0xa3));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x9e, 0x9e, 0x9e));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    const QColor highlight(0x3d, 0x8e, 0xc9);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x78, 0x78, 0x78));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x3d));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x43, 0x47));
    p.setColor(QPalette::Mid, QColor(0x33, 0x35, 0x38));
    p.setColor(QPalette::Dark, QColor(0x19, 0x1a, 0x1c));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xee));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xdb));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return p;
}

bool apply(ThemeMode mode)
{
    if (!captured())
        captureDesktopPalette();
    const bool dark = mode == ThemeMode::Dark || (mode == ThemeMode::FollowDesktop && desktopIsDark());
    // Fusion honours every palette role on every platform.
    if (QApplication::style()->name().compare(u"fusion"_s, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    QApplication::setPalette(dark ? darkPalette() : lightPalette());
    darkNow() = dark;
    widgets::PlotTheme::instance()->setDark(dark);  // the plots' ground follows
    return dark;
}

bool desktopChanged(ThemeMode mode)
{
    // Our own palette hides the desktop's: drop it to read the desktop's afresh.
    QApplication::setPalette(QPalette());
    captureDesktopPalette();
    return apply(mode);
}

bool currentIsDark() { return darkNow(); }

QIcon appIcon()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        const qreal s = size;
        // A rounded tile in the heat map's purple, a 3 × 3 grid of cells, and a
        // blade crossing it: locate, then cut.
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0x3f, 0x00, 0x7d));
        p.drawRoundedRect(QRectF(0, 0, s, s), s * 0.18, s * 0.18);
        const QColor cells[] = {QColor(0xef, 0xed, 0xf5), QColor(0xbc, 0xbd, 0xdc), QColor(0x80, 0x7d, 0xba)};
        const qreal m = s * 0.16, c = (s - 2 * m) / 3;
        for (int r = 0; r < 3; ++r)
            for (int k = 0; k < 3; ++k) {
                p.setBrush(cells[(r + k) % 3]);
                p.drawRect(QRectF(m + k * c + s * 0.01, m + r * c + s * 0.01, c - s * 0.02, c - s * 0.02));
            }
        QPainterPath blade;
        blade.moveTo(s * 0.12, s * 0.88);
        blade.lineTo(s * 0.80, s * 0.14);
        blade.quadTo(s * 0.92, s * 0.22, s * 0.86, s * 0.30);
        blade.lineTo(s * 0.22, s * 0.94);
        blade.closeSubpath();
        p.setBrush(QColor(0xf0, 0xf0, 0xf0));
        p.setPen(QPen(QColor(0x21, 0x21, 0x21), std::max(1.0, s / 48)));
        p.drawPath(blade);
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

}  // namespace lancet::gui::theme
