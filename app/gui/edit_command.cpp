#include "edit_command.h"

#include "edit_controller.h"

using namespace Qt::StringLiterals;

namespace lancet::gui {

EditCommand::EditCommand(const EditRequest& request, EditController* controller)
    : request_(request), controller_(controller)
{
    setText(QObject::tr("Edit %1").arg(request_.summary()));
}

void EditCommand::redo()
{
    if (controller_)
        controller_->commandRedo(this);
}

void EditCommand::undo()
{
    if (controller_)
        controller_->commandUndo(this);
}

int EditCommand::layer() const { return record_.value(u"layer"_s).toInt(request_.layer); }

void EditCommand::setComputed(const QJsonObject& record, const QJsonObject& scorecard)
{
    computed_ = true;
    record_ = record;
    scorecard_ = scorecard;
    EditRequest shown = request_;
    shown.layer = layer();
    setText(QObject::tr("Edit %1").arg(shown.summary()));
}

}  // namespace lancet::gui
