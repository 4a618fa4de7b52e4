// The logit lens: the residual stream after every block read through the
// model's own final norm and unembedding (nostalgebraist 2020), so one sees at
// which depth the answer appears. At the last layer it is the model's output.
#pragma once

#include "core/job.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct LensRequest {
    std::string prompt;
    std::string answer;  // empty: the model's top-1 next token at the last position
    int64_t answer_id = -1;  // >= 0: this token is the answer (`answer` ignored), so two lenses share one
    int top_k = 5;
};

struct LensCell {
    std::vector<int64_t> top_ids;
    std::vector<std::string> top_tokens;
    std::vector<double> top_probs;
    double answer_prob = 0;
    int64_t answer_rank = 0;  // 0 = the top token
};

struct LensResult {
    std::string protocol = "logit-lens/final-norm+unembedding";
    std::vector<int64_t> ids;
    std::vector<std::string> tokens;
    int64_t answer_id = -1;
    std::string answer;
    std::vector<std::vector<LensCell>> cells;  // [layer][position]
    double seconds = 0;

    nlohmann::json to_json() const;
};

Expected<LensResult> logit_lens(const Model& model, const LensRequest& request, const JobContext& job = {});

}  // namespace lancet
