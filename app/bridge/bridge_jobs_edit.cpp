// The surgery jobs on the engine thread: each is a thin adapter over an engine
// use case (edit/surgery.h, edit/compare_states.h), with a typed result.
#include "engine_worker.h"

#include "edit/compare_states.h"
#include "edit/export.h"
#include "edit/sequential.h"
#include "edit/surgery.h"
#include "eval/dataset.h"

namespace lancet::app {

namespace {

EditHistory& history_of(EngineWorker& w) {
    w.requireModel();
    if (!w.history) w.history = std::make_shared<EditHistory>();
    return *w.history;
}

// Built on the first scored edit of a model and kept while that model is loaded:
// the sample (tokenised text, the facts) costs more than measuring it.
SurgeryOptions scoring_options(EngineWorker& w) {
    Model& m = w.requireModel();
    if (!w.probe || w.probeModel.lock() != w.model) {
        w.probe = std::make_shared<const GeneralAbilityProbe>(make_general_probe(m, interactive_probe_options()).value());
        w.probeModel = w.model;
    }
    SurgeryOptions options;  // the workbench always scores, fluency and general ability included
    options.probe = w.probe;
    return options;
}

}  // namespace

Job<EditOutcome> EngineBridge::applyEdit(const EditSpec& spec) {
    return submitTyped<EditOutcome>(JobKind::Edit, [spec](EngineWorker& w, const JobContext& job) {
        return apply_and_score(w.requireModel(), history_of(w), spec, scoring_options(w), job).value();
    });
}

Job<HistoryState> EngineBridge::undoEdit() {
    return submitTyped<HistoryState>(JobKind::Undo, [](EngineWorker& w, const JobContext&) {
        EditHistory& h = history_of(w);
        h.undo(*w.model).value();
        return history_state(h);
    });
}

Job<HistoryState> EngineBridge::redoEdit() {
    return submitTyped<HistoryState>(JobKind::Redo, [](EngineWorker& w, const JobContext&) {
        EditHistory& h = history_of(w);
        h.redo(*w.model).value();
        return history_state(h);
    });
}

Job<EditScorecard> EngineBridge::scorecard(const EditSpec& spec) {
    return submitTyped<EditScorecard>(JobKind::Scorecard, [spec](EngineWorker& w, const JobContext& job) {
        return score_against_base(w.requireModel(), history_of(w), spec, job).value();
    });
}

Job<HistoryState> EngineBridge::loadEdits(const QString& path) {
    return submitTyped<HistoryState>(JobKind::LoadEdits, [path](EngineWorker& w, const JobContext& job) {
        return replay_edits(w.requireModel(), history_of(w), path.toStdString(), job).value();
    });
}

Job<std::vector<MethodInfo>> EngineBridge::editMethods() {
    return submitTyped<std::vector<MethodInfo>>(JobKind::EditMethods, [](EngineWorker& w, const JobContext&) {
        std::vector<MethodInfo> out;
        for (const auto& m : edit_methods()) out.push_back(m->info(w.model.get()));
        return out;
    });
}

Job<CompareOutcome> EngineBridge::compare(const CompareParams& params) {
    return submitTyped<CompareOutcome>(JobKind::Compare, [params](EngineWorker& w, const JobContext& job) {
        CompareRequest r;
        r.from = params.from;
        r.to = params.to;
        r.prompt = params.prompt.trimmed().toStdString();
        r.top_k = params.topK;
        r.score_request = params.scoreRequest;
        return compare_states(w.requireModel(), history_of(w), r, job).value();
    });
}

Job<std::vector<MethodComparison>> EngineBridge::compareMethods(const EditSpec& spec, const QStringList& methods) {
    std::vector<std::string> names;
    for (const QString& m : methods) names.push_back(m.toStdString());
    return submitTyped<std::vector<MethodComparison>>(JobKind::CompareMethods,
                                                      [spec, names](EngineWorker& w, const JobContext& job) {
        Model& model = w.requireModel();
        EditHistory scratch;  // each method applied and undone here, on the current weights
        return compare_methods(model, scratch, spec, names, scoring_options(w), job).value();
    });
}

Job<ForgettingCurve> EngineBridge::runSequential(const SequentialParams& params) {
    return submitTypedWithId<ForgettingCurve>(JobKind::Sequential, [params](EngineWorker& w, const JobContext& job,
                                                                            quint64 id) {
        Model& model = w.requireModel();
        DatasetLoad data = load_dataset(params.dataset.toStdString()).value();
        if (data.format == "rome-knowns")
            fail(ErrorCode::InvalidArgument, "known-facts records carry no new target to edit towards");
        std::vector<EditCase> cases = std::move(data.cases);
        if (params.limit > 0 && cases.size() > static_cast<size_t>(params.limit)) cases.resize(static_cast<size_t>(params.limit));
        SequentialOptions o;
        o.batch_size = static_cast<size_t>(std::max(1, params.batchSize));
        o.curve_every = static_cast<size_t>(std::max(0, params.curveEvery));
        o.retention_sample = o.locality_sample = static_cast<size_t>(std::max(1, params.retentionSample));
        o.generation = params.generation;
        if (!w.probe || w.probeModel.lock() != w.model) {
            w.probe = std::make_shared<const GeneralAbilityProbe>(make_general_probe(model, interactive_probe_options()).value());
            w.probeModel = w.model;
        }
        o.probe = w.probe;
        // The applied edits stay applied: the stream runs on top of them and restores them.
        EngineBridge* bridge = w.bridge();
        return run_sequential(model, cases, params.base, EditRuntime{}, o, job,
                              [bridge, id](const CurvePoint& p) {
                                  bridge->emitOnOwnThread([bridge, id, p] { Q_EMIT bridge->curvePoint(id, p); });
                              })
            .value();
    });
}

// result: {path, files, dtype}
quint64 EngineBridge::exportModel(const QString& outDir) {
    return submit(JobKind::Export, [outDir](EngineWorker& w, const JobContext& job, quint64) {
        auto r = export_hf_folder(w.requireModel(), outDir.toStdString(), {}, job).value();
        return toQt({{"path", r.dir}, {"files", r.files}, {"dtype", r.dtype}});
    });
}

// result: {json, tensors}
quint64 EngineBridge::saveEdits(const QString& path) {
    return submit(JobKind::SaveEdits, [path](EngineWorker& w, const JobContext&, quint64) {
        EditHistory& h = history_of(w);
        auto r = save_edit_file(path.toStdString(), *w.model, h.applied()).value();
        return toQt({{"json", r.json}, {"tensors", r.tensors}});
    });
}

}  // namespace lancet::app
