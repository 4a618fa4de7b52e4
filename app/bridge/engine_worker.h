// Private to the bridge: the object that lives on the engine thread and owns
// every engine object. Only app/bridge/*.cpp include this (it pulls in engine
// headers); the GUI sees engine_bridge.h alone.
#pragma once

#include "engine_bridge.h"

#include "core/job.h"
#include "edit/edit_record.h"
#include "model/model.h"

#include <QObject>
#include <QPromise>

#include <map>
#include <mutex>

namespace lancet {
class MergeSession;
struct GeneralAbilityProbe;
}

namespace lancet::app {

class EngineWorker : public QObject {
    Q_OBJECT
public:
    explicit EngineWorker(EngineBridge* bridge) : bridge_(bridge) {}

    // Engine state: touched only on the engine thread.
    std::shared_ptr<Model> model;
    std::shared_ptr<EditHistory> history;  // the applied edits of `model`, created with it
    std::shared_ptr<MergeSession> merge;   // the merge panel's live merge (bridge_jobs_merge.cpp)
    // The scorecard's general-ability sample, built once per loaded model (bridge_jobs_edit.cpp).
    std::shared_ptr<const GeneralAbilityProbe> probe;
    std::weak_ptr<Model> probeModel;

    EngineBridge* bridge() const { return bridge_; }
    Model& requireModel();  // throws an engine error when no model is loaded

    // Cancel tokens are shared with the GUI thread (which only calls cancel()).
    std::shared_ptr<CancelToken> registerJob(quint64 id);
    void forgetJob(quint64 id);
    void cancel(quint64 id);
    void cancelAll();

private:
    EngineBridge* bridge_;
    std::mutex mutex_;
    std::map<quint64, std::shared_ptr<CancelToken>> tokens_;
};

// A typed job: `body` runs on the engine thread and its value fulfils the
// future; an error fails it with the JobError the jobFailed signal carries.
template <class T>
Job<T> EngineBridge::submitTyped(JobKind kind, std::function<T(EngineWorker&, const lancet::JobContext&)> body) {
    return submitTypedWithId<T>(kind, [body = std::move(body)](EngineWorker& w, const lancet::JobContext& ctx, quint64) {
        return body(w, ctx);
    });
}

template <class T>
Job<T> EngineBridge::submitTypedWithId(JobKind kind,
                                       std::function<T(EngineWorker&, const lancet::JobContext&, quint64)> body) {
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    Job<T> job;
    job.result = promise->future();
    job.id = submitRaw(
        kind,
        [promise, body = std::move(body)](EngineWorker& w, const lancet::JobContext& ctx, quint64 id) {
            promise->addResult(body(w, ctx, id));
            promise->finish();
        },
        [promise](const JobError& error) {
            promise->setException(std::make_exception_ptr(error));
            promise->finish();
        });
    return job;
}

// Engine JSON <-> Qt JSON.
QJsonObject toQt(const nlohmann::json& j);
nlohmann::json fromQt(const QJsonObject& o);

}  // namespace lancet::app
