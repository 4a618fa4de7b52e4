// SCE (FuseChat, arXiv 2408.07990; mergekit merge_methods/sce.py): Select the
// top select_topk of positions by variance across the task vectors, Calculate
// one weight per model from its mean squared delta, Erase the minority signs.
#include "merge/methods/kernels.h"

#include <torch/torch.h>

namespace lancet::methods {

torch::Tensor sce(const MergeArgs& a) {
    std::vector<torch::Tensor> ds;
    for (const auto& x : a.models) ds.push_back(x - a.base);
    auto deltas = torch::stack(ds);
    const double topk = a.number("select_topk");
    if (topk < 1.0) {
        auto variance = deltas.var(0, /*unbiased=*/false);
        const int64_t nonzero = variance.count_nonzero().item<int64_t>();
        const int64_t k = static_cast<int64_t>(std::abs(topk) * static_cast<double>(nonzero));
        auto mask = torch::zeros({variance.numel()}, deltas.options());
        if (k > 0) mask.index_fill_(0, std::get<1>(variance.abs().flatten().topk(k)), 1.0);
        deltas = deltas * mask.view(variance.sizes()).unsqueeze(0);
    }
    // Matrix-level weights: mean squared delta per model, normalised to sum 1.
    std::vector<double> w;
    double sum = 0.0;
    for (int64_t i = 0; i < deltas.size(0); ++i) {
        w.push_back(deltas[i].pow(2).sum().item<double>() / static_cast<double>(deltas[i].numel()));
        sum += w.back();
    }
    for (double& x : w) x = sum == 0.0 ? 1.0 / static_cast<double>(w.size()) : x / sum;
    auto elected = torch::where(deltas.sum(0) >= 0, torch::ones_like(deltas[0]), -torch::ones_like(deltas[0]));
    auto mixed = torch::zeros_like(deltas[0]);
    auto divisor = torch::zeros_like(mixed);
    for (int64_t i = 0; i < deltas.size(0); ++i) {
        auto keep = (torch::sign(deltas[i]) == elected).to(mixed.scalar_type()) * w[static_cast<size_t>(i)];
        mixed.add_(deltas[i] * keep);
        divisor.add_(keep);
    }
    divisor = torch::where(divisor == 0, torch::ones_like(divisor), divisor);
    return a.base + mixed / divisor;
}

}  // namespace lancet::methods
