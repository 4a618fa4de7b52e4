// Fast/slow weights with a shift-triggered reset, after Dynamic-SUTA (simplified):
//   fast   per input: start from the slow weights, `steps` entropy steps on the
//          input, answer it, keep the fast weights in a buffer, discard them
//   slow   every slow_every inputs: slow ← (1 − m)·slow + m·mean(buffered fast weights)
//   reset  the slow model's entropy on each input (the objective at the fast
//          model's first step) is z-scored against its running mean and spread
//          since the last reset (after shift_warmup inputs); shift_patience
//          consecutive z > shift_z reset the slow weights to the base.
// Deviations from DSUTA (docs/design/ttt-and-continual-eval.md §3.3): the slow
// update is an EMA of fast weights, not a gradient step over a memory buffer,
// and the shift statistic is the entropy itself, not the loss improvement.
#pragma once

#include "ttt/method.h"

#include <torch/torch.h>

namespace lancet {

class FastSlowMethod : public TttMethod {
public:
    FastSlowMethod(const Model& model, const TttMethodSpec& spec);
    AdaptReport process(const Model& model, const torch::Tensor& ids, const TttPredictFn& predict, const JobContext& job) override;
    void restore() override;
    size_t shift_resets() const { return shift_resets_; }

private:
    void reset_statistics();

    std::vector<torch::Tensor> slow_;
    std::vector<torch::Tensor> fast_sum_;
    size_t buffered_ = 0;
    size_t seen_ = 0;
    // Running entropy statistics since the last reset (Welford).
    size_t stat_n_ = 0;
    double stat_mean_ = 0, stat_m2_ = 0;
    int detections_ = 0;
    size_t shift_resets_ = 0;
};

}  // namespace lancet
