// Reading mergekit YAML into merge/merge_config.h's model, with yaml-cpp and
// without LibTorch (lancet_parsers), so tests/fuzz/fuzz_mergekit_yaml.cpp
// fuzzes it in seconds.
#include "merge/merge_config_yaml.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace lancet {

std::string at_line(int line) { return line > 0 ? "line " + std::to_string(line) + ": " : std::string(); }

namespace {

int line_of(const YAML::Node& n) {
    const auto m = n.Mark();
    return m.is_null() ? 0 : m.line + 1;
}

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
                           if (s.model.empty()) fail_at(v, "'model' is an empty name");
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

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// The rest of the first comment line "# KEY..." (spaces allowed before '#' and
// KEY) for which `accept` holds. A line scan, not std::regex: libstdc++'s
// matcher recurses once per character and overflowed the stack on a
// 60 KB comment line (found by fuzz_mergekit_yaml).
template <class Accept>
std::optional<std::string> lancet_comment(const std::string& text, const std::string& key, Accept&& accept) {
    size_t at = 0;
    while (at <= text.size()) {
        size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        size_t i = at;
        while (i < end && is_space(text[i])) ++i;
        if (i < end && text[i] == '#') {
            ++i;
            while (i < end && is_space(text[i])) ++i;
            if (text.compare(i, key.size(), key) == 0) {
                std::string rest = text.substr(i + key.size(), end - i - key.size());
                if (accept(rest)) return rest;
            }
        }
        at = end + 1;
    }
    return std::nullopt;
}

std::optional<uint64_t> seed_comment(const std::string& text) {
    auto digits_after_spaces = [](const std::string& rest) {
        size_t i = 0;
        while (i < rest.size() && is_space(rest[i])) ++i;
        return i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]));
    };
    auto rest = lancet_comment(text, "lancet-seed:", digits_after_spaces);
    if (!rest) return std::nullopt;
    size_t i = 0;
    while (is_space((*rest)[i])) ++i;
    size_t j = i;
    while (j < rest->size() && std::isdigit(static_cast<unsigned char>((*rest)[j]))) ++j;
    // std::stoull threw out_of_range (an internal error) for 2^64 and beyond.
    uint64_t seed = 0;
    const auto [end, ec] = std::from_chars(rest->data() + i, rest->data() + j, seed);
    if (ec != std::errc() || end != rest->data() + j)
        fail(ErrorCode::InvalidFile, "'# lancet-seed: " + rest->substr(i, std::min<size_t>(j - i, 40)) +
                                         "' is not a seed below 2^64");
    return seed;
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
            if (auto options = lancet_comment(text, "lancet-options:", [](const std::string&) { return true; })) {
                std::istringstream is(*options);
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

}  // namespace lancet
