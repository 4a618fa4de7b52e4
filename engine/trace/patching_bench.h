// Timing and agreement of exact activation patching and attribution patching
// on one request (what `lancet-cli bench patch` reports): both run in the same
// process on the same cells, so the speed-up and the estimate's quality are
// read side by side.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "trace/patching.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace lancet {

class Model;

struct PatchBenchOptions {
    int repeats = 3;   // timed attribution runs (exact patching runs once: it is the slow side)
    int top_k = 20;    // agreement of the k strongest cells
};

// Spearman's rank correlation of two equally long samples (average ranks for
// ties); 0 when either is constant.
double spearman_rank_correlation(const std::vector<double>& a, const std::vector<double>& b);

// JSON: model shape, tokens, cells per site, exact_s, attribution_s (min/median),
// speedup, forward/backward passes of each, and per site (hidden, mlp, attn,
// heads, all) the Spearman correlation of the two score sets and the overlap
// of their top_k cells by |score − baseline|.
Expected<nlohmann::json> bench_patching(const Model& model, const PatchRequest& request,
                                        const PatchBenchOptions& options = {}, const JobContext& job = {});

}  // namespace lancet
