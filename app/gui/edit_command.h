// One edit on the undo stack: a mirror of one entry of the engine's edit
// history, pushed only after the engine applied it. Its undo() and redo() do
// nothing: EditController asks the engine first and moves the stack after, so
// the command never calls back (the stack only shows where the engine is).
#pragma once

#include "edit_request.h"


#include <QJsonObject>
#include <QUndoCommand>

namespace lancet::gui {

class EditCommand : public QUndoCommand {
public:
    explicit EditCommand(const lancet::EditOutcome& outcome);

    void redo() override {}
    void undo() override {}

    // The request as the engine ran it (its layers filled in).
    const EditRequest& request() const { return outcome_.request; }
    const lancet::EditOutcome& outcome() const { return outcome_; }
    int layer() const { return outcome_.layer; }
    // The method's diagnostics (loss_curve, delta, timings, ...) as Qt JSON, for display.
    QJsonObject diagnostics() const;
    // The scorecard the engine computed with the edit.
    const lancet::EditScorecard& scorecard() const { return outcome_.scorecard; }

private:
    lancet::EditOutcome outcome_;
};

}  // namespace lancet::gui
