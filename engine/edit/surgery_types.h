// The results of the surgery use cases (surgery.h, compare_states.h) as typed
// values. Free of LibTorch on purpose: the bridge hands them to the GUI as they
// are (no JSON to parse, no keys to drift), and the CLI prints their to_json().
#pragma once

#include "core/result.h"
#include "edit/edit_spec.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lancet {

// One prompt behind a scorecard row.
struct ScoreDetail {
    std::string prompt;
    std::string target;
    std::optional<double> before;  // absent when the "before" state had no such prompt
    double after = 0;
};

// One metric before and after (reliability, generality, locality, fluency, ...).
struct ScoreRow {
    std::string key;       // "ES", "reliability", ...
    std::string label;     // "Efficacy success"
    std::string protocol;  // the protocol that produced it (eval/metrics.h kProtocol*)
    std::string tooltip;
    std::optional<double> before;
    double after = 0;
    std::vector<ScoreDetail> details;
};

struct EditScorecard {
    std::vector<ScoreRow> rows;
    std::string timing;  // eval/scorecard.h: after_each_edit, after_all_edits
    const ScoreRow* find(const std::string& key) const;
    nlohmann::json to_json() const;  // {rows[{key, label, protocol, before, after, tooltip, details[]}], timing}
};

// The edit history as the front ends show it.
struct HistoryEntry {
    size_t index = 0;
    std::string id;
    bool applied = false;
    std::string method;
    EditSpec request;
    int layer = -1;
    std::optional<double> division_factor;   // ROME only
    std::optional<double> delta_norm_ratio;  // ‖ΔW‖/‖W‖ of the (first) edited matrix
    std::string created_at;
};

struct HistoryState {
    size_t position = 0;  // edits applied now
    bool can_undo = false;
    bool can_redo = false;
    std::vector<HistoryEntry> edits;  // applied ones, then the redo stack in redo order
    nlohmann::json to_json() const;   // {position, edits[], can_undo, can_redo}
};

// What apply_and_score did.
struct EditOutcome {
    size_t index = 0;          // position of the edit in the history
    std::string id;
    std::string method;
    EditSpec request;          // as run: layers and their reason filled in
    int layer = -1;
    std::string layer_reason;
    nlohmann::json hparams;    // as used
    nlohmann::json diagnostics;
    EditScorecard scorecard;   // empty rows when scoring was off
    HistoryState history;
    nlohmann::json to_json() const;  // {edit{index, id, request, method, layer, layer_reason, hparams, diagnostics}, history, scorecard}
};

// One method's run in a comparison (surgery.h compare_methods).
struct MethodComparison {
    std::string method;
    std::optional<EditOutcome> outcome;  // when the method succeeded (then undone)
    std::optional<Error> error;          // when it did not
    double seconds = 0;                  // the whole loop for this method, scoring included
};

// Two history states compared (compare_states.h).
struct WeightChange {
    std::string name;
    int layer = -1;
    std::string matrix;  // "mlp.c_proj"
    double frobenius = 0;        // ‖W_to − W_from‖
    double relative_change = 0;  // that over ‖W_from‖
};

struct TokenChange {
    int64_t id = 0;
    std::string text;  // the token's bytes
    double from = 0;
    double to = 0;
    std::string role;  // "new target", "old target" or ""
};

struct CompareOutcome {
    int from = 0;
    int to = 0;
    int positions = 0;
    int n_layer = 0;
    std::vector<WeightChange> weights;
    std::string prompt;                 // the next-token prompt ("" = none)
    std::vector<TokenChange> next_token;
    std::optional<EditScorecard> scorecard;
    nlohmann::json to_json() const;
};

}  // namespace lancet
