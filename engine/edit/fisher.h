// The diagonal (empirical) Fisher information of chosen weights on a text
// corpus, for EWC (Kirkpatrick et al. 2017): F = mean over sequences s of
// (∂/∂θ [mean over tokens of −log p(x_t | x_<t)] )², one backward pass per
// sequence. Per-sequence rather than per-token gradients: the same estimate
// the common EWC code computes per batch of one (docs/design/editing-methods.md §4.4).
//
// Memoised per model fingerprint, tensor set, corpus and sample count: in memory
// (a session's edits reuse it) and, when a cache folder is given, on disk beside
// the second-moment statistics (a safetensors file per key, written atomically,
// its key checked on load), because on a large model the Fisher costs as many
// backward passes as it has sequences. The model is never written (the weights
// enter the forward pass through Model::swap_linear_weight).
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
    std::string cache_dir;    // on disk under cache_dir/<model fingerprint>/; "" = no disk cache
};

// The disk cache file of a Fisher estimate (the key hashed into the name).
std::string fisher_cache_file(const Model& model, const std::string& cache_dir, const std::string& key);

struct DiagonalFisher {
    std::map<std::string, torch::Tensor> values;  // per weight name, float32 on the model's device, the weight's shape
    int sequences = 0;
    int64_t tokens = 0;
    std::string corpus;
    bool from_cache = false;       // memory or disk
    std::string cache_file;        // the disk cache file ("" when there is none)
    std::vector<std::string> warnings;  // an unreadable or unwritable cache file
};

Expected<std::shared_ptr<const DiagonalFisher>> diagonal_fisher(const Model& model,
                                                                const std::vector<std::string>& weight_names,
                                                                const TextCorpus& corpus, const FisherOptions& options,
                                                                const JobContext& job = {});

}  // namespace lancet
