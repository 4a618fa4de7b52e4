// Live scoring of a merged model, fast enough to follow a slider: per task,
// the accuracy on the task's own evaluation set; the base facts the merge
// kept; and fluency. Everything is tokenised once when the scorer is built,
// so a score() is one batched forward pass plus one short greedy generation.
//
//   task accuracy  exact match, teacher forced: the argmax is the target's
//                  token at every target position after the prompt (prompt
//                  encoded as given, target as " " + target, as training
//                  renders facts). For a private-record task this is the
//                  leak rate.
//   base facts     a seeded sample of the base model's facts file, kept to
//                  the facts the UNMERGED base answers right (exact match), so
//                  the value is the fraction of its knowledge that survives.
//   fluency        ROME's n-gram entropy (eval/metrics.h fluency_entropy, bits)
//                  of the greedy continuations of a few fixed prompts, joined.
//                  Greedy: no sampling noise between two slider positions.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "model/screened_argmax.h"

#include <nlohmann/json.hpp>

#include <torch/types.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct ScoreProbe {
    std::string prompt;  // full text (subject filled in)
    std::string target;  // the expected continuation, without its leading space
};

struct TaskEvalSet {
    std::string name;
    std::string path;  // where it was read from ("" in memory)
    std::vector<ScoreProbe> probes;
};

// A task's evaluation set from any dataset file (eval/dataset.h; the demo's
// tasks use lancet-facts/1): per case its prompt, paraphrases and held-out
// paraphrases, each with target_new. max_probes > 0 keeps a seeded sample
// spread over the cases (held-out phrasings first, so a small sample still
// measures generalisation, not recitation).
Expected<TaskEvalSet> load_task_eval(const std::string& path, const std::string& name, size_t max_probes = 0,
                                     uint64_t seed = 0);

// Base facts: a seeded sample of up to n cases of a dataset file, each case's
// rewrite prompt with its TRUE object (target_true; cases without one are
// skipped), leaving out subjects in `exclude_subjects` (the facts a task is
// meant to change).
Expected<std::vector<ScoreProbe>> load_base_fact_probes(const std::string& path, size_t n, uint64_t seed = 0,
                                                        const std::vector<std::string>& exclude_subjects = {});

// The defaults are the live (slider) budget: on 2 CPU cores the accuracies
// are one forward pass over ~17 short prompts (under 0.1 s for the demo model),
// then 16 greedy tokens for fluency. lancet-cli merge --score asks for larger samples.
struct ScoreOptions {
    size_t max_probes_per_task = 4;   // live sample per task (0 = all)
    size_t base_facts = 8;            // base facts sampled before filtering to the ones the base knows
    std::vector<std::string> fluency_prompts = {"The"};
    int fluency_tokens = 16;          // greedy new tokens per fluency prompt (0 = no fluency)
    int batch_size = 16;              // probes per forward pass (sorted by length: little padding)
    uint64_t seed = 0;
};

struct TaskScore {
    std::string name;
    double accuracy = std::numeric_limits<double>::quiet_NaN();
    int n = 0;
    double base_accuracy = std::numeric_limits<double>::quiet_NaN();  // the unmerged base's, for reference
};

struct MergeScores {
    std::vector<TaskScore> tasks;
    double base_facts = std::numeric_limits<double>::quiet_NaN();  // fraction of the base's known facts kept
    int base_facts_n = 0;
    double fluency = std::numeric_limits<double>::quiet_NaN();     // bits
    double base_fluency = std::numeric_limits<double>::quiet_NaN();
    std::string generation;  // the first fluency prompt and its continuation
    double score_ms = 0.0;    // time of score() itself
    double probes_ms = 0.0;   // of which the probes' forward passes (score_probes)
    double fluency_ms = 0.0;  // and the greedy continuation (add_fluency; 0 until it ran)

    nlohmann::json to_json() const;
    // "task:<name>" (or a task's name alone), "base_facts", "fluency"; NaN when unknown.
    double metric(const std::string& key) const;
    std::vector<std::string> metric_keys() const;
};

class MergeScorer {
public:
    // `base` must hold the unmerged base weights now: it sets the base facts
    // sample (the facts it answers right) and the reference figures.
    static Expected<std::unique_ptr<MergeScorer>> create(const Model& base, std::vector<TaskEvalSet> tasks,
                                                         std::vector<ScoreProbe> base_probes,
                                                         const ScoreOptions& options = {}, const JobContext& job = {});

    Expected<MergeScores> score(const Model& model, const JobContext& job = {}) const;
    // score() in two stages, so a live view can show the accuracies (one batched
    // forward pass) before the greedy continuation behind fluency is decoded:
    // score_probes leaves fluency and generation unset (NaN, "").
    Expected<MergeScores> score_probes(const Model& model, const JobContext& job = {}) const;
    Expected<void> add_fluency(const Model& model, MergeScores& scores, const JobContext& job = {}) const;

    // Declares that merges leave the embeddings and blocks [0, layer) as they
    // are now: the residual stream entering `layer` is computed once here and
    // every later score starts there (MergeSession sets it from the tensors its
    // tasks change). 0 turns the cache off.
    Expected<void> freeze_prefix(const Model& model, int layer);

    const std::vector<TaskEvalSet>& tasks() const { return tasks_; }
    // {active, screened_out (tokens bounded, not scored), radius, fallback_rows}.
    nlohmann::json screen_summary() const;

    struct Seq {
        std::vector<int64_t> ids;  // prompt + target tokens
        int64_t prompt_len = 0;
        int owner = -1;            // task index, or -1 for a base fact
    };

private:
    MergeScorer() = default;
    // Exact-match flags of each sequence, in batches of similar length.
    std::vector<bool> exact(const Model& model, const std::vector<Seq>& seqs, bool use_prefix = true) const;
    struct Batch {
        torch::Tensor ids, mask, positions;  // [B, T]
        std::vector<int64_t> flat, gold;     // b * T + position of each target token, and the token
        torch::Tensor hidden;                // residual stream entering prefix_layer_ (cached), or undefined
    };
    std::vector<Batch> batches(const Model& model, const std::vector<Seq>& seqs) const;
    double fluency_of(const Model& model, std::string* first_text, const JobContext& job) const;

    ScoreOptions options_;
    ScreenedArgmax screen_;  // exact argmax without most of the unembedding
    std::vector<TaskEvalSet> tasks_;
    std::vector<Seq> seqs_;  // task probes, then the base facts the base knows
    std::vector<std::vector<int64_t>> fluency_ids_;
    std::vector<double> base_task_accuracy_;
    double base_fluency_ = std::numeric_limits<double>::quiet_NaN();
    int base_known_ = 0;
    int prefix_layer_ = 0;
    std::vector<Batch> cached_;  // the batches of seqs_, with their prefix states
};

}  // namespace lancet
