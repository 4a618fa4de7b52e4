// Arcee Fusion (mergekit merge_methods/arcee_fusion.py): importance of each
// delta = |x - base| times the row's KL(softmax x || softmax base); keep the
// deltas whose importance reaches median + 1.5 * (q3 - q1).
#include "merge/methods/kernels.h"

#include <torch/torch.h>

namespace lancet {

torch::Tensor arcee_fusion_tensors(const torch::Tensor& base, const torch::Tensor& x) {
    const double eps = 1e-8;
    auto p = torch::softmax(x, -1) + eps;
    auto q = torch::softmax(base, -1) + eps;
    auto kl = (p * torch::log(p / q)).sum(-1);
    auto importance = (x - base).abs() * kl.unsqueeze(-1);
    auto flat = importance.reshape({-1});
    // mergekit samples 10^6 entries at random when the tensor is larger; a fixed
    // stride over the flattened tensor gives the same estimate without randomness.
    const int64_t cap = 1000000;
    if (flat.numel() > cap) flat = flat.slice(0, 0, flat.numel(), (flat.numel() + cap - 1) / cap);
    auto sorted = std::get<0>(flat.sort());
    auto at_q = [&](double qq) {
        return sorted[static_cast<int64_t>(qq * static_cast<double>(sorted.numel() - 1))].item<double>();
    };
    const double q1 = at_q(0.25), median = at_q(0.5), q3 = at_q(0.75);
    const double threshold = median + 1.5 * (q3 - q1);
    auto mask = (importance >= threshold).to(x.scalar_type());
    return base + (x - base) * mask;
}

namespace methods {

torch::Tensor arcee_fusion(const MergeArgs& a) { return arcee_fusion_tensors(a.base, a.models.at(0)); }

}  // namespace methods

}  // namespace lancet
