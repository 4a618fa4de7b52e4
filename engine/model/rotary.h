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
    // Half-split pairing: sin with its first half negated, so that
    // rotate_half(x) * sin == roll(x, features / 2) * sin_signed, bit for bit.
    torch::Tensor sin_signed;
};

// Tables for positions [B, T]; `dtype` is what queries/keys are rotated in.
RotaryTables rotary_tables(const ModelConfig& config, const torch::Tensor& inverse_frequencies,
                           const torch::Tensor& position_ids, torch::ScalarType dtype);

// x [B, H, T, d_head] with its first features rotated; the rest pass through.
// fused: the half-split pairing as one roll instead of a negation and a
// concatenation (fewer kernels forward and backward; the same values).
torch::Tensor apply_rotary(const ModelConfig& config, const torch::Tensor& x, const RotaryTables& tables,
                           bool fused = false);

}  // namespace lancet
