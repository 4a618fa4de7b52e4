#include "edit_command.h"

#include <QObject>

namespace lancet::gui {

EditCommand::EditCommand(const lancet::EditOutcome& outcome) : outcome_(outcome)
{
    setText(QObject::tr("Edit %1").arg(requestSummary(outcome_.request)));
}

QJsonObject EditCommand::diagnostics() const { return toQJson(outcome_.diagnostics); }

}  // namespace lancet::gui
