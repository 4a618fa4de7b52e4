// The generalized task-arithmetic family beyond the live five: breadcrumbs,
// breadcrumbs_ties, della and della_linear. Each sparsifies every task vector
// on its own, then combines them as mergekit's GTA does (gta_combine).
#include "merge/methods/kernels.h"

#include "core/result.h"
#include "merge/merge.h"

#include <torch/torch.h>

namespace lancet {

torch::Tensor gta_combine(const std::vector<torch::Tensor>& deltas, const std::vector<double>& weights, bool consensus,
                          bool normalize, double lambda) {
    auto mixed = torch::zeros_like(deltas.at(0));
    auto divisor = torch::zeros_like(mixed);
    if (consensus) {
        // Sum-sign election on the weighted deltas (ties go to +); an entry
        // counts where its weighted delta has the elected sign (zeros never do).
        auto vote = torch::zeros_like(mixed);
        for (size_t i = 0; i < deltas.size(); ++i) vote.add_(deltas[i], weights[i]);
        auto elected = torch::where(vote >= 0, torch::ones_like(vote), -torch::ones_like(vote));
        for (size_t i = 0; i < deltas.size(); ++i) {
            auto weighted = deltas[i] * weights[i];
            auto agree = (torch::sign(weighted) == elected).to(mixed.scalar_type());
            mixed.add_(weighted * agree);
            divisor.add_(agree, weights[i]);
        }
        divisor = torch::where(divisor == 0, torch::ones_like(divisor), divisor);
    } else {
        double sum = 0.0;
        for (size_t i = 0; i < deltas.size(); ++i) {
            mixed.add_(deltas[i], weights[i]);
            sum += weights[i];
        }
        divisor.fill_(std::abs(sum) < 1e-8 ? 1.0 : sum);
    }
    if (normalize) mixed = mixed / divisor;
    return mixed * lambda;
}

namespace methods {

namespace {

enum class Sparsifier { Outliers, Della };

torch::Tensor gta(const MergeArgs& a, Sparsifier how, bool consensus) {
    const bool rescale = a.flag("rescale");
    std::vector<torch::Tensor> deltas;
    std::vector<double> weights;
    for (size_t i = 0; i < a.models.size(); ++i) {
        auto tau = a.models[i] - a.base;
        const double d = a.model_number(i, "density");
        torch::Tensor s;
        if (d >= 1.0) {
            s = tau;
        } else if (how == Sparsifier::Outliers) {
            s = magnitude_outliers(tau, d, a.model_number(i, "gamma"));
            if (rescale) s = l1_rescaled(tau, s);
        } else if (d <= 0.0) {
            s = torch::zeros_like(tau);
        } else {
            // Lancet's fixed stream (seed, model, tensor) in place of mergekit's
            // torch.bernoulli: an entry is kept where its uniform draw u < p.
            auto p = della_keep_probabilities(tau, d, a.model_number(i, "epsilon"));
            auto u = dare_uniforms(tau.sizes(), a.seed, a.model_index.at(i), a.tensor_name).to(tau.device());
            s = tau * (u < p).to(tau.scalar_type());
            if (rescale) s = l1_rescaled(tau, s);
        }
        deltas.push_back(s);
        weights.push_back(a.model_number(i, "weight"));
    }
    return a.base + gta_combine(deltas, weights, consensus, a.flag("normalize"), a.number("lambda"));
}

}  // namespace

torch::Tensor breadcrumbs(const MergeArgs& a) { return gta(a, Sparsifier::Outliers, false); }
torch::Tensor breadcrumbs_ties(const MergeArgs& a) { return gta(a, Sparsifier::Outliers, true); }
torch::Tensor della(const MergeArgs& a) { return gta(a, Sparsifier::Della, true); }
torch::Tensor della_linear(const MergeArgs& a) { return gta(a, Sparsifier::Della, false); }

}  // namespace methods

}  // namespace lancet
