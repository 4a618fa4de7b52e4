// Randomly initialised GPT-2-shaped models, for benchmarks at real sizes
// (no checkpoints can be downloaded here) and as the trainer's starting point.
#pragma once

#include "core/result.h"
#include "model/model.h"

#include <nlohmann/json.hpp>

namespace lancet {

// A GPT-2 config.json for a named shape: "tiny" (2 layers, 32 wide), "gpt2"
// (124M), "gpt2-medium", "gpt2-large", "gpt2-xl" (1.5B, 48 layers, n_embd 1600).
Expected<nlohmann::json> gpt2_shape_config(const std::string& shape);

// Weights drawn as GPT-2's initialiser does (normal, std 0.02; layer norms at
// 1 and 0), directly on the target device, from a seeded generator.
Expected<std::shared_ptr<Model>> random_gpt2(const nlohmann::json& config, const std::string& tokenizer_dir,
                                             const LoadOptions& options, uint64_t seed = 0);

// config.json of a named shape of any family: the GPT-2 shapes above, and the
// published configurations of "llama3-8b", "qwen2.5-7b", "qwen3-8b",
// "mistral-7b", "gemma2-9b", "gptj-6b", "pythia-6.9b" — and "tiny-llama",
// "tiny-neox" (2 layers, 64 wide) for quick runs.
Expected<nlohmann::json> shape_config(const std::string& shape);
std::string known_shapes();  // for messages

// A model of any supported family with fresh weights drawn on the target
// device in its dtype (normal, std 0.02; norms at their identity; biases 0).
// GPT-2 configs go through random_gpt2 (the trainer's initialiser).
Expected<std::shared_ptr<Model>> random_model(const nlohmann::json& config, const std::string& tokenizer_dir,
                                              const LoadOptions& options, uint64_t seed = 0);

// Where the bundled tokenizer files are: $LANCET_RESOURCES/tokenizers/gpt2, else an
// installation's bin/../share/lancet, else the source tree's resources/ (set at
// build time), else resources/ next to the executable.
std::string bundled_gpt2_tokenizer_dir();

}  // namespace lancet
