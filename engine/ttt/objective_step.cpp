#include "ttt/objective_step.h"

#include "core/result.h"
#include "model/forward.h"
#include "model/model.h"
#include "ttt/suta_loss.h"
#include "ttt/tent.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet {

void check_ttt_objective(const TttMethodSpec& spec) {
    if (spec.loss != "entropy" && spec.loss != "suta")
        fail(ErrorCode::InvalidArgument, "loss is \"entropy\" or \"suta\", not \"" + spec.loss + "\"");
    if (!spec.filter.empty() && spec.filter != "eta")
        fail(ErrorCode::InvalidArgument, "filter is \"eta\" or none, not \"" + spec.filter + "\"");
    if (spec.loss == "suta") {
        // At one position C = p pᵀ and MCC is the constant 1 − 1/D: SUTA's term needs every frame.
        if (spec.positions != "all") fail(ErrorCode::InvalidArgument, "SUTA's MCC term needs every position (positions \"all\")");
        if (!spec.filter.empty()) fail(ErrorCode::InvalidArgument, "the ETA filter weights the entropy objective, not SUTA's");
        if (spec.mcc_topk < 1) fail(ErrorCode::InvalidArgument, "the MCC candidate set needs k ≥ 1");
        if (!(spec.em_coef >= 0 && spec.em_coef <= 1)) fail(ErrorCode::InvalidArgument, "SUTA's em_coef is in [0, 1]");
        if (!(spec.temperature > 0)) fail(ErrorCode::InvalidArgument, "SUTA's temperature must be positive");
    }
}

TttStepOutcome ttt_objective_step(const Model& model, AdaptedParams& params, torch::optim::Optimizer& optimizer,
                                  const torch::Tensor& ids, const TttMethodSpec& spec, EtaFilter* filter) {
    TttStepOutcome out;
    if (spec.loss == "entropy" && !filter) {  // plain TENT: the path its tests and benchmark measure
        out.loss = tent_step(model, params, optimizer, ids, spec.positions);
        out.stepped = true;
        out.positions = spec.positions == "all" ? ids.size(1) : 1;
        return out;
    }
    torch::AutoGradMode grad(true);
    optimizer.zero_grad();
    EtaSelection selection;
    {
        auto binding = params.bind(model);
        ForwardInput in;
        in.input_ids = ids;
        in.logits = spec.positions == "all" ? LogitsMode::All : LogitsMode::Last;
        auto logits = forward(model, in).logits;
        logits = logits.reshape({-1, logits.size(-1)}).to(torch::kFloat);  // [N, V]
        out.positions = logits.size(0);
        torch::Tensor loss;
        if (spec.loss == "suta") {
            SutaOptions so;
            so.em_coef = spec.em_coef;
            so.temperature = spec.temperature;
            so.topk = spec.mcc_topk;
            so.reweight = spec.mcc_reweight;
            SutaTerms t = suta_objective(logits, so);
            out.candidates = t.candidates;
            loss = t.loss;
        } else {
            selection = filter->select(logits);
            out.kept = selection.kept;
            if (selection.kept == 0) return out;  // nothing to learn from: no backward, no step
            loss = eta_weighted_entropy(logits, selection);
        }
        out.loss = loss.item<double>();
        if (!std::isfinite(out.loss)) throw TttDivergence{"the " + spec.loss + " objective is not finite"};
        loss.backward();
    }
    optimizer.step();
    out.stepped = true;
    if (!params.finite()) throw TttDivergence{"an adapted parameter is not finite after the step"};
    if (filter) filter->update(selection);
    return out;
}

}  // namespace lancet
