// Installs the task-vector merge dock (MergePanel + SweepPanel in tabs) into a
// main window, hidden, with a "Merge > Task vectors" action to show it. The
// main window calls this once; nothing else in it knows about merging.
#pragma once

class QDockWidget;
class QMainWindow;

namespace lancet::app {
class EngineBridge;
}

namespace lancet::gui {

QDockWidget* installMergeDock(QMainWindow* window, lancet::app::EngineBridge* bridge);

}  // namespace lancet::gui
