#include "merge/mergekit_yaml.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <set>
#include <sstream>

namespace lancet {

namespace {

struct Line {
    int number = 0;
    int indent = 0;
    std::string text;  // without indentation, comment and trailing spaces
};

[[noreturn]] void yaml_fail(int line, const std::string& what) {
    fail(ErrorCode::InvalidFile, "line " + std::to_string(line) + ": " + what);
}

// Strips a comment (a '#' at the start or after whitespace, outside quotes).
std::string strip_comment(const std::string& s, int line) {
    char quote = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == '\\' && quote == '"') ++i;
            else if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
            return s.substr(0, i);
        }
    }
    if (quote) yaml_fail(line, "unterminated quoted string");
    return s;
}

std::string rtrim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
    return s;
}

nlohmann::json parse_scalar(const std::string& raw, int line) {
    const std::string s = rtrim(raw);
    if (s.empty()) return nullptr;
    const char c = s[0];
    if (c == '"' || c == '\'') {
        if (s.size() < 2 || s.back() != c) yaml_fail(line, "a quoted string must end the value: " + s);
        std::string out;
        for (size_t i = 1; i + 1 < s.size(); ++i) {
            if (c == '\'' && s[i] == '\'' && i + 2 < s.size() && s[i + 1] == '\'') {
                out += '\'';
                ++i;
            } else if (c == '"' && s[i] == '\\' && i + 2 < s.size()) {
                const char e = s[++i];
                switch (e) {
                    case 'n': out += '\n'; break;
                    case 't': out += '\t'; break;
                    case '"': out += '"'; break;
                    case '\\': out += '\\'; break;
                    case '/': out += '/'; break;
                    default: yaml_fail(line, std::string("unsupported escape \\") + e);
                }
            } else {
                out += s[i];
            }
        }
        return out;
    }
    if (c == '[' || c == '{') yaml_fail(line, "flow collections ([...] / {...}) are not supported; use block style");
    if (c == '&' || c == '*') yaml_fail(line, "anchors and aliases are not supported");
    if (c == '!') yaml_fail(line, "tags are not supported");
    if (c == '|' || c == '>') yaml_fail(line, "block scalars (| and >) are not supported");
    if (s == "true" || s == "True" || s == "TRUE") return true;
    if (s == "false" || s == "False" || s == "FALSE") return false;
    if (s == "null" || s == "~" || s == "Null" || s == "NULL") return nullptr;
    // Numbers: the whole text must parse.
    {
        char* end = nullptr;
        const long long v = std::strtoll(s.c_str(), &end, 10);
        if (end && *end == '\0' && end != s.c_str()) return v;
        const double d = std::strtod(s.c_str(), &end);
        if (end && *end == '\0' && end != s.c_str() && std::isfinite(d)) return d;
    }
    return s;
}

class Parser {
public:
    explicit Parser(std::vector<Line> lines) : lines_(std::move(lines)) {}

    nlohmann::json parse_document() {
        if (lines_.empty()) return nlohmann::json::object();
        auto v = parse_node(lines_[0].indent);
        if (pos_ < lines_.size()) yaml_fail(lines_[pos_].number, "unexpected indentation");
        return v;
    }

private:
    static bool is_item(const std::string& t) { return t == "-" || t.rfind("- ", 0) == 0; }

    nlohmann::json parse_node(int indent) {
        if (is_item(lines_[pos_].text)) return parse_sequence(indent);
        return parse_mapping(indent);
    }

    nlohmann::json parse_sequence(int indent) {
        auto out = nlohmann::json::array();
        while (pos_ < lines_.size() && lines_[pos_].indent == indent && is_item(lines_[pos_].text)) {
            Line& l = lines_[pos_];
            std::string rest = l.text.size() > 1 ? l.text.substr(2) : "";
            size_t extra = 0;
            while (extra < rest.size() && rest[extra] == ' ') ++extra;
            rest = rest.substr(extra);
            if (rest.empty()) {
                ++pos_;
                if (pos_ >= lines_.size() || lines_[pos_].indent <= indent) {
                    out.push_back(nullptr);
                    continue;
                }
                out.push_back(parse_node(lines_[pos_].indent));
                continue;
            }
            if (is_item(rest)) yaml_fail(l.number, "nested sequences on one line are not supported");
            if (find_key_colon(rest) == std::string::npos) {
                out.push_back(parse_scalar(rest, l.number));
                ++pos_;
                continue;
            }
            // "- key: value": the item is a mapping whose keys sit at the column after "- ".
            l.indent = indent + 2 + static_cast<int>(extra);
            l.text = rest;
            out.push_back(parse_mapping(l.indent));
        }
        if (pos_ < lines_.size() && lines_[pos_].indent > indent) yaml_fail(lines_[pos_].number, "unexpected indentation");
        return out;
    }

    // Position of the ':' that ends a key (followed by a space or the end), outside quotes.
    static size_t find_key_colon(const std::string& t) {
        char quote = 0;
        for (size_t i = 0; i < t.size(); ++i) {
            const char c = t[i];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ':' && (i + 1 == t.size() || t[i + 1] == ' ')) {
                return i;
            }
        }
        return std::string::npos;
    }

    nlohmann::json parse_mapping(int indent) {
        auto out = nlohmann::json::object();
        while (pos_ < lines_.size() && lines_[pos_].indent == indent) {
            const Line l = lines_[pos_];
            if (is_item(l.text)) yaml_fail(l.number, "a sequence item where a mapping key was expected");
            const size_t colon = find_key_colon(l.text);
            if (colon == std::string::npos) yaml_fail(l.number, "expected 'key: value', got '" + l.text + "'");
            auto key_json = parse_scalar(l.text.substr(0, colon), l.number);
            const std::string key = key_json.is_string() ? key_json.get<std::string>() : key_json.dump();
            if (key.empty()) yaml_fail(l.number, "empty key");
            if (out.contains(key)) yaml_fail(l.number, "duplicate key '" + key + "'");
            std::string value = colon + 1 < l.text.size() ? l.text.substr(colon + 1) : "";
            size_t sp = 0;
            while (sp < value.size() && value[sp] == ' ') ++sp;
            value = value.substr(sp);
            ++pos_;
            if (!value.empty()) {
                out[key] = parse_scalar(value, l.number);
                continue;
            }
            if (pos_ < lines_.size() &&
                (lines_[pos_].indent > indent || (lines_[pos_].indent == indent && is_item(lines_[pos_].text)))) {
                out[key] = parse_node(lines_[pos_].indent);
            } else {
                out[key] = nullptr;
            }
        }
        if (pos_ < lines_.size() && lines_[pos_].indent > indent) yaml_fail(lines_[pos_].number, "unexpected indentation");
        return out;
    }

    std::vector<Line> lines_;
    size_t pos_ = 0;
};

// The line number of the first occurrence of "key:" at or after a line, for messages.
struct LineFinder {
    std::vector<std::string> raw;
    int find(const std::string& key, int from = 1) const {
        for (size_t i = static_cast<size_t>(std::max(from, 1)) - 1; i < raw.size(); ++i) {
            auto p = raw[i].find(key + ":");
            if (p != std::string::npos) return static_cast<int>(i) + 1;
        }
        return 0;
    }
};

[[noreturn]] void config_fail(const LineFinder& lf, const std::string& key, const std::string& what) {
    const int line = lf.find(key);
    fail(ErrorCode::InvalidFile, (line ? "line " + std::to_string(line) + ": " : std::string()) + what);
}

double number_of(const nlohmann::json& v, const LineFinder& lf, const std::string& key) {
    if (!v.is_number()) {
        if (v.is_array()) config_fail(lf, key, "'" + key + "' as a gradient list is not supported; use one number");
        config_fail(lf, key, "'" + key + "' must be a number");
    }
    return v.get<double>();
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream is(text);
    std::string s;
    while (std::getline(is, s)) out.push_back(s);
    return out;
}

std::string yaml_string(const std::string& s) {
    bool plain = !s.empty();
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '_' || c == '-')) plain = false;
    if (plain && parse_scalar(s, 0).is_string() && s[0] != '-') return s;
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

std::string num(double v) {
    std::ostringstream os;
    os << std::setprecision(17) << v;
    std::string s = os.str();
    // shortest form that reads back exactly
    for (int p = 1; p <= 17; ++p) {
        std::ostringstream t;
        t << std::setprecision(p) << v;
        if (std::strtod(t.str().c_str(), nullptr) == v) return t.str();
    }
    return s;
}

}  // namespace

Expected<nlohmann::json> parse_yaml_subset(const std::string& text) {
    return capture([&] {
        std::vector<Line> lines;
        int number = 0;
        for (const auto& raw_line : split_lines(text)) {
            ++number;
            std::string s = rtrim(raw_line);
            if (s.find('\t') != std::string::npos && s.find_first_not_of(" \t") > s.find('\t'))
                yaml_fail(number, "tabs are not allowed for indentation");
            if (s == "---" && lines.empty()) continue;
            if (s == "---" || s == "...") yaml_fail(number, "multiple documents are not supported");
            s = rtrim(strip_comment(s, number));
            const size_t first = s.find_first_not_of(' ');
            if (first == std::string::npos) continue;
            if (s[first] == '%') yaml_fail(number, "directives are not supported");
            lines.push_back({number, static_cast<int>(first), s.substr(first)});
        }
        if (!lines.empty() && lines[0].indent != 0) yaml_fail(lines[0].number, "the document must start at column 1");
        return Parser(std::move(lines)).parse_document();
    });
}

Expected<MergeSpec> parse_mergekit_yaml(const std::string& text) {
    auto doc = parse_yaml_subset(text);
    if (!doc) return doc.error();
    return capture([&] {
        LineFinder lf{split_lines(text)};
        const auto& j = *doc;
        if (!j.is_object()) fail(ErrorCode::InvalidFile, "line 1: a mergekit config must be a mapping");
        for (const auto& [key, v] : j.items()) {
            static const std::set<std::string> known = {"merge_method", "base_model", "models", "parameters", "dtype",
                                                        "out_dtype"};
            if (key == "slices" || key == "modules")
                config_fail(lf, key, "'" + key + "' (layer slicing) is not supported; list the models under 'models'");
            if (key == "tokenizer" || key == "tokenizer_source" || key == "chat_template")
                config_fail(lf, key, "'" + key + "' is not supported: every model must share the base's tokenizer");
            if (!known.count(key)) config_fail(lf, key, "unknown field '" + key + "'");
        }
        MergeSpec spec;
        if (!j.contains("merge_method") || !j["merge_method"].is_string())
            fail(ErrorCode::InvalidFile, "the config needs 'merge_method' (a string)");
        auto method = parse_merge_method(j["merge_method"].get<std::string>());
        if (!method) config_fail(lf, "merge_method", method.error().message);
        spec.method = *method;
        spec.normalize = MergeSpec::default_normalize(spec.method);
        spec.mergekit_election = true;
        spec.trim_scope = TrimScope::PerTensor;
        if (j.contains("base_model")) {
            if (!j["base_model"].is_string()) config_fail(lf, "base_model", "'base_model' must be a string");
            spec.base_model = j["base_model"].get<std::string>();
        }
        if (spec.base_model.empty() && spec.method != MergeMethod::Linear)
            fail(ErrorCode::InvalidFile, std::string("'") + merge_method_name(spec.method) + "' needs a 'base_model'");
        for (const char* key : {"dtype", "out_dtype"})
            if (j.contains(key)) {
                if (!j[key].is_string()) config_fail(lf, key, std::string("'") + key + "' must be a string");
                if (spec.dtype.empty() || std::string(key) == "out_dtype") spec.dtype = j[key].get<std::string>();
            }
        if (j.contains("parameters") && !j["parameters"].is_null()) {
            if (!j["parameters"].is_object()) config_fail(lf, "parameters", "'parameters' must be a mapping");
            for (const auto& [key, v] : j["parameters"].items()) {
                if (key == "lambda") spec.lambda = number_of(v, lf, key);
                else if (key == "normalize") {
                    if (!v.is_boolean()) config_fail(lf, key, "'normalize' must be true or false");
                    spec.normalize = v.get<bool>();
                } else if (key == "rescale" || key == "int8_mask") {
                    if (!v.is_boolean()) config_fail(lf, key, "'" + key + "' must be true or false");
                    if (key == "rescale" && !v.get<bool>())
                        config_fail(lf, key, "'rescale: false' (DARE without rescaling) is not supported");
                } else config_fail(lf, key, "global parameter '" + key + "' is not supported (lambda, normalize)");
            }
        }
        if (!j.contains("models") || !j["models"].is_array() || j["models"].empty())
            fail(ErrorCode::InvalidFile, "the config needs 'models', a list of '- model: PATH' entries");
        int from = lf.find("models");
        for (const auto& m : j["models"]) {
            const int line = lf.find("model", from + 1);
            from = line ? line : from;
            auto where = [&](const std::string& what) {
                fail(ErrorCode::InvalidFile, (line ? "line " + std::to_string(line) + ": " : std::string()) + what);
            };
            if (!m.is_object() || !m.contains("model") || !m["model"].is_string())
                where("each entry of 'models' needs 'model: PATH'");
            TaskSpec t;
            t.model = m["model"].get<std::string>();
            for (const auto& [key, v] : m.items())
                if (key != "model" && key != "parameters") where("unknown field '" + key + "' in a model entry");
            if (m.contains("parameters") && !m["parameters"].is_null()) {
                if (!m["parameters"].is_object()) where("'parameters' must be a mapping");
                for (const auto& [key, v] : m["parameters"].items()) {
                    if (key == "weight") t.weight = number_of(v, lf, key);
                    else if (key == "density") t.density = number_of(v, lf, key);
                    else where("model parameter '" + key + "' is not supported (weight, density)");
                }
            }
            // The base model listed among the models (common for ties configs) contributes tau = 0.
            if (t.model == spec.base_model && spec.method != MergeMethod::Linear) continue;
            spec.tasks.push_back(t);
        }
        if (spec.tasks.empty()) fail(ErrorCode::InvalidFile, "no models to merge besides the base model");
        for (size_t i = 0; i < spec.tasks.size(); ++i) {
            const auto& t = spec.tasks[i];
            if (!(t.weight >= -1.0 && t.weight <= 2.0))
                fail(ErrorCode::InvalidFile, "model " + t.model + ": weight " + num(t.weight) + " is outside [-1, 2]");
            if (!(t.density >= 0.0 && t.density <= 1.0))
                fail(ErrorCode::InvalidFile, "model " + t.model + ": density " + num(t.density) + " is outside [0, 1]");
        }
        return spec;
    });
}

Expected<MergeSpec> load_mergekit_yaml(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return Error{ErrorCode::NotFound, "cannot read " + path};
    std::ostringstream os;
    os << f.rdbuf();
    auto spec = parse_mergekit_yaml(os.str());
    if (!spec) return spec.error().with_context(path);
    return spec;
}

std::string to_mergekit_yaml(const MergeSpec& spec) {
    std::ostringstream os;
    os << "# written by Lancet\n";
    os << "merge_method: " << merge_method_name(spec.method) << "\n";
    if (!spec.base_model.empty()) os << "base_model: " << yaml_string(spec.base_model) << "\n";
    os << "models:\n";
    for (const auto& t : spec.tasks) {
        os << "  - model: " << yaml_string(t.model) << "\n";
        os << "    parameters:\n";
        os << "      weight: " << num(t.weight) << "\n";
        if (spec.method != MergeMethod::Linear && spec.method != MergeMethod::TaskArithmetic)
            os << "      density: " << num(t.density) << "\n";
    }
    os << "parameters:\n";
    if (spec.method != MergeMethod::Linear) os << "  lambda: " << num(spec.lambda) << "\n";
    os << "  normalize: " << (spec.normalize ? "true" : "false") << "\n";
    if (!spec.dtype.empty()) os << "dtype: " << spec.dtype << "\n";
    return os.str();
}

}  // namespace lancet
