#include "model/screened_argmax.h"

#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

namespace lancet {

namespace {

// The unembedding as [vocab, d] (transposing a Conv1D-layout matrix).
torch::Tensor vocab_rows(const Linear& unembed) {
    return unembed.in_out_layout ? unembed.weight.t() : unembed.weight;
}

}  // namespace

ScreenedArgmax ScreenedArgmax::build(const Model& model, double min_fraction) {
    ScreenedArgmax s;
    const Linear& u = model.weights().unembed;
    if (!u.weight.defined() || u.bias.defined()) return s;
    torch::NoGradGuard no_grad;
    auto w = vocab_rows(u).to(torch::kFloat);
    const int64_t V = w.size(0);
    if (V < 16) return s;
    // The densest point: start from the mean and move to the mean of the
    // nearest 30% a few times (the never-seen tokens dominate that share).
    auto centre = w.mean(0);
    const int64_t near = std::max<int64_t>(1, V * 3 / 10);
    for (int i = 0; i < 4; ++i) {
        auto d = (w - centre).norm(2, 1);
        auto idx = std::get<1>(d.topk(near, 0, /*largest=*/false));
        centre = w.index_select(0, idx).mean(0);
    }
    auto dist = (w - centre).norm(2, 1);
    // Cluster radius: twice the distance that holds 30% of the vocabulary.
    const double r = 2.0 * std::get<0>(dist.kthvalue(near)).item<double>();
    auto inside = dist <= r;
    const int64_t n_inside = inside.sum().item<int64_t>();
    if (n_inside < static_cast<int64_t>(min_fraction * static_cast<double>(V)) || n_inside == V) return s;
    // Only a tight cluster makes the bound useful: well inside the spread of
    // the other tokens (a random-init vocabulary has no such cluster).
    const double radius = dist.masked_select(inside).max().item<double>();
    if (radius > 0.25 * dist.masked_select(inside.logical_not()).median().item<double>()) return s;
    s.active_ = true;
    s.centre_ = centre.to(u.weight.dtype()).contiguous();
    s.radius_ = radius;
    s.screened_out_ = n_inside;
    s.keep_ids_ = inside.logical_not().nonzero().squeeze(1).to(u.weight.device());
    s.keep_w_ = vocab_rows(u).index_select(0, s.keep_ids_).contiguous();
    return s;
}

torch::Tensor ScreenedArgmax::argmax(const Model& model, const torch::Tensor& normed) const {
    torch::NoGradGuard no_grad;
    const Linear& u = model.weights().unembed;
    if (!active_) return u(normed).argmax(-1);
    auto h = normed.to(keep_w_.dtype());
    auto best = torch::matmul(h, keep_w_.t()).max(-1);
    auto best_val = std::get<0>(best).to(torch::kDouble);
    auto ids = keep_ids_.index_select(0, std::get<1>(best));
    // Largest logit any screened-out token can reach, with a margin for rounding.
    auto hd = h.to(torch::kDouble);
    auto bound = torch::matmul(hd, centre_.to(torch::kDouble)) + hd.norm(2, -1) * radius_;
    auto unsure = (best_val <= bound + 1e-4 * (bound.abs() + 1.0)).nonzero().squeeze(1);
    if (unsure.numel() > 0) {
        fallbacks_ += unsure.numel();
        auto full = u(normed.index_select(0, unsure)).argmax(-1);
        ids = ids.index_copy(0, unsure, full);
    }
    return ids;
}

}  // namespace lancet
