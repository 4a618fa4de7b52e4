// MEMIT (Meng et al. 2023) and AlphaEdit (Fang et al., ICLR 2025): many facts
// written at once, the change spread over a range of MLP down projections
// (docs/design/editing-methods.md §1-§2, rome-spec.md §3; memit: memit_main.py,
// compute_z.py, compute_ks.py; AlphaEdit: AlphaEdit_main.py).
//
//   targets : per request, δ_i added to the residual stream after block L (the
//             LAST edited layer) at the subject's last token of every rewriting
//             prompt ("{}" and five model-written "<prefix>. {}", each followed
//             by the target's tokens but the last) and of the KL prompt
//             "{subject} is a"; Adam(v_lr) on
//               mean over the rewriting prompts of the per-token target NLL
//             + kl_factor · KL(P_δ ‖ P_0) at the KL prompt's subject token
//             + v_weight_decay · ‖δ_i‖ / ‖h0_i‖²
//             with the reference's stopping rule (loss < early_stop_loss, no step
//             on the last iteration) and ‖δ_i‖ ≤ clamp_norm_factor·‖h0_i‖; z_i = h0_i + δ_i.
//             All requests are optimised in ONE batch: their losses are
//             independent and Adam is per coordinate, so this equals optimising
//             each alone (a request that meets the stopping rule is frozen), at
//             the cost of one forward/backward per step for the whole batch.
//             Layers up to L do not depend on δ: they run once.
//   keys    : k_i at layer l = ½ k(bare prompt) + ½ mean k(prefixed prompts),
//             the input of the down projection at the subject's last token,
//             on the model with the lower layers of this edit already changed.
//   spread  : for the layers in ascending order, R = (Z − H)/(remaining layers)
//             with H = block L's output at the bare prompts now;
//             MEMIT      Δ_l = R Kᵀ (λC_l + K Kᵀ)⁻¹            (float64 solve)
//             AlphaEdit  Δ_l = R Kᵀ P_l [(K Kᵀ + C_p,l) P_l + αI]⁻¹  (float64 here,
//                        the reference solves in float32), P_l = U₀U₀ᵀ from the
//                        eigenvectors of C_l with eigenvalue < nullspace_threshold
//                        (absolute), C_p,l = Σ K Kᵀ of earlier edits (sequential use).
//             Both Δ_l have rank ≤ the number of requests and are stored factored.
// The model is never written: lower layers' changes enter the forward pass
// through Model::swap_linear_weight while the upper layers are computed.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "edit/rome.h"
#include "edit/weight_delta.h"

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lancet {

class Model;

enum class MemitVariant { Memit, AlphaEdit };

struct MemitHyperParams {
    std::vector<int> layers;           // ascending; the last one is where the targets are optimised
    int v_num_grad_steps = 20;
    double v_lr = 0.5;
    double v_weight_decay = 0.5;
    double clamp_norm_factor = 0.75;
    double kl_factor = 0.0625;
    double early_stop_loss = 5e-2;
    double mom2_update_weight = 20000;  // λ (MEMIT)
    int64_t mom2_n_samples = 100000;    // token positions behind C
    double nullspace_threshold = 2e-2;  // AlphaEdit: absolute eigenvalue bound of the preserved keys' null space
    double l2 = 10;                     // AlphaEdit: α
    uint64_t seed = 0;                  // context templates
    std::string source;                 // where the defaults come from

    nlohmann::json to_json() const;
    static Expected<MemitHyperParams> from_json(const nlohmann::json& j);  // missing fields keep defaults
};

// The published settings for the model where there are any (GPT-2 XL 13-17 with
// λ 20000; GPT-J 3-8; Llama/Mistral 4-8 with v_lr 0.1; Qwen2 4-8 with clamp 4 and
// weight decay 1e-3), else GPT-2 XL's values with the layers left empty.
MemitHyperParams default_memit_hparams(const ModelConfig& config, MemitVariant variant);
// The layers for a model without published ones: the ROME layer l* and up to four
// below it (the published ranges end at or near ROME's layer); l* = 0 gives {0, 1}.
std::vector<int> memit_layers_around(int rome_layer, int n_layer);

struct MemitOptions {
    MemitVariant variant = MemitVariant::Memit;
    MemitHyperParams hparams;
    RomeStatsSource stats;
    std::optional<std::vector<std::string>> context_templates;  // else generated (seeded, memoised)
    // AlphaEdit, sequential use: P C_p P per layer, C_p = Σ K Kᵀ of the earlier
    // edits' keys (the sum of their key_gram), [d_ff, d_ff] on the model's device.
    const std::map<int, torch::Tensor>* preserved_gram = nullptr;
    // AlphaEdit: also return (P K)(P K)ᵀ per layer of this edit's keys on the edited model (to add to it).
    bool key_gram = false;
    bool prefix_cache = true;  // memit_targets' prefix_cache (false: whole rows, for an A/B)
    bool bucket_suffixes = true;  // memit_targets' bucket_suffixes (false: one padded batch, for an A/B)
    bool fused_kernels = true;    // memit_targets' fused_kernels (false: the plain blocks, for an A/B)
    bool read_positions_only = true;  // memit_targets' read_positions_only (false: every position, for an A/B)
};

struct MemitEdit {
    std::vector<int> layers;
    WeightDelta delta;                      // one factored entry per layer, in the weights' layouts
    torch::Tensor targets;                  // Z [n, d] float32, CPU
    std::map<int, torch::Tensor> key_gram;  // with MemitOptions::key_gram: (P K)(P K)ᵀ per layer, model's device
    nlohmann::json diagnostics;             // per layer ‖Δ‖/‖W‖, null-space dims, target losses, timings
    std::vector<std::string> context_templates;
};

Expected<MemitEdit> compute_memit(const Model& model, const std::vector<RomeRequest>& requests,
                                  const MemitOptions& options, const JobContext& job = {});

// ---- building blocks (public for tests) --------------------------------------

struct MemitTargets {
    torch::Tensor z;      // [n, d] float32 on the model's device
    torch::Tensor h0;     // [n, d] block L's output at the bare prompts before the edit
    nlohmann::json loss_curve = nlohmann::json::array();  // per step: mean loss, nll, kl, active requests
    std::vector<int> steps_run;  // per request: Adam updates applied
    // Work done, for speed floors: positions the forward passes ran (padding
    // included) times the blocks they ran through, summed over the steps.
    int64_t position_blocks = 0;
    int64_t position_blocks_unpadded = 0;  // the same without the right padding to the longest suffix
};
// prefix_cache: each step re-runs only the positions from the subject's last
// token on (the same arithmetic; false runs the rows whole, for tests).
// bucket_suffixes: those suffixes run in up to four groups of similar length,
// each padded to its own longest, rather than all padded to the longest.
// fused_kernels: the blocks run with ForwardInput::fused_kernels (equal up to rounding).
// read_positions_only: the last block runs its queries and MLP only at the
// target tokens' and the KL prompt's positions (ForwardInput::last_block_columns),
// and a suffix ends at its last read position (the KL prompt's at its subject).
Expected<MemitTargets> memit_targets(const Model& model, int layer, const std::vector<RomeRequest>& requests,
                                     const std::vector<std::string>& templates, const MemitHyperParams& hp,
                                     const JobContext& job = {}, bool prefix_cache = true,
                                     bool bucket_suffixes = true, bool fused_kernels = true,
                                     bool read_positions_only = true);

// [n, d_ff]: ½ k(bare) + ½ mean over the prefixed templates (templates[0] must be "{}").
Expected<torch::Tensor> memit_keys(const Model& model, int layer, const std::vector<RomeRequest>& requests,
                                   const std::vector<std::string>& templates);

// The spread's solves for K = [d_ff, n] keys as columns: the layer's update is
// Δ = R Aᵀ (nn.Linear layout, R = [d, n] the residuals' share) with
//   MEMIT      A = (λC + K Kᵀ)⁻¹ K                         in float64
//   AlphaEdit  A = (P (K Kᵀ + C_p) + αI)⁻¹ P K              in K's dtype
// AlphaEdit's is computed as (P K Kᵀ P + P C_p P + αI)⁻¹ P K, which has the same
// solution and a symmetric positive definite matrix; it takes P C_p P
// (projected_previous, may be undefined).
torch::Tensor memit_solve(const torch::Tensor& K, const torch::Tensor& C, double lambda);
torch::Tensor alphaedit_solve(const torch::Tensor& K, const torch::Tensor& P, const torch::Tensor& projected_previous,
                              double alpha);

// U₀U₀ᵀ over the eigenvectors of the symmetric C with eigenvalue < threshold
// (float32, C's device; decomposed in float64 on the CPU, float32 on a GPU);
// `dim` gets the null space's dimension.
torch::Tensor null_space_projector(const torch::Tensor& C, double threshold, int64_t* dim = nullptr);

}  // namespace lancet
