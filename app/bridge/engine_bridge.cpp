#include "engine_bridge.h"
#include "engine_worker.h"

#include "core/host_allocator.h"

#include <QJsonDocument>
#include <QMetaObject>

namespace lancet::app {

QString jobKindName(JobKind kind) {
    switch (kind) {
        case JobKind::LoadModel: return QStringLiteral("load model");
        case JobKind::Predict: return QStringLiteral("predict");
        case JobKind::Generate: return QStringLiteral("generate");
        case JobKind::Trace: return QStringLiteral("causal trace");
        case JobKind::Edit: return QStringLiteral("edit");
        case JobKind::Undo: return QStringLiteral("undo edit");
        case JobKind::Redo: return QStringLiteral("redo edit");
        case JobKind::Scorecard: return QStringLiteral("scorecard");
        case JobKind::Export: return QStringLiteral("export");
        case JobKind::SaveEdits: return QStringLiteral("save edits");
        case JobKind::LoadEdits: return QStringLiteral("load edits");
        case JobKind::Compare: return QStringLiteral("compare");
        case JobKind::MergeOpen: return QStringLiteral("open merge");
        case JobKind::MergeScore: return QStringLiteral("merge score");
        case JobKind::MergeSweep: return QStringLiteral("merge sweep");
        case JobKind::EditMethods: return QStringLiteral("edit methods");
        case JobKind::CompareMethods: return QStringLiteral("compare methods");
        case JobKind::Sequential: return QStringLiteral("sequential edits");
        case JobKind::MergeExport: return QStringLiteral("export merge");
        case JobKind::MergeApply: return QStringLiteral("apply merge method");
        case JobKind::Ttt: return QStringLiteral("test-time training");
        case JobKind::WeightDigest: return QStringLiteral("weight digest");
        case JobKind::Patch: return QStringLiteral("activation patching");
        case JobKind::LogitLens: return QStringLiteral("logit lens");
        case JobKind::Tokenize: return QStringLiteral("tokenize");
    }
    return QStringLiteral("job");
}

QJsonObject toQt(const nlohmann::json& j) {
    auto text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

nlohmann::json fromQt(const QJsonObject& o) {
    return nlohmann::json::parse(QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString());
}

Model& EngineWorker::requireModel() {
    if (!model) fail(ErrorCode::InvalidArgument, "no model is loaded");
    return *model;
}

std::shared_ptr<CancelToken> EngineWorker::registerJob(quint64 id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto token = std::make_shared<CancelToken>();
    tokens_[id] = token;
    return token;
}

void EngineWorker::forgetJob(quint64 id) {
    std::lock_guard<std::mutex> lock(mutex_);
    tokens_.erase(id);
}

void EngineWorker::cancel(quint64 id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = tokens_.find(id);
    if (it != tokens_.end()) it->second->cancel();
}

void EngineWorker::cancelAll() {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& kv : tokens_) kv.second->cancel();
}

EngineBridge::EngineBridge(QObject* parent) : QObject(parent) {
    // Before the engine thread allocates its first tensors (core/host_allocator.h says why).
    tune_host_allocator();
    qRegisterMetaType<lancet::app::JobKind>();
    qRegisterMetaType<lancet::app::JobError>();
    qRegisterMetaType<lancet::CurvePoint>();
    qRegisterMetaType<lancet::TttRecord>();
    qRegisterMetaType<lancet::TttForgettingPoint>();
    qRegisterMetaType<lancet::TttRun>();
    qRegisterMetaType<QVector<int>>();
    qRegisterMetaType<QVector<double>>();
    thread_.setObjectName(QStringLiteral("lancet-engine"));
    worker_ = new EngineWorker(this);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.start();
}

EngineBridge::~EngineBridge() {
    // Cancel first so a running job returns within one layer, then let the
    // thread drain: the worker (and the model it owns) dies on its own thread.
    worker_->cancelAll();
    thread_.requestInterruption();
    thread_.quit();
    thread_.wait();
}

quint64 EngineBridge::submitRaw(JobKind kind, RawBody run, FailFn failed) {
    const quint64 id = nextId_.fetch_add(1);
    auto token = worker_->registerJob(id);
    running_.fetch_add(1);
    QMetaObject::invokeMethod(
        worker_,
        [this, id, kind, token, run = std::move(run), failed = std::move(failed)] {
            EngineWorker& w = *worker_;
            JobContext job;
            job.cancel = token.get();
            job.progress = [this, id](double f, const std::string& stage) {
                emitOnOwnThread([this, id, f, text = QString::fromStdString(stage)] { Q_EMIT jobProgress(id, f, text); });
            };
            emitOnOwnThread([this, id, kind] { Q_EMIT jobStarted(id, kind); });
            // No exception may leave the engine thread: everything becomes a signal.
            try {
                if (token->cancelled()) fail(ErrorCode::Cancelled, "cancelled before it started");
                // A weight file rewritten under the model would crash the first read of it.
                if (kind != JobKind::LoadModel && w.model) w.model->check_weight_files().value();
                run(w, job, id);
                emitOnOwnThread([this, id, kind] { Q_EMIT jobSucceeded(id, kind); });
            } catch (...) {
                const Error e = error_from_current_exception();
                const JobError error{e.code, QString::fromStdString(e.message)};
                if (failed) failed(error);
                emitOnOwnThread([this, id, kind, error] { Q_EMIT jobFailed(id, kind, error); });
            }
            w.forgetJob(id);
            running_.fetch_sub(1);
        },
        Qt::QueuedConnection);
    return id;
}

quint64 EngineBridge::submit(JobKind kind, JobBody body) {
    return submitRaw(
        kind,
        [this, kind, body = std::move(body)](EngineWorker& w, const JobContext& job, quint64 id) {
            const QJsonObject result = body(w, job, id);
            emitOnOwnThread([this, id, kind, result] { Q_EMIT jobFinished(id, kind, result); });
        },
        {});
}

void EngineBridge::cancel(quint64 id) { worker_->cancel(id); }
void EngineBridge::cancelAll() { worker_->cancelAll(); }
bool EngineBridge::busy() const { return running_.load() > 0; }

}  // namespace lancet::app
