// The per-family part of a model: how config.json maps to ModelConfig and how
// the checkpoint's tensor names map to weight slots. One implementation per
// family in engine/model/arch_<family>.cpp; the forward pass is shared.
#pragma once

#include "core/result.h"
#include "model/config.h"
#include "model/weights.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

using TensorMap = std::map<std::string, torch::Tensor>;

// Points where a forward pass can be read or written; see forward.h.
enum class Site {
    Embed,     // token embeddings, before positions are added (layer index ignored; use 0)
    AttnOut,   // attention block output (after its output projection), per layer
    MlpOut,    // MLP block output, per layer
    BlockOut,  // residual stream after the block, per layer
    MlpKey,    // input of the MLP down projection (what ROME calls the key k), per layer
    AttnHeads, // input of the attention output projection: the heads' outputs side by side
               // [.., n_head * d_head], head h at features [h * d_head, (h + 1) * d_head), per layer
};

const char* site_name(Site site);

// One tensor a checkpoint of this family holds, and how a fresh model
// initialises it (random-init benchmarks at real sizes; no checkpoints can be
// downloaded here).
struct TensorSpec {
    enum class Init { Normal, Ones, Zeros };
    std::string name;
    std::vector<int64_t> shape;
    Init init = Init::Normal;
};

class Architecture {
public:
    virtual ~Architecture() = default;
    virtual std::string family() const = 0;

    // config.json -> ModelConfig; InvalidFile with the offending field on error.
    virtual Expected<ModelConfig> parse_config(const nlohmann::json& config) const = 0;

    // Binds checkpoint tensors to slots, checking every name and shape against
    // the config. Throws EngineException (InvalidFile / NotFound) naming the tensor.
    virtual ModelWeights bind(const ModelConfig& config, const TensorMap& tensors) const = 0;

    // Every tensor bind() expects for this config, with its initialisation.
    virtual std::vector<TensorSpec> tensor_specs(const ModelConfig& config) const = 0;

    // Tensor names that are expected in the checkpoint but carry no weights
    // Lancet uses (GPT-2's causal-mask buffers); ignored instead of reported.
    virtual bool is_ignorable(const std::string& tensor_name) const = 0;

    // The Hugging Face module path of a site, for messages and JSON output
    // (e.g. "transformer.h.17.mlp"), so users can relate Lancet to the reference code.
    virtual std::string module_path(Site site, int layer) const = 0;
};

// Picks the architecture from config.json's model_type / architectures.
// Unsupported families give an Error that lists the supported ones.
Expected<const Architecture*> architecture_for(const nlohmann::json& config);

}  // namespace lancet
