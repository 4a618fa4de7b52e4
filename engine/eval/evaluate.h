// Edit evaluation runs: score each case before its edit, apply the edit through
// a caller-supplied EditFn, score it again, and undo it (independent mode) or
// keep it and go on (sequential mode, which also re-scores every case once all
// edits are in: the forgetting view).
//
// The evaluator knows nothing about editing methods: ROME, MEMIT or a fine-tune
// come in as an EditFn that applies one request and returns how to undo it.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "eval/dataset.h"
#include "eval/scorecard.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace lancet {

class Model;

// Restores what one edit changed. May throw (an EngineException); run_eval then
// stops with that error, because the model's weights are in an unknown state.
using UndoFn = std::function<void()>;

struct AppliedEdit {
    UndoFn undo;  // empty: nothing to undo
    nlohmann::json info = nlohmann::json::object();  // method's report (layer, norms, ...), copied into the scorecard
};

// Applies the edit one case asks for (request.subject, request.prompt_template,
// request.target_new) to `model` in place. An Error with code Cancelled stops the
// run (partial); any other Error is recorded on the case and the run goes on.
using EditFn = std::function<Expected<AppliedEdit>(Model& model, const EditCase& request, const JobContext& job)>;

// Method "none": changes nothing (scores the unedited model twice).
EditFn no_edit();

// Clones the named tensors now; the UndoFn copies the clones back in place (an
// EditFn can snapshot the weights it is about to change and return this).
Expected<UndoFn> snapshot_undo(Model& model, const std::vector<std::string>& tensor_names);

struct EvalOptions {
    size_t limit = 0;                    // the first N cases; 0 = all
    bool sequential = false;             // keep each edit; re-score all cases at the end
    std::vector<std::string> protocols;  // kProtocol* names; empty = counterfact-prob + easyedit-token-acc
    bool fluency = false;                // adds ngram-entropy (sampled generations: slow on big models)
    uint64_t seed = 0;                   // fluency sampling; the same per case before and after its edit
    int batch_size = 16;                 // sequences per forward pass
    int fluency_max_length = 100;        // tokens per generation, prompt included
    bool keep_edits = false;             // sequential: leave every edit in the model at the end
    std::string method = "none";         // the scorecard's label for the EditFn
};

// The protocols a dataset format is published with: counterfact -> counterfact-prob
// (+ easyedit-token-acc), easyedit -> easyedit-token-acc, zsre -> zsre-token-acc,
// lancet-facts -> counterfact-prob + easyedit-token-acc; unknown -> the latter pair.
std::vector<std::string> default_protocols(const std::string& dataset_format);

// The unedited model's argmax tokens on locality prompts; score_case records them
// at "pre_edit" and compares with them at later timings.
struct LocalityReference {
    bool recorded = false;
    std::vector<std::vector<int64_t>> neighbourhood;
    std::vector<std::vector<int64_t>> same_subject;
};

// Scores one case with the options' protocols at one timing (kTimingPre, ...).
// Metrics a case lacks the data for are left out with a line in `notes`.
Expected<MetricSet> score_case(const Model& model, const EditCase& c, const EvalOptions& options, const std::string& timing,
                               LocalityReference& reference, uint64_t seed, std::vector<std::string>* notes = nullptr,
                               const JobContext& job = {});

// Runs the evaluation.
//   independent: per case, pre_edit scores, edit, after_each_edit scores, undo.
//   sequential:  pre_edit scores of every case first, on the unedited model (as
//                EasyEdit does, so neither "pre_edit" nor the locality reference
//                includes earlier edits); then per case edit + after_each_edit
//                scores with all earlier edits in place; then after_all_edits
//                scores of every edited case; then the edits are undone, newest
//                first (unless keep_edits).
// Cases without a target_new are recorded with an error and not scored.
// Progress is reported per case, cancellation is checked
// per case (and inside generation); a cancelled run returns the scorecard so far
// with partial = true (and undoes the edits it applied, unless keep_edits). An
// error that leaves the run unable to go on (out of memory, a failed undo) marks the
// card partial as well, except a failed undo, which returns the Error.
Expected<Scorecard> run_eval(Model& model, const std::vector<EditCase>& cases, const EditFn& edit,
                             const EvalOptions& options, const JobContext& job = {});

}  // namespace lancet
