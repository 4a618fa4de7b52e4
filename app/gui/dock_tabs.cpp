#include "dock_tabs.h"

#include <QChildEvent>
#include <QMainWindow>
#include <QTabBar>

namespace lancet::gui {

namespace {

void wholeTitles(QTabBar* bar)
{
    bar->setElideMode(Qt::ElideNone);
    bar->setUsesScrollButtons(true);
}

// QMainWindow creates its tab bars itself, as direct children, when a dock
// is tabified; a child is polished before it is first shown, after the
// window's own settings (which ask for ElideRight), so that is where ours go.
class DockTabWatcher : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::ChildPolished)
            if (auto* bar = qobject_cast<QTabBar*>(static_cast<QChildEvent*>(event)->child()))
                wholeTitles(bar);
        return QObject::eventFilter(watched, event);
    }
};

}  // namespace

void keepDockTabTitlesWhole(QMainWindow* window)
{
    for (QTabBar* bar : window->findChildren<QTabBar*>(Qt::FindDirectChildrenOnly))
        wholeTitles(bar);
    window->installEventFilter(new DockTabWatcher(window));
}

}  // namespace lancet::gui
