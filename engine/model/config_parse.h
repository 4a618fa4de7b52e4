// config.json -> ModelConfig for every family Lancet supports, without
// LibTorch: the Architecture classes (arch_<family>.cpp) call these, and the
// fuzz target tests/fuzz/fuzz_model_config.cpp runs them on hostile bytes.
//
// What an accepted config promises (checked by that target): positive
// dimensions within the limits read_dimension states, n_head a multiple of
// n_kv_head, d_head * n_head == d_model where no head_dim is given, an even
// rotary width within the head, a positive rotary base, and one
// non-negative attention window per layer where layer patterns apply.
#pragma once

#include "core/result.h"
#include "model/config.h"

#include <nlohmann/json.hpp>

#include <string>

namespace lancet {

// The model_type config.json declares (or its `architectures` class implies)
// when Lancet supports it; otherwise an Error naming the supported ones
// (InvalidFile when there is none, Unsupported when it is another family).
Expected<std::string> supported_model_type(const nlohmann::json& config);

// Picks the family by supported_model_type() and parses with it.
Expected<ModelConfig> parse_model_config(const nlohmann::json& config);

Expected<ModelConfig> parse_gpt2_config(const nlohmann::json& config);
Expected<ModelConfig> parse_gptj_config(const nlohmann::json& config);
Expected<ModelConfig> parse_neox_config(const nlohmann::json& config);

// llama, mistral, qwen2, qwen3, gemma, gemma2, gemma3_text: model_type picks
// the flavour (Qwen 2's biases, Gemma's norms and windows, ...).
bool is_llama_family(const std::string& model_type);
Expected<ModelConfig> parse_llama_family_config(const nlohmann::json& config, const std::string& model_type);

}  // namespace lancet
