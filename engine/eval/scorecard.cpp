#include "eval/scorecard.h"

#include <cmath>
#include <map>

namespace lancet {

using nlohmann::json;

const MetricValue* MetricSet::find(const std::string& key) const {
    for (const auto& m : metrics)
        if (m.key == key) return &m;
    return nullptr;
}

const SummaryEntry* Scorecard::find(const std::string& key, const std::string& timing) const {
    for (const auto& e : summary)
        if (e.key == key && e.timing == timing) return &e;
    return nullptr;
}

namespace {

struct Column {
    std::string key;
    std::string protocol;
    std::vector<double> values;
};

// Per-timing columns in order of first appearance.
std::vector<Column> collect(const std::vector<const MetricSet*>& sets) {
    std::vector<Column> cols;
    std::map<std::string, size_t> where;
    for (const MetricSet* set : sets) {
        for (const auto& m : set->metrics) {
            auto it = where.find(m.key);
            if (it == where.end()) {
                it = where.emplace(m.key, cols.size()).first;
                cols.push_back({m.key, m.protocol, {}});
            }
            cols[it->second].values.push_back(m.value);
        }
    }
    return cols;
}

void add_timing(Scorecard& card, const std::string& timing, const std::vector<const MetricSet*>& sets) {
    auto cols = collect(sets);
    for (auto& c : cols) card.summary.push_back({c.key, c.protocol, timing, summarize_values(c.values)});
    auto score = [&](const std::string& name, const std::string& protocol, std::vector<std::string> parts) {
        std::vector<double> means;
        int n = 0;
        for (const auto& p : parts) {
            const SummaryEntry* e = card.find(p, timing);
            if (!e) return;
            means.push_back(e->stat.mean);
            n = std::max(n, e->stat.n);
        }
        Stat s;
        s.mean = harmonic_mean(means);
        s.n = n;
        card.summary.push_back({name, protocol, timing, s});
    };
    score("S", kProtocolCounterFact, {"ES", "PS", "NS"});
    score("score", kProtocolZsre, {"efficacy", "paraphrase", "specificity"});
}

json stat_json(const Stat& s) { return {{"mean", s.mean}, {"std", s.std}, {"ci95", s.ci95}, {"n", s.n}}; }

json metrics_json(const MetricSet& set, bool with_details) {
    json out = json::array();
    for (const auto& m : set.metrics) {
        json j = {{"metric", m.key}, {"protocol", m.protocol}, {"value", m.value}};
        if (with_details) {
            json d = json::array();
            for (const auto& p : m.details) {
                json e = {{"prompt", p.prompt}, {"target", p.target}, {"value", p.value}};
                for (auto it = p.extra.begin(); it != p.extra.end(); ++it) e[it.key()] = it.value();
                d.push_back(std::move(e));
            }
            j["details"] = std::move(d);
        }
        out.push_back(std::move(j));
    }
    return out;
}

}  // namespace

void summarize_scorecard(Scorecard& card) {
    card.summary.clear();
    std::vector<const MetricSet*> pre, each, all;
    for (const auto& c : card.cases) {
        if (!c.pre.empty()) pre.push_back(&c.pre);
        if (!c.after_each.empty()) each.push_back(&c.after_each);
        if (!c.after_all.empty()) all.push_back(&c.after_all);
    }
    add_timing(card, kTimingPre, pre);
    add_timing(card, kTimingAfterEach, each);
    if (card.sequential) {
        add_timing(card, kTimingAfterAll, all);
        // forgetting = after_each - after_all, per case that has both.
        std::vector<MetricSet> diffs;
        for (const auto& c : card.cases) {
            if (c.after_each.empty() || c.after_all.empty()) continue;
            MetricSet d;
            for (const auto& m : c.after_each.metrics)
                if (const MetricValue* later = c.after_all.find(m.key))
                    d.metrics.push_back({m.key, m.protocol, m.value - later->value, {}});
            diffs.push_back(std::move(d));
        }
        std::vector<const MetricSet*> ptrs;
        for (const auto& d : diffs) ptrs.push_back(&d);
        for (auto& col : collect(ptrs))
            card.summary.push_back({col.key, col.protocol, kTimingForgetting, summarize_values(col.values)});
    }
}

json to_json(const Scorecard& card, bool with_details) {
    json out;
    out["method"] = card.method;
    out["mode"] = card.sequential ? "sequential" : "independent";
    out["protocols"] = card.protocols;
    out["seed"] = card.seed;
    out["cases_total"] = card.cases_total;
    out["cases_done"] = card.cases.size();
    out["partial"] = card.partial;
    if (card.partial) out["partial_reason"] = card.partial_reason;
    out["timings"] = card.sequential ? json::array({kTimingPre, kTimingAfterEach, kTimingAfterAll})
                                     : json::array({kTimingPre, kTimingAfterEach});
    out["values"] = "fractions (tables show x100); fluency in bits";
    json summary = json::array();
    for (const auto& e : card.summary) {
        json j = {{"metric", e.key}, {"label", metric_info(e.key).label}, {"protocol", e.protocol}, {"timing", e.timing}};
        j.update(stat_json(e.stat));
        summary.push_back(std::move(j));
    }
    out["summary"] = std::move(summary);
    json cases = json::array();
    for (const auto& c : card.cases) {
        json j = {{"case_id", c.case_id},       {"subject", c.subject},   {"prompt", c.prompt},
                  {"target_new", c.target_new}, {"target_true", c.target_true}, {"edited", c.edited},
                  {"edit_seconds", c.edit_seconds}, {"edit_info", c.edit_info}};
        if (!c.error.empty()) j["error"] = c.error;
        if (!c.notes.empty()) j["notes"] = c.notes;
        json scores;
        scores[kTimingPre] = metrics_json(c.pre, with_details);
        scores[kTimingAfterEach] = metrics_json(c.after_each, with_details);
        if (card.sequential) scores[kTimingAfterAll] = metrics_json(c.after_all, with_details);
        j["scores"] = std::move(scores);
        cases.push_back(std::move(j));
    }
    out["cases"] = std::move(cases);
    return out;
}

MetricInfo metric_info(const std::string& key) {
    static const std::map<std::string, MetricInfo> known = {
        {"ES", {"ES", "Efficacy success", kProtocolCounterFact,
                "Share of rewrite prompts where the new object is more likely than the true one."}},
        {"EM", {"EM", "Efficacy magnitude", kProtocolCounterFact,
                "Mean P(new object) - P(true object) on the rewrite prompt (per-token geometric mean probabilities)."}},
        {"PS", {"PS", "Paraphrase success", kProtocolCounterFact,
                "Share of paraphrased prompts where the new object is more likely than the true one."}},
        {"PM", {"PM", "Paraphrase magnitude", kProtocolCounterFact,
                "Mean P(new object) - P(true object) over paraphrased prompts."}},
        {"PS_heldout", {"PS_heldout", "Held-out paraphrase success", kProtocolCounterFact,
                        "PS over phrasings the editor never saw (Lancet facts' heldout_prompts)."}},
        {"PM_heldout", {"PM_heldout", "Held-out paraphrase magnitude", kProtocolCounterFact,
                        "PM over phrasings the editor never saw."}},
        {"NS", {"NS", "Neighbourhood success", kProtocolCounterFact,
                "Share of neighbouring subjects' prompts where their own answer stays more likely than the new object."}},
        {"NM", {"NM", "Neighbourhood magnitude", kProtocolCounterFact,
                "Mean P(neighbour's answer) - P(new object) over neighbourhood prompts."}},
        {"S", {"S", "Score (hmean ES, PS, NS)", kProtocolCounterFact,
               "Harmonic mean of the mean ES, PS and NS (ROME's editing score)."}},
        {"reliability", {"reliability", "Reliability", kProtocolEasyEdit,
                         "Teacher-forced token accuracy of the new object after the rewrite prompt."}},
        {"generalization", {"generalization", "Generalization", kProtocolEasyEdit,
                            "Teacher-forced token accuracy of the new object after paraphrased prompts."}},
        {"generalization_heldout", {"generalization_heldout", "Held-out generalization", kProtocolEasyEdit,
                                    "Token accuracy of the new object after phrasings the editor never saw."}},
        {"locality", {"locality", "Locality", kProtocolEasyEdit,
                      "Share of argmax tokens on unrelated prompts that the edit left unchanged."}},
        {"locality_same_subject", {"locality_same_subject", "Same-subject locality", kProtocolEasyEdit,
                                   "Share of argmax tokens on the subject's other facts that the edit left unchanged."}},
        {"portability", {"portability", "Portability", kProtocolEasyEdit,
                         "Token accuracy on questions that need the edited fact (reverse, multi-hop)."}},
        {"efficacy", {"efficacy", "Efficacy", kProtocolZsre,
                      "zsRE token accuracy of the inserted answer after the question."}},
        {"paraphrase", {"paraphrase", "Paraphrase", kProtocolZsre,
                        "zsRE token accuracy of the inserted answer after the rephrased question."}},
        {"paraphrase_heldout", {"paraphrase_heldout", "Held-out paraphrase", kProtocolZsre,
                                "zsRE token accuracy after phrasings the editor never saw."}},
        {"specificity", {"specificity", "Specificity", kProtocolZsre,
                         "zsRE token accuracy of the NQ answers on unrelated questions (not relative to the unedited model)."}},
        {"score", {"score", "Score (hmean efficacy, paraphrase, specificity)", kProtocolZsre,
                   "Harmonic mean of the mean efficacy, paraphrase and specificity."}},
        {"fluency", {"fluency", "Fluency (n-gram entropy)", kProtocolNgram,
                     "Weighted bi- and tri-gram entropy of sampled generations, in bits; low values mean repetition."}},
        {"perplexity", {"perplexity", "General-text perplexity", "general-ability",
                        "Perplexity of a fixed sample of general text (lower is better): what the edit did to "
                        "everything it was not about."}},
        {"fact_recall", {"fact_recall", "Fact recall", "general-ability",
                         "Share of a fixed sample of the model's own facts it still completes token for token: how "
                         "many of its facts survive the edit."}},
    };
    auto it = known.find(key);
    if (it != known.end()) return it->second;
    const std::string prefix = "portability_";
    if (key.rfind(prefix, 0) == 0) {
        std::string kind = key.substr(prefix.size());
        std::string label = "Portability (" + kind + ")";
        for (auto& ch : label)
            if (ch == '_') ch = ' ';
        return {key, label, kProtocolEasyEdit, "Token accuracy on " + kind + " questions that need the edited fact."};
    }
    return {key, key, "", ""};
}

}  // namespace lancet
