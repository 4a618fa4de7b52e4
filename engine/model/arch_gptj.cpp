// GPT-J (GPTJForCausalLM): one LayerNorm per block feeding attention and MLP
// in parallel (x + attn(ln(x)) + mlp(ln(x))), separate bias-free q/k/v/out
// projections, rotary embeddings on the first rotary_dim features of each head
// pairing neighbouring features (2i, 2i+1), attention computed in float32
// whatever the weights' dtype, and an untied lm_head with a bias.
#include "model/arch_common.h"
#include "model/arch_registry.h"
#include "model/config_parse.h"

namespace lancet {
namespace {

using namespace arch_detail;

class GptjArchitecture final : public Architecture {
public:
    std::string family() const override { return "gptj"; }

    Expected<ModelConfig> parse_config(const nlohmann::json& j) const override { return parse_gptj_config(j); }

    ModelWeights bind(const ModelConfig& c, const TensorMap& tensors) const override {
        const TensorBinder t(tensors, "transformer.");
        ModelWeights w;
        w.tok_embed = t.get("wte.weight", {c.vocab_size, c.d_model});
        for (int64_t l = 0; l < c.n_layer; ++l) {
            const std::string p = "h." + std::to_string(l) + ".";
            LayerWeights lw;
            lw.ln_attn = t.norm(p + "ln_1", c.d_model, true);  // shared by attention and MLP: ln_mlp stays unset
            lw.q = t.linear(p + "attn.q_proj", c.d_model, c.d_model, false);
            lw.k = t.linear(p + "attn.k_proj", c.d_model, c.d_model, false);
            lw.v = t.linear(p + "attn.v_proj", c.d_model, c.d_model, false);
            lw.attn_out = t.linear(p + "attn.out_proj", c.d_model, c.d_model, false);
            lw.mlp_in = t.linear(p + "mlp.fc_in", c.d_model, c.d_ff, true);
            lw.mlp_out = t.linear(p + "mlp.fc_out", c.d_ff, c.d_model, true);
            w.layers.push_back(std::move(lw));
        }
        w.ln_final = t.norm("ln_f", c.d_model, true);
        if (c.tied_embeddings) {
            w.unembed.weight = w.tok_embed;
            w.unembed.weight_name = "transformer.wte.weight";
        } else {
            const TensorBinder top(tensors, "");
            w.unembed = top.linear("lm_head", c.d_model, c.vocab_size, top.has("lm_head.bias"));
        }
        return w;
    }

    std::vector<TensorSpec> tensor_specs(const ModelConfig& c) const override {
        using I = TensorSpec::Init;
        std::vector<TensorSpec> out{{"transformer.wte.weight", {c.vocab_size, c.d_model}, I::Normal}};
        auto norm = [&](const std::string& base) {
            out.push_back({base + ".weight", {c.d_model}, I::Ones});
            out.push_back({base + ".bias", {c.d_model}, I::Zeros});
        };
        for (int64_t l = 0; l < c.n_layer; ++l) {
            const std::string p = "transformer.h." + std::to_string(l) + ".";
            norm(p + "ln_1");
            for (const char* n : {"q_proj", "k_proj", "v_proj", "out_proj"})
                out.push_back({p + "attn." + n + ".weight", {c.d_model, c.d_model}, I::Normal});
            out.push_back({p + "mlp.fc_in.weight", {c.d_ff, c.d_model}, I::Normal});
            out.push_back({p + "mlp.fc_in.bias", {c.d_ff}, I::Zeros});
            out.push_back({p + "mlp.fc_out.weight", {c.d_model, c.d_ff}, I::Normal});
            out.push_back({p + "mlp.fc_out.bias", {c.d_model}, I::Zeros});
        }
        norm("transformer.ln_f");
        if (!c.tied_embeddings) {
            out.push_back({"lm_head.weight", {c.vocab_size, c.d_model}, I::Normal});
            out.push_back({"lm_head.bias", {c.vocab_size}, I::Zeros});
        }
        return out;
    }

    bool is_ignorable(const std::string& name) const override {
        return ends_with(name, ".attn.bias") || ends_with(name, ".attn.masked_bias");
    }

    std::string module_path(Site site, int layer) const override {
        const std::string l = "transformer.h." + std::to_string(layer);
        switch (site) {
            case Site::Embed: return "transformer.wte";
            case Site::AttnOut: return l + ".attn";
            case Site::MlpOut: return l + ".mlp";
            case Site::BlockOut: return l;
            case Site::MlpKey: return l + ".mlp.fc_out (input)";
            case Site::AttnHeads: return l + ".attn.out_proj (input)";
        }
        return l;
    }
};

}  // namespace

const Architecture& gptj_architecture() {
    static GptjArchitecture arch;
    return arch;
}

}  // namespace lancet
