// The method table: names, inputs, parameters with mergekit's defaults, and
// the kernel of each (one file per method family in this folder).
#include "merge/merge_methods.h"

#include "core/result.h"
#include "merge/methods/kernels.h"

namespace lancet {

namespace {

double json_number(const nlohmann::json& v, const std::string& name) {
    if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
    if (!v.is_number()) fail(ErrorCode::InvalidArgument, "parameter '" + name + "' must be a number, not " + v.dump());
    return v.get<double>();
}

std::vector<MergeMethodInfo> build_table() {
    using J = nlohmann::json;
    const MergeParamDef weight{"weight", J(), true};
    const MergeParamDef density{"density", 1.0};
    const MergeParamDef lambda{"lambda", 1.0};
    const MergeParamDef int8_mask{"int8_mask", false};
    auto gta_globals = [&](bool normalize, bool rescale) {
        return std::vector<MergeParamDef>{lambda, {"normalize", normalize}, {"rescale", rescale}, int8_mask};
    };
    std::vector<MergeMethodInfo> t;
    t.push_back({"linear", MergeBaseUse::None, 1, -1, {{"normalize", true}}, {weight}, true, false,
                 "sum_i w_i theta_i (/ sum_i w_i)", &methods::linear});
    t.push_back({"task_arithmetic", MergeBaseUse::Required, 1, -1, gta_globals(false, false), {weight, density}, true, false,
                 "theta_b + lambda sum_i w_i tau_i", &methods::task_arithmetic});
    t.push_back({"ties", MergeBaseUse::Required, 1, -1, gta_globals(true, false), {weight, density}, true, false,
                 "top-density trim, sign election, disjoint weighted mean", &methods::ties});
    t.push_back({"dare_ties", MergeBaseUse::Required, 1, -1, gta_globals(false, true), {weight, density}, true, true,
                 "random drop with rescale, then the TIES election", &methods::dare_ties});
    t.push_back({"dare_linear", MergeBaseUse::Required, 1, -1, gta_globals(false, true), {weight, density}, true, true,
                 "random drop with rescale, then task arithmetic", &methods::dare_linear});
    t.push_back({"breadcrumbs", MergeBaseUse::Required, 1, -1, gta_globals(false, false),
                 {weight, density, {"gamma", 0.01}}, false, false,
                 "drop the largest gamma and smallest 1 - density - gamma of |tau|", &methods::breadcrumbs});
    t.push_back({"breadcrumbs_ties", MergeBaseUse::Required, 1, -1, gta_globals(false, false),
                 {weight, density, {"gamma", 0.01}}, false, false, "breadcrumbs, then the TIES election",
                 &methods::breadcrumbs_ties});
    t.push_back({"della", MergeBaseUse::Required, 1, -1, gta_globals(true, true), {weight, density, {"epsilon", 0.15}}, false,
                 true, "magnitude-ranked random drop, L1 rescale, TIES election", &methods::della});
    t.push_back({"della_linear", MergeBaseUse::Required, 1, -1, gta_globals(false, true),
                 {weight, density, {"epsilon", 0.15}}, false, true, "magnitude-ranked random drop, L1 rescale, sum",
                 &methods::della_linear});
    t.push_back({"sce", MergeBaseUse::Required, 1, -1, {{"select_topk", 1.0}, int8_mask}, {}, false, false,
                 "variance top-k, energy weights, sign-consensus mean", &methods::sce});
    t.push_back({"slerp", MergeBaseUse::Required, 1, 1, {{"t", J(), true}}, {}, false, false,
                 "spherical interpolation from the base at t", &methods::slerp});
    t.push_back({"nuslerp", MergeBaseUse::Optional, 2, 2, {{"nuslerp_flatten", true}, {"nuslerp_row_wise", false}}, {weight},
                 false, false, "slerp at t = w_2 / (w_1 + w_2), of the task vectors with a base", &methods::nuslerp});
    t.push_back({"multislerp", MergeBaseUse::Optional, 1, -1, {{"normalize_weights", true}, {"eps", 1e-8}}, {weight}, false,
                 false, "weighted spherical barycentre", &methods::multislerp});
    t.push_back({"karcher", MergeBaseUse::None, 1, -1, {{"max_iter", 10}, {"tol", 1e-5}}, {}, false, false,
                 "Riemannian (Karcher) mean on the sphere", &methods::karcher});
    t.push_back({"model_stock", MergeBaseUse::Required, 2, -1, {{"filter_wise", false}}, {}, false, false,
                 "t = N cos / (1 + (N - 1) cos) towards the average", &methods::model_stock});
    t.push_back({"nearswap", MergeBaseUse::Required, 1, 1, {{"t", J(), true}}, {}, false, false,
                 "take the model where it is within t of the base", &methods::nearswap});
    t.push_back({"arcee_fusion", MergeBaseUse::Required, 1, 1, {}, {}, false, false,
                 "keep the deltas whose importance passes a quartile threshold", &methods::arcee_fusion});
    t.push_back({"passthrough", MergeBaseUse::None, 1, 1, {}, {{"scale", J()}}, false, false,
                 "copy (times scale); with slices: layer stacking", &methods::passthrough});
    return t;
}

}  // namespace

double MergeArgs::number(const std::string& name) const {
    auto it = params.find(name);
    if (it == params.end() || it->second.is_null()) fail(ErrorCode::InvalidArgument, "missing parameter '" + name + "'");
    return json_number(it->second, name);
}

bool MergeArgs::flag(const std::string& name) const {
    auto it = params.find(name);
    if (it == params.end() || it->second.is_null()) fail(ErrorCode::InvalidArgument, "missing parameter '" + name + "'");
    if (it->second.is_boolean()) return it->second.get<bool>();
    if (it->second.is_number()) return it->second.get<double>() != 0.0;
    fail(ErrorCode::InvalidArgument, "parameter '" + name + "' must be true or false, not " + it->second.dump());
}

bool MergeArgs::has_model_param(size_t i, const std::string& name) const {
    if (i >= model_params.size()) return false;
    auto it = model_params[i].find(name);
    return it != model_params[i].end() && !it->second.is_null();
}

double MergeArgs::model_number(size_t i, const std::string& name) const {
    if (!has_model_param(i, name))
        fail(ErrorCode::InvalidArgument, "missing parameter '" + name + "' for model " + std::to_string(i));
    return json_number(model_params[i].at(name), name);
}

const std::vector<MergeMethodInfo>& merge_method_table() {
    static const std::vector<MergeMethodInfo> table = build_table();
    return table;
}

const MergeMethodInfo* find_merge_method_info(const std::string& name) {
    for (const auto& m : merge_method_table())
        if (m.name == name) return &m;
    return nullptr;
}

std::string merge_method_names() {
    std::string s;
    for (const auto& m : merge_method_table()) s += (s.empty() ? "" : ", ") + m.name;
    return s;
}

}  // namespace lancet
