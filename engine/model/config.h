// Architecture-neutral description of a decoder-only transformer, filled from
// a Hugging Face config.json by the matching Architecture: GPT-2, the LLaMA
// family (Llama 2/3, Qwen 2/2.5/3, Mistral, Gemma 1/2/3), GPT-NeoX/Pythia and
// GPT-J. The forward pass (forward.cpp) reads only these fields, never the family.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lancet {

enum class NormKind { LayerNorm, RMSNorm };
enum class PositionKind { Learned, Rotary };
enum class Activation { GeluTanh, GeluErf, Relu, Silu };
// How a fused query/key/value projection lays out its output features:
// GPT-2 keeps [q | k | v] blocks; GPT-NeoX interleaves them per head [h][q k v][d_head].
enum class QkvLayout { Blocks, PerHead };
// Rotary embeddings rotate pairs of features: LLaMA and NeoX pair feature i
// with i + dim/2 ("rotate half"), GPT-J pairs neighbours 2i, 2i+1 ("interleaved").
enum class RotaryStyle { Half, Interleaved };

const char* activation_name(Activation a);

// Rotary frequency scaling as config.json's rope_scaling / rope_parameters says.
struct RopeScaling {
    enum class Kind { None, Linear, Dynamic, Llama3 } kind = Kind::None;
    double factor = 1.0;
    double low_freq_factor = 1.0;    // llama3
    double high_freq_factor = 4.0;   // llama3
    int64_t original_max_positions = 0;  // llama3, dynamic
};

// One layer's attention pattern: global, or a sliding window of `window` keys
// (the query's own position included), with its own rotary base (Gemma 3's
// local layers use a smaller one than its global layers).
struct LayerAttention {
    int64_t window = 0;  // 0: every earlier position
    double rotary_base = 10000.0;
    bool scaled_rope = true;  // rope_scaling applies (Gemma 3: global layers only)
};

struct ModelConfig {
    std::string family;        // config.json's model_type: "gpt2", "llama", "qwen2", "gpt_neox", "gptj", ...
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
    bool qkv_bias = true;            // the query/key/value projections have biases (GPT-2, NeoX, Qwen 2)
    bool attn_out_bias = true;       // the attention output projection has one
    bool scale_attn_weights = true;            // GPT-2 option: scores divided by sqrt(d_head)
    bool scale_attn_by_inverse_layer = false;  // GPT-2 option: scores also divided by (layer + 1)
    double attn_scale = 0.0;         // > 0: scores times this instead of 1/sqrt(d_head) (Gemma's query_pre_attn_scalar)
    double rotary_base = 10000.0;
    int64_t rotary_dim = 0;          // features rotated per head (NeoX rotary_pct, GPT-J rotary_dim); d_head by default
    RotaryStyle rotary_style = RotaryStyle::Half;
    RopeScaling rope_scaling;
    std::vector<LayerAttention> layer_attention;  // one per layer; empty: all global at rotary_base
    QkvLayout qkv_layout = QkvLayout::Blocks;
    bool norm_plus_one = false;      // Gemma's RMSNorm multiplies by (1 + w), in float32
    bool qk_norm = false;            // Qwen 3, Gemma 3: RMSNorm over each head's queries and keys
    bool post_norms = false;         // Gemma 2/3: norms on the attention and MLP outputs before the residual add
    bool softmax_fp32 = false;       // LLaMA-style eager attention: softmax in float32 whatever the dtype
    bool attention_fp32 = false;     // GPT-J: queries and keys (and so the scores) in float32
    double attn_softcap = 0.0;       // Gemma 2: scores = c * tanh(scores / c)
    double final_softcap = 0.0;      // Gemma 2: logits = c * tanh(logits / c)
    bool embed_scale = false;        // Gemma: embeddings times sqrt(d_model), rounded to the dtype
    std::string torch_dtype;         // as declared in config.json ("float32", "float16", ...)
    int64_t eos_token_id = -1;
    int64_t bos_token_id = -1;

    LayerAttention attention_of(int64_t layer) const;  // the layer's pattern (global at rotary_base when unset)
    int64_t rotary_features() const { return rotary_dim > 0 ? rotary_dim : d_head; }
    int64_t parameter_count() const;  // approximate, for display
    nlohmann::json to_json() const;   // Lancet's own summary (stable field names)
};

}  // namespace lancet
