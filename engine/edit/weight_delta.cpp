#include "edit/weight_delta.h"

#include "core/result.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet {

namespace {

torch::Tensor cpu_float(const torch::Tensor& t) { return t.detach().to(torch::kCPU, torch::kFloat).contiguous(); }

}  // namespace

int64_t TensorDelta::rank() const { return factored() && left.defined() ? left.size(1) : -1; }

const char* TensorDelta::kind() const {
    if (!factored()) return "dense";
    return rank() == 1 ? "rank-one" : "low-rank";
}

torch::Tensor TensorDelta::materialize(torch::Device device) const {
    torch::NoGradGuard no_grad;
    if (!factored()) return dense.to(device, torch::kFloat);
    return torch::matmul(left.to(device, torch::kFloat), right.to(device, torch::kFloat).t());
}

double TensorDelta::norm() const {
    torch::NoGradGuard no_grad;
    if (!factored()) return dense.norm().item<double>();
    // ‖L Rᵀ‖_F² = trace((LᵀL)(RᵀR)): r×r products, never the full matrix.
    auto g = torch::matmul(left.t(), left) * torch::matmul(right.t(), right);
    return std::sqrt(std::max(0.0, g.sum().item<double>()));
}

int64_t TensorDelta::stored_numel() const {
    return factored() ? left.numel() + right.numel() : dense.numel();
}

TensorDelta TensorDelta::rank_one(std::string name, std::vector<int64_t> shape, const torch::Tensor& a,
                                  const torch::Tensor& b) {
    return low_rank(std::move(name), std::move(shape), a.reshape({-1, 1}), b.reshape({-1, 1}));
}

TensorDelta TensorDelta::low_rank(std::string name, std::vector<int64_t> shape, const torch::Tensor& left,
                                  const torch::Tensor& right) {
    if (left.dim() != 2 || right.dim() != 2 || left.size(1) != right.size(1) || shape.size() != 2 ||
        left.size(0) != shape[0] || right.size(0) != shape[1])
        fail(ErrorCode::InvalidArgument, "low-rank factors of \"" + name + "\" do not give its shape");
    TensorDelta d;
    d.weight_name = std::move(name);
    d.weight_shape = std::move(shape);
    d.left = cpu_float(left);
    d.right = cpu_float(right);
    return d;
}

TensorDelta TensorDelta::full(std::string name, const torch::Tensor& delta) {
    TensorDelta d;
    d.weight_name = std::move(name);
    d.weight_shape = delta.sizes().vec();
    d.dense = cpu_float(delta);
    return d;
}

nlohmann::json describe_delta(const WeightDelta& delta) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : delta)
        out.push_back({{"weight", t.weight_name}, {"kind", t.kind()}, {"rank", t.rank()}, {"delta_norm", t.norm()},
                       {"shape", t.weight_shape}});
    return out;
}

}  // namespace lancet
