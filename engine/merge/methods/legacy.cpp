// linear, task_arithmetic, ties, dare_linear and dare_ties from a config run
// through merge_tensors (merge/merge.h), the same code the live Merger is
// checked against, so a config exported from the sliders merges to the very
// same weights. Per tensor, with mergekit's semantics: weights take part in
// the sign election and the trim is per tensor.
#include "merge/methods/kernels.h"

#include "core/result.h"
#include "merge/merge.h"

namespace lancet::methods {

namespace {

torch::Tensor via_merge_tensors(const MergeArgs& a, MergeMethod method) {
    MergeSpec spec;
    spec.method = method;
    spec.mergekit_election = a.mergekit_election;
    spec.trim_scope = TrimScope::PerTensor;
    spec.seed = a.seed;
    spec.normalize = a.flag("normalize");
    const bool dare = method == MergeMethod::DareLinear || method == MergeMethod::DareTies;
    if (method != MergeMethod::Linear) {
        spec.lambda = a.number("lambda");
        if (a.flag("rescale") != dare)
            fail(ErrorCode::Unsupported, std::string("'rescale: ") + (dare ? "false" : "true") + "' with " +
                                             merge_method_name(method) +
                                             " is not supported (DARE always rescales, by 1/(1-p))");
    }
    // linear has no base: the first model serves as one, contributing tau = 0,
    // so that theta_0 + sum_i w_i (theta_i - theta_0) / sum_i w_i = sum_i w_i theta_i / sum_i w_i.
    const torch::Tensor& base = method == MergeMethod::Linear ? a.models.at(0) : a.base;
    TensorMap base_map{{a.tensor_name, base}};
    std::vector<TaskVector> tasks;
    for (size_t i = 0; i < a.models.size(); ++i) {
        TaskVector tv;
        tv.name = "model " + std::to_string(i);
        tv.delta[a.tensor_name] = a.models[i] - base;
        tasks.push_back(std::move(tv));
        spec.tasks.push_back({"", a.model_number(i, "weight"),
                              method == MergeMethod::Linear ? 1.0 : a.model_number(i, "density")});
    }
    auto r = merge_tensors(base_map, tasks, spec);
    if (!r) fail(r.error().code, r.error().message);
    return r->at(a.tensor_name);
}

}  // namespace

torch::Tensor linear(const MergeArgs& a) { return via_merge_tensors(a, MergeMethod::Linear); }
torch::Tensor task_arithmetic(const MergeArgs& a) { return via_merge_tensors(a, MergeMethod::TaskArithmetic); }
torch::Tensor ties(const MergeArgs& a) { return via_merge_tensors(a, MergeMethod::Ties); }
torch::Tensor dare_ties(const MergeArgs& a) { return via_merge_tensors(a, MergeMethod::DareTies); }
torch::Tensor dare_linear(const MergeArgs& a) { return via_merge_tensors(a, MergeMethod::DareLinear); }

}  // namespace lancet::methods
