#include "ttt/tent.h"

#include "model/forward.h"
#include "model/model.h"

#include <torch/torch.h>

#include <cmath>

namespace lancet {

torch::Tensor next_token_entropy(const torch::Tensor& logits) {
    auto lp = torch::log_softmax(logits.to(torch::kFloat), -1);
    return -(lp.exp() * lp).sum(-1);
}

torch::Tensor tent_entropy_loss(const Model& model, const torch::Tensor& ids, const std::string& positions) {
    if (positions != "last" && positions != "all")
        fail(ErrorCode::InvalidArgument, "entropy positions are \"last\" or \"all\", not \"" + positions + "\"");
    ForwardInput in;
    in.input_ids = ids;
    in.logits = positions == "last" ? LogitsMode::Last : LogitsMode::All;
    auto logits = forward(model, in).logits;  // [1, V] or [1, T, V]
    return next_token_entropy(logits).mean();
}

std::unique_ptr<torch::optim::Optimizer> make_ttt_optimizer(const AdaptedParams& params, const std::string& kind, double lr,
                                                           double momentum) {
    if (!(lr > 0) || !std::isfinite(lr)) fail(ErrorCode::InvalidArgument, "the learning rate must be positive and finite");
    if (!(momentum >= 0 && momentum < 1)) fail(ErrorCode::InvalidArgument, "SGD momentum must be in [0, 1)");
    if (momentum > 0 && kind != "sgd") fail(ErrorCode::InvalidArgument, "momentum applies to the sgd optimiser only");
    if (kind == "adam") return std::make_unique<torch::optim::Adam>(params.leaves(), torch::optim::AdamOptions(lr));
    if (kind == "adamw") return std::make_unique<torch::optim::AdamW>(params.leaves(), torch::optim::AdamWOptions(lr));  // SUTA's
    if (kind == "sgd") return std::make_unique<torch::optim::SGD>(params.leaves(), torch::optim::SGDOptions(lr).momentum(momentum));
    fail(ErrorCode::InvalidArgument, "optimiser \"" + kind + "\" (adam, adamw, sgd)");
}

double tent_step(const Model& model, AdaptedParams& params, torch::optim::Optimizer& optimizer, const torch::Tensor& ids,
                 const std::string& positions) {
    torch::AutoGradMode grad(true);
    optimizer.zero_grad();
    double value = 0;
    {
        auto binding = params.bind(model);
        auto loss = tent_entropy_loss(model, ids, positions);
        value = loss.item<double>();
        if (!std::isfinite(value)) throw TttDivergence{"the entropy objective is not finite"};
        loss.backward();
    }
    optimizer.step();
    if (!params.finite()) throw TttDivergence{"an adapted parameter is not finite after the step"};
    return value;
}

}  // namespace lancet
