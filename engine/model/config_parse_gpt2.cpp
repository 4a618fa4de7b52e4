// GPT-2 (GPT2LMHeadModel): config.json -> ModelConfig (arch_gpt2.cpp binds the tensors).
#include "model/config_fields.h"
#include "model/config_parse.h"

namespace lancet {

Expected<ModelConfig> parse_gpt2_config(const nlohmann::json& j) {
    using namespace config_fields;
    return capture([&] {
        ModelConfig c;
        c.family = "gpt2";
        c.vocab_size = read_field<int64_t>(j, "vocab_size", 50257);
        c.n_positions = read_field<int64_t>(j, "n_positions", read_field<int64_t>(j, "n_ctx", 1024));
        c.d_model = read_field<int64_t>(j, "n_embd", 768, true);
        c.n_layer = read_field<int64_t>(j, "n_layer", 12, true);
        c.n_head = read_field<int64_t>(j, "n_head", 12, true);
        c.n_kv_head = c.n_head;
        if (c.d_model <= 0 || c.n_layer <= 0 || c.n_head <= 0 || c.vocab_size <= 0 || c.n_positions <= 0)
            fail(ErrorCode::InvalidFile, "config.json: n_embd, n_layer, n_head, vocab_size and n_positions must be positive");
        if (c.d_model % c.n_head != 0)
            fail(ErrorCode::InvalidFile, "config.json: n_embd (" + std::to_string(c.d_model) +
                                             ") is not divisible by n_head (" + std::to_string(c.n_head) + ")");
        c.d_head = c.d_model / c.n_head;
        c.d_ff = read_field<int64_t>(j, "n_inner", 4 * c.d_model);
        c.norm_eps = read_field<double>(j, "layer_norm_epsilon", 1e-5);
        c.activation = parse_activation(read_field<std::string>(j, "activation_function", "gelu_new"), "activation_function");
        c.tied_embeddings = read_field<bool>(j, "tie_word_embeddings", true);
        c.torch_dtype = read_dtype(j);
        c.eos_token_id = read_field<int64_t>(j, "eos_token_id", 50256);
        c.bos_token_id = read_field<int64_t>(j, "bos_token_id", 50256);
        if (read_field<bool>(j, "reorder_and_upcast_attn", false))
            fail(ErrorCode::Unsupported, "config.json: reorder_and_upcast_attn is not supported");
        c.scale_attn_weights = read_field<bool>(j, "scale_attn_weights", true);
        c.scale_attn_by_inverse_layer = read_field<bool>(j, "scale_attn_by_inverse_layer_idx", false);
        c.position = PositionKind::Learned;
        c.norm = NormKind::LayerNorm;
        return c;
    });
}

}  // namespace lancet
