#include "merge/mergekit_yaml.h"

#include "merge/merge_methods.h"

#include <charconv>
#include <cctype>
#include <cmath>
#include <optional>
#include <cstdlib>
#include <iomanip>
#include <set>
#include <sstream>

namespace lancet {

namespace {

std::string num(double v) {
    for (int p = 1; p <= 17; ++p) {
        std::ostringstream t;
        t << std::setprecision(p) << v;
        if (std::strtod(t.str().c_str(), nullptr) == v) {
            std::string s = t.str();
            // "1" would read back as an integer: still the same number, but keep floats looking like floats.
            if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
            return s;
        }
    }
    std::ostringstream t;
    t << std::setprecision(17) << v;
    return t.str();
}

// Plain when YAML reads it back as the same string, double-quoted otherwise.
std::string yaml_string(const std::string& s) {
    bool plain = !s.empty();
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '_' || c == '-')) plain = false;
    if (plain && s[0] != '-' && s[0] != '.') {
        char* end = nullptr;
        std::strtod(s.c_str(), &end);
        const bool numeric = end && *end == '\0';
        static const std::set<std::string> reserved = {"true", "false", "True", "False", "TRUE", "FALSE",
                                                       "null", "Null", "NULL", "yes", "no", "on", "off"};
        if (!numeric && !reserved.count(s)) return s;
    }
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

// "h.3." / "layers.3." ...: the filters to_mergekit_yaml writes for one layer,
// matching layer_of_tensor()'s layer containers.
const char* const kLayerContainers[] = {"h", "layers", "layer", "blocks"};

// The layer of a filter to_mergekit_yaml writes ("h.3.", "layers.3.", ...);
// none for any other filter. Parsed by hand: std::regex recursed per digit
// (a stack overflow on a long one) and std::stoll threw beyond int64.
std::optional<int64_t> layer_of_filter(const std::string& filter) {
    for (const char* container : kLayerContainers) {
        const std::string prefix = std::string(container) + ".";
        if (filter.size() < prefix.size() + 2 || filter.compare(0, prefix.size(), prefix) != 0 || filter.back() != '.')
            continue;
        const char* first = filter.data() + prefix.size();
        const char* last = filter.data() + filter.size() - 1;
        int64_t layer = 0;
        const auto [end, ec] = std::from_chars(first, last, layer);
        if (ec == std::errc() && end == last && layer >= 0 && std::isdigit(static_cast<unsigned char>(*first)))
            return layer;
    }
    return std::nullopt;
}

double scalar_number(const ParamValue& p, const std::string& name, const std::string& method) {
    if (p.kind != ParamValue::Kind::Scalar)
        fail(ErrorCode::Unsupported, at_line(p.line) + "'" + name +
                                         "' varies over layers or tensors: the live sliders take one number; merge "
                                         "this config with `lancet-cli merge CONFIG --out DIR` (" + method + ")");
    if (!p.scalar.is_number()) fail(ErrorCode::InvalidFile, at_line(p.line) + "'" + name + "' must be a number");
    return p.scalar.get<double>();
}

bool scalar_bool(const ParamValue& p, const std::string& name) {
    if (p.kind != ParamValue::Kind::Scalar || !p.scalar.is_boolean())
        fail(ErrorCode::InvalidFile, at_line(p.line) + "'" + name + "' must be true or false");
    return p.scalar.get<bool>();
}

}  // namespace

Expected<MergeSpec> spec_from_config(const MergeConfig& c) {
    return capture([&] {
        auto method = parse_merge_method(c.merge_method);
        if (!method) {
            const auto* info = find_merge_method_info(c.merge_method);
            if (!info)
                fail(ErrorCode::Unsupported, at_line(c.merge_method_line) + "merge method '" + c.merge_method +
                                                 "' is not supported (" + merge_method_names() + ")");
            fail(ErrorCode::Unsupported, at_line(c.merge_method_line) + "'" + c.merge_method +
                                             "' merges from YAML (`lancet-cli merge CONFIG --out DIR`); the live "
                                             "sliders drive linear, task_arithmetic, ties, dare_linear and dare_ties");
        }
        if (c.from_slices)
            fail(ErrorCode::Unsupported, at_line(c.slices.at(0).line) +
                                             "'slices' merges from YAML (`lancet-cli merge CONFIG --out DIR`); the "
                                             "live sliders take whole models under 'models'");
        MergeSpec spec;
        spec.method = *method;
        spec.normalize = MergeSpec::default_normalize(spec.method);
        spec.mergekit_election = !c.paper_election;
        spec.trim_scope = c.whole_vector_trim ? TrimScope::WholeVector : TrimScope::PerTensor;
        spec.seed = c.seed;
        spec.base_model = c.base_model;
        spec.dtype = c.out_dtype.empty() ? c.dtype : c.out_dtype;
        const bool dare = spec.method == MergeMethod::DareLinear || spec.method == MergeMethod::DareTies;
        const std::string name = c.merge_method;
        if (spec.base_model.empty() && spec.method != MergeMethod::Linear)
            fail(ErrorCode::InvalidFile, "'" + name + "' needs a 'base_model'");
        double default_weight = 1.0, default_density = 1.0;
        for (const auto& [key, v] : c.parameters) {
            if (key == "lambda") {
                if (v.kind == ParamValue::Kind::Conditional) {
                    // to_mergekit_yaml's per-layer form: {filter: "h.N.", value} ..., then the fallback.
                    std::map<int64_t, double> values;
                    bool has_fallback = false;
                    for (const auto& cond : v.conditions) {
                        const double x = scalar_number(*cond.value, key, name);
                        if (!cond.filter || *cond.filter == "*") {
                            spec.lambda = x;
                            has_fallback = true;
                            break;
                        }
                        const std::optional<int64_t> layer = layer_of_filter(*cond.filter);
                        if (!layer)
                            fail(ErrorCode::Unsupported, at_line(cond.value->line) + "'lambda' filtered by '" +
                                                             *cond.filter + "': the live sliders scale whole layers only; "
                                                             "merge this config with `lancet-cli merge CONFIG --out DIR`");
                        values[*layer] = x;
                    }
                    if (!has_fallback) fail(ErrorCode::InvalidFile, at_line(v.line) + "'lambda' needs a last entry without a filter");
                    for (const auto& [layer, x] : values)
                        spec.layer_scale[layer] = spec.lambda != 0.0 ? x / spec.lambda : 0.0;
                } else {
                    spec.lambda = scalar_number(v, key, name);
                }
            } else if (key == "normalize") {
                spec.normalize = scalar_bool(v, key);
            } else if (key == "int8_mask") {
                scalar_bool(v, key);  // a memory saving in mergekit; the result is the same
            } else if (key == "rescale") {
                if (scalar_bool(v, key) != dare)
                    fail(ErrorCode::Unsupported, at_line(v.line) + "'rescale: " + (dare ? "false" : "true") + "' with " +
                                                     name + " is not supported (DARE always rescales, by 1/(1-p))");
            } else if (key == "weight") {
                default_weight = scalar_number(v, key, name);
            } else if (key == "density") {
                default_density = scalar_number(v, key, name);
            } else {
                fail(ErrorCode::InvalidFile, at_line(v.line) + "parameter '" + key + "' is not used by " + name +
                                                 " (lambda, normalize, rescale, int8_mask, weight, density)");
            }
        }
        for (const auto& src : c.slices.at(0).sources) {
            TaskSpec t;
            t.model = src.model;
            t.weight = default_weight;
            t.density = default_density;
            for (const auto& [key, v] : src.parameters) {
                if (key == "weight") {
                    t.weight = scalar_number(v, key, name);
                } else if (key == "density") {
                    t.density = scalar_number(v, key, name);
                } else {
                    fail(ErrorCode::InvalidFile, at_line(v.line) + "model parameter '" + key + "' is not used by " +
                                                     name + " (weight, density)");
                }
            }
            // The base listed among the models (common in ties configs) contributes tau = 0.
            if (src.model == spec.base_model && spec.method != MergeMethod::Linear) continue;
            if (!(t.weight >= -1.0 && t.weight <= 2.0))
                fail(ErrorCode::InvalidFile, at_line(src.line) + "model " + t.model + ": weight " + num(t.weight) +
                                                 " is outside [-1, 2]");
            if (!(t.density >= 0.0 && t.density <= 1.0))
                fail(ErrorCode::InvalidFile, at_line(src.line) + "model " + t.model + ": density " + num(t.density) +
                                                 " is outside [0, 1]");
            spec.tasks.push_back(t);
        }
        if (spec.tasks.empty()) fail(ErrorCode::InvalidFile, "no models to merge besides the base model");
        return spec;
    });
}

Expected<MergeSpec> parse_mergekit_yaml(const std::string& text) {
    auto c = parse_merge_config(text);
    if (!c) return c.error();
    return spec_from_config(*c);
}

Expected<MergeSpec> load_mergekit_yaml(const std::string& path) {
    auto c = load_merge_config(path);
    if (!c) return c.error();
    auto s = spec_from_config(*c);
    if (!s) return s.error().with_context(path);
    return s;
}

Expected<AppliedMerge> applied_from_config(const MergeConfig& c) {
    return capture([&] {
        const MergeMethodInfo* info = find_merge_method_info(c.merge_method);
        if (!info)
            fail(ErrorCode::Unsupported, at_line(c.merge_method_line) + "merge method '" + c.merge_method +
                                             "' is not supported (" + merge_method_names() + ")");
        if (c.from_slices)
            fail(ErrorCode::Unsupported, at_line(c.slices.at(0).line) +
                                             "'slices' merges from YAML (`lancet-cli merge CONFIG --out DIR`), not "
                                             "in a live session");
        AppliedMerge m;
        m.method = c.merge_method;
        m.base_model = c.base_model;
        m.seed = c.seed;
        auto single = [&](const std::string& name, const ParamValue& v) -> nlohmann::json {
            if (v.kind != ParamValue::Kind::Scalar)
                fail(ErrorCode::Unsupported, at_line(v.line) + "'" + name +
                                                 "' varies over layers or tensors: a live session takes one value; "
                                                 "merge this config with `lancet-cli merge CONFIG --out DIR`");
            return v.scalar;
        };
        auto known = [&](const std::vector<MergeParamDef>& defs, const std::string& name) {
            for (const auto& d : defs)
                if (d.name == name) return true;
            return false;
        };
        for (const auto& [k, v] : c.parameters) {
            if (known(info->globals, k)) m.params[k] = single(k, v);
            else if (!known(info->per_model, k))
                fail(ErrorCode::InvalidFile, at_line(v.line) + "parameter '" + k + "' is not used by " + m.method);
        }
        for (const auto& src : c.slices.at(0).sources) {
            if (src.model == c.base_model) continue;  // the base is the session's, never a task
            MergeParams mp;
            for (const auto& d : info->per_model) {  // a global value of a per-model parameter applies to each
                auto it = c.parameters.find(d.name);
                if (it != c.parameters.end()) mp[d.name] = single(d.name, it->second);
            }
            for (const auto& [k, v] : src.parameters) {
                if (!known(info->per_model, k))
                    fail(ErrorCode::InvalidFile, at_line(v.line) + "model parameter '" + k + "' is not used by " + m.method);
                mp[k] = single(k, v);
            }
            m.models.push_back(src.model);
            m.per_model.push_back(std::move(mp));
        }
        if (m.models.empty()) fail(ErrorCode::InvalidFile, "no models to merge besides the base model");
        return m;
    });
}

std::string to_mergekit_yaml(const AppliedMerge& m) {
    // Values as JSON scalars, which YAML reads back unchanged (numbers, booleans, quoted strings).
    auto flow = [](const MergeParams& p) {
        std::string s = "{";
        for (const auto& [k, v] : p) {
            if (v.is_null()) continue;
            s += (s.size() > 1 ? ", " : "") + k + ": " + (v.is_number_float() ? num(v.get<double>()) : v.dump());
        }
        return s + "}";
    };
    std::ostringstream os;
    os << "# written by Lancet\n";
    os << "# lancet-seed: " << m.seed << "\n";
    os << "merge_method: " << m.method << "\n";
    if (!m.base_model.empty()) os << "base_model: " << yaml_string(m.base_model) << "\n";
    os << "models:\n";
    for (size_t i = 0; i < m.models.size(); ++i) {
        os << "  - model: " << yaml_string(m.models[i]) << "\n";
        if (i < m.per_model.size() && flow(m.per_model[i]) != "{}") os << "    parameters: " << flow(m.per_model[i]) << "\n";
    }
    if (flow(m.params) != "{}") os << "parameters: " << flow(m.params) << "\n";
    return os.str();
}

std::string to_mergekit_yaml(const MergeSpec& spec) {
    std::ostringstream os;
    os << "# written by Lancet\n";
    os << "# lancet-seed: " << spec.seed << "\n";
    const bool ties = spec.method == MergeMethod::Ties || spec.method == MergeMethod::DareTies;
    std::string options;
    if (ties && !spec.mergekit_election) options += " election=paper";
    if (spec.method == MergeMethod::Ties && spec.trim_scope == TrimScope::WholeVector) options += " trim=vector";
    // mergekit ignores comments: it would run its own TIES (weights in the election, per-tensor trim).
    if (!options.empty()) os << "# lancet-options:" << options << "\n";
    os << "merge_method: " << merge_method_name(spec.method) << "\n";
    if (!spec.base_model.empty()) os << "base_model: " << yaml_string(spec.base_model) << "\n";
    os << "models:\n";
    for (const auto& t : spec.tasks) {
        os << "  - model: " << yaml_string(t.model.empty() ? std::string("task") : t.model) << "\n";
        os << "    parameters:\n";
        os << "      weight: " << num(t.weight) << "\n";
        if (spec.method != MergeMethod::Linear && spec.method != MergeMethod::TaskArithmetic)
            os << "      density: " << num(t.density) << "\n";
    }
    os << "parameters:\n";
    if (spec.method != MergeMethod::Linear) {
        bool scaled = false;
        for (const auto& [layer, s] : spec.layer_scale) scaled = scaled || s != 1.0;
        if (!scaled) {
            os << "  lambda: " << num(spec.lambda) << "\n";
        } else {
            // One conditional per layer container spelling, so the filter matches
            // whichever one the checkpoint uses ("transformer.h.3.", "model.layers.3.").
            os << "  lambda:\n";
            for (const auto& [layer, s] : spec.layer_scale) {
                if (s == 1.0) continue;
                for (const char* c : kLayerContainers)
                    os << "    - {filter: \"" << c << "." << layer << ".\", value: " << num(spec.lambda * s) << "}\n";
            }
            os << "    - value: " << num(spec.lambda) << "\n";
        }
    }
    os << "  normalize: " << (spec.normalize ? "true" : "false") << "\n";
    if (spec.method == MergeMethod::DareLinear || spec.method == MergeMethod::DareTies) os << "  rescale: true\n";
    if (!spec.dtype.empty()) os << "dtype: " << spec.dtype << "\n";
    return os.str();
}

}  // namespace lancet
