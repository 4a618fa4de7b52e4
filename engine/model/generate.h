// Text generation with a KV cache: greedy or top-k sampling, seeded and
// identical on every device (sampling draws on the CPU from std::mt19937_64).
#pragma once

#include "core/job.h"
#include "core/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct GenerateOptions {
    int max_new_tokens = 32;
    bool greedy = true;
    int top_k = 5;              // used when !greedy
    double temperature = 1.0;
    uint64_t seed = 0;
    bool stop_at_eos = true;
};

struct Generation {
    std::vector<int64_t> prompt_ids;
    std::vector<int64_t> new_ids;
    std::string text;          // decoded new tokens only
};

// One generation per prompt (batched with left padding). Prompts are token ids.
Expected<std::vector<Generation>> generate(const Model& model, const std::vector<std::vector<int64_t>>& prompts,
                                           const GenerateOptions& options, const JobContext& job = {});

// Convenience for a text prompt.
Expected<Generation> generate_text(const Model& model, const std::string& prompt, const GenerateOptions& options,
                                   const JobContext& job = {});

}  // namespace lancet
