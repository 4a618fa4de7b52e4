// The diagonal (empirical) Fisher information of chosen weights on a text
// corpus, for EWC (Kirkpatrick et al. 2017): F = mean over sequences s of
// (∂/∂θ [mean over tokens of −log p(x_t | x_<t)] )², one backward pass per
// sequence. Per-sequence rather than per-token gradients: the same estimate
// the common EWC code computes per batch of one (docs/design/editing-methods.md §4.4).
//
// Memoised per model fingerprint, tensor set, corpus and sample count (a
// session's edits reuse it); the model is never written (the weights enter the
// forward pass through Model::swap_linear_weight).
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "edit/second_moment.h"

#include <torch/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct FisherOptions {
    int samples = 64;         // sequences
    int max_tokens = 64;      // per sequence (the corpus documents are cut there)
    bool use_cache = true;    // in memory
};

struct DiagonalFisher {
    std::map<std::string, torch::Tensor> values;  // per weight name, float32 on the model's device, the weight's shape
    int sequences = 0;
    int64_t tokens = 0;
    std::string corpus;
    bool from_cache = false;
};

Expected<std::shared_ptr<const DiagonalFisher>> diagonal_fisher(const Model& model,
                                                                const std::vector<std::string>& weight_names,
                                                                const TextCorpus& corpus, const FisherOptions& options,
                                                                const JobContext& job = {});

}  // namespace lancet
