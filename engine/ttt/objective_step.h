// One optimiser step of the TENT family's objective as a spec asks for it:
// TENT's entropy (tent.h), SUTA's EM + MCC (suta_loss.h), or the entropy over
// the positions ETA's filters keep (eta_filter.h). A filtered step that keeps
// no position takes no step at all: Adam would otherwise still move the
// weights on its momentum.
#pragma once

#include "ttt/adapt_params.h"
#include "ttt/eta_filter.h"
#include "ttt/ttt_types.h"

#include <torch/types.h>

#include <cstdint>
#include <limits>

namespace torch::optim {
class Optimizer;
}

namespace lancet {

class Model;

struct TttStepOutcome {
    double loss = std::numeric_limits<double>::quiet_NaN();  // the objective before the step; NaN when nothing was kept
    bool stepped = false;
    int64_t positions = 0;   // positions the objective looked at
    int64_t kept = -1;       // filter: positions kept (−1: no filter)
    int64_t candidates = 0;  // suta: MCC candidate set size
};

// Validates the loss and filter settings of a spec (InvalidArgument).
void check_ttt_objective(const TttMethodSpec& spec);

// Binds `params`, computes the objective on input ids [1, T], steps the
// optimiser (unless a filter kept nothing) and updates the filter's running
// mean. Throws TttDivergence on a non-finite objective or parameter.
TttStepOutcome ttt_objective_step(const Model& model, AdaptedParams& params, torch::optim::Optimizer& optimizer,
                                  const torch::Tensor& ids, const TttMethodSpec& spec, EtaFilter* filter);

}  // namespace lancet
