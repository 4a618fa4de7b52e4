#include "model/config.h"

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

int64_t ModelConfig::parameter_count() const {
    int64_t attn = d_model * d_head * (n_head + 2 * n_kv_head) + n_head * d_head * d_model;
    int64_t mlp = (gated_mlp ? 3 : 2) * d_model * d_ff;
    int64_t embed = vocab_size * d_model + (position == PositionKind::Learned ? n_positions * d_model : 0);
    int64_t head = tied_embeddings ? 0 : vocab_size * d_model;
    return n_layer * (attn + mlp) + embed + head;
}

nlohmann::json ModelConfig::to_json() const {
    return {
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
}

}  // namespace lancet
