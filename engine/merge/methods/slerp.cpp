// slerp and nuslerp (mergekit merge_methods/slerp.py, nuslerp.py).
#include "merge/methods/kernels.h"

#include "core/result.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet {

torch::Tensor slerp_tensors(double t, const torch::Tensor& a, const torch::Tensor& b) {
    // The angle between the flattened tensors, from their normalised dot
    // product in double; nearly parallel tensors (|cos| > 0.9995) interpolate
    // linearly, where sin(Omega) would divide by almost nothing.
    const double eps = 1e-8;
    const double na = a.norm().item<double>(), nb = b.norm().item<double>();
    double dot = (a.to(torch::kDouble) * b.to(torch::kDouble)).sum().item<double>();
    dot /= (na > eps ? na : 1.0) * (nb > eps ? nb : 1.0);
    if (std::abs(dot) > 0.9995) return a * (1.0 - t) + b * t;
    const double omega = std::acos(dot);
    const double s = std::sin(omega);
    return a * (std::sin(omega - omega * t) / s) + b * (std::sin(omega * t) / s);
}

torch::Tensor nuslerp_tensors(double t, const torch::Tensor& a, const torch::Tensor& b, bool row_wise, bool flatten) {
    const auto shape = a.sizes().vec();
    torch::Tensor v0 = a, v1 = b;
    if (flatten) {
        v0 = a.reshape({-1});
        v1 = b.reshape({-1});
    } else if (row_wise && a.dim() > 1) {
        // Rows of dim 0: move it last, so that each slerp runs over a column of the original.
        v0 = a.transpose(0, -1);
        v1 = b.transpose(0, -1);
    }
    auto unit = [](const torch::Tensor& x) { return x / x.norm(2, {-1}, true).clamp_min(1e-7); };
    auto cos = (unit(v0) * unit(v1)).sum(-1, true).clamp(-1.0, 1.0);
    auto theta = torch::acos(cos);
    auto sin_theta = torch::sin(theta);
    auto colinear = sin_theta.abs() < 1e-8;
    auto safe_sin = torch::where(colinear, torch::ones_like(sin_theta), sin_theta);
    auto spherical = (torch::sin((1.0 - t) * theta) * v0 + torch::sin(t * theta) * v1) / safe_sin;
    auto linear = v0 * (1.0 - t) + v1 * t;
    auto res = torch::where(colinear, linear, spherical);
    if (!flatten && row_wise && a.dim() > 1) res = res.transpose(0, -1);
    return res.contiguous().reshape(shape);
}

namespace methods {

torch::Tensor slerp(const MergeArgs& a) { return slerp_tensors(a.number("t"), a.base, a.models.at(0)); }

torch::Tensor nuslerp(const MergeArgs& a) {
    const double w0 = a.model_number(0, "weight"), w1 = a.model_number(1, "weight");
    const double t = std::abs(w0 + w1) < 1e-6 ? 0.5 : w1 / (w0 + w1);
    const bool row_wise = a.flag("nuslerp_row_wise"), flatten = a.flag("nuslerp_flatten");
    if (a.base.defined())
        return a.base + nuslerp_tensors(t, a.models[0] - a.base, a.models[1] - a.base, row_wise, flatten);
    return nuslerp_tensors(t, a.models[0], a.models[1], row_wise, flatten);
}

}  // namespace methods

}  // namespace lancet
