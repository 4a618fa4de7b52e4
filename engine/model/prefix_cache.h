// Re-running only what can change. With causal attention, position t never
// sees positions after it, so when an optimisation perturbs row i only from
// position split[i] on (ROME's compute_v adds δ at the subject's last token),
// the states before split[i] are the same in every step. This runs those
// prefixes once, keeps their keys and values for every layer, and gives the
// suffixes as a batch that forward() runs against that cache.
#pragma once

#include "model/forward.h"

#include <cstdint>
#include <vector>

namespace lancet {

class Model;

struct PrefixCachedBatch {
    torch::Tensor suffix_ids;      // [B, Ts] tokens from split[i] on, right padded
    torch::Tensor attention_mask;  // [B, P + Ts]: the prefixes (right padded to P), then the suffixes
    torch::Tensor position_ids;    // [B, Ts] absolute positions of the suffix tokens
    KVCache prefix;                // every layer's keys and values of the prefixes, [B, n_kv_head, P, d_head]
    int64_t prefix_length = 0;     // P = max split[i]
    std::vector<int64_t> split;    // as given: suffix position j of row i is row position split[i] + j

    // The input for a forward pass over the suffixes. The cache in `scratch`
    // is a copy of `prefix` (forward() appends to it; the prefix stays intact).
    ForwardInput input(KVCache& scratch) const;

    // The same batch restricted to some of its rows ([k] int64 row indices on the
    // device), for optimisations whose rows drop out as they converge.
    PrefixCachedBatch rows(const torch::Tensor& index) const;

    // The same rows with their suffixes cut to the first `suffix_len` columns
    // (rows no longer than that lose only padding); the prefix cache is shared.
    PrefixCachedBatch truncated(int64_t suffix_len) const;
};

// Groups rows of the given real lengths so that each group, padded only to its
// own longest row, runs few padded positions: the grouping of at most
// max_groups that minimises sum(size x longest), taking the fewest groups
// within `slack` (relative) of the best, since each group is one more pass
// over the weights. Returns the row indices of each group, shortest first.
std::vector<std::vector<int64_t>> group_rows_by_length(const std::vector<int64_t>& lengths, int max_groups = 4,
                                                       double slack = 0.03);

// Runs the prefixes rows[i][0 : split[i]) once (no autograd). Fails with
// InvalidArgument if a split is outside its row or if P + Ts exceeds the
// model's positions (the caller can then run the rows whole).
PrefixCachedBatch cache_prefixes(const Model& model, const std::vector<std::vector<int64_t>>& rows,
                                 const std::vector<int64_t>& split);

// True when cache_prefixes would fit in the model's positions.
bool prefix_cache_fits(const Model& model, const std::vector<std::vector<int64_t>>& rows,
                       const std::vector<int64_t>& split);

// The residual stream entering block `layer` at the suffix positions (no
// autograd): the embeddings for layer 0, else the blocks below run on the suffixes.
torch::Tensor suffix_hidden_entering(const Model& model, const PrefixCachedBatch& batch, int layer);

}  // namespace lancet
