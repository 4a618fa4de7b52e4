// Shared by the engine suites that edit the tiny model: load it, and compare
// every weight with a snapshot bit for bit (undo must be exact, and methods
// must never write the model).
#pragma once

#include "check.h"

#include "model/model.h"

#include <torch/torch.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

namespace lancet::test {

inline std::shared_ptr<Model> load_tiny_gpt2() {
    auto m = Model::load(fixtures_dir() + "/tiny-gpt2");
    if (!m) throw std::runtime_error(m.error().message);
    return m.value();
}

using WeightSnapshot = std::map<std::string, torch::Tensor>;

inline WeightSnapshot snapshot_weights(const Model& m) {
    WeightSnapshot out;
    for (const auto& kv : m.tensors()) out[kv.first] = kv.second.clone();
    return out;
}

inline bool weights_equal(const Model& m, const WeightSnapshot& s) {
    for (const auto& kv : m.tensors())
        if (!torch::equal(kv.second, s.at(kv.first))) return false;
    return true;
}

}  // namespace lancet::test
