// SUTA's objective (Lin et al. 2022) for a causal language model:
//   L = α·L_EM + (1 − α)·L_MCC, both on the logits divided by a temperature T,
// with L_EM the mean next-token entropy over the positions and L_MCC the
// minimum class confusion of the positions' distributions.
//
// [deviation] SUTA's classes are 32 CTC characters; an LM's are its vocabulary
// (50257² floats ≈ 10 GB for GPT-2's D × D confusion matrix). MCC here runs over
// a candidate set, the union of every position's top-k tokens, with each
// position's distribution renormalised over that set. L_EM keeps the full
// vocabulary. docs/design/ttt-and-continual-eval.md §1.2, §1.6 and §3.3.
#pragma once

#include <torch/types.h>

#include <cstdint>

namespace lancet {

struct SutaOptions {
    double em_coef = 0.3;      // α
    double temperature = 2.5;  // T: both terms see logits / T
    int64_t topk = 8;          // k of the MCC candidate set
    bool reweight = true;      // MCC position weights 1 + exp(−H), normalised to sum to N
};

// The sorted token ids in the union over rows of each row's top-k logits. logits [N, V].
torch::Tensor mcc_candidate_set(const torch::Tensor& logits, int64_t k);

// SUTA's position weights from per-position entropies [N]: w = 1 + exp(−H),
// scaled to sum to N. Constants: they carry no gradient.
torch::Tensor mcc_position_weights(const torch::Tensor& entropy);

// Minimum class confusion of probabilities p [N, D] (rows sum to 1) with
// optional position weights w [N] (undefined = all ones):
//   C = pᵀ diag(w) p,  L = 1 − (1/D) Σ_i C_ii / Σ_k C_ik.
// Differentiable in p.
torch::Tensor mcc_loss(const torch::Tensor& probs, const torch::Tensor& weights = {});

struct SutaTerms {
    torch::Tensor loss;      // α·em + (1 − α)·mcc
    torch::Tensor em;        // mean entropy of softmax(z / T) over the positions (full vocabulary)
    torch::Tensor mcc;       // MCC over the candidate set
    int64_t candidates = 0;  // the candidate set's size D
};

// SUTA's objective on next-token logits [N, V] (N positions). Throws
// EngineException (InvalidArgument) on options out of range.
SutaTerms suta_objective(const torch::Tensor& logits, const SutaOptions& options);

}  // namespace lancet
