// Adaptation steps per second: Lancet's TENT step (ttt/tent.h: slot binding,
// the engine's forward pass, entropy, Adam) against a plain LibTorch GPT-2
// written out op by op in this file, doing the same step on the same weights
// and input in the same run. Printed, never asserted.
#pragma once

#include "core/result.h"

#include <nlohmann/json.hpp>

#include <string>

namespace lancet {

class Model;

struct TentBenchOptions {
    int steps = 20;                 // timed steps per implementation (after 3 warm-up steps)
    int64_t tokens = 32;            // input length
    std::string positions = "all";  // entropy positions
    std::string params = "norms";
    bool reference = true;          // the plain LibTorch implementation (GPT-2 family only)
};

Expected<nlohmann::json> bench_tent(const Model& model, const TentBenchOptions& options);

}  // namespace lancet
