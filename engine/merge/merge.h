// Model merging: task arithmetic, TIES, DARE (alone or before TIES) and linear
// averaging, with a Merger that updates merged weights incrementally. mergekit's
// other methods (slerp, model_stock, della, ...) are in merge/merge_methods.h.
//
// Notation: theta_b the base tensor, tau_i = theta_i - theta_b, w_i the
// per-task weight (the slider, in [-1, 2]), d_i its density, lambda global.
//
//   task_arithmetic  theta = theta_b + lambda * s_l * sum_i w_i tau_i   (/ sum w_i with normalize)
//   linear           theta = sum_i w_i theta_i (/ sum w_i with normalize)
//   dare_linear      tau~_i = Bernoulli(keep = d_i) * tau_i / d_i (paper: rescale 1/(1-p), p = 1 - d_i),
//                    then as task_arithmetic
//   ties             tau^_i = top-d_i magnitudes of tau_i (per tensor, as mergekit, or over the
//                    whole vector, as the paper's reference code); gamma = sign(sum_i tau^_i)
//                    (ties go to +); m_i = [sign tau^_i == gamma];
//                    paper:    merged = sum_i w_i m_i tau^_i / sum_i m_i  (disjoint mean, weights after)
//                    mergekit: gamma = sign(sum_i w_i tau^_i) (the weights take part in the election),
//                              merged = sum_i w_i m_i tau^_i / sum_i m_i w_i with normalize, else the sum
//   dare_ties        DARE's Bernoulli drop + rescale in place of the magnitude trim, then as ties
//
// s_l is the optional per-layer scale (1 for tensors outside the layer stack).
// Differences from mergekit (see docs/design/merging.md §A.4): DARE rescales by
// 1/(1-p) (the paper), not by matching the L1 norm; the DARE masks come from a
// fixed seed per (task, tensor) so a slider never flickers: each entry draws one
// uniform u once and is kept while u < d_i, so a density change only moves that
// threshold. The magnitude trim keeps every entry whose |tau| reaches the k-th
// largest magnitude (k = round(d n)); exact ties at the threshold are all kept.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "merge/task_vectors.h"
#include "merge/tensor_names.h"  // layer_of_tensor
#include "model/architecture.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;

enum class MergeMethod { Linear, TaskArithmetic, Ties, DareLinear, DareTies };
enum class TrimScope { PerTensor, WholeVector };

const char* merge_method_name(MergeMethod m);  // mergekit's spelling: "task_arithmetic", ...
Expected<MergeMethod> parse_merge_method(const std::string& text);

struct TaskSpec {
    std::string model;     // checkpoint folder (for YAML / the CLI); empty for in-memory tasks
    double weight = 1.0;   // lambda_i, in [-1, 2]
    double density = 1.0;  // kept fraction, in [0, 1]; DARE drop rate p = 1 - density
};

struct MergeSpec {
    MergeMethod method = MergeMethod::TaskArithmetic;
    std::string base_model;  // for YAML / the CLI
    std::vector<TaskSpec> tasks;
    double lambda = 1.0;
    bool normalize = false;
    TrimScope trim_scope = TrimScope::PerTensor;
    bool mergekit_election = false;  // ties: weights enter the sign election (mergekit) instead of after it (paper)
    uint64_t seed = 42;              // DARE masks: one stream per (seed, task index, tensor name)
    std::map<int64_t, double> layer_scale;  // optional per-layer factor on the merged delta
    std::string dtype;               // output dtype for export ("" = the model's)

    // mergekit's default normalize per method (true for linear and ties).
    static bool default_normalize(MergeMethod m);
};

Expected<void> validate_spec(const MergeSpec& spec, size_t n_tasks);

// Building blocks, exposed for tests (float32 tensors).
// Entries of tau whose magnitude reaches the k-th largest, k = round(density * numel).
torch::Tensor magnitude_trim(const torch::Tensor& tau, double density);

// The dtype the Merger keeps a task vector in beside this weight: the model's
// own for float16/bfloat16 (rounding τ there costs far less than the rounding
// of the merged weight itself, and an 8B model's task vector takes 16 GB rather
// than 32), float32 otherwise. Sums over task vectors are float32 either way.
torch::ScalarType task_dtype_for(const torch::Tensor& weight);
// The uniform draws behind DARE's masks for (seed, task, tensor name), on the CPU.
torch::Tensor dare_uniforms(c10::IntArrayRef shape, uint64_t seed, size_t task, const std::string& tensor_name);
// DARE: keep where u < density, rescale kept entries by 1/density (= 1/(1-p)).
torch::Tensor dare_drop(const torch::Tensor& tau, double density, const torch::Tensor& uniforms);

// Merges in-memory tensors (no caching): the reference the Merger is checked against.
Expected<TensorMap> merge_tensors(const TensorMap& base, const std::vector<TaskVector>& tasks, const MergeSpec& spec);

// Keeps the base weights, the task vectors and cached intermediates, and writes
// merged weights into a Model's tensors in place.
//
// The slider step. Where the merge is linear in the weights (task arithmetic,
// DARE-linear, the paper's TIES, all without normalize) moving w_i by dw is
// theta += lambda * s_l * dw * e_i on the float32 weights: one fused in-place
// pass (torch::_foreach_add_ per layer-scale group) that reads e_i and reads
// and writes theta, nothing else: the merged delta is not kept up to date
// beside the weights (it is recomputed from the contributions when something
// needs it: a lambda or layer-scale move, a non-float32 model).
// Float error: each step rounds theta once (<= 2^-24 |theta| per entry), so
// after k steps the weights are within k * 2^-24 * max|theta| (plus the
// contributions' own rounding) of a full recompute. Every exact_every() steps
// (default 64) the step is an exact re-merge instead (theta = theta_b +
// lambda s_l delta from the contributions), which bounds k: at most 63 steps of
// drift, ~4e-6 relative, below what float16 export rounds away.
class Merger {
public:
    // model must hold the base weights now; tasks must match its tensors.
    static Expected<std::unique_ptr<Merger>> create(std::shared_ptr<Model> model, std::vector<TaskVector> tasks,
                                                    MergeSpec spec, const JobContext& job = {});

    Expected<void> apply(const JobContext& job = {});      // full recompute into the model
    Expected<void> set_weight(size_t task, double weight);  // incremental where the method allows
    Expected<void> set_density(size_t task, double density);
    Expected<void> set_lambda(double lambda);
    Expected<void> set_layer_scale(int64_t layer, double scale);
    Expected<void> restore_base();                          // writes theta_b back
    // A change that failed part-way (out of memory, cancel) is rolled back by a
    // full rewrite; true while even that rewrite has failed, so the model holds
    // neither the old merge nor the new one. The next change rewrites first.
    bool incomplete() const { return incomplete_; }

    const MergeSpec& spec() const { return spec_; }
    const std::vector<TaskVector>& tasks() const { return tasks_; }
    std::shared_ptr<Model> model() const { return model_; }
    // Counters for tests and the benchmark.
    int64_t full_recomputes() const { return full_recomputes_; }
    int64_t incremental_updates() const { return incremental_updates_; }
    // In-place slider steps since the weights were last written exactly, and how
    // many periodic exact re-merges have run.
    int64_t steps_since_exact() const { return steps_since_exact_; }
    int64_t exact_remerges() const { return exact_remerges_; }
    int64_t exact_every() const { return exact_every_; }
    void set_exact_every(int64_t steps) { exact_every_ = std::max<int64_t>(1, steps); }

    struct Entry;  // per-tensor state (base, caches, current merged delta)

private:
    Merger() = default;
    // Runs a spec change (a slider step); on failure puts the previous merge back.
    Expected<void> change_spec(const std::function<void()>& step);
    void compute_global_thresholds(size_t task);
    void recompute_contrib(Entry& e);
    void recompute_delta(Entry& e);
    void write(Entry& e);
    // The entry's merged tensor written from its contributions; true when its
    // delta was not materialised (a direct float32 sum, or an alias).
    bool rewrite(Entry& e);
    void refresh_deltas();      // recomputes stale merged deltas from the contributions
    void write_all_exact();     // every entry's delta recomputed and written: no drift
    double scale_of(const Entry& e) const;
    double base_coef() const;
    bool linear_in_weights() const;

    std::shared_ptr<Model> model_;
    std::vector<TaskVector> tasks_;
    MergeSpec spec_;
    std::vector<std::shared_ptr<Entry>> entries_;
    std::vector<torch::Tensor> global_sorted_;  // whole-vector trim: sorted |tau_i| over all tensors
    std::vector<double> global_threshold_;
    int64_t full_recomputes_ = 0;
    int64_t incremental_updates_ = 0;
    bool incomplete_ = false;
    bool deltas_stale_ = false;   // in-place steps moved theta without the per-entry delta
    int64_t steps_since_exact_ = 0;
    int64_t exact_every_ = 64;
    int64_t exact_remerges_ = 0;
};

struct MergeBenchOptions {
    int tasks = 3;
    MergeMethod method = MergeMethod::TaskArithmetic;
    double density = 0.5;
    int repeats = 5;
};

// Times a full merge and an incremental slider update on synthetic task vectors
// (seeded perturbations of the model's own tensors); restores the base after.
Expected<nlohmann::json> bench_merge(std::shared_ptr<Model> model, const MergeBenchOptions& options = {});

}  // namespace lancet
