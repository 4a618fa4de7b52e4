// Scroll areas for panels whose natural minimum size a small screen cannot
// give: wrapped, a panel keeps its layout (no squeezed plots, no overprinted
// labels) and scrolls, instead of forcing its dock or the window past the
// screen (issue 19: at 1366×768 the workbench was 846 px tall).
#pragma once

#include <QScrollArea>

namespace lancet::gui {

// `body` inside a frameless, resizable scroll area (a child of `parent`): it
// fills the area when there is room and scrolls when there is not.
QScrollArea* scrollable(QWidget* body, QWidget* parent);

// Scrolls the nearest scroll area holding `w` so that `w` is in view (for a
// guide that is about to press it: a form taller than its dock hid its button).
void revealInScrollArea(QWidget* w);

}  // namespace lancet::gui
