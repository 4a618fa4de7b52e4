// The baseline and the TENT family behind TttMethod:
//   none       scores the input, adapts nothing
//   continual  TENT online: predict, then `steps` entropy steps; never reset
//   episodic   SUTA's protocol: adapt on the input, answer it, reset to the base
//              (weights and optimiser state) before the next input
//   reset      continual, with a hard reset of weights and optimiser every reset_every inputs;
//              with filter "eta" this is RDumb (ETA's filters + the reset)
//   suta       episodic with SUTA's loss (EM + MCC on logits / T, ttt/suta_loss.h)
// Any of them takes loss "suta" or filter "eta" (ttt/objective_step.h).
#pragma once

#include "ttt/eta_filter.h"
#include "ttt/method.h"

#include <torch/torch.h>

namespace lancet {

class NoAdaptation : public TttMethod {
public:
    NoAdaptation(const Model& model, const TttMethodSpec& spec);
    AdaptReport process(const Model& model, const torch::Tensor& ids, const TttPredictFn& predict, const JobContext& job) override;
};

class TentMethod : public TttMethod {
public:
    TentMethod(const Model& model, const TttMethodSpec& spec);
    AdaptReport process(const Model& model, const torch::Tensor& ids, const TttPredictFn& predict, const JobContext& job) override;
    void restore() override;

private:
    std::unique_ptr<torch::optim::Optimizer> optimizer_;
    std::unique_ptr<EtaFilter> filter_;  // filter "eta"; its running mean resets with the weights
    size_t seen_ = 0;
};

// Shared by TENT-style methods: `steps` steps of the spec's objective on one
// input; the objective at the first step (NaN when a filter kept nothing there).
// `report`, when given, collects the filter's and SUTA's diagnostics.
double tent_adapt(const Model& model, AdaptedParams& params, torch::optim::Optimizer& optimizer, const torch::Tensor& ids,
                  const TttMethodSpec& spec, const JobContext& job, EtaFilter* filter = nullptr, AdaptReport* report = nullptr);

// The kind's default order when the spec leaves it empty; validates a given one.
std::string ttt_order_for(const TttMethodSpec& spec);

}  // namespace lancet
