#include "model/forward.h"
#include "model/model.h"

#include <cmath>
#include <limits>

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

torch::Tensor apply_norm(const ModelConfig& c, const Norm& n, const torch::Tensor& x) {
    if (c.norm == NormKind::LayerNorm)
        return torch::layer_norm(x, {x.size(-1)}, n.weight, n.bias, c.norm_eps);
    auto xf = x.to(torch::kFloat);
    auto y = xf * torch::rsqrt(xf.pow(2).mean(-1, true) + c.norm_eps);
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

// Causal self-attention with padding and an optional KV cache. Matches the
// eager attention of the reference implementations: scores in the model dtype,
// masked positions set to the dtype's lowest value before softmax.
// `masked` [1 or B, 1, T, S]: true where a query may NOT see a key (the
// future, padding); the same for every layer, so forward() builds it once.
torch::Tensor attention(const Model& model, const LayerWeights& w, int layer, const torch::Tensor& h,
                        const torch::Tensor& masked, KVCache* cache) {
    const ModelConfig& c = model.config();
    const int64_t B = h.size(0), T = h.size(1);
    torch::Tensor q, k, v;
    if (w.qkv.weight.defined()) {
        auto qkv = w.qkv(h);
        auto parts = qkv.split(c.d_model, -1);
        q = parts[0], k = parts[1], v = parts[2];
    } else {
        q = w.q(h), k = w.k(h), v = w.v(h);
    }
    q = q.view({B, T, c.n_head, c.d_head}).transpose(1, 2);
    k = k.view({B, T, c.n_kv_head, c.d_head}).transpose(1, 2);
    v = v.view({B, T, c.n_kv_head, c.d_head}).transpose(1, 2);
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
    if (c.n_kv_head != c.n_head) {
        k = k.repeat_interleave(c.n_head / c.n_kv_head, 1);
        v = v.repeat_interleave(c.n_head / c.n_kv_head, 1);
    }
    const int64_t S = k.size(2);
    double scale = c.scale_attn_weights ? 1.0 / std::sqrt(static_cast<double>(c.d_head)) : 1.0;
    if (c.scale_attn_by_inverse_layer) scale /= static_cast<double>(layer + 1);
    auto scores = torch::matmul(q, k.transpose(-1, -2)) * scale;  // [B, H, T, S]
    if (masked.size(-1) != S) fail(ErrorCode::Internal, "attention: mask and keys disagree in length");
    scores = scores.masked_fill(masked, lowest_value(scores.scalar_type()));
    auto probs = torch::softmax(scores, -1);
    auto out = torch::matmul(probs, v).transpose(1, 2).reshape({B, T, c.n_head * c.d_head});
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
    auto x = torch::embedding(w.tok_embed, input_ids);
    if (iv && iv->wants(Site::Embed, 0)) iv->apply(Site::Embed, 0, x);
    if (model.config().position == PositionKind::Learned) x = x + torch::embedding(w.pos_embed, position_ids);
    return x;
}

torch::Tensor final_norm(const Model& model, const torch::Tensor& hidden) {
    return apply_norm(model.config(), model.weights().ln_final, hidden);
}

torch::Tensor unembed(const Model& model, const torch::Tensor& hidden) {
    const ModelWeights& w = model.weights();
    auto h = apply_norm(model.config(), w.ln_final, hidden);
    return w.unembed(h).to(torch::kFloat);
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
    torch::Tensor x;
    if (in.start_layer > 0 || in.start_hidden.defined()) {
        if (!in.start_hidden.defined()) fail(ErrorCode::InvalidArgument, "forward: start_layer > 0 needs start_hidden");
        x = in.start_hidden;
    } else {
        torch::Tensor pos = in.position_ids;
        if (!pos.defined()) {
            pos = key_mask.defined() ? positions_from_mask(key_mask, T)
                                     : torch::arange(past, past + T, in.input_ids.options()).unsqueeze(0).expand({B, T});
        }
        x = embed(model, in.input_ids, pos, iv);
    }

    // Query i sits at absolute position past + i and may see keys j <= past + i.
    const int64_t S = past + T;
    auto long_opts = torch::TensorOptions().device(in.input_ids.device()).dtype(torch::kLong);
    auto qpos = torch::arange(past, S, long_opts).unsqueeze(1);
    auto kpos = torch::arange(0, S, long_opts).unsqueeze(0);
    auto allowed = (kpos <= qpos).view({1, 1, T, S});
    if (key_mask.defined()) allowed = allowed.logical_and(key_mask.view({B, 1, 1, S}).to(torch::kBool));
    const torch::Tensor masked = allowed.logical_not();

    for (int l = in.start_layer; l <= last_layer; ++l) {
        const LayerWeights& lw = w.layers[l];
        auto h = apply_norm(c, lw.ln_attn, x);
        auto a = attention(model, lw, l, h, masked, in.cache);
        if (iv && iv->wants(Site::AttnOut, l)) iv->apply(Site::AttnOut, l, a);
        torch::Tensor mlp_input;
        if (c.parallel_residual) {
            mlp_input = lw.ln_mlp.weight.defined() ? apply_norm(c, lw.ln_mlp, x) : h;
        } else {
            x = x + a;
            mlp_input = apply_norm(c, lw.ln_mlp, x);
        }
        auto up = lw.mlp_in(mlp_input);
        auto key = c.gated_mlp ? activate(c, lw.mlp_gate(mlp_input)) * up : activate(c, up);
        if (iv && iv->wants(Site::MlpKey, l)) iv->apply(Site::MlpKey, l, key);
        auto m = lw.mlp_out(key);
        if (iv && iv->wants(Site::MlpOut, l)) iv->apply(Site::MlpOut, l, m);
        x = c.parallel_residual ? x + a + m : x + m;
        if (iv && iv->wants(Site::BlockOut, l)) iv->apply(Site::BlockOut, l, x);
    }

    ForwardOutput out;
    out.hidden = x;
    if (in.stop_after_layer >= 0 || in.logits == LogitsMode::None) return out;
    if (in.logits == LogitsMode::Last) out.logits = unembed(model, x.select(1, T - 1));
    else out.logits = unembed(model, x);
    return out;
}

}  // namespace lancet
