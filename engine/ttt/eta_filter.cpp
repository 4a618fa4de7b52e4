#include "ttt/eta_filter.h"

#include "core/result.h"
#include "ttt/tent.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet {

double eta_default_e0(int64_t vocab) { return std::log(static_cast<double>(vocab)) / 2.0 - 1.0; }

EtaFilter::EtaFilter(EtaOptions options) : options_(options) {
    if (!(options_.redundancy > 0)) fail(ErrorCode::InvalidArgument, "the ETA redundancy margin must be positive");
    if (!(options_.ema >= 0 && options_.ema < 1)) fail(ErrorCode::InvalidArgument, "the ETA running-mean momentum is in [0, 1)");
    if (!std::isfinite(options_.e0)) fail(ErrorCode::InvalidArgument, "the ETA entropy threshold must be finite");
}

EtaSelection EtaFilter::select(const torch::Tensor& logits) const {
    if (logits.dim() != 2) fail(ErrorCode::InvalidArgument, "the ETA filter needs logits [positions, vocabulary]");
    torch::NoGradGuard no_grad;
    EtaSelection s;
    auto logp = torch::log_softmax(logits.detach().to(torch::kFloat), -1);
    s.probs = logp.exp();
    auto entropy = -(s.probs * logp).sum(-1);  // [N]
    s.e0 = options_.e0 > 0 ? options_.e0 : eta_default_e0(logits.size(1));
    s.positions = logits.size(0);
    auto confident = entropy < s.e0;
    s.keep = confident.clone();
    if (mean_.defined()) {
        auto cos = torch::cosine_similarity(s.probs, mean_.unsqueeze(0).to(s.probs.device()), /*dim=*/1);
        s.keep = s.keep & (cos.abs() < options_.redundancy);
    }
    s.kept = s.keep.sum().item<int64_t>();
    s.dropped_entropy = s.positions - confident.sum().item<int64_t>();
    s.dropped_redundant = s.positions - s.dropped_entropy - s.kept;
    s.weights = torch::where(s.keep, torch::exp(s.e0 - entropy), torch::zeros_like(entropy));
    return s;
}

void EtaFilter::update(const EtaSelection& s) {
    if (s.kept == 0) return;
    torch::NoGradGuard no_grad;
    auto batch_mean = s.probs.index({s.keep}).mean(0);
    mean_ = mean_.defined() ? options_.ema * mean_ + (1.0 - options_.ema) * batch_mean : batch_mean;
}

torch::Tensor eta_weighted_entropy(const torch::Tensor& logits, const EtaSelection& s) {
    if (s.kept == 0) return {};
    auto h = next_token_entropy(logits);  // [N], differentiable
    return (h * s.weights.to(h.device())).sum() / static_cast<double>(s.kept);
}

}  // namespace lancet
