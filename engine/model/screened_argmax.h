// Exact greedy argmax over the vocabulary without a full unembedding, for the
// live merge scorecard on a CPU (where the unembedding of a 50k vocabulary
// is a third of the cost of a probe and nearly all of a greedy token).
//
// A model trained on a narrow corpus never sees most of its vocabulary, and
// training pulls those tokens' (tied) embeddings together: in the demo model
// ~40% of GPT-2's tokens lie within 0.05 of one centre μ. For a normed hidden
// state h, every such token j has logit h·e_j ≤ h·μ + ‖h‖·r (Cauchy–Schwarz,
// r = the largest ‖e_j − μ‖ among them), so when the best logit among the
// other tokens beats that bound, it is the argmax over the whole vocabulary.
// Rows where it does not are scored in full: the result is always exact.
#pragma once

#include <torch/types.h>

#include <cstdint>

namespace lancet {

class Model;

class ScreenedArgmax {
public:
    // Finds the cluster; inactive (every row scored in full) when the
    // unembedding has a bias or fewer than min_fraction of its rows cluster.
    static ScreenedArgmax build(const Model& model, double min_fraction = 0.2);

    // Argmax token id per row of `normed` [N, d] (hidden states after the final
    // norm), identical to unembedding every row and taking its argmax.
    torch::Tensor argmax(const Model& model, const torch::Tensor& normed) const;

    bool active() const { return active_; }
    int64_t screened_out() const { return screened_out_; }  // tokens bounded instead of scored
    double radius() const { return radius_; }
    int64_t fallbacks() const { return fallbacks_; }         // rows scored in full so far

private:
    bool active_ = false;
    torch::Tensor keep_ids_;  // [K] token ids scored exactly
    torch::Tensor keep_w_;    // [K, d] their unembedding rows
    torch::Tensor centre_;    // [d] μ of the screened-out tokens
    double radius_ = 0.0;
    int64_t screened_out_ = 0;
    mutable int64_t fallbacks_ = 0;
};

}  // namespace lancet
