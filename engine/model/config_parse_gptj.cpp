// GPT-J (GPTJForCausalLM): config.json -> ModelConfig (arch_gptj.cpp binds the tensors).
#include "model/config_fields.h"
#include "model/config_parse.h"

namespace lancet {

Expected<ModelConfig> parse_gptj_config(const nlohmann::json& j) {
    using namespace config_fields;
    return capture([&] {
        ModelConfig c;
        c.family = "gptj";
        c.vocab_size = read_dimension(j, "vocab_size", 50400);
        c.d_model = read_dimension(j, "n_embd", 4096, true, 1 << 17);
        c.n_layer = read_dimension(j, "n_layer", 28, true, 4096);
        c.n_head = read_dimension(j, "n_head", 16, true, 4096);
        c.n_kv_head = c.n_head;
        if (c.d_model % c.n_head != 0) fail(ErrorCode::InvalidFile, "config.json: n_embd is not divisible by n_head");
        c.d_head = c.d_model / c.n_head;
        c.d_ff = read_dimension(j, "n_inner", 4 * c.d_model, false, 1 << 20);
        c.n_positions = read_dimension(j, "n_positions", 2048, false, int64_t(1) << 26);
        c.norm_eps = read_epsilon(j, "layer_norm_epsilon", 1e-5);
        c.norm = NormKind::LayerNorm;
        c.position = PositionKind::Rotary;
        c.rotary_style = RotaryStyle::Interleaved;
        c.rotary_dim = read_field<int64_t>(j, "rotary_dim", c.d_head);
        if (c.rotary_dim < 2 || c.rotary_dim > c.d_head || c.rotary_dim % 2 != 0)
            fail(ErrorCode::InvalidFile, "config.json: rotary_dim must be even and between 2 and the head size");
        c.rotary_base = 10000.0;
        c.activation = parse_activation(read_field<std::string>(j, "activation_function", "gelu_new"), "activation_function");
        c.parallel_residual = true;
        c.attention_fp32 = true;
        c.softmax_fp32 = true;
        c.qkv_bias = c.attn_out_bias = false;
        c.tied_embeddings = read_field<bool>(j, "tie_word_embeddings", false);
        c.torch_dtype = read_dtype(j);
        c.bos_token_id = read_token_id(j, "bos_token_id", 50256);
        c.eos_token_id = read_token_id(j, "eos_token_id", 50256);
        return c;
    });
}

}  // namespace lancet
