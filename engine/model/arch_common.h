// Internal to engine/model: what every Architecture needs to bind checkpoint
// tensors with shape checks, so each arch_<family>.cpp holds only its family's
// names and rules. Reading config.json is torch-free: model/config_parse.h.
#pragma once

#include "model/architecture.h"

#include <string>
#include <vector>

namespace lancet::arch_detail {

std::string shape_string(const std::vector<int64_t>& shape);

// Looks tensors up with a name prefix and checks shapes against the config.
class TensorBinder {
public:
    TensorBinder(const TensorMap& tensors, std::string prefix) : tensors_(tensors), prefix_(std::move(prefix)) {}
    const std::string& prefix() const { return prefix_; }
    bool has(const std::string& name) const { return tensors_.count(prefix_ + name) > 0; }
    torch::Tensor get(const std::string& name, const std::vector<int64_t>& shape) const;
    // nn.Linear [out, in] weight and, when `bias` is true, its [out] bias.
    Linear linear(const std::string& base, int64_t in, int64_t out, bool bias) const;
    Norm norm(const std::string& base, int64_t dim, bool bias) const;

private:
    const TensorMap& tensors_;
    std::string prefix_;
};

bool ends_with(const std::string& s, const char* suffix);

}  // namespace lancet::arch_detail
