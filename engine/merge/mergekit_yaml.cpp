#include "merge/mergekit_yaml.h"

#include "merge/merge_methods.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <regex>
#include <set>
#include <sstream>

namespace lancet {

namespace {

int line_of(const YAML::Node& n) {
    const auto m = n.Mark();
    return m.is_null() ? 0 : m.line + 1;
}

std::string at_line(int line) { return line > 0 ? "line " + std::to_string(line) + ": " : std::string(); }

[[noreturn]] void fail_at(const YAML::Node& n, const std::string& what) {
    fail(ErrorCode::InvalidFile, at_line(line_of(n)) + what);
}

// A scalar as JSON: YAML 1.2 core-schema booleans and nulls, numbers when the
// whole text is one, strings otherwise. Quoted scalars (tag "!") stay strings.
nlohmann::json scalar_json(const YAML::Node& n) {
    const std::string& s = n.Scalar();
    if (n.Tag() == "!") return s;
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
    char* end = nullptr;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (end && *end == '\0' && end != s.c_str()) return v;
    const double d = std::strtod(s.c_str(), &end);
    if (end && *end == '\0' && end != s.c_str()) {
        if (!std::isfinite(d)) fail_at(n, "'" + s + "' is not a finite number");
        return d;
    }
    return s;
}

std::string string_of(const YAML::Node& n, const std::string& field) {
    if (!n.IsScalar()) fail_at(n, "'" + field + "' must be a string");
    auto j = scalar_json(n);
    if (j.is_null()) fail_at(n, "'" + field + "' is empty");
    return j.is_string() ? j.get<std::string>() : j.dump();
}

// Iterates a mapping's pairs, refusing duplicate keys and keys outside `known`.
template <class F>
void for_each_field(const YAML::Node& map, const std::string& what, const std::set<std::string>& known, F&& body) {
    if (!map.IsMap()) fail_at(map, what + " must be a mapping");
    std::set<std::string> seen;
    for (const auto& kv : map) {
        if (!kv.first.IsScalar()) fail_at(kv.first, "a key in " + what + " must be a plain name");
        const std::string key = kv.first.Scalar();
        if (!seen.insert(key).second) fail_at(kv.first, "duplicate key '" + key + "'");
        if (!known.empty() && !known.count(key)) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            fail_at(kv.first, "unknown field '" + key + "' in " + what + " (known: " + list + ")");
        }
        body(key, kv.first, kv.second);
    }
}

ParamValue param_value(const YAML::Node& n, const std::string& name, bool allow_conditions = true);

// One {filter, value} entry.
ParamValue::Condition condition_of(const YAML::Node& n, const std::string& name) {
    ParamValue::Condition c;
    bool has_value = false;
    for_each_field(n, "a conditional value of '" + name + "'", {"filter", "value"},
                   [&](const std::string& key, const YAML::Node&, const YAML::Node& v) {
                       if (key == "filter") {
                           c.filter = string_of(v, "filter");
                       } else {
                           c.value = std::make_shared<ParamValue>(param_value(v, name, false));
                           has_value = true;
                       }
                   });
    if (!has_value) fail_at(n, "a conditional value of '" + name + "' needs 'value'");
    return c;
}

ParamValue param_value(const YAML::Node& n, const std::string& name, bool allow_conditions) {
    ParamValue p;
    p.line = line_of(n);
    if (n.IsScalar() || n.IsNull()) {
        p.scalar = n.IsNull() ? nlohmann::json() : scalar_json(n);
        if (p.scalar.is_null()) fail_at(n, "parameter '" + name + "' has no value");
        return p;
    }
    if (n.IsMap()) {
        if (!allow_conditions) fail_at(n, "parameter '" + name + "': a conditional value cannot nest another");
        p.kind = ParamValue::Kind::Conditional;
        p.conditions.push_back(condition_of(n, name));
        return p;
    }
    if (!n.IsSequence()) fail_at(n, "parameter '" + name + "' must be a value, a list or {filter, value}");
    if (n.size() == 0) fail_at(n, "parameter '" + name + "' is an empty list");
    size_t maps = 0, scalars = 0, numbers = 0;
    for (const auto& e : n) {
        if (e.IsMap()) ++maps;
        else if (e.IsScalar()) {
            ++scalars;
            numbers += scalar_json(e).is_number();
        } else
            fail_at(e, "parameter '" + name + "': a list holds numbers (a gradient) or {filter, value} entries");
    }
    if (maps && scalars) fail_at(n, "parameter '" + name + "' mixes {filter, value} entries with plain values");
    if (maps) {
        if (!allow_conditions) fail_at(n, "parameter '" + name + "': a conditional value cannot nest another");
        p.kind = ParamValue::Kind::Conditional;
        for (const auto& e : n) p.conditions.push_back(condition_of(e, name));
        return p;
    }
    if (numbers && numbers != scalars)
        fail_at(n, "parameter '" + name + "': a gradient must list numbers only");
    p.kind = ParamValue::Kind::Gradient;
    for (const auto& e : n) p.gradient.push_back(scalar_json(e));
    return p;
}

ParamMap param_map(const YAML::Node& n, const std::string& where) {
    ParamMap out;
    if (n.IsNull()) return out;
    for_each_field(n, "'parameters' of " + where, {}, [&](const std::string& key, const YAML::Node&, const YAML::Node& v) {
        out[key] = param_value(v, key);
    });
    return out;
}

SliceSource source_of(const YAML::Node& n, bool slice) {
    SliceSource s;
    s.line = line_of(n);
    bool has_model = false;
    const std::set<std::string> known = slice ? std::set<std::string>{"model", "layer_range", "parameters"}
                                              : std::set<std::string>{"model", "parameters"};
    for_each_field(n, slice ? "a slice source" : "a model entry", known,
                   [&](const std::string& key, const YAML::Node&, const YAML::Node& v) {
                       if (key == "model") {
                           s.model = string_of(v, "model");
                           has_model = true;
                       } else if (key == "parameters") {
                           s.parameters = param_map(v, "model " + (s.model.empty() ? std::string("entry") : s.model));
                       } else {
                           if (!v.IsSequence() || v.size() != 2) fail_at(v, "'layer_range' must be [first, end]");
                           auto a = scalar_json(v[0]), b = scalar_json(v[1]);
                           if (!a.is_number_integer() || !b.is_number_integer())
                               fail_at(v, "'layer_range' must be two integers");
                           if (a.get<int64_t>() < 0 || b.get<int64_t>() <= a.get<int64_t>())
                               fail_at(v, "'layer_range' [" + a.dump() + ", " + b.dump() +
                                              "] must satisfy 0 <= first < end");
                           s.layer_range = std::make_pair(a.get<int64_t>(), b.get<int64_t>());
                       }
                   });
    if (!has_model) fail_at(n, std::string(slice ? "a slice source" : "each entry of 'models'") + " needs 'model: PATH'");
    if (slice && !s.layer_range) fail_at(n, "a slice source needs 'layer_range: [first, end]'");
    return s;
}

MergeConfig config_of(const YAML::Node& root) {
    if (!root.IsDefined() || root.IsNull()) fail(ErrorCode::InvalidFile, "the config is empty");
    if (!root.IsMap()) fail_at(root, "a mergekit config must be a mapping (merge_method: ..., models: ...)");
    MergeConfig c;
    int models_line = 0, slices_line = 0, tokenizer_source_line = 0;
    bool has_tokenizer = false;
    static const std::set<std::string> known = {"merge_method", "base_model", "models", "slices", "modules",
                                                "parameters", "dtype", "out_dtype", "tokenizer_source", "tokenizer",
                                                "chat_template", "name"};
    for_each_field(root, "the config", known, [&](const std::string& key, const YAML::Node& k, const YAML::Node& v) {
        if (key == "merge_method") {
            c.merge_method = string_of(v, key);
            c.merge_method_line = line_of(k);
        } else if (key == "base_model") {
            c.base_model = string_of(v, key);
            c.base_model_line = line_of(k);
        } else if (key == "dtype") {
            c.dtype = string_of(v, key);
        } else if (key == "out_dtype") {
            c.out_dtype = string_of(v, key);
        } else if (key == "chat_template") {
            c.chat_template = string_of(v, key);
        } else if (key == "name") {
            // mergekit-multi's stage name: nothing to do for a single merge.
        } else if (key == "tokenizer_source") {
            c.tokenizer_source = string_of(v, key);
            tokenizer_source_line = c.tokenizer_line = line_of(k);
        } else if (key == "tokenizer") {
            c.tokenizer_line = line_of(k);
            has_tokenizer = true;
            for_each_field(v, "'tokenizer'", {"source", "tokens", "pad_to_multiple_of"},
                           [&](const std::string& tk, const YAML::Node& tkey, const YAML::Node& tv) {
                               if (tk == "source") c.tokenizer_source = string_of(tv, "tokenizer.source");
                               else
                                   fail(ErrorCode::Unsupported, at_line(line_of(tkey)) + "'tokenizer." + tk +
                                                                    "' (per-token embedding sources, padding) is "
                                                                    "not supported; use tokenizer.source only");
                           });
            if (c.tokenizer_source.empty()) c.tokenizer_source = "union";  // mergekit's default source
        } else if (key == "modules") {
            fail(ErrorCode::Unsupported, at_line(line_of(k)) +
                                             "'modules' (multi-module models) is not supported; use 'models' or 'slices'");
        } else if (key == "parameters") {
            c.parameters = param_map(v, "the config");
        } else if (key == "models") {
            models_line = line_of(k);
            if (!v.IsSequence() || v.size() == 0) fail_at(k, "'models' must be a list of '- model: PATH' entries");
            ConfigSlice s;
            s.line = line_of(k);
            for (const auto& m : v) s.sources.push_back(source_of(m, false));
            c.slices.push_back(std::move(s));
        } else if (key == "slices") {
            slices_line = line_of(k);
            if (!v.IsSequence() || v.size() == 0) fail_at(k, "'slices' must be a list of '- sources: [...]' entries");
            for (const auto& sl : v) {
                ConfigSlice s;
                s.line = line_of(sl);
                bool has_sources = false;
                for_each_field(sl, "a slice", {"sources", "base_model", "parameters", "residual_weight"},
                               [&](const std::string& sk, const YAML::Node& skey, const YAML::Node& sv) {
                                   if (sk == "sources") {
                                       if (!sv.IsSequence() || sv.size() == 0)
                                           fail_at(skey, "'sources' must be a list of '- model: PATH' entries");
                                       for (const auto& src : sv) s.sources.push_back(source_of(src, true));
                                       has_sources = true;
                                   } else if (sk == "base_model") {
                                       s.base_model = string_of(sv, "base_model");
                                   } else if (sk == "parameters") {
                                       s.parameters = param_map(sv, "a slice");
                                   } else {
                                       fail(ErrorCode::Unsupported,
                                            at_line(line_of(skey)) + "'residual_weight' is not supported");
                                   }
                               });
                if (!has_sources) fail_at(sl, "a slice needs 'sources'");
                c.slices.push_back(std::move(s));
            }
            c.from_slices = true;
        }
    });
    if (c.merge_method.empty()) fail(ErrorCode::InvalidFile, "the config needs 'merge_method' (a string)");
    if (models_line && slices_line)
        fail(ErrorCode::InvalidFile, at_line(std::max(models_line, slices_line)) +
                                         "exactly one of 'models' and 'slices' may be present (line " +
                                         std::to_string(std::min(models_line, slices_line)) + " has the other)");
    if (!models_line && !slices_line) fail(ErrorCode::InvalidFile, "the config needs 'models' or 'slices'");
    if (tokenizer_source_line && has_tokenizer)
        fail(ErrorCode::InvalidFile, at_line(tokenizer_source_line) + "give 'tokenizer' or 'tokenizer_source', not both");
    return c;
}

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

std::optional<uint64_t> seed_comment(const std::string& text) {
    static const std::regex re(R"((?:^|\n)\s*#\s*lancet-seed:\s*(\d+))");
    std::smatch m;
    if (std::regex_search(text, m, re)) return std::stoull(m[1].str());
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

Expected<MergeConfig> parse_merge_config(const std::string& text) {
    return capture([&] {
        YAML::Node root;
        try {
            root = YAML::Load(text);
        } catch (const YAML::DeepRecursion& e) {
            // yaml-cpp's guard against stack exhaustion (its message just says "bad file").
            fail(ErrorCode::InvalidFile, at_line(e.mark.is_null() ? 0 : e.mark.line + 1) + "the YAML nests " +
                                             std::to_string(e.depth()) + " levels deep, more than a config can");
        } catch (const YAML::Exception& e) {
            fail(ErrorCode::InvalidFile, at_line(e.mark.is_null() ? 0 : e.mark.line + 1) + e.msg);
        }
        try {
            MergeConfig c = config_of(root);
            if (auto s = seed_comment(text)) c.seed = *s;
            static const std::regex opts(R"((?:^|\n)\s*#\s*lancet-options:([^\n]*))");
            std::smatch m;
            if (std::regex_search(text, m, opts)) {
                std::istringstream is(m[1].str());
                for (std::string w; is >> w;) {
                    if (w == "election=paper") c.paper_election = true;
                    else if (w == "election=mergekit") c.paper_election = false;
                    else if (w == "trim=vector") c.whole_vector_trim = true;
                    else if (w == "trim=tensor") c.whole_vector_trim = false;
                    else fail(ErrorCode::InvalidFile, "unknown lancet-options word '" + w +
                                                          "' (election=paper|mergekit, trim=vector|tensor)");
                }
            }
            return c;
        } catch (const YAML::Exception& e) {
            fail(ErrorCode::InvalidFile, at_line(e.mark.is_null() ? 0 : e.mark.line + 1) + e.msg);
        }
    });
}

Expected<MergeConfig> load_merge_config(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return Error{ErrorCode::NotFound, "cannot read " + path};
    std::ostringstream os;
    os << f.rdbuf();
    auto c = parse_merge_config(os.str());
    if (!c) return c.error().with_context(path);
    return c;
}

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
                    static const std::regex layer_re(R"(^(?:h|layers|layer|blocks)\.(\d+)\.$)");
                    std::map<int64_t, double> values;
                    bool has_fallback = false;
                    for (const auto& cond : v.conditions) {
                        const double x = scalar_number(*cond.value, key, name);
                        std::smatch m;
                        if (!cond.filter || *cond.filter == "*") {
                            spec.lambda = x;
                            has_fallback = true;
                            break;
                        }
                        if (!std::regex_match(*cond.filter, m, layer_re))
                            fail(ErrorCode::Unsupported, at_line(cond.value->line) + "'lambda' filtered by '" +
                                                             *cond.filter + "': the live sliders scale whole layers only; "
                                                             "merge this config with `lancet-cli merge CONFIG --out DIR`");
                        values[std::stoll(m[1].str())] = x;
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
