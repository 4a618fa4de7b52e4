// Rotary position embeddings (RoPE) as the Hugging Face implementations
// compute them: frequencies in float32 from config.json's base and scaling
// (linear, dynamic NTK, Llama 3), cos/sin per position, and the rotation of
// queries and keys in either pairing (LLaMA/NeoX "rotate half", GPT-J
// "interleaved"), on the first rotary_features() features of each head.
#pragma once

#include "model/config.h"

#include <torch/types.h>

namespace lancet {

// Inverse frequencies [features / 2], float32, on `device`. `max_position` is
// the largest position id of the current input (dynamic NTK scaling depends on it).
torch::Tensor rotary_inverse_frequencies(const ModelConfig& config, const LayerAttention& layer, int64_t max_position,
                                         torch::Device device);

struct RotaryTables {
    torch::Tensor cos;  // [B, 1, T, features], in the dtype the rotation runs in
    torch::Tensor sin;
};

// Tables for positions [B, T]; `dtype` is what queries/keys are rotated in.
RotaryTables rotary_tables(const ModelConfig& config, const torch::Tensor& inverse_frequencies,
                           const torch::Tensor& position_ids, torch::ScalarType dtype);

// x [B, H, T, d_head] with its first features rotated; the rest pass through.
torch::Tensor apply_rotary(const ModelConfig& config, const torch::Tensor& x, const RotaryTables& tables);

}  // namespace lancet
