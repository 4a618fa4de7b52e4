// The shared forward pass of every supported decoder-only architecture, in
// plain LibTorch ops, with intervention points (interventions.h), padding
// masks, explicit position ids, a KV cache for generation, and the ability to
// start from cached residual states at layer l or stop after layer l.
#pragma once

#include "model/interventions.h"

#include <torch/types.h>

#include <vector>

namespace lancet {

class Model;

// Keys and values of past positions, one entry per layer: [B, n_kv_head, S, d_head].
struct KVCache {
    std::vector<torch::Tensor> keys;
    std::vector<torch::Tensor> values;
    // Every filled layer holds the same past; a cache filled only from layer l
    // on (a pass that starts at block l) is measured by its first filled layer.
    int64_t length() const {
        for (const auto& k : keys)
            if (k.defined()) return k.size(2);
        return 0;
    }
};

enum class LogitsMode { All, Last, None };

struct ForwardInput {
    torch::Tensor input_ids;       // [B, T] int64
    torch::Tensor attention_mask;  // [B, S_past + T], 1 = real token, 0 = padding; optional
    torch::Tensor position_ids;    // [B, T]; optional (default: cumulative count of real tokens)

    // Start at block `start_layer` from the residual stream entering it ([B, T, d]),
    // instead of embedding input_ids (input_ids is still needed for its shape).
    int start_layer = 0;
    torch::Tensor start_hidden;

    // >= 0: stop after this block; ForwardOutput::hidden is its output and no logits are computed.
    int stop_after_layer = -1;

    // > 0: the last block run computes keys and values at every position but
    // everything else (queries, the MLP, the block output, and the
    // interventions of that block) only at the last `last_block_queries`
    // positions; ForwardOutput::hidden then holds those positions. For callers
    // that read only the final position's answer (causal tracing): the other
    // positions' outputs of the last block feed nothing.
    int64_t last_block_queries = 0;

    // Defined ([B, k] int64, row-relative columns of this pass): the same for
    // chosen columns of each row rather than the last ones. The last block run
    // computes keys and values at every position, everything else only at
    // these columns, and ForwardOutput::hidden is [B, k, d] (gathered even
    // when no block runs). For loss functions that read a few positions per
    // row (ROME's and MEMIT's target optimisation: the target tokens and the
    // KL position), where the last block's MLP at the other positions feeds
    // nothing. Refused when an intervention sits at that block: its positions
    // would no longer name the rows' columns. Exclusive with last_block_queries.
    // Values outside [0, T) are refused for CPU tensors; on a GPU they are not
    // checked (that would need a device sync), so GPU callers derive them from
    // positions they built (rome_detail::read_columns).
    torch::Tensor last_block_columns;

    LogitsMode logits = LogitsMode::All;
    KVCache* cache = nullptr;  // appended to when given

    // Fewer kernels for the same arithmetic: the half-split rotary rotation as
    // one roll (same values), grouped-query attention without widening the
    // keys and values to every query head (same products, batched otherwise),
    // and on CUDA RMSNorm as one fused kernel each way (LibTorch >= 2.4; it
    // applies the weight before rounding to the model's dtype, not after as
    // LLaMA's reference does). For loops that run the blocks many times and
    // care about speed more than about bit equality with the reference
    // implementations (ROME's compute_v: a step is some 3,800 kernels, 40 % of
    // its GPU time outside the matrix products).
    bool fused_kernels = false;
};

struct ForwardOutput {
    torch::Tensor logits;  // [B, T, V] (All) or [B, V] (Last); float32
    torch::Tensor hidden;  // final residual stream (after the last block run, before the final norm)
};

ForwardOutput forward(const Model& model, const ForwardInput& input, Interventions* interventions = nullptr);

// Residual stream entering block `layer` is the output of block layer-1; for
// layer 0 it is token + position embeddings. Convenience for callers that cache states.
torch::Tensor embed(const Model& model, const torch::Tensor& input_ids, const torch::Tensor& position_ids,
                    Interventions* interventions = nullptr);

// Final norm + unembedding of residual states [.., d] -> logits [.., V] in float32.
torch::Tensor unembed(const Model& model, const torch::Tensor& hidden);
// The final norm alone (what unembed() applies before the output matrix).
torch::Tensor final_norm(const Model& model, const torch::Tensor& hidden);

// Default position ids from an attention mask over past+current tokens (left padding aware).
torch::Tensor positions_from_mask(const torch::Tensor& attention_mask, int64_t current_length);

}  // namespace lancet
