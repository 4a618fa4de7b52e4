#include "model/config.h"

#include <algorithm>

namespace lancet {

const char* activation_name(Activation a) {
    switch (a) {
        case Activation::GeluTanh: return "gelu_new";
        case Activation::GeluErf: return "gelu";
        case Activation::Relu: return "relu";
        case Activation::Silu: return "silu";
    }
    return "?";
}

LayerAttention ModelConfig::attention_of(int64_t layer) const {
    if (layer >= 0 && layer < static_cast<int64_t>(layer_attention.size())) return layer_attention[static_cast<size_t>(layer)];
    return LayerAttention{0, rotary_base, true};  // no per-layer patterns: global at the model's base
}

int64_t ModelConfig::parameter_count() const {
    int64_t attn = d_model * d_head * (n_head + 2 * n_kv_head) + n_head * d_head * d_model;
    int64_t mlp = (gated_mlp ? 3 : 2) * d_model * d_ff;
    if (qk_norm) attn += 2 * d_head;
    int64_t embed = vocab_size * d_model + (position == PositionKind::Learned ? n_positions * d_model : 0);
    int64_t head = tied_embeddings ? 0 : vocab_size * d_model;
    return n_layer * (attn + mlp) + embed + head;
}

nlohmann::json ModelConfig::to_json() const {
    nlohmann::json out = {
        {"family", family},
        {"vocab_size", vocab_size},
        {"n_positions", n_positions},
        {"d_model", d_model},
        {"n_layer", n_layer},
        {"n_head", n_head},
        {"n_kv_head", n_kv_head},
        {"d_head", d_head},
        {"d_ff", d_ff},
        {"norm", norm == NormKind::LayerNorm ? "layernorm" : "rmsnorm"},
        {"norm_eps", norm_eps},
        {"position", position == PositionKind::Learned ? "learned" : "rotary"},
        {"activation", activation_name(activation)},
        {"gated_mlp", gated_mlp},
        {"parallel_residual", parallel_residual},
        {"tied_embeddings", tied_embeddings},
        {"parameters", parameter_count()},
    };
    if (position == PositionKind::Rotary) {
        out["rotary"] = {{"base", rotary_base},
                         {"features", rotary_features()},
                         {"style", rotary_style == RotaryStyle::Half ? "half" : "interleaved"}};
        const char* kinds[] = {"none", "linear", "dynamic", "llama3"};
        if (rope_scaling.kind != RopeScaling::Kind::None)
            out["rotary"]["scaling"] = {{"type", kinds[static_cast<int>(rope_scaling.kind)]}, {"factor", rope_scaling.factor}};
    }
    int64_t sliding = 0, window = 0;
    for (const auto& a : layer_attention)
        if (a.window > 0) ++sliding, window = a.window;
    if (sliding > 0) out["sliding_window"] = {{"window", window}, {"layers", sliding}};
    if (n_kv_head != n_head) out["grouped_query_attention"] = {{"query_heads_per_kv_head", n_head / std::max<int64_t>(1, n_kv_head)}};
    if (qk_norm) out["qk_norm"] = true;
    if (post_norms) out["post_norms"] = true;
    if (attn_softcap > 0) out["attn_softcap"] = attn_softcap;
    if (final_softcap > 0) out["final_softcap"] = final_softcap;
    if (!torch_dtype.empty()) out["torch_dtype"] = torch_dtype;
    return out;
}

}  // namespace lancet
