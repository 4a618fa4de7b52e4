// Edits, their scorecards, undo/redo, export and edit files, on the engine thread.
#include "engine_worker.h"
#include "bridge_scoring.h"

#include "edit/context_templates.h"
#include "edit/export.h"
#include "edit/layer_choice.h"
#include "edit/rome.h"
#include "eval/evaluate.h"
#include "eval/metrics.h"
#include "model/generate.h"

#include <algorithm>
#include <cmath>

namespace lancet::app {

EditHistory& history_of(EngineWorker& w) {
    w.requireModel();
    if (!w.history) w.history = std::make_shared<EditHistory>();
    return *w.history;
}

std::vector<std::string> templates_for(const Model& model, const RomeHyperParams& hp) {
    ContextTemplateOptions o;
    o.length_params = hp.context_template_length_params;
    o.seed = hp.seed;
    auto t = context_templates(model, o);
    if (!t) throw EngineException(t.error());
    return t.value();
}

namespace {

std::string fill(const std::string& tmpl, const std::string& subject) {
    auto at = tmpl.find("{}");
    return at == std::string::npos ? tmpl : tmpl.substr(0, at) + subject + tmpl.substr(at + 2);
}

// Prompts about unrelated, well-known facts: what an edit must leave alone when
// the user gave no neighbourhood of their own.
const std::vector<std::string>& default_locality_prompts() {
    static const std::vector<std::string> prompts = {
        "The capital of France is", "Water is made of hydrogen and", "The Eiffel Tower is located in the city of",
        "The largest planet in the solar system is", "Shakespeare was born in the town of",
    };
    return prompts;
}

std::string greedy_next_token(const Model& model, const std::string& prompt) {
    GenerateOptions o;
    o.max_new_tokens = 1;
    o.stop_at_eos = false;
    auto g = generate_text(model, prompt, o);
    if (!g) throw EngineException(g.error());
    std::string t = g->text;
    while (!t.empty() && t.front() == ' ') t.erase(t.begin());
    return t.empty() ? std::string(".") : t;
}

}  // namespace

EditCase make_case(const Model& model, const EditParams& p, const std::vector<std::string>& contexts) {
    EditCase c;
    c.case_id = "workbench";
    c.prompt_template = p.promptTemplate.toStdString();
    c.subject = p.subject.toStdString();
    c.target_new = p.target.toStdString();
    c.target_true = p.targetTrue.toStdString();
    for (const auto& q : p.paraphrases) c.paraphrase_prompts.push_back(q.toStdString());
    if (c.paraphrase_prompts.empty()) {
        // The rewrite prompt inside text the model wrote itself: ROME's own notion of
        // generalising across contexts (the paraphrase data of CounterFact is absent here).
        for (size_t i = 1; i < contexts.size() && c.paraphrase_prompts.size() < 4; i += 5)
            c.paraphrase_prompts.push_back(fill(fill(contexts[i], c.prompt_template), c.subject));
    }
    std::vector<std::string> prompts;
    for (const auto& q : p.neighbourPrompts) prompts.push_back(q.toStdString());
    if (prompts.empty()) prompts = default_locality_prompts();
    for (size_t i = 0; i < prompts.size(); ++i) {
        std::string answer = i < static_cast<size_t>(p.neighbourAnswers.size()) ? p.neighbourAnswers[static_cast<int>(i)].toStdString()
                                                                             : greedy_next_token(model, prompts[i]);
        c.neighbourhood_prompts.push_back({prompts[i], answer});
    }
    c.generation_prompts = {fill(c.prompt_template, c.subject)};
    return c;
}

nlohmann::json scorecard_rows(const MetricSet& before, const MetricSet& after) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& m : after.metrics) {
        const MetricValue* b = before.find(m.key);
        MetricInfo info = metric_info(m.key);
        nlohmann::json details = nlohmann::json::array();
        for (size_t i = 0; i < m.details.size(); ++i) {
            double bv = (b && i < b->details.size()) ? b->details[i].value : std::nan("");
            details.push_back({{"prompt", m.details[i].prompt}, {"target", m.details[i].target},
                               {"before", std::isnan(bv) ? nlohmann::json(nullptr) : nlohmann::json(bv)},
                               {"after", m.details[i].value}});
        }
        rows.push_back({{"key", m.key}, {"label", info.label}, {"protocol", m.protocol},
                        {"before", b ? nlohmann::json(b->value) : nlohmann::json(nullptr)}, {"after", m.value},
                        {"tooltip", info.description}, {"details", details}});
    }
    return rows;
}

nlohmann::json history_json(const EditHistory& h) {
    return {{"position", h.size()}, {"edits", h.list()}, {"can_undo", h.can_undo()}, {"can_redo", h.can_redo()}};
}

EditParams score_params_from_request(const nlohmann::json& j) {
    EditParams p;
    p.promptTemplate = QString::fromStdString(j.value("prompt", std::string()));
    p.subject = QString::fromStdString(j.value("subject", std::string()));
    p.target = QString::fromStdString(j.value("target_new", std::string()));
    p.targetTrue = QString::fromStdString(j.value("target_true", std::string()));
    // The user's own evaluation prompts: without them a rescore would quietly
    // judge the edit on other prompts than the edit job did.
    if (auto it = j.find("paraphrase_prompts"); it != j.end() && it->is_array())
        for (const auto& q : *it)
            if (q.is_string()) p.paraphrases << QString::fromStdString(q.get<std::string>());
    if (auto it = j.find("neighbourhood_prompts"); it != j.end() && it->is_array()) {
        for (const auto& n : *it) {
            if (!n.is_object() || !n.value("prompt", nlohmann::json()).is_string()) continue;
            p.neighbourPrompts << QString::fromStdString(n["prompt"].get<std::string>());
            p.neighbourAnswers << QString::fromStdString(n.value("answer", std::string()));
        }
        // Answers go with every prompt or with none (then the reference model's are used).
        for (const auto& a : p.neighbourAnswers)
            if (a.isEmpty()) { p.neighbourAnswers.clear(); break; }
    }
    return p;
}

// result: {edit{index, request, method, layer, layer_reason, diagnostics}, history{...},
//          scorecard{rows[{key, label, protocol, before, after, tooltip, details[]}]}}
quint64 EngineBridge::applyEdit(const EditParams& params) {
    return submit(JobKind::Edit, [params](EngineWorker& w, const JobContext& job, quint64) {
        Model& model = w.requireModel();
        EditHistory& history = history_of(w);
        RomeRequest req;
        req.prompt = params.promptTemplate.toStdString();
        req.subject = params.subject.toStdString();
        req.target_new = params.target.toStdString();
        if (!params.targetTrue.isEmpty()) req.target_true = params.targetTrue.toStdString();
        for (const QString& k : params.keepPrompts) req.keep_prompts.push_back(k.toStdString());
        if (req.prompt.find("{}") == std::string::npos) fail(ErrorCode::InvalidArgument, "the edit prompt needs {} where the subject goes");
        if (req.subject.empty() || req.target_new.empty()) fail(ErrorCode::InvalidArgument, "the edit needs a subject and a new target");

        RomeOptions opts;
        opts.hparams = rome_hparams_for_model(model);
        if (params.originalRome) opts.hparams.key_mode = RomeKeyMode::Original;
        // The keep term fights the edit where two facts share a readout: three times
        // the Adam steps recover what it costs (measured on the first demo model: ES
        // 94.3 % with 20 steps, 96.2 % with 60; on the current one same-subject 81 % ->
        // 83 % and paraphrases 95.7 -> 96.3 %; the model card's ROME section).
        if (!req.keep_prompts.empty()) opts.hparams.v_num_grad_steps = std::max(opts.hparams.v_num_grad_steps, 60);
        if (params.layer >= 0) {
            opts.layer = params.layer;
            opts.layer_reason = "layer " + std::to_string(params.layer) + ", chosen in the workbench";
        } else {
            job.report(0.02, "choosing the layer");
            auto choice = choose_edit_layer(model, req, job);
            if (!choice) throw EngineException(choice.error());
            opts.layer = choice->layer;
            opts.layer_reason = choice->reason;
        }

        job.report(0.05, "scoring before the edit");
        auto templates = templates_for(model, opts.hparams);
        EditCase c = make_case(model, params, templates);
        EvalOptions eo;
        eo.protocols = {kProtocolCounterFact, kProtocolEasyEdit};
        eo.fluency = true;
        eo.fluency_max_length = 40;
        eo.method = "rome";
        LocalityReference ref;
        auto before = score_case(model, c, eo, kTimingPre, ref, 0, nullptr, job);
        if (!before) throw EngineException(before.error());

        job.report(0.15, "computing the edit");
        JobContext inner = job;
        inner.progress = [&job](double f, const std::string& stage) { job.report(0.15 + 0.7 * f, stage); };
        auto edit = compute_rome(model, req, opts, inner);
        if (!edit) throw EngineException(edit.error());
        EditRecord record = make_edit_record(edit.value(), model);
        auto applied = history.apply(model, record);
        if (!applied) throw EngineException(applied.error());

        job.report(0.9, "scoring after the edit");
        auto after = score_case(model, c, eo, kTimingAfterEach, ref, 0, nullptr, job);
        if (!after) {
            (void)history.undo(model);  // an edit we cannot judge is not left half-reported
            throw EngineException(after.error());
        }
        nlohmann::json out;
        out["edit"] = {{"index", history.size() - 1}, {"request", req.to_json()},
                       {"method", params.originalRome ? "rome-original" : "rome"}, {"layer", edit->layer},
                       {"layer_reason", edit->layer_reason}, {"diagnostics", edit->diagnostics}, {"id", record.id}};
        out["history"] = history_json(history);
        out["scorecard"] = {{"rows", scorecard_rows(before.value(), after.value())}, {"timing", kTimingAfterEach}};
        return toQt(out);
    });
}

// result: {history{...}}
quint64 EngineBridge::undoEdit() {
    return submit(JobKind::Undo, [](EngineWorker& w, const JobContext&, quint64) {
        EditHistory& h = history_of(w);
        auto r = h.undo(*w.model);
        if (!r) throw EngineException(r.error());
        return toQt({{"history", history_json(h)}});
    });
}

quint64 EngineBridge::redoEdit() {
    return submit(JobKind::Redo, [](EngineWorker& w, const JobContext&, quint64) {
        EditHistory& h = history_of(w);
        auto r = h.redo(*w.model);
        if (!r) throw EngineException(r.error());
        return toQt({{"history", history_json(h)}});
    });
}

// Scores an edit request on the unedited weights (every edit undone, exactly)
// and on the current ones. result: {scorecard{rows[...]}}
quint64 EngineBridge::scorecard(const QJsonObject& editRequest) {
    return submit(JobKind::Scorecard, [editRequest](EngineWorker& w, const JobContext& job, quint64) {
        Model& model = w.requireModel();
        EditHistory& h = history_of(w);
        const EditParams p = score_params_from_request(fromQt(editRequest));
        auto templates = templates_for(model, rome_hparams_for_model(model));
        EvalOptions eo;
        eo.protocols = {kProtocolCounterFact, kProtocolEasyEdit};
        LocalityReference ref;
        const size_t n = h.size();
        for (size_t i = 0; i < n; ++i)
            if (auto r = h.undo(model); !r) throw EngineException(r.error());
        EditCase c = make_case(model, p, templates);
        auto before = score_case(model, c, eo, kTimingPre, ref, 0, nullptr, job);
        for (size_t i = 0; i < n; ++i)
            if (auto r = h.redo(model); !r) throw EngineException(r.error());
        if (!before) throw EngineException(before.error());
        auto after = score_case(model, c, eo, kTimingAfterAll, ref, 0, nullptr, job);
        if (!after) throw EngineException(after.error());
        return toQt({{"scorecard", {{"rows", scorecard_rows(before.value(), after.value())}, {"timing", kTimingAfterAll}}}});
    });
}

// result: {path}
quint64 EngineBridge::exportModel(const QString& outDir) {
    return submit(JobKind::Export, [outDir](EngineWorker& w, const JobContext& job, quint64) {
        auto r = export_hf_folder(w.requireModel(), outDir.toStdString(), {}, job);
        if (!r) throw EngineException(r.error());
        return toQt({{"path", r->dir}, {"files", r->files}, {"dtype", r->dtype}});
    });
}

// result: {json, tensors}
quint64 EngineBridge::saveEdits(const QString& path) {
    return submit(JobKind::SaveEdits, [path](EngineWorker& w, const JobContext&, quint64) {
        EditHistory& h = history_of(w);
        auto r = save_edit_file(path.toStdString(), *w.model, h.applied());
        if (!r) throw EngineException(r.error());
        return toQt({{"json", r->json}, {"tensors", r->tensors}});
    });
}

// result: {history{...}}
quint64 EngineBridge::loadEdits(const QString& path) {
    return submit(JobKind::LoadEdits, [path](EngineWorker& w, const JobContext& job, quint64) {
        EditHistory& h = history_of(w);
        auto file = load_edit_file(path.toStdString());
        if (!file) throw EngineException(file.error());
        auto r = replay_edit_file(*w.model, h, file.value(), job);
        if (!r) throw EngineException(r.error());
        return toQt({{"history", history_json(h)}});
    });
}

}  // namespace lancet::app
