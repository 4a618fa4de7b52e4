#include "args.h"

namespace lancet::cli {

Args::Args(const std::vector<std::string>& words, const ArgSpec& spec) {
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w.size() > 2 && w.compare(0, 2, "--") == 0) {
            std::string name = w.substr(2), value;
            bool inline_value = false;
            if (auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
                inline_value = true;
            }
            if (spec.flags.count(name)) {
                if (inline_value) throw UsageError("--" + name + " takes no value");
                flags_.insert(name);
            } else if (spec.options.count(name)) {
                if (!inline_value) {
                    if (i + 1 >= words.size()) throw UsageError("--" + name + " needs a value");
                    value = words[++i];
                }
                values_[name] = value;
            } else {
                throw UsageError("unknown option --" + name);
            }
        } else {
            positional_.push_back(w);
        }
    }
    if (static_cast<int>(positional_.size()) < spec.min_positional)
        throw UsageError(spec.min_positional == 1 ? "missing MODEL argument" : "missing arguments");
    if (static_cast<int>(positional_.size()) > spec.max_positional)
        throw UsageError("unexpected argument \"" + positional_.back() + "\"");
}

std::optional<std::string> Args::get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::string Args::get_or(const std::string& name, const std::string& fallback) const {
    return get(name).value_or(fallback);
}

long long Args::get_int(const std::string& name, long long fallback) const {
    auto v = get(name);
    if (!v) return fallback;
    try {
        size_t used = 0;
        long long n = std::stoll(*v, &used);
        if (used != v->size()) throw std::invalid_argument(*v);
        return n;
    } catch (const std::exception&) {
        throw UsageError("--" + name + " expects an integer, got \"" + *v + "\"");
    }
}

double Args::get_double(const std::string& name, double fallback) const {
    auto v = get(name);
    if (!v) return fallback;
    try {
        size_t used = 0;
        double d = std::stod(*v, &used);
        if (used != v->size()) throw std::invalid_argument(*v);
        return d;
    } catch (const std::exception&) {
        throw UsageError("--" + name + " expects a number, got \"" + *v + "\"");
    }
}

std::string Args::require(const std::string& name) const {
    auto v = get(name);
    if (!v) throw UsageError("--" + name + " is required");
    return *v;
}

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace lancet::cli
