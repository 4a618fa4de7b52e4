// multislerp and karcher: weighted means on the unit sphere, rescaled by the
// weighted mean norm (mergekit merge_methods/multislerp.py, karcher.py).
#include "merge/methods/kernels.h"

#include "core/result.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet {

torch::Tensor multislerp_tensors(const std::vector<torch::Tensor>& xs, std::vector<double> weights,
                                 const torch::Tensor& base, bool normalize_weights, double eps) {
    if (xs.size() == 1) return xs[0];
    const auto shape = xs[0].sizes().vec();
    std::vector<torch::Tensor> flat;
    for (const auto& x : xs) flat.push_back((base.defined() ? x - base : x).reshape({-1}));
    if (normalize_weights) {
        double sum = 0.0;
        for (double w : weights) sum += w;
        for (double& w : weights) w /= sum;
    }
    std::vector<double> norms;
    std::vector<torch::Tensor> units;
    auto mean = torch::zeros_like(flat[0]);
    for (size_t i = 0; i < flat.size(); ++i) {
        norms.push_back(flat[i].norm().item<double>());
        units.push_back(flat[i] / (norms.back() + eps));
        mean.add_(units.back(), weights[i]);
    }
    const double mean_norm = mean.norm().item<double>();
    if (mean_norm < eps) {
        if (flat.size() != 2)
            fail(ErrorCode::InvalidArgument,
                 "multislerp: the weighted inputs cancel out (antipodal tensors with balancing weights)");
        auto res = (flat[0] * weights[0] + flat[1] * weights[1]).reshape(shape);
        return base.defined() ? res + base : res;
    }
    mean = mean / mean_norm;
    // Log map at the mean (projection onto its tangent plane), weighted sum, exp map back.
    auto tangent = torch::zeros_like(mean);
    for (size_t i = 0; i < units.size(); ++i) {
        const double dot = (units[i] * mean).sum().item<double>();
        tangent.add_(units[i] - mean * dot, weights[i]);
    }
    const double tn = tangent.norm().item<double>() + eps;
    auto result = mean * std::cos(tn) + tangent * (std::sin(tn) / tn);
    double avg_norm = 0.0;
    for (size_t i = 0; i < norms.size(); ++i) avg_norm += norms[i] * weights[i];
    result = (result * avg_norm).reshape(shape);
    return base.defined() ? result + base : result;
}

torch::Tensor karcher_tensors(const std::vector<torch::Tensor>& xs, const std::vector<double>& alphas, int max_iter,
                              double tol) {
    if (xs.size() == 1) return xs[0];
    std::vector<double> norms;
    std::vector<torch::Tensor> units;
    for (const auto& x : xs) {
        const double n = x.norm().item<double>();
        norms.push_back(n);
        units.push_back(n == 0.0 ? torch::zeros_like(x).flatten() : (x / n).flatten());
    }
    std::vector<size_t> valid;
    for (size_t i = 0; i < xs.size(); ++i)
        if (norms[i] > tol) valid.push_back(i);
    if (valid.empty()) return torch::zeros_like(xs[0]);
    double alpha_sum = 0.0;
    for (size_t i : valid) alpha_sum += alphas[i];
    auto mean = torch::zeros_like(units[0]);
    for (size_t i : valid) mean.add_(units[i], alphas[i] / alpha_sum);
    const double mn = mean.norm().item<double>();
    mean = mn < tol ? units[valid[0]].clone() : mean / mn;
    for (int it = 0; it < max_iter; ++it) {
        // Gradient step of the Riemannian mean: the weighted log maps of the
        // inputs at the current mean, followed back along the geodesic.
        auto tangent = torch::zeros_like(mean);
        for (size_t i : valid) {
            const double dot = std::clamp((mean * units[i]).sum().item<double>(), -1.0, 1.0);
            const double theta = std::acos(dot);
            if (theta < tol) continue;
            tangent.add_(units[i] - mean * dot, (alphas[i] / alpha_sum) * theta / std::sin(theta));
        }
        const double tn = tangent.norm().item<double>();
        if (tn < tol) break;
        mean = mean * std::cos(tn) + tangent * (std::sin(tn) / tn);
        const double un = mean.norm().item<double>();
        if (un > tol) mean = mean / un;
    }
    double scale = 0.0;
    for (size_t i = 0; i < xs.size(); ++i) scale += alphas[i] * norms[i];
    return (mean * scale).reshape(xs[0].sizes());
}

namespace methods {

torch::Tensor multislerp(const MergeArgs& a) {
    std::vector<double> w;
    for (size_t i = 0; i < a.models.size(); ++i) w.push_back(a.model_number(i, "weight"));
    return multislerp_tensors(a.models, w, a.base, a.flag("normalize_weights"), a.number("eps"));
}

torch::Tensor karcher(const MergeArgs& a) {
    std::vector<double> alphas(a.models.size(), 1.0 / static_cast<double>(a.models.size()));
    return karcher_tensors(a.models, alphas, static_cast<int>(a.number("max_iter")), a.number("tol"));
}

}  // namespace methods

}  // namespace lancet
