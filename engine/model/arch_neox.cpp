// GPT-NeoX / Pythia (GPTNeoXForCausalLM): LayerNorm, a fused query_key_value
// projection laid out per head ([head][q k v][d_head] — not GPT-2's [q | k | v]),
// rotary embeddings on the first rotary_pct of each head's features, and
// (use_parallel_residual, the default) attention and MLP both reading the
// block input: x + attn(ln1(x)) + mlp(ln2(x)). Untied output matrix embed_out.
#include "model/arch_common.h"
#include "model/arch_registry.h"
#include "model/config_parse.h"

namespace lancet {
namespace {

using namespace arch_detail;

class NeoxArchitecture final : public Architecture {
public:
    std::string family() const override { return "gpt_neox"; }

    Expected<ModelConfig> parse_config(const nlohmann::json& j) const override { return parse_neox_config(j); }

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
