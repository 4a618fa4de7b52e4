#include "edit_controller.h"

#include "edit_command.h"

#include <QJsonArray>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using lancet::app::EngineBridge;
using lancet::app::JobKind;

namespace lancet::gui {

EditController::EditController(EngineBridge* bridge, QObject* parent)
    : QObject(parent), bridge_(bridge), stack_(new QUndoStack(this))
{
    connect(bridge_, &EngineBridge::jobFinished, this, &EditController::onFinished);
    connect(bridge_, &EngineBridge::jobFailed, this, &EditController::onFailed);
}

bool EditController::apply(const EditRequest& request)
{
    if (busy() || !request.isValid())
        return false;
    stack_->push(new EditCommand(request, this));  // push() calls redo(): the engine job starts
    return true;
}

void EditController::undo()
{
    if (!busy() && stack_->canUndo())
        stack_->undo();
}

void EditController::redo()
{
    if (!busy() && stack_->canRedo())
        stack_->redo();
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
        next.isValid(&why);
        Q_EMIT replayFinished(replayDone_, total, why.isEmpty() ? tr("the edit could not be started") : why);
    }
}

void EditController::reset()
{
    pending_ = {};
    replayQueue_.clear();
    replayTotal_ = 0;
    history_ = {};
    syncing_ = true;
    stack_->clear();
    syncing_ = false;
    setBusy(false);
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

void EditController::commandRedo(EditCommand* command)
{
    if (syncing_)
        return;
    if (!command->computed())
        start(JobKind::Edit, command, bridge_->applyEdit(command->request().toParams()));
    else
        start(JobKind::Redo, command, bridge_->redoEdit());
}

void EditController::commandUndo(EditCommand* command)
{
    if (syncing_)
        return;
    start(JobKind::Undo, command, bridge_->undoEdit());
}

void EditController::start(JobKind kind, EditCommand* command, quint64 id)
{
    pending_ = {id, kind, command};
    setBusy(true);
}

void EditController::setBusy(bool busy) { Q_EMIT busyChanged(busy); }

void EditController::onFinished(quint64 id, JobKind kind, const QJsonObject& result)
{
    if (id == 0 || id != pending_.id)
        return;
    const Pending done = pending_;
    pending_ = {};
    if (result.contains(u"history"_s))
        history_ = result.value(u"history"_s).toObject();
    if (kind == JobKind::Edit && done.command) {
        QJsonObject scorecard;
        if (hasScorecard(result))
            scorecard[u"rows"_s] = scorecardRowsOf(result);
        done.command->setComputed(result.value(u"edit"_s).toObject(), scorecard);
        ++replayDone_;
    }
    setBusy(false);
    checkHistory();
    Q_EMIT stateChanged();
    if (kind == JobKind::Edit) {
        Q_EMIT editApplied(stack_->index() - 1);
        replayNext();
    }
}

void EditController::onFailed(quint64 id, JobKind kind, const QString& message, bool cancelled)
{
    if (id == 0 || id != pending_.id)
        return;
    const Pending failed = pending_;
    pending_ = {};
    // Put the stack back where the engine is, without calling the engine.
    syncing_ = true;
    switch (kind) {
    case JobKind::Edit:
        // Obsolete on top of the stack: undo() drops it without calling undo().
        if (failed.command && stack_->index() > 0 && stack_->command(stack_->index() - 1) == failed.command) {
            failed.command->setObsolete(true);
            stack_->undo();
        }
        break;
    case JobKind::Undo:
        stack_->redo();
        break;
    case JobKind::Redo:
        stack_->undo();
        break;
    default:
        break;
    }
    syncing_ = false;
    setBusy(false);
    Q_EMIT editFailed(kind, message, cancelled);
    if (replayTotal_ > 0) {
        const int total = replayTotal_;
        replayTotal_ = 0;
        replayQueue_.clear();
        Q_EMIT replayFinished(replayDone_, total, cancelled ? tr("cancelled") : message);
    }
}

void EditController::checkHistory()
{
    if (!history_.contains(u"position"_s))
        return;
    const int position = history_.value(u"position"_s).toInt();
    if (position != stack_->index())
        Q_EMIT outOfSync(tr("The engine reports %1 applied edits but the undo stack has %2; undo/redo may not "
                            "match what you see. Reopen the model to start over.")
                             .arg(position)
                             .arg(stack_->index()));
}

}  // namespace lancet::gui
