// The parameters a test-time method adapts, held apart from the model.
//
// The workbench owns the model and a TTT run must never leave it adapted, so
// nothing here writes the model's tensors. Each adapted parameter is a float32
// leaf of our own; bind() points the forward pass's slot at it (cast to the
// model's dtype, differentiably) until the returned guard is destroyed:
//   linear weights   through Model::swap_linear_weight (as the fine-tune methods do)
//   norm γ / β       the Norm slot's handle is repointed and put back by the guard.
//                    Model exposes no swap for norms yet; the slots live in a member
//                    Model declares mutable for exactly this kind of scoped
//                    repointing, so the guard writes it through weights(). See
//                    docs/design/ttt-and-continual-eval.md §3.2.
// reset() copies the saved base values back (bit for bit); the model's own
// tensors are never touched, so "restored" at the end of a run means every slot
// points at its checkpoint tensor again, which slots_restored() checks.
#pragma once

#include "model/model.h"

#include <torch/types.h>

#include <memory>
#include <string>
#include <vector>

namespace lancet {

struct AdaptParam {
    std::string name;       // the checkpoint tensor's name
    enum class Kind { NormWeight, NormBias, LinearWeight } kind = Kind::NormWeight;
    int layer = -1;         // -1: the final norm
    torch::Tensor base;     // float32 copy of the checkpoint values
    torch::Tensor value;    // float32 leaf, requires grad
};

class AdaptedParams {
public:
    // spec: "norms" (every norm's γ and β, final included), "final-norm",
    // "norms:L1,L2" (the norms of those layers), "mlp_out:L1,L2" (down projections),
    // or a comma-separated list of checkpoint tensor names (norms or linear weights).
    // Throws EngineException (InvalidArgument) on a spec that selects nothing.
    static AdaptedParams select(const Model& model, const std::string& spec);

    class Binding {
    public:
        Binding() = default;
        Binding(Binding&&) noexcept = default;
        Binding& operator=(Binding&&) noexcept = default;
        Binding(const Binding&) = delete;
        Binding& operator=(const Binding&) = delete;
        ~Binding();

    private:
        friend class AdaptedParams;
        std::vector<Model::NormSwap> norms_;
        std::vector<Model::WeightSwap> linears_;
    };
    // The forward pass uses the current values (differentiably) while the guard lives.
    Binding bind(const Model& model) const;

    std::vector<torch::Tensor> leaves() const;
    const std::vector<AdaptParam>& params() const { return params_; }
    std::vector<AdaptParam>& mutable_params() { return params_; }  // values updated in place (In-Place TTT)
    std::vector<std::string> names() const;
    int64_t count() const;

    void reset();                                        // values ← base, bit for bit
    std::vector<torch::Tensor> snapshot() const;         // detached copies of the values
    void load(const std::vector<torch::Tensor>& values); // values ← copies (no grad)
    double delta_norm() const;                           // ‖θ − θ₀‖₂ over all of them
    bool at_base() const;                                // every value bit-identical to its base
    bool finite() const;

private:
    std::vector<AdaptParam> params_;
};

// Every slot of the model points at its checkpoint tensor again (nothing left bound).
bool slots_restored(const Model& model);

}  // namespace lancet
