// Model Stock (Jang et al., arXiv 2403.19522; mergekit merge_methods/model_stock.py):
// from the mean pairwise cosine of the task vectors, t = N cos / (1 + (N - 1) cos),
// then theta = t * mean_i theta_i + (1 - t) * theta_b. filter_wise computes one t per row.
#include "merge/methods/kernels.h"

#include <torch/torch.h>

namespace lancet {

torch::Tensor model_stock_tensors(const torch::Tensor& base, const std::vector<torch::Tensor>& xs, bool filter_wise) {
    const auto shape = base.sizes().vec();
    auto shape_of = [&](const torch::Tensor& x) {
        if (!filter_wise) return x.reshape({-1});
        return x.dim() == 1 ? x.unsqueeze(0) : x;  // a vector is one row
    };
    auto w0 = shape_of(base);
    std::vector<torch::Tensor> ws, offsets;
    for (const auto& x : xs) {
        ws.push_back(shape_of(x));
        offsets.push_back(ws.back() - w0);
    }
    std::vector<torch::Tensor> cosines;
    for (size_t i = 0; i < offsets.size(); ++i)
        for (size_t j = i + 1; j < offsets.size(); ++j) {
            auto norms = offsets[i].norm(2, {-1}) * offsets[j].norm(2, {-1});
            cosines.push_back(((offsets[i] * offsets[j]).sum(-1) / norms.clamp_min(1e-6)).clamp(-1.0, 1.0));
        }
    auto cos = torch::stack(cosines).mean(0).unsqueeze(-1);
    const double n = static_cast<double>(ws.size());
    auto t = (cos * n) / (1.0 + (n - 1.0) * cos);
    auto avg = torch::stack(ws).mean(0);
    return (t * avg + (1.0 - t) * w0).reshape(shape);
}

namespace methods {

torch::Tensor model_stock(const MergeArgs& a) { return model_stock_tensors(a.base, a.models, a.flag("filter_wise")); }

}  // namespace methods

}  // namespace lancet
