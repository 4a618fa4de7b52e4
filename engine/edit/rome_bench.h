// Timing of one ROME edit with the second moment and the context templates
// already cached (what `lancet-cli bench rome` reports), plus the same
// compute_v WITHOUT the cached-lower-layers trick (a full forward pass every
// Adam step) for comparison.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "edit/rome.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace lancet {

class Model;

struct RomeBenchOptions {
    RomeRequest request{"{} is located in the city of", "The Space Needle", "Paris", std::string("Seattle"), {}};
    std::optional<int> layer;      // default: the published layer, else n_layer / 2
    bool mom2 = true;
    RomeStatsSource stats;         // where C comes from (cached on disk after the first run)
    int64_t stats_samples = 0;     // 0: the hyperparameters' default (100,000 token positions)
    int repeats = 3;               // timed repetitions (the minimum and the median are reported)
    VPrecision v_precision = VPrecision::Auto;  // of the timed edits (total_s); fp32 is always timed too
    // Non-empty (CUDA): one more compute_v as the timed edits run it, and one
    // eager, each recorded kernel by kernel into PREFIX-graph.json and
    // PREFIX-eager.json (Chrome traces; bench/kernel_summary.py sums them).
    std::string profile_prefix;
};

// JSON: model, device, layer, warmup_s (first edit: templates + stats + edit),
// compute_u_s / compute_v_s / total_s (min and median over repeats, caches hot;
// edit_without_scores_s leaves out the before/after target scores, as the
// reference times it),
// apply_s / undo_s, compute_v_cached_s vs compute_v_full_forward_s (same number
// of Adam steps, early stop off), speedup_cached_lower_layers and
// max_abs_delta_diff between the two; compute_v_skipping_unread_s vs
// compute_v_all_work_s (ComputeVOptions::skip_unread_work on and off, in the
// timed precision, interleaved) and skipping_rel_delta_diff; on CUDA also compute_v_tf32_s and
// compute_v_bf16_s with their δ's relative distance from fp32's; stats tokens_per_second, and a one-line
// summary. The model's weights are unchanged afterwards (apply then undo).
Expected<nlohmann::json> bench_rome(Model& model, const RomeBenchOptions& options = {}, const JobContext& job = {});

}  // namespace lancet
