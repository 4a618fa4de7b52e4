// A form label that focuses its field on its mnemonic and teaches with the
// field's own tooltip (the trace, patching and lens forms share it).
#pragma once

#include <QLabel>
#include <QString>
#include <QWidget>

namespace lancet::gui {

inline QLabel* buddyLabel(const QString& text, QWidget* buddy, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setBuddy(buddy);
    l->setToolTip(buddy->toolTip());
    return l;
}

}  // namespace lancet::gui
