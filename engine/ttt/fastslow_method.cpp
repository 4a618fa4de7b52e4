#include "ttt/fastslow_method.h"

#include "ttt/objective_step.h"
#include "ttt/tent.h"
#include "ttt/tent_method.h"

#include <cmath>

namespace lancet {

FastSlowMethod::FastSlowMethod(const Model& model, const TttMethodSpec& spec) {
    spec_ = spec;
    order_ = ttt_order_for(spec);
    if (spec.steps < 1) fail(ErrorCode::InvalidArgument, "steps must be at least 1");
    if (spec.slow_every < 1) fail(ErrorCode::InvalidArgument, "slow_every must be at least 1");
    if (!(spec.slow_momentum >= 0 && spec.slow_momentum <= 1)) fail(ErrorCode::InvalidArgument, "slow_momentum must be in [0, 1]");
    if (spec.shift_patience < 1) fail(ErrorCode::InvalidArgument, "shift_patience must be at least 1");
    check_ttt_objective(spec);  // loss "suta" is DSUTA's fast objective
    // The shift detector reads the first step's objective, which a filter that keeps nothing leaves undefined.
    if (!spec.filter.empty()) fail(ErrorCode::InvalidArgument, "fastslow takes no ETA filter");
    params_ = AdaptedParams::select(model, spec.params);
    slow_ = params_.snapshot();
    make_ttt_optimizer(params_, spec.optimizer, spec.lr, spec.sgd_momentum);  // validates optimiser and lr now
}

void FastSlowMethod::reset_statistics() {
    stat_n_ = 0;
    stat_mean_ = stat_m2_ = 0;
    detections_ = 0;
}

void FastSlowMethod::restore() {
    params_.reset();
    slow_ = params_.snapshot();
    fast_sum_.clear();
    buffered_ = 0;
    reset_statistics();
}

AdaptReport FastSlowMethod::process(const Model& model, const torch::Tensor& ids, const TttPredictFn& predict,
                                    const JobContext& job) {
    AdaptReport r;
    ++seen_;
    // Fast weights from the slow ones, with a fresh optimiser (as the fast model starts over per input).
    params_.load(slow_);
    auto optimizer = make_ttt_optimizer(params_, spec_.optimizer, spec_.lr, spec_.sgd_momentum);
    auto scored = [&] {
        auto binding = params_.bind(model);
        predict();
    };
    if (order_ == "predict-then-adapt") scored();
    r.loss = tent_adapt(model, params_, *optimizer, ids, spec_, job, nullptr, &r);  // first step's objective = the slow model's entropy
    if (order_ != "predict-then-adapt") scored();

    // Buffer the fast weights; every slow_every inputs fold their mean into the slow weights.
    {
        torch::NoGradGuard no_grad;
        auto fast = params_.snapshot();
        if (fast_sum_.empty()) fast_sum_ = fast;
        else
            for (size_t i = 0; i < fast.size(); ++i) fast_sum_[i].add_(fast[i]);
        if (++buffered_ >= static_cast<size_t>(spec_.slow_every)) {
            const double m = spec_.slow_momentum;
            for (size_t i = 0; i < slow_.size(); ++i)
                slow_[i] = slow_[i] * (1.0 - m) + fast_sum_[i] * (m / static_cast<double>(buffered_));
            fast_sum_.clear();
            buffered_ = 0;
        }
    }

    // Shift detection on the slow model's entropy.
    const double h = r.loss;
    if (stat_n_ >= static_cast<size_t>(std::max(2, spec_.shift_warmup))) {
        const double sd = std::sqrt(stat_m2_ / static_cast<double>(stat_n_ - 1));
        const double z = sd > 0 ? (h - stat_mean_) / sd : 0.0;
        detections_ = z > spec_.shift_z ? detections_ + 1 : 0;
    }
    if (detections_ >= spec_.shift_patience) {
        params_.reset();
        slow_ = params_.snapshot();
        fast_sum_.clear();
        buffered_ = 0;
        reset_statistics();
        ++shift_resets_;
        r.reset = true;
    } else {
        ++stat_n_;
        const double d = h - stat_mean_;
        stat_mean_ += d / static_cast<double>(stat_n_);
        stat_m2_ += d * (h - stat_mean_);
    }
    // Between inputs the method's weights are the slow ones (what bind() and delta_norm() report).
    params_.load(slow_);
    (void)job;
    return r;
}

}  // namespace lancet
