// Named tensor slots of a decoder-only transformer, bound by an Architecture
// from the checkpoint's own tensors. Slots reference (never copy) the tensors
// in Model::tensors(), so an in-place edit of a weight is seen by the forward
// pass and by export alike.
#pragma once

#include <torch/types.h>

#include <string>
#include <vector>

namespace lancet {

// A linear map y = x W^T + b. Checkpoints store W in one of two layouts: GPT-2's
// Conv1D keeps [in, out], nn.Linear keeps [out, in]; we keep the checkpoint's
// layout (so loading stays zero-copy and export writes what it read) and
// remember which one it is.
struct Linear {
    torch::Tensor weight;
    torch::Tensor bias;        // undefined when the layer has none
    bool in_out_layout = false;
    std::string weight_name;   // the checkpoint's tensor name, for edits and messages

    torch::Tensor operator()(const torch::Tensor& x) const;
    int64_t in_features() const { return weight.size(in_out_layout ? 0 : 1); }
    int64_t out_features() const { return weight.size(in_out_layout ? 1 : 0); }
};

struct Norm {
    torch::Tensor weight;
    torch::Tensor bias;  // undefined for RMSNorm
};

struct LayerWeights {
    Norm ln_attn;
    Norm ln_mlp;          // unused when the architecture shares one norm (GPT-J)
    Norm ln_post_attn;    // Gemma 2/3: on the attention output before the residual add
    Norm ln_post_mlp;     // Gemma 2/3: on the MLP output before the residual add
    Norm q_norm, k_norm;  // Qwen 3, Gemma 3: per-head RMSNorm of queries and keys [d_head]
    Linear qkv;           // fused projection (GPT-2, NeoX); undefined weight when q/k/v are separate
    Linear q, k, v;       // separate projections (LLaMA, GPT-J)
    Linear attn_out;
    Linear mlp_in;        // up projection (c_fc / up_proj)
    Linear mlp_gate;      // gated MLPs only
    Linear mlp_out;       // down projection (c_proj / down_proj): the matrix ROME edits
};

struct ModelWeights {
    torch::Tensor tok_embed;   // [vocab, d]
    torch::Tensor pos_embed;   // [n_positions, d]; undefined for rotary models
    std::vector<LayerWeights> layers;
    Norm ln_final;
    Linear unembed;            // tied: weight is tok_embed in [out=vocab, in=d] layout; GPT-J has a bias
};

}  // namespace lancet
