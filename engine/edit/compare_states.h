// Two states of the edit history compared: the scorecard of an edit request at
// both, the next-token distribution of a prompt at both, and how much each
// edited weight matrix differs between them.
//
// A state is a history position: how many edits of the history (applied ones,
// then undone ones in redo order) the weights carry; 0 is the base model. The
// engine holds one set of weights, so the comparison walks the history (undo and
// redo are exact: they copy saved values back) to the first state, measures,
// walks to the second, measures, and walks back to where it was, also when it
// fails or is cancelled half way.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "edit/edit_record.h"
#include "edit/surgery_types.h"

#include <optional>
#include <string>

namespace lancet {

class Model;

struct CompareRequest {
    int from = 0;
    int to = 0;
    std::string prompt;                        // next-token distribution at both; "" = skipped
    int top_k = 10;                            // tokens taken from each state's top (their union is returned)
    std::optional<EditSpec> score_request;     // scored at both (before = from, after = to); none = skipped
};

Expected<CompareOutcome> compare_states(Model& model, EditHistory& history, const CompareRequest& request,
                                        const JobContext& job = {});

}  // namespace lancet
