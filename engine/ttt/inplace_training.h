// Training In-Place TTT's conv and projection (the add-on of ttt/inplace_addon.h)
// on a frozen model: the paper's "continual training", restricted to the parts
// the rule adds (docs/design/ttt-and-continual-eval.md §3.7).
//
// One optimiser step reads one long document chunk by chunk exactly as the rule
// runs at test time: chunk i is scored with W_i = W_0 + Σ_{k<i} ΔW_k(taps, P),
// then its own ΔW_i is added. The loss is the mean next-token NLL of every
// chunk, so the gradient reaches the taps and P through the updates of the
// chunks before each one: what the rule stores must help predict what comes
// later. The keys h and the stream s are constants (detached), as inplace_delta
// treats them; the model's own weights never move.
//
// Documents: the long-document demonstration's generator (ttt/inplace_demo.h)
// with seeds disjoint from the demonstration's and names it never uses, each
// followed by a recap that restates its facts in a shuffled order, so text that
// refers back past the context is part of the next-token objective (the
// demonstration itself asks its questions alone, without any recap).
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "ttt/inplace_addon.h"
#include "ttt/inplace_ttt.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lancet {

class Model;

struct InplaceTrainOptions {
    InplaceOptions inplace;          // layers, lr (η·mean‖h‖²), chunk, target; kernel = the "shift" start
    std::string init = "shift";      // shift: start from the fixed rule | zero: the paper's zero conv, P = I
    int64_t steps = 200;             // optimiser steps, one document each
    double lr = 1e-3;                // AdamW peak learning rate
    int64_t warmup = 10;             // linear warm-up steps, then cosine to lr / 10
    double weight_decay = 0.0;
    double grad_clip = 1.0;          // global L2 norm; ≤ 0 disables
    uint64_t seed = 1000;            // document k uses seed + k
    std::vector<uint64_t> held_out_seeds{17};  // the demonstration's seeds: their names never appear in training
    size_t facts = 12;               // facts per document
    std::string facts_path;          // default: the model folder's facts.json
    std::string filler_path;         // default: the model folder's stats-corpus.txt
    int64_t log_every = 10;
};

struct InplaceTrainPoint {
    int64_t step = 0;          // steps done
    double loss = 0;           // mean next-token NLL over the documents since the last point
    double recap_loss = 0;     // the same over the recaps' tokens only (what reading should help)
    double grad_norm = 0;      // before clipping, last step
    double elapsed_s = 0;
};

struct InplaceTrainResult {
    InplaceAddon addon;                     // its `training` field holds the recipe and the figures
    std::vector<InplaceTrainPoint> curve;
    int64_t steps_done = 0;
    double seconds = 0;
    nlohmann::json to_json() const;         // without the tensors
};

// One document read as the rule runs at test time (chunks of io.chunk tokens, each
// with the context's worth of previous tokens, fast weights of the chunks before
// it): adds d(mean next-token NLL inside the chunks)/d(taps, proj) to the .grad
// of the add-on's tensors (which must require grad; io's layers must be the
// add-on's). Returns the sums the loss is made of; positions ≥ recap_start are
// also summed apart.
struct InplaceDocumentLoss {
    double nll_sum = 0, recap_nll_sum = 0;
    int64_t predicted = 0, predicted_recap = 0;
};
InplaceDocumentLoss inplace_document_backward(const Model& model, const InplaceAddon& addon, const InplaceOptions& io,
                                              const std::vector<int64_t>& ids, int64_t recap_start, const JobContext& job = {});

// Cancel stops at the next step with ErrorCode::Cancelled; progress reports each step.
Expected<InplaceTrainResult> train_inplace_addon(const Model& model, const InplaceTrainOptions& options, const JobContext& job = {});

}  // namespace lancet
