// Runs a mergekit configuration (merge/merge_config.h) on local checkpoints:
// every method of merge/merge_methods.h, gradients and filters evaluated per
// tensor, `slices:` stacking layers into a model of a new depth.
//
// Order of work, so that a bad config fails before any weight is read:
//   1. the method, its parameter names and the number of models per slice
//      (check_merge_config, no files);
//   2. every model reference resolved to a local folder (ModelResolver);
//   3. config.json of each: the same architecture family and width; the
//      tokenizers compared (vocab_size and the tokenizer files' bytes):
//      differing vocabularies are refused with what differs, because Lancet
//      does not permute embeddings to a union vocabulary (mergekit's
//      tokenizer_source: union); identical ones merge under any tokenizer_source;
//   4. tensor names and shapes from the safetensors headers, per slice;
//   5. then, tensor by tensor: read the inputs (float32), evaluate the
//      parameters for that tensor at its relative depth t, run the kernel,
//      cast to out_dtype (else dtype, else the base's stored dtype).
//
// Tensors are read lazily one output tensor at a time, so peak memory is the
// output plus one tensor per input model. Non-float tensors (masks, buffers)
// are copied from the slice's first source.
#pragma once

#include "core/job.h"
#include "core/result.h"
#include "merge/merge_config.h"
#include "model/architecture.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace lancet {

// The checks that need no files: a known method, parameter names the method
// uses (named with their line), models per slice within the method's limits,
// a base model where the method needs one, slices of equal length.
Expected<void> check_merge_config(const MergeConfig& config);

struct ConfigMergeOptions {
    ModelResolver resolver;
    std::string device = "cpu";  // where the kernels run
};

struct ConfigMergeResult {
    TensorMap tensors;           // output checkpoint names -> tensors (CPU, output dtype)
    nlohmann::json config_json;  // the template model's config.json with the output's layer count
    std::string template_dir;    // the folder whose tokenizer files the output carries
    std::map<std::string, std::string> model_dirs;  // reference -> folder
    int64_t n_layer = 0;
    std::string dtype;           // of the output tensors
    std::vector<std::string> notes;  // what was accepted but has no effect (chat_template, int8_mask)
};

Expected<ConfigMergeResult> run_merge_config(const MergeConfig& config, const ConfigMergeOptions& options = {},
                                             const JobContext& job = {});

// run_merge_config, then writes the result as a Hugging Face folder
// (edit/export.h: atomic, never over an input) with the template's tokenizer
// files and the config as provenance. {dir, files, dtype, method, layers, tensors, models{ref: dir}, notes}.
Expected<nlohmann::json> merge_config_to_folder(const MergeConfig& config, const std::string& out_dir,
                                                const ConfigMergeOptions& options = {}, const JobContext& job = {});

}  // namespace lancet
