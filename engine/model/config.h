// Architecture-neutral description of a decoder-only transformer, filled from
// a Hugging Face config.json by the matching Architecture. The fields cover
// GPT-2 now and GPT-NeoX, GPT-J and LLaMA/Qwen-style models later (rotary
// positions, RMSNorm, gated MLP, grouped-query attention, parallel residual).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace lancet {

enum class NormKind { LayerNorm, RMSNorm };
enum class PositionKind { Learned, Rotary };
enum class Activation { GeluTanh, GeluErf, Relu, Silu };

const char* activation_name(Activation a);

struct ModelConfig {
    std::string family;        // "gpt2", later "gpt_neox", "gptj", "llama", "qwen2"
    int64_t vocab_size = 0;
    int64_t n_positions = 0;   // maximum sequence length
    int64_t d_model = 0;
    int64_t n_layer = 0;
    int64_t n_head = 0;
    int64_t n_kv_head = 0;     // == n_head unless grouped-query attention
    int64_t d_head = 0;
    int64_t d_ff = 0;          // MLP inner width (the ROME key dimension)
    double norm_eps = 1e-5;
    NormKind norm = NormKind::LayerNorm;
    PositionKind position = PositionKind::Learned;
    Activation activation = Activation::GeluTanh;
    bool gated_mlp = false;          // LLaMA: down(act(gate(x)) * up(x))
    bool parallel_residual = false;  // GPT-J / NeoX: x + attn(ln(x)) + mlp(ln(x))
    bool tied_embeddings = true;
    bool scale_attn_weights = true;            // GPT-2 option: scores divided by sqrt(d_head)
    bool scale_attn_by_inverse_layer = false;  // GPT-2 option: scores also divided by (layer + 1)
    double rotary_base = 10000.0;
    int64_t rotary_dim = 0;
    std::string torch_dtype;         // as declared in config.json ("float32", "float16", ...)
    int64_t eos_token_id = -1;
    int64_t bos_token_id = -1;

    int64_t parameter_count() const;  // approximate, for display
    nlohmann::json to_json() const;   // Lancet's own summary (stable field names)
};

}  // namespace lancet
