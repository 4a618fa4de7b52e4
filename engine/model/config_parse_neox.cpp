// GPT-NeoX / Pythia (GPTNeoXForCausalLM): config.json -> ModelConfig (arch_neox.cpp binds the tensors).
#include "model/config_fields.h"
#include "model/config_parse.h"

#include <cmath>

namespace lancet {

Expected<ModelConfig> parse_neox_config(const nlohmann::json& j) {
    using namespace config_fields;
    return capture([&] {
        ModelConfig c;
        c.family = "gpt_neox";
        c.vocab_size = read_dimension(j, "vocab_size", 50432);
        c.d_model = read_dimension(j, "hidden_size", 6144, true, 1 << 17);
        c.n_layer = read_dimension(j, "num_hidden_layers", 44, true, 4096);
        c.n_head = read_dimension(j, "num_attention_heads", 64, true, 4096);
        c.n_kv_head = c.n_head;
        if (c.d_model % c.n_head != 0)
            fail(ErrorCode::InvalidFile, "config.json: hidden_size is not divisible by num_attention_heads");
        c.d_head = c.d_model / c.n_head;
        c.d_ff = read_dimension(j, "intermediate_size", 4 * c.d_model, false, 1 << 20);
        c.n_positions = read_dimension(j, "max_position_embeddings", 2048, false, int64_t(1) << 26);
        c.norm_eps = read_epsilon(j, "layer_norm_eps", 1e-5);
        c.norm = NormKind::LayerNorm;
        c.position = PositionKind::Rotary;
        c.activation = parse_activation(read_field<std::string>(j, "hidden_act", "gelu"), "hidden_act");
        c.parallel_residual = read_field<bool>(j, "use_parallel_residual", true);
        c.tied_embeddings = read_field<bool>(j, "tie_word_embeddings", false);
        c.qkv_layout = QkvLayout::PerHead;
        c.qkv_bias = c.attn_out_bias = read_field<bool>(j, "attention_bias", true);
        c.softmax_fp32 = true;
        c.torch_dtype = read_dtype(j);
        c.bos_token_id = read_token_id(j, "bos_token_id", 0);
        c.eos_token_id = read_token_id(j, "eos_token_id", 0);
        // rotary_pct (4.x) or partial_rotary_factor (5.x); the rotated width is truncated as the reference does.
        double pct = read_field<double>(j, "rotary_pct", read_field<double>(j, "partial_rotary_factor", 0.25));
        if (has_field(j, "rope_parameters"))
            pct = read_field<double>(j["rope_parameters"], "partial_rotary_factor", pct);
        if (!(pct > 0.0 && pct <= 1.0)) fail(ErrorCode::InvalidFile, "config.json: rotary_pct must be in (0, 1]");
        c.rotary_dim = static_cast<int64_t>(static_cast<double>(c.d_head) * pct);
        if (c.rotary_dim < 2 || c.rotary_dim % 2 != 0)
            fail(ErrorCode::InvalidFile, "config.json: rotary_pct gives " + std::to_string(c.rotary_dim) +
                                             " rotary features per head; it must be even and at least 2");
        parse_rope(j, c);
        if (has_field(j, "rotary_emb_base")) {
            // Read after parse_rope, so it needs parse_rope's check of its own
            // (0.44 passed unchecked: found by fuzz_model_config).
            c.rotary_base = read_field<double>(j, "rotary_emb_base", 10000.0);
            if (!(c.rotary_base > 1.0)) fail(ErrorCode::InvalidFile, "config.json: rotary_emb_base must be greater than 1");
        }
        return c;
    });
}

}  // namespace lancet
