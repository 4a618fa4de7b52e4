// Runs a stream through a test-time method and scores every input as it goes;
// every N inputs, the forgetting side: base-fact recall and general-text
// perplexity (eval/general_ability.h) with the adapted weights.
//
// The model is the workbench's: the run never writes its tensors, and when it
// returns (completed, cancelled, diverged or failed) every slot points at the
// checkpoint tensors again. A diverging run (a non-finite objective, entropy or
// weight) stops at that input with status Diverged and its records so far.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "eval/general_ability.h"
#include "ttt/stream.h"
#include "ttt/ttt_types.h"

#include <functional>

namespace lancet {

class Model;

struct TttRunOptions {
    size_t max_inputs = 0;           // 0: the whole stream
    size_t every = 0;                // forgetting probe every N inputs (and at the end); 0: never
    GeneralProbeOptions probe{1024, 32, "", ""};
    const GeneralAbilityProbe* shared_probe = nullptr;  // reuse one probe across runs (compare_ttt does)
    std::function<void(const TttRecord&)> on_record;            // live: each input as it is scored
    std::function<void(const TttForgettingPoint&)> on_forgetting;
};

// Empty stream: InvalidArgument. Cancelled mid-run: status Cancelled with the records so far.
Expected<TttRun> run_ttt(const Model& model, InputStream& stream, const TttMethodSpec& method, const TttRunOptions& options,
                         const JobContext& job = {});

// Each method over the same stream (rewound between them), with one shared probe.
Expected<TttComparison> compare_ttt(const Model& model, InputStream& stream, const std::vector<TttMethodSpec>& methods,
                                    const TttRunOptions& options, const JobContext& job = {});

// Most inputs a run has held at once (the current one): 1. Exposed for the
// streaming test, which checks that a run never materialises its stream.
size_t ttt_max_inputs_held();

}  // namespace lancet
