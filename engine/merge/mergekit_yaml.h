// Import and export of mergekit YAML configurations (the subset Lancet merges):
//
//   merge_method: ties            # linear, task_arithmetic, ties, dare_ties, dare_linear
//   base_model: path/to/base
//   models:
//     - model: path/to/task
//       parameters: {weight, density}   (block mapping)
//   parameters: {lambda, normalize}    (block mapping)
//   dtype: float16
//
// The parser is hand-written for a YAML subset: block mappings, block sequences
// of mappings ("- key: value"), plain / single- / double-quoted scalars and
// comments. Anything else (flow collections, anchors, tags, block scalars,
// multi-document streams, gradients and filters) is refused with its line number.
// Imported configs use mergekit's semantics (weights in the TIES sign election,
// per-tensor trim, mergekit's default normalize per method); DARE still rescales
// by 1/(1-p).
#pragma once

#include "core/result.h"
#include "merge/merge.h"

#include <nlohmann/json.hpp>

#include <string>

namespace lancet {

// The YAML subset as JSON (mappings -> objects in file order is not kept;
// scalars -> number / bool / null / string). InvalidFile "line N: ..." on error.
Expected<nlohmann::json> parse_yaml_subset(const std::string& text);

Expected<MergeSpec> parse_mergekit_yaml(const std::string& text);
Expected<MergeSpec> load_mergekit_yaml(const std::string& path);
std::string to_mergekit_yaml(const MergeSpec& spec);

}  // namespace lancet
