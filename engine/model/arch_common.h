// Internal to engine/model: what every Architecture needs to read config.json
// and bind checkpoint tensors with shape checks, so each arch_<family>.cpp
// holds only its family's names and rules.
#pragma once

#include "model/architecture.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lancet::arch_detail {

std::string shape_string(const std::vector<int64_t>& shape);

bool has_field(const nlohmann::json& j, const char* key);  // present and not null

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
        fail(ErrorCode::InvalidFile, std::string("config.json: field \"") + key + "\" has the wrong type");
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

// Looks tensors up with a name prefix and checks shapes against the config.
class TensorBinder {
public:
    TensorBinder(const TensorMap& tensors, std::string prefix) : tensors_(tensors), prefix_(std::move(prefix)) {}
    const std::string& prefix() const { return prefix_; }
    bool has(const std::string& name) const { return tensors_.count(prefix_ + name) > 0; }
    torch::Tensor get(const std::string& name, const std::vector<int64_t>& shape) const;
    // nn.Linear [out, in] weight and, when `bias` is true, its [out] bias.
    Linear linear(const std::string& base, int64_t in, int64_t out, bool bias) const;
    Norm norm(const std::string& base, int64_t dim, bool bias) const;

private:
    const TensorMap& tensors_;
    std::string prefix_;
};

bool ends_with(const std::string& s, const char* suffix);

}  // namespace lancet::arch_detail
