// Fine-tuning and its remedies as edit methods (docs/design/editing-methods.md
// §4): the lecture's story before ROME. One optimisation loop, six presets:
//
//   ft      plain fine-tuning of the chosen layers' weights on prompt -> target
//           (loss on the target tokens, or on the whole sequence: the lecture's
//           point that the prompt's own tokens get learned too); optional
//           norm constraint (FT-M / EasyEdit's constrained FT: |θ − θ₀| ≤ ε per entry)
//   ft-l    + a locality term: KL(P_θ₀ ‖ P_θ) at the last token of unrelated prompts
//   lora    low-rank adapters ΔW = (α/r)·B·A on the same weights (B = 0 at start,
//           as PEFT does); the delta is stored as its factors
//   l2      + λ‖θ − θ₀‖² (L2-SP: prefer parameters near the original)
//   ewc     + λ Σ F (θ − θ₀)², F the diagonal Fisher estimated on a text corpus
//           (edit/fisher.h)
//   replay  + the NLL of the base model's own greedy answers to the subject's
//           other prompts and to general questions (self-generated replay)
//
// Every preset exposes every term, so any combination is one request away.
// The model is never written: the trained weights enter the forward pass
// through Model::swap_linear_weight, and the method returns ΔW.
#pragma once

#include "edit/edit_method.h"

#include <torch/types.h>

#include <string>
#include <vector>

namespace lancet {

struct FineTunePreset {
    std::string name;         // "ft", "ft-l", "lora", "l2", "ewc", "replay"
    std::string label;
    std::string description;
    bool lora = false;
    nlohmann::json defaults;  // overrides of the common defaults
};
const std::vector<FineTunePreset>& finetune_presets();

class FineTuneMethod final : public EditMethod {
public:
    explicit FineTuneMethod(FineTunePreset preset) : preset_(std::move(preset)) {}
    MethodInfo info(const Model* model) const override;
    Expected<EditResult> compute(const Model& model, const EditSpec& spec, const EditRuntime& runtime,
                                 const JobContext& job = {}) const override;

private:
    FineTunePreset preset_;
};

// The training pairs of self-generated replay: each prompt with the base model's
// greedy continuation of `tokens` tokens (public for tests).
struct ReplayPair {
    std::string prompt;
    std::vector<int64_t> answer_ids;
};
Expected<std::vector<ReplayPair>> self_generated_replay(const Model& model, const std::vector<std::string>& prompts,
                                                        int tokens);

// Σ F ⊙ Δ² (F undefined: Σ Δ²): the anchor toward θ₀ of L2-SP (F = 1) and EWC
// (F the diagonal Fisher); its gradient is 2 F ⊙ Δ.
torch::Tensor anchor_penalty(const torch::Tensor& delta, const torch::Tensor& importance);

// The prompts replay answers by default: the subject's other facts (keep prompts,
// filled) and the locality prompts of the request (or the general-knowledge defaults).
std::vector<std::string> replay_prompts(const EditSpec& spec);

}  // namespace lancet
