// The forgetting curve of a sequential run (edit/sequential.h) as typed values.
// Free of LibTorch on purpose: the bridge hands them to the workbench's live plot
// as they are, and the CLI prints their to_json() / to_csv().
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lancet {

struct MatrixNorm {
    std::string weight;
    double delta_norm = 0;  // ‖W − W₀‖
    double growth = 1;      // ‖W‖ / ‖W₀‖
};

struct CurvePoint {
    size_t edits = 0;                   // requests edited so far
    double edit_seconds = 0;            // time spent editing so far (scoring excluded)
    double retention_token_acc = 0;     // easyedit-token-acc over the retention sample (NaN before any edit)
    double retention_generation = 0;    // generation-match over the same sample
    double batch_token_acc = 0;         // the latest batch's own requests right after their edit
    double locality = 0;                // easyedit-token-acc locality against the original model
    double perplexity = 0;              // NaN without general ability
    double fact_recall = 0;             // NaN without facts
    double max_growth = 1;              // max over the edited matrices of ‖W‖/‖W₀‖
    std::vector<MatrixNorm> norms;
    bool collapse_warning = false;
    nlohmann::json to_json() const;
};

struct ForgettingCurve {
    std::string method;
    nlohmann::json hparams;
    std::vector<int> layers;
    std::string layer_reason;
    size_t requests = 0;       // asked for
    size_t edited = 0;         // edited successfully
    size_t batch_size = 1;
    std::vector<CurvePoint> points;
    std::vector<std::string> errors;  // requests that failed, with why
    double edit_seconds = 0;
    double score_seconds = 0;
    nlohmann::json stage_seconds = nlohmann::json::object();  // the methods' own timings, summed ("targets_s", ...)
    nlohmann::json work = nlohmann::json::object();           // the methods' own work counters, summed
    bool partial = false;             // cancelled: the points so far
    std::string probe_source;         // the general-ability sample's sources
    nlohmann::json to_json() const;   // {method, protocols{...}, points[...], ...}
    std::string to_csv() const;       // one row per point
};

}  // namespace lancet
