// Activation patching from a counterfactual prompt, and its first-order
// estimate (attribution patching), as interpretability work now locates
// knowledge (docs/design/locating.md):
//
//   clean prompt      "The Space Needle is in"   -> answer A (" Seattle")
//   corrupted prompt  "The Eiffel Tower is in"   -> answer B (" Paris")
//
// Denoising runs the corrupted prompt and copies one clean activation into it
// (block output, attention output or MLP output at one layer and position, or
// one attention head's output at every position); noising runs the clean prompt
// and copies a corrupted activation in. The metric on the last position is the
// logit difference logit(A) − logit(B) or p(A); every cell is normalised as
// (m_patched − m_corrupted) / (m_clean − m_corrupted): 1 = behaves as the clean
// prompt, 0 = as the corrupted one, in both directions.
//
// The prompts must tokenize to the same number of tokens (symmetric token
// replacement); a mismatch is refused with both tokenizations shown.
#pragma once

#include "core/job.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lancet {

class Model;

enum class PatchSite { Hidden, Mlp, Attn };
enum class PatchDirection { Denoising, Noising };
enum class PatchMetric { LogitDiff, Probability };

const char* patch_site_name(PatchSite site);
std::optional<PatchSite> parse_patch_site(const std::string& text);

struct PatchRequest {
    std::string clean_prompt;
    std::string corrupted_prompt;
    std::string clean_answer;      // empty: the clean prompt's top-1 next token
    std::string corrupted_answer;  // empty: the corrupted prompt's top-1 next token
    std::vector<PatchSite> sites = {PatchSite::Hidden, PatchSite::Mlp, PatchSite::Attn};
    bool heads = true;             // also every attention head (all positions of the head at once)
    PatchDirection direction = PatchDirection::Denoising;
    PatchMetric metric = PatchMetric::LogitDiff;
    int64_t rows_per_pass = 0;     // exact patching: cells per batched pass; 0 = by a memory budget
    bool reference_loop = false;   // exact patching cell by cell through hooks (the tests' reference)
};

struct PatchMap {
    PatchSite site = PatchSite::Hidden;
    std::vector<std::vector<double>> scores;  // [position][layer], normalised
};

struct PatchResult {
    std::string method;     // "exact" or "attribution"
    std::string protocol;   // e.g. "activation-patching/denoising/logit-diff"
    std::vector<int64_t> clean_ids, corrupted_ids;
    std::vector<std::string> clean_tokens, corrupted_tokens;  // each token's bytes
    int64_t clean_answer_id = -1, corrupted_answer_id = -1;
    std::string clean_answer, corrupted_answer;
    double clean_metric = 0, corrupted_metric = 0;   // the metric on each prompt, unpatched
    std::vector<PatchMap> maps;
    std::vector<std::vector<double>> heads;          // [layer][head], normalised; empty unless asked
    int64_t forward_passes = 0;
    int64_t backward_passes = 0;
    double seconds = 0;

    nlohmann::json to_json() const;
};

// Every cell patched exactly, many cells per batched forward pass.
Expected<PatchResult> activation_patching(const Model& model, const PatchRequest& request, const JobContext& job = {});

// Every cell estimated from one forward and one backward pass of the receiving
// prompt plus one forward pass of the source: Δm ≈ (a_source − a_receiving) · ∂m/∂a.
Expected<PatchResult> attribution_patching(const Model& model, const PatchRequest& request, const JobContext& job = {});

// The k cells the estimate ranks highest by |score − baseline| (baseline 0 when
// denoising, 1 when noising), each patched exactly: where linearisation holds and where it fails.
// Batched as exact patching is (PatchRequest::rows_per_pass), with progress and cancel per pass.
struct CellCheck {
    std::string site;   // "hidden", "mlp", "attn" or "head"
    int layer = 0;
    int index = 0;      // the position, or the head
    double estimate = 0;
    double exact = 0;
};
Expected<std::vector<CellCheck>> check_top_cells(const Model& model, const PatchRequest& request,
                                                 const PatchResult& estimate, int k, const JobContext& job = {});

// The same check as a report the front ends show (the workbench's "Check top N
// exactly", lancet-cli patch --check): the cells, and how well the estimate
// orders them — Spearman's rank correlation between estimate and exact value
// over the checked cells (patching_bench.h; NaN under two cells, 0 when one side is constant).
struct EstimateCheck {
    std::vector<CellCheck> cells;  // strongest estimate first
    double rank_correlation = 0;
    double seconds = 0;

    nlohmann::json to_json() const;  // {cells[{site, layer, index, estimate, exact}], rank_correlation, seconds}
};
Expected<EstimateCheck> check_estimate(const Model& model, const PatchRequest& request, const PatchResult& estimate,
                                       int k, const JobContext& job = {});

}  // namespace lancet
