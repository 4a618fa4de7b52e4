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

}  // namespace lancet::gui
