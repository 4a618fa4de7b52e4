#include "locate_tabs.h"

namespace lancet::gui {

LocateTabs::LocateTabs(QWidget* parent) : QTabWidget(parent)
{
    setObjectName(QStringLiteral("locateTabs"));
    setDocumentMode(true);
    connect(this, &QTabWidget::currentChanged, this, &LocateTabs::sizeToCurrent);
}

void LocateTabs::tabInserted(int index)
{
    QTabWidget::tabInserted(index);
    sizeToCurrent();
}

void LocateTabs::sizeToCurrent()
{
    for (int i = 0; i < count(); ++i) {
        QWidget* page = widget(i);
        const QSizePolicy::Policy p = i == currentIndex() ? QSizePolicy::Preferred : QSizePolicy::Ignored;
        page->setSizePolicy(p, p);
    }
    updateGeometry();
}

}  // namespace lancet::gui
