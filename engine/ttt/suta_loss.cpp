#include "ttt/suta_loss.h"

#include "core/result.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace lancet {

torch::Tensor mcc_candidate_set(const torch::Tensor& logits, int64_t k) {
    if (logits.dim() != 2) fail(ErrorCode::InvalidArgument, "MCC candidates need logits [positions, vocabulary]");
    if (k < 1) fail(ErrorCode::InvalidArgument, "the MCC candidate set needs k ≥ 1");
    torch::NoGradGuard no_grad;
    const int64_t kk = std::min<int64_t>(k, logits.size(1));
    auto top = std::get<1>(logits.topk(kk, /*dim=*/1));
    auto in_set = torch::zeros({logits.size(1)}, torch::TensorOptions().dtype(torch::kBool).device(logits.device()));
    in_set.index_fill_(0, top.reshape({-1}), true);
    return in_set.nonzero().squeeze(1);  // ascending token ids
}

torch::Tensor mcc_position_weights(const torch::Tensor& entropy) {
    torch::NoGradGuard no_grad;
    auto w = 1 + torch::exp(-entropy.detach().to(torch::kDouble));
    return (w * static_cast<double>(entropy.size(0)) / w.sum()).to(entropy.scalar_type());
}

torch::Tensor mcc_loss(const torch::Tensor& probs, const torch::Tensor& weights) {
    if (probs.dim() != 2) fail(ErrorCode::InvalidArgument, "MCC needs probabilities [positions, classes]");
    const auto p = probs;
    const auto pw = weights.defined() ? p * weights.detach().to(p.scalar_type()).unsqueeze(1) : p;
    auto confusion = torch::matmul(pw.t(), p);  // [D, D]
    // Every candidate is some position's top-k token, so no row sum is zero; the
    // floor only guards hand-made inputs with an all-zero column.
    auto row_sums = confusion.sum(1).clamp_min(1e-30);
    const double D = static_cast<double>(p.size(1));
    return 1.0 - (confusion.diagonal() / row_sums).sum() / D;
}

SutaTerms suta_objective(const torch::Tensor& logits, const SutaOptions& o) {
    if (!(o.em_coef >= 0 && o.em_coef <= 1)) fail(ErrorCode::InvalidArgument, "SUTA's em_coef is in [0, 1]");
    if (!(o.temperature > 0) || !std::isfinite(o.temperature)) fail(ErrorCode::InvalidArgument, "SUTA's temperature must be positive");
    auto z = (logits.dim() == 1 ? logits.unsqueeze(0) : logits).to(torch::kFloat) / o.temperature;
    SutaTerms t;
    auto logp = torch::log_softmax(z, -1);
    auto entropy = -(logp.exp() * logp).sum(-1);  // [N]
    t.em = entropy.mean();
    auto candidates = mcc_candidate_set(z, o.topk);
    t.candidates = candidates.size(0);
    auto p_candidates = torch::softmax(z.index_select(1, candidates), -1);  // renormalised over the set
    t.mcc = mcc_loss(p_candidates, o.reweight ? mcc_position_weights(entropy) : torch::Tensor());
    t.loss = o.em_coef * t.em + (1.0 - o.em_coef) * t.mcc;
    return t;
}

}  // namespace lancet
