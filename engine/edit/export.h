// Exports a (possibly edited) model as a Hugging Face folder: config.json,
// model.safetensors (sharded past max_shard_bytes) and the source folder's
// tokenizer files, written into a staging directory beside the target and
// committed atomically (io/atomic_file.h). The source model's folder and
// shard files are protected: the export can never replace them.
#pragma once

#include "core/job.h"
#include "core/result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lancet {

class Model;

struct ExportOptions {
    bool overwrite = false;             // replace an existing out_dir (never the source)
    // "model": the working dtype (on the CPU that is float32 even for fp16
    // checkpoints); "checkpoint": config.json's torch_dtype/dtype when it names
    // float32/float16/bfloat16; or "float32", "float16", "bfloat16".
    std::string dtype = "model";
    uint64_t max_shard_bytes = 5ull << 30;
    nlohmann::json provenance;          // written as lancet-edits.json when not null (e.g. the edit list)
    // Where the tokenizer and generation files come from when not the model's
    // own folder (a merge built in memory takes its base's); "" = model.path().
    std::string side_files_dir;
};

struct ExportResult {
    std::string dir;
    std::vector<std::string> files;     // names written, in the folder
    std::string dtype;
};

// "<source folder>-edited" beside the source (the caller may add a suffix).
std::string default_export_dir(const Model& model);

// The tokenizer and generation files copied from the source folder when present.
const std::vector<std::string>& exported_side_files();

Expected<ExportResult> export_hf_folder(const Model& model, const std::string& out_dir, const ExportOptions& options = {},
                                        const JobContext& job = {});

}  // namespace lancet
