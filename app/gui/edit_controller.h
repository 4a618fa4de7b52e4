// Drives the engine's edit history and keeps the undo stack its mirror. Each
// call becomes one typed engine job (EngineBridge::applyEdit, undoEdit,
// redoEdit); only when the engine has done it does the stack move (a new
// EditCommand, or undo()/redo() of commands that do nothing themselves). One
// edit job runs at a time (busy()); a refused job leaves the stack as it was,
// and editFailed says why with the engine's error code.
#pragma once

#include "edit_request.h"
#include "engine_bridge.h"

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
    bool busy() const { return pendingId_ != 0; }
    quint64 pendingJob() const { return pendingId_; }
    bool replaying() const { return replayTotal_ > 0; }

    // Starts an edit; false when busy or the request is incomplete.
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
    // The engine's history as of the last finished job.
    const lancet::HistoryState& history() const { return history_; }

Q_SIGNALS:
    void busyChanged(bool busy);
    void editApplied(int index);  // a new edit was computed and applied (stack index)
    void stateChanged();          // applied / undone / redone: what the weights hold changed
    void editFailed(lancet::app::JobKind kind, const lancet::app::JobError& error);
    void replayFinished(int applied, int total, const QString& message);
    void outOfSync(const QString& message);

private:
    void started(quint64 id);
    void moveHistory(lancet::app::JobKind kind, lancet::app::Job<lancet::HistoryState> job);
    void finished(const lancet::HistoryState& history);
    void failed(lancet::app::JobKind kind, const lancet::app::JobError& error);
    void replayNext();

    lancet::app::EngineBridge* bridge_;
    QUndoStack* stack_;
    quint64 pendingId_ = 0;
    lancet::HistoryState history_;
    QVector<EditRequest> replayQueue_;
    int replayTotal_ = 0;
    int replayDone_ = 0;
};

}  // namespace lancet::gui
