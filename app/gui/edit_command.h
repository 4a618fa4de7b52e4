// One edit on the undo stack. It carries the engine request; the first redo()
// asks the engine to compute and apply the edit (applyEdit), later redo() and
// undo() replay or remove it (redoEdit / undoEdit), which the engine does bit
// for bit from its own history. The engine answers asynchronously:
// EditController keeps the stack and the engine in step, and takes a command
// back off the stack when the engine refuses it.
#pragma once

#include "edit_request.h"

#include <QJsonObject>
#include <QUndoCommand>

namespace lancet::gui {

class EditController;

class EditCommand : public QUndoCommand {
public:
    EditCommand(const EditRequest& request, EditController* controller);

    void redo() override;
    void undo() override;

    const EditRequest& request() const { return request_; }
    // Whether the engine has computed this edit (later redos replay it).
    bool computed() const { return computed_; }
    // The engine's record of the edit: {index, request, method, layer,
    // layer_reason, diagnostics{...}} (empty until computed).
    QJsonObject record() const { return record_; }
    int layer() const;  // the layer the engine used, or the requested one
    QJsonObject diagnostics() const { return record_.value(QStringLiteral("diagnostics")).toObject(); }

    // The scorecard the engine computed with the edit, if it did ({"rows": [...]}).
    QJsonObject scorecard() const { return scorecard_; }

    // For EditController.
    void setComputed(const QJsonObject& record, const QJsonObject& scorecard = QJsonObject());

private:
    EditRequest request_;
    EditController* controller_;
    bool computed_ = false;
    QJsonObject record_;
    QJsonObject scorecard_;
};

}  // namespace lancet::gui
