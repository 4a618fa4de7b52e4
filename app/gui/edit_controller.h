// Keeps the undo stack and the engine's edit history in step. Commands on the
// stack call back here; each call becomes one engine job (applyEdit, undoEdit,
// redoEdit). One edit job runs at a time (busy()); when the engine refuses one,
// the stack is put back where the engine is, and editFailed says why.
#pragma once

#include "edit_request.h"
#include "engine_bridge.h"

#include <QJsonObject>
#include <QObject>
#include <QVector>

class QUndoStack;

namespace lancet::gui {

class EditCommand;

class EditController : public QObject {
    Q_OBJECT

public:
    explicit EditController(lancet::app::EngineBridge* bridge, QObject* parent = nullptr);

    QUndoStack* stack() const { return stack_; }
    bool busy() const { return pending_.id != 0; }
    quint64 pendingJob() const { return pending_.id; }
    bool replaying() const { return replayTotal_ > 0; }

    // Pushes an edit (the engine computes it); false when busy or invalid.
    bool apply(const EditRequest& request);
    void undo();
    void redo();
    // Applies requests one after the other (a reopened session); stops at the first failure.
    void replay(const QVector<EditRequest>& requests);
    // The model changed: the engine's history is gone, so is the stack.
    void reset();

    int appliedCount() const;
    QVector<EditRequest> appliedRequests() const;
    QVector<EditRequest> undoneRequests() const;
    EditCommand* command(int index) const;
    QJsonObject history() const { return history_; }

    // For EditCommand.
    void commandRedo(EditCommand* command);
    void commandUndo(EditCommand* command);

Q_SIGNALS:
    void busyChanged(bool busy);
    void editApplied(int index);  // a new edit was computed and applied (stack index)
    void stateChanged();          // applied / undone / redone: what the weights hold changed
    void editFailed(lancet::app::JobKind kind, const QString& message, bool cancelled);
    void replayFinished(int applied, int total, const QString& message);
    void outOfSync(const QString& message);

private:
    struct Pending {
        quint64 id = 0;
        lancet::app::JobKind kind = lancet::app::JobKind::Edit;
        EditCommand* command = nullptr;
    };
    void start(lancet::app::JobKind kind, EditCommand* command, quint64 id);
    void onFinished(quint64 id, lancet::app::JobKind kind, const QJsonObject& result);
    void onFailed(quint64 id, lancet::app::JobKind kind, const QString& message, bool cancelled);
    void checkHistory();
    void replayNext();
    void setBusy(bool busy);

    lancet::app::EngineBridge* bridge_;
    QUndoStack* stack_;
    Pending pending_;
    bool syncing_ = false;  // moving the stack to match the engine: no engine calls
    QJsonObject history_;
    QVector<EditRequest> replayQueue_;
    int replayTotal_ = 0;
    int replayDone_ = 0;
};

}  // namespace lancet::gui
