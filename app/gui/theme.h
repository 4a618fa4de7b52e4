// Light and dark palettes that follow the desktop. Qt 6.4 has no
// QStyleHints::colorScheme (6.5), so the desktop's scheme is read from the
// lightness of its palette's window colour; the user can override it.
#pragma once

#include "app_settings.h"

#include <QIcon>
#include <QPalette>

namespace lancet::gui::theme {

// Call once, before any palette is set: remembers the desktop's own palette.
void captureDesktopPalette();
bool desktopIsDark();
bool isDark(const QPalette& palette);
QPalette lightPalette();
QPalette darkPalette();
// Applies Fusion and the palette for `mode`; returns whether it is dark.
bool apply(ThemeMode mode);
// The desktop palette changed (ThemeChange): re-read it and re-apply `mode`.
bool desktopChanged(ThemeMode mode);
bool currentIsDark();
// The application icon, drawn in code (no image files to ship).
QIcon appIcon();

}  // namespace lancet::gui::theme
