// Presentation mode (View ▸ Presentation Mode, F5 or Ctrl+Shift+P): for a
// lecture on a projector. Text 1.5× larger (the application font, and the
// plots' own fonts and lines through widgets/plot_theme.h), and the docks
// collapsed so the central view (prompt bar and maps) fills the window.
// Turning it off restores the font, the plots and the docks that were open.
#pragma once

#include <QFont>
#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QMainWindow;

namespace lancet::gui {

class PresentationMode : public QObject {
    Q_OBJECT

public:
    static constexpr double kScale = 1.5;

    explicit PresentationMode(QMainWindow* window);

    bool isEnabled() const { return on_; }
    void setEnabled(bool on);
    // Checkable; its shortcuts work with the menu bar hidden (added to the window).
    QAction* action() const { return action_; }
    // A dock that stays open in presentation mode (the lecture tour's).
    void keepDock(QDockWidget* dock) { kept_ << dock; }

Q_SIGNALS:
    void toggled(bool on);

private:
    QMainWindow* window_;
    QAction* action_ = nullptr;
    bool on_ = false;
    QFont normalFont_;
    QList<QPointer<QDockWidget>> collapsed_;  // closed by presentation mode, reopened after
    QList<QPointer<QDockWidget>> front_;      // of those, the tabs that were in front
    QList<QPointer<QDockWidget>> kept_;
};

}  // namespace lancet::gui
