// The surgery loop as engine use cases, shared by lancet-cli and the workbench:
// choose the site (with a stated reason) → score before → edit → apply → score
// after → record. Every method of edit_method.h runs through it unchanged, so
// `lancet-cli edit` and the workbench's Apply Edit give the same result for the
// same request (tests/gui/test_bridge.cpp checks it on the demo model).
//
// The scorecard judges an edit on its own prompt (reliability), paraphrases
// (generality), unrelated prompts (locality) and fluency, under the CounterFact
// and EasyEdit protocols (docs/design/rome-spec.md §4). Prompts the request does
// not give get defaults: the rewrite prompt inside model-written contexts for
// generality, general-knowledge prompts answered by the unedited model for locality.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "edit/edit_method.h"
#include "edit/edit_record.h"
#include "edit/edit_spec.h"
#include "edit/surgery_types.h"
#include "eval/dataset.h"
#include "eval/evaluate.h"
#include "eval/general_ability.h"
#include "eval/scorecard.h"

#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;

// The general-ability sample of an interactive edit: 1,024 tokens of text keep the
// two perplexity measurements of an edit near a quarter second on the demo model
// (4,096, the sequential curves' sample, cost a second each on 2 CPU cores).
inline constexpr int64_t kInteractiveProbeTokens = 1024;
GeneralProbeOptions interactive_probe_options();

struct SurgeryOptions {
    bool score = true;                   // scorecard before and after (off: edit and record only)
    bool fluency = true;                 // the n-gram entropy row (greedy generation: the slow part)
    int fluency_max_length = 40;         // tokens per generation, prompt included
    std::vector<std::string> protocols;  // empty: counterfact-prob + easyedit-token-acc
    // The general-ability rows (eval/general_ability.h: perplexity of general text,
    // recall of the model's own facts), measured before and after. `probe` is built
    // on first use when not given; callers that edit repeatedly pass one.
    bool general_ability = true;
    std::shared_ptr<const GeneralAbilityProbe> probe;
    EditRuntime runtime;
};

// Unrelated, well-known facts an edit must leave alone when the request names none.
const std::vector<std::string>& default_locality_prompts();

// The request with its layers filled in when it names none and the method edits
// layers: the published layer for the model, else the one its folder declares
// (lancet.json), else the causal trace's early site (edit/layer_choice.h), with
// the reason in layer_reason. Layers the request names are checked against the model.
Expected<EditSpec> choose_edit_site(const Model& model, const EditSpec& spec, const MethodInfo& method,
                                    const JobContext& job = {});

// The scorecard case of a request. Locality answers the request does not give are
// the model's own greedy answers now: call it on the reference (unedited) state.
Expected<EditCase> evaluation_case(const Model& model, const EditSpec& spec);

EditScorecard make_edit_scorecard(const MetricSet& before, const MetricSet& after, const std::string& timing);
HistoryState history_state(const EditHistory& history);

// The whole loop. On success the edit is applied and on top of `history`; on any
// failure (cancel included) the model and the history are as they were.
Expected<EditOutcome> apply_and_score(Model& model, EditHistory& history, const EditSpec& spec,
                                      const SurgeryOptions& options = {}, const JobContext& job = {});

// The request scored on the base model (every edit undone, exactly) and on the
// current weights; the history ends where it was, also on failure.
Expected<EditScorecard> score_against_base(Model& model, EditHistory& history, const EditSpec& spec,
                                           const JobContext& job = {});

// An EditFn (eval/evaluate.h) that runs any edit method over a dataset: each case
// becomes an EditSpec with `base`'s method, hyperparameters and layers, computed
// on the model as it is (so sequential runs edit on top of earlier edits), applied,
// and undone by copying the pre-edit weights back bit for bit. Without layers in
// `base`, the site is chosen on the first case and used for all (one layer per
// run, as the papers do). keep_prompts_for, when set, gives each case's keep prompts.
EditFn method_edit_fn(const EditSpec& base, const EditRuntime& runtime,
                      std::function<std::vector<std::string>(const EditCase&)> keep_prompts_for = {});

// The same request by several methods, each applied, scored and undone before the
// next (the history ends as it was; give it a history of its own to keep a user's
// redo stack, since applying clears it): the lecture's comparison. A method that
// fails is reported with its error; the others still run. Cancel stops the lot.
Expected<std::vector<MethodComparison>> compare_methods(Model& model, EditHistory& history, const EditSpec& spec,
                                                        const std::vector<std::string>& methods,
                                                        const SurgeryOptions& options = {}, const JobContext& job = {});
nlohmann::json comparison_json(const std::vector<MethodComparison>& rows);

// Loads an edit file and replays it onto the freshly loaded base model (edit_record.h).
Expected<HistoryState> replay_edits(Model& model, EditHistory& history, const std::string& path,
                                    const JobContext& job = {});

}  // namespace lancet
