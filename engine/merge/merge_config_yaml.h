// mergekit YAML -> MergeConfig (merge/merge_config.h), torch-free: text in, a
// checked configuration or an Error whose message starts "line N: " out.
//
// Lancet's checks on top of the YAML library: unknown fields, duplicate keys,
// malformed values, a `layer_range` that is not two increasing integers, both
// `tokenizer` and `tokenizer_source`, and `modules:` (not supported) are
// refused naming the field; YAML nested deeper than yaml-cpp's depth guard
// allows is refused with its line instead of exhausting the stack. Method and
// parameter names are checked later, against the method table, when the
// config is run or turned into a MergeSpec (merge/mergekit_yaml.h).
//
// Lancet's fixed random stream for DARE and DELLA is carried in a comment
// mergekit ignores: "# lancet-seed: N" (mergekit takes --random-seed); so are
// Lancet's paper-TIES variants: "# lancet-options: election=paper trim=vector".
#pragma once

#include "core/result.h"
#include "merge/merge_config.h"

#include <string>

namespace lancet {

Expected<MergeConfig> parse_merge_config(const std::string& text);
Expected<MergeConfig> load_merge_config(const std::string& path);

// "line N: ", the prefix of every error about a place in a config ("" for line 0).
std::string at_line(int line);

}  // namespace lancet
