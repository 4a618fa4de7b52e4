// A live merge: a base model loaded once, its task vectors, an incremental
// Merger writing the merged weights into that model, and a MergeScorer. The
// CLI (merge --score, --sweep, bench merge) and the GUI's merge panel (on the
// engine thread) drive the same object: set a spec, score, repeat.
//
// The session owns its own copy of the base model, so merging never touches
// a model being edited elsewhere.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "merge/merge.h"
#include "merge/merge_methods.h"
#include "merge/merge_score.h"
#include "merge/task_vectors.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct MergeSessionOptions {
    std::string base_dir;
    std::vector<std::string> task_paths;  // task vector folders/files or fine-tuned model folders
    std::string device = "cpu";
    // The base model's layers across several devices (LoadOptions::devices / placement); empty: all on `device`.
    std::string devices;
    std::string placement;
    // The base facts file for "base facts retained"; "" = BASE/facts.json when it exists.
    std::string base_facts;
    // Per task: its evaluation set; "" = TASK/eval.json when it exists (else the task is not scored).
    std::vector<std::string> eval_paths;
    ScoreOptions score;
    TaskCheckOptions check;
    // The initial merge; its tasks are resized to the task count (missing ones: weight 0, density 1).
    MergeSpec spec;
};

// The demo's task folders: BASE/tasks/*/ holding a task vector file, sorted by name.
std::vector<std::string> find_task_dirs(const std::string& base_dir);

struct SweepOptions {
    size_t task_a = 0;
    size_t task_b = 1;
    std::vector<double> values_a;  // the weights of task_a (rows)
    std::vector<double> values_b;  // the weights of task_b (columns)
};

// Evenly spaced values from lo to hi inclusive (n >= 2; n == 1 gives {lo}).
std::vector<double> linspace(double lo, double hi, size_t n);

struct SweepResult {
    std::vector<double> values_a, values_b;
    std::string task_a, task_b;
    std::vector<std::vector<MergeScores>> cells;  // [a][b]; cells not reached when cancelled stay default
    std::vector<std::vector<bool>> done;
    bool partial = false;
    double seconds = 0.0;

    // {task_a, task_b, values_a, values_b, metrics[], grids{metric: [[v]]}, partial, seconds}
    nlohmann::json to_json() const;
};

class MergeSession {
public:
    static Expected<std::unique_ptr<MergeSession>> open(const MergeSessionOptions& options, const JobContext& job = {});

    // Moves to `spec` (same task count): weights, densities and lambda change
    // incrementally; a change of method or of a global option rebuilds the merge.
    Expected<void> set_spec(const MergeSpec& spec, const JobContext& job = {});
    Expected<void> set_weight(size_t task, double weight);

    // The panel's "apply" mode, for the methods the sliders cannot drive (any of
    // merge/merge_methods.h: slerp, model_stock, della, ...): merges the base and
    // the task checkpoints (theta_i = theta_b + tau_i, over the tensors the tasks
    // change) with `method` into the session's model, once. Parameters are single
    // values (the method's defaults fill the rest; per_model may be shorter than
    // the tasks). The next set_spec / set_weight / sweep returns to the live merge
    // with a full rewrite. Wrong task counts and unknown parameters are refused.
    // `tasks` chooses which tasks take part, in order (empty: all); per_model then
    // follows that list (slerp merges the base with one model, whichever it is).
    Expected<void> apply_method(const std::string& method, const MergeParams& params = {},
                                const std::vector<MergeParams>& per_model = {}, const JobContext& job = {},
                                const std::vector<size_t>& tasks = {});
    // The method apply_method last wrote, "" while the live merge is in the model.
    const std::string& applied_method() const { return applied_method_; }

    Expected<MergeScores> score(const JobContext& job = {}) const;
    // The two stages of score() (MergeScorer::score_probes / add_fluency).
    Expected<MergeScores> score_probes(const JobContext& job = {}) const;
    Expected<void> add_fluency(MergeScores& scores, const JobContext& job = {}) const;

    // Scores every (a, b) weight pair, the other tasks as they are now, in a
    // snake order so that each step moves one weight (incremental). Progress
    // per cell; on cancel the result so far comes back with partial = true.
    // Restores the weights it found. on_cell is called after each cell.
    Expected<SweepResult> sweep(const SweepOptions& options, const JobContext& job = {},
                                const std::function<void(size_t a, size_t b, const MergeScores&)>& on_cell = {});

    const MergeSpec& spec() const;
    std::vector<std::string> task_names() const;
    std::shared_ptr<Model> model() const { return model_; }
    const MergeScorer& scorer() const { return *scorer_; }
    // {base, tasks[{name, path, tensors, parameters, eval, probes}], spec{...}, base_facts_n}
    nlohmann::json describe() const;
    // The merge as it stands, as mergekit YAML (merge/mergekit_yaml.h): the base
    // folder as base_model, each task's folder as a model, the sliders' weights,
    // densities, lambda and per-layer scales, or the applied method and its
    // parameters. Loading it back (lancet-cli merge CONFIG --score, or the
    // panel's import) gives the same merged weights.
    std::string to_mergekit_yaml() const;

private:
    MergeSession() = default;
    Expected<void> return_to_live();  // after apply_method: the Merger's weights back
    Expected<void> check_weights_complete() const;  // refuses to score a half-written merge
    std::string applied_method_;
    MergeParams applied_params_;
    std::vector<MergeParams> applied_per_model_;
    std::vector<size_t> applied_tasks_;  // the tasks apply_method merged, in order
    std::shared_ptr<Model> model_;
    std::vector<TaskVector> tasks_;
    std::unique_ptr<Merger> merger_;
    std::unique_ptr<MergeScorer> scorer_;
    MergeSessionOptions options_;
};

// What a slider release costs on this session: one task's weight set
// (incremental) and a full score, alternating two weights; medians over
// `repeats` after one warm-up. {slider_to_scorecard_ms (median, p90, max):
// the merge and the accuracies (what the panel shows first),
// slider_to_fluency_ms: the whole scorecard with the fluency continuation,
// slider_to_scorecard_cpu_ms (process CPU time: with one BLAS thread, the wall
// time an idle core would take), merge_update_ms, score_ms (probes / fluency),
// probes, tasks, threads}.
Expected<nlohmann::json> bench_slider_to_scorecard(MergeSession& session, int repeats = 10);

// MergeSpec <-> JSON for the CLI and the GUI bridge:
// {method, lambda, normalize, trim_scope: "tensor"|"vector", mergekit_election, seed,
//  tasks: [{weight, density}]}. Missing fields keep `base`'s values.
Expected<MergeSpec> merge_spec_from_json(const nlohmann::json& j, const MergeSpec& base);
nlohmann::json merge_spec_to_json(const MergeSpec& spec);

}  // namespace lancet
