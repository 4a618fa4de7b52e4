// The LLaMA family's config.json -> ModelConfig (arch_llama.cpp binds the
// tensors): Llama 2/3, Mistral, Qwen 2/2.5/3, Gemma 1/2/3, which differ in
// defaults, biases, norms and per-layer attention windows.
#include "model/config_fields.h"
#include "model/config_parse.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace lancet {

namespace {

using namespace config_fields;

enum class Flavour { Llama, Mistral, Qwen2, Qwen3, Gemma, Gemma2, Gemma3 };

std::optional<Flavour> flavour_of(const std::string& model_type) {
    static const std::pair<const char*, Flavour> types[] = {
        {"llama", Flavour::Llama}, {"mistral", Flavour::Mistral}, {"qwen2", Flavour::Qwen2}, {"qwen3", Flavour::Qwen3},
        {"gemma", Flavour::Gemma}, {"gemma2", Flavour::Gemma2},   {"gemma3_text", Flavour::Gemma3},
    };
    for (const auto& [type, flavour] : types)
        if (model_type == type) return flavour;
    return std::nullopt;
}

// Which layers attend through a sliding window, and with which rotary base.
void parse_layer_attention(const nlohmann::json& j, Flavour flavour, ModelConfig& c) {
    std::vector<bool> sliding(static_cast<size_t>(c.n_layer), false);
    int64_t window = 0;
    switch (flavour) {
        case Flavour::Mistral:
            window = read_field<int64_t>(j, "sliding_window", 0);
            std::fill(sliding.begin(), sliding.end(), window > 0);
            break;
        case Flavour::Qwen2:
        case Flavour::Qwen3:
            if (read_field<bool>(j, "use_sliding_window", false)) {
                window = read_field<int64_t>(j, "sliding_window", 0);
                const int64_t from = read_field<int64_t>(j, "max_window_layers", c.n_layer);
                if (from < 0) fail(ErrorCode::InvalidFile, "config.json: max_window_layers must not be negative");
                for (int64_t l = from; l < c.n_layer; ++l) sliding[static_cast<size_t>(l)] = window > 0;
            }
            break;
        case Flavour::Gemma2:
            window = read_field<int64_t>(j, "sliding_window", 4096);
            for (int64_t l = 0; l < c.n_layer; l += 2) sliding[static_cast<size_t>(l)] = true;
            break;
        case Flavour::Gemma3: {
            window = read_field<int64_t>(j, "sliding_window", 4096);
            const int64_t pattern = read_field<int64_t>(j, "sliding_window_pattern", 6);
            if (pattern <= 0) fail(ErrorCode::InvalidFile, "config.json: sliding_window_pattern must be positive");
            for (int64_t l = 0; l < c.n_layer; ++l) sliding[static_cast<size_t>(l)] = (l + 1) % pattern != 0;
            break;
        }
        default: break;
    }
    // transformers >= 4.53 writes the pattern out: it wins where present.
    if (has_field(j, "layer_types")) {
        const auto& types = j["layer_types"];
        if (!types.is_array() || static_cast<int64_t>(types.size()) != c.n_layer)
            fail(ErrorCode::InvalidFile, "config.json: layer_types must list one type per layer");
        for (size_t l = 0; l < types.size(); ++l) {
            if (!types[l].is_string()) fail(ErrorCode::InvalidFile, "config.json: layer_types entries must be strings");
            const std::string kind = types[l].get<std::string>();
            if (kind != "sliding_attention" && kind != "full_attention")
                fail(ErrorCode::Unsupported, "config.json: layer type \"" + kind + "\" is not supported");
            sliding[l] = kind == "sliding_attention";
        }
        if (window <= 0) window = read_field<int64_t>(j, "sliding_window", 0);
    }
    if (window < 0) fail(ErrorCode::InvalidFile, "config.json: sliding_window must not be negative");
    // Gemma 3: local layers rotate with their own base and no scaling.
    double local_base = c.rotary_base;
    if (flavour == Flavour::Gemma3) {
        local_base = read_field<double>(j, "rope_local_base_freq", 10000.0);
        if (has_field(j, "rope_parameters") && j["rope_parameters"].contains("sliding_attention"))
            local_base = read_field<double>(j["rope_parameters"]["sliding_attention"], "rope_theta", local_base);
        // parse_rope checks the global base only (a local base of 1 passed: found by fuzz_model_config).
        if (!(local_base > 1.0))
            fail(ErrorCode::InvalidFile, "config.json: the sliding layers' rope_theta (rope_local_base_freq) "
                                         "must be greater than 1");
    }
    c.layer_attention.clear();
    for (int64_t l = 0; l < c.n_layer; ++l) {
        const bool local = sliding[static_cast<size_t>(l)] && window > 0;
        LayerAttention a;
        a.window = local ? window : 0;
        a.rotary_base = local && flavour == Flavour::Gemma3 ? local_base : c.rotary_base;
        a.scaled_rope = !(local && flavour == Flavour::Gemma3);
        c.layer_attention.push_back(a);
    }
}

}  // namespace

bool is_llama_family(const std::string& model_type) { return flavour_of(model_type).has_value(); }

Expected<ModelConfig> parse_llama_family_config(const nlohmann::json& j, const std::string& model_type) {
    const std::optional<Flavour> found = flavour_of(model_type);
    if (!found) return Error{ErrorCode::Unsupported, "model_type \"" + model_type + "\" is not of the LLaMA family"};
    const Flavour flavour = *found;
    return capture([&] {
        ModelConfig c;
        c.family = model_type;
        const bool gemma = flavour == Flavour::Gemma || flavour == Flavour::Gemma2 || flavour == Flavour::Gemma3;
        c.vocab_size = read_dimension(j, "vocab_size", 32000);
        c.d_model = read_dimension(j, "hidden_size", 4096, true, 1 << 17);
        c.n_layer = read_dimension(j, "num_hidden_layers", 32, true, 4096);
        c.n_head = read_dimension(j, "num_attention_heads", 32, true, 4096);
        c.n_kv_head = read_dimension(j, "num_key_value_heads", c.n_head, false, 4096);
        if (c.n_head % c.n_kv_head != 0)
            fail(ErrorCode::InvalidFile, "config.json: num_attention_heads (" + std::to_string(c.n_head) +
                                             ") is not a multiple of num_key_value_heads (" + std::to_string(c.n_kv_head) + ")");
        if (has_field(j, "head_dim")) {
            c.d_head = read_dimension(j, "head_dim", 0, true, 4096);
        } else {
            if (c.d_model % c.n_head != 0)
                fail(ErrorCode::InvalidFile, "config.json: hidden_size is not divisible by num_attention_heads "
                                             "and no head_dim is given");
            c.d_head = c.d_model / c.n_head;
        }
        if (c.d_head % 2 != 0) fail(ErrorCode::InvalidFile, "config.json: rotary embeddings need an even head_dim");
        c.d_ff = read_dimension(j, "intermediate_size", 4 * c.d_model, true, 1 << 20);
        c.n_positions = read_dimension(j, "max_position_embeddings", 2048, false, int64_t(1) << 26);
        c.norm_eps = read_epsilon(j, "rms_norm_eps", 1e-6);
        c.norm = NormKind::RMSNorm;
        c.position = PositionKind::Rotary;
        c.gated_mlp = true;
        c.softmax_fp32 = true;
        // Gemma reads hidden_activation; its first configs also carry an unused hidden_act "gelu".
        const std::string act = gemma ? read_field<std::string>(j, "hidden_activation", "gelu_pytorch_tanh")
                                      : read_field<std::string>(j, "hidden_act", "silu");
        c.activation = parse_activation(act, gemma ? "hidden_activation" : "hidden_act");
        c.tied_embeddings = read_field<bool>(j, "tie_word_embeddings", gemma);
        c.torch_dtype = read_dtype(j);
        c.bos_token_id = read_token_id(j, "bos_token_id", -1);
        c.eos_token_id = read_token_id(j, "eos_token_id", -1);
        parse_rope(j, c);
        if (c.rope_scaling.kind == RopeScaling::Kind::Dynamic)
            c.n_positions = static_cast<int64_t>(static_cast<double>(c.n_positions) * c.rope_scaling.factor);
        if (read_field<bool>(j, "mlp_bias", false))
            fail(ErrorCode::Unsupported, "config.json: mlp_bias is not supported");
        if (has_field(j, "quantization_config"))
            fail(ErrorCode::Unsupported, "quantised checkpoints (quantization_config) are not supported; "
                                         "use the float16, bfloat16 or float32 weights");

        c.qk_norm = flavour == Flavour::Qwen3 || flavour == Flavour::Gemma3;
        if (gemma) {
            c.norm_plus_one = true;
            c.embed_scale = true;
        }
        if (flavour == Flavour::Gemma2 || flavour == Flavour::Gemma3) {
            c.post_norms = true;
            const double scalar = read_field<double>(j, "query_pre_attn_scalar", static_cast<double>(c.d_head));
            if (!(scalar > 0.0)) fail(ErrorCode::InvalidFile, "config.json: query_pre_attn_scalar must be positive");
            c.attn_scale = 1.0 / std::sqrt(scalar);
            c.attn_softcap = read_field<double>(j, "attn_logit_softcapping", flavour == Flavour::Gemma2 ? 50.0 : 0.0);
            c.final_softcap = read_field<double>(j, "final_logit_softcapping", flavour == Flavour::Gemma2 ? 30.0 : 0.0);
        }
        // Qwen 2 always has q/k/v biases (and no o_proj bias); others as attention_bias says.
        const bool attention_bias = read_field<bool>(j, "attention_bias", false);
        c.qkv_bias = attention_bias || flavour == Flavour::Qwen2;
        c.attn_out_bias = attention_bias;
        parse_layer_attention(j, flavour, c);
        return c;
    });
}

}  // namespace lancet
