#include "merge/merge_config.h"

#include <filesystem>
#include <set>

namespace lancet {

namespace fs = std::filesystem;

nlohmann::json evaluate_param(const ParamValue& value, const std::string& tensor_name, double t) {
    switch (value.kind) {
        case ParamValue::Kind::Scalar: return value.scalar;
        case ParamValue::Kind::Gradient: {
            const auto& g = value.gradient;
            if (g.empty()) return nullptr;
            bool numeric = true;
            for (const auto& e : g) numeric = numeric && e.is_number();
            const double last = static_cast<double>(g.size() - 1);
            if (numeric) {
                // Linear interpolation between the two nearest points; the index
                // truncates as Python's int() does (t >= 0, so it is a floor).
                const double scaled = t * last;
                const size_t i0 = static_cast<size_t>(scaled);
                const size_t i1 = std::min(g.size() - 1, i0 + 1);
                const double frac = scaled - static_cast<double>(i0);
                return (1.0 - frac) * g[i0].get<double>() + frac * g[i1].get<double>();
            }
            return g[static_cast<size_t>(t * last)];
        }
        case ParamValue::Kind::Conditional:
            for (const auto& c : value.conditions) {
                if (!c.filter || *c.filter == "*" || (!tensor_name.empty() && tensor_name.find(*c.filter) != std::string::npos))
                    return evaluate_param(*c.value, tensor_name, t);
            }
            return nullptr;
    }
    return nullptr;
}

std::vector<std::string> MergeConfig::referenced_models() const {
    std::vector<std::string> out;
    std::set<std::string> seen;
    auto add = [&](const std::string& m) {
        if (!m.empty() && seen.insert(m).second) out.push_back(m);
    };
    add(base_model);
    for (const auto& s : slices) {
        add(s.base_model);
        for (const auto& src : s.sources) add(src.model);
    }
    return out;
}

nlohmann::json ParamReader::get(const std::string& name, const std::string& model) const {
    auto look = [&](const ParamMap& m) -> nlohmann::json {
        auto it = m.find(name);
        return it == m.end() ? nlohmann::json() : evaluate_param(it->second, tensor_, t_);
    };
    if (!model.empty())
        for (const auto& s : slice_.sources)
            if (s.model == model) {
                auto v = look(s.parameters);
                if (!v.is_null()) return v;
            }
    auto v = look(slice_.parameters);
    if (!v.is_null()) return v;
    return look(config_.parameters);
}

Expected<std::string> ModelResolver::resolve(const std::string& reference) const {
    if (reference.empty()) return Error{ErrorCode::InvalidArgument, "an empty model reference"};
    if (auto it = map.find(reference); it != map.end()) {
        if (!fs::is_directory(it->second))
            return Error{ErrorCode::NotFound, "model " + reference + " maps to " + it->second + ", which is not a folder"};
        return it->second;
    }
    if (reference.find('+') != std::string::npos && !fs::exists(reference))
        return Error{ErrorCode::Unsupported, "model " + reference +
                                                 ": 'model+lora' references are not supported; merge the LoRA into "
                                                 "the model first and pass that folder"};
    std::error_code ec;
    std::vector<fs::path> candidates{fs::path(reference)};
    if (!config_dir.empty() && fs::path(reference).is_relative()) candidates.push_back(fs::path(config_dir) / reference);
    const std::string last = fs::path(reference).filename().string();
    std::string hub = reference;  // "org/name" -> "org--name"
    for (size_t p; (p = hub.find('/')) != std::string::npos;) hub.replace(p, 1, "--");
    for (const auto& d : model_dirs) {
        candidates.push_back(fs::path(d) / reference);
        candidates.push_back(fs::path(d) / hub);
        if (!last.empty()) candidates.push_back(fs::path(d) / last);
    }
    for (const auto& c : candidates)
        if (fs::is_directory(c, ec)) return c.string();
    std::string msg = "model " + reference + " is not a local folder";
    if (!model_dirs.empty()) {
        msg += " (looked in";
        for (const auto& d : model_dirs) msg += " " + d;
        msg += ")";
    }
    msg += ": Lancet does not download models. Download it first (e.g. `huggingface-cli download " + reference +
           " --local-dir DIR`), then pass --model " + reference + "=DIR, or --model-dir with the folder holding it";
    return Error{ErrorCode::NotFound, msg};
}

}  // namespace lancet
