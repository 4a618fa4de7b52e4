#include "model/arch_common.h"

#include <sstream>

namespace lancet::arch_detail {

std::string shape_string(const std::vector<int64_t>& shape) {
    std::ostringstream os;
    os << "[";
    for (size_t i = 0; i < shape.size(); ++i) os << (i ? ", " : "") << shape[i];
    os << "]";
    return os.str();
}

torch::Tensor TensorBinder::get(const std::string& name, const std::vector<int64_t>& shape) const {
    auto it = tensors_.find(prefix_ + name);
    if (it == tensors_.end()) fail(ErrorCode::NotFound, "checkpoint has no tensor \"" + prefix_ + name + "\"");
    const torch::Tensor& t = it->second;
    bool ok = t.dim() == static_cast<int64_t>(shape.size());
    for (size_t i = 0; ok && i < shape.size(); ++i) ok = t.size(static_cast<int64_t>(i)) == shape[i];
    if (!ok)
        fail(ErrorCode::InvalidFile, "tensor \"" + prefix_ + name + "\" has shape " + shape_string(t.sizes().vec()) +
                                         " but config.json implies " + shape_string(shape));
    return t;
}

Linear TensorBinder::linear(const std::string& base, int64_t in, int64_t out, bool bias) const {
    Linear l;
    l.weight = get(base + ".weight", {out, in});
    if (bias) l.bias = get(base + ".bias", {out});
    l.in_out_layout = false;
    l.weight_name = prefix_ + base + ".weight";
    return l;
}

Norm TensorBinder::norm(const std::string& base, int64_t dim, bool bias) const {
    Norm n;
    n.weight = get(base + ".weight", {dim});
    if (bias) n.bias = get(base + ".bias", {dim});
    return n;
}

bool ends_with(const std::string& s, const char* suffix) {
    const std::string x(suffix);
    return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

}  // namespace lancet::arch_detail
