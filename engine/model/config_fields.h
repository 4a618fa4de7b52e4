// Internal to engine/model: reading config.json's fields with Lancet's checks
// (type, presence, sane bounds). Torch-free, so the config parsers
// (model/config_parse.h) build into lancet_parsers and are fuzzed without LibTorch.
#pragma once

#include "core/result.h"
#include "model/config.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

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
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        static_assert(std::is_signed_v<T>, "config.json integers are read as signed");
        // nlohmann converts with a plain cast: a float beyond the integer's
        // range (1e30) is undefined behaviour, 2.5 silently becomes 2 and
        // 2^64 - 1 becomes -1. Only integral values within range are integers.
        if (it->is_number_float()) {
            const double v = it->get<double>();
            const double lowest = static_cast<double>(std::numeric_limits<T>::min());  // -2^(bits-1), exact
            if (!(std::trunc(v) == v && v >= lowest && v < -lowest)) wrong_type(key);
            return static_cast<T>(v);
        }
        if (it->is_number_unsigned() &&
            it->template get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<T>::max()))
            wrong_type(key);
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

// A norm's epsilon: a number, not negative (a negative one turns RMSNorm's
// rsqrt into NaN for small activations).
double read_epsilon(const nlohmann::json& j, const char* key, double fallback);

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
