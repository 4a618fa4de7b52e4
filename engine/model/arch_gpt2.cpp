// GPT-2 (Hugging Face GPT2LMHeadModel / GPT2Model checkpoints).
//
// Tensor names come with or without the "transformer." prefix depending on
// which class saved them; Conv1D weights are stored [in, out]; lm_head.weight
// is usually absent (tied to wte) in safetensors files.
#include "model/arch_common.h"
#include "model/arch_registry.h"
#include "model/config_parse.h"

namespace lancet {
namespace {

using namespace arch_detail;

class Gpt2Architecture final : public Architecture {
public:
    std::string family() const override { return "gpt2"; }

    Expected<ModelConfig> parse_config(const nlohmann::json& j) const override { return parse_gpt2_config(j); }

    ModelWeights bind(const ModelConfig& c, const TensorMap& tensors) const override {
        const std::string prefix = tensors.count("transformer.wte.weight") ? "transformer." : "";
        auto get = [&](const std::string& name, std::vector<int64_t> shape) -> torch::Tensor {
            auto it = tensors.find(prefix + name);
            if (it == tensors.end()) fail(ErrorCode::NotFound, "checkpoint has no tensor \"" + prefix + name + "\"");
            const torch::Tensor& t = it->second;
            bool ok = t.dim() == static_cast<int64_t>(shape.size());
            for (size_t i = 0; ok && i < shape.size(); ++i) ok = t.size(static_cast<int64_t>(i)) == shape[i];
            if (!ok) {
                fail(ErrorCode::InvalidFile, "tensor \"" + prefix + name + "\" has shape " + shape_string(t.sizes().vec()) +
                                                 " but config.json implies " + shape_string(shape));
            }
            return t;
        };
        auto conv1d = [&](const std::string& base, int64_t in, int64_t out) {
            Linear l;
            l.weight = get(base + ".weight", {in, out});
            l.bias = get(base + ".bias", {out});
            l.in_out_layout = true;
            l.weight_name = prefix + base + ".weight";
            return l;
        };
        auto norm = [&](const std::string& base) {
            return Norm{get(base + ".weight", {c.d_model}), get(base + ".bias", {c.d_model})};
        };

        ModelWeights w;
        w.tok_embed = get("wte.weight", {c.vocab_size, c.d_model});
        w.pos_embed = get("wpe.weight", {c.n_positions, c.d_model});
        for (int64_t l = 0; l < c.n_layer; ++l) {
            const std::string h = "h." + std::to_string(l) + ".";
            LayerWeights lw;
            lw.ln_attn = norm(h + "ln_1");
            lw.ln_mlp = norm(h + "ln_2");
            lw.qkv = conv1d(h + "attn.c_attn", c.d_model, 3 * c.d_model);
            lw.attn_out = conv1d(h + "attn.c_proj", c.d_model, c.d_model);
            lw.mlp_in = conv1d(h + "mlp.c_fc", c.d_model, c.d_ff);
            lw.mlp_out = conv1d(h + "mlp.c_proj", c.d_ff, c.d_model);
            w.layers.push_back(std::move(lw));
        }
        w.ln_final = norm("ln_f");
        auto head = tensors.find("lm_head.weight");
        if (!c.tied_embeddings) {
            if (head == tensors.end()) fail(ErrorCode::NotFound, "checkpoint has no tensor \"lm_head.weight\" and tie_word_embeddings is false");
            w.unembed.weight = head->second;
            w.unembed.weight_name = "lm_head.weight";
        } else {
            w.unembed.weight = w.tok_embed;
            w.unembed.weight_name = prefix + "wte.weight";
        }
        w.unembed.in_out_layout = false;
        return w;
    }

    std::vector<TensorSpec> tensor_specs(const ModelConfig& c) const override {
        using I = TensorSpec::Init;
        std::vector<TensorSpec> out{{"transformer.wte.weight", {c.vocab_size, c.d_model}, I::Normal},
                                    {"transformer.wpe.weight", {c.n_positions, c.d_model}, I::Normal}};
        auto conv1d = [&](const std::string& base, int64_t in, int64_t o) {
            out.push_back({base + ".weight", {in, o}, I::Normal});
            out.push_back({base + ".bias", {o}, I::Zeros});
        };
        auto norm = [&](const std::string& base) {
            out.push_back({base + ".weight", {c.d_model}, I::Ones});
            out.push_back({base + ".bias", {c.d_model}, I::Zeros});
        };
        for (int64_t l = 0; l < c.n_layer; ++l) {
            const std::string h = "transformer.h." + std::to_string(l) + ".";
            norm(h + "ln_1");
            norm(h + "ln_2");
            conv1d(h + "attn.c_attn", c.d_model, 3 * c.d_model);
            conv1d(h + "attn.c_proj", c.d_model, c.d_model);
            conv1d(h + "mlp.c_fc", c.d_model, c.d_ff);
            conv1d(h + "mlp.c_proj", c.d_ff, c.d_model);
        }
        norm("transformer.ln_f");
        if (!c.tied_embeddings) out.push_back({"lm_head.weight", {c.vocab_size, c.d_model}, I::Normal});
        return out;
    }

    bool is_ignorable(const std::string& name) const override {
        // Causal-mask buffers saved by old transformers versions; and a tied
        // lm_head that duplicates wte.
        return ends_with(name, ".attn.bias") || ends_with(name, ".attn.masked_bias") || name == "lm_head.weight";
    }

    std::string module_path(Site site, int layer) const override {
        const std::string h = "transformer.h." + std::to_string(layer);
        switch (site) {
            case Site::Embed: return "transformer.wte";
            case Site::AttnOut: return h + ".attn";
            case Site::MlpOut: return h + ".mlp";
            case Site::BlockOut: return h;
            case Site::MlpKey: return h + ".mlp.c_proj (input)";
            case Site::AttnHeads: return h + ".attn.c_proj (input)";
        }
        return h;
    }
};

}  // namespace

const Architecture& gpt2_architecture() {
    static Gpt2Architecture arch;
    return arch;
}

}  // namespace lancet
