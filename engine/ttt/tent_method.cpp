#include "ttt/tent_method.h"

#include "ttt/objective_step.h"
#include "ttt/tent.h"

namespace lancet {

std::string ttt_order_for(const TttMethodSpec& spec) {
    if (!spec.order.empty()) {
        if (spec.order != "predict-then-adapt" && spec.order != "adapt-then-predict")
            fail(ErrorCode::InvalidArgument, "order is \"predict-then-adapt\" or \"adapt-then-predict\", not \"" + spec.order + "\"");
        return spec.order;
    }
    // Episodic and fast weights are thrown away after the input, so scoring before
    // adapting would score the base model: they answer after adapting (SUTA, DSUTA's fast model).
    return spec.kind == "episodic" || spec.kind == "suta" || spec.kind == "fastslow" ? "adapt-then-predict" : "predict-then-adapt";
}

NoAdaptation::NoAdaptation(const Model&, const TttMethodSpec& spec) {
    spec_ = spec;
    order_ = "predict-only";
}

AdaptReport NoAdaptation::process(const Model&, const torch::Tensor&, const TttPredictFn& predict, const JobContext&) {
    predict();
    return {};
}

double tent_adapt(const Model& model, AdaptedParams& params, torch::optim::Optimizer& optimizer, const torch::Tensor& ids,
                  const TttMethodSpec& spec, const JobContext& job, EtaFilter* filter, AdaptReport* report) {
    if (spec.steps < 1) fail(ErrorCode::InvalidArgument, "steps must be at least 1");
    double first = 0;
    for (int s = 0; s < spec.steps; ++s) {
        job.check_cancelled();
        const TttStepOutcome o = ttt_objective_step(model, params, optimizer, ids, spec, filter);
        if (s == 0) first = o.loss;
        if (report) {
            if (o.kept >= 0) {
                report->filter_positions = o.positions;
                report->filter_kept.push_back(o.kept);
            }
            if (s == 0) report->mcc_candidates = o.candidates;
        }
    }
    return first;
}

TentMethod::TentMethod(const Model& model, const TttMethodSpec& spec) {
    spec_ = spec;
    order_ = ttt_order_for(spec);
    if (spec.kind == "reset" && spec.reset_every < 1) fail(ErrorCode::InvalidArgument, "reset needs reset_every ≥ 1");
    if (spec.steps < 1) fail(ErrorCode::InvalidArgument, "steps must be at least 1");
    if (spec.kind == "suta" && spec.loss != "suta") fail(ErrorCode::InvalidArgument, "method suta needs loss \"suta\"");
    check_ttt_objective(spec);
    if (spec.filter == "eta") {
        EtaOptions eo;
        eo.e0 = spec.eta_e0;
        eo.redundancy = spec.eta_redundancy;
        eo.ema = spec.eta_ema;
        filter_ = std::make_unique<EtaFilter>(eo);
    }
    params_ = AdaptedParams::select(model, spec.params);
    optimizer_ = make_ttt_optimizer(params_, spec.optimizer, spec.lr, spec.sgd_momentum);
}

void TentMethod::restore() {
    params_.reset();
    optimizer_ = make_ttt_optimizer(params_, spec_.optimizer, spec_.lr, spec_.sgd_momentum);
    if (filter_) filter_->reset();
}

AdaptReport TentMethod::process(const Model& model, const torch::Tensor& ids, const TttPredictFn& predict, const JobContext& job) {
    AdaptReport r;
    if (spec_.kind == "reset" && seen_ > 0 && seen_ % static_cast<size_t>(spec_.reset_every) == 0) {
        restore();
        r.reset = true;
    }
    ++seen_;
    auto scored = [&] {
        auto binding = params_.bind(model);
        predict();
    };
    if (order_ == "predict-then-adapt") {
        scored();
        r.loss = tent_adapt(model, params_, *optimizer_, ids, spec_, job, filter_.get(), &r);
    } else {
        r.loss = tent_adapt(model, params_, *optimizer_, ids, spec_, job, filter_.get(), &r);
        scored();
    }
    if (spec_.kind == "episodic" || spec_.kind == "suta") {
        restore();  // bit for bit, optimiser state included: the next input starts from the base
        r.reset = true;
    }
    return r;
}

}  // namespace lancet
