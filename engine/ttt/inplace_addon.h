// The trained part of In-Place TTT (docs/design/ttt-and-continual-eval.md §1.5, §3.7):
// per TTT layer, the depthwise conv that turns the target stream into the
// update's values (5 taps per channel, offsets −2..+2) and the projection P
// applied after it. Untrained, Lancet's rule uses one fixed kernel for every
// channel (a pure shift to the next position) and P = I; an add-on replaces
// both with values learnt by ttt/inplace_training.h for one model.
//
// File: safetensors ("lancet-inplace-ttt/1" in the metadata), tensors
// "layers.N.taps" [5, d] and "layers.N.proj" [d, d] in float32, the rule's
// settings (target, lr, chunk) and the training's summary as metadata. It is a
// few hundred kilobytes for the demo model, so it ships beside it
// (kInplaceAddonFile in the model folder).
#pragma once

#include "core/result.h"

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <string>
#include <vector>

namespace lancet {

class Model;
struct InplaceOptions;

inline constexpr const char* kInplaceAddonFile = "inplace-ttt.safetensors";
inline constexpr const char* kInplaceAddonFormat = "lancet-inplace-ttt/1";

struct InplaceAddonLayer {
    int layer = -1;
    torch::Tensor taps;  // [5, d] float32: t_j = Σ_o taps[o+2] ⊙ s_{j+o}
    torch::Tensor proj;  // [d, d] float32: then t_j ← P t_j
};

struct InplaceAddon {
    std::vector<InplaceAddonLayer> layers;  // ascending layer order
    std::string target = "next-embedding";  // the stream s it was trained with
    double lr = 1.0;                        // the rule's η·mean‖h‖² it was trained with
    int64_t chunk = 64;                     // the chunk length it was trained with
    std::string base_fingerprint;           // Model::fingerprint() of the model it was trained on
    nlohmann::json training = nlohmann::json::object();  // recipe and figures of the run that made it

    const InplaceAddonLayer* find(int layer) const;
    std::vector<int> layer_ids() const;
    int64_t parameter_count() const;
};

// The untrained rule as an add-on: options.kernel on every channel, P = I
// ("shift"), or the paper's zero-initialised conv with P = I ("zero"), on
// options' layers (empty: inplace_default_layers). The starting point of training.
InplaceAddon initial_inplace_addon(const Model& model, const InplaceOptions& options, const std::string& init = "shift");

// Reads and checks an add-on for `model`: the format tag, every tensor's name and
// shape (d = the model's width) before its data is read, finite values, layers
// inside the model, settings in range. InvalidFile names what is wrong.
Expected<InplaceAddon> load_inplace_addon(const std::string& path, const Model& model);

// Writes atomically (a crash leaves the old file or the new one, never a torn one).
Expected<void> save_inplace_addon(const InplaceAddon& addon, const std::string& path);

// The model folder's add-on file, or "" when it has none.
std::string inplace_addon_beside(const Model& model);

}  // namespace lancet
