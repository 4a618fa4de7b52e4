#include "scroll_box.h"

#include <QScrollArea>

namespace lancet::gui {

QScrollArea* scrollable(QWidget* body, QWidget* parent)
{
    auto* scroll = new QScrollArea(parent);
    scroll->setObjectName(body->objectName() + QStringLiteral("Scroll"));
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

void revealInScrollArea(QWidget* w)
{
    for (QWidget* p = w ? w->parentWidget() : nullptr; p; p = p->parentWidget())
        if (auto* area = qobject_cast<QScrollArea*>(p)) {
            area->ensureWidgetVisible(w, 8, 8);
            return;
        }
}

}  // namespace lancet::gui
