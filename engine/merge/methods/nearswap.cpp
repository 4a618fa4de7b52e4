// NearSwap (mergekit merge_methods/nearswap.py): where the model is within t of
// the base, take the model; elsewhere move towards it by t / |difference|.
#include "merge/methods/kernels.h"

#include "core/result.h"

#include <torch/torch.h>

namespace lancet {

torch::Tensor nearswap_tensors(double t, const torch::Tensor& base, const torch::Tensor& x) {
    if (!(t > 0.0)) fail(ErrorCode::InvalidArgument, "nearswap: t must be > 0, got " + std::to_string(t));
    auto w = t / (base - x).abs();
    // Equal entries (t / 0 = inf) and 0/0 take the model's value, as mergekit's nan_to_num(1).
    w = torch::nan_to_num(w, 1.0, 1.0, 1.0).clamp(0.0, 1.0);
    return w * x + (1.0 - w) * base;
}

namespace methods {

torch::Tensor nearswap(const MergeArgs& a) { return nearswap_tensors(a.number("t"), a.base, a.models.at(0)); }

}  // namespace methods

}  // namespace lancet
