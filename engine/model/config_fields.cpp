#include "model/config_fields.h"

namespace lancet::config_fields {

bool has_field(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && !it->is_null();
}

void wrong_type(const char* key) {
    fail(ErrorCode::InvalidFile, std::string("config.json: field \"") + key + "\" has the wrong type");
}

int64_t read_dimension(const nlohmann::json& j, const char* key, int64_t fallback, bool required, int64_t max) {
    const int64_t v = read_field<int64_t>(j, key, fallback, required);
    if (v <= 0 || v > max)
        fail(ErrorCode::InvalidFile, std::string("config.json: \"") + key + "\" is " + std::to_string(v) +
                                         "; it must be between 1 and " + std::to_string(max));
    return v;
}

double read_epsilon(const nlohmann::json& j, const char* key, double fallback) {
    const double eps = read_field<double>(j, key, fallback);
    if (!(eps >= 0.0 && std::isfinite(eps)))
        fail(ErrorCode::InvalidFile, std::string("config.json: \"") + key + "\" must not be negative");
    return eps;
}

int64_t read_token_id(const nlohmann::json& j, const char* key, int64_t fallback) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (it->is_number_integer()) return it->get<int64_t>();
    if (it->is_array() && !it->empty() && (*it)[0].is_number_integer()) return (*it)[0].get<int64_t>();
    fail(ErrorCode::InvalidFile, std::string("config.json: \"") + key + "\" must be an integer or a list of integers");
}

Activation parse_activation(const std::string& act, const char* field) {
    if (act == "gelu_new" || act == "gelu_pytorch_tanh" || act == "gelu_fast") return Activation::GeluTanh;
    if (act == "gelu") return Activation::GeluErf;
    if (act == "relu") return Activation::Relu;
    if (act == "silu" || act == "swish") return Activation::Silu;
    fail(ErrorCode::Unsupported, std::string("config.json: ") + field + " \"" + act +
                                     "\" is not supported (gelu, gelu_new, gelu_pytorch_tanh, relu, silu)");
}

namespace {

// One rope parameter object: {"rope_type" or "type", "factor", ...}.
void parse_scaling(const nlohmann::json& s, int64_t max_positions, ModelConfig& c) {
    if (!s.is_object()) fail(ErrorCode::InvalidFile, "config.json: rope_scaling must be an object");
    // read_field, not json::value(): a non-string type is refused by name
    // instead of surfacing nlohmann's type_error text as an internal error.
    const std::string type = read_field<std::string>(s, "rope_type", read_field<std::string>(s, "type", "default"));
    RopeScaling& r = c.rope_scaling;
    if (type == "default") {
        r = RopeScaling{};
        return;
    }
    r.factor = read_field<double>(s, "factor", 1.0, true);
    if (!(r.factor >= 1.0 && r.factor < 1e6))
        fail(ErrorCode::InvalidFile, "config.json: rope scaling factor must be at least 1");
    if (type == "linear") {
        r.kind = RopeScaling::Kind::Linear;
    } else if (type == "dynamic") {
        r.kind = RopeScaling::Kind::Dynamic;
        r.original_max_positions = read_field<int64_t>(s, "original_max_position_embeddings", max_positions);
    } else if (type == "llama3") {
        r.kind = RopeScaling::Kind::Llama3;
        r.low_freq_factor = read_field<double>(s, "low_freq_factor", 1.0, true);
        r.high_freq_factor = read_field<double>(s, "high_freq_factor", 4.0, true);
        r.original_max_positions = read_field<int64_t>(s, "original_max_position_embeddings", 8192, true);
        if (!(r.high_freq_factor > r.low_freq_factor) || r.original_max_positions <= 0)
            fail(ErrorCode::InvalidFile, "config.json: llama3 rope scaling needs high_freq_factor > low_freq_factor "
                                         "and a positive original_max_position_embeddings");
    } else {
        fail(ErrorCode::Unsupported, "config.json: rope scaling \"" + type +
                                         "\" is not supported (default, linear, dynamic, llama3)");
    }
    if (r.kind != RopeScaling::Kind::Llama3 && r.original_max_positions <= 0) r.original_max_positions = max_positions;
}

}  // namespace

void parse_rope(const nlohmann::json& j, ModelConfig& c) {
    c.rotary_base = read_field<double>(j, "rope_theta", 10000.0);
    if (has_field(j, "rope_scaling")) parse_scaling(j["rope_scaling"], c.n_positions, c);
    if (has_field(j, "rope_parameters")) {
        const auto& p = j["rope_parameters"];
        if (!p.is_object()) fail(ErrorCode::InvalidFile, "config.json: rope_parameters must be an object");
        // transformers 5.x: one object, or one per attention type (Gemma 3); the
        // global ("full_attention") one governs the model's scaling.
        const auto& global = p.contains("full_attention") ? p["full_attention"] : p;
        c.rotary_base = read_field<double>(global, "rope_theta", c.rotary_base);
        parse_scaling(global, c.n_positions, c);
    }
    if (!(c.rotary_base > 1.0)) fail(ErrorCode::InvalidFile, "config.json: rope_theta must be greater than 1");
}

std::string read_dtype(const nlohmann::json& j) {
    return read_field<std::string>(j, "torch_dtype", read_field<std::string>(j, "dtype", "float32"));
}

}  // namespace lancet::config_fields
