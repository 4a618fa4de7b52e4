// Internal to engine/model: reading config.json's fields with Lancet's checks
// (type, presence, sane bounds). Torch-free, so the config parsers
// (model/config_parse.h) build into lancet_parsers and are fuzzed without LibTorch.
#pragma once

#include "core/result.h"
#include "model/config.h"

#include <nlohmann/json.hpp>

#include <string>

namespace lancet::config_fields {

bool has_field(const nlohmann::json& j, const char* key);  // present and not null

[[noreturn]] void wrong_type(const char* key);

// A config.json field; InvalidFile naming it when required and missing or of the wrong type.
template <class T>
T read_field(const nlohmann::json& j, const char* key, T fallback, bool required = false) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required) fail(ErrorCode::InvalidFile, std::string("config.json: missing required field \"") + key + "\"");
        return fallback;
    }
    try {
        return it->get<T>();
    } catch (const std::exception&) {
        wrong_type(key);
    }
}

// A positive integer field within a sane bound (refused before any allocation is sized by it).
int64_t read_dimension(const nlohmann::json& j, const char* key, int64_t fallback, bool required = false,
                       int64_t max = int64_t(1) << 24);

// eos_token_id / bos_token_id may be an integer or a list (Llama 3.1): the first one.
int64_t read_token_id(const nlohmann::json& j, const char* key, int64_t fallback);

Activation parse_activation(const std::string& name, const char* field);

// rope_theta and rope_scaling (transformers 4.x) or rope_parameters (5.x, where
// Gemma 3 nests one object per attention type) into c.rotary_base and
// c.rope_scaling. Needs c.n_positions set.
void parse_rope(const nlohmann::json& config, ModelConfig& c);

// The torch_dtype (4.x) or dtype (5.x) string.
std::string read_dtype(const nlohmann::json& j);

}  // namespace lancet::config_fields
