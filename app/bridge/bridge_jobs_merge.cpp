// Jobs of the merge panel: open a live merge (its own copy of the base and the
// task vectors), re-merge + score on every slider move (latest wins), and
// sweep two tasks' weights over a grid (progress, cancel, a signal per cell).
#include "engine_worker.h"

#include "merge/merge_session.h"

#include <QDir>
#include <QJsonArray>

#include <chrono>

namespace lancet::app {

namespace {

MergeSession& requireMerge(EngineWorker& w) {
    if (!w.merge) fail(ErrorCode::InvalidArgument, "no merge is open");
    return *w.merge;
}

}  // namespace

quint64 EngineBridge::openMerge(const QString& baseDir, const QStringList& taskPaths) {
    return submit(JobKind::MergeOpen, [baseDir, taskPaths](EngineWorker& w, const JobContext& job, quint64) {
        MergeSessionOptions o;
        o.base_dir = QDir::cleanPath(baseDir).toStdString();
        for (const auto& t : taskPaths) o.task_paths.push_back(QDir::cleanPath(t).toStdString());
        if (o.task_paths.empty()) o.task_paths = find_task_dirs(o.base_dir);
        if (o.task_paths.empty())
            fail(ErrorCode::NotFound, "no task vectors: " + o.base_dir + "/tasks/ holds none, and none were given");
        o.spec.method = MergeMethod::TaskArithmetic;  // every slider starts at 0: the base model
        auto s = MergeSession::open(o, job).value();
        w.merge = std::move(s);  // the old merge (if any) goes only once the new one opened
        auto scores = w.merge->score(job).value();
        nlohmann::json out = w.merge->describe();
        out["scores"] = scores.to_json();
        return toQt(out);
    });
}

quint64 EngineBridge::mergeScore(const QJsonObject& spec) {
    const quint64 mine = nextId_.load();
    latestMergeScore_.store(mine);
    return submit(JobKind::MergeScore, [this, spec](EngineWorker& w, const JobContext& job, quint64 id) {
        // Latest wins: a slider position the user has already moved past is skipped.
        if (id < latestMergeScore_.load()) fail(ErrorCode::Cancelled, "superseded by a newer slider position");
        MergeSession& m = requireMerge(w);
        using clock = std::chrono::steady_clock;
        const auto t0 = clock::now();
        auto s = merge_spec_from_json(fromQt(spec), m.spec()).value();
        auto ok = m.set_spec(s, job);
        if (!ok) throw EngineException(ok.error());
        const auto t1 = clock::now();
        // Stage 1: the accuracies (one batched forward pass), shown at once.
        auto scores = m.score_probes(job).value();
        const auto t2 = clock::now();
        nlohmann::json out;
        out["spec"] = merge_spec_to_json(m.spec());
        out["merge_ms"] = std::chrono::duration<double, std::milli>(t1 - t0).count();
        out["probes_ms"] = std::chrono::duration<double, std::milli>(t2 - t0).count();
        out["scores"] = scores.to_json();
        emitOnOwnThread([this, id, partial = toQt(out)] { Q_EMIT mergeScorePartial(id, partial); });
        // Stage 2: fluency (a greedy continuation), unless the slider moved on.
        if (id < latestMergeScore_.load()) {
            out["fluency_skipped"] = true;
        } else {
            m.add_fluency(scores, job).value();
            out["scores"] = scores.to_json();
        }
        out["total_ms"] = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
        return toQt(out);
    });
}

quint64 EngineBridge::mergeSweep(int taskA, int taskB, const QVector<double>& values) {
    return submit(JobKind::MergeSweep, [this, taskA, taskB, values](EngineWorker& w, const JobContext& job, quint64 id) {
        MergeSession& m = requireMerge(w);
        SweepOptions o;
        if (taskA < 0 || taskB < 0) fail(ErrorCode::InvalidArgument, "choose two tasks to sweep");
        o.task_a = static_cast<size_t>(taskA);
        o.task_b = static_cast<size_t>(taskB);
        o.values_a = o.values_b = std::vector<double>(values.begin(), values.end());
        auto r = m.sweep(o, job, [this, id](size_t a, size_t b, const MergeScores& s) {
            emitOnOwnThread([this, id, a = static_cast<int>(a), b = static_cast<int>(b), scores = toQt(s.to_json())] {
                Q_EMIT mergeSweepCell(id, a, b, scores);
            });
        });
        if (!r) throw EngineException(r.error());
        return toQt(r->to_json());
    });
}

quint64 EngineBridge::mergeApply(const QString& method, const QJsonObject& params, const QJsonArray& perModel,
                                 const QVector<int>& tasks) {
    // Cancelling a slider position in flight: the apply is newer than any of them.
    latestMergeScore_.store(nextId_.load());
    return submit(JobKind::MergeApply, [method, params, perModel, tasks](EngineWorker& w, const JobContext& job, quint64) {
        MergeSession& m = requireMerge(w);
        using clock = std::chrono::steady_clock;
        const auto t0 = clock::now();
        MergeParams globals;
        const nlohmann::json given = fromQt(params);
        for (const auto& [k, v] : given.items()) globals[k] = v;
        std::vector<MergeParams> per;
        const nlohmann::json wrapped = fromQt(QJsonObject{{QStringLiteral("m"), perModel}});
        for (const auto& v : wrapped.at("m")) {
            MergeParams p;
            for (const auto& [k, x] : v.items()) p[k] = x;
            per.push_back(std::move(p));
        }
        std::vector<size_t> chosen;
        for (int t : tasks) {
            if (t < 0) fail(ErrorCode::InvalidArgument, "a task index is negative");
            chosen.push_back(static_cast<size_t>(t));
        }
        if (auto ok = m.apply_method(method.toStdString(), globals, per, job, chosen); !ok) throw EngineException(ok.error());
        const auto t1 = clock::now();
        auto scores = m.score(job).value();
        nlohmann::json out;
        out["applied_method"] = m.applied_method();
        out["tasks"] = chosen;
        out["scores"] = scores.to_json();
        out["merge_ms"] = std::chrono::duration<double, std::milli>(t1 - t0).count();
        out["total_ms"] = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
        return toQt(out);
    });
}

QJsonArray EngineBridge::mergeMethodTable() {
    auto params = [](const std::vector<MergeParamDef>& defs) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& d : defs) a.push_back({{"name", d.name}, {"default", d.default_value}, {"required", d.required}});
        return a;
    };
    nlohmann::json out = nlohmann::json::array();
    for (const auto& m : merge_method_table())
        out.push_back({{"name", m.name},
                       {"live", m.live},
                       {"random", m.random},
                       {"base", m.base == MergeBaseUse::None ? "none" : m.base == MergeBaseUse::Required ? "required" : "optional"},
                       {"min_models", m.min_models},
                       {"max_models", m.max_models},
                       {"globals", params(m.globals)},
                       {"per_model", params(m.per_model)},
                       {"summary", m.summary}});
    return toQt(nlohmann::json{{"m", out}}).value(QStringLiteral("m")).toArray();
}

Job<std::string> EngineBridge::mergeYaml() {
    return submitTyped<std::string>(JobKind::MergeExport, [](EngineWorker& w, const JobContext&) {
        return requireMerge(w).to_mergekit_yaml();
    });
}

}  // namespace lancet::app
