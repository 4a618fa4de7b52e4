#include "eval/evaluate.h"
#include "core/numeric.h"

#include "eval/metrics.h"
#include "model/model.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>

namespace lancet {

namespace {


// A failed undo leaves the weights in an unknown state: the run must end with an
// error instead of going on (or being reported as merely partial).
class UndoFailed : public EngineException {
public:
    using EngineException::EngineException;
};

double mean_of(const std::vector<double>& values) { return summarize_values(values).mean; }

bool is_protocol(const std::string& p) {
    return p == kProtocolCounterFact || p == kProtocolEasyEdit || p == kProtocolZsre || p == kProtocolNgram;
}

std::vector<std::string> resolve_protocols(const EvalOptions& o) {
    std::vector<std::string> in = o.protocols;
    if (in.empty()) in = {kProtocolCounterFact, kProtocolEasyEdit};
    std::vector<std::string> out;
    for (const auto& p : in) {
        if (!is_protocol(p))
            fail(ErrorCode::InvalidArgument, "unknown protocol \"" + p + "\" (known: counterfact-prob, easyedit-token-acc, "
                                                                     "zsre-token-acc, ngram-entropy)");
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
    if (o.fluency && std::find(out.begin(), out.end(), kProtocolNgram) == out.end()) out.push_back(kProtocolNgram);
    return out;
}

// ROME's zsRE conversion scores the NQ question with a "?" appended
// (dsets/zsre.py: record["loc"] + "?"); MEND's file stores it without one.
std::string zsre_neighbour_prompt(const std::string& p) {
    if (p.rfind("nq question:", 0) == 0 && (p.empty() || p.back() != '?')) return p + "?";
    return p;
}

// ---- counterfact-prob ----------------------------------------------------------------

void score_counterfact(const Model& model, const EditCase& c, const EvalOptions& o, MetricSet& set,
                       std::vector<std::string>& notes) {
    struct Group {
        std::string success_key, margin_key;
        bool expect_new;  // ES/PS: the new object should win; NS: the neighbour's answer should
        std::vector<std::pair<std::string, std::string>> items;  // (prompt, competing object)
    };
    std::vector<Group> groups;
    if (!c.target_true.empty()) {
        groups.push_back({"ES", "EM", true, {{c.prompt(), c.target_true}}});
        Group ps{"PS", "PM", true, {}};
        for (const auto& p : c.paraphrase_prompts) ps.items.emplace_back(p, c.target_true);
        groups.push_back(ps);
        Group held{"PS_heldout", "PM_heldout", true, {}};
        for (const auto& p : c.heldout_paraphrase_prompts) held.items.emplace_back(p, c.target_true);
        groups.push_back(held);
    } else {
        notes.push_back("counterfact-prob: the case has no target_true, so ES, EM, PS and PM are left out");
    }
    // CounterFact's neighbours share the edited relation and object, so their answer
    // is target_true; other formats give each neighbour its own answer.
    Group ns{"NS", "NM", false, {}};
    for (const auto& n : c.neighbourhood_prompts) {
        const std::string& answer = n.answer.empty() ? c.target_true : n.answer;
        if (!answer.empty()) ns.items.emplace_back(n.prompt, answer);
    }
    groups.push_back(ns);

    std::vector<TargetQuery> queries;
    for (const auto& g : groups)
        for (const auto& [prompt, other] : g.items) {
            queries.push_back({prompt, c.target_new});
            queries.push_back({prompt, other});
        }
    if (queries.empty()) return;
    auto nll = target_nll(model, queries, o.batch_size).value();
    size_t k = 0;
    for (const auto& g : groups) {
        if (g.items.empty()) continue;
        MetricValue success{g.success_key, kProtocolCounterFact, kNaN, {}};
        MetricValue margin{g.margin_key, kProtocolCounterFact, kNaN, {}};
        std::vector<double> s_values, m_values;
        for (const auto& [prompt, other] : g.items) {
            NllPair p{nll[k], nll[k + 1]};
            k += 2;
            const double s = (g.expect_new ? prefers_new(p) : prefers_true(p)) ? 1.0 : 0.0;
            const double m = g.expect_new ? new_margin(p) : -new_margin(p);
            nlohmann::json extra = {{"nll_new", p.nll_new}, {"nll_other", p.nll_true}, {"other", other},
                                    {"p_new", std::exp(-p.nll_new)}, {"p_other", std::exp(-p.nll_true)}};
            const std::string& shown = g.expect_new ? c.target_new : other;
            success.details.push_back({prompt, shown, s, extra});
            margin.details.push_back({prompt, shown, m, extra});
            s_values.push_back(s);
            m_values.push_back(m);
        }
        success.value = mean_of(s_values);
        margin.value = mean_of(m_values);
        set.metrics.push_back(std::move(success));
        set.metrics.push_back(std::move(margin));
    }
}

// ---- easyedit-token-acc -------------------------------------------------------------------

void score_easyedit(const Model& model, const EditCase& c, const EvalOptions& o, const std::string& timing,
                    LocalityReference& ref, MetricSet& set, std::vector<std::string>& notes) {
    enum class Kind { Accuracy, Locality, SameSubject };
    struct Item {
        std::string key;
        Kind kind;
        TargetQuery query;
    };
    std::vector<Item> items;
    items.push_back({"reliability", Kind::Accuracy, {c.prompt(), c.target_new}});
    for (const auto& p : c.paraphrase_prompts) items.push_back({"generalization", Kind::Accuracy, {p, c.target_new}});
    for (const auto& p : c.heldout_paraphrase_prompts)
        items.push_back({"generalization_heldout", Kind::Accuracy, {p, c.target_new}});
    std::vector<std::string> kinds;
    for (const auto& q : c.portability) {
        items.push_back({"portability_" + q.kind, Kind::Accuracy, {q.prompt, q.answer}});
        if (std::find(kinds.begin(), kinds.end(), q.kind) == kinds.end()) kinds.push_back(q.kind);
    }
    for (const auto& n : c.neighbourhood_prompts) items.push_back({"locality", Kind::Locality, {n.prompt, n.answer}});
    for (const auto& n : c.same_subject_prompts)
        items.push_back({"locality_same_subject", Kind::SameSubject, {n.prompt, n.answer}});

    std::vector<TargetQuery> queries;
    for (const auto& it : items) queries.push_back(it.query);
    auto preds = teacher_forced_tokens(model, queries, o.batch_size).value();

    const bool pre = timing == kTimingPre;
    LocalityReference fresh;
    fresh.recorded = true;
    std::map<std::string, MetricValue> by_key;
    std::vector<std::string> order;
    std::vector<double> all_portability;
    size_t loc_i = 0, same_i = 0;
    bool reference_missing = false;
    for (size_t i = 0; i < items.size(); ++i) {
        const auto& it = items[i];
        const auto& p = preds[i];
        double value = kNaN;
        nlohmann::json extra;
        if (it.kind == Kind::Accuracy) {
            value = token_match(p.predicted, p.labels);
            extra = {{"predicted", p.predicted}, {"labels", p.labels}};
            if (it.key.rfind("portability_", 0) == 0) all_portability.push_back(value);
        } else {
            auto& mine = it.kind == Kind::Locality ? fresh.neighbourhood : fresh.same_subject;
            mine.push_back(p.predicted);
            const auto& theirs = it.kind == Kind::Locality ? ref.neighbourhood : ref.same_subject;
            const size_t idx = it.kind == Kind::Locality ? loc_i++ : same_i++;
            if (pre) continue;  // the reference itself; locality is measured after the edit
            if (!ref.recorded || idx >= theirs.size()) {
                reference_missing = true;
                continue;
            }
            value = token_match(theirs[idx], p.predicted);
            extra = {{"pre", theirs[idx]}, {"post", p.predicted}};
        }
        auto [pos, inserted] = by_key.try_emplace(it.key, MetricValue{it.key, kProtocolEasyEdit, kNaN, {}});
        if (inserted) order.push_back(it.key);
        pos->second.details.push_back({it.query.prompt, it.query.target, value, extra});
    }
    if (pre) ref = std::move(fresh);
    if (reference_missing) notes.push_back("easyedit-token-acc: no pre-edit tokens recorded, so locality is left out");

    for (const auto& key : order) {
        MetricValue m = std::move(by_key[key]);
        // Per-kind portability only when there is more than one kind; "portability" is the overall mean.
        if (key.rfind("portability_", 0) == 0 && kinds.size() < 2) continue;
        std::vector<double> v;
        for (const auto& d : m.details) v.push_back(d.value);
        m.value = mean_of(v);
        set.metrics.push_back(std::move(m));
    }
    if (!all_portability.empty()) {
        // Portability items follow c.portability's order.
        MetricValue overall{"portability", kProtocolEasyEdit, mean_of(all_portability), {}};
        size_t j = 0;
        for (size_t i = 0; i < items.size(); ++i) {
            if (items[i].key.rfind("portability_", 0) != 0) continue;
            const auto& p = preds[i];
            overall.details.push_back({items[i].query.prompt, items[i].query.target, all_portability[j],
                                       {{"kind", c.portability[j].kind}, {"predicted", p.predicted}, {"labels", p.labels}}});
            ++j;
        }
        set.metrics.push_back(std::move(overall));
    }
}

// ---- zsre-token-acc --------------------------------------------------------------------

void score_zsre(const Model& model, const EditCase& c, const EvalOptions& o, MetricSet& set) {
    std::vector<std::pair<std::string, TargetQuery>> items;
    items.push_back({"efficacy", {c.prompt(), c.target_new}});
    for (const auto& p : c.paraphrase_prompts) items.push_back({"paraphrase", {p, c.target_new}});
    for (const auto& p : c.heldout_paraphrase_prompts) items.push_back({"paraphrase_heldout", {p, c.target_new}});
    for (const auto& n : c.neighbourhood_prompts)
        if (!n.answer.empty()) items.push_back({"specificity", {zsre_neighbour_prompt(n.prompt), n.answer}});
    std::vector<TargetQuery> queries;
    for (const auto& it : items) queries.push_back(it.second);
    auto res = zsre_token_accuracy(model, queries, o.batch_size).value();
    std::vector<MetricValue> out;
    for (size_t i = 0; i < items.size(); ++i) {
        auto m = std::find_if(out.begin(), out.end(), [&](const MetricValue& v) { return v.key == items[i].first; });
        if (m == out.end()) {
            out.push_back({items[i].first, kProtocolZsre, kNaN, {}});
            m = out.end() - 1;
        }
        const auto& r = res[i];
        m->details.push_back({items[i].second.prompt, items[i].second.target, r.accuracy,
                              {{"gold", r.gold}, {"predicted", r.predicted}}});
    }
    for (auto& m : out) {
        std::vector<double> v;
        for (const auto& d : m.details) v.push_back(d.value);
        m.value = mean_of(v);
        set.metrics.push_back(std::move(m));
    }
}

// ---- ngram-entropy ---------------------------------------------------------------------

void score_fluency(const Model& model, const EditCase& c, const EvalOptions& o, uint64_t seed, MetricSet& set,
                   const JobContext& job) {
    // CounterFact samples its generation_prompts; EasyEdit samples the edit prompt.
    std::vector<std::string> prompts = c.generation_prompts;
    if (prompts.empty()) prompts.push_back(c.prompt());
    FluencyOptions f;
    f.max_length = o.fluency_max_length;
    f.seed = seed;
    auto texts = fluency_generations(model, prompts, f, job).value();
    MetricValue m{"fluency", kProtocolNgram, kNaN, {}};
    std::vector<double> v;
    for (size_t i = 0; i < prompts.size(); ++i) {
        const double e = fluency_entropy(texts[i]);
        v.push_back(e);
        m.details.push_back({prompts[i], "", e, {{"text", texts[i]}}});
    }
    m.value = mean_of(v);
    set.metrics.push_back(std::move(m));
}

CaseResult init_case(const EditCase& c) {
    CaseResult r;
    r.case_id = c.case_id;
    r.subject = c.subject;
    r.prompt = c.prompt();
    r.target_new = c.target_new;
    r.target_true = c.target_true;
    return r;
}

void run_undo(const UndoFn& undo, const std::string& case_id) {
    if (!undo) return;
    try {
        undo();
    } catch (...) {
        Error e = error_from_current_exception();
        throw UndoFailed(Error{e.code == ErrorCode::Cancelled ? ErrorCode::Internal : e.code,
                               "undoing the edit of case " + case_id +
                                   " failed; the model's weights are in an unknown state (reload it): " + e.message});
    }
}

}  // namespace

EditFn no_edit() {
    return [](Model&, const EditCase&, const JobContext&) -> Expected<AppliedEdit> { return AppliedEdit{}; };
}

Expected<UndoFn> snapshot_undo(Model& model, const std::vector<std::string>& tensor_names) {
    return capture([&] {
        torch::NoGradGuard guard;
        auto saved = std::make_shared<std::vector<std::pair<std::string, torch::Tensor>>>();
        for (const auto& name : tensor_names) saved->emplace_back(name, model.tensor(name).detach().clone());
        Model* m = &model;
        return UndoFn([m, saved] {
            torch::NoGradGuard inner;
            for (const auto& [name, value] : *saved) m->tensor(name).copy_(value);
        });
    });
}

std::vector<std::string> default_protocols(const std::string& format) {
    if (format == "easyedit") return {kProtocolEasyEdit};
    if (format == "zsre") return {kProtocolZsre};
    return {kProtocolCounterFact, kProtocolEasyEdit};
}

Expected<MetricSet> score_case(const Model& model, const EditCase& c, const EvalOptions& options, const std::string& timing,
                               LocalityReference& reference, uint64_t seed, std::vector<std::string>* notes,
                               const JobContext& job) {
    return capture([&] {
        std::vector<std::string> local_notes;
        std::vector<std::string>& n = notes ? *notes : local_notes;
        if (c.target_new.empty()) fail(ErrorCode::InvalidArgument, "case " + c.case_id + " has no target_new");
        MetricSet set;
        for (const auto& protocol : resolve_protocols(options)) {
            job.check_cancelled();
            try {
                if (protocol == kProtocolCounterFact) score_counterfact(model, c, options, set, n);
                else if (protocol == kProtocolEasyEdit) score_easyedit(model, c, options, timing, reference, set, n);
                else if (protocol == kProtocolZsre) score_zsre(model, c, options, set);
                else score_fluency(model, c, options, seed, set, job);
            } catch (const EngineException& e) {
                // A prompt the model cannot take (too long, empty) costs this protocol, not the run.
                if (e.error().code != ErrorCode::InvalidArgument) throw;
                const std::string note = protocol + " (" + timing + "): " + e.error().message;
                if (std::find(n.begin(), n.end(), note) == n.end()) n.push_back(note);
            }
        }
        return set;
    });
}

Expected<Scorecard> run_eval(Model& model, const std::vector<EditCase>& cases, const EditFn& edit,
                             const EvalOptions& options, const JobContext& job) {
    return capture([&]() -> Scorecard {
        Scorecard card;
        card.method = options.method;
        card.sequential = options.sequential;
        card.protocols = resolve_protocols(options);
        card.seed = options.seed;
        if (!edit) fail(ErrorCode::InvalidArgument, "run_eval: no edit function");
        const size_t N = options.limit > 0 ? std::min(options.limit, cases.size()) : cases.size();
        card.cases_total = N;
        card.cases.reserve(N);
        std::vector<LocalityReference> refs(N);
        std::vector<std::pair<UndoFn, std::string>> applied;  // sequential: newest last
        const double units = std::max<double>(1.0, options.sequential ? 3.0 * N : 2.0 * N);
        double done = 0.0;
        auto seed_for = [&](size_t i) { return options.seed + static_cast<uint64_t>(i) * 1000003ull; };
        auto label = [&](size_t i, const char* what) {
            return "case " + std::to_string(i + 1) + " of " + std::to_string(N) + ": " + what;
        };
        auto step = [&](size_t i, const char* what) {
            done += 1.0;
            job.report(std::min(1.0, done / units), label(i, what));
        };
        // The EditFn reports its own progress inside its case's share.
        auto edit_job = [&](size_t i) {
            JobContext sub;
            sub.cancel = job.cancel;
            sub.progress = [&, i](double f, const std::string& stage) {
                job.report(std::min(1.0, (done + std::clamp(f, 0.0, 1.0)) / units), label(i, "edit") + ": " + stage);
            };
            return sub;
        };
        auto stop = [&](const Error& e) {
            card.partial = true;
            card.partial_reason = e.code == ErrorCode::Cancelled ? "cancelled" : "stopped by an error: " + e.message;
        };
        // Runs f; false when the run must stop (cancelled or an unrecoverable error), with the card marked.
        auto guarded = [&](auto&& f) -> bool {
            try {
                f();
                return true;
            } catch (const UndoFailed&) {
                throw;
            } catch (...) {
                stop(error_from_current_exception());
                return false;
            }
        };
        auto score = [&](size_t i, const std::string& timing, MetricSet& into) {
            into = score_case(model, cases[i], options, timing, refs[i], seed_for(i), &card.cases[i].notes, job).value();
        };
        // Applies case i's edit; true when applied. A failed edit is recorded on the case.
        auto apply = [&](size_t i, AppliedEdit& out) {
            CaseResult& r = card.cases[i];
            const auto t0 = std::chrono::steady_clock::now();
            auto e = edit(model, cases[i], edit_job(i));
            r.edit_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (!e) {
                if (e.error().code == ErrorCode::Cancelled) throw EngineException(e.error());
                r.error = "edit failed: " + e.error().message;
                return false;
            }
            out = std::move(e.value());
            r.edited = true;
            r.edit_info = out.info;
            return true;
        };
        auto begin_case = [&](size_t i) {
            card.cases.push_back(init_case(cases[i]));
            if (cases[i].target_new.empty()) {
                card.cases.back().error = "no target_new: nothing to edit (a tracing-only record)";
                return false;
            }
            return true;
        };

        if (!options.sequential) {
            for (size_t i = 0; i < N; ++i) {
                if (job.cancelled()) {
                    stop({ErrorCode::Cancelled, "cancelled"});
                    break;
                }
                if (!begin_case(i)) {
                    done += 1.0;
                    step(i, "skipped");
                    continue;
                }
                if (!guarded([&] { score(i, kTimingPre, card.cases[i].pre); })) break;
                step(i, "pre-edit");
                AppliedEdit applied_edit;
                bool edited = false;
                if (!guarded([&] { edited = apply(i, applied_edit); })) break;
                if (!edited) {
                    done += 1.0;  // no post-edit share to report
                    step(i, "edit failed");
                    continue;
                }
                const bool ok = guarded([&] { score(i, kTimingAfterEach, card.cases[i].after_each); });
                run_undo(applied_edit.undo, cases[i].case_id);
                if (!ok) break;
                step(i, "post-edit");
            }
        } else {
            // Pre-edit scores first, all on the unedited model (as EasyEdit does), so
            // that "pre_edit" and the locality reference never include earlier edits.
            bool running = true;
            for (size_t i = 0; i < N && running; ++i) {
                if (job.cancelled()) {
                    stop({ErrorCode::Cancelled, "cancelled"});
                    running = false;
                    break;
                }
                if (begin_case(i)) running = guarded([&] { score(i, kTimingPre, card.cases[i].pre); });
                step(i, "pre-edit");
            }
            const size_t started = card.cases.size();
            for (size_t i = 0; i < started && running; ++i) {
                if (job.cancelled()) {
                    stop({ErrorCode::Cancelled, "cancelled"});
                    running = false;
                    break;
                }
                if (!card.cases[i].error.empty()) {
                    step(i, "skipped");
                    continue;
                }
                AppliedEdit applied_edit;
                bool edited = false;
                running = guarded([&] { edited = apply(i, applied_edit); });
                if (edited) applied.emplace_back(std::move(applied_edit.undo), cases[i].case_id);
                if (running && edited) running = guarded([&] { score(i, kTimingAfterEach, card.cases[i].after_each); });
                step(i, "edit and post-edit");
            }
            for (size_t i = 0; i < started && running; ++i) {
                if (job.cancelled()) {
                    stop({ErrorCode::Cancelled, "cancelled"});
                    running = false;
                    break;
                }
                if (card.cases[i].edited) running = guarded([&] { score(i, kTimingAfterAll, card.cases[i].after_all); });
                step(i, "after all edits");
            }
            if (!options.keep_edits) {
                while (!applied.empty()) {
                    auto [undo, id] = std::move(applied.back());
                    applied.pop_back();
                    run_undo(undo, id);
                }
            }
        }
        if (!card.partial && card.cases.size() < N) {
            card.partial = true;
            card.partial_reason = "stopped early";
        }
        summarize_scorecard(card);
        return card;
    });
}

}  // namespace lancet
