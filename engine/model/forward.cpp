#include "model/forward.h"
#include "model/model.h"
#include "model/rotary.h"

#include <map>
#include <memory>
#include <utility>

#include <cmath>
#include <limits>

#include <torch/version.h>

// at::rms_norm (one fused kernel each way on CUDA) arrived in LibTorch 2.4.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define LANCET_HAVE_RMS_NORM 1
#endif

namespace lancet {

torch::Tensor Linear::operator()(const torch::Tensor& x) const {
    if (in_out_layout) {
        // Conv1D layout [in, out]: y = b + x W. addmm on 2-D keeps this one GEMM.
        auto x2 = x.reshape({-1, x.size(-1)});
        auto y = bias.defined() ? torch::addmm(bias, x2, weight) : torch::mm(x2, weight);
        auto shape = x.sizes().vec();
        shape.back() = weight.size(1);
        return y.view(shape);
    }
    return torch::linear(x, weight, bias.defined() ? c10::optional<torch::Tensor>(bias) : c10::nullopt);
}

namespace {

torch::Tensor apply_norm(const ModelConfig& c, const Norm& n, const torch::Tensor& x, bool fused = false) {
    if (c.norm == NormKind::LayerNorm)
        return torch::layer_norm(x, {x.size(-1)}, n.weight, n.bias, c.norm_eps);
#ifdef LANCET_HAVE_RMS_NORM
    if (fused && x.is_cuda() && !c.norm_plus_one && n.weight.scalar_type() == x.scalar_type())
        return at::rms_norm(x, {x.size(-1)}, n.weight, c.norm_eps);
#else
    (void)fused;
#endif
    auto xf = x.to(torch::kFloat);
    auto y = xf * torch::rsqrt(xf.pow(2).mean(-1, true) + c.norm_eps);
    // LLaMA rounds to the dtype before the weight; Gemma multiplies by (1 + w) in float32 first.
    if (c.norm_plus_one) return (y * (1.0 + n.weight.to(torch::kFloat))).to(x.dtype());
    return n.weight * y.to(x.dtype());
}

// The most negative finite value of a dtype: what the reference code fills masked scores with.
double lowest_value(torch::ScalarType t) {
    switch (t) {
        case torch::kHalf: return -65504.0;
        case torch::kBFloat16: return -3.3895313892515355e38;
        default: return std::numeric_limits<float>::lowest();
    }
}

torch::Tensor activate(const ModelConfig& c, const torch::Tensor& x) {
    switch (c.activation) {
        case Activation::GeluTanh: return torch::gelu(x, "tanh");
        case Activation::GeluErf: return torch::gelu(x);
        case Activation::Relu: return torch::relu(x);
        case Activation::Silu: return torch::silu(x);
    }
    return x;
}

// What one forward pass shares across the layers of one placement stage: the
// masks (one per window size) and the rotary tables (one per rotary base),
// built on first use on that stage's device.
struct LayerContext {
    torch::Tensor allowed;         // [1 or B, 1, T, S]: causal and padding
    torch::Tensor query_positions; // [T, 1] absolute indices of the queries in the cached sequence
    torch::Tensor key_positions;   // [1, S]
    torch::Tensor position_ids;    // [B, T] for rotary tables
    std::map<int64_t, torch::Tensor> masked_by_window;
    std::map<std::pair<double, bool>, RotaryTables> rotary_by_base;

    // true where a query may NOT see a key: the future, padding, and keys out of a sliding window.
    const torch::Tensor& masked(int64_t window) {
        auto it = masked_by_window.find(window);
        if (it != masked_by_window.end()) return it->second;
        auto a = allowed;
        // Hugging Face's sliding window: key j is visible to query i when i - window < j <= i.
        if (window > 0) a = a.logical_and((key_positions > query_positions - window).view({1, 1, a.size(2), a.size(3)}));
        return masked_by_window.emplace(window, a.logical_not()).first->second;
    }

    const RotaryTables& rotary(const ModelConfig& c, const LayerAttention& la, torch::ScalarType dtype) {
        auto key = std::make_pair(la.rotary_base, la.scaled_rope);
        auto it = rotary_by_base.find(key);
        if (it != rotary_by_base.end()) return it->second;
        // Only dynamic NTK scaling depends on the longest position, and reading
        // it waits for the device (which a CUDA graph capture refuses).
        const bool dynamic = la.scaled_rope && c.rope_scaling.kind == RopeScaling::Kind::Dynamic;
        const int64_t max_position = dynamic && position_ids.numel() ? position_ids.max().item<int64_t>() : 0;
        auto inv = rotary_inverse_frequencies(c, la, max_position, position_ids.device());
        return rotary_by_base.emplace(key, rotary_tables(c, inv, position_ids, dtype)).first->second;
    }
};

// One LayerContext per placement stage, made from the input device's on the
// first block of that stage (a model on one device has one).
class StageContexts {
public:
    StageContexts(const Placement& placement, LayerContext input) : placement_(placement), input_(std::move(input)) {
        by_stage_.resize(placement.stages.size());
    }
    LayerContext& at(int stage) {
        auto& slot = by_stage_.at(static_cast<size_t>(stage));
        if (!slot) {
            const torch::Device dev = placement_.stage_device(stage);
            slot = std::make_unique<LayerContext>();
            slot->allowed = input_.allowed.to(dev);
            slot->query_positions = input_.query_positions.to(dev);
            slot->key_positions = input_.key_positions.to(dev);
            slot->position_ids = input_.position_ids.to(dev);
        }
        return *slot;
    }

private:
    const Placement& placement_;
    LayerContext input_;
    std::vector<std::unique_ptr<LayerContext>> by_stage_;
};

// Causal self-attention with padding and an optional KV cache. Matches the
// eager attention of the reference implementations: scores in the model dtype
// (GPT-J: float32), masked positions set to the dtype's lowest value before
// softmax, the softmax itself in float32 where the reference upcasts it.
torch::Tensor attention(const Model& model, const LayerWeights& w, int layer, const torch::Tensor& h,
                        LayerContext& ctx, KVCache* cache, Interventions* iv, int64_t last_queries,
                        const torch::Tensor& query_columns, bool fused) {
    const ModelConfig& c = model.config();
    const int64_t B = h.size(0), T = h.size(1);
    const int64_t q_width = c.n_head * c.d_head, kv_width = c.n_kv_head * c.d_head;
    torch::Tensor q, k, v;
    if (w.qkv.weight.defined()) {
        auto qkv = w.qkv(h);
        if (c.qkv_layout == QkvLayout::PerHead) {
            auto parts = qkv.view({B, T, c.n_head, 3 * c.d_head}).split(c.d_head, -1);
            q = parts[0], k = parts[1], v = parts[2];
        } else {
            auto parts = qkv.split_with_sizes({q_width, kv_width, kv_width}, -1);
            q = parts[0], k = parts[1], v = parts[2];
        }
    } else {
        q = w.q(h), k = w.k(h), v = w.v(h);
    }
    q = q.reshape({B, T, c.n_head, c.d_head});
    k = k.reshape({B, T, c.n_kv_head, c.d_head});
    v = v.reshape({B, T, c.n_kv_head, c.d_head});
    if (c.qk_norm) {
        q = apply_norm(c, w.q_norm, q, fused);
        k = apply_norm(c, w.k_norm, k, fused);
    }
    q = q.transpose(1, 2);
    k = k.transpose(1, 2);
    v = v.transpose(1, 2);
    if (c.attention_fp32) {
        q = q.to(torch::kFloat);
        k = k.to(torch::kFloat);
    }
    const LayerAttention la = c.attention_of(layer);
    if (c.position == PositionKind::Rotary) {
        const RotaryTables& rt = ctx.rotary(c, la, q.scalar_type());
        q = apply_rotary(c, q, rt, fused);
        k = apply_rotary(c, k, rt, fused);
    }
    if (cache) {
        if (static_cast<int>(cache->keys.size()) <= layer) {
            cache->keys.resize(layer + 1);
            cache->values.resize(layer + 1);
        }
        if (cache->keys[layer].defined()) {
            k = torch::cat({cache->keys[layer], k}, 2);
            v = torch::cat({cache->values[layer], v}, 2);
        }
        cache->keys[layer] = k;
        cache->values[layer] = v;
    }
    // Each key/value head serves `group` consecutive query heads.
    const int64_t group = c.n_head / c.n_kv_head;
    // fused: those query heads are stacked along the query axis instead
    // ([B, n_kv_head, group * T, d]), so that the keys and values need no
    // widening (a copy forward and a reduction backward, per layer).
    const bool grouped = fused && group > 1;
    if (group > 1 && !grouped) {
        // repeat_interleave on dim 1, written as a view so that no repeat
        // count has to go to the device inside a CUDA graph capture.
        const int64_t rep = group;
        auto widen = [&](const torch::Tensor& t) {
            return t.unsqueeze(2).expand({t.size(0), t.size(1), rep, t.size(2), t.size(3)})
                .reshape({t.size(0), t.size(1) * rep, t.size(2), t.size(3)});
        };
        k = widen(k);
        v = widen(v);
    }
    const int64_t S = k.size(2);
    torch::Tensor masked = ctx.masked(la.window);
    if (last_queries > 0) {
        // Every position's keys and values are in k and v; only the last queries go on.
        q = q.narrow(2, T - last_queries, last_queries);
        masked = masked.narrow(2, T - last_queries, last_queries);
    }
    if (query_columns.defined()) {
        // Only these queries go on; each keeps its own row of the causal/padding mask.
        const int64_t k_cols = query_columns.size(1);
        q = q.gather(2, query_columns.view({B, 1, k_cols, 1}).expand({B, q.size(1), k_cols, q.size(3)}));
        masked = masked.expand({B, masked.size(1), masked.size(2), masked.size(3)})
                     .gather(2, query_columns.view({B, 1, k_cols, 1}).expand({B, masked.size(1), k_cols, masked.size(3)}));
    }
    const int64_t Tq = q.size(2);
    if (masked.size(-1) != S) fail(ErrorCode::Internal, "attention: mask and keys disagree in length");
    if (grouped) {
        q = q.reshape({B, c.n_kv_head, group * Tq, c.d_head});
        masked = masked.unsqueeze(2)
                     .expand({masked.size(0), 1, group, Tq, S})
                     .reshape({masked.size(0), 1, group * Tq, S});
    }
    double scale = c.attn_scale > 0 ? c.attn_scale
                   : c.scale_attn_weights ? 1.0 / std::sqrt(static_cast<double>(c.d_head)) : 1.0;
    if (c.scale_attn_by_inverse_layer) scale /= static_cast<double>(layer + 1);
    auto scores = torch::matmul(q, k.transpose(-1, -2)) * scale;  // [B, H, T, S] (grouped: [B, H_kv, group T, S])
    if (c.attn_softcap > 0) scores = torch::tanh(scores / c.attn_softcap) * c.attn_softcap;
    scores = scores.masked_fill(masked, lowest_value(scores.scalar_type()));
    auto probs = c.softmax_fp32 ? torch::softmax(scores, -1, torch::kFloat) : torch::softmax(scores, -1);
    probs = probs.to(v.scalar_type());
    auto heads = torch::matmul(probs, v);
    if (grouped) heads = heads.view({B, c.n_head, Tq, c.d_head});
    auto out = heads.transpose(1, 2).reshape({B, Tq, q_width});
    if (iv && iv->wants(Site::AttnHeads, layer)) iv->apply(Site::AttnHeads, layer, out, model.device());
    return w.attn_out(out);
}

}  // namespace

torch::Tensor positions_from_mask(const torch::Tensor& attention_mask, int64_t current_length) {
    // Real tokens are numbered 0, 1, 2, ... ; padding gets position 0 (never attended to).
    auto pos = attention_mask.to(torch::kLong).cumsum(-1) - 1;
    pos = pos.clamp_min(0);
    return pos.slice(1, pos.size(1) - current_length, pos.size(1));
}

torch::Tensor embed(const Model& model, const torch::Tensor& input_ids, const torch::Tensor& position_ids,
                    Interventions* iv) {
    const ModelWeights& w = model.weights();
    auto x = torch::embedding(w.tok_embed, input_ids.to(w.tok_embed.device()));
    if (iv && iv->wants(Site::Embed, 0)) iv->apply(Site::Embed, 0, x, model.device());
    const ModelConfig& c = model.config();
    if (c.position == PositionKind::Learned) x = x + torch::embedding(w.pos_embed, position_ids.to(w.pos_embed.device()));
    // Gemma scales by sqrt(d_model) rounded to the model's dtype, as its reference does.
    if (c.embed_scale)
        x = x * torch::scalar_tensor(std::sqrt(static_cast<double>(c.d_model)), x.options()).to(x.scalar_type());
    return x;
}

// The final norm and unembedding run on the head's device (the last stage, or
// the first for tied embeddings); what they return goes to the input device.
torch::Tensor final_norm(const Model& model, const torch::Tensor& hidden) {
    return apply_norm(model.config(), model.weights().ln_final, hidden.to(model.head_device())).to(model.device());
}

torch::Tensor unembed(const Model& model, const torch::Tensor& hidden) {
    const ModelWeights& w = model.weights();
    const ModelConfig& c = model.config();
    auto h = apply_norm(c, w.ln_final, hidden.to(model.head_device()));
    auto logits = w.unembed(h);
    if (c.final_softcap > 0) logits = torch::tanh(logits / c.final_softcap) * c.final_softcap;
    return logits.to(model.device(), torch::kFloat);
}

ForwardOutput forward(const Model& model, const ForwardInput& in, Interventions* iv) {
    const ModelConfig& c = model.config();
    const ModelWeights& w = model.weights();
    if (!in.input_ids.defined() || in.input_ids.dim() != 2)
        fail(ErrorCode::InvalidArgument, "forward: input_ids must be a [batch, tokens] tensor");
    const int64_t B = in.input_ids.size(0), T = in.input_ids.size(1);
    if (T == 0) fail(ErrorCode::InvalidArgument, "forward: empty input");
    const int64_t past = in.cache ? in.cache->length() : 0;
    if (past + T > c.n_positions)
        fail(ErrorCode::InvalidArgument, "input of " + std::to_string(past + T) + " tokens is longer than the model's " +
                                             std::to_string(c.n_positions) + " positions");
    if (in.start_layer < 0 || in.start_layer > c.n_layer)
        fail(ErrorCode::InvalidArgument, "forward: start_layer out of range");
    const int last_layer = in.stop_after_layer >= 0 ? std::min<int>(in.stop_after_layer, c.n_layer - 1)
                                                    : static_cast<int>(c.n_layer - 1);

    torch::Tensor key_mask = in.attention_mask;
    if (key_mask.defined() && key_mask.size(1) != past + T)
        fail(ErrorCode::InvalidArgument, "forward: attention_mask must cover past and current tokens");
    // Position ids feed the learned embeddings and every layer's rotary tables.
    torch::Tensor pos = in.position_ids;
    if (!pos.defined()) {
        pos = key_mask.defined() ? positions_from_mask(key_mask, T)
                                 : torch::arange(past, past + T, in.input_ids.options().dtype(torch::kLong)).unsqueeze(0).expand({B, T});
    }
    torch::Tensor x;
    if (in.start_layer > 0 || in.start_hidden.defined()) {
        if (!in.start_hidden.defined()) fail(ErrorCode::InvalidArgument, "forward: start_layer > 0 needs start_hidden");
        x = in.start_hidden;
    } else {
        x = embed(model, in.input_ids, pos, iv);
    }

    // Query i sits at absolute position past + i and may see keys j <= past + i.
    const int64_t S = past + T;
    auto long_opts = torch::TensorOptions().device(in.input_ids.device()).dtype(torch::kLong);
    LayerContext input_ctx;
    input_ctx.query_positions = torch::arange(past, S, long_opts).unsqueeze(1);
    input_ctx.key_positions = torch::arange(0, S, long_opts).unsqueeze(0);
    input_ctx.allowed = (input_ctx.key_positions <= input_ctx.query_positions).view({1, 1, T, S});
    if (key_mask.defined())
        input_ctx.allowed = input_ctx.allowed.logical_and(key_mask.to(in.input_ids.device()).view({B, 1, 1, S}).to(torch::kBool));
    input_ctx.position_ids = pos.to(in.input_ids.device());
    const Placement& placement = model.placement();
    StageContexts contexts(placement, std::move(input_ctx));
    const torch::Device home = model.device();

    const bool fused = in.fused_kernels;
    torch::Tensor column_index;  // in.last_block_columns, checked
    if (in.last_block_columns.defined()) {
        const auto& cols = in.last_block_columns;
        if (in.last_block_queries > 0)
            fail(ErrorCode::InvalidArgument, "forward: last_block_columns and last_block_queries exclude each other");
        if (cols.dim() != 2 || cols.size(0) != B || cols.size(1) < 1 || cols.scalar_type() != torch::kLong)
            fail(ErrorCode::InvalidArgument, "forward: last_block_columns must be a [batch, k >= 1] int64 tensor");
        // Checked where it costs no device sync (a CUDA caller may be recording a graph).
        if (cols.device().is_cpu() && (cols.min().item<int64_t>() < 0 || cols.max().item<int64_t>() >= T))
            fail(ErrorCode::InvalidArgument, "forward: last_block_columns must name columns 0.." + std::to_string(T - 1));
        if (iv && in.start_layer <= last_layer)
            for (Site site : {Site::AttnOut, Site::MlpOut, Site::BlockOut, Site::MlpKey, Site::AttnHeads})
                if (iv->wants(site, last_layer))
                    fail(ErrorCode::InvalidArgument,
                         "forward: an intervention at the last block run cannot be combined with last_block_columns");
        column_index = cols.to(in.input_ids.device());
    }
    int stage = -1;  // of the block run last; the residual stream is on its device
    for (int l = in.start_layer; l <= last_layer; ++l) {
        const LayerWeights& lw = w.layers[l];
        // A placement boundary: the residual stream moves to the next block's device.
        if (placement.layer_stage[static_cast<size_t>(l)] != stage) {
            stage = placement.layer_stage[static_cast<size_t>(l)];
            x = x.to(placement.stage_device(stage));
        }
        LayerContext& ctx = contexts.at(stage);
        auto h = apply_norm(c, lw.ln_attn, x, fused);
        const int64_t keep = l == last_layer && in.last_block_queries > 0 && in.last_block_queries < x.size(1)
                                 ? in.last_block_queries : 0;
        const torch::Tensor columns =
            l == last_layer && column_index.defined() ? column_index.to(x.device()) : torch::Tensor();
        auto a = attention(model, lw, l, h, ctx, in.cache, iv, keep, columns, fused);
        if (keep > 0) {
            x = x.narrow(1, x.size(1) - keep, keep);
            h = h.narrow(1, h.size(1) - keep, keep);
        }
        if (columns.defined()) {
            const auto rows_cols = columns.unsqueeze(-1).expand({columns.size(0), columns.size(1), x.size(2)});
            x = x.gather(1, rows_cols);
            h = h.gather(1, rows_cols);
        }
        if (iv && iv->wants(Site::AttnOut, l)) iv->apply(Site::AttnOut, l, a, home);
        // Gemma 2/3 norm the attention output before adding it; the site is the module's output, before that norm.
        auto a_res = c.post_norms ? apply_norm(c, lw.ln_post_attn, a, fused) : a;
        torch::Tensor mlp_input;
        if (c.parallel_residual) {
            mlp_input = lw.ln_mlp.weight.defined() ? apply_norm(c, lw.ln_mlp, x, fused) : h;
        } else {
            x = x + a_res;
            mlp_input = apply_norm(c, lw.ln_mlp, x, fused);
        }
        auto up = lw.mlp_in(mlp_input);
        auto key = c.gated_mlp ? activate(c, lw.mlp_gate(mlp_input)) * up : activate(c, up);
        if (iv && iv->wants(Site::MlpKey, l)) iv->apply(Site::MlpKey, l, key, home);
        auto m = lw.mlp_out(key);
        if (iv && iv->wants(Site::MlpOut, l)) iv->apply(Site::MlpOut, l, m, home);
        auto m_res = c.post_norms ? apply_norm(c, lw.ln_post_mlp, m, fused) : m;
        x = c.parallel_residual ? x + a_res + m_res : x + m_res;
        if (iv && iv->wants(Site::BlockOut, l)) iv->apply(Site::BlockOut, l, x, home);
    }

    if (column_index.defined() && in.start_layer > last_layer)  // no block ran: the columns of the input
        x = x.gather(1, column_index.unsqueeze(-1).expand({B, column_index.size(1), x.size(2)}).to(x.device()));
    ForwardOutput out;
    out.hidden = x.to(home);
    if (in.stop_after_layer >= 0 || in.logits == LogitsMode::None) return out;
    if (in.logits == LogitsMode::Last) out.logits = unembed(model, x.select(1, x.size(1) - 1));
    else out.logits = unembed(model, x);
    return out;
}

}  // namespace lancet
