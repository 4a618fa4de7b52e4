// The merge methods a mergekit configuration can name, one kernel per method
// (merge/methods/*.cpp), each computing one output tensor from its inputs.
// The formulas, their mergekit sources and where Lancet differs are in
// docs/design/merging.md §A.2 and §A.13.
//
// A kernel receives float32 tensors of one shape. `base` is the base model's
// tensor when the method uses one; `models` are the other inputs in config
// order. Parameters arrive already evaluated for this tensor (gradients and
// filters resolved by merge/config_merge.cpp) with the method's defaults filled in.
//
// The methods Lancet's live Merger can drive from sliders (merge/merge.h) are
// marked `live`; the others merge from YAML (lancet-cli merge CONFIG --out) and
// in the panel's apply mode.
#pragma once

#include <torch/types.h>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace lancet {

using MergeParams = std::map<std::string, nlohmann::json>;

struct MergeArgs {
    std::string tensor_name;
    torch::Tensor base;                    // undefined when the method takes no base
    std::vector<torch::Tensor> models;     // non-base inputs, float32
    std::vector<MergeParams> model_params;  // per model, same order
    MergeParams params;                   // global
    std::vector<size_t> model_index;       // each model's index among the config's non-base models (random streams)
    uint64_t seed = 42;
    bool mergekit_election = true;         // ties: weights in the sign election (false: the paper's order)

    double number(const std::string& name) const;        // a global number (bools read as 0/1)
    bool flag(const std::string& name) const;            // a global bool
    double model_number(size_t i, const std::string& name) const;
    bool has_model_param(size_t i, const std::string& name) const;  // set and not null
};

struct MergeParamDef {
    std::string name;
    nlohmann::json default_value;  // null + required: must be given
    bool required = false;
};

enum class MergeBaseUse {
    None,      // every input is a model; a base_model is merged as one of them
    Required,  // the base is the reference the others are measured against
    Optional,  // used when base_model is set (multislerp, nuslerp)
};

struct MergeMethodInfo {
    std::string name;
    MergeBaseUse base = MergeBaseUse::Required;
    int min_models = 1;   // non-base inputs
    int max_models = -1;  // -1: any number
    std::vector<MergeParamDef> globals;
    std::vector<MergeParamDef> per_model;
    bool live = false;    // the slider Merger implements it incrementally
    bool random = false;  // draws masks (from Lancet's fixed stream per seed, model and tensor)
    const char* summary = "";
    torch::Tensor (*kernel)(const MergeArgs&) = nullptr;
};

// Every method, in the order the CLI's help lists them.
const std::vector<MergeMethodInfo>& merge_method_table();
const MergeMethodInfo* find_merge_method_info(const std::string& name);
std::string merge_method_names();  // "linear, task_arithmetic, ..."

// ---- building blocks, exposed for the tests (float32) -------------------------

// mergekit's slerp: spherical interpolation of the flattened tensors at t (t = 0 gives a),
// linear when |cos| > 0.9995.
torch::Tensor slerp_tensors(double t, const torch::Tensor& a, const torch::Tensor& b);
// nuslerp's core: slerp per row of the last dimension (flatten: of the whole tensor), linear when colinear.
torch::Tensor nuslerp_tensors(double t, const torch::Tensor& a, const torch::Tensor& b, bool row_wise, bool flatten);
// Weighted spherical barycentre (multislerp); base may be undefined.
torch::Tensor multislerp_tensors(const std::vector<torch::Tensor>& xs, std::vector<double> weights,
                                 const torch::Tensor& base, bool normalize_weights, double eps);
// Weighted Karcher mean on the unit sphere, times the weighted mean norm.
torch::Tensor karcher_tensors(const std::vector<torch::Tensor>& xs, const std::vector<double>& alphas, int max_iter,
                              double tol);
// Model Stock: t = N cos / (1 + (N - 1) cos) from the mean pairwise cosine of the deltas.
torch::Tensor model_stock_tensors(const torch::Tensor& base, const std::vector<torch::Tensor>& xs, bool filter_wise);
// NearSwap: w = clamp(t / |a - b|, 0, 1) (1 where a == b); w b + (1 - w) a.
torch::Tensor nearswap_tensors(double t, const torch::Tensor& base, const torch::Tensor& x);
// Arcee Fusion: base + mask * (x - base), mask from |x - base| * KL(softmax x || softmax base) per row.
torch::Tensor arcee_fusion_tensors(const torch::Tensor& base, const torch::Tensor& x);
// Breadcrumbs' sparsifier: drop the top `gamma` fraction of |tau| and the bottom so `density` remains.
torch::Tensor magnitude_outliers(const torch::Tensor& tau, double density, double gamma);
// DELLA's keep probabilities: per row, (density - epsilon) + 2 epsilon * (magnitude rank, 0..1).
torch::Tensor della_keep_probabilities(const torch::Tensor& tau, double density, double epsilon);
// Scales masked so that its L1 norm equals tau's (mergekit's RescaleNorm.l1); unchanged when either is ~0.
torch::Tensor l1_rescaled(const torch::Tensor& tau, const torch::Tensor& masked);
// The generalized task-arithmetic combination as mergekit computes it: weighted
// deltas, optional sum-sign consensus, optional normalize, times lambda.
torch::Tensor gta_combine(const std::vector<torch::Tensor>& deltas, const std::vector<double>& weights, bool consensus,
                          bool normalize, double lambda);

}  // namespace lancet
