// GPT-2 (GPT2LMHeadModel): config.json -> ModelConfig (arch_gpt2.cpp binds the tensors).
#include "model/config_fields.h"
#include "model/config_parse.h"

namespace lancet {

Expected<ModelConfig> parse_gpt2_config(const nlohmann::json& j) {
    using namespace config_fields;
    return capture([&] {
        ModelConfig c;
        c.family = "gpt2";
        // Bounded as every other family's dimensions are: a GPT-2 config of
        // n_embd 2^40 used to be accepted and size the allocations.
        c.vocab_size = read_dimension(j, "vocab_size", 50257);
        c.n_positions = read_dimension(j, "n_positions", read_dimension(j, "n_ctx", 1024, false, int64_t(1) << 26),
                                       false, int64_t(1) << 26);
        c.d_model = read_dimension(j, "n_embd", 768, true, 1 << 17);
        c.n_layer = read_dimension(j, "n_layer", 12, true, 4096);
        c.n_head = read_dimension(j, "n_head", 12, true, 4096);
        c.n_kv_head = c.n_head;
        if (c.d_model % c.n_head != 0)
            fail(ErrorCode::InvalidFile, "config.json: n_embd (" + std::to_string(c.d_model) +
                                             ") is not divisible by n_head (" + std::to_string(c.n_head) + ")");
        c.d_head = c.d_model / c.n_head;
        c.d_ff = read_dimension(j, "n_inner", 4 * c.d_model, false, 1 << 20);
        c.norm_eps = read_epsilon(j, "layer_norm_epsilon", 1e-5);
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
