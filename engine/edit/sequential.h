// Many edits, one after another, and what they do to the model over time: the
// forgetting curve (docs/design/ttt-and-continual-eval.md, editing-methods.md §2.4, §5.3).
//
// Requests are edited in batches (one computation per batch for methods that
// batch, MEMIT and AlphaEdit; one after another otherwise) without reverting.
// Every `curve_every` edited requests (and before the first and after the last)
// a curve point re-scores, on the model as it is then:
//   retention      earlier edits, a fixed evenly spaced sample of the requests
//                  edited so far, under two protocols side by side:
//                    easyedit-token-acc  teacher-forced token accuracy of the new target;
//                    generation-match    greedy generation judged on its first sentence
//                                        (eval/metrics.h), the protocol that does not flatter;
//   locality       EasyEdit's locality on the first neighbourhood prompt of a fixed
//                  sample of requests: argmax agreement with the ORIGINAL model;
//   general        perplexity of general text and fact recall (eval/general_ability.h);
//   norms          per edited matrix ‖W − W₀‖ and ‖W‖ / ‖W₀‖, with a collapse
//                  warning once some ‖W‖ grows past `norm_growth_bound` × ‖W₀‖
//                  (the weight-norm explosion that precedes collapse in sequential
//                  ROME/MEMIT, Gupta et al. 2024).
// AlphaEdit keeps C_p (the earlier edits' K Kᵀ) across the run, as its reference does.
// At the end every weight returns to its original value bit for bit, unless keep_edits.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "edit/edit_method.h"
#include "edit/edit_spec.h"
#include "eval/dataset.h"
#include "edit/sequential_types.h"
#include "eval/general_ability.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct SequentialOptions {
    size_t batch_size = 1;           // requests per edit
    size_t curve_every = 50;         // edited requests between curve points (0: first and last only)
    size_t retention_sample = 50;    // earlier edits re-scored per point
    size_t locality_sample = 50;     // requests whose neighbourhood prompt is watched
    bool generation = true;          // the generation-match protocol beside the teacher-forced one
    bool general_ability = true;
    std::shared_ptr<const GeneralAbilityProbe> probe;  // null: built from the model (general_ability on)
    double norm_growth_bound = 1.5;  // collapse warning when ‖W‖/‖W₀‖ exceeds this for an edited matrix
    bool keep_edits = false;
};

// Runs the stream. `on_point` sees each point as it is made (the live plot).
// Cancel: the curve so far, partial, with the weights restored.
Expected<ForgettingCurve> run_sequential(Model& model, const std::vector<EditCase>& cases, const EditSpec& base,
                                         const EditRuntime& runtime, const SequentialOptions& options,
                                         const JobContext& job = {},
                                         const std::function<void(const CurvePoint&)>& on_point = {});

}  // namespace lancet
