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

namespace lancet {
namespace {

using namespace arch_detail;

enum class Flavour { Llama, Mistral, Qwen2, Qwen3, Gemma, Gemma2, Gemma3 };

class LlamaFamily final : public Architecture {
public:
    LlamaFamily(std::string model_type, Flavour flavour) : type_(std::move(model_type)), flavour_(flavour) {}

    std::string family() const override { return type_; }

    Expected<ModelConfig> parse_config(const nlohmann::json& j) const override {
        return capture([&] {
            ModelConfig c;
            c.family = type_;
            const bool gemma = flavour_ == Flavour::Gemma || flavour_ == Flavour::Gemma2 || flavour_ == Flavour::Gemma3;
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
            c.norm_eps = read_field<double>(j, "rms_norm_eps", 1e-6);
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

            c.qk_norm = flavour_ == Flavour::Qwen3 || flavour_ == Flavour::Gemma3;
            if (gemma) {
                c.norm_plus_one = true;
                c.embed_scale = true;
            }
            if (flavour_ == Flavour::Gemma2 || flavour_ == Flavour::Gemma3) {
                c.post_norms = true;
                c.attn_scale = 1.0 / std::sqrt(read_field<double>(j, "query_pre_attn_scalar", static_cast<double>(c.d_head)));
                c.attn_softcap = read_field<double>(j, "attn_logit_softcapping", flavour_ == Flavour::Gemma2 ? 50.0 : 0.0);
                c.final_softcap = read_field<double>(j, "final_logit_softcapping", flavour_ == Flavour::Gemma2 ? 30.0 : 0.0);
            }
            // Qwen 2 always has q/k/v biases (and no o_proj bias); others as attention_bias says.
            const bool attention_bias = read_field<bool>(j, "attention_bias", false);
            c.qkv_bias = attention_bias || flavour_ == Flavour::Qwen2;
            c.attn_out_bias = attention_bias;
            parse_layer_attention(j, c);
            return c;
        });
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
    void parse_layer_attention(const nlohmann::json& j, ModelConfig& c) const {
        std::vector<bool> sliding(static_cast<size_t>(c.n_layer), false);
        int64_t window = 0;
        switch (flavour_) {
            case Flavour::Mistral:
                window = read_field<int64_t>(j, "sliding_window", 0);
                std::fill(sliding.begin(), sliding.end(), window > 0);
                break;
            case Flavour::Qwen2:
            case Flavour::Qwen3:
                if (read_field<bool>(j, "use_sliding_window", false)) {
                    window = read_field<int64_t>(j, "sliding_window", 0);
                    const int64_t from = read_field<int64_t>(j, "max_window_layers", c.n_layer);
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
        if (flavour_ == Flavour::Gemma3) {
            local_base = read_field<double>(j, "rope_local_base_freq", 10000.0);
            if (has_field(j, "rope_parameters") && j["rope_parameters"].contains("sliding_attention"))
                local_base = read_field<double>(j["rope_parameters"]["sliding_attention"], "rope_theta", local_base);
        }
        c.layer_attention.clear();
        for (int64_t l = 0; l < c.n_layer; ++l) {
            const bool local = sliding[static_cast<size_t>(l)] && window > 0;
            LayerAttention a;
            a.window = local ? window : 0;
            a.rotary_base = local && flavour_ == Flavour::Gemma3 ? local_base : c.rotary_base;
            a.scaled_rope = !(local && flavour_ == Flavour::Gemma3);
            c.layer_attention.push_back(a);
        }
    }

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
