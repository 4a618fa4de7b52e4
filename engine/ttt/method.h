// One interface for every test-time method, so the runner (ttt/runner.h) scores
// them the same way. A method owns its adapted parameters (ttt/adapt_params.h)
// and never writes the model.
#pragma once

#include "core/job.h"
#include "ttt/adapt_params.h"
#include "ttt/ttt_types.h"

#include <torch/types.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct AdaptReport {
    double loss = std::numeric_limits<double>::quiet_NaN();  // the objective at the input's last step
    bool reset = false;                                      // the weights went back to the base at this input
    // filter "eta": positions each step looked at, and how many it kept (0: it took no step)
    int64_t filter_positions = 0;
    std::vector<int64_t> filter_kept;
    int64_t mcc_candidates = 0;                              // loss "suta": candidate set size at the first step
};

// Scores the input with whatever is bound when it is called.
using TttPredictFn = std::function<void()>;

class TttMethod {
public:
    virtual ~TttMethod() = default;
    const TttMethodSpec& spec() const { return spec_; }
    // "predict-then-adapt" or "adapt-then-predict".
    const std::string& order() const { return order_; }

    // One input [1, T] (no label: adaptation never sees one). Calls predict()
    // exactly once, with the weights the input is to be scored under bound.
    // Throws TttDivergence when the objective or the weights stop being finite.
    virtual AdaptReport process(const Model& model, const torch::Tensor& ids, const TttPredictFn& predict,
                                const JobContext& job) = 0;

    // The weights as they are now, bound until the guard dies (forgetting probes).
    AdaptedParams::Binding bind(const Model& model) const { return params_.bind(model); }
    double delta_norm() const { return params_.delta_norm(); }
    std::vector<std::string> param_names() const { return params_.names(); }
    int64_t param_count() const { return params_.count(); }
    bool at_base() const { return params_.at_base(); }
    // Back to the base values (after a divergence or at the end of a run).
    virtual void restore() { params_.reset(); }
    const AdaptedParams& params() const { return params_; }

protected:
    TttMethodSpec spec_;
    std::string order_;
    AdaptedParams params_;
};

// Builds the method a spec names; throws EngineException (InvalidArgument) on a bad spec.
std::unique_ptr<TttMethod> make_ttt_method(const Model& model, const TttMethodSpec& spec);

}  // namespace lancet
