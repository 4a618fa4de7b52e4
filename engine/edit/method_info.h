// What an editing method says about itself: its name, what it does, and each
// hyperparameter's name, type, range, default and a tooltip that teaches.
//
// Free of LibTorch on purpose: the workbench generates a method's parameter form
// from this description (no form is hand-built per method), the CLI prints it in
// `lancet-cli edit --list-methods`, and validate_hparams() checks a request's
// values against it before any method runs.
#pragma once

#include "core/result.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lancet {

enum class ParamType { Int, Double, Bool, Choice, String };
const char* param_type_name(ParamType type);  // "int", "double", "bool", "choice", "string"

struct ParamInfo {
    std::string name;      // the JSON key in EditSpec::hparams ("v_num_grad_steps")
    std::string label;     // short form label ("Adam steps for v*")
    std::string tooltip;   // what it does and why one would change it
    ParamType type = ParamType::Double;
    double min = 0;        // Int and Double: inclusive range
    double max = 0;
    nlohmann::json default_value;       // for the model the info was made for
    std::vector<std::string> choices;   // Choice only
    bool advanced = false;              // the form folds these away
    bool log_scale = false;             // Double: spans decades (learning rates)
};

struct MethodInfo {
    std::string name;         // "rome"
    std::string label;        // "ROME"
    std::string description;  // one paragraph: what it changes and the reference it follows
    std::string delta_kind;   // "rank-one", "low-rank", "dense": how the weight change is stored
    bool uses_layers = true;  // EditSpec::layers means something to it
    int max_layers = 1;       // how many layers it edits at once (0: any number)
    // Layers used when a request names none, with why (published ranges, a model
    // folder's declaration); empty: the causal trace's site (surgery.h), spread
    // over up to layer_span layers ending there.
    std::vector<int> default_layers;
    std::string default_layers_reason;
    int layer_span = 1;
    bool batches = false;     // edits many requests in one computation (EditMethod::compute_batch)
    std::vector<ParamInfo> params;

    const ParamInfo* find(const std::string& name) const;
    nlohmann::json to_json() const;
};

// A numeric (or boolean/string) parameter description in one call, for the
// methods' info() lists; choices are added to the result for Choice.
ParamInfo make_param(std::string name, std::string label, std::string tooltip, ParamType type, double min, double max,
                     nlohmann::json default_value, bool advanced = false, bool log_scale = false);

// The defaults of `info` with `values` laid over them, each checked: unknown
// names, wrong types, values outside [min, max] and choices not offered are
// InvalidArgument naming the parameter and what it accepts. An integer given
// for a Double is taken; a fractional number for an Int is refused.
Expected<nlohmann::json> validate_hparams(const MethodInfo& info, const nlohmann::json& values);

}  // namespace lancet
