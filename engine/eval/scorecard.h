// The result of an edit evaluation: per case, per timing, per metric, a value
// with the protocol that produced it and the prompts behind it; and a summary
// (mean over cases, population std, 95% CI) per metric and timing.
//
// Values are fractions (accuracies and successes in [0, 1], magnitudes as
// probability differences, fluency in bits); the papers' tables show them x100.
//
// Timings:
//   "pre_edit"         the unedited model;
//   "after_each_edit"  right after the case's own edit (independent mode: the
//                      edit is then undone; sequential mode: earlier edits are in place);
//   "after_all_edits"  sequential mode only: every edit of the run in place
//                      (EasyEdit's evaluation before 2026-06; the forgetting view).
// Summary entries also use "forgetting" = after_each_edit - after_all_edits per
// case (positive: lost by later edits).
#pragma once

#include "eval/metrics.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lancet {

inline constexpr const char* kTimingPre = "pre_edit";
inline constexpr const char* kTimingAfterEach = "after_each_edit";
inline constexpr const char* kTimingAfterAll = "after_all_edits";
inline constexpr const char* kTimingForgetting = "forgetting";

struct PromptDetail {
    std::string prompt;
    std::string target;
    double value = std::numeric_limits<double>::quiet_NaN();
    nlohmann::json extra = nlohmann::json::object();  // e.g. nll_new / nll_true, token ids, generated text
};

struct MetricValue {
    std::string key;       // "ES", "reliability", "efficacy", "fluency", ...
    std::string protocol;  // kProtocol*
    double value = std::numeric_limits<double>::quiet_NaN();
    std::vector<PromptDetail> details;
};

struct MetricSet {
    std::vector<MetricValue> metrics;
    const MetricValue* find(const std::string& key) const;
    bool empty() const { return metrics.empty(); }
};

struct CaseResult {
    std::string case_id;
    std::string subject;
    std::string prompt;  // the rewrite prompt
    std::string target_new;
    std::string target_true;
    MetricSet pre;         // pre_edit
    MetricSet after_each;  // after_each_edit
    MetricSet after_all;   // after_all_edits (sequential only)
    bool edited = false;
    std::string error;     // why the case has no post-edit scores (edit failed, nothing to edit, ...)
    double edit_seconds = 0.0;
    nlohmann::json edit_info = nlohmann::json::object();  // what the EditFn reported
    std::vector<std::string> notes;                       // metrics left out and why
};

struct SummaryEntry {
    std::string key;
    std::string protocol;
    std::string timing;
    Stat stat;
};

struct Scorecard {
    std::string method;          // "none", "rome", ...
    bool sequential = false;
    std::vector<std::string> protocols;
    uint64_t seed = 0;
    size_t cases_total = 0;      // cases asked for (after the limit)
    bool partial = false;        // cancelled (or stopped) before every case was done
    std::string partial_reason;
    std::vector<CaseResult> cases;
    std::vector<SummaryEntry> summary;  // filled by summarize_scorecard()

    const SummaryEntry* find(const std::string& key, const std::string& timing) const;
};

// Recomputes Scorecard::summary: mean over cases per (metric, timing), the
// harmonic-mean scores ("S" = hmean(ES, PS, NS) for counterfact-prob, "score" =
// hmean(efficacy, paraphrase, specificity) for zsre-token-acc; their std and
// CI are NaN), and, for sequential runs, "forgetting".
void summarize_scorecard(Scorecard& card);

nlohmann::json to_json(const Scorecard& card, bool with_details = true);

// What a metric is, for tables and tooltips.
struct MetricInfo {
    std::string key;
    std::string label;        // "Efficacy success"
    std::string protocol;
    std::string description;  // one sentence
};
// Known keys, and "portability_<kind>"; a generic entry for anything else.
MetricInfo metric_info(const std::string& key);

}  // namespace lancet
