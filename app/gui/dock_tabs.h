// Whole titles on the tabs of tabbed docks. On a 1366-px screen the right
// column holds five docks as tabs in ~330 px, and Qt's default cut every title
// to a letter or two ("M…", "Ta…", "Pr…"): a class could not tell the tabs
// apart. With this, each tab shows its whole title and the bar scrolls with
// arrows when the titles need more than the column.
#pragma once

class QMainWindow;

namespace lancet::gui {

// Applies to the window's dock tab bars now and to every one it creates later
// (QMainWindow makes them as docks are tabified and reuses them).
void keepDockTabTitlesWhole(QMainWindow* window);

}  // namespace lancet::gui
