// The change an edit makes to a model's weights, per tensor, in the most compact
// form the method allows: low-rank factors (ΔW = L Rᵀ; ROME's rank-one update,
// LoRA's B A) or a dense matrix (fine-tuning). Factored deltas keep edit files
// and the undo history small (ROME on GPT-2 XL: 31 KB instead of 26 MB) and give
// ‖ΔW‖ without materialising ΔW.
//
// Everything is float32 on the CPU; apply_weight_delta (edit_record.h) moves
// each tensor's ΔW to its weight's device once.
#pragma once

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lancet {

struct TensorDelta {
    std::string weight_name;            // the checkpoint name of the changed tensor
    std::vector<int64_t> weight_shape;  // its shape, in its own layout
    torch::Tensor left;                 // [rows, r] (factored)
    torch::Tensor right;                // [cols, r] (factored)
    torch::Tensor dense;                // [rows, cols] (not factored)

    bool factored() const { return !dense.defined(); }
    int64_t rank() const;                       // r, or -1 for a dense delta
    const char* kind() const;                   // "rank-one", "low-rank" or "dense"
    torch::Tensor materialize(torch::Device device = torch::kCPU) const;  // ΔW, float32
    double norm() const;                        // ‖ΔW‖_F (from the factors' Gram matrices when factored)
    int64_t stored_numel() const;               // floats the delta keeps

    // ΔW = a bᵀ (a: [rows], b: [cols]).
    static TensorDelta rank_one(std::string name, std::vector<int64_t> shape, const torch::Tensor& a,
                                const torch::Tensor& b);
    static TensorDelta low_rank(std::string name, std::vector<int64_t> shape, const torch::Tensor& left,
                                const torch::Tensor& right);
    static TensorDelta full(std::string name, const torch::Tensor& delta);
};

using WeightDelta = std::vector<TensorDelta>;

// [{weight, kind, rank, delta_norm}] for diagnostics and the history list.
nlohmann::json describe_delta(const WeightDelta& delta);

}  // namespace lancet
