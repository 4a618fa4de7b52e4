// The mergekit configuration model, as Lancet holds it after parsing
// (merge/mergekit_yaml.h reads and writes the YAML; merge/config_merge.h runs it).
//
//   merge_method, base_model, dtype, out_dtype, tokenizer_source | tokenizer, chat_template
//   exactly one of:
//     models:  [{model, parameters}]                       every layer of each model
//     slices:  [{sources: [{model, layer_range: [a, b], parameters}], base_model, parameters}]
//   parameters: global
//
// A parameter value is a scalar (number, bool or string), a gradient (a list of
// numbers interpolated over the relative depth t in [0, 1], or a list of
// strings indexed by it) or a list of conditionals {filter, value} where the
// first entry whose filter is a substring of the tensor name (or has no
// filter, or "*") gives the value. This follows mergekit's evaluate_setting
// (config.py) exactly, including its truncating index and where t comes from:
// layer idx of a slice of n layers has t = idx / (n - 1) (t = 1 when n = 1);
// tensors before the layer stack (embeddings) take t = 0 and the first slice,
// tensors after it (final norm, LM head) t = 1 and the last slice.
//
// Precedence when looking a parameter up for one model and tensor: the slice
// source's own parameters (a `models:` entry's parameters), then the slice's,
// then the global ones; a value that evaluates to nothing (no conditional
// matched) falls through to the next level, as in mergekit's ConfigReader.
#pragma once

#include "core/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lancet {

struct ParamValue {
    enum class Kind { Scalar, Gradient, Conditional };
    struct Condition {
        std::optional<std::string> filter;  // none: the fallback
        std::shared_ptr<ParamValue> value;
    };
    Kind kind = Kind::Scalar;
    nlohmann::json scalar;                 // number, bool or string
    std::vector<nlohmann::json> gradient;  // all numbers, or all scalars of another kind
    std::vector<Condition> conditions;
    int line = 0;                          // where it was written (0: built in code)

    static ParamValue number(double v) {
        ParamValue p;
        p.scalar = v;
        return p;
    }
};

using ParamMap = std::map<std::string, ParamValue>;

// mergekit's evaluate_setting: the value for a tensor at relative depth t, or
// null when no conditional matches.
nlohmann::json evaluate_param(const ParamValue& value, const std::string& tensor_name, double t);

struct SliceSource {
    std::string model;                       // as written in the config
    std::optional<std::pair<int64_t, int64_t>> layer_range;  // none for a `models:` entry: every layer
    ParamMap parameters;
    int line = 0;
};

struct ConfigSlice {
    std::vector<SliceSource> sources;
    std::string base_model;  // "" = the config's
    ParamMap parameters;
    int line = 0;
};

struct MergeConfig {
    std::string merge_method;
    int merge_method_line = 0;
    std::string base_model;
    int base_model_line = 0;
    bool from_slices = false;          // written with `slices:` (else `models:`)
    std::vector<ConfigSlice> slices;   // a `models:` config is one slice of whole models
    ParamMap parameters;
    std::string dtype, out_dtype;
    std::string tokenizer_source;      // "", "base", "union" or a model reference
    int tokenizer_line = 0;
    std::string chat_template;
    uint64_t seed = 42;                // Lancet's fixed stream for the random methods (DARE, DELLA)
    // Lancet's TIES variants, which mergekit's format cannot say (comment
    // "# lancet-options: election=paper trim=vector"): the paper's sign
    // election (weights applied after it) and its trim over the whole task vector.
    bool paper_election = false;
    bool whole_vector_trim = false;

    // Every model the config names (base first when set), without repeats.
    std::vector<std::string> referenced_models() const;
};

// Looks parameters up for one tensor of one output slice (mergekit's ConfigReader).
class ParamReader {
public:
    ParamReader(const MergeConfig& config, const ConfigSlice& slice, std::string tensor_name, double t)
        : config_(config), slice_(slice), tensor_(std::move(tensor_name)), t_(t) {}
    // model empty: a global parameter (slice, then global). null when unset.
    nlohmann::json get(const std::string& name, const std::string& model = "") const;
    const std::string& tensor_name() const { return tensor_; }
    double t() const { return t_; }

private:
    const MergeConfig& config_;
    const ConfigSlice& slice_;
    std::string tensor_;
    double t_;
};

// Where model references point: mergekit configs name Hub repositories
// ("org/name"); Lancet never downloads, so each must be a local folder.
struct ModelResolver {
    std::map<std::string, std::string> map;  // reference -> folder (--model NAME=PATH)
    std::vector<std::string> model_dirs;      // folders holding downloaded models (--model-dir)
    std::string config_dir;                   // the YAML file's folder

    // Tried in order: the map; the reference as a path; relative to the
    // config's folder; DIR/reference and DIR/<last part of it> for each model
    // dir (also DIR/org--name, the Hub cache's spelling). NotFound otherwise,
    // with a message saying how to download it and pass the path.
    Expected<std::string> resolve(const std::string& reference) const;
};

}  // namespace lancet
