// The logit lens before and after an edit: the same prompt read through every
// layer of two states of the edit history (usually the base model and the
// weights as they are), with one answer token for both, so one sees at which
// depth the edit's new answer appears — and that below the edited layer
// nothing changed.
//
// The engine holds one set of weights: like compare_states, this walks the
// history (undo and redo copy the saved tensors back, bit for bit) to each
// state and back to where it was, also on failure or cancel. No copy of the
// model is made; only the edited matrices move.
//
// Torch-free (std, nlohmann/json, the lens's types): the workbench receives the
// result as it is.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "trace/logit_lens.h"

#include <nlohmann/json.hpp>

namespace lancet {

class Model;
class EditHistory;

struct LensBeforeAfterRequest {
    LensRequest lens;  // prompt, answer (an edit's new target), top_k
    int before = 0;    // the history position read as "before" (0 = the base model)
    int after = -1;    // the history position read as "after"; -1 = the weights as they are now
};

struct LensBeforeAfter {
    int before = 0;
    int after = 0;
    LensResult before_lens;  // both lenses share the answer token (the "after" one's when none was asked)
    LensResult after_lens;
    // The first layer whose top token at the last position is the answer; -1 = none.
    int first_layer_before = -1;
    int first_layer_after = -1;
    double seconds = 0;

    nlohmann::json to_json() const;  // {before, after, answer, first_layer_before, first_layer_after, before_lens, after_lens, seconds}
};

// The first layer of `lens` whose top token at the last position is its answer; -1 = none.
int first_layer_on_top(const LensResult& lens);

// InvalidArgument for a position outside 0 .. applied + undone edits, and for
// anything logit_lens refuses; the weights end as they were in every case.
Expected<LensBeforeAfter> logit_lens_before_after(Model& model, EditHistory& history,
                                                  const LensBeforeAfterRequest& request, const JobContext& job = {});

}  // namespace lancet
