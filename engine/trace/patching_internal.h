// Internal to engine/trace: what exact and attribution patching share — the two
// prompts' tokens, the answers, the source run's activations and the metric.
#pragma once

#include "model/architecture.h"
#include "trace/patching.h"

#include <torch/types.h>

#include <map>

namespace lancet::patching_detail {

Site site_of(PatchSite s);

struct PatchSetup {
    std::vector<int64_t> receive_ids;    // the prompt the patches go into
    std::map<std::pair<int, int>, torch::Tensor> source;  // (site, layer) -> [T, width] source activations
    std::vector<Site> captured_sites;    // the model sites captured (with AttnHeads when heads are asked)
    int64_t T = 0;
    int n_layer = 0;
    int64_t n_head = 0, d_head = 0;
    PatchResult base;                    // tokens, answers, clean and corrupted metrics filled in
};

PatchSetup prepare(const Model& model, const PatchRequest& request);

// The metric per row of last-position logits [R, V].
torch::Tensor metric_of(const PatchRequest& request, const PatchResult& r, const torch::Tensor& last_logits);

// (m − m_corrupted) / (m_clean − m_corrupted).
double normalised(const PatchResult& r, double metric);

}  // namespace lancet::patching_detail
