#include "edit_controller.h"

#include "edit_command.h"

#include <QUndoStack>

using lancet::app::EngineBridge;
using lancet::app::JobError;
using lancet::app::JobKind;

namespace lancet::gui {

EditController::EditController(EngineBridge* bridge, QObject* parent)
    : QObject(parent), bridge_(bridge), stack_(new QUndoStack(this))
{
}

bool EditController::apply(const EditRequest& request)
{
    if (busy() || !isValidRequest(request))
        return false;
    auto job = bridge_->applyEdit(request);
    started(job.id);
    job.result
        .then(this,
              [this, id = job.id](const lancet::EditOutcome& outcome) {
                  if (id != pendingId_)
                      return;  // reset() since: the engine's history it belonged to is gone
                  stack_->push(new EditCommand(outcome));  // its redo() does nothing: the engine already applied it
                  ++replayDone_;
                  finished(outcome.history);
                  Q_EMIT editApplied(stack_->index() - 1);
                  replayNext();
              })
        .onFailed(this, [this, id = job.id](const JobError& error) {
            if (id == pendingId_)
                failed(JobKind::Edit, error);
        });
    return true;
}

void EditController::undo()
{
    if (!busy() && stack_->canUndo())
        moveHistory(JobKind::Undo, bridge_->undoEdit());
}

void EditController::redo()
{
    if (!busy() && stack_->canRedo())
        moveHistory(JobKind::Redo, bridge_->redoEdit());
}

// Undo and redo: the engine moves its history first; only then does the stack follow.
void EditController::moveHistory(JobKind kind, lancet::app::Job<lancet::HistoryState> job)
{
    started(job.id);
    job.result
        .then(this,
              [this, kind, id = job.id](const lancet::HistoryState& h) {
                  if (id != pendingId_)
                      return;  // reset() since: the engine's history it belonged to is gone
                  kind == JobKind::Undo ? stack_->undo() : stack_->redo();
                  finished(h);
              })
        .onFailed(this, [this, kind, id = job.id](const JobError& error) {
            if (id == pendingId_)
                failed(kind, error);
        });
}

void EditController::replay(const QVector<EditRequest>& requests)
{
    replayQueue_ = requests;
    replayTotal_ = int(requests.size());
    replayDone_ = 0;
    replayNext();
}

void EditController::replayNext()
{
    if (replayTotal_ == 0)
        return;
    if (replayQueue_.isEmpty()) {
        const int total = replayTotal_;
        replayTotal_ = 0;
        Q_EMIT replayFinished(replayDone_, total, QString());
        return;
    }
    const EditRequest next = replayQueue_.takeFirst();
    if (!apply(next)) {
        const int total = replayTotal_;
        replayTotal_ = 0;
        replayQueue_.clear();
        QString why;
        isValidRequest(next, &why);
        Q_EMIT replayFinished(replayDone_, total, why.isEmpty() ? tr("the edit could not be started") : why);
    }
}

void EditController::reset()
{
    pendingId_ = 0;
    replayQueue_.clear();
    replayTotal_ = 0;
    history_ = {};
    stack_->clear();
    Q_EMIT busyChanged(false);
    Q_EMIT stateChanged();
}

int EditController::appliedCount() const { return stack_->index(); }

QVector<EditRequest> EditController::appliedRequests() const
{
    QVector<EditRequest> out;
    for (int i = 0; i < stack_->index(); ++i)
        if (auto* c = command(i))
            out << c->request();
    return out;
}

QVector<EditRequest> EditController::undoneRequests() const
{
    QVector<EditRequest> out;
    for (int i = stack_->index(); i < stack_->count(); ++i)
        if (auto* c = command(i))
            out << c->request();
    return out;
}

EditCommand* EditController::command(int index) const
{
    return const_cast<EditCommand*>(static_cast<const EditCommand*>(stack_->command(index)));
}

void EditController::started(quint64 id)
{
    pendingId_ = id;
    Q_EMIT busyChanged(true);
}

void EditController::finished(const lancet::HistoryState& history)
{
    pendingId_ = 0;
    history_ = history;
    Q_EMIT busyChanged(false);
    if (int(history_.position) != stack_->index())
        Q_EMIT outOfSync(tr("The engine reports %1 applied edits but the undo stack has %2; undo/redo may not "
                            "match what you see. Reopen the model to start over.")
                             .arg(history_.position)
                             .arg(stack_->index()));
    Q_EMIT stateChanged();
}

void EditController::failed(JobKind kind, const JobError& error)
{
    pendingId_ = 0;
    Q_EMIT busyChanged(false);
    Q_EMIT editFailed(kind, error);
    if (replayTotal_ > 0) {
        const int total = replayTotal_;
        replayTotal_ = 0;
        replayQueue_.clear();
        Q_EMIT replayFinished(replayDone_, total, error.cancelled() ? tr("cancelled") : error.message);
    }
}

}  // namespace lancet::gui
