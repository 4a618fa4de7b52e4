// The LLaMA pattern and its relatives: Llama 2/3 (LlamaForCausalLM), Mistral,
// Qwen 2/2.5 (q/k/v biases), Qwen 3 (per-head q/k RMSNorm), Gemma 1/2/3
// (RMSNorm times 1 + w, scaled embeddings, GELU-tanh; Gemma 2/3 add norms on
// the attention and MLP outputs, alternating sliding-window layers and
// soft-capping; Gemma 3 local layers use their own rotary base).
//
// Checkpoint names: model.embed_tokens, model.layers.N.{input_layernorm,
// self_attn.{q,k,v,o}_proj, post_attention_layernorm, mlp.{gate,up,down}_proj},
// model.norm, lm_head (absent when tied). Gemma 2/3 call the pre-MLP norm
// pre_feedforward_layernorm and use post_attention_layernorm on the attention
// output. All linear maps are nn.Linear, [out, in].
#include "model/arch_common.h"
#include "model/arch_registry.h"
#include "model/config_parse.h"

namespace lancet {
namespace {

using namespace arch_detail;

enum class Flavour { Llama, Mistral, Qwen2, Qwen3, Gemma, Gemma2, Gemma3 };

class LlamaFamily final : public Architecture {
public:
    LlamaFamily(std::string model_type, Flavour flavour) : type_(std::move(model_type)), flavour_(flavour) {}

    std::string family() const override { return type_; }

    Expected<ModelConfig> parse_config(const nlohmann::json& j) const override {
        return parse_llama_family_config(j, type_);
    }

    ModelWeights bind(const ModelConfig& c, const TensorMap& tensors) const override {
        const TensorBinder t(tensors, tensors.count("model.embed_tokens.weight") ? "model." : "");
        const bool gemma2 = flavour_ == Flavour::Gemma2 || flavour_ == Flavour::Gemma3;
        const int64_t dq = c.n_head * c.d_head, dkv = c.n_kv_head * c.d_head;
        ModelWeights w;
        w.tok_embed = t.get("embed_tokens.weight", {c.vocab_size, c.d_model});
        for (int64_t l = 0; l < c.n_layer; ++l) {
            const std::string p = "layers." + std::to_string(l) + ".";
            LayerWeights lw;
            lw.ln_attn = t.norm(p + "input_layernorm", c.d_model, false);
            if (gemma2) {
                lw.ln_post_attn = t.norm(p + "post_attention_layernorm", c.d_model, false);
                lw.ln_mlp = t.norm(p + "pre_feedforward_layernorm", c.d_model, false);
                lw.ln_post_mlp = t.norm(p + "post_feedforward_layernorm", c.d_model, false);
            } else {
                lw.ln_mlp = t.norm(p + "post_attention_layernorm", c.d_model, false);
            }
            lw.q = t.linear(p + "self_attn.q_proj", c.d_model, dq, c.qkv_bias);
            lw.k = t.linear(p + "self_attn.k_proj", c.d_model, dkv, c.qkv_bias);
            lw.v = t.linear(p + "self_attn.v_proj", c.d_model, dkv, c.qkv_bias);
            lw.attn_out = t.linear(p + "self_attn.o_proj", dq, c.d_model, c.attn_out_bias);
            if (c.qk_norm) {
                lw.q_norm = t.norm(p + "self_attn.q_norm", c.d_head, false);
                lw.k_norm = t.norm(p + "self_attn.k_norm", c.d_head, false);
            }
            lw.mlp_gate = t.linear(p + "mlp.gate_proj", c.d_model, c.d_ff, false);
            lw.mlp_in = t.linear(p + "mlp.up_proj", c.d_model, c.d_ff, false);
            lw.mlp_out = t.linear(p + "mlp.down_proj", c.d_ff, c.d_model, false);
            w.layers.push_back(std::move(lw));
        }
        w.ln_final = t.norm("norm", c.d_model, false);
        if (c.tied_embeddings) {
            w.unembed.weight = w.tok_embed;
            w.unembed.weight_name = t.prefix() + "embed_tokens.weight";
        } else {
            auto head = tensors.find("lm_head.weight");
            if (head == tensors.end())
                fail(ErrorCode::NotFound, "checkpoint has no tensor \"lm_head.weight\" and tie_word_embeddings is false");
            if (head->second.dim() != 2 || head->second.size(0) != c.vocab_size || head->second.size(1) != c.d_model)
                fail(ErrorCode::InvalidFile, "tensor \"lm_head.weight\" has shape " + shape_string(head->second.sizes().vec()) +
                                                 " but config.json implies " + shape_string({c.vocab_size, c.d_model}));
            w.unembed.weight = head->second;
            w.unembed.weight_name = "lm_head.weight";
        }
        return w;
    }

    std::vector<TensorSpec> tensor_specs(const ModelConfig& c) const override {
        using I = TensorSpec::Init;
        const bool gemma2 = flavour_ == Flavour::Gemma2 || flavour_ == Flavour::Gemma3;
        const I norm = c.norm_plus_one ? I::Zeros : I::Ones;  // Gemma's (1 + w) starts at w = 0
        const int64_t dq = c.n_head * c.d_head, dkv = c.n_kv_head * c.d_head;
        std::vector<TensorSpec> out{{"model.embed_tokens.weight", {c.vocab_size, c.d_model}, I::Normal}};
        for (int64_t l = 0; l < c.n_layer; ++l) {
            const std::string p = "model.layers." + std::to_string(l) + ".";
            out.push_back({p + "input_layernorm.weight", {c.d_model}, norm});
            out.push_back({p + "post_attention_layernorm.weight", {c.d_model}, norm});
            if (gemma2) {
                out.push_back({p + "pre_feedforward_layernorm.weight", {c.d_model}, norm});
                out.push_back({p + "post_feedforward_layernorm.weight", {c.d_model}, norm});
            }
            for (auto [n, rows] : {std::pair<const char*, int64_t>{"q_proj", dq}, {"k_proj", dkv}, {"v_proj", dkv}}) {
                out.push_back({p + "self_attn." + n + ".weight", {rows, c.d_model}, I::Normal});
                if (c.qkv_bias) out.push_back({p + "self_attn." + n + ".bias", {rows}, I::Zeros});
            }
            out.push_back({p + "self_attn.o_proj.weight", {c.d_model, dq}, I::Normal});
            if (c.attn_out_bias) out.push_back({p + "self_attn.o_proj.bias", {c.d_model}, I::Zeros});
            if (c.qk_norm) {
                out.push_back({p + "self_attn.q_norm.weight", {c.d_head}, norm});
                out.push_back({p + "self_attn.k_norm.weight", {c.d_head}, norm});
            }
            out.push_back({p + "mlp.gate_proj.weight", {c.d_ff, c.d_model}, I::Normal});
            out.push_back({p + "mlp.up_proj.weight", {c.d_ff, c.d_model}, I::Normal});
            out.push_back({p + "mlp.down_proj.weight", {c.d_model, c.d_ff}, I::Normal});
        }
        out.push_back({"model.norm.weight", {c.d_model}, norm});
        if (!c.tied_embeddings) out.push_back({"lm_head.weight", {c.vocab_size, c.d_model}, I::Normal});
        return out;
    }

    bool is_ignorable(const std::string& name) const override {
        return ends_with(name, "rotary_emb.inv_freq") || name == "lm_head.weight";
    }

    std::string module_path(Site site, int layer) const override {
        const std::string l = "model.layers." + std::to_string(layer);
        switch (site) {
            case Site::Embed: return "model.embed_tokens";
            case Site::AttnOut: return l + ".self_attn";
            case Site::MlpOut: return l + ".mlp";
            case Site::BlockOut: return l;
            case Site::MlpKey: return l + ".mlp.down_proj (input)";
            case Site::AttnHeads: return l + ".self_attn.o_proj (input)";
        }
        return l;
    }

private:
    std::string type_;
    Flavour flavour_;
};

}  // namespace

const Architecture* llama_family_architecture(const std::string& model_type) {
    static LlamaFamily llama("llama", Flavour::Llama), mistral("mistral", Flavour::Mistral), qwen2("qwen2", Flavour::Qwen2),
        qwen3("qwen3", Flavour::Qwen3), gemma("gemma", Flavour::Gemma), gemma2("gemma2", Flavour::Gemma2),
        gemma3("gemma3_text", Flavour::Gemma3);
    for (LlamaFamily* a : {&llama, &mistral, &qwen2, &qwen3, &gemma, &gemma2, &gemma3})
        if (a->family() == model_type) return a;
    return nullptr;
}

}  // namespace lancet
