// TENT for causal language models: minimise the Shannon entropy of the
// next-token distribution at chosen positions of an unlabeled input, over a
// chosen parameter set (by default every norm's γ and β). TENT adapted
// BatchNorm's affine parameters with batch statistics; a LayerNorm/RMSNorm model
// has no running statistics, so only the affine part carries over (a labelled
// deviation, docs/design/ttt-and-continual-eval.md §1.1 and §3).
#pragma once

#include "core/job.h"
#include "ttt/adapt_params.h"

#include <torch/types.h>

#include <memory>
#include <string>

namespace torch::optim {
class Optimizer;
}

namespace lancet {

class Model;

// Entropy (nats) of softmax(logits) over the last dimension: H = −Σ p log p.
torch::Tensor next_token_entropy(const torch::Tensor& logits);

// Mean next-token entropy over `positions` ("last": the input's last position,
// "all": every position) of one input [1, T], through the model as currently
// bound (differentiable when grad mode is on).
torch::Tensor tent_entropy_loss(const Model& model, const torch::Tensor& ids, const std::string& positions);

// Thrown by a step whose objective or parameters stopped being finite; the runner
// turns it into TttStatus::Diverged (weights restored).
struct TttDivergence {
    std::string message;
};

// kind adam | adamw | sgd; momentum applies to sgd only (heavy ball, as torch.optim.SGD).
std::unique_ptr<torch::optim::Optimizer> make_ttt_optimizer(const AdaptedParams& params, const std::string& kind, double lr,
                                                           double momentum = 0.0);

// One TENT step: bind, entropy, backward, optimiser step. Returns the entropy
// before the step. Throws TttDivergence on a non-finite loss or parameter.
double tent_step(const Model& model, AdaptedParams& params, torch::optim::Optimizer& optimizer, const torch::Tensor& ids,
                 const std::string& positions);

}  // namespace lancet
