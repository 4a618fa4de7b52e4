#include "edit/method_info.h"

#include <cmath>
#include <sstream>

namespace lancet {

const char* param_type_name(ParamType type) {
    switch (type) {
        case ParamType::Int: return "int";
        case ParamType::Double: return "double";
        case ParamType::Bool: return "bool";
        case ParamType::Choice: return "choice";
        case ParamType::String: return "string";
    }
    return "double";
}

ParamInfo make_param(std::string name, std::string label, std::string tooltip, ParamType type, double min, double max,
                     nlohmann::json default_value, bool advanced, bool log_scale) {
    ParamInfo p;
    p.name = std::move(name);
    p.label = std::move(label);
    p.tooltip = std::move(tooltip);
    p.type = type;
    p.min = min;
    p.max = max;
    p.default_value = std::move(default_value);
    p.advanced = advanced;
    p.log_scale = log_scale;
    return p;
}

const ParamInfo* MethodInfo::find(const std::string& key) const {
    for (const auto& p : params)
        if (p.name == key) return &p;
    return nullptr;
}

nlohmann::json MethodInfo::to_json() const {
    nlohmann::json ps = nlohmann::json::array();
    for (const auto& p : params) {
        nlohmann::json j{{"name", p.name},           {"label", p.label},     {"tooltip", p.tooltip},
                         {"type", param_type_name(p.type)}, {"default", p.default_value}, {"advanced", p.advanced}};
        if (p.type == ParamType::Int || p.type == ParamType::Double) {
            j["min"] = p.min;
            j["max"] = p.max;
            if (p.log_scale) j["log_scale"] = true;
        }
        if (p.type == ParamType::Choice) j["choices"] = p.choices;
        ps.push_back(std::move(j));
    }
    return {{"name", name},         {"label", label},           {"description", description}, {"delta_kind", delta_kind},
            {"uses_layers", uses_layers}, {"max_layers", max_layers},
            {"default_layers", default_layers}, {"default_layers_reason", default_layers_reason},
            {"layer_span", layer_span}, {"batches", batches}, {"params", ps}};
}

namespace {

std::string number_text(double v) {
    std::ostringstream os;
    os << v;
    return os.str();
}

}  // namespace

Expected<nlohmann::json> validate_hparams(const MethodInfo& info, const nlohmann::json& values) {
    if (!values.is_null() && !values.is_object())
        return Error{ErrorCode::InvalidArgument, info.name + ": hyperparameters must be a JSON object"};
    nlohmann::json out = nlohmann::json::object();
    for (const auto& p : info.params) out[p.name] = p.default_value;
    if (values.is_null()) return out;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const ParamInfo* p = info.find(it.key());
        auto bad = [&](const std::string& why) {
            return Error{ErrorCode::InvalidArgument, info.name + " hyperparameter \"" + it.key() + "\": " + why};
        };
        if (p == nullptr) {
            std::string known;
            for (const auto& q : info.params) known += (known.empty() ? "" : ", ") + q.name;
            return bad("unknown (" + info.name + " takes " + known + ")");
        }
        const nlohmann::json& v = it.value();
        const std::string range = "[" + number_text(p->min) + ", " + number_text(p->max) + "]";
        switch (p->type) {
            case ParamType::Int: {
                if (!v.is_number()) return bad("must be an integer");
                const double d = v.get<double>();
                if (!std::isfinite(d) || d != std::floor(d)) return bad("must be an integer (got " + v.dump() + ")");
                if (d < p->min || d > p->max) return bad("must lie in " + range + " (got " + v.dump() + ")");
                out[p->name] = static_cast<int64_t>(d);
                break;
            }
            case ParamType::Double: {
                if (!v.is_number()) return bad("must be a number");
                const double d = v.get<double>();
                if (!std::isfinite(d)) return bad("must be finite");
                if (d < p->min || d > p->max) return bad("must lie in " + range + " (got " + v.dump() + ")");
                out[p->name] = d;
                break;
            }
            case ParamType::Bool:
                if (!v.is_boolean()) return bad("must be true or false");
                out[p->name] = v;
                break;
            case ParamType::Choice: {
                if (!v.is_string()) return bad("must be a string");
                bool offered = false;
                std::string list;
                for (const auto& c : p->choices) {
                    offered = offered || c == v.get<std::string>();
                    list += (list.empty() ? "" : ", ") + c;
                }
                if (!offered) return bad("must be one of " + list + " (got " + v.dump() + ")");
                out[p->name] = v;
                break;
            }
            case ParamType::String:
                if (!v.is_string()) return bad("must be a string");
                out[p->name] = v;
                break;
        }
    }
    return out;
}

}  // namespace lancet
