// mergekit YAML: the live subset of a configuration as a MergeSpec, one-shot
// merges as an AppliedMerge, and writing either back as a configuration
// mergekit and Lancet both read. Reading the YAML itself (torch-free, fuzzed)
// is merge/merge_config_yaml.h; method and parameter names are checked here,
// against the method table (merge/merge_methods.h), with the line.
#pragma once

#include "core/result.h"
#include "merge/merge.h"
#include "merge/merge_config.h"
#include "merge/merge_config_yaml.h"
#include "merge/merge_methods.h"

#include <string>

namespace lancet {

// The part of a configuration the live Merger drives: linear, task_arithmetic,
// ties, dare_linear or dare_ties over `models:`, one number per model for
// weight and density, global lambda (optionally per layer, as written by
// to_mergekit_yaml), normalize, rescale (true for DARE only). Anything else is
// Unsupported with its line and a pointer to `lancet-cli merge CONFIG --out`.
// Imported specs take mergekit's semantics (weights in the election, per-tensor
// trim, mergekit's normalize defaults) unless the lancet-options comment says otherwise.
Expected<MergeSpec> spec_from_config(const MergeConfig& config);
Expected<MergeSpec> parse_mergekit_yaml(const std::string& text);
Expected<MergeSpec> load_mergekit_yaml(const std::string& path);

// The spec as mergekit YAML: models with weight (and density where the method
// uses it), lambda and normalize, dtype, the seed comment; per-layer scales as
// a `lambda` list of {filter: "h.N." / "layers.N." ..., value: lambda * scale}
// conditionals. Numbers are written in the shortest form that reads back exactly.
std::string to_mergekit_yaml(const MergeSpec& spec);

// A one-shot merge with any method of the table (the merge session's apply
// mode): single values only, whole models.
struct AppliedMerge {
    std::string method;
    std::string base_model;
    std::vector<std::string> models;     // besides the base, in order
    MergeParams params;                  // global
    std::vector<MergeParams> per_model;  // same order as models
    uint64_t seed = 42;
};

// The config as an AppliedMerge: `models:` only, every parameter a single
// value (Unsupported with the line otherwise, pointing at `merge CONFIG --out`).
Expected<AppliedMerge> applied_from_config(const MergeConfig& config);
std::string to_mergekit_yaml(const AppliedMerge& merge);

}  // namespace lancet
