// GPT-NeoX / Pythia (GPTNeoXForCausalLM): LayerNorm, a fused query_key_value
// projection laid out per head ([head][q k v][d_head] — not GPT-2's [q | k | v]),
// rotary embeddings on the first rotary_pct of each head's features, and
// (use_parallel_residual, the default) attention and MLP both reading the
// block input: x + attn(ln1(x)) + mlp(ln2(x)). Untied output matrix embed_out.
#include "model/arch_common.h"
#include "model/arch_registry.h"

#include <cmath>

namespace lancet {
namespace {

using namespace arch_detail;

class NeoxArchitecture final : public Architecture {
public:
    std::string family() const override { return "gpt_neox"; }

    Expected<ModelConfig> parse_config(const nlohmann::json& j) const override {
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
            c.norm_eps = read_field<double>(j, "layer_norm_eps", 1e-5);
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
            if (has_field(j, "rotary_emb_base")) c.rotary_base = read_field<double>(j, "rotary_emb_base", 10000.0);
            return c;
        });
    }

    ModelWeights bind(const ModelConfig& c, const TensorMap& tensors) const override {
        const TensorBinder t(tensors, "gpt_neox.");
        ModelWeights w;
        w.tok_embed = t.get("embed_in.weight", {c.vocab_size, c.d_model});
        for (int64_t l = 0; l < c.n_layer; ++l) {
            const std::string p = "layers." + std::to_string(l) + ".";
            LayerWeights lw;
            lw.ln_attn = t.norm(p + "input_layernorm", c.d_model, true);
            lw.ln_mlp = t.norm(p + "post_attention_layernorm", c.d_model, true);
            lw.qkv = t.linear(p + "attention.query_key_value", c.d_model, 3 * c.d_model, c.qkv_bias);
            lw.attn_out = t.linear(p + "attention.dense", c.d_model, c.d_model, c.attn_out_bias);
            lw.mlp_in = t.linear(p + "mlp.dense_h_to_4h", c.d_model, c.d_ff, true);
            lw.mlp_out = t.linear(p + "mlp.dense_4h_to_h", c.d_ff, c.d_model, true);
            w.layers.push_back(std::move(lw));
        }
        w.ln_final = t.norm("final_layer_norm", c.d_model, true);
        if (c.tied_embeddings) {
            w.unembed.weight = w.tok_embed;
            w.unembed.weight_name = "gpt_neox.embed_in.weight";
        } else {
            const TensorBinder top(tensors, "");
            w.unembed = top.linear("embed_out", c.d_model, c.vocab_size, false);
        }
        return w;
    }

    std::vector<TensorSpec> tensor_specs(const ModelConfig& c) const override {
        using I = TensorSpec::Init;
        std::vector<TensorSpec> out{{"gpt_neox.embed_in.weight", {c.vocab_size, c.d_model}, I::Normal}};
        auto linear = [&](const std::string& base, int64_t in, int64_t o, bool bias) {
            out.push_back({base + ".weight", {o, in}, I::Normal});
            if (bias) out.push_back({base + ".bias", {o}, I::Zeros});
        };
        auto norm = [&](const std::string& base) {
            out.push_back({base + ".weight", {c.d_model}, I::Ones});
            out.push_back({base + ".bias", {c.d_model}, I::Zeros});
        };
        for (int64_t l = 0; l < c.n_layer; ++l) {
            const std::string p = "gpt_neox.layers." + std::to_string(l) + ".";
            norm(p + "input_layernorm");
            norm(p + "post_attention_layernorm");
            linear(p + "attention.query_key_value", c.d_model, 3 * c.d_model, c.qkv_bias);
            linear(p + "attention.dense", c.d_model, c.d_model, c.attn_out_bias);
            linear(p + "mlp.dense_h_to_4h", c.d_model, c.d_ff, true);
            linear(p + "mlp.dense_4h_to_h", c.d_ff, c.d_model, true);
        }
        norm("gpt_neox.final_layer_norm");
        if (!c.tied_embeddings) linear("embed_out", c.d_model, c.vocab_size, false);
        return out;
    }

    bool is_ignorable(const std::string& name) const override {
        // Buffers old transformers versions saved: causal masks and rotary frequencies.
        return ends_with(name, ".attention.bias") || ends_with(name, ".attention.masked_bias") ||
               ends_with(name, "rotary_emb.inv_freq");
    }

    std::string module_path(Site site, int layer) const override {
        const std::string l = "gpt_neox.layers." + std::to_string(layer);
        switch (site) {
            case Site::Embed: return "gpt_neox.embed_in";
            case Site::AttnOut: return l + ".attention";
            case Site::MlpOut: return l + ".mlp";
            case Site::BlockOut: return l;
            case Site::MlpKey: return l + ".mlp.dense_4h_to_h (input)";
            case Site::AttnHeads: return l + ".attention.dense (input)";
        }
        return l;
    }
};

}  // namespace

const Architecture& neox_architecture() {
    static NeoxArchitecture arch;
    return arch;
}

}  // namespace lancet
