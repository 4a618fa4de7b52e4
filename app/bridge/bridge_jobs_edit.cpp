// Edits, scorecards, export and edit files on the engine thread.
// (Wired to engine/edit and engine/eval.)
#include "engine_worker.h"

namespace lancet::app {

namespace {
[[noreturn]] void not_yet(const char* what) {
    fail(ErrorCode::Unsupported, std::string(what) + " is not available in this build yet");
}
}  // namespace

quint64 EngineBridge::applyEdit(const EditParams&) {
    return submit(JobKind::Edit, [](EngineWorker&, const JobContext&, quint64) -> QJsonObject { not_yet("editing"); });
}
quint64 EngineBridge::undoEdit() {
    return submit(JobKind::Undo, [](EngineWorker&, const JobContext&, quint64) -> QJsonObject { not_yet("undo"); });
}
quint64 EngineBridge::redoEdit() {
    return submit(JobKind::Redo, [](EngineWorker&, const JobContext&, quint64) -> QJsonObject { not_yet("redo"); });
}
quint64 EngineBridge::scorecard(const QJsonObject&) {
    return submit(JobKind::Scorecard, [](EngineWorker&, const JobContext&, quint64) -> QJsonObject { not_yet("scorecards"); });
}
quint64 EngineBridge::exportModel(const QString&) {
    return submit(JobKind::Export, [](EngineWorker&, const JobContext&, quint64) -> QJsonObject { not_yet("export"); });
}
quint64 EngineBridge::saveEdits(const QString&) {
    return submit(JobKind::SaveEdits, [](EngineWorker&, const JobContext&, quint64) -> QJsonObject { not_yet("edit files"); });
}
quint64 EngineBridge::loadEdits(const QString&) {
    return submit(JobKind::LoadEdits, [](EngineWorker&, const JobContext&, quint64) -> QJsonObject { not_yet("edit files"); });
}

}  // namespace lancet::app
