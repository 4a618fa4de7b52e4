// ROME (Meng et al. 2022) and its r-ROME fix (Gupta et al. 2024): a rank-one
// update W ← W + u vᵀ of one MLP down projection that makes the model map
// "<subject>" to a new object (docs/design/rome-spec.md §2, rome: rome/rome_main.py,
// compute_u.py, compute_v.py; rebuilding-rome: rome/compute_v.py).
//
//   compute_u : k = input of the down projection (Site::MlpKey) at the
//               subject's last token; k* = mean over the context templates;
//               u = C⁻¹ k* / ‖C⁻¹ k*‖ (C = E[k kᵀ], second_moment.h), or
//               k*/‖k*‖ without the C adjustment.
//   compute_v : δ added to the MLP output (Site::MlpOut) at the subject's last
//               token of every rewriting prompt and of the KL prompt
//               "{subject} is a", optimised with Adam (lr v_lr, v_num_grad_steps
//               steps, no step on the last iteration) on
//                 NLL(target | every template)                     (mean per prompt of the per-token mean)
//               + kl_factor · KL(P_δ ‖ P_0) at the KL prompt's subject-last token
//               + keep_factor · mean KL(P_δ ‖ P_0) at the LAST token of each keep
//                 prompt (Lancet's extension, off unless the request has keep
//                 prompts: see RomeRequest::keep_prompts)
//               + v_weight_decay · ‖δ‖ / ‖v_init‖²
//               stopping early when the loss < 5e-2, and projecting δ to
//               ‖δ‖ ≤ clamp_norm_factor · ‖v_init‖ after each step;
//               target v* = v_init + δ (v_init = MLP output at the bare prompt).
//   update    : right vector r = (v* − v̄) / (k̄ · u), ΔW = u rᵀ, where
//               (k̄, v̄) are the MEAN key/output over all templates (r-ROME,
//               the default: consistent keys, no disabling edits), or the
//               bare-prompt key/output (original ROME, key_mode Original).
//               k̄·u is the "division factor"; it and ‖ΔW‖/‖W‖ are always in
//               the diagnostics so a disabling edit is visible before it is applied.
//
// Speed: nothing before δ's position changes while δ is optimised: not the
// layers below the edited one, and (causal attention) not the positions
// before the subject's last token in any layer. So the residual stream
// entering layer L and the prefixes' keys and values are computed once
// (model/prefix_cache.h), and every Adam step runs only the suffixes from
// layer L up, about a third of the positions. An Adam step is two halves, the
// loss and then the update, and the step whose loss ends the loop runs only the
// first (the reference's 25 forward and 24 backward passes). On CUDA each half is
// one replay of a CUDA graph (a step is thousands of small kernels), recorded at
// step 0 once the thread's side stream is warm (after the process's first edit),
// and the products run in TF32 by default (VPrecision::Auto; strict fp32 on
// request: ~2x slower on an H100, bound by its matrix products).
//
// Deviation from the reference, documented in the diagnostics too: the
// subject's last token is found by BYTE OFFSETS in the tokenisation of the
// whole formatted prompt (Tokenizer::tokens_covering), not by tokenising the
// prefix, the subject and the suffix separately (repr_tools.get_words_idxs_in_templates).
// For GPT-2 both agree whenever the subject is preceded by a space or starts
// the text; offsets also work for BOS-prefixed tokenizers. Rewriting prompts
// append the target's token ids to the prompt's ids (the reference re-tokenises
// prompt + decode(target[:-1])): the target tokens are exactly the ones scored.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "edit/second_moment.h"
#include "model/config.h"
#include "model/interventions.h"

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lancet {

class Model;

struct RomeRequest {
    std::string prompt;       // holds "{}" exactly once, where the subject goes: "{} is located in"
    std::string subject;      // "Space Needle"
    std::string target_new;   // "Paris" (a leading space is added when missing)
    std::optional<std::string> target_true;  // only for diagnostics
    // Lancet's extension (empty = the reference's ROME): prompts with "{}" for
    // the subject whose next-token distribution the edit should leave alone,
    // typically the subject's OTHER facts ("{} studied at"). Why: δ sits at the
    // subject's last token, so every prompt that starts with the subject sees it;
    // the reference only guards "{} is a" read at the subject itself, and on a
    // model that stores all of a subject's facts at one site the edit then drags
    // the other facts along. Each keep prompt adds a KL term read where its fact
    // is predicted (the last token), weighted by RomeHyperParams::keep_factor.
    std::vector<std::string> keep_prompts;

    nlohmann::json to_json() const;
    static Expected<RomeRequest> from_json(const nlohmann::json& j);
};

enum class RomeKeyMode {
    PrefixMean,  // r-ROME (default): u from the template-mean key; k̄, v̄ = template means in the update
    Original,    // ROME as published: u from the template-mean key; k, v of the bare prompt in the update
    PromptKeys,  // r-ROME's enable_prompt_keys: bare-prompt key for u and the update
};
const char* rome_key_mode_name(RomeKeyMode mode);                     // "prefix_mean", "original", "prompt_keys"
std::optional<RomeKeyMode> parse_rome_key_mode(const std::string& name);

// The arithmetic of compute_v's forward and backward passes. Float32 is the
// reference's; Tf32 and Bf16 are CUDA only (InvalidArgument elsewhere) and
// trade a little precision in δ for tensor-core speed: Tf32 rounds the inputs
// of fp32 matrix products to 10-bit mantissas (δ within ~0.1 % of fp32 on the
// GPT-2 XL shape), Bf16 runs the layers above the edit under bf16 autocast
// (δ, the loss and the softmax stay fp32; ~0.6 %). Auto, the default: Tf32 on
// CUDA (2x faster there: fp32 compute_v is bound by its matrix products),
// Float32 on the CPU.
enum class VPrecision { Auto, Float32, Tf32, Bf16 };
const char* v_precision_name(VPrecision p);                        // "auto", "fp32", "tf32", "bf16"
VPrecision resolve_v_precision(VPrecision p, bool cuda);           // Auto -> Tf32 on CUDA, else Float32
std::optional<VPrecision> parse_v_precision(const std::string& name);

struct RomeHyperParams {
    int layer = -1;                    // -1: not set (published default or the caller's choice)
    int v_num_grad_steps = 20;
    double v_lr = 0.5;
    double v_weight_decay = 0.5;
    double clamp_norm_factor = 4.0;
    double kl_factor = 0.0625;
    // Weight of the keep prompts' KL (only with RomeRequest::keep_prompts). 0.1 is the best
    // measured on the demo model (with 60 Adam steps: efficacy kept, same-subject 52 -> 83 %).
    double keep_factor = 0.1;
    double early_stop_loss = 5e-2;
    bool mom2_adjustment = true;
    int64_t mom2_n_samples = 100000;   // TOKEN POSITIONS (the reference counts articles)
    std::string mom2_dtype = "float32";
    double ridge_lambda = 1e-4;        // used only when C is singular (see invert_second_moment)
    RomeKeyMode key_mode = RomeKeyMode::PrefixMean;
    std::vector<std::pair<int, int>> context_template_length_params{{5, 10}, {10, 10}};
    uint64_t seed = 0;                 // context template sampling
    std::string source;                // where these defaults come from

    nlohmann::json to_json() const;
    // Missing fields keep their defaults; wrong types are InvalidArgument.
    static Expected<RomeHyperParams> from_json(const nlohmann::json& j);
};

// The layer the published ROME hyperparameters edit for this model, when there
// are any: GPT-2 medium 8, large 12, XL 17 (rome hparams/ROME/*.json), GPT-J 6B 5,
// GPT-NeoX-20B 15, and the EasyEdit 7B LLaMA/Mistral/Qwen2 configurations 5.
// std::nullopt otherwise: the caller chooses (a causal trace: the layer with
// the peak MLP effect at the last subject token).
std::optional<int> published_default_layer(const ModelConfig& config);

// Hyperparameters for a model: the published ones where they exist (clamp 3
// for GPT-2 medium; 25 steps and weight decay 1e-3 for the EasyEdit LLaMA-type
// models), else the GPT-2 XL values with layer = -1.
RomeHyperParams default_rome_hparams(const ModelConfig& config);

// Where C comes from when RomeOptions::mom2 is not given.
struct RomeStatsSource {
    std::vector<std::string> corpus_files;  // empty: the default corpus (second_moment.h)
    std::string cache_dir;                  // "": default_stats_cache_dir()
    bool use_disk_cache = true;
    // Per layer, statistics saved by the reference code (.npz, edit/stats_import.h)
    // used instead of computing C there.
    std::map<int, std::string> npz;
};

struct RomeOptions {
    RomeHyperParams hparams;            // start from default_rome_hparams(model.config())
    std::optional<int> layer;           // overrides hparams.layer
    std::string layer_reason;           // why the caller chose the layer, for the diagnostics
    std::optional<std::vector<std::string>> context_templates;  // else generated (seeded, memoised)
    torch::Tensor mom2;                 // C to use as is (else computed or loaded per `stats`)
    int64_t mom2_count = 0;             // samples behind `mom2` (for the singularity check)
    RomeStatsSource stats;
    bool cache_lower_layers = true;     // false: full forward every Adam step (benchmark baseline)
    VPrecision v_precision = VPrecision::Auto;  // see ComputeVOptions::precision
    bool cuda_graph = true;             // see ComputeVOptions::cuda_graph
    bool fused_kernels = true;          // see ComputeVOptions::fused_kernels
    bool skip_unread_work = true;       // see ComputeVOptions::skip_unread_work
    bool predict_after = true;          // NLL / probabilities after the edit (simulated, weights untouched)
};

// An edit computed but not applied (see edit_record.h to apply it).
struct RomeEdit {
    RomeRequest request;
    RomeHyperParams hparams;       // as used; hparams.layer is the edited layer
    int layer = -1;
    std::string layer_reason;
    std::string weight_name;       // the down projection's checkpoint name
    bool in_out_layout = true;     // GPT-2 Conv1D [d_ff, d]: ΔW = u vᵀ; nn.Linear [d, d_ff]: ΔW = v uᵀ
    std::vector<int64_t> weight_shape;
    torch::Tensor u;               // [d_ff] float32, CPU (left vector)
    torch::Tensor v;               // [d] float32, CPU (right vector)
    // Intermediates (float32, CPU), for checks and display.
    torch::Tensor k_star;          // key u was computed from
    torch::Tensor k_update;        // key in the denominator (k̄ or the bare-prompt key)
    torch::Tensor v_update;        // MLP output subtracted in the numerator
    torch::Tensor v_init;          // MLP output at the bare prompt before the edit
    torch::Tensor delta;           // optimised δ
    torch::Tensor target;          // v* = v_init + δ
    std::vector<std::string> context_templates;
    nlohmann::json diagnostics;

    // ΔW in the weight's own layout, on `device`.
    torch::Tensor delta_matrix(torch::Device device = torch::kCPU) const;
};

Expected<RomeEdit> compute_rome(const Model& model, const RomeRequest& request, const RomeOptions& options,
                                const JobContext& job = {});

// ---- building blocks (public for benchmarks and tests) ----------------------

// A prompt formatted into a context template ("<prefix>. {}") with the
// subject's byte range in the result.
struct FormattedPrompt {
    std::string text;
    size_t subject_begin = 0;
    size_t subject_end = 0;
};
// Both context_template and prompt must hold "{}" exactly once (other braces are literal).
Expected<FormattedPrompt> format_prompt(const std::string& context_template, const std::string& prompt,
                                        const std::string& subject);

// Token ids of a target: " " + target when it has no leading space.
Expected<std::vector<int64_t>> rome_target_ids(const Model& model, const std::string& target);

struct RomeKeys {
    torch::Tensor keys;     // [n_templates, d_ff] float32 keys at the subject's last token
    torch::Tensor values;   // [n_templates, d] float32 MLP outputs there
    torch::Tensor k_prompt, v_prompt;  // the bare prompt's ("{}")
    torch::Tensor k_mean, v_mean;      // means over the templates
    std::vector<int64_t> lookup;       // subject-last token index per template
};
// One forward pass (stopped at `layer`) over every formatted template.
Expected<RomeKeys> rome_keys(const Model& model, int layer, const RomeRequest& request,
                             const std::vector<std::string>& templates);

// u = C⁻¹k / ‖C⁻¹k‖ (inv_cov undefined: k / ‖k‖).
torch::Tensor rome_left_vector(const torch::Tensor& k, const torch::Tensor& inv_cov);

struct ComputeVOptions {
    bool cache_lower_layers = true;
    bool early_stop = true;         // false: always run every step (benchmarks)
    VPrecision precision = VPrecision::Auto;
    // CUDA: record one Adam step as a CUDA graph and replay it (same arithmetic,
    // one launch per step instead of thousands; falls back to eager steps when
    // the graph cannot be captured). No effect on the CPU.
    bool cuda_graph = true;
    // Record the graph at step 0 when the side stream is already warm (an
    // earlier edit ran there); false: always after an eager step 0 (the A/B
    // in `bench rome`).
    bool graph_from_first_step = true;
    // With cache_lower_layers: also keep the keys and values of every position
    // before δ's (they never change) and re-run only the rest of each row.
    bool recompute_suffix_only = true;
    // Run the blocks with ForwardInput::fused_kernels (fewer kernels a step;
    // equal up to rounding; `bench rome` reports both and δ's distance).
    bool fused_kernels = true;
    // With cache_lower_layers: skip what a step cannot change. Block `layer`
    // itself runs once (δ is added to its output; not on families that norm
    // the MLP output before the residual, where δ passes through that norm),
    // and the last block runs its queries and MLP only at the positions the
    // loss reads (ForwardInput::last_block_columns). Same arithmetic up to
    // rounding; false: the A/B in `bench rome`.
    bool skip_unread_work = true;
};
struct ComputeVResult {
    torch::Tensor delta;    // [d] float32 on the model's device
    torch::Tensor v_init;   // [d] float32
    torch::Tensor target;   // v_init + delta
    nlohmann::json loss_curve = nlohmann::json::array();  // per step: loss, nll, kl, weight_decay, avg_prob, delta_norm
    int steps = 0;          // forward passes run (one update fewer: the last loss ends the loop)
    bool early_stopped = false;
    double nll_first = 0, nll_last = 0;
    double seconds = 0;
    std::string cuda_graph;  // "off", "captured at step 0" (or 1), or why capture failed
    int64_t positions_per_step = 0;  // token positions each step runs (all rows, padding included)
    int64_t positions_whole = 0;     // what running the rows whole takes
    int first_block_per_step = 0;    // the first block a step runs (layer, or layer + 1 when it is skipped)
    bool last_block_narrowed = false;  // the last block ran only at the positions the loss reads
    // Where the time goes: encoding and the cached prefixes before the first
    // step, then per step the wall time since the previous step's figures were
    // read back: the previous step's update and this step's loss (the step
    // that records the CUDA graphs includes the recording: step 0 on a warm
    // stream, else step 1 after an eager step 0; the update's graph is
    // recorded in the step after).
    double setup_seconds = 0;
    std::vector<double> step_seconds;
};
Expected<ComputeVResult> compute_v(const Model& model, int layer, const RomeRequest& request,
                                   const RomeHyperParams& hparams, const std::vector<std::string>& templates,
                                   const ComputeVOptions& options = {}, const JobContext& job = {});

// Simulates W ← W + u vᵀ at `layer` without touching the weights: MLP output
// += (k·u) v at every position (identical to the applied edit up to rounding).
void add_rank_one_hook(Interventions& iv, int layer, torch::Tensor u, torch::Tensor v);

struct TargetScore {
    double nll = 0;              // mean per-token negative log-likelihood (teacher forced)
    double prob = 0;             // joint probability of the whole target, exp(−Σ NLL)
    double first_token_prob = 0; // probability of its first token after the prompt
    int tokens = 0;
};
// Scores `target` (leading space added when missing) after prompt_text;
// score_targets scores several in one batched forward pass.
Expected<std::vector<TargetScore>> score_targets(const Model& model, const std::string& prompt_text,
                                                 const std::vector<std::string>& targets,
                                                 Interventions* interventions = nullptr);
Expected<TargetScore> score_target(const Model& model, const std::string& prompt_text, const std::string& target,
                                   Interventions* interventions = nullptr);

// Drops the memoised inverse second moments (context templates: clear_context_template_cache()).
void clear_rome_caches();

}  // namespace lancet
