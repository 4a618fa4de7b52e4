// The sparsifiers behind breadcrumbs and DELLA, and mergekit's L1 rescale
// (mergekit sparsify.py: magnitude_outliers, della_magprune, rescaled_masked_tensor).
#include "merge/merge_methods.h"

#include "core/result.h"

#include <torch/torch.h>

namespace lancet {

torch::Tensor l1_rescaled(const torch::Tensor& tau, const torch::Tensor& masked) {
    const double before = tau.abs().sum().item<double>();
    const double after = masked.abs().sum().item<double>();
    if (before < 1e-7 || after < 1e-7) return masked;
    return masked * (before / after);
}

torch::Tensor magnitude_outliers(const torch::Tensor& tau, double density, double gamma) {
    if (density >= 1.0) return tau;
    const int64_t n = tau.numel();
    // Counts truncate, as mergekit's int() does.
    const int64_t keep = static_cast<int64_t>(density * static_cast<double>(n));
    int64_t n_top = static_cast<int64_t>(gamma * static_cast<double>(n));
    int64_t n_bot = n - keep - n_top;
    if (n_bot < 0) {  // fewer outliers dropped so that `density` can still be met
        n_top += n_bot;
        n_bot = 0;
    }
    // Stable ascending order of |tau|: entries of equal magnitude keep index order.
    auto order = std::get<1>(tau.abs().flatten().sort(/*stable=*/true, 0, /*descending=*/false));
    auto mask = torch::zeros({n}, tau.options());
    if (n - n_top > n_bot) mask.index_fill_(0, order.slice(0, n_bot, n - n_top), 1.0);
    return tau * mask.view(tau.sizes());
}

torch::Tensor della_keep_probabilities(const torch::Tensor& tau, double density, double epsilon) {
    if (!(density - epsilon > 0.0 && density + epsilon < 1.0))
        fail(ErrorCode::InvalidArgument, "della: density +/- epsilon must lie in (0, 1) (density " +
                                             std::to_string(density) + ", epsilon " + std::to_string(epsilon) + ")");
    // Rows as mergekit takes them: a vector is one row; a matrix ranks within each row.
    auto rows = tau.dim() < 2 ? tau.reshape({1, -1}) : tau.reshape({tau.size(0), -1});
    const int64_t width = rows.size(1);
    auto order = torch::argsort(rows.abs(), /*stable=*/true, 1);  // ascending magnitude, ties by index
    auto ranks = torch::argsort(order, /*stable=*/true, 1).to(torch::kFloat);  // 0 = smallest
    auto rank_norm = width > 1 ? ranks / static_cast<double>(width - 1) : torch::zeros_like(ranks);
    return ((density - epsilon) + rank_norm * (2.0 * epsilon)).reshape(tau.sizes());
}

}  // namespace lancet
