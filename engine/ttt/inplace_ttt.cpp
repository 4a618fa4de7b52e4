#include "ttt/inplace_ttt.h"

#include "model/forward.h"
#include "model/model.h"
#include "ttt/inplace_addon.h"
#include "ttt/tent.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet {

torch::Tensor inplace_delta(const torch::Tensor& h, const torch::Tensor& s, const torch::Tensor& taps, const torch::Tensor& proj,
                            double lr, bool in_out) {
    const int64_t c = s.size(0);
    const auto hc = h.detach();
    const auto sc = s.detach();
    // Depthwise conv over positions, zero outside the chunk: t_j = Σ_o k_o ⊙ s_{j+o}.
    // Every tap is applied (a zero tap adds exact zeros), so one code path serves
    // the fixed kernel and a trained one, and stays differentiable in the taps.
    const auto padded = torch::constant_pad_nd(sc, {0, 0, 2, 2});  // [c + 4, d]
    torch::Tensor t;
    for (int o = -2; o <= 2; ++o) {
        const auto k = taps[o + 2];                         // scalar or [d]
        const auto term = padded.slice(0, 2 + o, 2 + o + c) * k;
        t = t.defined() ? t + term : term;
    }
    if (proj.defined()) t = torch::matmul(t, proj.t());    // t_j ← P t_j
    const double mean_sq = hc.pow(2).sum(-1).mean().item<double>();
    if (!(mean_sq > 0)) return in_out ? torch::zeros({hc.size(1), sc.size(1)}, t.options()) : torch::zeros({sc.size(1), hc.size(1)}, t.options());
    const double eta = lr / mean_sq;
    return (in_out ? torch::matmul(hc.t(), t) : torch::matmul(t.t(), hc)) * eta;  // [d_ff, d] or [d, d_ff]
}

InplaceOptions inplace_options_with_addon(InplaceOptions options, std::shared_ptr<const InplaceAddon> addon) {
    if (!addon) return options;
    options.layers = addon->layer_ids();
    options.target = addon->target;
    options.lr = addon->lr;
    options.chunk = addon->chunk;
    options.addon = std::move(addon);
    return options;
}

std::vector<int> inplace_default_layers(const Model& model) {
    std::vector<int> out;
    const int n = static_cast<int>(model.config().n_layer);
    for (int l = n / 2; l < n; ++l) out.push_back(l);
    return out;
}

AdaptedParams inplace_fast_weights(const Model& model, const InplaceOptions& options) {
    std::vector<int> layers = options.layers.empty() ? inplace_default_layers(model) : options.layers;
    std::string spec = "mlp_out:";
    for (size_t i = 0; i < layers.size(); ++i) spec += (i ? "," : "") + std::to_string(layers[i]);
    return AdaptedParams::select(model, spec);
}

torch::Tensor inplace_chunk(const Model& model, AdaptedParams& fast, const InplaceOptions& options, const torch::Tensor& window,
                            int64_t chunk_len, bool update) {
    torch::NoGradGuard no_grad;
    if (options.target != "next-embedding" && options.target != "hidden")
        fail(ErrorCode::InvalidArgument, "the In-Place TTT target is \"next-embedding\" or \"hidden\", not \"" + options.target + "\"");
    const int64_t L = window.size(1);
    if (chunk_len < 1 || chunk_len > L) fail(ErrorCode::InvalidArgument, "a chunk must be 1..window tokens long");
    if (L > model.config().n_positions) fail(ErrorCode::InvalidArgument, "the window is longer than the model's context");
    Interventions iv;
    for (const auto& p : fast.params()) {
        iv.capture(Site::MlpKey, p.layer);
        if (options.target == "hidden") iv.capture(Site::BlockOut, p.layer);
    }
    torch::Tensor logits;
    {
        auto binding = fast.bind(model);
        ForwardInput in;
        in.input_ids = window;
        in.logits = LogitsMode::All;
        logits = forward(model, in, &iv).logits[0];  // [L, V]
    }
    if (!update) return logits;
    const int64_t start = L - chunk_len;
    const torch::Tensor chunk_ids = window[0].slice(0, start, L);
    for (auto& p : fast.mutable_params()) {
        auto h = iv.captured(Site::MlpKey, p.layer)[0].slice(0, start, L).to(torch::kFloat);  // [c, d_ff]
        torch::Tensor s = options.target == "hidden"
                              ? iv.captured(Site::BlockOut, p.layer)[0].slice(0, start, L).to(torch::kFloat)
                              : model.weights().tok_embed.index_select(0, chunk_ids).to(torch::kFloat);  // [c, d]
        torch::Tensor taps, proj;
        if (options.addon) {
            const InplaceAddonLayer* a = options.addon->find(p.layer);
            if (!a) fail(ErrorCode::InvalidArgument, "the In-Place add-on has no layer " + std::to_string(p.layer));
            taps = a->taps.to(h.device()), proj = a->proj.to(h.device());
        } else {
            taps = torch::tensor(std::vector<double>(options.kernel.begin(), options.kernel.end()), h.options());
        }
        const bool in_out = model.weights().layers.at(static_cast<size_t>(p.layer)).mlp_out.in_out_layout;
        p.value.add_(inplace_delta(h, s, taps, proj, options.lr, in_out).to(p.value.device()));  // the weight's own device on a placed model
    }
    return logits;
}

std::vector<DocumentChunk> document_chunks(int64_t n, int64_t chunk, int64_t context) {
    if (chunk < 1 || context < chunk) fail(ErrorCode::InvalidArgument, "the chunk must be 1..context tokens");
    std::vector<DocumentChunk> out;
    for (int64_t at = 0; at < n; at += chunk) {
        DocumentChunk c;
        c.at = at;
        c.end = std::min(n, at + chunk);
        c.begin = std::max<int64_t>(0, c.end - context);
        out.push_back(c);
    }
    return out;
}

InplaceDocumentRun inplace_document(const Model& model, AdaptedParams& fast, const InplaceOptions& options,
                                    const std::vector<int64_t>& ids, bool update, bool keep_logits, const JobContext& job) {
    const int64_t ctx = model.config().n_positions;
    if (options.chunk < 2 || options.chunk > ctx) fail(ErrorCode::InvalidArgument, "the chunk must be 2..context tokens");
    InplaceDocumentRun out;
    const int64_t n = static_cast<int64_t>(ids.size());
    const auto all = torch::tensor(ids, torch::kLong).to(model.device());
    for (const DocumentChunk& ch : document_chunks(n, options.chunk, ctx)) {
        const int64_t at = ch.at, end = ch.end, c = ch.length();
        job.check_cancelled();
        job.report(static_cast<double>(at) / static_cast<double>(n), "chunk at token " + std::to_string(at));
        auto window = all.slice(0, ch.begin, end).unsqueeze(0);
        auto logits = inplace_chunk(model, fast, options, window, c, update);
        auto chunk_logits = logits.slice(0, logits.size(0) - c, logits.size(0));
        if (c >= 2) {
            auto lp = torch::log_softmax(chunk_logits.slice(0, 0, c - 1), -1);
            auto next = all.slice(0, at + 1, end).unsqueeze(1);
            out.chunk_nll.push_back(-lp.gather(1, next).mean().item<double>());
        } else {
            out.chunk_nll.push_back(std::nan(""));
        }
        if (keep_logits) out.chunk_logits.push_back(chunk_logits.clone());
    }
    return out;
}

InplaceOptions inplace_options_from(const Model& model, const TttMethodSpec& spec) {
    InplaceOptions o;
    o.layers = spec.layers;
    if (spec.inplace_lr > 0) o.lr = spec.inplace_lr;
    o.target = spec.inplace_target;
    o.chunk = spec.inplace_chunk > 0 ? spec.inplace_chunk : std::max<int64_t>(2, model.config().n_positions / 4);
    for (int l : o.layers)
        if (l < 0 || l >= model.config().n_layer) fail(ErrorCode::InvalidArgument, "layer " + std::to_string(l) + " is outside the model");
    if (!spec.inplace_addon.empty())  // its own layers, lr and target: the settings it was trained with
        o = inplace_options_with_addon(o, std::make_shared<const InplaceAddon>(load_inplace_addon(spec.inplace_addon, model).value()));
    return o;
}

InplaceStreamMethod::InplaceStreamMethod(const Model& model, const TttMethodSpec& spec) {
    spec_ = spec;
    order_ = "predict-then-adapt";
    options_ = inplace_options_from(model, spec);
    params_ = inplace_fast_weights(model, options_);
}

AdaptReport InplaceStreamMethod::process(const Model& model, const torch::Tensor& ids, const TttPredictFn& predict,
                                         const JobContext& job) {
    job.check_cancelled();
    {
        auto binding = params_.bind(model);
        predict();
    }
    inplace_chunk(model, params_, options_, ids, ids.size(1), true);
    if (!params_.finite()) throw TttDivergence{"a fast weight is not finite after the chunk's update"};
    return {};
}

}  // namespace lancet
