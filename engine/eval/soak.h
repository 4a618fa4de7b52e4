// A long session without the workbench: cycles of what a session does to a
// model, with the process's resident memory, its open descriptors and the CUDA
// allocator's figures after each cycle. A leak grows one of them. The GUI's
// soak (tests/gui/test_soak.cpp) runs the same kind of cycle through the engine
// thread's bridge; this one needs no Qt, so it also runs on the CUDA machine,
// where GPU memory is the figure that matters.
#pragma once

#include "core/job.h"
#include "core/process_stats.h"
#include "core/result.h"
#include "edit/rome.h"

#include <nlohmann/json.hpp>

#include <memory>

namespace lancet {

class Model;

struct SoakOptions {
    int cycles = 50;
    RomeRequest request{"{} is located in the city of", "The Space Needle", "Paris", std::string("Seattle"), {}};
    int64_t stats_samples = 20000;  // ROME's second-moment sample (computed once, in the warm-up cycle)
    int trace_samples = 2;          // the hidden-state trace's noise samples per cycle
};

// One cycle: a ROME edit computed, applied, undone, redone and undone again;
// a hidden-state causal trace of the edit's prompt; a live task-arithmetic
// merge of a synthetic task vector over two MLP matrices, one slider move,
// then the base restored. Cycle 0 is the warm-up (statistics, templates,
// allocator growth) and is reported but left out of the growth figures.
// Returns {"points": [...], "summary": {...}} with per cycle resident_mb,
// descriptors, cuda_allocated_mb, cuda_reserved_mb and seconds, and in the
// summary the least-squares slope per cycle of each over the second half of
// the cycles and whether the weights came back bit for bit.
Expected<nlohmann::json> run_soak(const std::shared_ptr<Model>& model, const SoakOptions& options = {},
                                  const JobContext& job = {});

}  // namespace lancet
