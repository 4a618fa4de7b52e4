#include "edit/surgery.h"

#include "edit/context_templates.h"
#include "edit/layer_choice.h"
#include "edit/memit.h"
#include "edit/rome.h"
#include "eval/evaluate.h"
#include "eval/metrics.h"
#include "model/generate.h"
#include "model/model.h"

#include <chrono>
#include <cmath>

namespace lancet {

namespace {

std::string fill(const std::string& tmpl, const std::string& subject) {
    auto at = tmpl.find("{}");
    return at == std::string::npos ? tmpl : tmpl.substr(0, at) + subject + tmpl.substr(at + 2);
}

std::string greedy_next_token(const Model& model, const std::string& prompt) {
    GenerateOptions o;
    o.max_new_tokens = 1;
    o.stop_at_eos = false;
    std::string t = generate_text(model, prompt, o).value().text;
    while (!t.empty() && t.front() == ' ') t.erase(t.begin());
    return t.empty() ? std::string(".") : t;
}

// Model-written context templates ("<prefix>. {}"), as ROME's edit uses them.
std::vector<std::string> model_contexts(const Model& model) {
    const RomeHyperParams hp = rome_hparams_for_model(model);
    ContextTemplateOptions o;
    o.length_params = hp.context_template_length_params;
    o.seed = hp.seed;
    return context_templates(model, o).value();
}

EvalOptions scoring_options(const SurgeryOptions& o) {
    EvalOptions eo;
    eo.protocols = o.protocols.empty() ? std::vector<std::string>{kProtocolCounterFact, kProtocolEasyEdit} : o.protocols;
    eo.fluency = o.fluency;
    eo.fluency_max_length = o.fluency_max_length;
    return eo;
}

// Subranges of a job's progress bar.
JobContext stage(const JobContext& job, double from, double to) {
    JobContext inner = job;
    inner.progress = [job, from, to](double f, const std::string& what) { job.report(from + (to - from) * f, what); };
    return inner;
}

// The general-ability rows join the case's own metrics in one MetricSet.
void add_general_ability(const Model& model, const SurgeryOptions& o, MetricSet& into, const JobContext& job) {
    if (!o.general_ability || !o.probe) return;
    MetricSet general = measure_general_ability(model, *o.probe, job).value();
    for (auto& m : general.metrics) into.metrics.push_back(std::move(m));
}

std::optional<double> number_at(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

}  // namespace

GeneralProbeOptions interactive_probe_options() {
    GeneralProbeOptions o;
    o.text_tokens = kInteractiveProbeTokens;
    return o;
}

const std::vector<std::string>& default_locality_prompts() {
    static const std::vector<std::string> prompts = {
        "The capital of France is", "Water is made of hydrogen and", "The Eiffel Tower is located in the city of",
        "The largest planet in the solar system is", "Shakespeare was born in the town of",
    };
    return prompts;
}

Expected<EditSpec> choose_edit_site(const Model& model, const EditSpec& spec, const MethodInfo& method,
                                    const JobContext& job) {
    return capture([&] {
        EditSpec out = spec;
        const int n_layer = static_cast<int>(model.config().n_layer);
        for (int l : out.layers)
            if (l < 0 || l >= n_layer)
                fail(ErrorCode::InvalidArgument, "layer " + std::to_string(l) + " is outside the model (layers 0 to " +
                                                     std::to_string(n_layer - 1) + ")");
        if (!method.uses_layers) {
            out.layers.clear();
            return out;
        }
        if (method.max_layers > 0 && static_cast<int>(out.layers.size()) > method.max_layers)
            fail(ErrorCode::InvalidArgument, method.label + " edits at most " + std::to_string(method.max_layers) +
                                                 " layer(s); the request names " + std::to_string(out.layers.size()));
        if (!out.layers.empty()) {
            if (out.layer_reason.empty()) out.layer_reason = "chosen by the user";
            return out;
        }
        if (!method.default_layers.empty()) {
            out.layers = method.default_layers;
            out.layer_reason = method.default_layers_reason;
            return out;
        }
        RomeRequest r;
        r.prompt = spec.prompt;
        r.subject = spec.subject;
        r.target_new = spec.target_new;
        LayerChoice choice = choose_edit_layer(model, r, job).value();
        out.layers = {choice.layer};
        out.layer_reason = choice.reason;
        if (method.layer_span > 1) {
            // A range ending at the traced site, as MEMIT's published ranges end at ROME's layer.
            out.layers = memit_layers_around(choice.layer, n_layer);
            if (static_cast<int>(out.layers.size()) > method.layer_span)
                out.layers.erase(out.layers.begin(), out.layers.end() - method.layer_span);
            out.layer_reason = choice.reason + "; spread over layers " + std::to_string(out.layers.front()) + "-" +
                               std::to_string(out.layers.back());
        }
        return out;
    });
}

Expected<EditCase> evaluation_case(const Model& model, const EditSpec& spec) {
    return capture([&] {
        EditCase c;
        c.case_id = "request";
        c.prompt_template = spec.prompt;
        c.subject = spec.subject;
        c.target_new = spec.target_new;
        c.target_true = spec.target_true.value_or("");
        c.paraphrase_prompts = spec.paraphrase_prompts;
        if (c.paraphrase_prompts.empty()) {
            // The rewrite prompt inside text the model wrote itself: ROME's own notion of
            // generalising across contexts (the paraphrase data of CounterFact is absent here).
            const auto contexts = model_contexts(model);
            for (size_t i = 1; i < contexts.size() && c.paraphrase_prompts.size() < 4; i += 5)
                c.paraphrase_prompts.push_back(fill(fill(contexts[i], c.prompt_template), c.subject));
        }
        std::vector<LocalityPrompt> locality = spec.locality_prompts;
        if (locality.empty())
            for (const auto& p : default_locality_prompts()) locality.push_back({p, ""});
        for (const auto& l : locality)
            c.neighbourhood_prompts.push_back({l.prompt, l.answer.empty() ? greedy_next_token(model, l.prompt) : l.answer});
        // The subject's other facts (the keep prompts, filled): the lecture's "same
        // subject" locality, judged against the unedited model's own answers.
        for (const auto& k : spec.keep_prompts) {
            const std::string p = fill(k, c.subject);
            c.same_subject_prompts.push_back({p, greedy_next_token(model, p)});
        }
        c.generation_prompts = {spec.filled_prompt()};
        return c;
    });
}

EditScorecard make_edit_scorecard(const MetricSet& before, const MetricSet& after, const std::string& timing) {
    EditScorecard card;
    card.timing = timing;
    for (const auto& m : after.metrics) {
        const MetricValue* b = before.find(m.key);
        const MetricInfo info = metric_info(m.key);
        ScoreRow row;
        row.key = m.key;
        row.label = info.label;
        row.protocol = m.protocol;
        row.tooltip = info.description;
        if (b) row.before = b->value;
        row.after = m.value;
        for (size_t i = 0; i < m.details.size(); ++i) {
            ScoreDetail d;
            d.prompt = m.details[i].prompt;
            d.target = m.details[i].target;
            if (b && i < b->details.size() && !std::isnan(b->details[i].value)) d.before = b->details[i].value;
            d.after = m.details[i].value;
            row.details.push_back(std::move(d));
        }
        card.rows.push_back(std::move(row));
    }
    return card;
}

HistoryState history_state(const EditHistory& history) {
    HistoryState s;
    s.position = history.size();
    s.can_undo = history.can_undo();
    s.can_redo = history.can_redo();
    auto entry = [&](const EditRecord& r, bool applied) {
        HistoryEntry e;
        e.index = s.edits.size();
        e.id = r.id;
        e.applied = applied;
        e.method = r.method;
        e.request = r.spec;
        e.layer = r.layer();
        e.division_factor = number_at(r.diagnostics, "division_factor");
        e.delta_norm_ratio = number_at(r.diagnostics, "delta_norm_ratio");
        e.created_at = r.created_at;
        s.edits.push_back(std::move(e));
    };
    for (const auto& r : history.applied()) entry(r, true);
    for (const auto& r : history.undone()) entry(r, false);
    return s;
}

Expected<EditOutcome> apply_and_score(Model& model, EditHistory& history, const EditSpec& request,
                                      const SurgeryOptions& given, const JobContext& job) {
    return capture([&] {
        SurgeryOptions options = given;
        if (options.score && options.general_ability && !options.probe)
            options.probe = std::make_shared<const GeneralAbilityProbe>(make_general_probe(model, interactive_probe_options()).value());
        request.validate().value();
        const auto method = find_edit_method(request.method).value();
        const MethodInfo info = method->info(&model);
        // Refuse bad hyperparameters before anything slow runs.
        (void)method->resolve_hparams(model, request).value();

        job.report(0.02, "choosing the site");
        const EditSpec spec = choose_edit_site(model, request, info, stage(job, 0.02, 0.05)).value();

        const EvalOptions eo = scoring_options(options);
        LocalityReference reference;
        EditCase c;
        MetricSet before;
        if (options.score) {
            job.report(0.05, "scoring before the edit");
            c = evaluation_case(model, spec).value();
            before = score_case(model, c, eo, kTimingPre, reference, 0, nullptr, job).value();
            add_general_ability(model, options, before, job);
        }

        job.report(0.15, "computing the edit (" + info.label + ")");
        EditResult result = method->compute(model, spec, options.runtime, stage(job, 0.15, 0.85)).value();
        job.check_cancelled();
        EditRecord record = make_edit_record(result, spec, model);
        history.apply(model, record).value();

        EditOutcome out;
        if (options.score) {
            job.report(0.9, "scoring after the edit");
            auto after = capture([&] {
                MetricSet m = score_case(model, c, eo, kTimingAfterEach, reference, 0, nullptr, job).value();
                add_general_ability(model, options, m, job);
                return m;
            });
            if (!after) {
                (void)history.undo(model);  // an edit we cannot judge is not left half-reported
                throw EngineException(after.error());
            }
            out.scorecard = make_edit_scorecard(before, after.value(), kTimingAfterEach);
        }
        out.index = history.size() - 1;
        out.id = record.id;
        out.method = record.method;
        out.request = record.spec;
        out.layer = record.layer();
        out.layer_reason = record.layer_reason;
        out.hparams = record.hparams;
        out.diagnostics = record.diagnostics;
        out.history = history_state(history);
        job.report(1.0, "edit applied");
        return out;
    });
}

Expected<EditScorecard> score_against_base(Model& model, EditHistory& history, const EditSpec& spec,
                                           const JobContext& job) {
    return capture([&] {
        EvalOptions eo;
        eo.protocols = {kProtocolCounterFact, kProtocolEasyEdit};
        LocalityReference reference;
        const size_t n = history.size();
        MetricSet before;
        EditCase c;
        try {
            for (size_t i = 0; i < n; ++i) history.undo(model).value();
            c = evaluation_case(model, spec).value();
            before = score_case(model, c, eo, kTimingPre, reference, 0, nullptr, job).value();
        } catch (...) {
            while (history.size() < n)
                if (!history.redo(model)) break;
            throw;
        }
        for (size_t i = 0; i < n; ++i) history.redo(model).value();
        auto after = score_case(model, c, eo, kTimingAfterAll, reference, 0, nullptr, job).value();
        return make_edit_scorecard(before, after, kTimingAfterAll);
    });
}

EditFn method_edit_fn(const EditSpec& base, const EditRuntime& runtime,
                      std::function<std::vector<std::string>(const EditCase&)> keep_prompts_for) {
    // The chosen site is shared by every call of the EditFn (copies included).
    auto site = std::make_shared<EditSpec>(base);
    return [site, runtime, keep_prompts_for](Model& m, const EditCase& c, const JobContext& job) -> Expected<AppliedEdit> {
        return capture([&] {
            EditSpec spec = *site;
            spec.prompt = c.prompt_template;
            spec.subject = c.subject;
            spec.target_new = c.target_new;
            spec.target_true = c.target_true.empty() ? std::nullopt : std::optional<std::string>(c.target_true);
            if (keep_prompts_for) spec.keep_prompts = keep_prompts_for(c);
            spec.validate().value();
            const auto method = find_edit_method(spec.method).value();
            if (site->layers.empty()) {
                EditSpec chosen = choose_edit_site(m, spec, method->info(&m), job).value();
                if (!chosen.layers.empty()) {
                    site->layers = chosen.layers;
                    site->layer_reason = chosen.layer_reason + " (chosen on the first request, used for all)";
                }
            }
            spec.layers = site->layers;
            spec.layer_reason = site->layer_reason;
            EditResult result = method->compute(m, spec, runtime, job).value();
            auto originals = apply_weight_delta(m, result.delta).value();
            AppliedEdit applied;
            applied.undo = [&m, delta = result.delta, originals] {
                for (size_t i = originals.size(); i-- > 0;) restore_weight(m, delta[i].weight_name, originals[i]).value();
            };
            applied.info = {{"method", result.method}, {"layer", result.layers.empty() ? -1 : result.layers.front()},
                            {"layers", result.layers}, {"layer_reason", result.layer_reason},
                            {"diagnostics", result.diagnostics}};
            return applied;
        });
    };
}

Expected<std::vector<MethodComparison>> compare_methods(Model& model, EditHistory& history, const EditSpec& spec,
                                                        const std::vector<std::string>& methods,
                                                        const SurgeryOptions& options, const JobContext& job) {
    return capture([&] {
        spec.validate().value();
        if (methods.empty()) fail(ErrorCode::InvalidArgument, "name at least one method to compare");
        for (const auto& m : methods) (void)find_edit_method(m).value();  // unknown names before any work
        SurgeryOptions shared_options = options;  // one general-ability probe for every method
        if (shared_options.score && shared_options.general_ability && !shared_options.probe)
            shared_options.probe = std::make_shared<const GeneralAbilityProbe>(make_general_probe(model, interactive_probe_options()).value());
        // One site for all: the first method's choice (or the request's layers).
        EditSpec shared = choose_edit_site(model, spec, find_edit_method(methods.front()).value()->info(&model), job).value();
        std::vector<MethodComparison> out;
        for (size_t i = 0; i < methods.size(); ++i) {
            job.check_cancelled();
            EditSpec s = shared;
            s.method = methods[i];
            if (methods[i] != spec.method) s.hparams = nlohmann::json::object();  // the request's hparams are its own method's
            const double from = static_cast<double>(i) / methods.size(), to = static_cast<double>(i + 1) / methods.size();
            job.report(from, "comparing: " + methods[i]);
            MethodComparison row;
            row.method = methods[i];
            const auto t0 = std::chrono::steady_clock::now();
            auto r = apply_and_score(model, history, s, shared_options, stage(job, from, to));
            row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (r) {
                row.outcome = r.value();
                history.undo(model).value();  // each method starts from the same weights
            } else {
                if (r.error().code == ErrorCode::Cancelled) throw EngineException(r.error());
                row.error = r.error();
            }
            out.push_back(std::move(row));
        }
        return out;
    });
}

nlohmann::json comparison_json(const std::vector<MethodComparison>& rows) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows) {
        nlohmann::json j{{"method", r.method}, {"seconds", r.seconds}};
        if (r.outcome) {
            j["layer"] = r.outcome->layer;
            j["hparams"] = r.outcome->hparams;
            j["scorecard"] = r.outcome->scorecard.to_json();
            j["delta"] = r.outcome->diagnostics.value("delta", nlohmann::json::array());
            j["edit_seconds"] = r.outcome->diagnostics.value("timings", nlohmann::json::object()).value("total_s", 0.0);
        } else if (r.error) {
            j["error"] = {{"code", error_code_name(r.error->code)}, {"message", r.error->message}};
        }
        out.push_back(std::move(j));
    }
    return out;
}

Expected<HistoryState> replay_edits(Model& model, EditHistory& history, const std::string& path, const JobContext& job) {
    return capture([&] {
        const EditFile file = load_edit_file(path).value();
        replay_edit_file(model, history, file, job).value();
        return history_state(history);
    });
}

}  // namespace lancet
